//! `iml-ls test`: the sample app's spec tests pass; a broken mapping fails
//! with a diff that points at the expression; the JSON and JUnit reports
//! carry the same counts; `--bless` writes expectations that then pass;
//! bad paths exit 2.

use std::fs;
use std::path::{Path, PathBuf};

use iml_cli::{Outcome, TestArgs, TestFormat, test};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

struct Run {
    outcome: Outcome,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, paths: &[&str], format: TestFormat, bless: bool) -> Run {
    let args = TestArgs {
        paths: paths.iter().map(PathBuf::from).collect(),
        format,
        bless,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = test(&args, cwd, &mut out, &mut err);
    Run {
        outcome,
        stdout: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
    }
}

/// A copy of the sample app to change.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = repo_root().join("examples/acme-tasks");
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

const CONNECTION: &str = "connections/acme-oauth/acme-oauth.oauth-communication.iml.json";
const CONNECTION_TESTS: &str = "connections/acme-oauth/acme-oauth.tests.iml.json";

#[test]
fn the_sample_app_passes_its_spec_tests() {
    let done = run(&repo_root(), &["examples"], TestFormat::Human, false);
    assert_eq!(
        done.outcome,
        Outcome::Clean,
        "{}{}",
        done.stdout,
        done.stderr
    );
    assert!(
        done.stdout.contains("(connection acme-oauth)"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("(module listTasks)"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("(module makeApiCall)"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("(rpc listProjects)"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout
            .ends_with("test result: ok. 9 passed; 0 failed; 0 stopped\n"),
        "{}",
        done.stdout
    );
}

#[test]
fn a_broken_token_mapping_fails_at_its_expression() {
    let app = sample_copy();
    let file = app.path().join(CONNECTION);
    let text = fs::read_to_string(&file).unwrap();
    let broken = text.replacen("{{body.access_token}}", "{{body.accessToken}}", 1);
    fs::write(&file, &broken).unwrap();
    let done = run(app.path(), &["."], TestFormat::Human, false);
    assert_eq!(done.outcome, Outcome::ProblemsFound);
    let line = broken[..broken.find("{{body.accessToken}}").unwrap()]
        .lines()
        .count();
    let expected = format!("produced by {CONNECTION}:{line}:");
    assert!(
        done.stdout
            .contains("/data/accessToken: nothing was written here"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains(&expected),
        "{expected} in {}",
        done.stdout
    );
    assert!(
        done.stdout.contains("\"{{body.accessToken}}\""),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("test result: FAILED."),
        "{}",
        done.stdout
    );
}

#[test]
fn json_and_junit_report_the_same_cases() {
    let root = repo_root();
    let json = run(&root, &["examples"], TestFormat::Json, false);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["summary"]["cases"], 9);
    assert_eq!(document["summary"]["passed"], 9);
    let files = document["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    let case = &files[0]["cases"][0];
    assert_eq!(case["status"], "passed");
    assert!(case["at"]["line"].as_u64().unwrap() > 1);
    assert_eq!(
        case["actual"]["steps"],
        serde_json::json!(["authorize", "token", "info"])
    );

    let junit = run(&root, &["examples"], TestFormat::Junit, false);
    assert!(junit.stdout.starts_with("<?xml"), "{}", junit.stdout);
    assert!(
        junit
            .stdout
            .contains(r#"<testsuites name="iml-ls test" tests="9" failures="0" errors="0">"#),
        "{}",
        junit.stdout
    );
    assert_eq!(junit.stdout.matches("<testcase ").count(), 9);
}

#[test]
fn bless_writes_expectations_that_then_pass_and_keeps_comments() {
    let app = sample_copy();
    let file = app.path().join(CONNECTION_TESTS);
    let fresh = r#"// my notes
{
  "cases": [
    {
      "name": "refresh renews", // why
      "flow": "refresh",
      "now": "2026-03-01T12:58:00Z",
      "data": { "refreshToken": "rt-1", "expires": "2026-03-01T13:00:00.000Z" },
      "responses": [ { "step": "refresh", "body": { "access_token": "at-9", "expires_in": 60 } } ]
    }
  ]
}
"#;
    fs::write(&file, fresh).unwrap();
    let before = run(app.path(), &[CONNECTION_TESTS], TestFormat::Human, false);
    assert_eq!(before.outcome, Outcome::ProblemsFound);
    assert!(
        before.stdout.contains("has no `expect` yet"),
        "{}",
        before.stdout
    );

    let blessed = run(app.path(), &[CONNECTION_TESTS], TestFormat::Human, true);
    assert_eq!(blessed.outcome, Outcome::Clean, "{}", blessed.stdout);
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("// my notes\n"), "{written}");
    assert!(
        written.contains("\"name\": \"refresh renews\", // why"),
        "{written}"
    );
    assert!(written.contains("\"accessToken\": \"at-9\""), "{written}");

    let after = run(app.path(), &[CONNECTION_TESTS], TestFormat::Human, false);
    assert_eq!(after.outcome, Outcome::Clean, "{}", after.stdout);
}

#[test]
fn a_stopped_case_names_the_reason_and_its_place() {
    let app = sample_copy();
    let file = app.path().join(CONNECTION_TESTS);
    fs::write(
        &file,
        r#"{ "cases": [ { "name": "no reply", "flow": "refresh", "now": "2026-03-01T12:58:00Z",
             "data": { "expires": "2026-03-01T13:00:00.000Z" }, "expect": {} } ] }"#,
    )
    .unwrap();
    let done = run(app.path(), &["."], TestFormat::Human, false);
    assert_eq!(done.outcome, Outcome::ProblemsFound);
    assert!(
        done.stdout.contains("test no reply ... STOPPED"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("no recorded response left"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains(&format!("at {CONNECTION}:")),
        "{}",
        done.stdout
    );
}

#[test]
fn paths_without_tests_exit_2() {
    let root = repo_root();
    let missing = run(&root, &["no/such/folder"], TestFormat::Human, false);
    assert_eq!(missing.outcome, Outcome::Failure);
    assert!(
        missing.stderr.contains("cannot test `no/such/folder`"),
        "{}",
        missing.stderr
    );

    let empty = tempfile::tempdir().unwrap();
    let none = run(empty.path(), &["."], TestFormat::Json, false);
    assert_eq!(none.outcome, Outcome::Failure);
    assert!(
        none.stderr.contains("holds no spec-test file"),
        "{}",
        none.stderr
    );

    let not_a_test = run(
        &root,
        &["examples/acme-tasks/makecomapp.json"],
        TestFormat::Human,
        false,
    );
    assert_eq!(not_a_test.outcome, Outcome::Failure);
    assert!(
        not_a_test.stderr.contains("is no spec-test file"),
        "{}",
        not_a_test.stderr
    );
}

#[test]
fn a_test_file_beside_no_component_fails_with_its_reason() {
    let app = sample_copy();
    fs::write(
        app.path().join("general/stray.tests.iml.json"),
        r#"{ "cases": [] }"#,
    )
    .unwrap();
    let done = run(app.path(), &["general"], TestFormat::Human, false);
    assert_eq!(done.outcome, Outcome::ProblemsFound);
    assert!(
        done.stdout
            .contains("no component's communication file is in"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("1 test file with errors"),
        "{}",
        done.stdout
    );
}
