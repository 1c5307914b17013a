//! `--format json`: one document, schema version 1 (docs/cli.md). Fields are
//! only ever added; a removal or change of meaning bumps `version`.

use std::io::{self, Write};

use serde::Serialize;

use crate::report::{CheckReport, Position, severity_name};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
    /// Why the run failed (exit code 2); absent when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    /// Only under a profile: per-component problems (`output/review.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<super::review::Review>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    range: Range,
    fixes: Vec<Fix<'a>>,
    /// Whether `--fix` applies the fix unasked.
    fixable: bool,
}

#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    line: u32,
    column: u32,
    offset: u32,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    /// `safe` or `unsafe`: whether the fix may change what the app does.
    safety: &'static str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    range: Range,
    #[serde(rename = "newText")]
    new_text: &'a str,
}

fn point(position: Position) -> Point {
    Point {
        line: position.line,
        column: position.column,
        offset: position.offset,
    }
}

pub fn write(report: &CheckReport, error: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let summary = report.summary();
    let document = Document {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "iml-ls",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            hints: summary.hints,
        },
        diagnostics: report
            .findings()
            .map(|(file, finding)| Diagnostic {
                path: &file.display,
                code: finding.code,
                severity: severity_name(finding.severity),
                message: &finding.message,
                help: finding.help.as_deref(),
                range: Range {
                    start: point(finding.start),
                    end: point(finding.end),
                },
                fixes: finding
                    .fixes
                    .iter()
                    .map(|fix| Fix {
                        title: &fix.title,
                        safety: fix.safety.as_str(),
                        edits: fix
                            .edits
                            .iter()
                            .map(|edit| Edit {
                                range: Range {
                                    start: point(edit.start),
                                    end: point(edit.end),
                                },
                                new_text: &edit.new_text,
                            })
                            .collect(),
                    })
                    .collect(),
                fixable: finding.auto_fixable,
            })
            .collect(),
        error,
        review: super::review::review(report),
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}
