//! Schemas of single values: IML strings, enumerations, value shapes.

use iml_catalogue::{EnumId, JsonKind, enumeration};
use serde_json::{Map, Value, json};

/// A string holding at least one `{{ … }}` expression. JSON Schema patterns
/// are unanchored, so this matches the expression anywhere in the string.
pub const IML_PATTERN: &str = r"\{\{[\s\S]*\}\}";

pub fn iml_string() -> Value {
    json!({ "type": "string", "pattern": IML_PATTERN })
}

pub fn kind_name(kind: JsonKind) -> &'static str {
    match kind {
        JsonKind::String => "string",
        JsonKind::Number => "number",
        JsonKind::Bool => "boolean",
        JsonKind::Null => "null",
        JsonKind::Object => "object",
        JsonKind::Array => "array",
    }
}

/// A literal of `id`; where the enumeration allows it, an IML string instead.
/// Open enumerations only suggest their values (`examples`).
pub fn enumerated(id: EnumId, iml: bool) -> Value {
    let en = enumeration(id);
    let literals: Vec<&str> = en.values.iter().map(|v| v.value).collect();
    if !en.closed {
        return json!({ "type": "string", "examples": literals });
    }
    let closed = json!({ "enum": literals });
    if iml && en.iml_allowed {
        json!({ "anyOf": [closed, iml_string()] })
    } else {
        closed
    }
}

/// `anyOf` of the given alternatives, flattened when there is only one.
pub fn any_of(mut alternatives: Vec<Value>) -> Value {
    if alternatives.len() == 1 {
        alternatives.remove(0)
    } else {
        json!({ "anyOf": alternatives })
    }
}

/// Adds a `description` (and a `default`) to a schema object; a `$ref`
/// sibling keyword is ignored by draft-07, so a reference is wrapped first.
pub fn describe(schema: Value, doc: &str, default: Option<&str>) -> Value {
    let mut schema = match schema {
        Value::Object(map) if map.contains_key("$ref") => json!({ "allOf": [Value::Object(map)] }),
        Value::Object(map) => Value::Object(map),
        other => json!({ "allOf": [other] }),
    };
    if let Value::Object(map) = &mut schema {
        if !doc.is_empty() {
            map.insert("description".into(), Value::String(doc.to_owned()));
        }
        if let Some(default) = default.and_then(|d| serde_json::from_str::<Value>(d).ok()) {
            map.insert("default".into(), default);
        }
    }
    schema
}

/// A closed object: listed properties, listed required keys, nothing else.
pub fn closed_object(properties: Map<String, Value>, required: Vec<String>) -> Value {
    let mut object = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}
