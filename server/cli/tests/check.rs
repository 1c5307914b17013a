//! `iml-ls check` end to end: discovery, analysis, every output format and
//! the exit codes, on the sample app and on broken fixtures.

use std::fs;
use std::path::{Path, PathBuf};

use iml_cli::{MAX_FILE_BYTES, Outcome};
use serde_sarif::sarif::Sarif;

mod support;
use support::run_in;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The fixtures plus what cannot live in the repository: a symbolic link
/// loop and a file over the size limit.
fn broken_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures(), dir.path());
    std::os::unix::fs::symlink("..", dir.path().join("broken-app/modules/loop")).unwrap();
    let huge = fs::File::create(dir.path().join("loose/huge.iml.json")).unwrap();
    huge.set_len(MAX_FILE_BYTES + 1).unwrap();
    dir
}

#[test]
fn human_output_on_broken_fixtures() {
    let workspace = broken_workspace();
    let run = run_in(workspace.path(), &[]);
    assert_eq!(run.outcome, Outcome::ProblemsFound, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when not asked for"
    );
    insta::assert_snapshot!("broken_human", run.stdout);
}

#[test]
fn json_output_on_broken_fixtures() {
    let workspace = broken_workspace();
    let run = run_in(workspace.path(), &["--format", "json", "."]);
    assert_eq!(run.outcome, Outcome::ProblemsFound);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["version"], 1);
    let diagnostics = document["diagnostics"].as_array().unwrap();
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(document["summary"]["errors"], errors);
    for code in ["F001", "F002", "F003", "F004", "F005", "J001"] {
        assert!(
            diagnostics.iter().any(|d| d["code"] == code),
            "{code} missing"
        );
    }
    insta::assert_snapshot!("broken_json", run.stdout);
}

#[test]
fn sarif_output_parses_back_as_sarif_2_1_0() {
    let workspace = broken_workspace();
    let run = run_in(workspace.path(), &["--format", "sarif"]);
    assert_eq!(run.outcome, Outcome::ProblemsFound);
    let sarif: Sarif = serde_json::from_str(&run.stdout).expect("valid SARIF 2.1.0");
    assert_eq!(sarif.version, serde_json::json!("2.1.0"));
    let run_0 = &sarif.runs[0];
    let rules = run_0.tool.driver.rules.as_ref().unwrap();
    let results = run_0.results.as_ref().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let rule = &rules[result.rule_index.unwrap() as usize];
        assert_eq!(Some(&rule.id), result.rule_id.as_ref());
        assert!(rule.name.is_some() && rule.short_description.is_some() && rule.help_uri.is_some());
        let location = result.locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap();
        let uri = location
            .artifact_location
            .as_ref()
            .unwrap()
            .uri
            .as_ref()
            .unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains(".."),
            "{uri} is relative to the working directory"
        );
    }
    insta::assert_snapshot!("broken_sarif", run.stdout);
}

#[test]
fn github_output_on_broken_fixtures() {
    let workspace = broken_workspace();
    let run = run_in(workspace.path(), &["--format", "github"]);
    assert_eq!(run.outcome, Outcome::ProblemsFound);
    for line in run.stdout.lines().filter(|line| line.starts_with("::")) {
        let (properties, _message) = line
            .split_once("::")
            .map(|(_, rest)| rest)
            .unwrap()
            .split_once("::")
            .unwrap();
        assert!(
            properties.contains(" file=") && properties.contains(",endColumn="),
            "{line}"
        );
    }
    insta::assert_snapshot!("broken_github", run.stdout);
}

#[test]
fn sample_app_is_clean_in_every_format() {
    let root = repo_root();
    for format in ["human", "json", "sarif", "github"] {
        let run = run_in(&root, &["--format", format, "--deny-warnings", "examples"]);
        assert_eq!(
            run.outcome,
            Outcome::Clean,
            "{format}:\n{}{}",
            run.stdout,
            run.stderr
        );
        assert_eq!(run.stderr, "", "{format}");
        insta::assert_snapshot!(format!("examples_{format}"), run.stdout);
    }
}

#[test]
fn configuration_changes_severities_and_turns_rules_off() {
    let run = run_in(&fixtures(), &["--format", "json", "configured-app"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // Without the file: J005 is a warning and two J003 warnings are reported.
    assert_eq!(found, vec![("J005".to_owned(), "error".to_owned())]);
    assert_eq!(run.outcome, Outcome::ProblemsFound);
}

#[test]
fn a_bad_configuration_is_reported_and_the_rest_applies() {
    let run = run_in(&fixtures(), &["--format", "json", "broken-app"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let config_problems: Vec<&serde_json::Value> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "broken-app/iml-ls.toml")
        .collect();
    assert_eq!(config_problems.len(), 2);
    assert!(config_problems.iter().all(|d| d["code"] == "F004"));
    assert_eq!(config_problems[0]["range"]["start"]["line"], 3);
}

#[test]
fn a_file_inside_an_app_is_checked_with_its_app_but_reported_alone() {
    let run = run_in(
        &fixtures(),
        &["--format", "json", "broken-app/general/base.iml.json"],
    );
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"broken-app/general/base.iml.json"));
    // Problems of the app's configuration change what this file shows, so
    // they are reported too; the app's other files are not.
    let others: Vec<&&str> = paths
        .iter()
        .filter(|path| {
            !matches!(
                **path,
                "broken-app/general/base.iml.json" | "broken-app/iml-ls.toml"
            )
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert_eq!(document["summary"]["files"], 2);
}

#[test]
fn warnings_fail_only_under_deny_warnings() {
    let file = "export-app/base.imljson";
    assert_eq!(run_in(&fixtures(), &[file]).outcome, Outcome::Clean);
    assert_eq!(
        run_in(&fixtures(), &["--deny-warnings", file]).outcome,
        Outcome::ProblemsFound
    );
}

#[test]
fn a_clean_file_exits_zero() {
    let run = run_in(&fixtures(), &["loose/clean.imljson"]);
    assert_eq!(run.outcome, Outcome::Clean);
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let run = run_in(&fixtures(), &["no-such-folder"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: cannot check `no-such-folder`:"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    let run = run_in(&fixtures(), &["--format", "xml"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
}

#[test]
fn explain_prints_the_rule_documentation() {
    let run = run_in(&fixtures(), &["--explain", "j003"]);
    assert_eq!(run.outcome, Outcome::Clean, "{}", run.stderr);
    let rule = iml_catalogue::rule("J003").unwrap();
    for part in [rule.code, rule.name, rule.summary, rule.explanation] {
        assert!(
            run.stdout.contains(part),
            "{part:?} missing from\n{}",
            run.stdout
        );
    }
    insta::assert_snapshot!("explain_j003", run.stdout);
}

#[test]
fn explain_rejects_unknown_codes() {
    let run = run_in(&fixtures(), &["--explain", "Z999"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert!(
        run.stderr.contains("unknown rule code `Z999`"),
        "{}",
        run.stderr
    );
}

#[test]
fn colour_only_when_asked_for() {
    let run = run_in(&fixtures(), &["--color", "always", "export-app"]);
    assert!(run.stdout.contains('\u{1b}'));
    let run = run_in(&fixtures(), &["--color", "never", "export-app"]);
    assert!(!run.stdout.contains('\u{1b}'));
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// (path, code, severity) of every diagnostic of a JSON report.
fn codes(document: &serde_json::Value) -> Vec<(String, String, String)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_owned();
            (text("path"), text("code"), text("severity"))
        })
        .collect()
}

#[test]
fn the_nearest_configuration_above_each_file_applies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "iml-ls.toml", "[rules]\nJ003 = \"off\"\n");
    write(root, "a/x.iml.json", "{ \"url\": \"/x\", }\n");
    write(
        root,
        "a/b/iml-ls.toml",
        "[rules]\nJ003 = \"error\"\nZ999 = \"off\"\n",
    );
    write(root, "a/b/y.iml.json", "{ \"url\": \"/y\", }\n");

    let run = run_in(root, &["--format", "json", "a"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found = codes(&document);
    let owned = |path: &str, code: &str, severity: &str| {
        (path.to_owned(), code.to_owned(), severity.to_owned())
    };
    // The file above the checked folder is applied and counted, like the
    // one inside it; each file takes the nearest one.
    assert_eq!(
        found,
        vec![
            owned("a/b/iml-ls.toml", "F004", "error"),
            owned("a/b/y.iml.json", "J003", "error"),
        ]
    );
    assert_eq!(document["summary"]["files"], 4);
}

#[test]
fn every_file_the_manifest_lists_is_loaded_and_nothing_outside_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "app/makecomapp.json",
        r#"{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "base.json", "readme": "README.md" },
  "components": {
    "connection": {},
    "module": {
      "listItems": {
        "label": "List items",
        "moduleType": "search",
        "codeFiles": {
          "communication": ".hidden/list.communication.iml.json",
          "mappableParams": "../outside.iml.json"
        }
      }
    }
  }
}
"#,
    );
    write(
        root,
        "app/base.json",
        "{ \"baseUrl\": \"https://api.example.test\", }\n",
    );
    write(root, "app/README.md", "# App\n");
    write(
        root,
        "app/.hidden/list.communication.iml.json",
        "{ \"url\": \"/items\", \"method\": \"GET\", \"response\": { \"output\": \"{{body}}\" } }\n",
    );
    // Would be a syntax error (J001) if it were ever read.
    write(root, "outside.iml.json", "{ \"secret\": ");

    let run = run_in(root, &["--format", "json", "app"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found = codes(&document);
    let manifest_codes: Vec<&str> = found
        .iter()
        .filter(|(path, _, _)| path == "app/makecomapp.json")
        .map(|(_, code, _)| code.as_str())
        .collect();
    // README.md, base.json and the hidden file exist, so no X001; the path
    // leaving the app is F005 from the analysis, reported once.
    assert_eq!(manifest_codes, ["F005"], "{found:?}");
    assert!(
        found
            .iter()
            .any(|(path, code, _)| path == "app/base.json" && code == "J003"),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(path, _, _)| path.starts_with("app/")),
        "{found:?}"
    );
    // makecomapp.json, base.json, README.md and the hidden communication.
    assert_eq!(document["summary"]["files"], 4, "{found:?}");
}

#[test]
fn plain_json_app_files_are_checked_in_an_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "exp/metadata.json",
        r#"{"name": "acme", "label": "Acme"}"#,
    );
    write(
        root,
        "exp/base.imljson",
        r#"{"baseUrl": "https://x.example"}"#,
    );
    // The names the language server indexes besides `*.iml.json`: each
    // one broken, so a diagnostic shows that it was read.
    for name in [
        "groups.json",
        "common.json",
        "meta.json",
        "x.common.json",
        "x.module.json",
    ] {
        write(root, &format!("exp/{name}"), "{ \"a\": 1, }\n");
    }
    write(root, "exp/package.json", "{ \"a\": 1, }\n");

    let run = run_in(root, &["--format", "json", "exp"]);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let checked: std::collections::BTreeSet<String> = codes(&document)
        .into_iter()
        .map(|(path, _, _)| path)
        .collect();
    assert_eq!(
        checked.into_iter().collect::<Vec<_>>(),
        [
            "exp/common.json",
            "exp/groups.json",
            "exp/meta.json",
            "exp/x.common.json",
            "exp/x.module.json",
        ]
    );
}

/// An export's custom functions are known from their code, which the
/// discovery loads: a call to one is no unknown function, and without the
/// code the same call is.
#[test]
fn an_exports_function_code_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("exp");
    let files = [
        ("metadata.json", r#"{ "name": "acme", "version": 1 }"#),
        (
            "base.imljson",
            r#"{ "baseUrl": "https://api.example.com" }"#,
        ),
        (
            "modules/get/metadata.json",
            r#"{ "name": "get", "type": "action" }"#,
        ),
        (
            "modules/get/api.imljson",
            r#"{ "url": "/t/{{slugify(parameters.id)}}" }"#,
        ),
        (
            "functions/slugify/code.js",
            "function slugify(t) { return t; }\n",
        ),
    ];
    for (path, text) in files {
        let path = app.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let run = run_in(dir.path(), &["exp"]);
    assert_eq!(run.outcome, Outcome::Clean, "{}", run.stdout);
    fs::remove_file(app.join("functions/slugify/code.js")).unwrap();
    let run = run_in(dir.path(), &["--deny-warnings", "exp"]);
    assert_eq!(run.outcome, Outcome::ProblemsFound);
    assert!(
        run.stdout.contains("unknown function `slugify`"),
        "{}",
        run.stdout
    );
}
