//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.

use std::io::{self, Write};

use iml_analysis::Severity;

use crate::output::human::summary_line;
use crate::report::CheckReport;

pub fn write(report: &CheckReport, error: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    if let Some(error) = error {
        // An annotation without a file: shown on the run's summary page.
        writeln!(out, "::error title=iml-ls::{}", escape_data(error))?;
    }
    for (file, finding) in report.findings() {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&file.display),
            finding.start.line,
            finding.start.column,
            finding.end.line,
            finding.end.column,
            escape_property(finding.code),
            escape_data(&message),
        )?;
    }
    writeln!(out, "{}", summary_line(&report.summary()))
}

/// The message part of a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A `key=value` property, where `:` and `,` also delimit.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_delimiters() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
