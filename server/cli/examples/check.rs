//! `iml-ls check` without the language-server binary, for trying the CLI and
//! benchmarking it in isolation: `cargo run -p iml-cli --example check -- PATH`.

use std::process::ExitCode;

use clap::Parser;
use iml_cli::CheckArgs;

#[derive(Parser)]
#[command(name = "iml-ls check")]
struct Command {
    #[command(flatten)]
    args: CheckArgs,
}

fn main() -> ExitCode {
    iml_cli::run_check(&Command::parse().args)
}
