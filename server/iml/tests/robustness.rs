//! The parser never panics, never hangs, keeps its ranges inside the
//! input, and bounds nesting whatever the input.

use std::time::{Duration, Instant};

use iml_lang::{Expr, Template, parse_expression, parse_template};
use proptest::prelude::*;
use text_size::{TextRange, TextSize};

/// Fragments that exercise every part of the grammar when glued at random.
const FRAGMENTS: &[&str] = &[
    "{{",
    "}}",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ";",
    ".",
    "...",
    "'",
    "\"",
    "`",
    "\\",
    "a",
    "parameters",
    "x-y",
    "1",
    "0",
    "-1",
    "1.5",
    "-",
    "+",
    "*",
    "/",
    "%",
    "!",
    "&&",
    "||",
    "&",
    "|",
    "==",
    "=",
    "===",
    "!=",
    "<",
    ">=",
    " ",
    "\n",
    "é",
    "日本",
    "if",
    "true",
    "emptyarray",
    ":",
    "?",
    "#",
    "f(",
    "a.",
    "[0]",
    "`b c`",
];

fn within(inner: TextRange, outer: TextRange) -> bool {
    outer.start() <= inner.start() && inner.end() <= outer.end()
}

fn on_boundaries(text: &str, range: TextRange) -> bool {
    text.is_char_boundary(usize::from(range.start()))
        && text.is_char_boundary(usize::from(range.end()))
}

fn check_tree(text: &str, root: &Expr, bounds: TextRange) {
    for expr in root.walk() {
        assert!(
            within(expr.range, bounds),
            "{:?} outside {:?} in {text:?}",
            expr.range,
            bounds
        );
        assert!(
            on_boundaries(text, expr.range),
            "{:?} splits a character in {text:?}",
            expr.range
        );
        for child in expr.children() {
            assert!(
                within(child.range, expr.range),
                "child {:?} outside parent {:?} in {text:?}",
                child.range,
                expr.range
            );
        }
    }
}

fn check_template(text: &str, template: &Template) {
    let len = TextSize::of(text);
    assert_eq!(template.len, len);
    let mut previous_end = TextSize::new(0);
    for block in &template.blocks {
        assert!(
            block.range.start() >= previous_end,
            "blocks overlap in {text:?}"
        );
        assert!(within(block.body, block.range));
        assert!(block.range.end() <= len);
        previous_end = block.range.end();
        check_tree(text, &block.expr, block.body);
        let mut token_end = block.range.start();
        for token in &block.tokens {
            assert!(
                token.range.start() >= token_end,
                "tokens overlap in {text:?}"
            );
            assert!(within(token.range, block.range));
            assert!(on_boundaries(text, token.range));
            token_end = token.range.end();
        }
        for error in &block.errors {
            assert!(
                within(error.range, block.range),
                "{error:?} outside its block in {text:?}"
            );
            assert!(on_boundaries(text, error.range));
        }
    }
}

fn iml_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_template(&text, &parse_template(&text));
        let (expr, _) = parse_expression(&text);
        check_tree(&text, &expr, TextRange::up_to(TextSize::of(text.as_str())));
    }

    #[test]
    fn iml_like_strings(text in iml_soup()) {
        check_template(&text, &parse_template(&text));
        let wrapped = format!("{{{{{text}}}}}");
        check_template(&wrapped, &parse_template(&wrapped));
        let (expr, _) = parse_expression(&text);
        check_tree(&text, &expr, TextRange::up_to(TextSize::of(text.as_str())));
    }
}

/// Parses `{{` + `unit` × 100,000 + `}}` and checks it finishes quickly
/// with one "nested too deeply" report.
fn deep(unit: &str) {
    let text = format!("{{{{{}}}}}", unit.repeat(100_000));
    let started = Instant::now();
    let template = parse_template(&text);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{unit:?} took too long"
    );
    check_template(&text, &template);
    let deep_reports = template
        .errors()
        .filter(|e| e.message.contains("nested too deeply"))
        .count();
    assert_eq!(deep_reports, 1, "{unit:?}");
}

#[test]
fn deep_nesting_is_bounded() {
    for unit in [
        "(", "!", "-", "a[", "f(", "a.b.", "a+", "(a)+", "!(", "[", "{",
    ] {
        if unit == "[" || unit == "{" {
            // Literals are skipped flat, without recursion.
            let text = format!("{{{{{}}}}}", unit.repeat(100_000));
            check_template(&text, &parse_template(&text));
            continue;
        }
        deep(unit);
    }
}

#[test]
fn long_flat_inputs_are_linear() {
    let cases = [
        format!("{{{{f({})}}}}", "a ".repeat(100_000)),
        format!("{{{{f({})}}}}", "a,".repeat(100_000)),
        format!("{{{{{}}}}}", "# ".repeat(100_000)),
        "{{a}} ".repeat(50_000),
        "{{'".repeat(50_000),
        "}}{{".repeat(50_000),
    ];
    for text in &cases {
        let started = Instant::now();
        let template = parse_template(text);
        assert!(started.elapsed() < Duration::from_secs(20));
        check_template(text, &template);
    }
}

#[test]
fn parse_body_tolerates_bad_ranges() {
    // Off a character boundary, and past the end: both become an empty
    // body at the end of the text.
    let off_boundary = iml_lang::parse_body("é", TextRange::new(0.into(), 1.into()));
    assert!(off_boundary.expr.is_missing());
    assert_eq!(off_boundary.expr.range, TextRange::empty(TextSize::of("é")));
    let past_end = iml_lang::parse_body("ab", TextRange::new(1.into(), 9.into()));
    assert!(past_end.expr.is_missing());
    assert_eq!(past_end.errors.len(), 1);
}
