//! I005–I008: mistakes that parse but that Make's apps get wrong.

mod common;

use common::render_expr;
use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render_expr(text));
}

#[test]
fn semicolon_separator_is_read_as_comma() {
    check(
        "if(a; b; c)",
        expect![[r#"
        (call if 0..2 (name a 3..4) (name b 6..7) (name c 9..10) 0..11)
          I005 4..5 use ',' to separate arguments: custom-app IML separates arguments with commas
          I005 7..8 use ',' to separate arguments: custom-app IML separates arguments with commas
    "#]],
    );
}

#[test]
fn zero_index() {
    check(
        "body.items[0].id",
        expect![[r#"
        (. ([] (. (name body 0..4) items 5..10 0..10) (num 0 11..12) 0..13) id 14..16 0..16)
          I006 11..12 IML arrays start at 1 (`[-1]` is the last item): did you mean [1]?
    "#]],
    );
    check(
        "body.items[1].id",
        expect![[r#"
        (. ([] (. (name body 0..4) items 5..10 0..10) (num 1 11..12) 0..13) id 14..16 0..16)
    "#]],
    );
    check(
        "body.items[10]",
        expect![[r#"
        ([] (. (name body 0..4) items 5..10 0..10) (num 10 11..13) 0..14)
    "#]],
    );
}

#[test]
fn hyphenated_names_need_backticks() {
    check(
        "headers.X-Api-Key",
        expect![[r#"
        (- (- (. (name headers 0..7) X 8..9 0..9) (name Api 10..13) 0..13) (name Key 14..17) 0..17)
          I007 8..17 `X-Api-Key` is read as a subtraction: a property name containing `-` needs backticks: headers.`X-Api-Key`
    "#]],
    );
    check(
        "headers.content-type",
        expect![[r#"
        (- (. (name headers 0..7) content 8..15 0..15) (name type 16..20) 0..20)
          I007 8..20 `content-type` is read as a subtraction: a property name containing `-` needs backticks: headers.`content-type`
    "#]],
    );
    check(
        "f(headers.content-type, 1)",
        expect![[r#"
        (call f 0..1 (- (. (name headers 2..9) content 10..17 2..17) (name type 18..22) 2..22) (num 1 24..25) 0..26)
          I007 10..22 `content-type` is read as a subtraction: a property name containing `-` needs backticks: headers.`content-type`
    "#]],
    );
    check(
        "parameters.a.b-c",
        expect![[r#"
        (- (. (. (name parameters 0..10) a 11..12 0..12) b 13..14 0..14) (name c 15..16) 0..16)
          I007 13..16 `b-c` is read as a subtraction: a property name containing `-` needs backticks: parameters.a.`b-c`
    "#]],
    );
}

#[test]
fn real_subtractions_are_left_alone() {
    check(
        "parameters.end - parameters.start",
        expect![[r#"
        (- (. (name parameters 0..10) end 11..14 0..14) (. (name parameters 17..27) start 28..33 17..33) 0..33)
    "#]],
    );
    check(
        "parameters.count-1",
        expect![[r#"
        (- (. (name parameters 0..10) count 11..16 0..16) (num 1 17..18) 0..18)
    "#]],
    );
    check(
        "a-b",
        expect![[r#"
        (- (name a 0..1) (name b 2..3) 0..3)
    "#]],
    );
    check(
        "headers.`X-Api`-x",
        expect![[r#"
        (- (. (name headers 0..7) `X-Api` 8..15 0..15) (name x 16..17) 0..17)
    "#]],
    );
}

#[test]
fn names_starting_with_a_digit_need_backticks() {
    check(
        "body.1st",
        expect![[r#"
        (. (name body 0..4) 1st 5..8 0..8)
          I007 5..8 a property name starting with a digit needs backticks: body.`1st`
    "#]],
    );
}

#[test]
fn object_and_array_literals() {
    check(
        "if(a, { limit: 1, nested: {x: [1]} }, undefined)",
        expect![[r#"
        (call if 0..2 (name a 3..4) (object-literal 6..36) (kw undefined 38..47) 0..48)
          I008 6..36 object literals are not supported in IML: build the object in the JSON structure (or in `temp`)
    "#]],
    );
    check(
        "[1, 2]",
        expect![[r#"
        (array-literal 0..6)
          I008 0..6 array literals are not supported in IML: use `emptyarray`, or build the array with functions or in the JSON structure
    "#]],
    );
    check(
        "{a: 1",
        expect![[r#"
        (object-literal 0..5)
          I001 0..1 unclosed `{`: add `}`
          I008 0..5 object literals are not supported in IML: build the object in the JSON structure (or in `temp`)
    "#]],
    );
}
