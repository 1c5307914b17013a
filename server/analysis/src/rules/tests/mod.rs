//! Fixture tests of Make's rules: each rule has a file that triggers it and
//! a clean file that does not; each fix is applied and the result shown.

mod config;
mod connection;
mod cross_file;
mod endpoints;
mod groups;
mod parameters;
mod request;
mod value_types;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use expect_test::Expect;
use iml_fixture::Fixture;

use super::fixes::apply;
use crate::config::RuleConfig;
use crate::host::AnalysisHost;

fn host_from(fixture: &str) -> (AnalysisHost, Fixture) {
    let fixture = Fixture::parse(fixture, "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    (host, fixture)
}

/// The rule diagnostics of every file (default configuration), with each
/// fix applied to the file.
fn render(fixture: &str) -> String {
    let (host, fixture) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for file in &fixture.files {
        let path = Path::new(&file.path);
        let mut diagnostics = super::file_diagnostics(&analysis, path);
        RuleConfig::default().apply(&mut diagnostics);
        diagnostics.sort_by_key(|d| (d.range.start(), d.code));
        if diagnostics.is_empty() {
            continue;
        }
        let text = &file.text;
        writeln!(out, "{}", file.path).unwrap();
        for d in diagnostics {
            let covered = &text[usize::from(d.range.start())..usize::from(d.range.end())];
            writeln!(
                out,
                "  {} {:?} {:?}: {}",
                d.code, d.severity, covered, d.message
            )
            .unwrap();
            // The same invariant `Analysis::diagnostics` asserts, checked
            // here for every fixture so a new fix cannot slip past it.
            assert!(
                d.fixes.is_empty() || iml_catalogue::fix_safety(d.code).is_some(),
                "{} offers a fix but has no fix_safety entry",
                d.code
            );
            for fix in &d.fixes {
                writeln!(out, "    fix: {}", fix.title).unwrap();
                for line in apply(text, fix).lines() {
                    writeln!(out, "    | {line}").unwrap();
                }
            }
        }
    }
    out
}

fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render(fixture));
}

/// A fixture no rule reports anything in.
fn check_clean(fixture: &str) {
    let rendered = render(fixture);
    assert!(
        rendered.is_empty(),
        "expected no diagnostics, got:\n{rendered}"
    );
}
