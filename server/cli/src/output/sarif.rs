//! `--format sarif`: SARIF 2.1.0 for code-scanning tools, built on the
//! `serde-sarif` types.

use std::collections::BTreeMap;
use std::io::{self, Write};

use iml_analysis::Severity;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultColumnKind, ResultLevel, Run, SCHEMA_URL, Sarif, Tool,
    ToolComponent, Version,
};

use crate::report::{CheckReport, FileReport, Finding};
use crate::rules;

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info | Severity::Hint => ResultLevel::Note,
    }
}

fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// A relative path is a relative URI reference; an absolute one becomes a
/// `file://` URI. Characters URIs reserve are percent-encoded.
pub fn artifact_uri(display: &str) -> String {
    let mut uri = String::with_capacity(display.len());
    if display.starts_with('/') {
        uri.push_str("file://");
    }
    for byte in display.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn descriptor(code: &str) -> ReportingDescriptor {
    match rules::lookup(code) {
        Some(rule) => ReportingDescriptor::builder()
            .id(rule.code)
            .name(rule.name)
            .short_description(
                MultiformatMessageString::builder()
                    .text(rule.summary)
                    .build(),
            )
            .full_description(
                MultiformatMessageString::builder()
                    .text(rule.explanation)
                    .build(),
            )
            .help_uri(rules::help_uri(rule))
            .default_configuration(
                ReportingConfiguration::builder()
                    .level(json(level(rule.severity)))
                    .build(),
            )
            .build(),
        None => ReportingDescriptor::builder().id(code).build(),
    }
}

fn result(file: &FileReport, finding: &Finding, rule_index: usize) -> SarifResult {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let region = Region::builder()
        .start_line(i64::from(finding.start.line))
        .start_column(i64::from(finding.start.column))
        .end_line(i64::from(finding.end.line))
        .end_column(i64::from(finding.end.column))
        .build();
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(artifact_uri(&file.display))
                        .build(),
                )
                .region(region)
                .build(),
        )
        .build();
    let builder = SarifResult::builder()
        .rule_id(finding.code)
        .rule_index(rule_index as i64)
        .level(level(finding.severity))
        .message(Message::builder().text(text).build())
        .locations(vec![location]);
    match fix_properties(finding) {
        Some(properties) => builder.properties(properties).build(),
        None => builder.build(),
    }
}

/// For a finding with a fix: whether it is safe, and whether `--fix`
/// applies it. SARIF has no field for either, so they go in the result's
/// property bag.
fn fix_properties(finding: &Finding) -> Option<PropertyBag> {
    let safety = finding.fixes.first()?.safety;
    let properties = BTreeMap::from([
        ("fixSafety".to_owned(), json(safety.as_str())),
        ("autoFixable".to_owned(), json(finding.auto_fixable)),
    ]);
    Some(
        PropertyBag::builder()
            .additional_properties(properties)
            .build(),
    )
}

pub fn build(report: &CheckReport, error: Option<&str>) -> Sarif {
    // Only the rules that occur, in code order; results point at them by index.
    let codes: BTreeMap<&str, usize> = {
        let mut codes: Vec<&str> = report.findings().map(|(_, finding)| finding.code).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
            .into_iter()
            .enumerate()
            .map(|(index, code)| (code, index))
            .collect()
    };
    let driver = ToolComponent::builder()
        .name("iml-ls")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(
            codes
                .keys()
                .map(|code| descriptor(code))
                .collect::<Vec<_>>(),
        )
        .build();
    let results: Vec<SarifResult> = report
        .findings()
        .map(|(file, finding)| result(file, finding, codes[finding.code]))
        .collect();
    let tool = Tool::builder().driver(driver).build();
    let column_kind = json(ResultColumnKind::UnicodeCodePoints);
    let run = match error {
        None => Run::builder()
            .tool(tool)
            .column_kind(column_kind)
            .results(results)
            .build(),
        // A failed run is an unsuccessful invocation with the error as its
        // notification, so code scanning shows why nothing was checked.
        Some(error) => Run::builder()
            .tool(tool)
            .column_kind(column_kind)
            .results(results)
            .invocations(vec![
                Invocation::builder()
                    .execution_successful(false)
                    .tool_execution_notifications(vec![
                        Notification::builder()
                            .level(json(ResultLevel::Error))
                            .message(Message::builder().text(error).build())
                            .build(),
                    ])
                    .build(),
            ])
            .build(),
    };
    Sarif::builder()
        .schema(SCHEMA_URL)
        .version(json(Version::V2_1_0))
        .runs(vec![run])
        .build()
}

pub fn write(report: &CheckReport, error: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report, error)).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            artifact_uri("apps/my app/a#1.iml.json"),
            "apps/my%20app/a%231.iml.json"
        );
        assert_eq!(artifact_uri("/tmp/x.imljson"), "file:///tmp/x.imljson");
    }
}
