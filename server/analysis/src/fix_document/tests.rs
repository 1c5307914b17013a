//! A document's fix-all in rounds: the text after the edits, the codes
//! applied, and the snapshot left as it was.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use iml_fixture::Fixture;
use proptest::prelude::*;

use super::{DocumentFix, changed_span};
use crate::fix_all::{FixAll, MAX_FIX_ROUNDS};
use crate::fix_choice::FixMode;
use crate::host::{Analysis, AnalysisHost};

const MODULE: &str = "/app/modules/list/list.communication.iml.json";

fn snapshot_of(fixture: &str) -> Analysis {
    let fixture = Fixture::parse(fixture, MODULE);
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    host.snapshot()
}

fn fix(analysis: &Analysis, path: &Path, max_rounds: usize) -> Option<DocumentFix> {
    let diagnostics = analysis.diagnostics(path);
    analysis.fix_document(path, &diagnostics, max_rounds, FixMode::Safe, || false)
}

/// The text after the document's fix-all, with the rounds and codes.
fn render(fixture: &str, max_rounds: usize) -> String {
    let analysis = snapshot_of(fixture);
    let path = Path::new(MODULE);
    let before = analysis.file_text(path).unwrap().to_owned();
    let Some(fixed) = fix(&analysis, path, max_rounds) else {
        return "nothing to fix\n".to_owned();
    };
    assert_eq!(
        analysis.file_text(path),
        Some(before.as_str()),
        "the rounds must leave the snapshot alone"
    );
    let plan = FixAll {
        edits: fixed.edits.clone(),
        ..FixAll::default()
    };
    let mut out = format!(
        "rounds: {}, applied: {}\n",
        fixed.rounds,
        fixed.applied.join(" ")
    );
    for line in plan.apply(&before).lines() {
        out.push_str(&format!("| {line}\n"));
    }
    out
}

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render(fixture, MAX_FIX_ROUNDS));
}

#[test]
fn a_fix_that_reveals_another_is_followed_in_the_same_answer() {
    check(
        r#"
        { "url": "/items", "methd": "GTE", "response": { "output": "{{body}}" } }
        "#,
        expect![[r#"
            rounds: 2, applied: R001 R002
            | { "url": "/items", "method": "GET", "response": { "output": "{{body}}" } }
        "#]],
    );
}

#[test]
fn one_round_keeps_the_edits_of_each_fix() {
    let analysis = snapshot_of(r#"{ "url": "/items", "method": "GTE" }"#);
    let path = Path::new(MODULE);
    let fixed = fix(&analysis, path, MAX_FIX_ROUNDS).unwrap();
    assert_eq!(fixed.rounds, 1);
    assert_eq!(fixed.applied, ["R002"]);
    assert_eq!(fixed.edits, analysis.fix_all(path).edits);
}

#[test]
fn the_round_limit_holds() {
    let fixture = r#"{ "url": "/items", "methd": "GTE" }"#;
    expect![[r#"
        rounds: 1, applied: R001
        | { "url": "/items", "method": "GTE" }
    "#]]
    .assert_eq(&render(fixture, 1));
    assert_eq!(render(fixture, 0), "nothing to fix\n");
}

#[test]
fn nothing_to_fix_gives_nothing() {
    check(
        r#"{ "url": "/items", "method": "GET" }"#,
        expect![[r#"
            nothing to fix
        "#]],
    );
}

#[test]
fn a_caller_that_stops_wanting_the_answer_gets_none() {
    let analysis = snapshot_of(r#"{ "url": "/items", "methd": "GTE" }"#);
    let path = Path::new(MODULE);
    let diagnostics = analysis.diagnostics(path);
    let asked = Cell::new(0);
    let fixed = analysis.fix_document(path, &diagnostics, MAX_FIX_ROUNDS, FixMode::Safe, || {
        asked.set(asked.get() + 1);
        true
    });
    assert_eq!(fixed, None);
    assert_eq!(asked.get(), 1, "asked before the second round");
}

#[test]
fn changed_span_cuts_at_character_boundaries() {
    // `é` and `è` share their first byte.
    let (range, replacement) = changed_span("aéb", "aèb");
    assert_eq!((u32::from(range.start()), u32::from(range.end())), (1, 3));
    assert_eq!(replacement, "è");
    let (range, replacement) = changed_span("aaa", "aa");
    assert_eq!((u32::from(range.start()), u32::from(range.end())), (2, 3));
    assert_eq!(replacement, "");
}

proptest! {
    #[test]
    fn changed_span_turns_old_into_new(old in "[aé€😀 ]{0,12}", new in "[aé€😀 ]{0,12}") {
        let (range, replacement) = changed_span(&old, &new);
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        let rebuilt = format!("{}{replacement}{}", &old[..start], &old[end..]);
        prop_assert_eq!(rebuilt, new);
    }
}
