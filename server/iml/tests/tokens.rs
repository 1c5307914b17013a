//! Classified tokens for semantic highlighting.

use expect_test::{Expect, expect};
use iml_lang::parse_template;

fn check(text: &str, expect: Expect) {
    let template = parse_template(text);
    let mut out = String::new();
    for block in &template.blocks {
        for token in &block.tokens {
            out.push_str(&format!("{:?} {:?}\n", token.kind, &text[token.range]));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn every_kind() {
    check(
        "x {{if(!headers.`X-A`[1], 'y', null) + -2}} {{...}} {{a # b}}",
        expect![[r##"
            Delimiter "{{"
            Function "if"
            Punct "("
            Operator "!"
            Name "headers"
            Punct "."
            Property "`X-A`"
            Punct "["
            Number "1"
            Punct "]"
            Punct ","
            String "'y'"
            Punct ","
            Keyword "null"
            Punct ")"
            Operator "+"
            Operator "-"
            Number "2"
            Delimiter "}}"
            Delimiter "{{"
            Spread "..."
            Delimiter "}}"
            Delimiter "{{"
            Name "a"
            Unknown "#"
            Name "b"
            Delimiter "}}"
        "##]],
    );
}

#[test]
fn names_inside_skipped_literals_stay_names() {
    check(
        "{{f({a: b})}}",
        expect![[r#"
        Delimiter "{{"
        Function "f"
        Punct "("
        Punct "{"
        Name "a"
        Punct ":"
        Name "b"
        Punct "}"
        Punct ")"
        Delimiter "}}"
    "#]],
    );
}
