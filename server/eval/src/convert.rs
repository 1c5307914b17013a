//! Conversions between IML values, JSON and the types functions expect,
//! following Make's type-coercion table (help.make.com/type-coercion).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::moment;
use crate::value::Value;

/// A JSON value as IML sees it (numbers become floats).
pub fn from_json(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            Value::Collection(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

/// The JSON form of a value, as Make sends it to an API: dates as ISO 8601
/// in UTC with milliseconds. Where the docs are silent: undefined becomes
/// `null`, a buffer its UTF-8 text (lossy), an unknown value `null` (ask
/// [`Value::unknown_input`] first), a non-finite number `null`.
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Undefined | Value::Null | Value::Unknown(_) => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => number_json(*n),
        Value::Text(s) => serde_json::Value::String(s.clone()),
        Value::Date(ts) => serde_json::Value::String(iso(*ts)),
        Value::Binary(bytes) => {
            serde_json::Value::String(String::from_utf8_lossy(bytes).into_owned())
        }
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Collection(props) => {
            let mut map = serde_json::Map::new();
            for (k, v) in props {
                map.insert(k.clone(), to_json(v));
            }
            serde_json::Value::Object(map)
        }
    }
}

fn number_json(n: f64) -> serde_json::Value {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// ISO 8601 in UTC with milliseconds: `2024-01-31T12:00:00.000Z`.
pub fn iso(ts: Timestamp) -> String {
    let dt = ts.to_zoned(TimeZone::UTC).datetime();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.subsec_nanosecond() / 1_000_000
    )
}

/// Number to text as JavaScript writes it (`1`, `0.5`, `NaN`, `Infinity`).
pub fn number_text(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 {
        "0".into()
    } else {
        format!("{n}")
    }
}

/// Text coercion: what interpolation and text-taking functions see.
/// Null and undefined become empty text; a collection becomes JSON; an
/// array of primitives joins with commas (JavaScript's `String(array)`),
/// an array of collections is a comma-separated list of their JSON.
pub fn to_text(value: &Value) -> String {
    match value {
        Value::Undefined | Value::Null | Value::Unknown(_) => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(*n),
        Value::Text(s) => s.clone(),
        Value::Date(ts) => iso(*ts),
        Value::Binary(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Value::Array(items) => items.iter().map(to_text).collect::<Vec<_>>().join(","),
        Value::Collection(_) => to_json(value).to_string(),
    }
}

/// Number coercion; `None` is a validation error. Text is parsed (blank
/// text is an error), a date gives its milliseconds, a boolean 1 or 0.
pub fn to_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return None;
            }
            t.parse::<f64>().ok().filter(|n| !n.is_nan())
        }
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Date(ts) => Some(ts.as_millisecond() as f64),
        _ => None,
    }
}

/// Date coercion: a date stays, a number is milliseconds since 1970 UTC,
/// text is parsed in one of the layouts Make lists; text without an offset
/// is wall-clock time in `zone`.
pub fn to_date(value: &Value, zone: &TimeZone) -> Option<Timestamp> {
    match value {
        Value::Date(ts) => Some(*ts),
        Value::Number(n) if n.is_finite() => Timestamp::from_millisecond(*n as i64).ok(),
        Value::Text(s) => text_to_date(s.trim(), zone),
        _ => None,
    }
}

/// The layouts of help.make.com/type-coercion, most specific first.
const DATE_LAYOUTS: &[&str] = &[
    "YYYY-MM-DD HH:mm:ss Z",
    "YYYY-MM-DD HH:mm:ss",
    "YYYY-MM-DD HH:mmZ",
    "YYYY-MM-DD HH:mm",
    "YYYY-MM-DD",
    "YYYY/MM/DD HH:mm:ssZ",
    "YYYY/MM/DD HH:mm:ss",
    "YYYY/MM/DD h:mm A",
    "YYYY/MM/DD HH:mm",
    "YYYY/MM/DD",
    "MM/DD/YYYY HH:mm:ssZ",
    "MM/DD/YYYY HH:mm:ss",
    "MM/DD/YYYY h:mm A",
    "MM/DD/YYYY HH:mm",
    "MM/DD/YYYY",
    "D.M.YYYY HH:mm:ssZ",
    "D.M.YYYY HH:mm:ss",
    "D.M.YYYY HH:mm",
    "D.M.YYYY",
];

fn text_to_date(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    // ` GMT+01:00` is written before the offset in one documented layout.
    let text = text.replace(" GMT", " ");
    if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        return zone.to_ambiguous_timestamp(dt).compatible().ok();
    }
    DATE_LAYOUTS
        .iter()
        .find_map(|layout| moment::parse(&text, layout, zone).ok())
}

/// Array coercion: an array stays, anything else becomes a one-item array
/// (null and undefined an empty one, where the docs are silent).
pub fn to_array(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.clone(),
        Value::Undefined | Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

/// Binary coercion: text as UTF-8, other primitives through their text.
pub fn to_bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::Binary(bytes) => bytes.clone(),
        other => to_text(other).into_bytes(),
    }
}
