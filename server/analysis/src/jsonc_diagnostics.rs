//! The diagnostics every JSON file gets: JSONC syntax errors, and J006 for a
//! comment in a file that must be strict JSON (common data).

use iml_jsonc::JsonDocument;

use iml_catalogue::Severity;

use crate::diagnostics::Diagnostic;
use crate::roles::FileRole;

pub(crate) fn jsonc_diagnostics(doc: &JsonDocument, role: &FileRole) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = doc
        .syntax_errors()
        .into_iter()
        .map(|error| Diagnostic {
            code: error.code,
            severity: severity(error.code),
            message: error.message,
            range: error.range,
            help: None,
            fixes: Vec::new(),
        })
        .collect();
    if role.kind.is_strict_json() {
        for range in doc.comments() {
            out.push(Diagnostic {
                code: "J006",
                severity: severity("J006"),
                message: "comments are not allowed in common data: it is uploaded as strict JSON; remove the comment".to_owned(),
                range,
                help: Some("Common data is stored encrypted and must be plain JSON. Put notes in the README instead.".to_owned()),
                fixes: Vec::new(),
            });
        }
    }
    out
}

/// The default severity of a rule; a code missing from the catalogue is a
/// bug, reported as an error rather than hidden.
fn severity(code: &str) -> Severity {
    iml_catalogue::rule(code).map_or(Severity::Error, |rule| rule.severity)
}
