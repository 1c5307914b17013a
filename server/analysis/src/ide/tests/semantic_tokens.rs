//! Semantic tokens of IML inside strings, with the legend's types and
//! modifiers, for a whole file and for a range.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};
use text_size::TextRange;

use super::snapshot;
use crate::ide::{SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES};

fn check(fixture: &str, range: Option<(u32, u32)>, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let file = Path::new(&fixture.files.last().unwrap().path);
    let text = analysis.file_text(file).unwrap();
    let range = range.map(|(s, e)| TextRange::new(s.into(), e.into()));
    let tokens = analysis.semantic_tokens(file, range);
    let mut out = String::new();
    for pair in tokens.windows(2) {
        assert!(
            pair[0].range.end() <= pair[1].range.start(),
            "sorted, no overlap"
        );
    }
    for token in &tokens {
        let covered = &text[token.range];
        assert!(
            !covered.contains('\n'),
            "token spans a line break: {covered:?}"
        );
        let modifiers: Vec<&str> = SEMANTIC_TOKEN_MODIFIERS
            .iter()
            .filter(|m| token.has(**m))
            .map(|m| m.name())
            .collect();
        writeln!(
            out,
            "{:?} {} {covered:?} {}",
            token.range,
            token.token_type.name(),
            modifiers.join(",")
        )
        .unwrap();
    }
    expect.assert_eq(&out);
}

#[test]
fn legend_is_consistent() {
    for (i, t) in SEMANTIC_TOKEN_TYPES.iter().enumerate() {
        assert_eq!(t.index() as usize, i);
    }
    for (i, m) in SEMANTIC_TOKEN_MODIFIERS.iter().enumerate() {
        assert_eq!(m.bit(), 1 << i);
    }
}

#[test]
fn iml_and_directive_keys() {
    check(
        r#"
        //- /app/makecomapp.json
        { "components": { "module": { "m": { "moduleType": "search", "codeFiles": {
          "communication": "modules/m/m.communication.iml.json" } } } } }
        //- /app/modules/m/m.communication.iml.json
        {
          "url": "/items/{{parameters.id}}",
          "qs": { "limit": "{{ifempty(parameters.limit; 10) + 1}}", "q": "{{nosuch.x}}" },
          "response": { "output": "{{body.items[1].`full name`}}", "valid": "{{true}}" }
        }
        "#,
        None,
        expect![[r#"
            4..9 property "\"url\"" defaultLibrary
            19..21 macro "{{" 
            21..31 variable "parameters" defaultLibrary
            32..34 property "id" 
            34..36 macro "}}" 
            41..45 property "\"qs\"" defaultLibrary
            59..61 macro "{{" 
            61..68 function "ifempty" defaultLibrary
            69..79 variable "parameters" defaultLibrary
            80..85 property "limit" 
            87..89 number "10" 
            91..92 operator "+" 
            93..94 number "1" 
            94..96 macro "}}" 
            105..107 macro "{{" 
            107..113 variable "nosuch" unknown
            114..115 property "x" 
            115..117 macro "}}" 
            124..134 property "\"response\"" defaultLibrary
            138..146 property "\"output\"" defaultLibrary
            149..151 macro "{{" 
            151..155 variable "body" defaultLibrary
            156..161 property "items" 
            162..163 number "1" 
            165..176 property "`full name`" 
            176..178 macro "}}" 
            181..188 property "\"valid\"" defaultLibrary
            191..193 macro "{{" 
            193..197 keyword "true" 
            197..199 macro "}}" 
        "#]],
    );
}

#[test]
fn escapes_and_non_ascii_before_a_block() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        { "url": "/é\"ü\u00e9/{{lower('a\"b')}}" }
        "#,
        None,
        expect![[r#"
            2..7 property "\"url\"" defaultLibrary
            24..26 macro "{{" 
            26..31 function "lower" defaultLibrary
            32..38 string "'a\\\"b'" 
            39..41 macro "}}" 
        "#]],
    );
}

#[test]
fn range_filter() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        {
          "url": "/{{parameters.a}}",
          "method": "{{parameters.b}}"
        }
        "#,
        Some((30, 60)),
        expect![[r#"
            34..42 property "\"method\"" defaultLibrary
            45..47 macro "{{" 
            47..57 variable "parameters" defaultLibrary
            58..59 property "b" 
            59..61 macro "}}" 
        "#]],
    );
}

#[test]
fn split_at_line_breaks() {
    let text = "ab\r\ncd\nef";
    let pieces = crate::ide::semantic_tokens::split_lines(text, TextRange::new(0.into(), 9.into()));
    let covered: Vec<&str> = pieces.iter().map(|r| &text[*r]).collect();
    assert_eq!(covered, ["ab", "cd", "ef"]);
}
