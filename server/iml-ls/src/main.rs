//! `iml-ls`: the language server for Make custom-app spec files, and its
//! command-line checks. Stdout belongs to the protocol; logs go to stderr.

mod eval;
mod schema;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::filter::LevelFilter;

#[derive(Debug, Parser)]
#[command(
    name = "iml-ls",
    version,
    about = "Language server and checker for Make custom-app spec files"
)]
struct Cli {
    /// Serve the Language Server Protocol on stdin/stdout (the default).
    #[arg(long)]
    stdio: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check app files and report problems.
    Check(iml_cli::CheckArgs),
    /// Draw a connection's flow or an app's components (Mermaid, DOT, SVG).
    Graph(iml_cli::GraphArgs),
    /// Print JSON Schemas of the spec files, for editors without iml-ls.
    Schema(schema::SchemaArgs),
    /// Print what an IML template gives, as JSON.
    Eval(eval::EvalArgs),
    /// Run spec tests (`*.tests.iml.json`) offline against recorded responses.
    Test(iml_cli::TestArgs),
}

/// Log level from `IML_LS_LOG` (`error`, `warn`, `info`, `debug`, `trace`, `off`).
const LOG_ENV: &str = "IML_LS_LOG";

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => iml_cli::run_check(&args),
        Some(Command::Graph(args)) => iml_cli::run_graph(&args),
        Some(Command::Schema(args)) => schema::run(&args),
        Some(Command::Eval(args)) => eval::run(&args),
        Some(Command::Test(args)) => iml_cli::run_test(&args),
        None => serve_stdio(),
    }
}

fn serve_stdio() -> ExitCode {
    init_logging();
    one_heap();
    // One runtime thread: small documents are analysed on it directly and
    // larger work goes to the blocking pool (iml-lsp's `request` module), so
    // a keystroke is read, checked and answered without waking another
    // thread of the runtime.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("iml-ls: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let served = runtime.block_on(iml_lsp::run_stdio());
    // Work still on the blocking pool (a check the client no longer waits
    // for) must not hold up the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    match served {
        // The protocol's rule: 0 after `shutdown`, 1 for an `exit` (or a
        // vanished client) without it.
        Ok(end) if end.orderly => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(error) => {
            eprintln!("iml-ls: cannot set up stdin and stdout: {error}");
            ExitCode::FAILURE
        }
    }
}

/// One glibc heap for the whole server. By default each thread that
/// allocates may get a heap of its own (up to eight per core), and the
/// blocking pool's threads, which analyse large documents, each kept tens
/// of megabytes freed in theirs that `malloc_trim` did not give back: after
/// a 1 MiB document was closed and the heaps trimmed, 35 MiB stayed
/// resident with several heaps and 12 MiB with one (10 MiB before it was
/// opened). The server allocates on few threads at once, so one heap costs
/// it little contention. The CLI keeps the default for its parallel checks.
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; it is called
    // before the runtime starts its threads.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

fn init_logging() {
    let level = std::env::var(LOG_ENV)
        .ok()
        .and_then(|value| value.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::WARN);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(level)
        .init();
}
