//! Running a spec-test file's cases from the editor: the cases a file
//! holds (for a "Run" lens on each) and their results as `T006`
//! diagnostics in the test file, at the expectation that did not hold or
//! at the case, with the place that produced the value in the help line.

use std::path::Path;

use iml_jsonc::TextRange;
use iml_spectest::{Mismatch, Origin, Outcome, Stop, TestFile, parse_cases, run_file};

use super::diagnostics::diagnostic;
use crate::diagnostics::Diagnostic;
use crate::host::Analysis;

/// A case of a test file, as a lens shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecCase {
    pub name: String,
    /// The case's `name` value.
    pub range: TextRange,
}

/// How a run of one case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    Passed,
    Failed,
    Stopped,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Passed => "passed",
            CaseStatus::Failed => "failed",
            CaseStatus::Stopped => "stopped",
        }
    }
}

/// One case's run: its status and, unless it passed, the `T006`
/// diagnostics that say why.
#[derive(Debug, Clone)]
pub struct CaseRun {
    pub name: String,
    pub status: CaseStatus,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// The cases of the spec-test file `path`, in file order.
    pub fn spec_test_cases(&self, path: &Path) -> Vec<SpecCase> {
        if self.role(path).kind != crate::roles::RoleKind::SpecTest {
            return Vec::new();
        }
        // The analysis holds the file parsed; a lens request needs no reparse.
        let Some(root) = self.root_value(path) else {
            return Vec::new();
        };
        parse_cases(root)
            .0
            .into_iter()
            .map(|case| SpecCase {
                name: case.name,
                range: case.name_range,
            })
            .collect()
    }

    /// Runs the cases of `path` named `only` (every case when `None`)
    /// against the component as the analysis holds it now, open edits
    /// included. `Err` says why nothing could run.
    pub fn run_spec_tests(&self, path: &Path, only: Option<&str>) -> Result<Vec<CaseRun>, String> {
        let text = self
            .file_text(path)
            .ok_or_else(|| format!("`{}` is not loaded", path.display()))?;
        let mut file = TestFile::parse(path.to_path_buf(), text.to_owned());
        if let Some(name) = only {
            file.cases.retain(|case| case.name == name);
            if file.cases.is_empty() {
                return Err(format!("the test file has no case named `{name}`"));
            }
        }
        let subject = self.spec_test_subject(path)?;
        Ok(run_file(&subject, &file)
            .into_iter()
            .map(|result| {
                let (status, diagnostics) = match &result.outcome {
                    Outcome::Passed => (CaseStatus::Passed, Vec::new()),
                    Outcome::Failed(mismatches) => (
                        CaseStatus::Failed,
                        mismatches
                            .iter()
                            .map(|m| {
                                self.mismatch_diagnostic(path, &result.name, result.name_range, m)
                            })
                            .collect(),
                    ),
                    Outcome::Stopped(stop) => (
                        CaseStatus::Stopped,
                        vec![self.stop_diagnostic(path, &result.name, result.name_range, stop)],
                    ),
                };
                CaseRun {
                    name: result.name,
                    status,
                    diagnostics,
                }
            })
            .collect())
    }

    fn mismatch_diagnostic(
        &self,
        path: &Path,
        case: &str,
        case_range: TextRange,
        mismatch: &Mismatch,
    ) -> Diagnostic {
        let at = if mismatch.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", mismatch.path)
        };
        let mut message = format!("case `{case}` failed: {at}{}", mismatch.message);
        if let Some(expected) = &mismatch.expected {
            message.push_str(&format!("\n  expected: {expected}"));
            let actual = mismatch
                .actual
                .as_ref()
                .map_or_else(|| "(nothing)".to_owned(), ToString::to_string);
            message.push_str(&format!("\n  actual:   {actual}"));
        }
        let mut found = diagnostic(
            "T006",
            mismatch.expected_range.unwrap_or(case_range),
            message,
        );
        found.help = mismatch
            .origin
            .as_ref()
            .map(|origin| format!("produced by {}", self.describe(origin)));
        found.range = self.in_test_file(path, found.range, case_range);
        found
    }

    fn stop_diagnostic(
        &self,
        path: &Path,
        case: &str,
        case_range: TextRange,
        stop: &Stop,
    ) -> Diagnostic {
        let message = format!("case `{case}` could not run: {}", stop.message);
        match &stop.origin {
            Some(origin) if origin.file == path => diagnostic("T006", origin.range, message),
            Some(origin) => {
                let mut found = diagnostic("T006", case_range, message);
                found.help = Some(format!("at {}", self.describe(origin)));
                found
            }
            None => diagnostic("T006", case_range, message),
        }
    }

    /// A range of the test file, or the case's when it is past the end
    /// (never a range the editor cannot show).
    fn in_test_file(&self, path: &Path, range: TextRange, case_range: TextRange) -> TextRange {
        let length = self.file_text(path).map_or(0, str::len);
        if usize::from(range.end()) <= length {
            range
        } else {
            case_range
        }
    }

    /// `file:line:column` and the source text of a place, for a help line.
    fn describe(&self, origin: &Origin) -> String {
        let name = origin.file.file_name().map_or_else(
            || origin.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let Some(text) = self.file_text(&origin.file) else {
            return name;
        };
        let start = usize::from(origin.range.start()).min(text.len());
        let end = usize::from(origin.range.end()).clamp(start, text.len());
        let before = text.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // One line of source is enough to recognise the place.
        let source = text
            .get(start..end)
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("");
        let source: String = source.chars().take(80).collect();
        format!("{name}:{line}:{column}  {source}")
    }
}
