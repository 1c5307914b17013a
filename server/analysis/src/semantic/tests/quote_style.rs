//! I012: double-quoted string literals inside IML, with the single-quote fix
//! applied to the file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};

use iml_catalogue::Severity;

use super::host_from;
use crate::host::AnalysisHost;
use crate::rules::fixes::apply;
use crate::semantic::iml_diagnostics;

/// The I012 diagnostics of every file, each fix applied to its file.
fn check(fixture: &str, expect: Expect) {
    let (host, _) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for file in analysis.files() {
        let text = analysis.file_text(file).unwrap();
        for d in iml_diagnostics(&analysis, file) {
            if d.code != "I012" {
                continue;
            }
            let range = usize::from(d.range.start())..usize::from(d.range.end());
            writeln!(
                out,
                "{} {} {:?} {:?}: {}",
                file.display(),
                d.severity.as_str(),
                d.range,
                &text[range],
                d.message
            )
            .unwrap();
            if d.fixes.is_empty() {
                out.push_str("    no fix\n");
            }
            for fix in &d.fixes {
                writeln!(out, "    fix: {}", fix.title).unwrap();
                for line in apply(text, fix).lines() {
                    writeln!(out, "    | {line}").unwrap();
                }
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn double_quoted_literal_is_hinted_with_a_fix() {
    check(
        r#"
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "qs": { "q": "{{ifempty(parameters.q, \"*\")}}" } }
"#,
        expect![[r#"
            /app/modules/add/add.communication.iml.json hint 53..58 "\\\"*\\\"": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "qs": { "q": "{{ifempty(parameters.q, '*')}}" } }
        "#]],
    );
}

#[test]
fn every_literal_of_every_block_is_hinted_once() {
    // Text before the blocks holds a multi-byte character, so decoded and
    // source offsets differ by more than the escapes.
    check(
        r#"
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "body": { "t": "é {{join(body.tags, \", \")}} and {{if(body.a = \"on\", 'yes', \"no\")}}" } }
"#,
        expect![[r#"
            /app/modules/add/add.communication.iml.json hint 52..58 "\\\", \\\"": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "body": { "t": "é {{join(body.tags, ', ')}} and {{if(body.a = \"on\", 'yes', \"no\")}}" } }
            /app/modules/add/add.communication.iml.json hint 80..86 "\\\"on\\\"": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "body": { "t": "é {{join(body.tags, \", \")}} and {{if(body.a = 'on', 'yes', \"no\")}}" } }
            /app/modules/add/add.communication.iml.json hint 95..101 "\\\"no\\\"": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "body": { "t": "é {{join(body.tags, \", \")}} and {{if(body.a = \"on\", 'yes', 'no')}}" } }
        "#]],
    );
}

#[test]
fn escapes_inside_the_literal_survive_the_fix() {
    // `\\\"` is an IML-escaped `"` (not needed in single quotes); `\u0022`
    // is a JSON-escaped quote; `\\n` is an IML escape that stays.
    check(
        r#"
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "qs": { "a": "{{replace(body.x, \"say \\\"hi\\\"\\n\", 'x')}}", "b": "{{\u0022caf\u00e9\u0022}}" } }
"#,
        expect![[r#"
            /app/modules/add/add.communication.iml.json hint 47..68 "\\\"say \\\\\\\"hi\\\\\\\"\\\\n\\\"": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "qs": { "a": "{{replace(body.x, 'say \"hi\"\\n', 'x')}}", "b": "{{\u0022caf\u00e9\u0022}}" } }
            /app/modules/add/add.communication.iml.json hint 87..108 "\\u0022caf\\u00e9\\u0022": string literal in double quotes, which JSON makes you escape as `\"`: write it in single quotes, e.g. 'text', which mean the same and need no escaping
                fix: Use single quotes
                | { "url": "/x", "qs": { "a": "{{replace(body.x, \"say \\\"hi\\\"\\n\", 'x')}}", "b": "{{'caf\u00e9'}}" } }
        "#]],
    );
}

/// Single quotes would need an escape here: no simpler form to advise.
#[test]
fn a_literal_holding_a_single_quote_is_left_alone() {
    check(
        r#"
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "qs": { "q": "{{ifempty(body.q, \"it's\")}}" } }
"#,
        expect![""],
    );
}

#[test]
fn single_quotes_and_text_outside_blocks_are_quiet() {
    check(
        r#"
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "qs": { "a": "say \"hi\" {{ifempty(body.q, '*')}} \"{{body.n}}\"", "b": "\"quoted\"" } }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn strings_that_are_not_iml_are_quiet() {
    // Samples are data; an unterminated literal is a syntax error (I001)
    // and gets no style hint.
    check(
        r#"
//- /app/modules/add/add.samples.iml.json
{ "title": "{{ifempty(body.q, \"*\")}}" }
//- /app/modules/add/add.communication.iml.json
{ "url": "/x", "qs": { "q": "{{ifempty(body.q, \"*)}}" } }
"#,
        expect![[r#""#]],
    );
}

#[test]
fn configuration_turns_the_hint_off() {
    let path = "/app/modules/add/add.communication.iml.json";
    let mut host = AnalysisHost::new();
    host.set_file(
        PathBuf::from(path),
        r#"{ "url": "/x", "qs": { "q": "{{ifempty(body.q, \"*\")}}" } }"#.to_owned(),
    );
    let i012 = |host: &AnalysisHost| -> Vec<Severity> {
        host.snapshot()
            .diagnostics(Path::new(path))
            .iter()
            .filter(|d| d.code == "I012")
            .map(|d| d.severity)
            .collect()
    };
    assert_eq!(i012(&host), [Severity::Hint]);

    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nI012 = \"off\"\n".to_owned(),
    );
    assert_eq!(i012(&host), []);

    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nI012 = \"warning\"\n".to_owned(),
    );
    assert_eq!(i012(&host), [Severity::Warning]);
}
