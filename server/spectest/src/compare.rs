//! Expected against actual. Objects match as a subset (every expected key
//! must be there and match; other keys may be present), arrays must have
//! the same length and match item by item, numbers compare as numbers
//! (`1` and `1.0` are equal), everything else exactly. A mismatch names
//! the result path, both values, and where in the test file the
//! expectation is written.

use iml_jsonc::{TextRange, Value as JsonValue};

use crate::Origin;
use crate::json::{push, source_range};

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// JSON pointer into the results (`/data/accessToken`).
    pub path: String,
    pub message: String,
    pub expected: Option<serde_json::Value>,
    /// `None` when the flow produced nothing there.
    pub actual: Option<serde_json::Value>,
    /// The expression (or request, or recorded response) that produced
    /// the actual value, when known.
    pub origin: Option<Origin>,
    /// Where the expectation is written in the test file.
    pub expected_range: Option<TextRange>,
}

/// Compares every expected result with the actual one. `expect_pointer`
/// is the case's `expect` in the test file; `origin_of` resolves a result
/// path to the place that produced it.
pub(crate) fn compare(
    expected: &serde_json::Map<String, serde_json::Value>,
    actual: &serde_json::Value,
    test_root: Option<&JsonValue>,
    expect_pointer: &str,
    origin_of: &dyn Fn(&str) -> Option<Origin>,
) -> Vec<Mismatch> {
    let mut found = Vec::new();
    for (key, value) in expected {
        let path = push("", key);
        walk(value, actual.get(key), &path, &mut found);
    }
    for mismatch in &mut found {
        mismatch.origin = origin_of(&mismatch.path);
        mismatch.expected_range = test_root
            .and_then(|root| expected_range(root, &format!("{expect_pointer}{}", mismatch.path)));
    }
    found
}

/// The test-file span of an expectation, or of the nearest enclosing one
/// (a missing key is reported at its object).
fn expected_range(root: &JsonValue, pointer: &str) -> Option<TextRange> {
    let mut at = pointer.to_owned();
    loop {
        if let Some(range) = source_range(root, &at, None) {
            return Some(range);
        }
        at.truncate(at.rfind('/')?);
    }
}

fn walk(
    expected: &serde_json::Value,
    actual: Option<&serde_json::Value>,
    path: &str,
    found: &mut Vec<Mismatch>,
) {
    use serde_json::Value as J;
    let Some(actual) = actual else {
        found.push(mismatch(path, "nothing was written here", expected, None));
        return;
    };
    match (expected, actual) {
        (J::Object(want), J::Object(have)) => {
            for (key, value) in want {
                walk(value, have.get(key), &push(path, key), found);
            }
        }
        (J::Array(want), J::Array(have)) => {
            if want.len() != have.len() {
                found.push(mismatch(
                    path,
                    &format!("expected {} items, got {}", want.len(), have.len()),
                    expected,
                    Some(actual),
                ));
                return;
            }
            for (index, (w, h)) in want.iter().zip(have).enumerate() {
                walk(w, Some(h), &format!("{path}/{index}"), found);
            }
        }
        (J::Number(w), J::Number(h)) if w.as_f64() == h.as_f64() => {}
        (w, h) if w == h => {}
        _ => found.push(mismatch(path, "values differ", expected, Some(actual))),
    }
}

fn mismatch(
    path: &str,
    message: &str,
    expected: &serde_json::Value,
    actual: Option<&serde_json::Value>,
) -> Mismatch {
    Mismatch {
        path: path.to_owned(),
        message: message.to_owned(),
        expected: Some(expected.clone()),
        actual: actual.cloned(),
        origin: None,
        expected_range: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expected: serde_json::Value, actual: serde_json::Value) -> Vec<(String, String)> {
        let expected = expected.as_object().unwrap().clone();
        compare(&expected, &actual, None, "", &|_| None)
            .into_iter()
            .map(|m| (m.path, m.message))
            .collect()
    }

    #[test]
    fn objects_match_as_a_subset() {
        assert!(
            run(
                json!({"data": {"a": 1}}),
                json!({"data": {"a": 1.0, "b": 2}})
            )
            .is_empty()
        );
        assert_eq!(
            run(json!({"data": {"a": 1, "c": 3}}), json!({"data": {"a": 2}})),
            [
                ("/data/a".to_owned(), "values differ".to_owned()),
                ("/data/c".to_owned(), "nothing was written here".to_owned())
            ]
        );
    }

    #[test]
    fn arrays_must_have_the_same_length() {
        assert_eq!(
            run(
                json!({"steps": ["token"]}),
                json!({"steps": ["token", "info"]})
            ),
            [("/steps".to_owned(), "expected 1 items, got 2".to_owned())]
        );
        assert_eq!(
            run(
                json!({"requests": [{"url": "x"}]}),
                json!({"requests": [{"url": "y", "method": "GET"}]})
            ),
            [("/requests/0/url".to_owned(), "values differ".to_owned())]
        );
    }

    #[test]
    fn null_and_types_are_exact() {
        assert_eq!(run(json!({"uid": "1"}), json!({"uid": 1})).len(), 1);
        assert!(run(json!({"error": null}), json!({"error": null})).is_empty());
        assert_eq!(run(json!({"uid": null}), json!({})).len(), 1);
    }

    #[test]
    fn keys_with_slashes_are_escaped_in_paths() {
        assert_eq!(
            run(json!({"temp": {"a/b": 1}}), json!({"temp": {"a/b": 2}}))[0].0,
            "/temp/a~1b"
        );
    }
}
