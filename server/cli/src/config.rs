//! `iml-ls.toml`, the per-app configuration file.
//!
//! ```toml
//! [rules]
//! C002 = "off"      # or "hint", "info", "warning", "error"
//! ```
//!
//! The server must read the same file the same way; this parser is meant to
//! move into the analysis crate once that crate takes configuration.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use iml_analysis::Severity;
use serde::Deserialize;
use toml::Spanned;

use crate::rules;

pub const CONFIG_FILE_NAME: &str = "iml-ls.toml";

/// Rule code → severity to use instead of the default; `None` turns the rule
/// off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOverrides {
    by_code: HashMap<String, Option<Severity>>,
}

impl RuleOverrides {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, Option<Severity>)>) -> Self {
        Self {
            by_code: pairs.into_iter().collect(),
        }
    }

    /// The severity a diagnostic of `code` ends up with, or `None` when the
    /// rule is off.
    pub fn apply(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.by_code.get(code) {
            Some(choice) => *choice,
            None => Some(default),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

/// One thing wrong with the configuration file (reported as F004).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub message: String,
    pub range: Range<usize>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParsedConfig {
    pub overrides: RuleOverrides,
    pub problems: Vec<ConfigProblem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

const SEVERITY_CHOICES: &str = "\"off\", \"hint\", \"info\", \"warning\" or \"error\"";

/// Parses the file. Never fails: a problem is reported and the entries that
/// make sense still apply; a file that is not valid TOML applies nothing.
pub fn parse(text: &str) -> ParsedConfig {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let range = error.span().unwrap_or(0..0);
            let message = format!(
                "invalid {CONFIG_FILE_NAME}, so none of it applies: {}",
                error.message().trim_end()
            );
            return ParsedConfig {
                overrides: RuleOverrides::default(),
                problems: vec![ConfigProblem { message, range }],
            };
        }
    };

    let mut parsed = ParsedConfig::default();
    for (key, value) in raw.rules {
        let code = key.get_ref().trim().to_ascii_uppercase();
        if !rules::is_known(&code) {
            parsed.problems.push(ConfigProblem {
                message: format!(
                    "unknown rule code `{}` in [rules]; use a code such as `J003` (see `iml-ls check --explain CODE`)",
                    key.get_ref()
                ),
                range: key.span(),
            });
            continue;
        }
        let choice = match value.get_ref() {
            toml::Value::String(name) => parse_severity_choice(name),
            _ => None,
        };
        match choice {
            Some(choice) => {
                parsed.overrides.by_code.insert(code, choice);
            }
            None => parsed.problems.push(ConfigProblem {
                message: format!("invalid severity for `{code}`: use {SEVERITY_CHOICES}"),
                range: value.span(),
            }),
        }
    }
    parsed
}

/// `Some(None)` is "off".
fn parse_severity_choice(name: &str) -> Option<Option<Severity>> {
    Some(match name {
        "off" => None,
        "hint" => Some(Severity::Hint),
        "info" => Some(Severity::Info),
        "warning" => Some(Severity::Warning),
        "error" => Some(Severity::Error),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_overrides_apply() {
        let parsed = parse("[rules]\nJ003 = \"off\"\nj005 = \"error\"\n");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.overrides.apply("J003", Severity::Warning), None);
        assert_eq!(
            parsed.overrides.apply("J005", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            parsed.overrides.apply("J001", Severity::Error),
            Some(Severity::Error)
        );
    }

    #[test]
    fn empty_file_is_fine() {
        assert_eq!(parse(""), ParsedConfig::default());
    }

    #[test]
    fn bad_entries_are_reported_with_ranges_and_the_rest_applies() {
        let text = "[rules]\nJ003 = \"loud\"\nZZZ9 = \"off\"\nJ005 = \"off\"\n";
        let parsed = parse(text);
        let problems: Vec<_> = parsed
            .problems
            .iter()
            .map(|p| (&text[p.range.clone()], p.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].0, "\"loud\"");
        assert_eq!(problems[1].0, "ZZZ9");
        assert_eq!(parsed.overrides.apply("J005", Severity::Warning), None);
    }

    #[test]
    fn syntax_errors_and_unknown_sections_apply_nothing() {
        let parsed = parse("[rules\nJ003 = \"off\"\n");
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.overrides.is_empty());

        let text = "[lint]\nJ003 = \"off\"\n";
        let parsed = parse(text);
        assert_eq!(parsed.problems.len(), 1);
        assert!(
            parsed.problems[0].message.contains("unknown field"),
            "{}",
            parsed.problems[0].message
        );
    }
}
