//! The state one evaluation carries (its environment and the budget spent
//! so far) and the error it stops with, shared by the evaluator and every
//! built-in function.

use iml_lang::Expr;
use text_size::TextRange;

use crate::env::Env;
use crate::value::Value;

/// Why an evaluation stopped: a misused function, a syntax error, an
/// exhausted budget. `range` is a byte range in the evaluated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    pub message: String,
    pub range: TextRange,
    /// Where in a JSON tree the text was (`/headers/Authorization`); empty
    /// for a lone template.
    pub pointer: String,
}

/// Per-evaluation state handed to every function.
pub struct Ctx<'a> {
    pub env: &'a Env,
    steps: u64,
}

impl<'a> Ctx<'a> {
    pub fn new(env: &'a Env) -> Ctx<'a> {
        Ctx { env, steps: 0 }
    }

    /// Spends `n` steps of the budget.
    pub fn spend(&mut self, n: u64) -> Result<(), String> {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.env.budget.max_steps {
            Err(format!(
                "evaluation stopped: more than {} steps",
                self.env.budget.max_steps
            ))
        } else {
            Ok(())
        }
    }

    /// Fails when `value` is over the size budget.
    pub fn check_size(&self, value: &Value) -> Result<(), String> {
        let limit = self.env.budget.max_size;
        if value.size_within(limit) > limit {
            Err(format!(
                "evaluation stopped: a value grew over {limit} bytes"
            ))
        } else {
            Ok(())
        }
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }
}

/// How a function evaluates an argument it is handed unevaluated (`if`
/// takes only one branch): the evaluator passes itself in, so that the
/// functions are a layer below it rather than a loop with it.
pub(crate) type EvalExpr = fn(&mut Ctx<'_>, &str, &Expr) -> Result<Value, EvalError>;
