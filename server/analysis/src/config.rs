//! Rule configuration: which severity each rule code reports with, or
//! whether it is off. Read from the editor's settings (`imlLs.rules`) and
//! from `iml-ls.toml` files; the LSP and the CLI share this API.
//!
//! ```toml
//! [rules]
//! profile = "review" # optional: a rule profile of the catalogue
//!
//! [rules]
//! C002 = "off"      # or "hint", "info", "warning", "error"
//! ```
//!
//! Precedence: defaults from the catalogue, then the profile (which turns its
//! rules on and may raise others), then the editor settings, then the
//! nearest `iml-ls.toml` above the file (the project's choice wins). A level
//! chosen for a code always beats the profile.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use text_size::{TextRange, TextSize};
use toml::Spanned;

use iml_catalogue::{Profile, Severity};

use crate::diagnostics::Diagnostic;

pub const CONFIG_FILE_NAME: &str = "iml-ls.toml";

/// What a rule reports with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

impl RuleLevel {
    /// `off`, `hint`, `info`, `warning` or `error` (any case).
    pub fn parse(name: &str) -> Option<RuleLevel> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "off" => RuleLevel::Off,
            "hint" => RuleLevel::On(Severity::Hint),
            "info" | "information" => RuleLevel::On(Severity::Info),
            "warning" | "warn" => RuleLevel::On(Severity::Warning),
            "error" => RuleLevel::On(Severity::Error),
            _ => return None,
        })
    }
}

const LEVEL_CHOICES: &str = "\"off\", \"hint\", \"info\", \"warning\" or \"error\"";
const PROFILE_CHOICES: &str = "\"review\"";

/// Rule code → level, for the codes a user chose; other codes keep the
/// catalogue default (and rules that are off by default stay off).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleConfig {
    levels: BTreeMap<&'static str, RuleLevel>,
    profile: Option<&'static Profile>,
}

impl RuleConfig {
    pub fn new() -> RuleConfig {
        RuleConfig::default()
    }

    pub fn is_empty(&self) -> bool {
        self.levels.is_empty() && self.profile.is_none()
    }

    /// Chooses a profile by name; `false` (and nothing set) for an unknown one.
    pub fn set_profile(&mut self, name: &str) -> bool {
        match iml_catalogue::profile(name) {
            Some(profile) => {
                self.profile = Some(profile);
                true
            }
            None => false,
        }
    }

    pub fn profile(&self) -> Option<&'static Profile> {
        self.profile
    }

    /// Sets a rule's level; `false` (and nothing set) for an unknown code.
    pub fn set(&mut self, code: &str, level: RuleLevel) -> bool {
        match iml_catalogue::rule(code.trim()) {
            Some(rule) => {
                self.levels.insert(rule.code, level);
                true
            }
            None => false,
        }
    }

    /// The level chosen for `code`, if any.
    pub fn level(&self, code: &str) -> Option<RuleLevel> {
        let rule = iml_catalogue::rule(code.trim())?;
        self.levels.get(rule.code).copied()
    }

    /// The severity a diagnostic of `code` ends with (its own `default` when
    /// nothing is chosen); `None` when the rule is off.
    pub fn severity_of(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.level(code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(severity)) => Some(severity),
            None if self.profile.is_some_and(|profile| profile.enables(code)) => {
                Some(self.raised(code, default))
            }
            None if iml_catalogue::rule(code).is_some_and(|rule| !rule.enabled_by_default) => None,
            None => Some(self.raised(code, default)),
        }
    }

    fn raised(&self, code: &str, severity: Severity) -> Severity {
        self.profile
            .map_or(severity, |profile| profile.raise(code, severity))
    }

    /// `other`'s choices override this one's.
    pub fn merge(&mut self, other: &RuleConfig) {
        self.levels
            .extend(other.levels.iter().map(|(code, level)| (*code, *level)));
        if other.profile.is_some() {
            self.profile = other.profile;
        }
    }

    pub fn merged(&self, other: &RuleConfig) -> RuleConfig {
        let mut out = self.clone();
        out.merge(other);
        out
    }

    /// Drops diagnostics of rules that are off and sets chosen severities.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|diagnostic| {
            match self.severity_of(diagnostic.code, diagnostic.severity) {
                Some(severity) => {
                    diagnostic.severity = severity;
                    true
                }
                None => false,
            }
        });
    }

    /// Reads editor settings: `{"rules": {"C002": "off"}}`, or the same under
    /// `imlLs`. Returns the problems as messages (there is no file to point at).
    pub fn from_settings(settings: &serde_json::Value) -> (RuleConfig, Vec<String>) {
        let settings = settings.get("imlLs").unwrap_or(settings);
        let mut config = RuleConfig::default();
        let mut problems = Vec::new();
        match settings.get("profile") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::String(name)) if name.trim().is_empty() => {}
            Some(value) => {
                if !value.as_str().is_some_and(|name| config.set_profile(name)) {
                    problems.push(format!(
                        "unknown profile {value} in `imlLs.profile`: use {PROFILE_CHOICES}"
                    ));
                }
            }
        }
        let Some(rules) = settings.get("rules") else {
            return (config, problems);
        };
        let Some(rules) = rules.as_object() else {
            problems
                .push("`imlLs.rules` must be an object mapping rule codes to levels".to_owned());
            return (config, problems);
        };
        for (code, value) in rules {
            let level = value.as_str().and_then(RuleLevel::parse);
            match level {
                None => problems.push(format!(
                    "invalid level for `{code}` in `imlLs.rules`: use {LEVEL_CHOICES}"
                )),
                Some(level) => {
                    if !config.set(code, level) {
                        problems.push(format!("unknown rule code `{code}` in `imlLs.rules`"));
                    }
                }
            }
        }
        (config, problems)
    }

    /// Reads an `iml-ls.toml` text. Never fails: each problem becomes an F004
    /// diagnostic on the file, and the entries that make sense still apply
    /// (a file that is not valid TOML applies nothing).
    pub fn from_toml(text: &str) -> (RuleConfig, Vec<Diagnostic>) {
        type Table = BTreeMap<Spanned<String>, Spanned<toml::Value>>;
        /// The second read: only `[rules]`, with the span of every entry.
        #[derive(serde::Deserialize)]
        struct RulesOnly {
            rules: Option<Table>,
        }
        let mut config = RuleConfig::default();
        let mut problems = Vec::new();
        let top: Table = match toml::from_str(text) {
            Ok(top) => top,
            Err(error) => {
                let message = format!(
                    "invalid {CONFIG_FILE_NAME}, so none of it applies: {}",
                    error.message().trim_end()
                );
                problems.push(config_problem(text, error.span().unwrap_or(0..0), message));
                return (config, problems);
            }
        };
        let mut rules_table = false;
        for (key, value) in &top {
            match (key.get_ref().as_str(), value.get_ref()) {
                ("profile", toml::Value::String(name)) if config.set_profile(name) => {}
                ("profile", _) => {
                    let message = format!("unknown profile: use {PROFILE_CHOICES}");
                    problems.push(config_problem(text, value.span(), message));
                }
                ("rules", toml::Value::Table(_)) => rules_table = true,
                (name, _) => {
                    let message = format!(
                        "unknown setting `{name}` in {CONFIG_FILE_NAME}; only `profile = \"…\"` and `[rules]` are read"
                    );
                    problems.push(config_problem(text, key.span(), message));
                }
            }
        }
        let rules = match toml::from_str::<RulesOnly>(text) {
            Ok(RulesOnly { rules: Some(rules) }) if rules_table => rules,
            _ => return (config, problems),
        };
        for (code, value) in rules {
            let level = match value.get_ref() {
                toml::Value::String(name) => RuleLevel::parse(name),
                _ => None,
            };
            let Some(level) = level else {
                let message = format!(
                    "invalid level for `{}`: use {LEVEL_CHOICES}",
                    code.get_ref()
                );
                problems.push(config_problem(text, value.span(), message));
                continue;
            };
            if !config.set(code.get_ref(), level) {
                let message = format!(
                    "unknown rule code `{}`; codes look like `C002` (see docs/rules.md)",
                    code.get_ref()
                );
                problems.push(config_problem(text, code.span(), message));
            }
        }
        (config, problems)
    }
}

fn config_problem(text: &str, span: Range<usize>, message: String) -> Diagnostic {
    let clamp = |offset: usize| {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        TextSize::try_from(offset).unwrap_or_default()
    };
    let (start, end) = (clamp(span.start), clamp(span.end.max(span.start)));
    Diagnostic {
        code: "F004",
        severity: iml_catalogue::rule("F004").map_or(Severity::Error, |rule| rule.severity),
        message,
        range: TextRange::new(start, end),
        help: None,
        fixes: Vec::new(),
    }
}

/// Whether `path` is a configuration file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, problems: &[Diagnostic]) -> Vec<String> {
        problems
            .iter()
            .map(|p| {
                format!(
                    "{} {:?}: {}",
                    p.code,
                    &text[usize::from(p.range.start())..usize::from(p.range.end())],
                    p.message
                )
            })
            .collect()
    }

    #[test]
    fn valid_entries_apply_and_codes_are_case_insensitive() {
        let (config, problems) =
            RuleConfig::from_toml("[rules]\nC002 = \"off\"\nr024 = \"error\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.severity_of("C002", Severity::Warning), None);
        assert_eq!(
            config.severity_of("R024", Severity::Hint),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity_of("R001", Severity::Error),
            Some(Severity::Error)
        );
        // Off by default unless chosen.
        assert_eq!(config.severity_of("C016", Severity::Hint), None);
    }

    #[test]
    fn bad_entries_are_reported_on_their_span_and_the_rest_applies() {
        let text = "[rules]\nC002 = \"loud\"\nZ999 = \"off\"\nC013 = \"off\"\n[lint]\nx = \"y\"\n";
        let (config, problems) = RuleConfig::from_toml(text);
        expect_test::expect![[r#"
            [
                "F004 \"lint\": unknown setting `lint` in iml-ls.toml; only `profile = \"…\"` and `[rules]` are read",
                "F004 \"\\\"loud\\\"\": invalid level for `C002`: use \"off\", \"hint\", \"info\", \"warning\" or \"error\"",
                "F004 \"Z999\": unknown rule code `Z999`; codes look like `C002` (see docs/rules.md)",
            ]
        "#]]
        .assert_debug_eq(&show(text, &problems));
        assert_eq!(config.level("C013"), Some(RuleLevel::Off));
        assert_eq!(config.level("C002"), None);
    }

    #[test]
    fn broken_toml_applies_nothing_and_never_panics() {
        for text in [
            "[rules\nC002 = \"off\"",
            "rules = 3",
            "[rules]\nC002 = ",
            "\u{feff}[rules]\nC002 = \"é",
            "",
        ] {
            let (config, problems) = RuleConfig::from_toml(text);
            if !text.is_empty() {
                assert!(config.is_empty(), "{text:?}");
                assert_eq!(problems.len(), 1, "{text:?}: {problems:?}");
                assert!(usize::from(problems[0].range.end()) <= text.len());
            }
        }
    }

    #[test]
    fn settings_and_merge() {
        let settings = serde_json::json!({ "imlLs": { "rules": { "C002": "off", "R024": "warning", "Q1": "off", "C013": 3 } } });
        let (from_settings, problems) = RuleConfig::from_settings(&settings);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let (from_file, _) = RuleConfig::from_toml("[rules]\nC002 = \"error\"\n");
        let merged = from_settings.merged(&from_file);
        assert_eq!(merged.level("C002"), Some(RuleLevel::On(Severity::Error)));
        assert_eq!(merged.level("R024"), Some(RuleLevel::On(Severity::Warning)));
    }

    #[test]
    fn the_review_profile_turns_its_rules_on_and_only_raises() {
        let (config, problems) =
            RuleConfig::from_toml("profile = \"review\"\n[rules]\nV002 = \"off\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            config.severity_of("V001", Severity::Warning),
            Some(Severity::Warning)
        );
        assert_eq!(config.severity_of("V002", Severity::Warning), None);
        assert_eq!(
            config.severity_of("C013", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity_of("C002", Severity::Warning),
            Some(Severity::Warning)
        );
        // Without the profile the review rules stay off.
        assert_eq!(
            RuleConfig::default().severity_of("V001", Severity::Warning),
            None
        );
        let (bad, problems) = RuleConfig::from_toml("profile = \"strict\"\n");
        assert_eq!(bad.profile(), None);
        assert_eq!(problems.len(), 1);
        let (from_settings, problems) =
            RuleConfig::from_settings(&serde_json::json!({ "imlLs": { "profile": "review" } }));
        assert!(problems.is_empty());
        assert_eq!(from_settings.profile().map(|p| p.name), Some("review"));
        let (_, problems) = RuleConfig::from_settings(&serde_json::json!({ "profile": 3 }));
        assert_eq!(problems.len(), 1);
        // The file's profile survives merging settings without one.
        let merged = RuleConfig::default().merged(&config);
        assert!(merged.profile().is_some());
    }

    #[test]
    fn apply_drops_and_changes() {
        let diagnostic = |code: &'static str| Diagnostic {
            code,
            severity: Severity::Warning,
            message: String::new(),
            range: TextRange::default(),
            help: None,
            fixes: Vec::new(),
        };
        let mut list = vec![
            diagnostic("C002"),
            diagnostic("C013"),
            diagnostic("C016"),
            diagnostic("R001"),
        ];
        let (config, _) = RuleConfig::from_toml("[rules]\nC002 = \"off\"\nC013 = \"hint\"\n");
        config.apply(&mut list);
        let shown: Vec<_> = list.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            shown,
            [("C013", Severity::Hint), ("R001", Severity::Warning)]
        );
    }
}
