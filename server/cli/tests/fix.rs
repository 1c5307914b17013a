//! `iml-ls check --fix`: files rewritten in place with only the fixed bytes
//! changed, the exit code from what remains, nothing written without the
//! flag or outside the checked files.

use std::fs;
use std::path::Path;

use iml_cli::Outcome;

mod support;
use support::run_in;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn read(root: &Path, relative: &str) -> String {
    fs::read_to_string(root.join(relative)).unwrap()
}

const CONNECTION: &str = "app/connections/cc/cc.oauth-communication.iml.json";
const MODULE: &str = "app/modules/list/list.communication.iml.json";
const BASE: &str = "app/general/base.iml.json";

/// `tokne` is renamed to `token`, which then needs `"condition": true` (a
/// second round, and an unsafe fix: the token request then runs); the
/// `info` request type `form` is an error without a fix. CR LF breaks.
const CONNECTION_TEXT: &str = "{\r\n    // client credentials\r\n    \"tokne\": {\r\n        \"url\": \"https://auth.example.com/token\",\r\n        \"method\": \"POST\",\r\n        \"body\": { \"grant_type\": \"client_credentials\" },\r\n        \"response\": { \"data\": { \"accessToken\": \"{{body.access_token}}\" } },\r\n        \"log\": { \"sanitize\": [\"response.body.access_token\"] }\r\n    },\r\n    \"info\": { \"url\": \"https://api.example.com/me\", \"method\": \"POST\", \"type\": \"form\", \"body\": { \"a\": 1 } }\r\n}\r\n";

const CONNECTION_FIXED: &str = "{\r\n    // client credentials\r\n    \"token\": {\r\n        \"condition\": true,\r\n        \"url\": \"https://auth.example.com/token\",\r\n        \"method\": \"POST\",\r\n        \"body\": { \"grant_type\": \"client_credentials\" },\r\n        \"response\": { \"data\": { \"accessToken\": \"{{body.access_token}}\" } },\r\n        \"log\": { \"sanitize\": [\"response.body.access_token\"] }\r\n    },\r\n    \"info\": { \"url\": \"https://api.example.com/me\", \"method\": \"POST\", \"type\": \"form\", \"body\": { \"a\": 1 } }\r\n}\r\n";

/// What `--fix` alone makes of it: the key renamed, no condition added.
const CONNECTION_SAFELY_FIXED: &str = "{\r\n    // client credentials\r\n    \"token\": {\r\n        \"url\": \"https://auth.example.com/token\",\r\n        \"method\": \"POST\",\r\n        \"body\": { \"grant_type\": \"client_credentials\" },\r\n        \"response\": { \"data\": { \"accessToken\": \"{{body.access_token}}\" } },\r\n        \"log\": { \"sanitize\": [\"response.body.access_token\"] }\r\n    },\r\n    \"info\": { \"url\": \"https://api.example.com/me\", \"method\": \"POST\", \"type\": \"form\", \"body\": { \"a\": 1 } }\r\n}\r\n";

const MODULE_TEXT: &str = "{\n  \"url\": \"/items\",\n  \"heaers\": { \"accept\": \"application/json\" }, /* typo */\n  \"response\": { \"output\": \"{{body}}\" }\n}";

const MODULE_FIXED: &str = "{\n  \"url\": \"/items\",\n  \"headers\": { \"accept\": \"application/json\" }, /* typo */\n  \"response\": { \"output\": \"{{body}}\" }\n}";

const BASE_TEXT: &str = "{ \"baseUrl\": \"https://api.example.com\" }\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), CONNECTION, CONNECTION_TEXT);
    write(dir.path(), MODULE, MODULE_TEXT);
    write(dir.path(), BASE, BASE_TEXT);
    dir
}

fn codes(stdout: &str) -> Vec<(String, String)> {
    let document: serde_json::Value = serde_json::from_str(stdout).expect("clean JSON on stdout");
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_owned(),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn fix_rewrites_the_files_and_reports_what_remains() {
    let dir = workspace();
    let root = dir.path();
    let safe = run_in(root, &["--fix", "--format", "json", "app"]);
    assert_eq!(
        read(root, CONNECTION),
        CONNECTION_SAFELY_FIXED,
        "{}",
        safe.stdout
    );
    assert_eq!(read(root, MODULE), MODULE_FIXED);
    assert_eq!(
        safe.stderr,
        "fixed 2 problems in 2 files\n1 more problem has a fix that may change what the app does; apply it with `--fix --unsafe-fixes`\n"
    );
    let document: serde_json::Value = serde_json::from_str(&safe.stdout).unwrap();
    let c002 = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "C002")
        .expect("C002 is left");
    assert_eq!(c002["fixable"], false);
    assert_eq!(c002["fixes"][0]["safety"], "unsafe");

    let run = run_in(
        root,
        &["--fix", "--unsafe-fixes", "--format", "json", "app"],
    );
    assert_eq!(read(root, CONNECTION), CONNECTION_FIXED, "{}", run.stdout);
    assert_eq!(read(root, MODULE), MODULE_FIXED);
    assert_eq!(read(root, BASE), BASE_TEXT);
    assert_eq!(run.stderr, "fixed 1 problem in 1 file\n");
    // Only the unfixable error remains, and it fails the run.
    assert_eq!(
        codes(&run.stdout),
        [(CONNECTION.to_owned(), "R003".to_owned())]
    );
    assert_eq!(run.outcome, Outcome::ProblemsFound);

    // A second run finds nothing more to fix and writes nothing.
    let again = run_in(root, &["--fix", "--format", "json", "app"]);
    assert_eq!(
        again.stderr,
        "fixed nothing: no problem had an unambiguous fix\n"
    );
    assert_eq!(again.stdout, run.stdout);
    assert_eq!(read(root, CONNECTION), CONNECTION_FIXED);
}

#[test]
fn without_fix_nothing_is_written() {
    let dir = workspace();
    let root = dir.path();
    let run = run_in(root, &["--format", "json", "app"]);
    assert_eq!(run.stderr, "");
    assert_eq!(run.outcome, Outcome::ProblemsFound);
    assert_eq!(read(root, CONNECTION), CONNECTION_TEXT);
    assert_eq!(read(root, MODULE), MODULE_TEXT);
    let found = codes(&run.stdout);
    for code in ["C001", "R001"] {
        assert!(found.iter().any(|(_, c)| c == code), "{code} in {found:?}");
    }
}

#[test]
fn the_exit_code_follows_the_problems_left_after_fixing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, BASE, BASE_TEXT);
    write(root, MODULE, MODULE_TEXT);
    // R001 is an error: it fails the run until it is fixed.
    assert_eq!(run_in(root, &["app"]).outcome, Outcome::ProblemsFound);
    let run = run_in(root, &["--fix", "app"]);
    assert_eq!(run.outcome, Outcome::Clean, "{}", run.stdout);
    assert_eq!(run.stderr, "fixed 1 problem in 1 file\n");
    assert_eq!(read(root, MODULE), MODULE_FIXED);
}

#[test]
fn files_outside_the_checked_path_are_not_fixed() {
    let dir = workspace();
    let root = dir.path();
    // The connection is loaded with its app for cross-file rules, but only
    // the modules are checked.
    let run = run_in(root, &["--fix", "app/modules"]);
    assert_eq!(run.stderr, "fixed 1 problem in 1 file\n");
    assert_eq!(read(root, MODULE), MODULE_FIXED);
    assert_eq!(read(root, CONNECTION), CONNECTION_TEXT);
}

#[test]
fn a_linked_file_that_lives_outside_the_app_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, BASE, BASE_TEXT);
    write(root, "elsewhere/list.communication.iml.json", MODULE_TEXT);
    fs::create_dir_all(root.join("app/modules/list")).unwrap();
    std::os::unix::fs::symlink(
        root.join("elsewhere/list.communication.iml.json"),
        root.join(MODULE),
    )
    .unwrap();
    let run = run_in(root, &["--fix", "app"]);
    assert_eq!(
        read(root, "elsewhere/list.communication.iml.json"),
        MODULE_TEXT
    );
    assert_eq!(
        run.stderr,
        "fixed nothing: no problem had an unambiguous fix\n"
    );
    // The link leads out of the app, so it is not read at all: one F005
    // warning says so, and a warning alone does not fail the run.
    assert_eq!(run.outcome, Outcome::Clean);
}

/// Copies the sample app under `examples/` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_legacy_redirect_uri_changes_only_with_unsafe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    copy_dir(&examples, &root.join("examples"));
    let connection =
        "examples/acme-tasks/connections/acme-oauth/acme-oauth.oauth-communication.iml.json";
    let legacy = read(root, connection).replace("oauth.localRedirectUri", "oauth.redirectUri");
    assert!(legacy.contains("oauth.redirectUri"));
    write(root, connection, &legacy);

    let safe = run_in(root, &["--fix", "examples"]);
    assert_eq!(read(root, connection), legacy, "{}", safe.stderr);
    assert!(
        safe.stderr.contains("`--fix --unsafe-fixes`"),
        "{}",
        safe.stderr
    );
    assert!(safe.stdout.contains("C007"), "{}", safe.stdout);

    let opted_in = run_in(root, &["--fix", "--unsafe-fixes", "examples"]);
    let fixed = read(root, connection);
    assert!(!fixed.contains("oauth.redirectUri"), "{fixed}");
    assert_eq!(fixed.matches("oauth.localRedirectUri").count(), 2);
    assert!(!opted_in.stdout.contains("C007"), "{}", opted_in.stdout);
}

#[test]
fn unsafe_fixes_need_fix() {
    let dir = workspace();
    let run = run_in(dir.path(), &["--unsafe-fixes", "app"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert!(run.stderr.contains("--fix"), "{}", run.stderr);
    assert_eq!(read(dir.path(), CONNECTION), CONNECTION_TEXT);
}
