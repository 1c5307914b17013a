//! Evaluating IML: what a `{{ … }}` template gives, with Make's value
//! model, typing rules and built-in functions, before the app is deployed.
//!
//! Entry points: [`evaluate`] for one string, [`evaluate_template`] for a
//! template parsed already, [`evaluate_json`] for a whole JSON tree with
//! spread keys. Each takes an [`Env`]: variables as `serde_json` values, the
//! time `now` stands for, the default time zone, stubs for custom
//! functions (which are JavaScript and never run: without a stub they
//! give an [`Value::Unknown`] that propagates) and a [`Budget`] that keeps
//! every evaluation bounded. Results convert to JSON with [`to_json`].
//!
//! ```
//! use iml_eval::{Env, evaluate, to_json};
//! let env = Env::new().with_var("parameters", &serde_json::json!({"name": "make"}));
//! let value = evaluate("{{upper(parameters.name)}}", &env).unwrap();
//! assert_eq!(to_json(&value), serde_json::json!("MAKE"));
//! ```

mod context;
mod convert;
mod env;
mod eval;
mod functions;
pub mod moment;
mod operators;
mod regex_js;
mod tree;
mod value;

pub use context::{Ctx, EvalError};
pub use convert::{from_json, iso, to_json, to_text};
pub use env::{Budget, Env, StubFn};
pub use functions::implemented;
pub use tree::evaluate_json;
pub use value::{Unknown, Value, strict_equal};

use iml_lang::{Expr, Template, parse_template};

/// Parses and evaluates one string value of a spec file.
pub fn evaluate(text: &str, env: &Env) -> Result<Value, EvalError> {
    evaluate_template(text, &parse_template(text), env)
}

/// Evaluates a template parsed from `text`.
pub fn evaluate_template(text: &str, template: &Template, env: &Env) -> Result<Value, EvalError> {
    let mut ctx = Ctx::new(env);
    eval::eval_template(&mut ctx, text, template)
}

/// Evaluates one expression parsed from `text` (ranges index `text`).
pub fn evaluate_expr(text: &str, expr: &Expr, env: &Env) -> Result<Value, EvalError> {
    let mut ctx = Ctx::new(env);
    eval::eval_expr(&mut ctx, text, expr)
}
