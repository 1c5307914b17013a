//! Whether two values are the same JSON value wherever they sit in their
//! texts: the test that a format changed layout only, not content.

use crate::{Value, ValueKind};

/// Whether two values are the same JSON value, ignoring where they are in
/// their texts: members in the same order with equal decoded keys, strings
/// equal after decoding, numbers with equal source text.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (&a.kind, &b.kind) {
        (ValueKind::Object(x), ValueKind::Object(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(m, n)| {
                    m.key.decoded.as_str() == n.key.decoded.as_str()
                        && match (&m.value, &n.value) {
                            (Some(v), Some(w)) => same_value(v, w),
                            (None, None) => true,
                            _ => false,
                        }
                })
        }
        (ValueKind::Array(x), ValueKind::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_value(v, w))
        }
        (ValueKind::String(x), ValueKind::String(y)) => x.decoded.as_str() == y.decoded.as_str(),
        (ValueKind::Number(x), ValueKind::Number(y)) => x == y,
        (ValueKind::Bool(x), ValueKind::Bool(y)) => x == y,
        (ValueKind::Null, ValueKind::Null) | (ValueKind::Error, ValueKind::Error) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::JsonDocument;

    fn same(a: &str, b: &str) -> bool {
        let (a, b) = (JsonDocument::parse(a.into()), JsonDocument::parse(b.into()));
        same_value(a.root().expect("value"), b.root().expect("value"))
    }

    #[test]
    fn spans_and_spelling_do_not_matter() {
        assert!(same(r#"{"a": [1, "x"]}"#, "  {\n\"a\" : [ 1 ,\"x\" ] }"));
        assert!(same(r#""\u0041""#, r#""A""#));
    }

    #[test]
    fn content_and_order_do() {
        assert!(!same(r#"{"a": 1, "b": 2}"#, r#"{"b": 2, "a": 1}"#));
        assert!(!same("[1, 2]", "[1]"));
        assert!(!same("1.0", "1"));
        assert!(!same(r#"{"a": null}"#, r#"{"a": false}"#));
        assert!(!same(r#"["a"]"#, r#"["b"]"#));
        assert!(!same("{}", "[]"));
    }
}
