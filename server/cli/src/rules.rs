//! The CLI's view of the rule catalogue.

use iml_analysis::Severity;
pub use iml_catalogue::Rule;

pub fn lookup(code: &str) -> Option<&'static Rule> {
    iml_catalogue::rule(code.trim())
}

/// The severity a finding the CLI itself produces (F…) starts with.
pub fn default_severity(code: &str) -> Severity {
    lookup(code).map_or(Severity::Error, |rule| rule.severity)
}

/// Where a rule's documentation is published, for SARIF `helpUri`.
pub fn help_uri(rule: &Rule) -> String {
    format!(
        "{}/blob/main/{}",
        env!("CARGO_PKG_REPOSITORY"),
        rule.doc_link()
    )
}
