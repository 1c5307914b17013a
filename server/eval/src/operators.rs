//! What IML's operators do with known values, as JavaScript does: truthiness,
//! number conversion, ordering, the binary operators, and Make's 1-based
//! array positions. The evaluator and the built-in functions that compare
//! or index both follow these rules.

use std::cmp::Ordering;

use iml_lang::BinaryOp;

use crate::convert;
use crate::value::{Value, strict_equal};

/// Array items count from 1; `-1` is the last item [APPS iml]. Where the
/// docs are silent, 0 and fractions give nothing.
pub fn item_at(items: &[Value], n: f64) -> Option<&Value> {
    if n.fract() != 0.0 || !n.is_finite() {
        return None;
    }
    let len = items.len() as f64;
    let at = if n > 0.0 { n - 1.0 } else { len + n };
    if at < 0.0 || at >= len {
        None
    } else {
        items.get(at as usize)
    }
}

/// JavaScript truthiness, used by `!`, `&&` and `||` (IML operators are
/// JavaScript's): `0`, `NaN`, empty text, null, undefined and false are falsy.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => *n != 0.0 && !n.is_nan(),
        Value::Text(s) => !s.is_empty(),
        _ => true,
    }
}

/// JavaScript's number conversion for arithmetic: null is 0, undefined
/// and unparsable text NaN, a date its milliseconds.
pub fn js_number(v: &Value) -> f64 {
    match v {
        Value::Null => 0.0,
        Value::Text(s) if s.trim().is_empty() => 0.0,
        other => convert::to_number(other).unwrap_or(f64::NAN),
    }
}

/// The non-short-circuit binary operators on two known values.
pub fn apply_binary(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let num = |f: fn(f64, f64) -> f64| Value::Number(f(js_number(left), js_number(right)));
    match op {
        BinaryOp::Add => {
            let numeric = |v: &Value| {
                matches!(
                    v,
                    Value::Number(_) | Value::Bool(_) | Value::Null | Value::Undefined
                )
            };
            if numeric(left) && numeric(right) {
                num(|a, b| a + b)
            } else {
                Value::Text(convert::to_text(left) + &convert::to_text(right))
            }
        }
        BinaryOp::Sub => num(|a, b| a - b),
        BinaryOp::Mul => num(|a, b| a * b),
        BinaryOp::Div => num(|a, b| a / b),
        BinaryOp::Rem => num(|a, b| a % b),
        BinaryOp::Lt => Value::Bool(compare(left, right) == Some(Ordering::Less)),
        BinaryOp::Le => Value::Bool(matches!(
            compare(left, right),
            Some(Ordering::Less | Ordering::Equal)
        )),
        BinaryOp::Gt => Value::Bool(compare(left, right) == Some(Ordering::Greater)),
        BinaryOp::Ge => Value::Bool(matches!(
            compare(left, right),
            Some(Ordering::Greater | Ordering::Equal)
        )),
        BinaryOp::Eq | BinaryOp::EqSingle | BinaryOp::StrictEq => {
            Value::Bool(strict_equal(left, right))
        }
        BinaryOp::Ne | BinaryOp::StrictNe => Value::Bool(!strict_equal(left, right)),
        BinaryOp::And | BinaryOp::Or => Value::Bool(false),
    }
}

/// Ordering of `<`, `>`: text with text by code points, anything else as
/// numbers (dates by their milliseconds); NaN compares with nothing.
pub fn compare(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
        _ => js_number(left).partial_cmp(&js_number(right)),
    }
}
