//! The shape of one rule entry and the `const` builders the rule tables are
//! written with. Both the main table (`rules.rs`) and the review profile's
//! (`review.rs`) are built from these, and `rules.rs` also gathers both
//! tables, so the shape lives here for neither table to lean on the other.

use crate::Severity;

/// Path of the generated rule documentation, relative to the repository root.
pub const RULES_DOC_PATH: &str = "docs/rules.md";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleCategory {
    /// `J…`: JSONC syntax.
    Jsonc,
    /// `I…`: IML expressions.
    Iml,
    /// `C…`: connection communication.
    Connection,
    /// `R…`: request and response directives.
    Request,
    /// `P…`: parameter definitions.
    Parameter,
    /// `X…`: relations between files.
    CrossFile,
    /// `F…`: files and configuration.
    File,
    /// `V…`: Make's app-review guidelines, on in the `review` profile (`review.rs`).
    Review,
    /// `T…`: spec-test files (`*.tests.iml.json`, docs/testing.md).
    SpecTest,
}

impl RuleCategory {
    pub const ALL: [RuleCategory; 9] = [
        RuleCategory::Jsonc,
        RuleCategory::Iml,
        RuleCategory::Connection,
        RuleCategory::Request,
        RuleCategory::Parameter,
        RuleCategory::CrossFile,
        RuleCategory::File,
        RuleCategory::Review,
        RuleCategory::SpecTest,
    ];

    pub const fn prefix(self) -> char {
        match self {
            RuleCategory::Jsonc => 'J',
            RuleCategory::Iml => 'I',
            RuleCategory::Connection => 'C',
            RuleCategory::Request => 'R',
            RuleCategory::Parameter => 'P',
            RuleCategory::CrossFile => 'X',
            RuleCategory::File => 'F',
            RuleCategory::Review => 'V',
            RuleCategory::SpecTest => 'T',
        }
    }

    pub const fn title(self) -> &'static str {
        match self {
            RuleCategory::Jsonc => "JSONC syntax",
            RuleCategory::Iml => "IML expressions",
            RuleCategory::Connection => "Connections",
            RuleCategory::Request => "Requests and responses",
            RuleCategory::Parameter => "Parameters",
            RuleCategory::CrossFile => "Cross-file",
            RuleCategory::File => "Files and configuration",
            RuleCategory::Review => "App review (profile `review`)",
            RuleCategory::SpecTest => "Spec tests",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `C002`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `token-without-authorize`.
    pub name: &'static str,
    pub category: RuleCategory,
    pub severity: Severity,
    /// False for codes that exist for numbering only or duplicate another rule.
    pub enabled_by_default: bool,
    pub summary: &'static str,
    pub explanation: &'static str,
    /// A short JSONC snippet that triggers the rule.
    pub bad: &'static str,
    /// The same snippet, fixed.
    pub good: &'static str,
    /// What the rule rests on (documentation, Make's schema, derivation).
    pub basis: &'static str,
    /// Why this default severity was chosen where the sources allow several.
    pub rationale: Option<&'static str>,
    pub url: Option<&'static str>,
}

impl Rule {
    /// Anchor of the rule's section in `docs/rules.md`, e.g. `c002`.
    pub fn anchor(&self) -> String {
        self.code.to_ascii_lowercase()
    }

    /// `docs/rules.md#c002`.
    pub fn doc_link(&self) -> String {
        format!("{RULES_DOC_PATH}#{}", self.anchor())
    }

    /// Whether the rule's fix is safe to apply unasked (see `fix_safety`).
    pub fn fix_safety(&self) -> Option<&'static crate::FixSafety> {
        crate::fix_safety(self.code)
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) const fn r(
    code: &'static str,
    name: &'static str,
    category: RuleCategory,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
    bad: &'static str,
    good: &'static str,
    basis: &'static str,
) -> Rule {
    Rule {
        code,
        name,
        category,
        severity,
        enabled_by_default: true,
        summary,
        explanation,
        bad,
        good,
        basis,
        rationale: None,
        url: None,
    }
}

impl Rule {
    pub(crate) const fn why(mut self, rationale: &'static str) -> Self {
        self.rationale = Some(rationale);
        self
    }
    pub(crate) const fn url(mut self, url: &'static str) -> Self {
        self.url = Some(url);
        self
    }
    pub(crate) const fn off(mut self) -> Self {
        self.enabled_by_default = false;
        self
    }
}
