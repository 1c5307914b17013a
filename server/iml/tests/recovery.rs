//! Incomplete and broken expressions: a tree with holes, and I001
//! messages that name the fix.

mod common;

use common::{render_expr, render_template};
use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render_template(text));
}

fn check_expr(text: &str, expect: Expect) {
    expect.assert_eq(&render_expr(text));
}

#[test]
fn dangling_dot() {
    check(
        "{{parameters.",
        expect![[r#"
        block 0..13 body 2..13 unclosed
          (. (name parameters 2..12) <hole> 2..13)
          I001 0..2 unclosed `{{`: add `}}` after the expression
          I001 12..13 expected a property name after `.`: write a name, or a `backticked name`
        no text
    "#]],
    );
    check(
        "{{parameters.}}",
        expect![[r#"
        block 0..15 body 2..13
          (. (name parameters 2..12) <hole> 2..13)
          I001 12..13 expected a property name after `.`: write a name, or a `backticked name`
        no text
        single expression
    "#]],
    );
    check(
        "{{body.data[1].}}",
        expect![[r#"
        block 0..17 body 2..15
          (. ([] (. (name body 2..6) data 7..11 2..11) (num 1 12..13) 2..14) <hole> 2..15)
          I001 14..15 expected a property name after `.`: write a name, or a `backticked name`
        no text
        single expression
    "#]],
    );
}

#[test]
fn unclosed_call_with_a_trailing_comma() {
    check(
        "{{addDays(now, ",
        expect![[r#"
        block 0..15 body 2..15 unclosed
          (call addDays 2..9 (name now 10..13) (missing 15..15) <unclosed> 2..15)
          I001 0..2 unclosed `{{`: add `}}` after the expression
          I001 9..10 unclosed `(` in the call to addDays: add `)`
          I001 13..15 expected an argument after `,`
        no text
    "#]],
    );
    check(
        "{{ if(a, ",
        expect![[r#"
        block 0..9 body 2..9 unclosed
          (call if 3..5 (name a 6..7) (missing 9..9) <unclosed> 3..9)
          I001 0..2 unclosed `{{`: add `}}` after the expression
          I001 5..6 unclosed `(` in the call to if: add `)`
          I001 7..9 expected an argument after `,`
        no text
    "#]],
    );
    check(
        "{{formatDate(}}",
        expect![[r#"
        block 0..15 body 2..13
          (call formatDate 2..12 (missing 13..13) <unclosed> 2..13)
          I001 12..13 expected an argument after `(`
        no text
        single expression
    "#]],
    );
}

#[test]
fn missing_operand() {
    check(
        "{{ a + }}",
        expect![[r#"
        block 0..9 body 2..7
          (+ (name a 3..4) (missing 7..7) 3..7)
          I001 5..7 expected an operand after `+`
        no text
        single expression
    "#]],
    );
    check_expr(
        "a * * b",
        expect![[r#"
        (* (* (name a 0..1) (missing 4..4) 0..4) (name b 6..7) 0..7)
          I001 2..4 expected an operand after `*`
    "#]],
    );
    check_expr(
        "!",
        expect![[r#"
        (unary! (missing 1..1) 0..1)
          I001 0..1 expected an operand after `!`
    "#]],
    );
    check_expr(
        "a &&",
        expect![[r#"
        (&& (name a 0..1) (missing 4..4) 0..4)
          I001 2..4 expected an operand after `&&`
    "#]],
    );
}

#[test]
fn unbalanced_parentheses_and_brackets() {
    check_expr(
        "(a + b",
        expect![[r#"
        (paren (+ (name a 1..2) (name b 5..6) 1..6) 0..6)
          I001 0..1 unclosed `(`: add `)`
    "#]],
    );
    check_expr(
        "a + b)",
        expect![[r#"
        (+ (name a 0..1) (name b 4..5) 0..5)
          I001 5..6 unmatched `)`: remove it or add the missing `(`
    "#]],
    );
    check_expr(
        "body.items[1",
        expect![[r#"
        ([] (. (name body 0..4) items 5..10 0..10) (num 1 11..12) 0..12)
          I001 10..11 unclosed `[`: add `]`
    "#]],
    );
    check_expr(
        "body.items]",
        expect![[r#"
        (. (name body 0..4) items 5..10 0..10)
          I001 10..11 unmatched `]`: remove it or add the missing `[`
    "#]],
    );
    check_expr(
        "()",
        expect![[r#"
        (paren (missing 1..1) 0..2)
          I001 0..1 expected an expression inside `( )`
    "#]],
    );
}

#[test]
fn unterminated_quotes_and_backticks() {
    check_expr(
        "'abc",
        expect![[r#"
        (str-unterminated "abc" 0..4)
          I001 0..4 unterminated string: add the closing `'`
    "#]],
    );
    check_expr(
        "\"abc",
        expect![[r#"
        (str-unterminated "abc" 0..4)
          I001 0..4 unterminated string: add the closing `"`
    "#]],
    );
    check_expr(
        "headers.`X-Api",
        expect![[r#"
        (. (name headers 0..7) `X-Api` 8..14 0..14)
          I001 8..14 unterminated backtick name: add the closing `` ` ``
    "#]],
    );
    check_expr(
        "`abc",
        expect![[r#"
        (name `abc` 0..4)
          I001 0..4 unterminated backtick name: add the closing `` ` ``
    "#]],
    );
}

#[test]
fn arguments() {
    check_expr(
        "f(a,,b)",
        expect![[r#"
        (call f 0..1 (name a 2..3) (missing 4..4) (name b 5..6) 0..7)
          I001 3..4 expected an argument after `,`
    "#]],
    );
    check_expr(
        "f(,)",
        expect![[r#"
        (call f 0..1 (missing 2..2) 0..4)
          I001 1..2 expected an argument after `(`
    "#]],
    );
    check_expr(
        "f(a b)",
        expect![[r#"
        (call f 0..1 (name a 2..3) (name b 4..5) 0..6)
          I001 4..4 missing `,` or operator before `b`: separate arguments with `,` and join text with `+`
    "#]],
    );
    check_expr(
        "f(a ] b)",
        expect![[r#"
        (call f 0..1 (name a 2..3) 0..8)
          I001 4..5 unmatched `]`: remove it or add the missing `[`
    "#]],
    );
    check_expr(
        "formatDate(x, YYYY-MM-DD HH:mm)",
        expect![[r#"
        (call formatDate 0..10 (name x 11..12) (- (- (name YYYY 14..18) (name MM 19..21) 14..21) (name DD 22..24) 14..24) (name HH 25..27) 0..31)
          I001 25..25 missing `,` or operator before `HH`: separate arguments with `,` and join text with `+`
          I001 27..28 unexpected `:`: quote text such as a date format ('YYYY-MM-DDTHH:mm:ss')
    "#]],
    );
}

#[test]
fn trailing_comma_in_arguments_is_accepted() {
    check_expr(
        "if(a, 'x',)",
        expect![[r#"
        (call if 0..2 (name a 3..4) (str "x" 6..9) 0..11)
    "#]],
    );
}

#[test]
fn leftover_tokens() {
    check_expr(
        "item.first ' ' item.last",
        expect![[r#"
        (. (name item 0..4) first 5..10 0..10)
          I001 11..14 missing operator before `' '`: join values with `+` (or another operator)
    "#]],
    );
    check_expr(
        "a and b",
        expect![[r#"
        (name a 0..1)
          I001 2..5 missing operator before `and`: join values with `+` (or another operator)
    "#]],
    );
    check_expr(
        "a ? b : c",
        expect![[r#"
        (name a 0..1)
          I001 2..3 IML has no `? :` operator: use if(condition, value1, value2)
    "#]],
    );
}

#[test]
fn unknown_characters_and_operators() {
    check_expr(
        "a # b",
        expect![[r#"
        (name a 0..1)
          I001 2..3 unexpected character `#` in an expression
    "#]],
    );
    check_expr(
        "a & b",
        expect![[r#"
        (&& (name a 0..1) (name b 4..5) 0..5)
          I001 2..3 unknown operator `&`: use `&&`
    "#]],
    );
    check_expr(
        "a | b",
        expect![[r#"
        (|| (name a 0..1) (name b 4..5) 0..5)
          I001 2..3 unknown operator `|`: use `||`
    "#]],
    );
}

#[test]
fn method_calls_are_not_iml() {
    check_expr(
        "a.trim()",
        expect![[r#"
        (error 0..8)
          I001 6..7 only named functions can be called: write fn(value, …) instead of value.fn(…)
    "#]],
    );
}

#[test]
fn ellipsis_inside_an_expression() {
    check_expr(
        "f(...)",
        expect![[r#"
        (call f 0..1 (error 2..5) 0..6)
          I001 2..5 `...` is only valid as the whole spread key `{{...}}`
    "#]],
    );
}
