//! Settings sent by the client, kept as JSON until rules read them.

use serde_json::Value;

/// Clients nest our settings under one of these keys; some send them bare.
const SECTION_KEYS: [&str; 2] = ["iml-ls", "imlLs"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    settings: Value,
}

impl Config {
    /// `initializationOptions` or the `settings` of
    /// `workspace/didChangeConfiguration`: either our section alone or a
    /// whole settings object that contains it.
    pub fn update(&mut self, incoming: Value) {
        if incoming.is_null() {
            return;
        }
        let section = SECTION_KEYS
            .iter()
            .find_map(|key| incoming.get(key).cloned())
            .unwrap_or(incoming);
        self.settings = section;
    }

    pub fn settings(&self) -> &Value {
        &self.settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn takes_our_section_when_nested() {
        let mut config = Config::default();
        config.update(json!({ "iml-ls": { "rules": { "J003": "off" } }, "other": 1 }));
        assert_eq!(config.settings(), &json!({ "rules": { "J003": "off" } }));
    }

    #[test]
    fn takes_bare_settings_and_ignores_null() {
        let mut config = Config::default();
        config.update(json!({ "rules": {} }));
        config.update(Value::Null);
        assert_eq!(config.settings(), &json!({ "rules": {} }));
    }
}
