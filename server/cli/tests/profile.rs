//! `iml-ls check --profile review`: the review rules turn on, the human
//! report ends with the per-component table and `--format json` carries a
//! `review` object; without the profile neither appears.

use std::path::{Path, PathBuf};

use iml_cli::Outcome;

mod support;
use support::run_in;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The deliberately imperfect app (the sample app passes the profile).
const IMPERFECT: &str = "server/cli/tests/fixtures/review-app";

#[test]
fn the_sample_app_is_ready_for_review() {
    let review = run_in(&repo_root(), &["--profile", "review", "examples"]);
    assert_eq!(review.outcome, Outcome::Clean, "{}", review.stdout);
    assert!(
        review
            .stdout
            .ends_with("review: no problem found; ready to request review\n"),
        "{}",
        review.stdout
    );
}

#[test]
fn the_review_profile_adds_its_rules_and_the_summary_table() {
    let root = repo_root();
    let plain = run_in(&root, &[IMPERFECT]);
    assert_eq!(plain.outcome, Outcome::Clean, "{}", plain.stdout);
    assert!(!plain.stdout.contains("component"), "{}", plain.stdout);

    let review = run_in(&root, &["--profile", "review", IMPERFECT]);
    assert!(
        review.stdout.contains("[V0"),
        "review rules ran: {}",
        review.stdout
    );
    let table = review
        .stdout
        .split_once("\ncomponent ")
        .map(|(_, table)| table)
        .expect("a summary table");
    assert!(table.contains("problems"), "{table}");
    assert!(
        table.lines().any(|line| line.starts_with("total")),
        "{table}"
    );
    assert!(table.contains("review: "), "{table}");
}

#[test]
fn json_carries_a_review_object_to_gate_on() {
    let root = repo_root();
    let plain = run_in(&root, &["--format", "json", IMPERFECT]);
    let plain: serde_json::Value = serde_json::from_str(&plain.stdout).unwrap();
    assert!(plain.get("review").is_none());

    let run = run_in(
        &root,
        &["--format", "json", "--profile", "review", IMPERFECT],
    );
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let review = &document["review"];
    let rows = review["components"].as_array().expect("components");
    let problems: u64 = rows
        .iter()
        .map(|row| row["problems"].as_u64().unwrap())
        .sum();
    assert_eq!(review["problems"].as_u64(), Some(problems));
    assert_eq!(
        problems as usize,
        document["diagnostics"].as_array().unwrap().len()
    );
    let has_errors_or_warnings = rows
        .iter()
        .any(|row| row["errors"].as_u64() > Some(0) || row["warnings"].as_u64() > Some(0));
    assert_eq!(review["ready"], !has_errors_or_warnings);
    assert!(problems > 0 && review["ready"] == false, "{review}");
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let run = run_in(&repo_root(), &["--profile", "strict", "examples"]);
    assert_eq!(run.outcome, Outcome::Failure);
    assert!(
        run.stderr.contains("unknown profile `strict`"),
        "{}",
        run.stderr
    );
}
