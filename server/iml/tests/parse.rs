//! The tree for every construct of the language, with ranges.

mod common;

use common::render_expr;
use expect_test::{Expect, expect};
use iml_lang::{ExprKind, Quote, parse_expression};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render_expr(text));
}

#[test]
fn literals() {
    check(
        "100",
        expect![[r#"
        (num 100 0..3)
    "#]],
    );
    check(
        "1.5",
        expect![[r#"
        (num 1.5 0..3)
    "#]],
    );
    check(
        "'Hello, '",
        expect![[r#"
        (str "Hello, " 0..9)
    "#]],
    );
    check(
        r#""Hello, ""#,
        expect![[r#"
        (str "Hello, " 0..9)
    "#]],
    );
    check(
        "true",
        expect![[r#"
        (kw true 0..4)
    "#]],
    );
    check(
        "emptyarray",
        expect![[r#"
        (kw emptyarray 0..10)
    "#]],
    );
    check(
        "emptystring",
        expect![[r#"
        (kw emptystring 0..11)
    "#]],
    );
    check(
        "undefined",
        expect![[r#"
        (kw undefined 0..9)
    "#]],
    );
    check(
        "null",
        expect![[r#"
        (kw null 0..4)
    "#]],
    );
    check(
        "false",
        expect![[r#"
        (kw false 0..5)
    "#]],
    );
}

#[test]
fn string_escapes() {
    // `\"` in the JSON file decodes to `"`; inside IML a backslash escapes
    // the quote of the literal itself.
    check(
        r#""say \"hi\"""#,
        expect![[r#"
        (str "say \"hi\"" 0..12)
    "#]],
    );
    check(
        r"'it\'s'",
        expect![[r#"
        (str "it's" 0..7)
    "#]],
    );
    check(
        r"'a\nb\\c'",
        expect![[r#"
        (str "a\nb\\c" 0..9)
    "#]],
    );
    check(
        "'line 1\nline 2'",
        expect![[r#"
        (str "line 1\nline 2" 0..15)
    "#]],
    );
}

/// Every string literal of `text` with the quote it was written with.
fn quotes(text: &str) -> Vec<(String, Quote)> {
    let (expr, _) = parse_expression(text);
    expr.walk()
        .filter_map(|e| match &e.kind {
            ExprKind::String { value, quote, .. } => Some((value.clone(), *quote)),
            _ => None,
        })
        .collect()
}

#[test]
fn string_literals_record_their_quote() {
    assert_eq!(
        quotes(r#"join('a', "b", 'it"s', "it's", "unclosed)"#),
        [
            ("a".to_owned(), Quote::Single),
            ("b".to_owned(), Quote::Double),
            ("it\"s".to_owned(), Quote::Single),
            ("it's".to_owned(), Quote::Double),
            ("unclosed)".to_owned(), Quote::Double),
        ]
    );
}

#[test]
fn names_and_members() {
    check(
        "parameters",
        expect![[r#"
        (name parameters 0..10)
    "#]],
    );
    check(
        "parameters.input.data",
        expect![[r#"
        (. (. (name parameters 0..10) input 11..16 0..16) data 17..21 0..21)
    "#]],
    );
    check(
        "headers.`X-Api-Key`",
        expect![[r#"
        (. (name headers 0..7) `X-Api-Key` 8..19 0..19)
    "#]],
    );
    check(
        "parameters.`First Name`",
        expect![[r#"
        (. (name parameters 0..10) `First Name` 11..23 0..23)
    "#]],
    );
    check(
        "`my var`.x",
        expect![[r#"
        (. (name `my var` 0..8) x 9..10 0..10)
    "#]],
    );
}

#[test]
fn indexes() {
    check(
        "body.data[2].prop",
        expect![[r#"
        (. ([] (. (name body 0..4) data 5..9 0..9) (num 2 10..11) 0..12) prop 13..17 0..17)
    "#]],
    );
    check(
        "body.items[-1]",
        expect![[r#"
        ([] (. (name body 0..4) items 5..10 0..10) (unary- (num 1 12..13) 11..13) 0..14)
    "#]],
    );
    check(
        "body.data[].text[]",
        expect![[r#"
        ([] (. ([] (. (name body 0..4) data 5..9 0..9) <first> 0..11) text 12..16 0..16) <first> 0..18)
    "#]],
    );
    check(
        "body.items[parameters.n + 1]",
        expect![[r#"
        ([] (. (name body 0..4) items 5..10 0..10) (+ (. (name parameters 11..21) n 22..23 11..23) (num 1 26..27) 11..27) 0..28)
    "#]],
    );
}

#[test]
fn calls() {
    check(
        "now()",
        expect![[r#"
        (call now 0..3 0..5)
    "#]],
    );
    check(
        "formatDate(now, 'YYYY-MM-DD')",
        expect![[r#"
        (call formatDate 0..10 (name now 11..14) (str "YYYY-MM-DD" 16..28) 0..29)
    "#]],
    );
    check(
        "join(distinct(merge(oauth.scope, ifempty(parameters.scopes, emptyarray))), ' ')",
        expect![[r#"
            (call join 0..4 (call distinct 5..13 (call merge 14..19 (. (name oauth 20..25) scope 26..31 20..31) (call ifempty 33..40 (. (name parameters 41..51) scopes 52..58 41..58) (kw emptyarray 60..70) 33..71) 14..72) 5..73) (str " " 75..78) 0..79)
        "#]],
    );
    check(
        "`my fn`(1)",
        expect![[r#"
        (call `my fn` 0..7 (num 1 8..9) 0..10)
    "#]],
    );
}

#[test]
fn unary() {
    check(
        "!parameters.flag",
        expect![[r#"
        (unary! (. (name parameters 1..11) flag 12..16 1..16) 0..16)
    "#]],
    );
    check(
        "-1",
        expect![[r#"
        (unary- (num 1 1..2) 0..2)
    "#]],
    );
    check(
        "!!x",
        expect![[r#"
        (unary! (unary! (name x 2..3) 1..3) 0..3)
    "#]],
    );
    check(
        "-a * b",
        expect![[r#"
        (* (unary- (name a 1..2) 0..2) (name b 5..6) 0..6)
    "#]],
    );
}

#[test]
fn binary_precedence() {
    check(
        "a + b * c",
        expect![[r#"
        (+ (name a 0..1) (* (name b 4..5) (name c 8..9) 4..9) 0..9)
    "#]],
    );
    check(
        "a - b - c",
        expect![[r#"
        (- (- (name a 0..1) (name b 4..5) 0..5) (name c 8..9) 0..9)
    "#]],
    );
    check(
        "a * b % c / d",
        expect![[r#"
        (/ (% (* (name a 0..1) (name b 4..5) 0..5) (name c 8..9) 0..9) (name d 12..13) 0..13)
    "#]],
    );
    check(
        "a || b && c",
        expect![[r#"
        (|| (name a 0..1) (&& (name b 5..6) (name c 10..11) 5..11) 0..11)
    "#]],
    );
    check(
        "a == b && c != d",
        expect![[r#"
        (&& (== (name a 0..1) (name b 5..6) 0..6) (!= (name c 10..11) (name d 15..16) 10..16) 0..16)
    "#]],
    );
    check(
        "a < b == c >= d",
        expect![[r#"
        (== (< (name a 0..1) (name b 4..5) 0..5) (>= (name c 9..10) (name d 14..15) 9..15) 0..15)
    "#]],
    );
    check(
        "a + 1 > b - 2",
        expect![[r#"
        (> (+ (name a 0..1) (num 1 4..5) 0..5) (- (name b 8..9) (num 2 12..13) 8..13) 0..13)
    "#]],
    );
    check(
        "(a + b) * c",
        expect![[r#"
        (* (paren (+ (name a 1..2) (name b 5..6) 1..6) 0..7) (name c 10..11) 0..11)
    "#]],
    );
}

#[test]
fn equality_spellings() {
    check(
        "a = b",
        expect![[r#"
        (= (name a 0..1) (name b 4..5) 0..5)
    "#]],
    );
    check(
        "a === b",
        expect![[r#"
        (=== (name a 0..1) (name b 6..7) 0..7)
    "#]],
    );
    check(
        "a !== b",
        expect![[r#"
        (!== (name a 0..1) (name b 6..7) 0..7)
    "#]],
    );
    check(
        "a <= b",
        expect![[r#"
        (<= (name a 0..1) (name b 5..6) 0..6)
    "#]],
    );
}

#[test]
fn whitespace_and_newlines() {
    check(
        "  if(\n  a,\n  b,\n  c\n)  ",
        expect![[r#"
        (call if 2..4 (name a 8..9) (name b 13..14) (name c 18..19) 2..21)
    "#]],
    );
}

#[test]
fn non_ascii_names() {
    check(
        "parameters.größe + 'é'",
        expect![[r#"
        (+ (. (name parameters 0..10) größe 11..18 0..18) (str "é" 21..25) 0..25)
    "#]],
    );
}
