//! What an expression is evaluated against: variables, the clock, the time
//! zone, stubbed custom functions and the budget.

use std::collections::{HashMap, HashSet};
use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::convert;
use crate::value::Value;

/// A custom function's stand-in: gets the evaluated arguments, returns
/// the result or a message.
pub type StubFn = dyn Fn(&[Value]) -> Result<Value, String> + Send + Sync;

/// The environment of one evaluation.
pub struct Env {
    pub(crate) vars: HashMap<String, Value>,
    /// Roots whose known members are only part of the real ones: a
    /// missing member is unknown, not undefined.
    pub(crate) partial: HashSet<String>,
    pub(crate) now: Timestamp,
    pub(crate) zone: TimeZone,
    pub(crate) zone_name: String,
    pub(crate) stubs: HashMap<String, Box<StubFn>>,
    pub budget: Budget,
}

/// Limits that keep evaluation bounded whatever the input.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Expression nodes and per-item work of functions, together.
    pub max_steps: u64,
    /// Rough bytes of any one value produced.
    pub max_size: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            max_steps: 200_000,
            max_size: 4 * 1024 * 1024,
        }
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Env")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("now", &self.now)
            .field("zone", &self.zone_name)
            .field("stubs", &self.stubs.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Default for Env {
    fn default() -> Self {
        Env::new()
    }
}

impl Env {
    /// No variables, the current time, UTC. Where the docs are silent on a
    /// custom app's zone, UTC is the default.
    pub fn new() -> Env {
        Env {
            vars: HashMap::new(),
            partial: HashSet::new(),
            now: Timestamp::now(),
            zone: TimeZone::UTC,
            zone_name: "UTC".into(),
            stubs: HashMap::new(),
            budget: Budget::default(),
        }
    }

    /// Sets a root variable (`parameters`, `connection`, `body`, …).
    pub fn with_var(mut self, name: &str, value: &serde_json::Value) -> Env {
        self.set_var(name, convert::from_json(value));
        self
    }

    pub fn set_var(&mut self, name: &str, value: Value) {
        self.vars.insert(name.to_string(), value);
    }

    /// Every property of a JSON object becomes a root variable.
    pub fn with_vars(mut self, object: &serde_json::Map<String, serde_json::Value>) -> Env {
        for (name, value) in object {
            self.set_var(name, convert::from_json(value));
        }
        self
    }

    /// Marks a root as partly known: members it lacks are unknown (used by
    /// hover, where only defaults and samples are known).
    pub fn mark_partial(&mut self, name: &str) {
        self.partial.insert(name.to_string());
    }

    pub fn with_now(mut self, now: Timestamp) -> Env {
        self.now = now;
        self
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Sets the default zone by IANA name; `Err` names a zone that does not exist.
    pub fn with_timezone(mut self, name: &str) -> Result<Env, String> {
        self.zone = TimeZone::get(name).map_err(|_| format!("unknown time zone `{name}`"))?;
        self.zone_name = name.to_string();
        Ok(self)
    }

    pub fn timezone_name(&self) -> &str {
        &self.zone_name
    }

    /// Stubs a custom function with a fixed result.
    pub fn stub_function(&mut self, name: &str, result: &serde_json::Value) {
        let value = convert::from_json(result);
        self.stubs
            .insert(name.to_string(), Box::new(move |_| Ok(value.clone())));
    }

    /// Stubs a custom function with Rust code that sees the arguments.
    pub fn stub_function_with(
        &mut self,
        name: &str,
        f: impl Fn(&[Value]) -> Result<Value, String> + Send + Sync + 'static,
    ) {
        self.stubs.insert(name.to_string(), Box::new(f));
    }
}
