//! The human report, shaped like `cargo test`'s: a line per case, then
//! each failure with its diff, the place of the expectation and the
//! expression that produced the value, then one result line.

use std::io::{self, Write};
use std::path::Path;

use iml_spectest::Outcome;

use super::report::{FileRun, totals};

pub(super) fn write(out: &mut dyn Write, runs: &[FileRun], cwd: &Path) -> io::Result<()> {
    let mut failures = Vec::new();
    for run in runs {
        let subject = run
            .subject
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let count = run.results.len();
        writeln!(
            out,
            "running {count} case{} from {}{subject}",
            plural(count),
            run.shown
        )?;
        for problem in &run.problems {
            match problem.range {
                Some(range) => {
                    let at = run.place_here(range, cwd);
                    writeln!(
                        out,
                        "error: {}:{}:{}: {}",
                        at.shown, at.line, at.column, problem.message
                    )?;
                }
                None => writeln!(out, "error: {}: {}", run.shown, problem.message)?,
            }
        }
        for result in &run.results {
            let status = match result.outcome {
                Outcome::Passed => "ok",
                Outcome::Failed(_) => "FAILED",
                Outcome::Stopped(_) => "STOPPED",
            };
            writeln!(out, "test {} ... {status}", result.name)?;
            if !result.passed() {
                failures.push((run, result));
            }
        }
        if run.blessed {
            writeln!(
                out,
                "blessed: wrote the results as the expectations of {}",
                run.shown
            )?;
        }
        writeln!(out)?;
    }
    if !failures.is_empty() {
        writeln!(out, "failures:")?;
        for (run, result) in &failures {
            writeln!(out)?;
            writeln!(out, "---- {} ----", result.name)?;
            let at = run.place_here(result.name_range, cwd);
            writeln!(out, "  case at {}:{}:{}", at.shown, at.line, at.column)?;
            match &result.outcome {
                Outcome::Stopped(stop) => {
                    writeln!(out, "  stopped: {}", stop.message)?;
                    if let Some(place) = stop.origin.as_ref().and_then(|o| run.place_of(o, cwd)) {
                        writeln!(
                            out,
                            "    at {}:{}:{}  {}",
                            place.shown,
                            place.line,
                            place.column,
                            one_line(&place.snippet)
                        )?;
                    }
                }
                Outcome::Failed(mismatches) => {
                    for mismatch in mismatches {
                        writeln!(out)?;
                        let path = if mismatch.path.is_empty() {
                            "(case)"
                        } else {
                            &mismatch.path
                        };
                        writeln!(out, "  {path}: {}", mismatch.message)?;
                        if let Some(expected) = &mismatch.expected {
                            writeln!(out, "    - expected: {}", compact(expected))?;
                            let actual = mismatch
                                .actual
                                .as_ref()
                                .map_or("(nothing)".to_owned(), compact);
                            writeln!(out, "    + actual:   {actual}")?;
                        } else if let Some(actual) = &mismatch.actual {
                            writeln!(out, "    + actual:   {}", compact(actual))?;
                        }
                        if let Some(range) = mismatch.expected_range {
                            let place = run.place_here(range, cwd);
                            writeln!(
                                out,
                                "    expected at {}:{}:{}",
                                place.shown, place.line, place.column
                            )?;
                        }
                        if let Some(place) =
                            mismatch.origin.as_ref().and_then(|o| run.place_of(o, cwd))
                        {
                            writeln!(
                                out,
                                "    produced by {}:{}:{}  {}",
                                place.shown,
                                place.line,
                                place.column,
                                one_line(&place.snippet)
                            )?;
                        }
                    }
                }
                Outcome::Passed => {}
            }
        }
        writeln!(out)?;
        writeln!(out, "failures:")?;
        for (_, result) in &failures {
            writeln!(out, "    {}", result.name)?;
        }
        writeln!(out)?;
    }
    let totals = totals(runs);
    let ok = failures.is_empty() && totals.broken_files == 0;
    write!(
        out,
        "test result: {}. {} passed; {} failed; {} stopped",
        if ok { "ok" } else { "FAILED" },
        totals.passed,
        totals.failed,
        totals.stopped
    )?;
    if totals.broken_files > 0 {
        write!(
            out,
            "; {} test file{} with errors",
            totals.broken_files,
            plural(totals.broken_files)
        )?;
    }
    writeln!(out)
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A value on one line, as the diff shows it.
fn compact(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A source snippet on one line, shortened.
fn one_line(snippet: &str) -> String {
    let line: String = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 80 {
        let cut: String = line.chars().take(77).collect();
        format!("{cut}...")
    } else {
        line
    }
}
