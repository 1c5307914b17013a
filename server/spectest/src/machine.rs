//! The state one case runs with: its variables, the accumulated `temp` and
//! connection `data`, the recorded responses still to be consumed, and what
//! the run produced. Every evaluation goes through [`Machine::eval`], which
//! turns an evaluator error into a failure that points at its source.

use std::collections::VecDeque;

use iml_eval::{Env, Value, evaluate_json};
use iml_jsonc::TextRange;
use jiff::Timestamp;

use crate::format::Recorded;
use crate::json::source_range;
use crate::{Origin, Spec};

/// Why a case could not finish: not a mismatch, something that stopped the
/// run (an expression Make would reject, a response the case did not record).
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub message: String,
    pub origin: Option<Origin>,
}

pub(crate) struct Machine<'a> {
    pub now: Timestamp,
    pub timezone: String,
    pub functions: serde_json::Map<String, serde_json::Value>,
    /// Root variables other than the ones below (`parameters`, `common`, …).
    pub vars: Vec<(String, Value)>,
    pub temp: Vec<(String, Value)>,
    pub data: Vec<(String, Value)>,
    pub responses: VecDeque<Recorded>,
    pub requests: Vec<serde_json::Value>,
    pub steps: Vec<String>,
    /// Result paths (`/data/accessToken`) with the spec pointer whose value
    /// went there; the latest entry for a path wins.
    pub origins: Vec<(String, &'a Spec, String)>,
    /// Results other than the ones above (`expires`, `uid`, `output`, …).
    pub results: serde_json::Map<String, serde_json::Value>,
    /// The error Make would report, which ends the flow.
    pub error: Option<serde_json::Value>,
    /// The request a webhook receives (`body`, `query`, `headers`,
    /// `method`), kept apart from the variables: no IML name reads it whole.
    pub incoming: Value,
}

impl<'a> Machine<'a> {
    pub fn new(now: Timestamp, timezone: String) -> Machine<'a> {
        Machine {
            now,
            timezone,
            functions: serde_json::Map::new(),
            vars: Vec::new(),
            temp: Vec::new(),
            data: Vec::new(),
            responses: VecDeque::new(),
            requests: Vec::new(),
            steps: Vec::new(),
            origins: Vec::new(),
            results: serde_json::Map::new(),
            error: None,
            incoming: Value::Undefined,
        }
    }

    pub fn var(&mut self, name: &str, value: Value) {
        self.vars.retain(|(existing, _)| existing != name);
        self.vars.push((name.to_owned(), value));
    }

    pub fn get_var(&self, name: &str) -> Option<&Value> {
        self.vars.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The environment of one evaluation: the case's variables, `temp`,
    /// `data`, and `extra` (`body`, `item`, …) over them.
    pub fn env(&self, extra: &[(&str, Value)]) -> Env {
        // The zone is checked when the case starts; UTC if it was not valid.
        let mut env = Env::new()
            .with_now(self.now)
            .with_timezone(&self.timezone)
            .unwrap_or_else(|_| Env::new().with_now(self.now));
        for (name, value) in &self.vars {
            env.set_var(name, value.clone());
        }
        env.set_var("temp", Value::Collection(self.temp.clone()));
        if self.get_var("data").is_none() {
            env.set_var("data", Value::Collection(self.data.clone()));
        }
        for (name, value) in extra {
            env.set_var(name, value.clone());
        }
        for (name, result) in &self.functions {
            env.stub_function(name, result);
        }
        env
    }

    /// Evaluates the spec value at `pointer`; `None` when it is absent.
    pub fn eval(&self, spec: &Spec, pointer: &str, env: &Env) -> Result<Option<Value>, Stop> {
        let Some(json) = spec.json.pointer(pointer) else {
            return Ok(None);
        };
        evaluate_json(json, env).map(Some).map_err(|error| {
            let at = format!("{pointer}{}", error.pointer);
            let inner = (!error.range.is_empty()).then_some(error.range);
            Stop {
                message: error.message,
                origin: spec.origin_at(&at, inner),
            }
        })
    }

    /// The next recorded response, for `step`.
    pub fn take_response(&mut self, step: &str, spec: &Spec, at: &str) -> Result<Recorded, Stop> {
        let Some(response) = self.responses.pop_front() else {
            return Err(Stop {
                message: format!(
                    "`{step}` sends a request, but the case has no recorded response left for it; add one to `responses`"
                ),
                origin: spec.origin_at(at, None),
            });
        };
        if let Some(named) = &response.step
            && named != step
        {
            return Err(Stop {
                message: format!(
                    "the next recorded response is for `{named}`, but the request sent is `{step}`"
                ),
                origin: spec.origin_at(at, None),
            });
        }
        Ok(response)
    }

    pub fn note_origin(&mut self, result_path: String, spec: &'a Spec, pointer: String) {
        self.origins.push((result_path, spec, pointer));
    }

    /// Where the value at a result path came from: the latest entry whose
    /// path is the longest prefix of it, followed further into the spec by
    /// the rest of the path where the spec has that shape.
    pub fn origin_of(&self, result_path: &str) -> Option<Origin> {
        let mut best: Option<&(String, &Spec, String)> = None;
        for entry in &self.origins {
            let path = entry.0.as_str();
            let is_prefix = result_path == path
                || (result_path.starts_with(path) && result_path[path.len()..].starts_with('/'));
            if is_prefix && best.is_none_or(|b| path.len() >= b.0.len()) {
                best = Some(entry);
            }
        }
        let (path, spec, pointer) = best?;
        spec.origin_at(&format!("{pointer}{}", &result_path[path.len()..]), None)
    }
}

/// Shallow merge by key: later keys replace earlier ones, as `temp` and
/// `data` are merged across requests (the docs say "merged, not
/// replaced"; how deep is not said: top-level keys is the choice here).
pub(crate) fn merge_into(target: &mut Vec<(String, Value)>, value: Value) {
    if let Value::Collection(props) = value {
        for (key, item) in props {
            target.retain(|(existing, _)| existing != &key);
            target.push((key, item));
        }
    }
}

/// A case input as the evaluator sees it. Strings that hold a full ISO 8601
/// instant become dates: Make gives stored connection data back with its
/// dates usable as dates (the documented refresh condition compares
/// `data.expires` with `addMinutes(now, 15)`), which plain JSON cannot show.
pub(crate) fn revive_dates(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::String(s) => match s.parse::<Timestamp>() {
            Ok(ts) if s.len() >= 20 => Value::Date(ts),
            _ => Value::Text(s.clone()),
        },
        serde_json::Value::Array(items) => Value::Array(items.iter().map(revive_dates).collect()),
        serde_json::Value::Object(map) => Value::Collection(
            map.iter()
                .map(|(k, v)| (k.clone(), revive_dates(v)))
                .collect(),
        ),
        other => iml_eval::from_json(other),
    }
}

/// A result as JSON; a value the runner cannot know (a custom function
/// without a stub, a random value) shows which input it depends on.
pub(crate) fn result_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Unknown(unknown) => {
            serde_json::Value::String(format!("<unknown: {}>", unknown.input))
        }
        Value::Array(items) => serde_json::Value::Array(items.iter().map(result_json).collect()),
        // Make drops undefined properties when it stores or outputs an
        // object, so a result never shows them.
        Value::Collection(props) => serde_json::Value::Object(
            props
                .iter()
                .filter(|(_, v)| !matches!(v, Value::Undefined))
                .map(|(k, v)| (k.clone(), result_json(v)))
                .collect(),
        ),
        other => iml_eval::to_json(other),
    }
}

impl Spec {
    pub(crate) fn origin_at(&self, pointer: &str, inner: Option<TextRange>) -> Option<Origin> {
        let root = self.document.root()?;
        let mut at = pointer.to_owned();
        // An evaluated default (a missing directive) points at its parent.
        loop {
            if let Some(range) = source_range(root, &at, inner) {
                return Some(Origin {
                    file: self.path.clone(),
                    range,
                });
            }
            match at.rfind('/') {
                Some(cut) => at.truncate(cut),
                None => return None,
            }
        }
    }
}
