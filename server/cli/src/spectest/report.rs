//! What a run of one test file produced, with byte ranges turned into
//! lines and columns, and the `--format json` document built from it.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use iml_analysis::TextRange;
use iml_spectest::{CaseResult, Origin, Outcome, Subject};
use serde_json::json;

use crate::paths;
use crate::report::Positions;

/// A problem with a test file itself (it cannot be read, parsed, or tied
/// to a component); it fails the run.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    pub(super) range: Option<TextRange>,
    pub(super) message: String,
}

impl Problem {
    pub(super) fn whole_file(message: String) -> Problem {
        Problem {
            range: None,
            message,
        }
    }

    pub(super) fn at(range: TextRange, message: String) -> Problem {
        Problem {
            range: Some(range),
            message,
        }
    }
}

/// One test file's run.
pub(super) struct FileRun {
    pub(super) path: PathBuf,
    pub(super) shown: String,
    pub(super) text: String,
    /// `connection acme-oauth`, once the component is known.
    pub(super) subject: Option<String>,
    pub(super) problems: Vec<Problem>,
    pub(super) results: Vec<CaseResult>,
    pub(super) blessed: bool,
    /// Texts of the spec files origins point into.
    specs: HashMap<PathBuf, String>,
}

/// A resolved place: shown path, 1-based line and column, and the source
/// text of the range (for the diff's "produced by" line).
pub(super) struct Place {
    pub(super) shown: String,
    pub(super) line: u32,
    pub(super) column: u32,
    pub(super) end_line: u32,
    pub(super) end_column: u32,
    pub(super) snippet: String,
}

impl FileRun {
    pub(super) fn new(path: PathBuf, shown: String) -> FileRun {
        FileRun {
            path,
            shown,
            text: String::new(),
            subject: None,
            problems: Vec::new(),
            results: Vec::new(),
            blessed: false,
            specs: HashMap::new(),
        }
    }

    pub(super) fn passed(&self) -> bool {
        self.problems.is_empty() && self.results.iter().all(CaseResult::passed)
    }

    pub(super) fn load_spec_texts(&mut self, subject: &Subject) {
        for spec in std::iter::once(&subject.communication).chain(subject.base.as_ref()) {
            self.specs
                .insert(spec.path().to_path_buf(), spec.text().to_owned());
        }
    }

    /// A range of this test file.
    pub(super) fn place_here(&self, range: TextRange, cwd: &Path) -> Place {
        place(&self.path, &self.text, range, cwd)
    }

    /// An origin in the test file or in a spec file of its component.
    pub(super) fn place_of(&self, origin: &Origin, cwd: &Path) -> Option<Place> {
        let text = if origin.file == self.path {
            &self.text
        } else {
            self.specs.get(&origin.file)?
        };
        Some(place(&origin.file, text, origin.range, cwd))
    }
}

fn place(path: &Path, text: &str, range: TextRange, cwd: &Path) -> Place {
    let positions = Positions::new(text);
    let range = positions.clamp_range(range);
    let start = positions.position(range.start().into());
    let end = positions.position(range.end().into());
    Place {
        shown: paths::display(cwd, path),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        snippet: text[range].to_owned(),
    }
}

impl Place {
    fn json(&self) -> serde_json::Value {
        json!({
            "path": self.shown,
            "line": self.line,
            "column": self.column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
        })
    }
}

/// Counts over every file: cases passed, failed (mismatches), stopped.
pub(super) struct Totals {
    pub(super) passed: usize,
    pub(super) failed: usize,
    pub(super) stopped: usize,
    pub(super) broken_files: usize,
}

pub(super) fn totals(runs: &[FileRun]) -> Totals {
    let mut totals = Totals {
        passed: 0,
        failed: 0,
        stopped: 0,
        broken_files: 0,
    };
    for run in runs {
        if !run.problems.is_empty() {
            totals.broken_files += 1;
        }
        for result in &run.results {
            match result.outcome {
                Outcome::Passed => totals.passed += 1,
                Outcome::Failed(_) => totals.failed += 1,
                Outcome::Stopped(_) => totals.stopped += 1,
            }
        }
    }
    totals
}

/// The `--format json` document (version 1).
pub(super) fn write_json(out: &mut dyn Write, runs: &[FileRun], cwd: &Path) -> io::Result<()> {
    let totals = totals(runs);
    let files: Vec<serde_json::Value> = runs.iter().map(|run| file_json(run, cwd)).collect();
    let document = json!({
        "version": 1,
        "summary": {
            "files": runs.len(),
            "cases": totals.passed + totals.failed + totals.stopped,
            "passed": totals.passed,
            "failed": totals.failed,
            "stopped": totals.stopped,
            "brokenFiles": totals.broken_files,
        },
        "files": files,
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn file_json(run: &FileRun, cwd: &Path) -> serde_json::Value {
    let problems: Vec<_> = run
        .problems
        .iter()
        .map(|problem| {
            json!({
                "message": problem.message,
                "at": problem.range.map(|r| run.place_here(r, cwd).json()),
            })
        })
        .collect();
    let cases: Vec<_> = run
        .results
        .iter()
        .map(|result| {
            let (status, failures, stop) = match &result.outcome {
                Outcome::Passed => ("passed", Vec::new(), None),
                Outcome::Failed(mismatches) => (
                    "failed",
                    mismatches
                        .iter()
                        .map(|m| {
                            json!({
                                "path": m.path,
                                "message": m.message,
                                "expected": m.expected,
                                "actual": m.actual,
                                "origin": m.origin.as_ref().and_then(|o| run.place_of(o, cwd)).map(|p| p.json()),
                                "expectedAt": m.expected_range.map(|r| run.place_here(r, cwd).json()),
                            })
                        })
                        .collect(),
                    None,
                ),
                Outcome::Stopped(stop) => (
                    "stopped",
                    Vec::new(),
                    Some(json!({
                        "message": stop.message,
                        "origin": stop.origin.as_ref().and_then(|o| run.place_of(o, cwd)).map(|p| p.json()),
                    })),
                ),
            };
            json!({
                "name": result.name,
                "at": run.place_here(result.name_range, cwd).json(),
                "status": status,
                "failures": failures,
                "stop": stop,
                "actual": result.actual,
            })
        })
        .collect();
    json!({
        "path": run.shown,
        "subject": run.subject,
        "blessed": run.blessed,
        "problems": problems,
        "cases": cases,
    })
}
