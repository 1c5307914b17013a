//! One run of `iml-ls check`: read every planned file in parallel, analyse
//! each app in one analysis host (the same core the server uses), apply the
//! app's `iml-ls.toml`, and collect findings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use iml_analysis::{AnalysisHost, Diagnostic, Severity, TextRange};
use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::config::{self, CONFIG_FILE_NAME, RuleOverrides};
use crate::discover::{AppKind, AppPlan, MANIFEST_FILE_NAME, Plan, WalkProblemKind};
use crate::manifest;
use crate::paths;
use crate::read::{self, ReadProblem};
use crate::report::{CheckReport, FILE_START, FileReport, Finding, FixEdit, FixReport, Positions};
use crate::rules;

/// Extensions of manifest-listed files that hold JSON; others (README,
/// JavaScript) are not analysed.
const JSON_EXTENSIONS: [&str; 3] = ["json", "imljson", "jsonc"];

pub fn run(plan: &Plan, cwd: &Path, progress: &ProgressBar) -> CheckReport {
    let mut files: Vec<FileReport> = plan
        .apps
        .par_iter()
        .flat_map_iter(|app| check_app(app, cwd, progress))
        .collect();
    for problem in &plan.problems {
        files.push(FileReport {
            path: problem.path.clone(),
            display: paths::display(cwd, &problem.path),
            text: None,
            findings: vec![file_finding(
                "F001",
                walk_problem_message(&problem.kind, cwd),
            )],
        });
    }

    // One file may be reached through two apps (a manifest listing a file of
    // a nested app): keep it once.
    let mut by_path: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
    for file in files {
        by_path.entry(file.path.clone()).or_insert(file);
    }
    let files_checked = by_path.len();
    let mut files: Vec<FileReport> = by_path
        .into_values()
        .filter(|file| !file.findings.is_empty())
        .collect();
    files.sort_by(|a, b| a.display.cmp(&b.display));
    CheckReport {
        files,
        files_checked,
    }
}

fn walk_problem_message(kind: &WalkProblemKind, cwd: &Path) -> String {
    match kind {
        WalkProblemKind::Loop { ancestor } => format!(
            "symbolic link loop: this folder leads back to `{}`, so it was not entered",
            paths::display(cwd, ancestor)
        ),
        WalkProblemKind::Unreadable(reason) => format!("could not be read: {reason}"),
    }
}

struct Loaded {
    path: PathBuf,
    text: Result<Arc<str>, ReadProblem>,
}

fn load(paths: impl IntoParallelIterator<Item = PathBuf>) -> Vec<Loaded> {
    paths
        .into_par_iter()
        .map(|path| {
            let text = read::read_text(&path).map(Arc::from);
            Loaded { path, text }
        })
        .collect()
}

fn check_app(app: &AppPlan, cwd: &Path, progress: &ProgressBar) -> Vec<FileReport> {
    let mut reports = Vec::new();
    let overrides = load_config(app, cwd, &mut reports);

    let mut loaded = load(app.files.iter().cloned().collect::<Vec<_>>());
    let mut manifest_findings = Vec::new();
    if app.kind == AppKind::Manifest {
        let listed = listed_files(app, &loaded, &mut manifest_findings);
        progress.inc_length(listed.len() as u64);
        loaded.extend(load(listed));
    }

    let mut host = AnalysisHost::new();
    for file in &loaded {
        if let Ok(text) = &file.text {
            host.set_file(file.path.clone(), text.to_string());
        }
    }
    let analysis = host.snapshot();

    let manifest_path = app.root.join(MANIFEST_FILE_NAME);
    let in_scope: Vec<&Loaded> = loaded
        .iter()
        .filter(|file| app.in_scope(&file.path))
        .collect();
    let analysed: Vec<FileReport> = in_scope
        .par_iter()
        .map(|file| {
            let report = match &file.text {
                Ok(text) => {
                    let mut diagnostics = analysis.diagnostics(&file.path);
                    if file.path == manifest_path {
                        diagnostics.append(&mut manifest_findings.clone());
                    }
                    text_report(&file.path, text.clone(), diagnostics, &overrides, cwd)
                }
                Err(problem) => problem_report(&file.path, problem, &overrides, cwd),
            };
            progress.inc(1);
            report
        })
        .collect();
    reports.extend(analysed);
    reports
}

/// Files the manifest lists that the walk did not find (other names than
/// `*.iml.json`, hidden folders). A path leaving the app root is reported
/// as F005 and never read.
fn listed_files(app: &AppPlan, loaded: &[Loaded], findings: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let manifest_path = app.root.join(MANIFEST_FILE_NAME);
    let Some(Ok(text)) = loaded
        .iter()
        .find(|file| file.path == manifest_path)
        .map(|file| &file.text)
    else {
        return Vec::new();
    };
    let mut extra = Vec::new();
    for reference in manifest::code_file_references(text) {
        if !paths::stays_inside(Path::new(&reference.path)) {
            findings.push(Diagnostic {
                code: "F005",
                severity: rules::default_severity("F005"),
                message: format!(
                    "`{}` points outside the app folder, so it is not read; keep code files inside the folder of makecomapp.json",
                    reference.path
                ),
                range: text_range(reference.range),
                help: None,
                fixes: Vec::new(),
            });
            continue;
        }
        let path = paths::absolute(&app.root, Path::new(&reference.path));
        let is_json = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| JSON_EXTENSIONS.contains(&extension));
        let known = app.files.contains(&path) || extra.contains(&path);
        if is_json && !known && path.is_file() {
            extra.push(path);
        }
    }
    extra
}

fn text_range(range: std::ops::Range<usize>) -> TextRange {
    let start = u32::try_from(range.start).unwrap_or(u32::MAX);
    let end = u32::try_from(range.end).unwrap_or(u32::MAX).max(start);
    TextRange::new(start.into(), end.into())
}

fn load_config(app: &AppPlan, cwd: &Path, reports: &mut Vec<FileReport>) -> RuleOverrides {
    let path = app.root.join(CONFIG_FILE_NAME);
    if !path.is_file() {
        return RuleOverrides::default();
    }
    let text: Arc<str> = match read::read_text(&path) {
        Ok(text) => Arc::from(text),
        Err(problem) => {
            reports.push(FileReport {
                path: path.clone(),
                display: paths::display(cwd, &path),
                text: None,
                findings: vec![file_finding(
                    "F004",
                    format!("{CONFIG_FILE_NAME} was not applied: {}", problem.message()),
                )],
            });
            return RuleOverrides::default();
        }
    };
    let parsed = config::parse(&text);
    let diagnostics = parsed
        .problems
        .into_iter()
        .map(|problem| Diagnostic {
            code: "F004",
            severity: rules::default_severity("F004"),
            message: problem.message,
            range: text_range(problem.range),
            help: Some(format!(
                "{CONFIG_FILE_NAME} takes a [rules] table mapping rule codes to \"off\", \"hint\", \"info\", \"warning\" or \"error\""
            )),
            fixes: Vec::new(),
        })
        .collect();
    // Problems in the configuration are not themselves configurable.
    reports.push(text_report(
        &path,
        text,
        diagnostics,
        &RuleOverrides::default(),
        cwd,
    ));
    parsed.overrides
}

fn file_finding(code: &'static str, message: String) -> Finding {
    Finding {
        code,
        severity: rules::default_severity(code),
        message,
        help: None,
        range: TextRange::empty(0.into()),
        start: FILE_START,
        end: FILE_START,
        fixes: Vec::new(),
    }
}

fn problem_report(
    path: &Path,
    problem: &ReadProblem,
    overrides: &RuleOverrides,
    cwd: &Path,
) -> FileReport {
    let mut finding = file_finding(problem.code(), problem.message());
    let findings = match overrides.apply(finding.code, finding.severity) {
        Some(severity) => {
            finding.severity = severity;
            vec![finding]
        }
        None => Vec::new(),
    };
    FileReport {
        path: path.to_path_buf(),
        display: paths::display(cwd, path),
        text: None,
        findings,
    }
}

fn text_report(
    path: &Path,
    text: Arc<str>,
    diagnostics: Vec<Diagnostic>,
    overrides: &RuleOverrides,
    cwd: &Path,
) -> FileReport {
    let positions = Positions::new(&text);
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .filter_map(|diagnostic| {
            let severity = overrides.apply(diagnostic.code, diagnostic.severity)?;
            let range = positions.clamp_range(diagnostic.range);
            let fixes = diagnostic
                .fixes
                .into_iter()
                .map(|fix| FixReport {
                    title: fix.title,
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|edit| {
                            let range = positions.clamp_range(edit.range);
                            FixEdit {
                                range,
                                start: positions.position(range.start().into()),
                                end: positions.position(range.end().into()),
                                new_text: edit.new_text,
                            }
                        })
                        .collect(),
                })
                .collect();
            Some(Finding {
                code: diagnostic.code,
                severity,
                message: diagnostic.message,
                help: diagnostic.help,
                range,
                start: positions.position(range.start().into()),
                end: positions.position(range.end().into()),
                fixes,
            })
        })
        .collect();
    findings.sort_by_key(|finding| (finding.range.start(), finding.range.end(), finding.code));
    // The analysis may report a problem the CLI also found (e.g. F005).
    findings.dedup_by(|a, b| a.code == b.code && a.range == b.range);
    FileReport {
        path: path.to_path_buf(),
        display: paths::display(cwd, path),
        text: Some(text),
        findings,
    }
}

/// Severity ordering used by `--deny-warnings` and exit codes.
pub fn fails(report: &CheckReport, deny_warnings: bool) -> bool {
    report.findings().any(|(_, finding)| {
        finding.severity == Severity::Error
            || (deny_warnings && finding.severity == Severity::Warning)
    })
}
