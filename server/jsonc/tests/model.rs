//! The value model, above all on the broken text a person is in the middle
//! of typing: well-formed members survive, a key without a value is kept.

mod support;

use expect_test::{Expect, expect};
use iml_jsonc::{JsonDocument, TextSize, ValueKind};

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&support::check_model(text));
}

#[test]
fn well_formed_document() {
    check(
        r#"// connection
{"url": "/v1/{{parameters.id}}", "qs": {"n": -1.5e3, "on": true, "off": false, "none": null}, "list": [1, "two\n"]}"#,
        expect![[r#"
            object 14..129
              "url" 15..45: string "/v1/{{parameters.id}}" "\"/v1/{{parameters.id}}\""@22..45
              "qs" 47..106: object 53..106
                "n" 54..65: number -1.5e3 59..65
                "on" 67..77: bool true 73..77
                "off" 79..91: bool false 86..91
                "none" 93..105: null 101..105
              "list" 108..128: array 116..128
                number 1 117..118
                string "two\n" "\"two\\n\""@120..127
        "#]],
    );
}

#[test]
fn empty_and_comment_only_documents_have_no_root() {
    check(
        "",
        expect![[r#"
        (no value)
    "#]],
    );
    check(
        "// nothing\n/* here */",
        expect![[r#"
        (no value)
    "#]],
    );
}

#[test]
fn key_being_typed_at_end_of_file() {
    check(
        r#"{"url": "x", "resp"#,
        expect![[r#"
        object 0..18
          "url" 1..11: string "x" "\"x\""@8..11
          "resp" 13..18: (missing value)
    "#]],
    );
    check(
        r#"{"url": "x", "response": {"#,
        expect![[r#"
        object 0..26
          "url" 1..11: string "x" "\"x\""@8..11
          "response" 13..26: object 25..26
    "#]],
    );
}

#[test]
fn missing_values_keep_their_members() {
    check(
        r#"{"a": , "b": }"#,
        expect![[r#"
        object 0..14
          "a" 1..5: (missing value)
          "b" 8..12: (missing value)
    "#]],
    );
    check(
        r#"{"a" , "b": 2}"#,
        expect![[r#"
        object 0..14
          "a" 1..4: (missing value)
          "b" 7..13: number 2 12..13
    "#]],
    );
}

#[test]
fn members_after_errors_survive() {
    check(
        r#"{"a": 1 "b": 2, c: 3, "d": tru, "e": [1 2,], "f": 4}"#,
        expect![[r#"
            object 0..52
              "a" 1..7: number 1 6..7
              "b" 8..14: number 2 13..14
              "d" 22..30: error "tru"@27..30
              "e" 32..43: array 37..43
                number 1 38..39
                number 2 40..41
              "f" 45..51: number 4 50..51
        "#]],
    );
}

#[test]
fn duplicates_keep_source_order() {
    check(
        r#"{"a": 1, "b": 2, "a": 3}"#,
        expect![[r#"
        object 0..24
          "a" 1..7: number 1 6..7
          "b" 9..15: number 2 14..15
          "a" 17..23: number 3 22..23
    "#]],
    );
}

#[test]
fn unclosed_and_mismatched_containers() {
    check(
        r#"{"a": [1, {"b": 2}"#,
        expect![[r#"
        object 0..18
          "a" 1..18: array 6..18
            number 1 7..8
            object 10..18
              "b" 11..17: number 2 16..17
    "#]],
    );
    check(
        r#"{"a": [1, 2}, "b": 3}"#,
        expect![[r#"
        object 0..21
          "a" 1..12: array 6..12
            number 1 7..8
            number 2 10..11
          "b" 14..20: number 3 19..20
    "#]],
    );
}

#[test]
fn unterminated_string_in_the_middle() {
    check(
        "{\n  \"url\": \"/items,\n  \"method\": \"GET\"\n}",
        expect![[r#"
            object 0..39
              "url" 4..19: string "/items," "\"/items,"@11..19
              "method" 22..37: string "GET" "\"GET\""@32..37
        "#]],
    );
}

#[test]
fn only_the_first_top_level_value_is_the_root() {
    check(
        r#"{"a": 1} {"b": 2}"#,
        expect![[r#"
        object 0..8
          "a" 1..7: number 1 6..7
    "#]],
    );
}

#[test]
fn string_offsets_map_back_to_the_source() {
    let text = r#"{"url": "a\"{{b}}"}"#;
    let document = JsonDocument::parse(text.to_owned());
    let Some(ValueKind::Object(members)) = document.root().map(|v| &v.kind) else {
        panic!("expected an object");
    };
    let Some(ValueKind::String(url)) = members[0].value.as_ref().map(|v| &v.kind) else {
        panic!("expected a string");
    };
    assert_eq!(url.decoded.as_str(), "a\"{{b}}");
    // `{{` starts at decoded offset 2, which is source offset 12.
    let source = url.decoded.to_source(TextSize::from(2));
    assert_eq!(&text[usize::from(source)..usize::from(source) + 2], "{{");
}

#[test]
fn root_is_cached_until_the_next_edit() {
    let mut document = JsonDocument::parse(r#"{"a": 1}"#.to_owned());
    let first = document.root().unwrap() as *const _;
    assert_eq!(document.root().unwrap() as *const _, first);
    document.apply_edit(iml_jsonc::TextRange::new(6.into(), 7.into()), "2");
    let Some(ValueKind::Object(members)) = document.root().map(|v| &v.kind) else {
        panic!("expected an object");
    };
    assert_eq!(
        members[0].value.as_ref().map(|v| &v.kind),
        Some(&ValueKind::Number("2".to_owned()))
    );
}
