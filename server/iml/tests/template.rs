//! Finding `{{ }}` blocks in decoded strings.

mod common;

use common::render_template;
use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render_template(text));
}

#[test]
fn plain_text_has_no_blocks() {
    check(
        "https://api.example.com/v1",
        expect![[r#"
        text "https://api.example.com/v1"
    "#]],
    );
}

#[test]
fn lone_expression() {
    check(
        "{{parameters.limit}}",
        expect![[r#"
        block 0..20 body 2..18
          (. (name parameters 2..12) limit 13..18 2..18)
        no text
        single expression
    "#]],
    );
}

#[test]
fn whitespace_around_a_lone_expression_makes_interpolation() {
    check(
        " {{x}}",
        expect![[r#"
        block 1..6 body 3..4
          (name x 3..4)
        text " "
    "#]],
    );
}

#[test]
fn interpolation() {
    check(
        "Bearer {{connection.accessToken}}",
        expect![[r#"
        block 7..33 body 9..31
          (. (name connection 9..19) accessToken 20..31 9..31)
        text "Bearer "
    "#]],
    );
    check(
        "[{{statusCode}}] {{body.error}}",
        expect![[r#"
        block 1..15 body 3..13
          (name statusCode 3..13)
        block 17..31 body 19..29
          (. (name body 19..23) error 24..29 19..29)
        text "[" "] "
    "#]],
    );
}

#[test]
fn spaces_inside_braces() {
    check(
        "{{ parameters.id }}",
        expect![[r#"
        block 0..19 body 2..17
          (. (name parameters 3..13) id 14..16 3..16)
        no text
        single expression
    "#]],
    );
}

#[test]
fn graphql_braces_are_text() {
    // The decoded form of "query { user(id: \"{{parameters.id}}\") { name }}".
    check(
        r#"query { user(id: "{{parameters.id}}") { name }}"#,
        expect![[r#"
        block 18..35 body 20..33
          (. (name parameters 20..30) id 31..33 20..33)
        text "query { user(id: \"" "\") { name }}"
    "#]],
    );
    check(
        "{{x}}}",
        expect![[r#"
        block 0..5 body 2..3
          (name x 2..3)
        text "}"
    "#]],
    );
    check(
        "{\"a\":{{parameters.a}}}",
        expect![[r#"
        block 5..21 body 7..19
          (. (name parameters 7..17) a 18..19 7..19)
        text "{\"a\":" "}"
    "#]],
    );
}

#[test]
fn closing_braces_inside_iml_strings_do_not_end_the_block() {
    check(
        "{{if(a, '}}', \"}}\")}}",
        expect![[r#"
        block 0..21 body 2..19
          (call if 2..4 (name a 5..6) (str "}}" 8..12) (str "}}" 14..18) 2..19)
        no text
        single expression
    "#]],
    );
    check(
        "{{headers.`a}}b`}}",
        expect![[r#"
        block 0..18 body 2..16
          (. (name headers 2..9) `a}}b` 10..16 2..16)
        no text
        single expression
    "#]],
    );
}

#[test]
fn escaped_quotes_from_json() {
    // The JSON text "{{if(a = \"x\", \"y\", 'z')}}" decodes to this.
    check(
        r#"{{if(a = "x", "y", 'z')}}"#,
        expect![[r#"
        block 0..25 body 2..23
          (call if 2..4 (= (name a 5..6) (str "x" 9..12) 5..12) (str "y" 14..17) (str "z" 19..22) 2..23)
        no text
        single expression
    "#]],
    );
}

#[test]
fn multi_line_string_value() {
    check(
        "line 1\n{{parameters.a}}\nline 3",
        expect![[r#"
        block 7..23 body 9..21
          (. (name parameters 9..19) a 20..21 9..21)
        text "line 1\n" "\nline 3"
    "#]],
    );
}

#[test]
fn spread_key() {
    check(
        "{{...}}",
        expect![[r#"
        block 0..7 body 2..5
          (spread 2..5)
        no text
        single expression
    "#]],
    );
    check(
        "{{ ... }}",
        expect![[r#"
        block 0..9 body 2..7
          (spread 3..6)
        no text
        single expression
    "#]],
    );
    check(
        "{{...x}}",
        expect![[r#"
        block 0..8 body 2..6
          (error 2..5)
          I001 2..5 `...` is only valid as the whole spread key `{{...}}`
          I001 5..6 missing operator before `x`: join values with `+` (or another operator)
        no text
        single expression
    "#]],
    );
}

#[test]
fn unclosed_block() {
    check(
        "Bearer {{connection.accessToken",
        expect![[r#"
        block 7..31 body 9..31 unclosed
          (. (name connection 9..19) accessToken 20..31 9..31)
          I001 7..9 unclosed `{{`: add `}}` after the expression
        text "Bearer "
    "#]],
    );
    check(
        "{{",
        expect![[r#"
        block 0..2 body 2..2 unclosed
          (missing 2..2)
          I001 0..2 unclosed `{{`: add `}}` after the expression
          I001 2..2 empty expression: write an expression between `{{` and `}}`
        no text
    "#]],
    );
}

#[test]
fn a_new_block_ends_an_unclosed_one() {
    check(
        "{{a {{b}}",
        expect![[r#"
        block 0..4 body 2..4 unclosed
          (name a 2..3)
          I001 0..2 unclosed `{{`: add `}}` after the expression
        block 4..9 body 6..7
          (name b 6..7)
        no text
    "#]],
    );
}

#[test]
fn unterminated_quote_falls_back_to_the_first_closing_braces() {
    check(
        "{{'abc}} and {{b}}",
        expect![[r#"
        block 0..8 body 2..6
          (str-unterminated "abc" 2..6)
          I001 2..6 unterminated string: add the closing `'`
        block 13..18 body 15..16
          (name b 15..16)
        text " and "
    "#]],
    );
}

#[test]
fn empty_block() {
    check(
        "{{}}",
        expect![[r#"
        block 0..4 body 2..2
          (missing 2..2)
          I001 2..2 empty expression: write an expression between `{{` and `}}`
        no text
        single expression
    "#]],
    );
    check(
        "{{  }}",
        expect![[r#"
        block 0..6 body 2..4
          (missing 4..4)
          I001 4..4 empty expression: write an expression between `{{` and `}}`
        no text
        single expression
    "#]],
    );
}
