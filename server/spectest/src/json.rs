//! Spec values as the evaluator takes them (`serde_json`), and the way back
//! from a JSON pointer to the source span it came from, so that a result
//! can name the expression that produced it.

use iml_jsonc::{TextRange, Value, ValueKind};

/// The plain JSON of a parsed JSONC value. Numbers keep their source text
/// where it is valid JSON; anything the parser could not read is `null`.
pub fn to_serde(value: &Value) -> serde_json::Value {
    match &value.kind {
        ValueKind::Object(members) => {
            let mut map = serde_json::Map::new();
            for member in members {
                if let Some(item) = &member.value {
                    map.insert(member.key.decoded.as_str().to_owned(), to_serde(item));
                }
            }
            serde_json::Value::Object(map)
        }
        ValueKind::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        ValueKind::String(s) => serde_json::Value::String(s.decoded.as_str().to_owned()),
        ValueKind::Number(text) => serde_json::from_str(text).unwrap_or(serde_json::Value::Null),
        ValueKind::Bool(b) => serde_json::Value::Bool(*b),
        ValueKind::Null | ValueKind::Error => serde_json::Value::Null,
    }
}

/// The member `key` of an object value.
pub fn member<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    match &value.kind {
        ValueKind::Object(members) => members
            .iter()
            .rev()
            .find(|m| m.key.decoded.as_str() == key)
            .and_then(|m| m.value.as_ref()),
        _ => None,
    }
}

/// The value a JSON pointer (`/token/response/data/accessToken`) names.
pub fn at_pointer<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut current = value;
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        current = match &current.kind {
            ValueKind::Object(_) => member(current, &token)?,
            ValueKind::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The source span of `range` inside the string at `pointer` (an
/// evaluator error's place), or of the whole value when it is no string.
pub fn source_range(root: &Value, pointer: &str, inner: Option<TextRange>) -> Option<TextRange> {
    let value = at_pointer(root, pointer)?;
    match (&value.kind, inner) {
        (ValueKind::String(s), Some(inner)) => Some(s.decoded.range_to_source(inner)),
        _ => Some(value.range),
    }
}

/// Appends one key to a JSON pointer.
pub fn push(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use iml_jsonc::JsonDocument;

    #[test]
    fn a_pointer_leads_back_to_its_source() {
        let text = "// c\n{\"a\": {\"b/c\": [1, \"x{{y}}\"]}}";
        let doc = JsonDocument::parse(text.to_owned());
        let root = doc.root().unwrap();
        assert_eq!(
            to_serde(root),
            serde_json::json!({"a": {"b/c": [1, "x{{y}}"]}})
        );
        let range = source_range(root, "/a/b~1c/1", None).unwrap();
        assert_eq!(&text[range], "\"x{{y}}\"");
        let inner = TextRange::new(1.into(), 6.into());
        assert_eq!(
            &text[source_range(root, "/a/b~1c/1", Some(inner)).unwrap()],
            "{{y}}"
        );
        assert!(at_pointer(root, "/a/missing").is_none());
    }
}
