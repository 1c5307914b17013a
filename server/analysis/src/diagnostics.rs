//! A problem found in one file, with its quick fixes, and the cap on how many one file reports.

use text_size::TextRange;

pub use iml_catalogue::Safety;
use iml_catalogue::Severity;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code from the catalogue, e.g. `J003` or `C002`.
    pub code: &'static str,
    pub severity: Severity,
    /// Names the problem and the fix.
    pub message: String,
    /// Byte range in the file the diagnostic belongs to.
    pub range: TextRange,
    /// A longer hint, shown as a help line.
    pub help: Option<String>,
    /// Quick fixes that are clear enough to offer.
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// Whether the diagnostic's fixes keep what the app does at run time
    /// (`None` when it offers none). The rule's entry in the catalogue
    /// decides; a rule without one counts as unsafe.
    pub fn fix_safety(&self) -> Option<Safety> {
        if self.fixes.is_empty() {
            return None;
        }
        Some(if iml_catalogue::fix_is_safe(self.code) {
            Safety::Safe
        } else {
            Safety::Unsafe
        })
    }
}

/// A quick fix: edits to the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// Diagnostics kept per file. A file dense with one mistake (a megabyte of
/// `{{a.b}}`) would otherwise give a hundred thousand of them, each costing
/// server memory and a line in every report; compilers and linters stop
/// early for the same reason.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 1000;

/// Keeps the first [`MAX_DIAGNOSTICS_PER_FILE`] of `diagnostics` (already in
/// file order) and replaces the rest by one F007 at the first one left out,
/// naming how many were left out and their most frequent code. When a
/// producer `stopped_early`, the rest was never built and the counts are
/// only a floor, which the message says.
pub(crate) fn cap_per_file(diagnostics: &mut Vec<Diagnostic>, stopped_early: bool) {
    if diagnostics.len() <= MAX_DIAGNOSTICS_PER_FILE {
        return;
    }
    let omitted = diagnostics.split_off(MAX_DIAGNOSTICS_PER_FILE);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for diagnostic in &omitted {
        match counts.iter_mut().find(|(code, _)| *code == diagnostic.code) {
            Some((_, count)) => *count += 1,
            None => counts.push((diagnostic.code, 1)),
        }
    }
    let (top_code, top_count) = counts
        .iter()
        .max_by_key(|(code, count)| (*count, std::cmp::Reverse(*code)))
        .copied()
        .unwrap_or(("", 0));
    diagnostics.push(Diagnostic {
        code: "F007",
        severity: iml_catalogue::rule("F007").map_or(Severity::Warning, |rule| rule.severity),
        message: if stopped_early {
            format!(
                "more problems in this file are not shown: only the first \
                 {MAX_DIAGNOSTICS_PER_FILE} are reported, and the IML after this point was not \
                 checked"
            )
        } else {
            format!(
                "{} more problems in this file are not shown, {top_count} of them {top_code}; \
                 only the first {MAX_DIAGNOSTICS_PER_FILE} are reported",
                omitted.len()
            )
        },
        range: omitted[0].range,
        help: Some(
            "Fix the problems shown, or turn off the rule that fires most, to see the rest.".into(),
        ),
        fixes: Vec::new(),
    });
}
