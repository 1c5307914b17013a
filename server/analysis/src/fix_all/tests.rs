//! Fix-all on fixtures: each changed file is shown after every round of
//! fixes, with what the first pass took and skipped and what remains.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use iml_fixture::Fixture;
use proptest::prelude::*;
use text_size::{TextRange, TextSize};

use iml_catalogue::Severity;

use super::{FixAll, FixMode, FixedFile, MAX_FIX_ROUNDS, Replan, next_round, plan_fix_all_with};
use crate::diagnostics::{Diagnostic, Fix, TextEdit};
use crate::host::AnalysisHost;

fn host_from(fixture: &str) -> (AnalysisHost, Vec<PathBuf>) {
    let fixture = Fixture::parse(fixture, "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    let mut paths = Vec::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
        paths.push(PathBuf::from(&file.path));
    }
    (host, paths)
}

fn codes(diagnostics: &[Diagnostic]) -> String {
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    if codes.is_empty() {
        "none".to_owned()
    } else {
        codes.join(" ")
    }
}

/// For each file with something to fix: the first pass (what the editor
/// applies), then the text after every round (what `check --fix` writes)
/// and the diagnostics left.
fn render(fixture: &str) -> String {
    let (mut host, paths) = host_from(fixture);
    let first = host.snapshot();
    let passes: Vec<FixAll> = paths.iter().map(|path| first.fix_all(path)).collect();
    let fixed = host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, FixMode::Safe);
    let after = host.snapshot();
    let mut out = String::new();
    for (path, pass) in paths.iter().zip(&passes) {
        let rewritten = fixed.iter().find(|file| &file.path == path);
        if pass.is_empty() && pass.skipped == 0 && rewritten.is_none() {
            continue;
        }
        writeln!(out, "{}", path.display()).unwrap();
        writeln!(
            out,
            "  first pass: {} applied, {} skipped",
            if pass.applied.is_empty() {
                "none".to_owned()
            } else {
                pass.applied.join(" ")
            },
            pass.skipped
        )
        .unwrap();
        if let Some(file) = rewritten {
            writeln!(out, "  all rounds: {}", file.applied.join(" ")).unwrap();
            assert_eq!(after.file_text(path), Some(file.text.as_str()));
        }
        for line in after.file_text(path).unwrap_or_default().lines() {
            writeln!(out, "  | {line}").unwrap();
        }
        writeln!(out, "  remaining: {}", codes(&after.diagnostics(path))).unwrap();
    }
    out
}

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render(fixture));
}

#[test]
fn fixes_of_several_rules_in_several_files() {
    check(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://api.example.com" }
        //- /app/modules/list/list.communication.iml.json
        {
            "url": "/items",
            "heaers": { "accept": "application/json" },
            "response": { "outptu": "{{body}}" }
        }
        //- /app/connections/key/key.communication.iml.json
        {
            "url": "https://api.example.com/me",
            "headers": { "x-api-key": "{{parameters.apiKey}}" },
            "pagination": { "qs": { "page": "{{pagination.page}}" } },
            "log": { "sanitize": ["request.headers.x-api-key"] }
        }
        //- /app/connections/cc/cc.oauth-communication.iml.json
        {
            "token": {
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "grant_type": "client_credentials" },
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitize": [] }
            }
        }
        "#,
        expect![[r#"
            /app/modules/list/list.communication.iml.json
              first pass: R001 R001 applied, 0 skipped
              all rounds: R001 R001
              | {
              |     "url": "/items",
              |     "headers": { "accept": "application/json" },
              |     "response": { "output": "{{body}}" }
              | }
              remaining: none
            /app/connections/key/key.communication.iml.json
              first pass: none applied, 1 skipped
              | {
              |     "url": "https://api.example.com/me",
              |     "headers": { "x-api-key": "{{parameters.apiKey}}" },
              |     "pagination": { "qs": { "page": "{{pagination.page}}" } },
              |     "log": { "sanitize": ["request.headers.x-api-key"] }
              | }
              remaining: C003 I002
            /app/connections/cc/cc.oauth-communication.iml.json
              first pass: C013 applied, 0 skipped
              all rounds: C013
              | {
              |     "token": {
              |         "url": "https://auth.example.com/token",
              |         "method": "POST",
              |         "body": { "grant_type": "client_credentials" },
              |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
              |         "log": { "sanitize": ["response.body.access_token"] }
              |     }
              | }
              remaining: C002
        "#]],
    );
}

#[test]
fn a_fix_that_reveals_another_problem_is_followed_by_a_second_round() {
    check(
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        {
            "tokne": {
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "grant_type": "client_credentials" },
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitize": ["response.body.access_token"] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/cc/cc.oauth-communication.iml.json
              first pass: C001 applied, 0 skipped
              all rounds: C001
              | {
              |     "token": {
              |         "url": "https://auth.example.com/token",
              |         "method": "POST",
              |         "body": { "grant_type": "client_credentials" },
              |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
              |         "log": { "sanitize": ["response.body.access_token"] }
              |     }
              | }
              remaining: C002
        "#]],
    );
}

#[test]
fn fixes_that_only_delete_are_left_to_a_person() {
    // Both R020 fixes remove a directive (and a comma): what was written
    // there may be meant for another place, so fix-all keeps them.
    check(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "generalCodeFiles": {}, "components": { "module": {
            "fixed": { "moduleType": "search", "codeFiles": { "communication": "fixed.iml.json" } }
          }, "connection": {}, "webhook": {}, "rpc": {}, "function": {}, "endpoint": {} }, "origins": [] }
        //- /app/fixed.iml.json
        { "response": { "output": { "ok": true } }, "method": "POST", "qs": { "a": 1 } }
        "#,
        expect![[r#"
            /app/fixed.iml.json
              first pass: none applied, 2 skipped
              | { "response": { "output": { "ok": true } }, "method": "POST", "qs": { "a": 1 } }
              remaining: R020 R020
        "#]],
    );
}

#[test]
fn nothing_to_fix_gives_no_edits() {
    let (host, paths) = host_from(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://api.example.com" }
        //- /app/modules/list/list.communication.iml.json
        { "url": "/items", "response": { "output": "{{body}}" } }
        "#,
    );
    let analysis = host.snapshot();
    for path in &paths {
        assert_eq!(analysis.fix_all(path), FixAll::default());
    }
    assert_eq!(
        analysis.fix_all(Path::new("/not/known.iml.json")),
        FixAll::default()
    );
}

#[test]
fn inserted_lines_follow_a_crlf_file() {
    let text = "{\r\n    \"token\": {\r\n        \"url\": \"https://auth.example.com/token\",\r\n        \"response\": { \"data\": { \"accessToken\": \"{{body.access_token}}\" } },\r\n        \"log\": { \"sanitize\": [\"response.body.access_token\"] }\r\n    }\r\n}\r\n";
    let path = PathBuf::from("/app/connections/cc/cc.oauth-communication.iml.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), text.to_owned());
    // Adding a condition is unsafe (the token request then runs): opted in.
    let fixed = host.fix_all_rounds(
        std::slice::from_ref(&path),
        MAX_FIX_ROUNDS,
        FixMode::WithUnsafe,
    );
    let [file] = fixed.as_slice() else {
        panic!("expected one fixed file, got {fixed:?}");
    };
    assert_eq!(file.applied, ["C002"]);
    assert!(file.text.contains("{\r\n        \"condition\": true,\r\n"));
    assert_eq!(
        file.text.matches('\n').count(),
        file.text.matches("\r\n").count(),
        "every line break stays CR LF: {:?}",
        file.text
    );
}

#[test]
fn unsafe_fixes_wait_for_the_opt_in() {
    // C007's fix changes the callback the provider must know (unsafe);
    // C013's adds a `log.sanitize` entry (safe).
    let text = r#"{
    "authorize": { "url": "https://auth.example.com/authorize", "qs": { "redirect_uri": "{{oauth.redirectUri}}" } },
    "token": {
        "url": "https://auth.example.com/token",
        "method": "POST",
        "body": { "code": "{{temp.code}}", "redirect_uri": "{{oauth.redirectUri}}" },
        "response": { "data": { "accessToken": "{{body.access_token}}" } },
        "log": { "sanitize": [] }
    }
}"#;
    let path = PathBuf::from("/app/connections/o/o.oauth-communication.iml.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), text.to_owned());
    let analysis = host.snapshot();
    let safe = analysis.fix_all(&path);
    assert_eq!(safe.applied, ["C013"]);
    assert_eq!(safe.unsafe_skipped, 2, "both C007 uses wait");
    assert!(!safe.apply(text).contains("localRedirectUri"));
    let all = analysis.fix_all_with(&path, FixMode::WithUnsafe);
    assert_eq!(all.unsafe_skipped, 0);
    assert!(all.applied.contains(&"C007"));
    assert_eq!(all.apply(text).matches("oauth.localRedirectUri").count(), 2);
    for diagnostic in analysis.diagnostics(&path) {
        match diagnostic.code {
            "C007" => {
                assert_eq!(
                    diagnostic.fix_safety(),
                    Some(crate::diagnostics::Safety::Unsafe)
                );
                assert!(!diagnostic.is_auto_fixable());
                assert!(diagnostic.is_fixable_in(FixMode::WithUnsafe));
            }
            "C013" => assert!(diagnostic.is_auto_fixable()),
            _ => {}
        }
    }
}

// Planning alone, on diagnostics made up for the case.

fn range(start: u32, end: u32) -> TextRange {
    TextRange::new(TextSize::new(start), TextSize::new(end))
}

fn fix(title: &str, edits: &[(u32, u32, &str)]) -> Fix {
    Fix {
        title: title.to_owned(),
        edits: edits
            .iter()
            .map(|&(start, end, text)| TextEdit {
                range: range(start, end),
                new_text: text.to_owned(),
            })
            .collect(),
    }
}

fn diagnostic(code: &'static str, at: (u32, u32), fixes: Vec<Fix>) -> Diagnostic {
    Diagnostic {
        code,
        severity: Severity::Warning,
        message: format!("{code} made up"),
        range: range(at.0, at.1),
        help: None,
        fixes,
    }
}

fn show_plan(text: &str, plan: &FixAll) -> String {
    let mut out = format!(
        "applied: {}\nskipped: {}\n",
        plan.applied.join(" "),
        plan.skipped
    );
    for edit in &plan.edits {
        writeln!(out, "{:?} -> {:?}", edit.range, edit.new_text).unwrap();
    }
    writeln!(out, "{}", plan.apply(text)).unwrap();
    out
}

#[test]
fn a_diagnostic_with_two_fixes_is_left_for_a_person() {
    let text = r#"{ "a": "x", "b": "y" }"#;
    let diagnostics = [
        diagnostic(
            "T001",
            (2, 5),
            vec![
                fix("Rename to `A`", &[(2, 5, "\"A\"")]),
                fix("Rename to `aa`", &[(2, 5, "\"aa\"")]),
            ],
        ),
        diagnostic(
            "T002",
            (12, 15),
            vec![fix("Rename to `c`", &[(12, 15, "\"c\"")])],
        ),
    ];
    expect![[r#"
        applied: T002
        skipped: 1
        12..15 -> "\"c\""
        { "a": "x", "c": "y" }
    "#]]
    .assert_eq(&show_plan(
        text,
        &plan_fix_all_with(text, &diagnostics, FixMode::WithUnsafe),
    ));
}

#[test]
fn colliding_fixes_keep_the_one_that_starts_first() {
    let text = "0123456789";
    let diagnostics = [
        // Listed out of order: planning goes by range, not by list order.
        diagnostic("T003", (4, 8), vec![fix("late", &[(4, 8, "L")])]),
        diagnostic("T001", (1, 5), vec![fix("early", &[(1, 5, "E")])]),
        // Two insertions at one point have no agreed order.
        diagnostic("T004", (9, 9), vec![fix("insert a", &[(9, 9, "a")])]),
        diagnostic("T005", (9, 9), vec![fix("insert b", &[(9, 9, "b")])]),
        // The same change asked twice fixes both.
        diagnostic("T006", (0, 1), vec![fix("same", &[(0, 1, "S")])]),
        diagnostic("T007", (0, 1), vec![fix("same", &[(0, 1, "S")])]),
        // A fix whose edits do not fit the text is never taken.
        diagnostic(
            "T008",
            (6, 7),
            vec![fix("outside", &[(6, 7, ""), (20, 30, "")])],
        ),
        // Touching is not colliding.
        diagnostic("T009", (5, 6), vec![fix("touch", &[(5, 6, "T")])]),
    ];
    expect![[r#"
        applied: T006 T007 T001 T009 T004
        skipped: 3
        0..1 -> "S"
        1..5 -> "E"
        5..6 -> "T"
        9..9 -> "a"
        SET678a9
    "#]]
    .assert_eq(&show_plan(
        text,
        &plan_fix_all_with(text, &diagnostics, FixMode::WithUnsafe),
    ));
}

// Invariants on arbitrary input.

/// Pieces that make the rules fire (and fixes appear) more often than
/// random characters would.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\r\n",
    "\"",
    "//",
    "/*",
    "*/",
    "\"tokne\"",
    "\"token\"",
    "\"heaers\"",
    "\"url\"",
    "\"method\"",
    "\"POST\"",
    "\"qs\"",
    "\"pagination\"",
    "\"response\"",
    "\"outptu\"",
    "\"log\"",
    "\"sanitize\"",
    "\"condition\"",
    "\"body\"",
    "\"{{body.access_token}}\"",
    "\"{{parameters.apiKey}}\"",
    "\"{{connection.accessToken}}\"",
    "\"{{bdy.x}}\"",
    "\"{{lenght(body)}}\"",
    "true",
    "1",
    "é",
    "😀",
];

const PATHS: &[&str] = &[
    "/app/connections/cc/cc.oauth-communication.iml.json",
    "/app/connections/key/key.communication.iml.json",
    "/app/modules/list/list.communication.iml.json",
    "/app/general/base.iml.json",
];

const KEYS: &[&str] = &[
    "tokne",
    "token",
    "authorize",
    "heaers",
    "headers",
    "url",
    "method",
    "qs",
    "pagination",
    "response",
    "outptu",
    "output",
    "log",
    "sanitize",
    "condition",
    "body",
    "type",
    "temp",
];

const SCALARS: &[&str] = &[
    "\"https://api.example.com/x\"",
    "\"/items\"",
    "\"POST\"",
    "\"GTE\"",
    "\"jsn\"",
    "true",
    "\"true\"",
    "1",
    "[]",
    "{}",
    "[\"request.body.x\"]",
    "\"{{body.access_token}}\"",
    "\"{{parameters.apiKey}}\"",
    "\"{{connection.accessToken}}\"",
    "\"{{bdy.x}}\"",
    "\"{{lenght(body)}}\"",
    "\"{{common.clientSecret}}\"",
];

/// `{ "key": value, … }` with keys and values the rules care about, one
/// level of nesting, on one line or one member per line.
fn object_strategy() -> impl Strategy<Value = String> {
    let member = |value: BoxedStrategy<String>| {
        (prop::sample::select(KEYS), value).prop_map(|(key, value)| format!("\"{key}\": {value}"))
    };
    let scalar = prop::sample::select(SCALARS)
        .prop_map(str::to_owned)
        .boxed();
    let inner = prop::collection::vec(member(scalar.clone()), 0..6)
        .prop_map(|members| format!("{{ {} }}", members.join(", ")))
        .boxed();
    let value = prop_oneof![scalar, inner].boxed();
    (prop::collection::vec(member(value), 0..7), any::<bool>()).prop_map(|(members, lines)| {
        if lines {
            format!("{{\n    {}\n}}\n", members.join(",\n    "))
        } else {
            format!("{{ {} }}", members.join(", "))
        }
    })
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,120}",
        prop::collection::vec(prop::sample::select(PIECES), 0..80)
            .prop_map(|pieces| pieces.concat()),
        object_strategy(),
    ]
}

fn assert_sound(text: &str, plan: &FixAll) {
    for pair in plan.edits.windows(2) {
        assert!(
            pair[0].range.end() <= pair[1].range.start()
                && pair[0].range.start() != pair[1].range.start(),
            "edits overlap or are out of order: {:?}",
            plan.edits
        );
    }
    for edit in &plan.edits {
        let (start, end) = (
            usize::from(edit.range.start()),
            usize::from(edit.range.end()),
        );
        assert!(end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    assert!(
        plan.edits.is_empty() || !plan.applied.is_empty(),
        "edits without a fix taken"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn fix_all_never_panics_and_never_overlaps(
        path in prop::sample::select(PATHS),
        text in text_strategy(),
    ) {
        let path = PathBuf::from(path);
        let mut host = AnalysisHost::new();
        host.set_file(path.clone(), text.clone());
        let plan = host.snapshot().fix_all(&path);
        assert_sound(&text, &plan);
        let _ = plan.apply(&text);
        let fixed = host.fix_all_rounds(std::slice::from_ref(&path), MAX_FIX_ROUNDS, FixMode::Safe);
        prop_assert!(fixed.len() <= 1);
    }
}

#[test]
fn rounds_stop_at_the_limit() {
    let (mut host, paths) = host_from(
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        { "tokne": { "url": "https://auth.example.com/token", "log": { "sanitize": [] } } }
        "#,
    );
    let fixed = host.fix_all_rounds(&paths, 1, FixMode::Safe);
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0].applied, ["C001"]);
    let left = host.snapshot().diagnostics(&paths[0]);
    assert!(left.iter().any(|d| d.code == "C002"), "{left:?}");
    assert!(host.fix_all_rounds(&paths, 0, FixMode::Safe).is_empty());
}

/// A connection whose parameter `entry` is typed `pasword`: once P002 makes
/// it a `password`, the communication that sends it in a header must
/// sanitize it (C013), a fix the communication had no reason for before.
const PASSWORD_TYPE_FIXTURE: &str = r#"
    //- /app/connections/key/key.params.iml.json
    [{ "name": "entry", "type": "pasword", "label": "Entry" }]
    //- /app/connections/key/key.communication.iml.json
    {
        "url": "https://api.example.com/me",
        "headers": { "x-entry": "{{parameters.entry}}" },
        "log": { "sanitize": [] }
    }
    "#;

#[test]
fn a_fix_in_one_file_gives_another_file_a_fix_in_the_next_round() {
    check(
        PASSWORD_TYPE_FIXTURE,
        expect![[r#"
            /app/connections/key/key.params.iml.json
              first pass: P002 applied, 0 skipped
              all rounds: P002
              | [{ "name": "entry", "type": "password", "label": "Entry" }]
              remaining: none
            /app/connections/key/key.communication.iml.json
              first pass: none applied, 0 skipped
              all rounds: C013
              | {
              |     "url": "https://api.example.com/me",
              |     "headers": { "x-entry": "{{parameters.entry}}" },
              |     "log": { "sanitize": ["request.headers.`x-entry`"] }
              | }
              remaining: none
        "#]],
    );
}

/// The sample app with problems `--fix` repairs put into a module, its
/// connection and the connection's parameters, some of them revealed only
/// by a fix in another file.
fn fixable_sample_app() -> (AnalysisHost, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks");
    let breaks: &[(&str, &str, &str)] = &[
        (
            "modules/list-tasks/list-tasks.communication.iml.json",
            "{{parameters.projectId}}",
            "{{paramters.projectId}}",
        ),
        (
            "modules/list-tasks/list-tasks.communication.iml.json",
            r#""method": "GET""#,
            r#""method": "get""#,
        ),
        (
            "connections/acme-oauth/acme-oauth.oauth-communication.iml.json",
            "\"token\": {",
            "\"tokne\": {",
        ),
        (
            "connections/acme-oauth/acme-oauth.params.iml.json",
            r#""type": "password""#,
            r#""type": "pasword""#,
        ),
    ];
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut host = AnalysisHost::new();
    let mut paths = Vec::new();
    for file in files {
        let mut text = std::fs::read_to_string(&file).unwrap();
        let relative = file.strip_prefix(&root).unwrap().to_str().unwrap();
        for (name, from, to) in breaks {
            if relative == *name {
                assert!(text.contains(from), "{name} no longer holds {from}");
                text = text.replacen(from, to, 1);
            }
        }
        let path = Path::new("/acme-tasks").join(relative);
        host.set_file(path.clone(), text);
        paths.push(path);
    }
    (host, paths)
}

/// Every file's text after fixing `host` with `replan`, and what was fixed.
fn fixed_with(
    (mut host, paths): (AnalysisHost, Vec<PathBuf>),
    replan: Replan,
) -> (Vec<FixedFile>, Vec<Option<String>>) {
    let fixed = host.fix_rounds(&paths, MAX_FIX_ROUNDS, FixMode::WithUnsafe, replan);
    let after = host.snapshot();
    let texts = paths
        .iter()
        .map(|path| after.file_text(path).map(str::to_owned))
        .collect();
    (fixed, texts)
}

#[test]
fn incremental_rounds_match_planning_everything() {
    let fixtures = [
        PASSWORD_TYPE_FIXTURE,
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        { "tokne": { "url": "https://auth.example.com/token", "log": { "sanitize": [] } } }
        //- /app/modules/list/list.communication.iml.json
        { "url": "/items", "heaers": {}, "response": { "outptu": "{{body}}" } }
        "#,
    ];
    for fixture in fixtures {
        let reference = fixed_with(host_from(fixture), Replan::Everything);
        assert!(!reference.0.is_empty());
        assert_eq!(fixed_with(host_from(fixture), Replan::Reached), reference);
    }
    let reference = fixed_with(fixable_sample_app(), Replan::Everything);
    let applied: usize = reference.0.iter().map(|file| file.applied.len()).sum();
    assert!(reference.0.len() >= 3 && applied >= 4, "{:?}", reference.0);
    assert_eq!(fixed_with(fixable_sample_app(), Replan::Reached), reference);
}

/// `next_round` after `path`'s text becomes `edit(text)`: the paths it plans.
fn planned_after(path: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let (mut host, paths) = fixable_sample_app();
    let index = paths
        .iter()
        .position(|p| p.ends_with(path))
        .expect("a file of the sample app");
    let before = host.snapshot();
    let text = edit(before.file_text(&paths[index]).unwrap());
    assert!(host.set_file(paths[index].clone(), text));
    let after = host.snapshot();
    let due = next_round(&before, &after, &paths, &[index]);
    if due.len() == paths.len() {
        return vec!["every file".to_owned()];
    }
    due.iter()
        .map(|&i| {
            paths[i]
                .strip_prefix("/acme-tasks")
                .unwrap()
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn a_change_inside_a_module_is_planned_again_with_the_spec_tests_only() {
    let planned = planned_after("list-tasks.communication.iml.json", |text| {
        text.replacen("paramters", "parameters", 1)
    });
    expect![[r#"
        [
            "connections/acme-oauth/acme-oauth.tests.iml.json",
            "modules/list-tasks/list-tasks.communication.iml.json",
            "modules/list-tasks/list-tasks.tests.iml.json",
            "modules/make-api-call/make-api-call.tests.iml.json",
            "rpcs/list-projects/list-projects.tests.iml.json",
        ]
    "#]]
    .assert_debug_eq(&planned);
}

#[test]
fn a_change_other_files_read_plans_every_file_again() {
    let every = vec!["every file".to_owned()];
    // Another module's parameters are visible to the RPC.
    let planned = planned_after("list-tasks.mappable-params.iml.json", |text| {
        text.replacen("\"projectId\"", "\"project\"", 1)
    });
    assert_eq!(planned, every);
    // The connection's files are read by the modules that use it.
    let planned = planned_after("acme-oauth.params.iml.json", |text| {
        text.replacen("pasword", "password", 1)
    });
    assert_eq!(planned, every);
    // The manifest shapes the app model.
    let planned = planned_after("makecomapp.json", |text| format!("{text}\n"));
    assert_eq!(planned, every);
}

#[test]
fn fixes_that_would_write_a_key_twice_are_not_taken_together() {
    // R019 renames `sanitze` to `sanitize` while C013 adds the `sanitize`
    // it did not find: together they leave the key twice (J005).
    let (mut host, paths) = host_from(
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        { "token": { "url": "https://auth.example.com/token", "condition": true, "response": { "data": { "accessToken": "{{body.access_token}}" } }, "log": { "sanitze": [] } } }
        "#,
    );
    let fixed = host.fix_all_rounds(&paths, MAX_FIX_ROUNDS, FixMode::Safe);
    let analysis = host.snapshot();
    for path in &paths {
        let codes: Vec<&str> = analysis.diagnostics(path).iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"J005"), "{codes:?} after {fixed:?}");
    }
    // C013 waits while the misspelt key is there, so the rename is taken
    // in one round and the path added to the renamed array in the next.
    let [file] = fixed.as_slice() else {
        panic!("one file fixed: {fixed:?}")
    };
    assert_eq!(file.applied, ["R019", "C013"]);
    assert!(
        file.text
            .contains(r#""log": { "sanitize": ["response.body.access_token"] }"#),
        "{}",
        file.text
    );
}
