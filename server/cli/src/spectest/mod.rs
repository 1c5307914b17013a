//! `iml-ls test`: finds spec-test files (`*.tests.iml.json`), loads the app
//! each belongs to with the same loader as `check` and `graph`, runs every
//! case offline and reports like `cargo test`, as JSON or as JUnit XML.
//! `--bless` writes the results as the new expectations. See
//! `docs/testing.md`.

mod human;
mod junit;
mod report;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use iml_analysis::Analysis;
use iml_spectest::{TestFile, is_test_file_name, run_file};

use crate::{Outcome, paths, read, write};
use report::{FileRun, Problem};

/// Output format of `iml-ls test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// One line per case and a diff per failure, as `cargo test` prints.
    Human,
    /// One JSON document (see docs/testing.md).
    Json,
    /// JUnit XML, for CI services.
    Junit,
}

/// Arguments of `iml-ls test`.
#[derive(Debug, Clone, Args)]
pub struct TestArgs {
    /// Test files, or folders to search for them.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,

    /// Write each case's results as its new `expect` (cases that cannot
    /// run keep theirs).
    #[arg(long)]
    pub bless: bool,
}

/// Entry point for the binary.
pub fn run_test(args: &TestArgs) -> ExitCode {
    crate::run_in_process(|cwd, out, err| test(args, cwd, out, err))
}

/// `iml-ls test` with parsed arguments, writing to the given streams.
pub fn test(args: &TestArgs, cwd: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let files = match find_test_files(args, cwd) {
        Ok(files) => files,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return Outcome::Failure;
        }
    };
    let mut apps: Vec<(PathBuf, Analysis)> = Vec::new();
    let mut runs = Vec::new();
    for path in files {
        runs.push(run_one(&path, cwd, &mut apps, args.bless));
    }
    let written = match args.format {
        TestFormat::Human => human::write(out, &runs, cwd),
        TestFormat::Json => report::write_json(out, &runs, cwd),
        TestFormat::Junit => junit::write(out, &runs, cwd),
    };
    if let Err(error) = written {
        let _ = writeln!(err, "error: cannot write the report: {error}");
        return Outcome::Failure;
    }
    if runs.iter().all(FileRun::passed) {
        Outcome::Clean
    } else {
        Outcome::ProblemsFound
    }
}

fn run_one(path: &Path, cwd: &Path, apps: &mut Vec<(PathBuf, Analysis)>, bless: bool) -> FileRun {
    let shown = paths::display(cwd, path);
    let mut run = FileRun::new(path.to_path_buf(), shown.clone());
    let read = match read::read_text(path, None) {
        Ok(read) => read,
        Err(problem) => {
            run.problems.push(Problem::whole_file(problem.message()));
            return run;
        }
    };
    let file = TestFile::parse(path.to_path_buf(), read.text.clone());
    run.text = read.text.clone();
    run.problems.extend(
        file.problems
            .iter()
            .map(|p| Problem::at(p.range, p.message.clone())),
    );
    let analysis = match analysis_for(path, &shown, apps) {
        Ok(analysis) => analysis,
        Err(message) => {
            run.problems.push(Problem::whole_file(message));
            return run;
        }
    };
    let subject = match analysis.spec_test_subject(path) {
        Ok(subject) => subject,
        Err(message) => {
            run.problems.push(Problem::whole_file(message));
            return run;
        }
    };
    run.subject = Some(subject.label.clone());
    run.results = run_file(&subject, &file);
    run.load_spec_texts(&subject);
    if bless {
        let blessed = iml_spectest::bless(&file, &run.results);
        if blessed != read.text {
            match write::replace_if_unchanged(path, &read.text, read.stamp, &blessed) {
                Ok(()) => {
                    // Report what the file now says, not what it said.
                    let file = TestFile::parse(path.to_path_buf(), blessed.clone());
                    run.results = run_file(&subject, &file);
                    run.text = blessed;
                    run.blessed = true;
                }
                Err(refused) => run.problems.push(Problem::whole_file(format!(
                    "could not bless: the file {}",
                    refused.message()
                ))),
            }
        }
    }
    run
}

/// The analysis of the app `path` belongs to, loaded once per app.
fn analysis_for<'a>(
    path: &Path,
    shown: &str,
    apps: &'a mut Vec<(PathBuf, Analysis)>,
) -> Result<&'a Analysis, String> {
    let known = apps
        .iter()
        .enumerate()
        .filter(|(_, (root, _))| path.starts_with(root))
        .max_by_key(|(_, (root, _))| root.components().count())
        .map(|(index, _)| index);
    let index = match known {
        Some(index) => index,
        None => {
            let loaded = crate::load::load(path, shown)?;
            apps.push((loaded.root, loaded.host.snapshot()));
            apps.len() - 1
        }
    };
    Ok(&apps[index].1)
}

/// The test files the arguments name, sorted; an error when a path does
/// not exist, names a file that is no test file, or holds none (so that a
/// mistyped path fails CI).
fn find_test_files(args: &TestArgs, cwd: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in &args.paths {
        let target = paths::absolute(cwd, path);
        let shown = path.display();
        let metadata = std::fs::metadata(&target)
            .map_err(|error| format!("cannot test `{shown}`: {error}"))?;
        if metadata.is_file() {
            let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !is_test_file_name(name) {
                return Err(format!(
                    "`{shown}` is no spec-test file; their names end in {}",
                    iml_spectest::TEST_SUFFIXES.join(", ")
                ));
            }
            files.push(target);
            continue;
        }
        let before = files.len();
        // The folders an app check skips are skipped here too.
        let is_test_file = |path: &Path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_test_file_name)
        };
        for entry in iml_loader::Walk::new(&target).keep(is_test_file) {
            if let iml_loader::WalkEntry::File {
                path,
                regular: true,
                ..
            } = entry
            {
                files.push(path);
            }
        }
        if files.len() == before {
            return Err(format!(
                "`{shown}` holds no spec-test file (names ending in {})",
                iml_spectest::TEST_SUFFIXES.join(", ")
            ));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}
