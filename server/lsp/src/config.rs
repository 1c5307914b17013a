//! Settings sent by the client, kept as JSON; features read what they need.

use serde_json::Value;

/// Clients nest our settings under one of these keys; some send them bare.
const SECTION_KEYS: [&str; 2] = ["iml-ls", "imlLs"];

/// The section asked for with `workspace/configuration`.
pub const SECTION: &str = "imlLs";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// From `initializationOptions`; what a pull answered with `null` falls back to.
    initial: Value,
    settings: Value,
}

impl Config {
    /// `initializationOptions`: the settings until the client says otherwise.
    pub fn set_initial(&mut self, incoming: Value) {
        if incoming.is_null() {
            return;
        }
        self.initial = our_section(incoming);
        self.settings = self.initial.clone();
    }

    /// The `settings` of `workspace/didChangeConfiguration`: either our
    /// section alone or a whole settings object that contains it. Returns
    /// whether anything changed.
    pub fn update(&mut self, incoming: Value) -> bool {
        if incoming.is_null() {
            return false;
        }
        self.replace(our_section(incoming))
    }

    /// The answer to a `workspace/configuration` pull of [`SECTION`]; `null`
    /// (the client has nothing) keeps the `initializationOptions` values.
    pub fn pulled(&mut self, answer: Value) -> bool {
        let settings = if answer.is_null() {
            self.initial.clone()
        } else {
            our_section(answer)
        };
        self.replace(settings)
    }

    fn replace(&mut self, settings: Value) -> bool {
        let changed = self.settings != settings;
        self.settings = settings;
        changed
    }

    pub fn settings(&self) -> &Value {
        &self.settings
    }

    /// A setting below our section by its dotted path, nested
    /// (`{"inlayHints": {"parameterNames": false}}`) or flat
    /// (`{"inlayHints.parameterNames": false}`).
    pub fn get(&self, dotted: &str) -> Option<&Value> {
        if let Some(flat) = self.settings.get(dotted) {
            return Some(flat);
        }
        dotted
            .split('.')
            .try_fold(&self.settings, |value, key| value.get(key))
    }

    /// `imlLs.inlayHints.parameterNames`, on unless set to `false`.
    pub fn inlay_parameter_names(&self) -> bool {
        self.get("inlayHints.parameterNames")
            .and_then(Value::as_bool)
            .unwrap_or(true)
    }
}

fn our_section(incoming: Value) -> Value {
    SECTION_KEYS
        .iter()
        .find_map(|key| incoming.get(key).cloned())
        .unwrap_or(incoming)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn takes_our_section_when_nested() {
        let mut config = Config::default();
        assert!(config.update(json!({ "iml-ls": { "rules": { "J003": "off" } }, "other": 1 })));
        assert_eq!(config.settings(), &json!({ "rules": { "J003": "off" } }));
        assert!(!config.update(json!({ "imlLs": { "rules": { "J003": "off" } } })));
    }

    #[test]
    fn takes_bare_settings_and_ignores_null() {
        let mut config = Config::default();
        config.update(json!({ "rules": {} }));
        assert!(!config.update(Value::Null));
        assert_eq!(config.settings(), &json!({ "rules": {} }));
    }

    #[test]
    fn a_null_pull_falls_back_to_initialization_options() {
        let mut config = Config::default();
        config.set_initial(json!({ "rules": { "C002": "off" } }));
        assert!(config.pulled(json!({ "rules": { "C002": "error" } })));
        assert_eq!(config.get("rules"), Some(&json!({ "C002": "error" })));
        assert!(config.pulled(Value::Null));
        assert_eq!(config.get("rules"), Some(&json!({ "C002": "off" })));
    }

    #[test]
    fn parameter_name_hints_default_on_and_read_nested_or_flat() {
        let mut config = Config::default();
        assert!(config.inlay_parameter_names());
        config.update(json!({ "imlLs": { "inlayHints": { "parameterNames": false } } }));
        assert!(!config.inlay_parameter_names());
        config.update(json!({ "inlayHints.parameterNames": true }));
        assert!(config.inlay_parameter_names());
    }
}
