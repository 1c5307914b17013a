//! The value model: JSON values with their source ranges, object members with
//! decoded keys.

use text_size::TextRange;

use crate::DecodedString;

/// A JSON value with its source span.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Object(Vec<Member>),
    Array(Vec<Value>),
    String(JsonString),
    /// The number's source text.
    Number(String),
    Bool(bool),
    Null,
    /// Something the parser could not make sense of, or a container nested
    /// deeper than [`crate::MAX_MODEL_DEPTH`].
    Error,
}

/// `"key": value` inside an object. `value` is `None` when it is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: JsonString,
    pub value: Option<Value>,
    /// From the start of the key to the end of the value (or the key when the value is missing).
    pub range: TextRange,
}

/// A string literal: its span (quotes included) and decoded content.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonString {
    pub range: TextRange,
    pub decoded: DecodedString,
}
