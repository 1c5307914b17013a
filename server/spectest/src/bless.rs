//! `--bless`: each case's `expect` rewritten with what the run produced,
//! as snapshot tools do. Only the `expect` values change; comments and the
//! rest of the file stay byte for byte. A case that could not run keeps
//! its expectations.

use iml_jsonc::{JsonDocument, TextRange, ValueKind};

use crate::TestFile;
use crate::json::at_pointer;
use crate::run::{CaseResult, Outcome};

/// The test file's text with every runnable case's expectations replaced
/// by its results (`results` in the order of `file.cases`).
pub fn bless(file: &TestFile, results: &[CaseResult]) -> String {
    let document = JsonDocument::parse(file.text.clone());
    let Some(root) = document.root() else {
        return file.text.clone();
    };
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    for (case, result) in file.cases.iter().zip(results) {
        if matches!(result.outcome, Outcome::Stopped(_)) {
            continue;
        }
        let Some(value) = at_pointer(root, &case.pointer) else {
            continue;
        };
        let ValueKind::Object(members) = &value.kind else {
            continue;
        };
        let Some(last) = members.last() else {
            continue;
        };
        let indent = line_indent(&file.text, last.key.range.start().into());
        let expect = indented(&result.actual, &indent);
        match case.expect_range {
            Some(range) => edits.push((range, expect)),
            None => {
                let end = last
                    .value
                    .as_ref()
                    .map_or(last.key.range, |v| v.range)
                    .end();
                edits.push((
                    TextRange::empty(end),
                    format!(",\n{indent}\"expect\": {expect}"),
                ));
            }
        }
    }
    let mut text = file.text.clone();
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start()));
    for (range, replacement) in edits {
        text.replace_range(std::ops::Range::<usize>::from(range), &replacement);
    }
    text
}

/// The whitespace that starts the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> String {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Keys in the order a reader follows a run: what ran, what was sent,
/// what was saved. Other keys follow in name order.
const KEY_ORDER: &[&str] = &[
    "steps", "requests", "step", "page", "status", "method", "url", "qs", "headers", "body",
    "type", "message", "data", "expires", "uid", "metadata", "temp", "output", "error",
];

/// Pretty JSON (two-space steps, keys in [`KEY_ORDER`]) whose lines after
/// the first start at `indent`.
fn indented(value: &serde_json::Value, indent: &str) -> String {
    let mut out = String::new();
    pretty(value, indent, true, &mut out);
    out
}

/// `ordered`: the results object and its requests and error, whose keys
/// [`KEY_ORDER`] ranks; app data keeps name order.
fn pretty(value: &serde_json::Value, indent: &str, ordered: bool, out: &mut String) {
    let inner = format!("{indent}  ");
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|key| {
                let rank = KEY_ORDER
                    .iter()
                    .position(|k| ordered && k == key)
                    .unwrap_or(KEY_ORDER.len());
                (rank, key.as_str())
            });
            out.push('{');
            for (index, key) in keys.iter().enumerate() {
                out.push_str(if index == 0 { "\n" } else { ",\n" });
                out.push_str(&inner);
                out.push_str(&serde_json::Value::String((*key).clone()).to_string());
                out.push_str(": ");
                let child_ordered = ordered && matches!(key.as_str(), "requests" | "error");
                pretty(&map[*key], &inner, child_ordered, out);
            }
            out.push('\n');
            out.push_str(indent);
            out.push('}');
        }
        serde_json::Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                out.push_str(if index == 0 { "\n" } else { ",\n" });
                out.push_str(&inner);
                pretty(item, &inner, ordered, out);
            }
            out.push('\n');
            out.push_str(indent);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn result(actual: serde_json::Value) -> CaseResult {
        CaseResult {
            name: "c".into(),
            name_range: TextRange::default(),
            outcome: Outcome::Passed,
            actual,
        }
    }

    #[test]
    fn an_existing_expect_is_replaced_and_comments_stay() {
        let text = "{\n  // cases\n  \"cases\": [\n    {\n      \"name\": \"c\", // why\n      \"expect\": {\"uid\": 1}\n    }\n  ]\n}\n";
        let file = TestFile::parse(PathBuf::from("t.tests.iml.json"), text.into());
        let blessed = bless(&file, &[result(serde_json::json!({"uid": 2}))]);
        expect_test::expect![[r#"
            {
              // cases
              "cases": [
                {
                  "name": "c", // why
                  "expect": {
                    "uid": 2
                  }
                }
              ]
            }
        "#]]
        .assert_eq(&blessed);
    }

    #[test]
    fn a_case_without_expect_gets_one_after_its_last_member() {
        let text = "{\"cases\": [\n  {\n    \"name\": \"c\" // last\n  }\n]}";
        let file = TestFile::parse(PathBuf::from("t.tests.iml.json"), text.into());
        let blessed = bless(&file, &[result(serde_json::json!({"steps": []}))]);
        expect_test::expect![[r#"
            {"cases": [
              {
                "name": "c",
                "expect": {
                  "steps": []
                } // last
              }
            ]}"#]]
        .assert_eq(&blessed);
    }
}
