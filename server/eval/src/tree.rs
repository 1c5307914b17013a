//! Evaluating a whole JSON tree of a spec (a request, a response's
//! `output`): every string is a template, and a `{{...}}` key spreads its
//! value's properties into the object around it.

use text_size::TextRange;

use crate::context::{Ctx, EvalError};
use crate::env::Env;
use crate::eval::eval_template;
use crate::value::Value;

/// Evaluates every string of `json`. A spread key's value must give a
/// collection; its properties take the key's place, and a later key of
/// the same name wins (the docs show spread only beside other keys).
pub fn evaluate_json(json: &serde_json::Value, env: &Env) -> Result<Value, EvalError> {
    let mut ctx = Ctx::new(env);
    walk(&mut ctx, json, &mut String::new())
}

fn walk(
    ctx: &mut Ctx<'_>,
    json: &serde_json::Value,
    pointer: &mut String,
) -> Result<Value, EvalError> {
    let at = |e: EvalError, pointer: &str| EvalError {
        pointer: pointer.to_string(),
        ..e
    };
    match json {
        serde_json::Value::String(s) => {
            let template = iml_lang::parse_template(s);
            eval_template(ctx, s, &template).map_err(|e| at(e, pointer))
        }
        serde_json::Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                out.push(walk(ctx, item, pointer)?);
                pointer.truncate(len);
            }
            Ok(Value::Array(out))
        }
        serde_json::Value::Object(map) => {
            let mut props: Vec<(String, Value)> = Vec::with_capacity(map.len());
            for (key, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                let key_template = iml_lang::parse_template(key);
                let value = walk(ctx, item, pointer)?;
                if key_template.blocks.len() == 1 && key_template.blocks[0].is_spread() {
                    match value {
                        Value::Collection(spread) => {
                            for (k, v) in spread {
                                props.retain(|(existing, _)| existing != &k);
                                props.push((k, v));
                            }
                        }
                        Value::Undefined | Value::Null => {}
                        unknown @ Value::Unknown(_) => return Ok(unknown),
                        other => {
                            return Err(EvalError {
                                message: format!(
                                    "a `{{{{...}}}}` key needs a collection, not {}",
                                    other.type_name()
                                ),
                                range: TextRange::up_to(0.into()),
                                pointer: pointer.clone(),
                            });
                        }
                    }
                } else {
                    let name =
                        eval_template(ctx, key, &key_template).map_err(|e| at(e, pointer))?;
                    if name.is_unknown() {
                        return Ok(name);
                    }
                    let name = crate::convert::to_text(&name);
                    props.retain(|(existing, _)| existing != &name);
                    props.push((name, value));
                }
                pointer.truncate(len);
            }
            Ok(Value::Collection(props))
        }
        other => Ok(crate::convert::from_json(other)),
    }
}
