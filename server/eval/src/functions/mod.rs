//! Calling functions: the lazy general functions (`if`, `ifempty`,
//! `switch`), stubbed custom functions, and every built-in function of the
//! catalogue, one module per category.

mod args;
mod array;
mod crypto;
mod date;
mod general;
mod math;
mod text;

use iml_catalogue::FunctionCategory;
use iml_lang::Expr;

use crate::context::{Ctx, EvalError, EvalExpr};
use crate::value::Value;

pub(crate) use args::Args;

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    text: &str,
    expr: &Expr,
    name: &str,
    arg_exprs: &[Expr],
    eval_expr: EvalExpr,
) -> Result<Value, EvalError> {
    let fail = |message: String| EvalError {
        message,
        range: expr.range,
        pointer: String::new(),
    };
    let builtin = iml_catalogue::function(name);
    if let Some(f) = builtin
        && !ctx.env.stubs.contains_key(name)
    {
        if !f.accepts_arg_count(arg_exprs.len()) {
            return Err(fail(format!(
                "`{}` takes {}, not {} argument{}",
                f.name,
                f.signature(),
                arg_exprs.len(),
                if arg_exprs.len() == 1 { "" } else { "s" }
            )));
        }
        if let Some(result) = general::lazy(ctx, text, name, arg_exprs, eval_expr) {
            return result;
        }
    }
    let mut values = Vec::with_capacity(arg_exprs.len());
    for arg in arg_exprs {
        values.push(eval_expr(ctx, text, arg)?);
    }
    if let Some(stub) = ctx.env.stubs.get(name) {
        return stub(&values).map_err(fail);
    }
    let Some(f) = builtin else {
        // Custom functions are JavaScript: never run, always unknown.
        return Ok(Value::unknown(format!("custom function `{name}`")));
    };
    if let Some(unknown) = values.iter().find_map(Value::unknown_input) {
        return Ok(Value::Unknown(unknown.clone()));
    }
    let args = Args::new(name, &values, ctx.env);
    let result = match f.category {
        FunctionCategory::General => general::call(ctx, name, &args),
        FunctionCategory::Text => text::call(ctx, name, &args),
        FunctionCategory::Array => array::call(ctx, name, &args),
        FunctionCategory::Date => date::call(ctx, name, &args),
        FunctionCategory::Math => math::call(ctx, name, &args),
        FunctionCategory::JsonAndCrypto => crypto::call(ctx, name, &args),
    }
    .or_else(|| crypto::call(ctx, name, &args));
    match result {
        Some(result) => result.map_err(fail),
        None => Ok(Value::unknown(format!("`{name}` (not evaluated yet)"))),
    }
}

/// Whether the evaluator implements the built-in `name` (a test checks
/// every catalogue function).
pub fn implemented(name: &str) -> bool {
    let Some(f) = iml_catalogue::function(name) else {
        return false;
    };
    let env = crate::Env::new();
    let mut ctx = Ctx::new(&env);
    let values: Vec<Value> = (0..usize::from(f.min_args).max(1))
        .map(|_| Value::Null)
        .collect();
    let args = Args::new(name, &values, &env);
    let result = match f.category {
        FunctionCategory::General => general::call(&mut ctx, name, &args)
            .or_else(|| general::LAZY.contains(&name).then_some(Ok(Value::Null))),
        FunctionCategory::Text => text::call(&mut ctx, name, &args),
        FunctionCategory::Array => array::call(&mut ctx, name, &args),
        FunctionCategory::Date => date::call(&mut ctx, name, &args),
        FunctionCategory::Math => math::call(&mut ctx, name, &args),
        FunctionCategory::JsonAndCrypto => crypto::call(&mut ctx, name, &args),
    }
    .or_else(|| crypto::call(&mut ctx, name, &args));
    result.is_some()
}
