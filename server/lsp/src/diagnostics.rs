//! Analysis diagnostics (byte ranges) as protocol diagnostics.

use iml_analysis::Severity;
use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Uri,
};

use crate::positions::{PositionEncoding, range_to_proto};

/// Where each rule's documentation lives; a diagnostic links to
/// `RULES_DOC_BASE` + its lower-case code. Derived from the workspace's
/// `repository`, the project's one canonical URL.
pub const RULES_DOC_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md#");

pub const SOURCE: &str = "iml-ls";

pub fn to_proto(
    diagnostic: &iml_analysis::Diagnostic,
    rope: &Rope,
    encoding: PositionEncoding,
) -> Diagnostic {
    let range = range_to_proto(
        rope,
        diagnostic.range.start().into(),
        diagnostic.range.end().into(),
        encoding,
    );
    // Not every client shows related information; a help line inside the
    // message is seen everywhere.
    let message = match &diagnostic.help {
        Some(help) if !help.is_empty() => format!("{}\nhelp: {help}", diagnostic.message),
        _ => diagnostic.message.clone(),
    };
    Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        code_description: rule_doc_uri(diagnostic.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

pub fn rule_doc_uri(code: &str) -> Option<Uri> {
    format!("{RULES_DOC_BASE}{}", code.to_ascii_lowercase())
        .parse()
        .ok()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iml_analysis::{TextRange, TextSize};
    use tower_lsp_server::ls_types::Position;

    fn analysis_diagnostic(help: Option<&str>) -> iml_analysis::Diagnostic {
        iml_analysis::Diagnostic {
            code: "J001",
            severity: Severity::Error,
            message: "expected `,` between members".to_owned(),
            // The second line's first character, after an emoji on line 0.
            range: TextRange::new(TextSize::new(13), TextSize::new(14)),
            help: help.map(str::to_owned),
            fixes: Vec::new(),
        }
    }

    #[test]
    fn carries_code_source_link_and_exact_range() {
        let rope = Rope::from_str("{\"a\": \"😀\"\n\"b\": 1}");
        let converted = to_proto(
            &analysis_diagnostic(Some("insert a comma")),
            &rope,
            PositionEncoding::Utf16,
        );
        assert_eq!(converted.range.start, Position::new(1, 0));
        assert_eq!(converted.range.end, Position::new(1, 1));
        assert_eq!(converted.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(converted.code, Some(NumberOrString::String("J001".into())));
        assert_eq!(converted.source.as_deref(), Some("iml-ls"));
        assert_eq!(
            converted.code_description.unwrap().href.as_str(),
            format!(
                "{}/blob/main/docs/rules.md#j001",
                env!("CARGO_PKG_REPOSITORY")
            )
        );
        assert_eq!(
            converted.message,
            "expected `,` between members\nhelp: insert a comma"
        );
    }

    #[test]
    fn message_without_help_is_unchanged() {
        let rope = Rope::from_str("{\"a\": \"😀\"\n\"b\": 1}");
        let converted = to_proto(&analysis_diagnostic(None), &rope, PositionEncoding::Utf8);
        assert_eq!(converted.message, "expected `,` between members");
    }
}
