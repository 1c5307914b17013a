//! `iml-ls check`: finds apps on disk, analyses every file with the same core
//! the language server uses, and reports in a human, JSON, SARIF or GitHub
//! Actions format with meaningful exit codes. See `docs/cli.md`.

mod check;
mod discover;
mod explain;
mod fix;
mod graph;
mod load;
mod output;
mod paths;
mod read;
mod report;
mod rules;
mod spectest;
mod write;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, ValueEnum};
use iml_analysis::{FixMode, RuleConfig};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub use graph::{GraphArgs, GraphFormat, graph, run_graph};
pub use iml_loader::MAX_FILE_BYTES;
pub use report::{CheckReport, FileReport, Finding, FixOutcome, Position, Summary};
pub use spectest::{TestArgs, TestFormat, run_test, test};

/// Output format of `iml-ls check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames with carets, for people.
    Human,
    /// One JSON document (schema version 1, see docs/cli.md).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    Always,
    Never,
}

/// Arguments of `iml-ls check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or folders to check: apps (`makecomapp.json` projects or export
    /// folders) are found inside folders.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with 1 when warnings are found, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Apply every unambiguous quick fix to the checked files and write them
    /// back, then report the problems that remain.
    #[arg(long)]
    pub fix: bool,

    /// With `--fix`, also apply fixes that may change what the app does at
    /// run time (see `--explain CODE`).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// Colour human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Turn on a rule profile: `review` checks Make's app-review guidelines
    /// and ends the human report with a per-component table.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Print the documentation of a rule code (e.g. `C002`) and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
}

/// How a run ended; the process exit code is its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: nothing that fails the run.
    Clean = 0,
    /// 1: errors found (or warnings under `--deny-warnings`).
    ProblemsFound = 1,
    /// 2: bad usage or an I/O error (e.g. a path that does not exist).
    Failure = 2,
}

impl Outcome {
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome.code())
    }
}

/// Where a run writes and how it may decorate its output.
#[derive(Debug, Clone)]
pub struct Environment {
    /// Relative paths are resolved against it and printed relative to it.
    pub cwd: PathBuf,
    /// Colour human output under `--color auto`.
    pub color: bool,
    /// Draw a progress bar on stderr (only ever on a terminal).
    pub progress: bool,
}

/// Runs a command against the real working directory, a buffered stdout
/// and stderr; a failed flush of stdout fails the run.
pub(crate) fn run_in_process(
    command: impl FnOnce(&std::path::Path, &mut dyn Write, &mut dyn Write) -> Outcome,
) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(error) => {
            eprintln!("error: cannot determine the working directory: {error}");
            return Outcome::Failure.into();
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let outcome = command(&cwd, &mut out, &mut io::stderr());
    if out.flush().is_err() {
        return Outcome::Failure.into();
    }
    outcome.into()
}

/// Entry point for the binary: real working directory, stdout and stderr.
pub fn run_check(args: &CheckArgs) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(error) => {
            eprintln!("error: cannot determine the working directory: {error}");
            return Outcome::Failure.into();
        }
    };
    let stdout = io::stdout();
    // `AutoStream::choice` honours NO_COLOR, CLICOLOR(_FORCE) and TERM.
    let color = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
    let environment = Environment {
        cwd,
        color,
        progress: io::stderr().is_terminal(),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let outcome = check(args, &environment, &mut out, &mut err);
    if out.flush().is_err() {
        return Outcome::Failure.into();
    }
    outcome.into()
}

/// `iml-ls check` as a function of its arguments: parses `argv` (the first
/// item is the program name) and runs, writing to the given streams. Lets
/// tests drive the whole command without the binary.
pub fn main_for_tests<I, T>(
    argv: I,
    environment: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    #[derive(Parser)]
    #[command(name = "iml-ls check")]
    struct Command {
        #[command(flatten)]
        args: CheckArgs,
    }
    match Command::try_parse_from(argv) {
        Ok(command) => check(&command.args, environment, out, err),
        Err(error) => {
            let _ = write!(err, "{}", error.render());
            if error.use_stderr() {
                Outcome::Failure
            } else {
                Outcome::Clean
            }
        }
    }
}

/// Runs `iml-ls check` with parsed arguments.
pub fn check(
    args: &CheckArgs,
    environment: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    match try_check(args, environment, out, err) {
        Ok(outcome) => outcome,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            if args.explain.is_none() && !matches!(error, RunError::Write(_)) {
                // A machine reading stdout gets a document it can parse,
                // with the error in it, rather than nothing.
                let _ = write_report(
                    args.format,
                    &CheckReport::default(),
                    Some(&error.to_string()),
                    false,
                    out,
                );
            }
            Outcome::Failure
        }
    }
}

fn write_report(
    format: Format,
    report: &CheckReport,
    error: Option<&str>,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        // People read the error on stderr.
        Format::Human if error.is_some() => Ok(()),
        Format::Human => {
            output::human::write(report, color, out)?;
            output::review::write_table(report, out)
        }
        Format::Json => output::json::write(report, error, out),
        Format::Sarif => output::sarif::write(report, error, out),
        Format::Github => output::github::write(report, error, out),
    }
}

#[derive(Debug, thiserror::Error)]
enum RunError {
    #[error(transparent)]
    Discover(#[from] discover::DiscoverError),
    #[error("unknown rule code `{0}`; codes look like `J003` or `C002` (see docs/rules.md)")]
    UnknownRule(String),
    #[error(
        "no app and no IML JSON file (*.iml.json, *.imljson, *.iml.jsonc) in {0}; check the path"
    )]
    NothingToCheck(String),
    #[error("unknown profile `{0}`; the profiles are: review")]
    UnknownProfile(String),
    #[error("cannot write the report: {0}")]
    Write(#[from] io::Error),
}

/// The files `iml-ls check PATHS` run in `cwd` reads into its analysis
/// (found by the walk, `iml-ls.toml` files above the apps, listed by
/// manifests), sorted: for comparing what it sees with the language server.
pub fn loaded_files(paths: &[PathBuf], cwd: &Path) -> Result<Vec<PathBuf>, String> {
    let targets: Vec<(PathBuf, String)> = paths
        .iter()
        .map(|path| (paths::absolute(cwd, path), path.display().to_string()))
        .collect();
    let plan = discover::discover(&targets).map_err(|error| error.to_string())?;
    Ok(check::loaded_files(&plan))
}

fn try_check(
    args: &CheckArgs,
    environment: &Environment,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, RunError> {
    if let Some(code) = &args.explain {
        let rule = rules::lookup(code).ok_or_else(|| RunError::UnknownRule(code.clone()))?;
        explain::write(rule, out)?;
        return Ok(Outcome::Clean);
    }

    let targets: Vec<(PathBuf, String)> = args
        .paths
        .iter()
        .map(|path| {
            (
                paths::absolute(&environment.cwd, path),
                path.display().to_string(),
            )
        })
        .collect();
    let plan = discover::discover(&targets)?;

    let total: usize = plan.apps.iter().map(|app| app.files.len()).sum();
    let progress = progress_bar(environment.progress, total);
    let mut settings = RuleConfig::new();
    if let Some(name) = &args.profile
        && !settings.set_profile(name)
    {
        return Err(RunError::UnknownProfile(name.clone()));
    }
    let mode = if args.unsafe_fixes {
        FixMode::WithUnsafe
    } else {
        FixMode::Safe
    };
    let report = check::run(
        &plan,
        &environment.cwd,
        &progress,
        args.fix.then_some(mode),
        &settings,
    );
    progress.finish_and_clear();
    if let Some(fixed) = &report.fixed {
        // On stderr: the report on stdout stays the same document in every format.
        for (path, reason) in &fixed.failures {
            writeln!(err, "error: could not apply fixes to `{path}`: {reason}")?;
        }
        writeln!(err, "{}", fix_summary(fixed))?;
        let unsafe_left = report
            .findings()
            .filter(|(_, finding)| finding.needs_unsafe_fixes)
            .count();
        if unsafe_left > 0 {
            writeln!(
                err,
                "{unsafe_left} more problem{} {} a fix that may change what the app does; apply {} with `--fix --unsafe-fixes`",
                if unsafe_left == 1 { "" } else { "s" },
                if unsafe_left == 1 { "has" } else { "have" },
                if unsafe_left == 1 { "it" } else { "them" },
            )?;
        }
    }
    if report.files_checked == 0 {
        // As ESLint does for patterns that match nothing: a mistyped path
        // must not pass CI.
        let given: Vec<String> = targets
            .iter()
            .map(|(_, shown)| format!("`{shown}`"))
            .collect();
        return Err(RunError::NothingToCheck(given.join(", ")));
    }

    let color = match args.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => environment.color,
    };
    write_report(args.format, &report, None, color, out)?;
    let fix_failed = report
        .fixed
        .as_ref()
        .is_some_and(|fixed| !fixed.failures.is_empty());
    Ok(if fix_failed {
        Outcome::Failure
    } else if check::fails(&report, args.deny_warnings) {
        Outcome::ProblemsFound
    } else {
        Outcome::Clean
    })
}

/// One line on what `--fix` did.
fn fix_summary(fixed: &FixOutcome) -> String {
    let files = fixed.files.len();
    let left = fixed.failures.len();
    if fixed.fixes == 0 && left > 0 {
        // The errors above say why; "no fix" would be untrue for them.
        return format!(
            "fixed nothing: {left} file{} with fixes could not be written",
            if left == 1 { "" } else { "s" },
        );
    }
    if fixed.fixes == 0 {
        return "fixed nothing: no problem had an unambiguous fix".to_owned();
    }
    format!(
        "fixed {} problem{} in {files} file{}",
        fixed.fixes,
        if fixed.fixes == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
    )
}

/// Below this many files a run is too short for a bar to help.
const PROGRESS_MIN_FILES: usize = 500;

fn progress_bar(enabled: bool, total: usize) -> ProgressBar {
    if !enabled || total < PROGRESS_MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}
