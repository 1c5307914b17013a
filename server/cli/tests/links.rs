//! The project's one canonical URL is the workspace `repository`; every link
//! to the project (rule pages, SARIF, the extension's manifest, the READMEs)
//! derives from it. These tests fail when a copy disagrees.

use std::fs;
use std::path::{Path, PathBuf};

const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn read(relative: &str) -> String {
    fs::read_to_string(repo_root().join(relative)).unwrap()
}

#[test]
fn the_workspace_declares_the_repository_the_binary_was_built_with() {
    let manifest = read("Cargo.toml");
    let declared = manifest
        .lines()
        .find_map(|line| line.strip_prefix("repository = "))
        .expect("workspace repository")
        .trim_matches('"');
    assert_eq!(declared, REPOSITORY);
    assert!(REPOSITORY.starts_with("https://"), "{REPOSITORY}");
}

#[test]
fn the_extension_manifest_names_the_same_repository() {
    let package: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    assert_eq!(package["repository"]["url"], REPOSITORY);
    for key in ["homepage", "bugs"] {
        let value = match &package[key] {
            serde_json::Value::Object(bugs) => bugs["url"].as_str().unwrap().to_owned(),
            value => value.as_str().unwrap_or(REPOSITORY).to_owned(),
        };
        assert!(value.starts_with(REPOSITORY), "{key}: {value}");
    }
}

/// Every link in the READMEs and docs that names the project (`iml-ls` in
/// its host or path) starts with the canonical URL.
#[test]
fn readme_links_to_the_project_start_with_the_repository() {
    let mut documents = vec![
        "README.md".to_owned(),
        "editors/README.md".to_owned(),
        "editors/vscode/README.md".to_owned(),
    ];
    for entry in fs::read_dir(repo_root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            documents.push(format!("docs/{name}"));
        }
    }
    for document in documents {
        let text = read(&document);
        for (at, _) in text.match_indices("https://") {
            let url: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !")]>\"'`".contains(*c))
                .collect();
            let host_and_path = &url["https://".len()..];
            if host_and_path.contains("iml-ls") {
                assert!(
                    url.starts_with(REPOSITORY),
                    "{document}: {url} does not start with {REPOSITORY}"
                );
            }
        }
    }
}

#[test]
fn rule_pages_in_sarif_and_explain_derive_from_the_repository() {
    let rule = iml_catalogue::rule("J003").unwrap();
    let expected = format!("{REPOSITORY}/blob/main/{}", rule.doc_link());
    let dir = tempfile::tempdir().unwrap();
    let environment = iml_cli::Environment {
        cwd: dir.path().to_path_buf(),
        color: false,
        progress: false,
    };
    let mut out = Vec::new();
    iml_cli::main_for_tests(
        ["iml-ls check", "--explain", "J003"],
        &environment,
        &mut out,
        &mut Vec::new(),
    );
    let explained = String::from_utf8(out).unwrap();
    assert!(explained.contains(&expected), "{explained}");
}

/// No placeholder host is left anywhere in the tree.
#[test]
fn no_placeholder_host_remains() {
    let needle = ["example", "invalid"].join(".");
    let root = repo_root();
    let skipped = ["target", "node_modules", ".git"];
    let walk = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_entry(|entry| !skipped.iter().any(|name| entry.file_name() == *name));
    for entry in walk {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        assert!(
            !text.contains(&needle),
            "{} mentions {needle}",
            entry.path().display()
        );
    }
}
