//! Evaluating expressions and templates: the walk over an expression tree,
//! which hands calls to the built-in functions and passes itself along for
//! the arguments they evaluate lazily.

use iml_lang::{BinaryOp, Expr, ExprKind, Keyword, Template, UnaryOp};

use crate::context::{Ctx, EvalError};
use crate::convert;
use crate::env::Env;
use crate::functions;
use crate::operators::{apply_binary, item_at, js_number, truthy};
use crate::value::Value;

/// Evaluates one parsed expression of `text`.
pub fn eval_expr(ctx: &mut Ctx<'_>, text: &str, expr: &Expr) -> Result<Value, EvalError> {
    let fail = |message: String| EvalError {
        message,
        range: expr.range,
        pointer: String::new(),
    };
    ctx.spend(1).map_err(fail)?;
    let value = match &expr.kind {
        ExprKind::Missing | ExprKind::Error => {
            return Err(fail("the expression is incomplete".into()));
        }
        ExprKind::Number(literal) => Value::Number(literal.parse::<f64>().unwrap_or(f64::NAN)),
        ExprKind::String { value, .. } => Value::Text(value.clone()),
        ExprKind::Keyword(k) => keyword(*k),
        ExprKind::Name(name) => root(ctx.env, &name.text),
        ExprKind::Member { object, name } => {
            let object_value = eval_expr(ctx, text, object)?;
            match name {
                Some(name) => member(ctx.env, text, expr, &object_value, &name.text),
                None => return Err(fail("a property name is missing after `.`".into())),
            }
        }
        ExprKind::Index { object, index } => {
            let object_value = eval_expr(ctx, text, object)?;
            let Some(index) = index else {
                return Err(fail("an index is missing inside `[]`".into()));
            };
            let key = eval_expr(ctx, text, index)?;
            if let Value::Unknown(_) = key {
                key
            } else {
                index_value(ctx.env, text, expr, &object_value, &key)
            }
        }
        ExprKind::Paren(inner) => eval_expr(ctx, text, inner)?,
        ExprKind::Unary { op, operand } => {
            let v = eval_expr(ctx, text, operand)?;
            match (op, &v) {
                (_, Value::Unknown(_)) => v,
                (UnaryOp::Not, _) => Value::Bool(!truthy(&v)),
                (UnaryOp::Neg, _) => Value::Number(-js_number(&v)),
            }
        }
        ExprKind::Binary { op, lhs, rhs, .. } => binary(ctx, text, *op, lhs, rhs)?,
        ExprKind::Call { callee, args, .. } => {
            functions::call(ctx, text, expr, &callee.text, args, eval_expr)?
        }
        ExprKind::Spread => {
            return Err(fail(
                "`{{...}}` is a spread key: it has no value of its own".into(),
            ));
        }
        ExprKind::ObjectLiteral | ExprKind::ArrayLiteral => {
            return Err(fail(
                "object and array literals are not IML; use functions such as `add` or `toCollection`"
                    .into(),
            ));
        }
    };
    ctx.check_size(&value).map_err(fail)?;
    Ok(value)
}

fn keyword(k: Keyword) -> Value {
    match k {
        Keyword::True => Value::Bool(true),
        Keyword::False => Value::Bool(false),
        Keyword::Null => Value::Null,
        Keyword::Undefined => Value::Undefined,
        Keyword::EmptyArray => Value::Array(Vec::new()),
        Keyword::EmptyString => Value::Text(String::new()),
    }
}

/// A root name: given variables first, then the clock; anything else is
/// unknown. `random` and `uuid` differ on every run, so they are unknown
/// too (a choice: a made-up value would look like Make's).
fn root(env: &Env, name: &str) -> Value {
    if let Some(v) = env.vars.get(name) {
        return v.clone();
    }
    match name {
        "now" => Value::Date(env.now),
        "timestamp" => Value::Number(env.now.as_second() as f64),
        _ => Value::unknown(name),
    }
}

fn member(env: &Env, text: &str, expr: &Expr, object: &Value, name: &str) -> Value {
    match object {
        Value::Unknown(_) => object.clone(),
        Value::Collection(_) => match object.property(name) {
            Some(v) => v.clone(),
            None => missing(env, text, expr),
        },
        _ => Value::Undefined,
    }
}

/// A member that is not there: undefined, unless the root is only partly
/// known, in which case the member is an unknown input of its own.
fn missing(env: &Env, text: &str, expr: &Expr) -> Value {
    let partial = expr
        .chain_root()
        .is_some_and(|root| env.partial.contains(&root.text));
    if partial {
        let path = text
            .get(usize::from(expr.range.start())..usize::from(expr.range.end()))
            .unwrap_or("?");
        Value::unknown(path.trim())
    } else {
        Value::Undefined
    }
}

fn index_value(env: &Env, text: &str, expr: &Expr, object: &Value, key: &Value) -> Value {
    match (object, key) {
        (Value::Unknown(_), _) => object.clone(),
        (Value::Array(items), Value::Number(n)) => {
            item_at(items, *n).cloned().unwrap_or(Value::Undefined)
        }
        (Value::Array(items), Value::Text(t)) => match t.trim().parse::<f64>() {
            Ok(n) => item_at(items, n).cloned().unwrap_or(Value::Undefined),
            Err(_) => Value::Undefined,
        },
        (Value::Collection(_), key) => match object.property(&convert::to_text(key)) {
            Some(v) => v.clone(),
            None => missing(env, text, expr),
        },
        _ => Value::Undefined,
    }
}

fn binary(
    ctx: &mut Ctx<'_>,
    text: &str,
    op: BinaryOp,
    lhs: &Expr,
    rhs: &Expr,
) -> Result<Value, EvalError> {
    let left = eval_expr(ctx, text, lhs)?;
    // `&&` and `||` short-circuit and give an operand, as in JavaScript.
    match op {
        BinaryOp::And | BinaryOp::Or => {
            if left.is_unknown() {
                return Ok(left);
            }
            let take_left = truthy(&left) == (op == BinaryOp::Or);
            return if take_left {
                Ok(left)
            } else {
                eval_expr(ctx, text, rhs)
            };
        }
        _ => {}
    }
    let right = eval_expr(ctx, text, rhs)?;
    if left.is_unknown() {
        return Ok(left);
    }
    if right.is_unknown() {
        return Ok(right);
    }
    Ok(apply_binary(op, &left, &right))
}

/// Evaluates a parsed template of `text`. One lone `{{ }}` keeps its
/// value's type; text around or between blocks makes the whole a text.
pub fn eval_template(
    ctx: &mut Ctx<'_>,
    text: &str,
    template: &Template,
) -> Result<Value, EvalError> {
    if let Some(error) = template.errors().find(|e| e.is_syntax()) {
        return Err(EvalError {
            message: error.message.clone(),
            range: error.range,
            pointer: String::new(),
        });
    }
    if template.is_plain_text() {
        return Ok(Value::Text(text.to_string()));
    }
    if template.is_single_expression() {
        return eval_expr(ctx, text, &template.blocks[0].expr);
    }
    let mut out = String::new();
    let mut at = 0usize;
    for block in &template.blocks {
        let start = usize::from(block.range.start());
        out.push_str(text.get(at..start).unwrap_or(""));
        let value = eval_expr(ctx, text, &block.expr)?;
        if value.is_unknown() {
            return Ok(value);
        }
        out.push_str(&convert::to_text(&value));
        at = usize::from(block.range.end());
        let limit = ctx.env.budget.max_size;
        if out.len() > limit {
            return Err(EvalError {
                message: format!("evaluation stopped: a value grew over {limit} bytes"),
                range: block.range,
                pointer: String::new(),
            });
        }
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Ok(Value::Text(out))
}
