//! Cursor questions: innermost expression, call argument, member chain.
//! `$0` marks the cursor in each fixture.

mod common;

use common::{cursor, range};
use expect_test::{Expect, expect};
use iml_lang::{PathSegment, call_at, expr_at, member_chain_at, parse_template, to_sexpr};

/// Looks the cursor up in the block containing it.
fn check(fixture: &str, expect: Expect) {
    let (text, offset) = cursor(fixture);
    let template = parse_template(&text);
    let Some(block) = template.block_at(offset) else {
        expect.assert_eq("no block\n");
        return;
    };
    let mut out = String::new();
    match expr_at(&block.expr, offset) {
        Some(expr) => out.push_str(&format!("expr {}\n", to_sexpr(expr))),
        None => out.push_str("expr none\n"),
    }
    match call_at(&block.expr, offset) {
        Some(call) => out.push_str(&format!(
            "call {} arg {} {}\n",
            call.callee.text,
            call.arg_index,
            call.arg.map_or("none".to_owned(), to_sexpr)
        )),
        None => out.push_str("call none\n"),
    }
    match member_chain_at(&block.expr, offset) {
        Some(chain) => {
            let path: Vec<String> = chain
                .path
                .iter()
                .map(|s| match s {
                    PathSegment::Property(n) => n.text.clone(),
                    PathSegment::Index => "[]".to_owned(),
                })
                .collect();
            out.push_str(&format!(
                "chain {} [{}] partial {} replace {}\n",
                chain.root.text,
                path.join(", "),
                chain.partial.map_or("<hole>".to_owned(), |n| n.text),
                range(chain.replace),
            ));
        }
        None => out.push_str("chain none\n"),
    }
    expect.assert_eq(&out);
}

#[test]
fn after_a_dangling_dot() {
    check(
        "{{parameters.$0",
        expect![[r#"
        expr (. (name parameters 2..12) <hole> 2..13)
        call none
        chain parameters [] partial <hole> replace 13..13
    "#]],
    );
    check(
        "{{parameters.$0}}",
        expect![[r#"
        expr (. (name parameters 2..12) <hole> 2..13)
        call none
        chain parameters [] partial <hole> replace 13..13
    "#]],
    );
}

#[test]
fn inside_a_property_name() {
    check(
        "{{parameters.input.da$0ta}}",
        expect![[r#"
        expr (. (. (name parameters 2..12) input 13..18 2..18) data 19..23 2..23)
        call none
        chain parameters [input] partial data replace 19..23
    "#]],
    );
    check(
        "{{body.items[1].na$0}}",
        expect![[r#"
        expr (. ([] (. (name body 2..6) items 7..12 2..12) (num 1 13..14) 2..15) na 16..18 2..18)
        call none
        chain body [items, []] partial na replace 16..18
    "#]],
    );
}

#[test]
fn on_the_root_name() {
    check(
        "{{param$0eters.x}}",
        expect![[r#"
        expr (name parameters 2..12)
        call none
        chain none
    "#]],
    );
}

#[test]
fn chain_not_rooted_at_a_name() {
    check(
        "{{first(body.items).na$0me}}",
        expect![[r#"
        expr (. (call first 2..7 (. (name body 8..12) items 13..18 8..18) 2..19) name 20..24 2..24)
        call none
        chain none
    "#]],
    );
}

#[test]
fn call_arguments() {
    check(
        "{{addDays(now, $0",
        expect![[r#"
        expr (missing 15..15)
        call addDays arg 1 (missing 15..15)
        chain none
    "#]],
    );
    check(
        "{{addDays($0now, 1)}}",
        expect![[r#"
        expr (name now 10..13)
        call addDays arg 0 (name now 10..13)
        chain none
    "#]],
    );
    check(
        "{{addDays(now, 1$0)}}",
        expect![[r#"
        expr (num 1 15..16)
        call addDays arg 1 (num 1 15..16)
        chain none
    "#]],
    );
    check(
        "{{if(a, b, $0)}}",
        expect![[r#"
        expr (call if 2..4 (name a 5..6) (name b 8..9) 2..12)
        call if arg 2 none
        chain none
    "#]],
    );
    check(
        "{{if(a, b, c)$0}}",
        expect![[r#"
        expr (call if 2..4 (name a 5..6) (name b 8..9) (name c 11..12) 2..13)
        call none
        chain none
    "#]],
    );
    check(
        "{{ if(a, $0",
        expect![[r#"
        expr (missing 9..9)
        call if arg 1 (missing 9..9)
        chain none
    "#]],
    );
}

#[test]
fn nested_calls_pick_the_innermost() {
    check(
        "{{join(split(parameters.x, $0), ',')}}",
        expect![[r#"
        expr (call split 7..12 (. (name parameters 13..23) x 24..25 13..25) 7..28)
        call split arg 1 none
        chain none
    "#]],
    );
    check(
        "{{join(split(parameters.x, ','), $0)}}",
        expect![[r#"
        expr (call join 2..6 (call split 7..12 (. (name parameters 13..23) x 24..25 13..25) (str "," 27..30) 7..31) 2..34)
        call join arg 1 none
        chain none
    "#]],
    );
    check(
        "{{f(a, g(b)$0)}}",
        expect![[r#"
        expr (call g 7..8 (name b 9..10) 7..11)
        call f arg 1 (call g 7..8 (name b 9..10) 7..11)
        chain none
    "#]],
    );
}

#[test]
fn member_inside_an_argument() {
    check(
        "{{formatDate(parameters.$0, 'YYYY')}}",
        expect![[r#"
        expr (. (name parameters 13..23) <hole> 13..24)
        call formatDate arg 0 (. (name parameters 13..23) <hole> 13..24)
        chain parameters [] partial <hole> replace 24..24
    "#]],
    );
}

#[test]
fn missing_operand() {
    check(
        "{{ a + $0}}",
        expect![[r#"
        expr (missing 7..7)
        call none
        chain none
    "#]],
    );
}

#[test]
fn outside_any_block() {
    check(
        "text $0{{a}}",
        expect![[r#"
        no block
    "#]],
    );
}
