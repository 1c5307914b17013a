//! How `iml-ls check` ends a run that cannot check anything: exit code 2, one
//! line on stderr, and in the machine formats a document holding the error;
//! and how the human format marks what `--fix` repairs.

use std::fs;

use iml_cli::Outcome;
use serde_sarif::sarif::Sarif;

mod support;
use support::run_in;

#[test]
fn an_empty_folder_fails_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let run = run_in(dir.path(), &["empty"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: no app and no IML JSON file (*.iml.json, *.imljson, *.iml.jsonc) in `empty`; check the path\n"
    );
}

#[test]
fn a_folder_without_app_files_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("package.json"), "{}").unwrap();
    fs::write(dir.path().join("notes.md"), "# notes\n").unwrap();
    let run = run_in(dir.path(), &["."]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn an_iml_jsonc_file_is_enough() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.iml.jsonc"), "{ // note\n}\n").unwrap();
    let run = run_in(dir.path(), &["."]);
    assert_eq!(run.outcome, Outcome::Clean, "{}", run.stderr);
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
}

#[test]
fn json_holds_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--format", "json", "no-such-folder"]);
    assert_eq!(run.outcome, Outcome::Failure);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["files"], 0);
    assert_eq!(document["diagnostics"], serde_json::json!([]));
    let error = document["error"].as_str().unwrap();
    assert!(
        error.starts_with("cannot check `no-such-folder`"),
        "{error}"
    );
}

#[test]
fn sarif_holds_the_error_as_a_failed_invocation() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--format", "sarif", "."]);
    assert_eq!(run.outcome, Outcome::Failure);
    let sarif: Sarif = serde_json::from_str(&run.stdout).unwrap();
    let invocation = &sarif.runs[0].invocations.as_ref().unwrap()[0];
    assert!(!invocation.execution_successful);
    let notification = &invocation.tool_execution_notifications.as_ref().unwrap()[0];
    assert!(
        notification
            .message
            .text
            .as_deref()
            .unwrap()
            .starts_with("no app and no IML JSON file"),
        "{notification:?}"
    );
    assert!(sarif.runs[0].results.as_ref().unwrap().is_empty());
}

#[test]
fn github_holds_the_error_as_an_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["--format", "github", "."]);
    assert_eq!(run.outcome, Outcome::Failure);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("::error title=iml-ls::no app and no IML JSON file"),
        "{}",
        run.stdout
    );
}

/// A misspelt key has one fix, a rename: marked `[*]`, its title printed as
/// help, counted in the summary, and gone after `--fix`.
#[test]
fn fixable_problems_are_marked_counted_and_helped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.communication.iml.json");
    fs::write(
        &file,
        "{\n  \"url\": \"https://api.acme.test\",\n  \"mehtod\": \"GET\"\n}\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["--color", "never", "."]);
    let marked: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("]: [*] "))
        .collect();
    assert_eq!(marked.len(), 1, "{}", run.stdout);
    assert!(run.stdout.contains("= help: "), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("[*] 1 fixable with `--fix`.\n"),
        "{}",
        run.stdout
    );

    let fixed = run_in(dir.path(), &["--fix", "."]);
    assert!(!fixed.stdout.contains("[*]"), "{}", fixed.stdout);
    assert!(fs::read_to_string(&file).unwrap().contains("\"method\""));
}
