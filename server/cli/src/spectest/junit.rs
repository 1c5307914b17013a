//! `--format junit`: one `<testsuite>` per test file, one `<testcase>` per
//! case, a `<failure>` with the diff for a failing case and an `<error>`
//! for a case that could not run or a broken test file, in the JUnit XML
//! dialect CI services read.

use std::io::{self, Write};
use std::path::Path;

use iml_spectest::Outcome;

use super::report::{FileRun, totals};

pub(super) fn write(out: &mut dyn Write, runs: &[FileRun], cwd: &Path) -> io::Result<()> {
    let all = totals(runs);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="iml-ls test" tests="{}" failures="{}" errors="{}">"#,
        all.passed + all.failed + all.stopped + all.broken_files,
        all.failed,
        all.stopped + all.broken_files
    )?;
    for run in runs {
        let failures = run
            .results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
            .count();
        let errors = run
            .results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Stopped(_)))
            .count()
            + usize::from(!run.problems.is_empty());
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failures}" errors="{errors}">"#,
            escape(&run.shown),
            run.results.len() + usize::from(!run.problems.is_empty()),
        )?;
        if !run.problems.is_empty() {
            let text: Vec<String> = run
                .problems
                .iter()
                .map(|p| match p.range {
                    Some(range) => {
                        let at = run.place_here(range, cwd);
                        format!("{}:{}:{}: {}", at.shown, at.line, at.column, p.message)
                    }
                    None => p.message.clone(),
                })
                .collect();
            writeln!(
                out,
                r#"    <testcase name="(test file)" classname="{0}" file="{0}">"#,
                escape(&run.shown)
            )?;
            writeln!(
                out,
                r#"      <error message="the test file has errors">{}</error>"#,
                escape(&text.join("\n"))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        for result in &run.results {
            let at = run.place_here(result.name_range, cwd);
            write!(
                out,
                r#"    <testcase name="{}" classname="{}" file="{}" line="{}""#,
                escape(&result.name),
                escape(run.subject.as_deref().unwrap_or(&run.shown)),
                escape(&at.shown),
                at.line
            )?;
            match &result.outcome {
                Outcome::Passed => writeln!(out, "/>")?,
                Outcome::Failed(mismatches) => {
                    writeln!(out, ">")?;
                    let body: Vec<String> = mismatches
                        .iter()
                        .map(|m| {
                            let mut line = format!("{}: {}", m.path, m.message);
                            if let Some(expected) = &m.expected {
                                line.push_str(&format!("\n  expected: {expected}"));
                                let actual = m
                                    .actual
                                    .as_ref()
                                    .map_or("(nothing)".to_owned(), |a| a.to_string());
                                line.push_str(&format!("\n  actual:   {actual}"));
                            }
                            if let Some(place) =
                                m.origin.as_ref().and_then(|o| run.place_of(o, cwd))
                            {
                                line.push_str(&format!(
                                    "\n  produced by {}:{}:{}",
                                    place.shown, place.line, place.column
                                ));
                            }
                            line
                        })
                        .collect();
                    writeln!(
                        out,
                        r#"      <failure message="{} expectation{} did not hold">{}</failure>"#,
                        mismatches.len(),
                        if mismatches.len() == 1 { "" } else { "s" },
                        escape(&body.join("\n"))
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
                Outcome::Stopped(stop) => {
                    writeln!(out, ">")?;
                    writeln!(out, r#"      <error message="{}"/>"#, escape(&stop.message))?;
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text safe inside XML attributes and elements; characters XML 1.0
/// cannot hold at all become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_special_and_control_characters_are_escaped() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
