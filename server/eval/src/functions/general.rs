//! General functions (help.make.com/general-functions): `if`, `ifempty`,
//! `switch`, `get`, `omit`, `pick`.

use iml_lang::Expr;

use super::Args;
use crate::context::{Ctx, EvalError, EvalExpr};
use crate::convert;
use crate::operators::item_at;
use crate::value::{Value, strict_equal};

/// Functions whose arguments are evaluated only when needed.
pub(crate) const LAZY: &[&str] = &["if", "ifempty", "switch"];

/// `if`, `ifempty` and `switch` evaluate only the argument they return
/// (the docs do not say; evaluating the branch not taken could only add
/// errors or unknowns the run never sees).
pub(crate) fn lazy(
    ctx: &mut Ctx<'_>,
    text: &str,
    name: &str,
    args: &[Expr],
    eval_expr: EvalExpr,
) -> Option<Result<Value, EvalError>> {
    match name {
        "if" => Some((|| {
            let condition = eval_expr(ctx, text, &args[0])?;
            if condition.is_unknown() {
                return Ok(condition);
            }
            // The condition follows Make's Boolean coercion (0 is true).
            let branch = if condition.to_bool() {
                &args[1]
            } else {
                &args[2]
            };
            eval_expr(ctx, text, branch)
        })()),
        "ifempty" => Some((|| {
            let value = eval_expr(ctx, text, &args[0])?;
            if value.is_unknown() || !value.is_empty() {
                return Ok(value);
            }
            eval_expr(ctx, text, &args[1])
        })()),
        "switch" => Some((|| {
            let subject = eval_expr(ctx, text, &args[0])?;
            if subject.is_unknown() {
                return Ok(subject);
            }
            let rest = &args[1..];
            let mut pairs = rest.chunks_exact(2);
            for pair in pairs.by_ref() {
                let candidate = eval_expr(ctx, text, &pair[0])?;
                if candidate.is_unknown() {
                    return Ok(candidate);
                }
                if strict_equal(&subject, &candidate) {
                    return eval_expr(ctx, text, &pair[1]);
                }
            }
            // An odd trailing argument is the default; without one, no
            // match gives undefined (the docs are silent).
            match pairs.remainder() {
                [default] => eval_expr(ctx, text, default),
                _ => Ok(Value::Undefined),
            }
        })()),
        _ => None,
    }
}

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    Some(match name {
        "get" => get(ctx, args.get(0), args.get(1)),
        "omit" | "pick" => args.collection(0).map(|props| {
            let keys: Vec<String> = (1..args.len()).map(|i| args.text(i)).collect();
            let keep = name == "pick";
            Value::Collection(
                props
                    .iter()
                    .filter(|(k, _)| keys.contains(k) == keep)
                    .cloned()
                    .collect(),
            )
        }),
        _ => return None,
    })
}

/// `get(value, path)`: dot steps, numeric steps count array items from 1
/// and `-1` is the last; `a[2].b` is read as `a.2.b`. A path that does not
/// exist gives undefined (the docs are silent).
pub(crate) fn get(ctx: &mut Ctx<'_>, value: &Value, path: &Value) -> Result<Value, String> {
    let path = match path {
        Value::Number(n) => convert::number_text(*n),
        other => convert::to_text(other),
    };
    let normalised = path.replace('[', ".").replace(']', "");
    let mut current = value.clone();
    for step in normalised.split('.').filter(|s| !s.is_empty()) {
        ctx.spend(1)?;
        current = step_into(&current, step);
        if matches!(current, Value::Undefined) {
            break;
        }
    }
    Ok(current)
}

pub(crate) fn step_into(value: &Value, step: &str) -> Value {
    match value {
        Value::Array(items) => step
            .parse::<f64>()
            .ok()
            .and_then(|n| item_at(items, n))
            .cloned()
            .unwrap_or(Value::Undefined),
        Value::Collection(_) => value.property(step).cloned().unwrap_or(Value::Undefined),
        _ => Value::Undefined,
    }
}
