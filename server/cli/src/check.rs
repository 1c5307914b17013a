//! One run of `iml-ls check`: read every planned file in parallel, analyse
//! each app in one analysis host (the same core the server uses, which also
//! applies each file's `iml-ls.toml` and reads the manifest), apply fixes
//! when asked, and collect the findings that remain.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use iml_analysis::config::CONFIG_FILE_NAME;
use iml_analysis::disk::Stamp;
use iml_analysis::{
    Analysis, AnalysisHost, Diagnostic, FixMode, RuleConfig, Safety, Severity, TextRange,
    fix_all_choice,
};
use iml_loader::AppsOf;
use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::discover::{AppKind, AppPlan, Plan, WalkProblemKind};
use crate::fix;
use crate::read::{self, ReadProblem};
use crate::report::{
    CheckReport, FILE_START, FileReport, Finding, FixEdit, FixOutcome, FixReport, Positions,
};
use crate::{paths, rules};

/// One app's reports, what its fixes did, and its component names (empty
/// when no profile applies).
type CheckedApp = (Vec<FileReport>, FixOutcome, Vec<(PathBuf, String)>);

/// Checks every planned file; with `fix`, first applies and writes the
/// fixes of the checked files, and reports what remains.
/// `settings` play the editor settings' part (the profile of `--profile`);
/// each file's `iml-ls.toml` still applies over them.
pub fn run(
    plan: &Plan,
    cwd: &Path,
    progress: &ProgressBar,
    fix: Option<FixMode>,
    settings: &RuleConfig,
) -> CheckReport {
    let checked: Vec<CheckedApp> = plan
        .apps
        .par_iter()
        .map(|app| check_app(app, cwd, progress, fix, settings))
        .collect();
    let mut fixed = FixOutcome::default();
    let mut files = Vec::new();
    let mut components = BTreeMap::new();
    let mut profiled = settings.profile().is_some();
    for (reports, outcome, names) in checked {
        files.extend(reports);
        fixed.merge(outcome);
        profiled |= !names.is_empty();
        components.extend(names);
    }
    fixed.files.sort();
    for problem in &plan.problems {
        files.push(FileReport {
            path: problem.path.clone(),
            display: paths::display(cwd, &problem.path),
            text: None,
            findings: vec![file_finding(
                walk_problem_code(&problem.kind),
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
        fixed: fix.map(|_| fixed),
        components: profiled.then_some(components),
    }
}

fn walk_problem_code(kind: &WalkProblemKind) -> &'static str {
    match kind {
        WalkProblemKind::Outside => "F005",
        WalkProblemKind::Loop { .. } | WalkProblemKind::Unreadable(_) => "F001",
    }
}

fn walk_problem_message(kind: &WalkProblemKind, cwd: &Path) -> String {
    match kind {
        WalkProblemKind::Loop { ancestor } => format!(
            "symbolic link loop: this folder leads back to `{}`, so it was not entered",
            paths::display(cwd, ancestor)
        ),
        WalkProblemKind::Unreadable(reason) => format!("could not be read: {reason}"),
        WalkProblemKind::Outside => {
            "symbolic link to a folder outside the checked folder; it was not entered".to_owned()
        }
    }
}

struct Loaded {
    path: PathBuf,
    text: Result<Arc<str>, ReadProblem>,
    /// The version read, for `--fix` to tell whether it changed since.
    stamp: Option<Stamp>,
}

/// Reads `paths`; with `real_root`, only those resolving inside it.
fn load(paths: Vec<PathBuf>, real_root: Option<&Path>) -> Vec<Loaded> {
    paths
        .into_par_iter()
        .map(|path| match read::read_text(&path, real_root) {
            Ok(read) => Loaded {
                path,
                text: Ok(Arc::from(read.text)),
                stamp: Some(read.stamp),
            },
            Err(problem) => Loaded {
                path,
                text: Err(problem),
                stamp: None,
            },
        })
        .collect()
}

fn add_to_host(host: &mut AnalysisHost, loaded: &[Loaded]) {
    for file in loaded {
        if let Ok(text) = &file.text {
            host.set_file(file.path.clone(), text.to_string());
        }
    }
}

/// Reads an app's planned files, the `iml-ls.toml` files above it and then
/// the files its manifest lists into one analysis host.
fn load_app(
    app: &AppPlan,
    progress: &ProgressBar,
    settings: &RuleConfig,
) -> (AnalysisHost, Vec<Loaded>) {
    let configs = configs_above(app);
    progress.inc_length(configs.len() as u64);
    // Nothing is read through a link out of the app: its content would
    // reach the report.
    let real_root = std::fs::canonicalize(&app.root).unwrap_or_else(|_| app.root.clone());
    let real_root = real_root.as_path();
    let mut loaded = load(app.files.iter().cloned().collect(), Some(real_root));
    loaded.extend(load(configs, None));
    let mut host = AnalysisHost::new();
    host.set_config(settings.clone());
    add_to_host(&mut host, &loaded);

    if app.kind == AppKind::Manifest {
        let listed = listed_files(&host.snapshot(), app);
        progress.inc_length(listed.len() as u64);
        let more = load(listed, Some(real_root));
        add_to_host(&mut host, &more);
        loaded.extend(more);
    }
    (host, loaded)
}

/// The files a check of `plan` holds in its analysis, read as text: what
/// the language server would index of the same tree.
pub fn loaded_files(plan: &Plan) -> Vec<PathBuf> {
    let progress = ProgressBar::hidden();
    let mut files: Vec<PathBuf> = plan
        .apps
        .iter()
        .flat_map(|app| {
            let (_, loaded) = load_app(app, &progress, &RuleConfig::new());
            loaded
                .into_iter()
                .filter(|file| file.text.is_ok())
                .map(|file| file.path)
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

fn check_app(
    app: &AppPlan,
    cwd: &Path,
    progress: &ProgressBar,
    fix: Option<FixMode>,
    settings: &RuleConfig,
) -> CheckedApp {
    let (mut host, loaded) = load_app(app, progress, settings);

    let mut fixed = FixOutcome::default();
    if let Some(mode) = fix {
        let candidates: Vec<fix::Candidate> = loaded
            .iter()
            .filter_map(|file| {
                Some(fix::Candidate {
                    path: file.path.clone(),
                    text: file.text.as_ref().ok()?,
                    stamp: file.stamp?,
                })
            })
            .collect();
        fixed = fix::fix_app(&mut host, app, &candidates, cwd, mode);
    }

    let analysis = host.snapshot();
    let reports = loaded
        .par_iter()
        .filter(|file| app.is_reported(&file.path))
        .map(|file| {
            let report = match &file.text {
                Ok(text) => text_report(
                    &file.path,
                    // After `--fix`, the host holds the text as written.
                    match analysis.file_text(&file.path) {
                        Some(now) if fix.is_some() && now != &**text => Arc::from(now),
                        _ => text.clone(),
                    },
                    analysis.diagnostics(&file.path),
                    cwd,
                ),
                Err(problem) => {
                    problem_report(&file.path, problem, &analysis.rule_config(&file.path), cwd)
                }
            };
            progress.inc(1);
            report
        })
        .collect();
    let names = crate::output::review::component_names(&analysis, &loaded_paths(&loaded), app);
    (reports, fixed, names)
}

fn loaded_paths(loaded: &[Loaded]) -> Vec<PathBuf> {
    loaded.iter().map(|file| file.path.clone()).collect()
}

/// `iml-ls.toml` files in the app root's folder and above it: the analysis
/// applies the nearest one above each file, as the editor does with the
/// workspace's files. Those inside the app were found by the walk.
fn configs_above(app: &AppPlan) -> Vec<PathBuf> {
    app.root
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .filter(|path| !app.files.contains(path) && path.is_file())
        .collect()
}

/// Files `makecomapp.json` lists that the walk did not load by name
/// (README, scripts, other JSON names, files in skipped folders), so that
/// the analysis sees every listed file that exists: the loader's listing,
/// the same the language server loads. The manifest is read by the
/// analysis alone: it reports a path leaving the app root (F005) and never
/// resolves one; the reading only guarantees that nothing outside is read.
/// Files the walk planned are left out even when unread (too large, not
/// text): they have their report already.
pub(crate) fn listed_files(analysis: &Analysis, app: &AppPlan) -> Vec<PathBuf> {
    iml_loader::listed_unloaded(analysis, AppsOf::Root(&app.root))
        .into_iter()
        .filter(|path| !app.files.contains(path))
        .collect()
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
        auto_fixable: false,
        needs_unsafe_fixes: false,
    }
}

fn problem_report(
    path: &Path,
    problem: &ReadProblem,
    config: &RuleConfig,
    cwd: &Path,
) -> FileReport {
    let mut finding = file_finding(problem.code(), problem.message());
    let findings = match config.severity_of(finding.code, finding.severity) {
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

/// `diagnostics` come from the analysis with the configuration applied.
fn text_report(
    path: &Path,
    text: Arc<str>,
    diagnostics: Vec<Diagnostic>,
    cwd: &Path,
) -> FileReport {
    let positions = Positions::new(&text);
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|diagnostic| {
            let range = positions.clamp_range(diagnostic.range);
            let safety = diagnostic.fix_safety().unwrap_or(Safety::Unsafe);
            let auto_fixable = fix_all_choice(&text, &diagnostic, FixMode::Safe).is_some();
            let needs_unsafe_fixes = !auto_fixable && diagnostic.is_fixable_in(FixMode::WithUnsafe);
            let fixes = diagnostic
                .fixes
                .into_iter()
                .map(|fix| FixReport {
                    title: fix.title,
                    safety,
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
            Finding {
                code: diagnostic.code,
                severity: diagnostic.severity,
                message: diagnostic.message,
                help: diagnostic.help,
                range,
                start: positions.position(range.start().into()),
                end: positions.position(range.end().into()),
                fixes,
                auto_fixable,
                needs_unsafe_fixes,
            }
        })
        .collect();
    findings.sort_by_key(|finding| (finding.range.start(), finding.range.end(), finding.code));
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn listed_files_are_those_the_manifest_names_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("app");
        let manifest = r#"{
  "generalCodeFiles": { "readme": "README.md", "base": "../base.json" },
  "components": { "module": { "a": { "codeFiles": {
    "communication": "modules/a/a.communication.iml.json",
    "samples": "modules/a/missing.iml.json",
    "interface": "/etc/passwd"
  } } } }
}"#;
        let write = |relative: &str, text: &str| {
            let path = dir.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("app/makecomapp.json", manifest);
        write("app/README.md", "# A\n");
        write("app/notes.txt", "not listed\n");
        write("app/modules/a/a.communication.iml.json", "{}");
        write("base.json", "{}");

        let mut host = AnalysisHost::new();
        host.set_file(root.join("makecomapp.json"), manifest.to_owned());
        let app = AppPlan {
            root: root.clone(),
            kind: AppKind::Manifest,
            files: BTreeSet::from([root.join("makecomapp.json")]),
            other_files: BTreeSet::from([root.join("README.md"), root.join("notes.txt")]),
            scope: BTreeSet::from([root.clone()]),
        };
        let listed = listed_files(&host.snapshot(), &app);
        assert_eq!(
            listed,
            vec![
                root.join("README.md"),
                root.join("modules/a/a.communication.iml.json")
            ]
        );
    }
}
