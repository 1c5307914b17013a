//! The default format, for people: rustc-style reports with a code frame, a
//! caret under the range and a help line, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use iml_analysis::Severity;

use crate::report::{CheckReport, FileReport, Finding, Summary};

/// A range spanning more lines than this is framed by its first line only,
/// so one diagnostic on a large object does not print the whole object.
const MAX_FRAME_LINES: u32 = 6;

pub fn write(report: &CheckReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for (file, finding) in report.findings() {
        let title = title_text(finding);
        let rendered = renderer.render(&[group(file, finding, &title)]);
        writeln!(out, "{rendered}\n")?;
    }
    write_summary(&report.summary(), color, out)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

fn group<'a>(file: &'a FileReport, finding: &'a Finding, title_text: &'a str) -> Group<'a> {
    let title = level(finding.severity)
        .primary_title(title_text)
        .id(finding.code);
    let mut group = match &file.text {
        Some(text) => title.element(frame(&file.display, text, finding)),
        None => title.element(
            Origin::path(file.display.as_str())
                .line(finding.start.line as usize)
                .char_column(finding.start.column as usize),
        ),
    };
    if let Some(help) = &finding.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    // Each fix is advice a person can follow, also where `--fix` leaves the
    // choice to them.
    for fix in &finding.fixes {
        group = group.element(Level::HELP.message(fix.title.as_str()));
    }
    group
}

/// The title line's text: `[*]` marks a problem `--fix` repairs, as ruff does.
fn title_text(finding: &Finding) -> String {
    if finding.auto_fixable {
        format!("[*] {}", finding.message)
    } else {
        finding.message.clone()
    }
}

/// The lines the range touches, cut out of the text so that rendering costs
/// no more than the lines shown.
fn frame<'a>(
    display: &'a str,
    text: &'a str,
    finding: &Finding,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let start = usize::from(finding.range.start());
    let mut end = usize::from(finding.range.end());
    let window_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    if finding.end.line - finding.start.line >= MAX_FRAME_LINES {
        end = line_end(text, start);
    }
    let window_end = line_end(text, end);
    let source = &text[window_start..window_end];
    let span_start = start - window_start;
    let span_end = (end - window_start).min(source.len()).max(span_start);
    Snippet::source(source)
        .line_start(finding.start.line as usize)
        .path(display)
        .fold(true)
        .annotation(AnnotationKind::Primary.span(span_start..span_end))
}

/// End of the line holding `offset`, before any `\r\n` or `\n`.
fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |newline| offset + newline);
    if end > offset && text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

pub fn summary_line(summary: &Summary) -> String {
    let counts: Vec<String> = [
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.infos, "info"),
        (summary.hints, "hint"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, word)| plural(count, word))
    .collect();
    let files = plural(summary.files, "file");
    if counts.is_empty() {
        format!("Checked {files}: no problems found.")
    } else {
        format!("Checked {files}: found {}.", counts.join(", "))
    }
}

/// The line after the summary counting the problems `--fix` repairs.
pub fn fixable_line(summary: &Summary) -> Option<String> {
    (summary.fixable > 0).then(|| format!("[*] {} fixable with `--fix`.", summary.fixable))
}

fn write_summary(summary: &Summary, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let line = summary_line(summary);
    let style = if !color {
        Style::new()
    } else if summary.errors > 0 {
        Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
    } else if summary.warnings > 0 {
        Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()))
    } else {
        Style::new().bold().fg_color(Some(AnsiColor::Green.into()))
    };
    writeln!(out, "{style}{line}{style:#}")?;
    match fixable_line(summary) {
        Some(fixable) => writeln!(out, "{fixable}"),
        None => Ok(()),
    }
}
