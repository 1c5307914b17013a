//! Running `iml-ls check` in-process, as the tests of the command see it.

use std::path::Path;

use iml_cli::{Environment, Outcome, main_for_tests};

/// What one run printed and how it ended.
pub struct Run {
    pub outcome: Outcome,
    pub stdout: String,
    pub stderr: String,
}

/// `iml-ls check ARGS` run in `cwd`, without colour or progress output.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let environment = Environment {
        cwd: cwd.to_path_buf(),
        color: false,
        progress: false,
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let argv = std::iter::once("iml-ls check").chain(args.iter().copied());
    let outcome = main_for_tests(argv, &environment, &mut stdout, &mut stderr);
    Run {
        outcome,
        stdout: String::from_utf8(stdout).expect("output is UTF-8"),
        stderr: String::from_utf8(stderr).expect("errors are UTF-8"),
    }
}
