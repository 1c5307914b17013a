//! Small read helpers over the JSONC value model.

use iml_jsonc::{Member, Value, ValueKind};

pub(crate) fn members(value: &Value) -> &[Member] {
    match &value.kind {
        ValueKind::Object(members) => members,
        _ => &[],
    }
}

/// The value of the last member named `key` (Make's tools keep the last duplicate).
pub(crate) fn get<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    members(value)
        .iter()
        .rev()
        .find(|member| member.key.decoded.as_str() == key)
        .and_then(|member| member.value.as_ref())
}

pub(crate) fn as_str(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::String(string) => Some(string.decoded.as_str()),
        _ => None,
    }
}

pub(crate) fn get_str<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    get(value, key).and_then(as_str)
}

pub(crate) fn has_key(value: &Value, key: &str) -> bool {
    members(value)
        .iter()
        .any(|member| member.key.decoded.as_str() == key)
}
