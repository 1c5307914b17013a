//! Make's value model: text, numbers, booleans, null and undefined, arrays,
//! collections, dates and binary data, plus "unknown" for inputs the
//! evaluator cannot see (custom functions, random values, missing inputs).

use jiff::Timestamp;

/// One IML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    /// An instant; shown as ISO 8601 in UTC with milliseconds.
    Date(Timestamp),
    Binary(Vec<u8>),
    Array(Vec<Value>),
    /// A collection (object), properties in their written order.
    Collection(Vec<(String, Value)>),
    /// A value the evaluator cannot know; it propagates through every
    /// operation that uses it.
    Unknown(Unknown),
}

/// Why a value is unknown, in words a hover can show: the input it came
/// from (`parameters.token`, `custom function \`sign\``, `random`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub input: String,
}

impl Value {
    pub fn unknown(input: impl Into<String>) -> Value {
        Value::Unknown(Unknown {
            input: input.into(),
        })
    }

    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// The first unknown input inside this value (itself or an item).
    pub fn unknown_input(&self) -> Option<&Unknown> {
        match self {
            Value::Unknown(u) => Some(u),
            Value::Array(items) => items.iter().find_map(Value::unknown_input),
            Value::Collection(props) => props.iter().find_map(|(_, v)| v.unknown_input()),
            _ => None,
        }
    }

    /// Make's type names, as its docs use them.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Text(_) => "text",
            Value::Date(_) => "date",
            Value::Binary(_) => "buffer",
            Value::Array(_) => "array",
            Value::Collection(_) => "collection",
            Value::Unknown(_) => "unknown",
        }
    }

    /// `ifempty`'s notion of empty [APPS iml]: undefined, null or empty text.
    /// Where the docs are silent we also count an empty array as empty (the
    /// `emptyarray` keyword exists to be tested against) but not `0`,
    /// `false` or an empty collection.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => true,
            Value::Text(s) => s.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        }
    }

    /// Boolean coercion of Make's type-coercion table: a number is true
    /// even when 0; text is false when empty or `false`; other values are
    /// true when they exist.
    pub fn to_bool(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Text(s) => !(s.is_empty() || s == "false"),
            _ => true,
        }
    }

    /// Looks up a property of a collection.
    pub fn property(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Collection(props) => props.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A rough size in bytes, for the size budget; stops counting past
    /// `limit` so it stays cheap on big values.
    pub fn size_within(&self, limit: usize) -> usize {
        let mut total = 0usize;
        let mut stack = vec![self];
        while let Some(v) = stack.pop() {
            total += match v {
                Value::Text(s) => s.len(),
                Value::Binary(b) => b.len(),
                Value::Array(items) => {
                    stack.extend(items.iter());
                    8
                }
                Value::Collection(props) => {
                    for (k, v) in props {
                        total += k.len();
                        stack.push(v);
                    }
                    8
                }
                _ => 8,
            };
            if total > limit {
                return total;
            }
        }
        total
    }
}

/// Equality of `==`, `switch`, `contains`, `remove` and the deduplicating
/// functions. App IML's `=`/`==` are strict [APPS iml], so `'1'` and `1`
/// differ. Where the docs are silent we compare arrays and collections
/// deeply and dates by their instant.
pub fn strict_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| strict_equal(a, b))
        }
        (Value::Collection(x), Value::Collection(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| b.property(k).is_some_and(|w| strict_equal(v, w)))
        }
        _ => a == b,
    }
}
