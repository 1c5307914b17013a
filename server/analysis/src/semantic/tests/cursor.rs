//! What a cursor offset means: the target under it and its context, including
//! half-typed keys and unclosed objects.

use std::path::Path;

use expect_test::{Expect, expect};
use text_size::TextSize;

use super::{host_from, show_context};
use crate::semantic::{CursorTarget, position_at};

fn check(fixture: &str, expect: Expect) {
    let (host, fixture) = host_from(fixture);
    let analysis = host.snapshot();
    let (file, offset) = fixture.cursor().expect("fixture needs a $0 cursor");
    let offset = TextSize::try_from(offset).unwrap();
    let cursor = position_at(&analysis, Path::new(file), offset).expect("a JSON file");
    let target = match &cursor.target {
        CursorTarget::Iml(iml) => {
            let string = cursor.iml_string().unwrap();
            let block = cursor.block().unwrap();
            let text = string.decoded.as_str();
            let at = usize::from(iml.decoded_offset);
            let source = string.to_source(block.range);
            format!(
                "iml block {:?} (source {:?}) cursor {:?}|{:?}",
                &text[block.range],
                &fixture_text(&fixture, file)[source],
                &text[usize::from(block.range.start())..at],
                &text[at..usize::from(block.range.end())],
            )
        }
        other => format!("{other:?}"),
    };
    let out = format!(
        "path {}\n{}\n{}\n",
        cursor.path,
        target,
        show_context(&cursor.context)
    );
    expect.assert_eq(&out);
}

fn fixture_text<'a>(fixture: &'a iml_fixture::Fixture, file: &str) -> &'a str {
    &fixture.file(file).unwrap().text
}

#[test]
fn inside_block_of_a_value() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "url": "https://x", "response": { "data": { "accessToken": "{{body.acc$0ess_token}}" } } } }
        "#,
        expect![[r#"
            path token.response.data.accessToken
            iml block "{{body.access_token}}" (source "{{body.access_token}}") cursor "{{body.acc"|"ess_token}}"
            ConnectionOAuth2 Token Response directive=response.data.accessToken
        "#]],
    );
}

#[test]
fn inside_block_after_an_escape() {
    check(
        r#"
        //- /app/rpcs/add/add.communication.iml.json
        { "url": "/x", "body": { "q": "say \"hi\" {{ifempty(parameters.q$0, 'x')}}" } }
        "#,
        expect![[r#"
            path body.q
            iml block "{{ifempty(parameters.q, 'x')}}" (source "{{ifempty(parameters.q, 'x')}}") cursor "{{ifempty(parameters.q"|", 'x')}}"
            Rpc Request directive=body.q
        "#]],
    );
}

#[test]
fn escapes_inside_the_block() {
    check(
        r#"
        //- /app/rpcs/add/add.communication.iml.json
        { "url": "/x", "body": { "q": "{{ifempty(parameters.q, \"a\tb$0\")}}" } }
        "#,
        expect![[r#"
            path body.q
            iml block "{{ifempty(parameters.q, \"a\tb\")}}" (source "{{ifempty(parameters.q, \\\"a\\tb\\\")}}") cursor "{{ifempty(parameters.q, \"a\tb"|"\")}}"
            Rpc Request directive=body.q
        "#]],
    );
}

#[test]
fn in_string_outside_blocks() {
    check(
        r#"
        //- /app/modules/add/add.communication.iml.json
        { "url": "/x/$0{{parameters.id}}" }
        "#,
        expect![[r#"
            path url
            StringValue { range: 9..31, decoded_offset: 3 }
            no place
        "#]],
    );
}

#[test]
fn typing_a_new_key() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "url": "https://x", $0 } }
        "#,
        expect![[r#"
            path token
            Key { object: JsonPath([Key("token")]), key: None, range: None, word: 33..33, has_colon: false, existing: ["url"] }
            ConnectionOAuth2 Token Request directive= key
        "#]],
    );
}

#[test]
fn inside_an_existing_key() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "ur$0l": "https://x" } }
        "#,
        expect![[r#"
            path token.url
            Key { object: JsonPath([Key("token")]), key: Some("url"), range: Some(13..18), word: 14..17, has_colon: true, existing: ["url"] }
            ConnectionOAuth2 Token Request directive=url key
        "#]],
    );
}

#[test]
fn after_a_colon_before_the_value() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "method": $0 } }
        "#,
        expect![[r#"
            path token.method
            Value { range: None }
            ConnectionOAuth2 Token Request directive=method
        "#]],
    );
}

#[test]
fn key_gap_after_a_comment() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "url": "https://x", /* more */ $0 } }
        "#,
        expect![[r#"
            path token
            Key { object: JsonPath([Key("token")]), key: None, range: None, word: 44..44, has_colon: false, existing: ["url"] }
            ConnectionOAuth2 Token Request directive= key
        "#]],
    );
}

#[test]
fn inside_a_spread_key() {
    check(
        r#"
        //- /app/general/base.iml.json
        { "headers": { "{{.$0..}}": "{{headersOf(connection)}}" } }
        "#,
        expect![[r#"
            path headers.{{...}}
            iml block "{{...}}" (source "{{...}}") cursor "{{."|"..}}"
            Base Request directive=headers.{{...}} key
        "#]],
    );
}

#[test]
fn in_an_array_of_requests() {
    check(
        r#"
        //- /app/rpcs/users/users.communication.iml.json
        [{ "url": "/a" }, { "url": "/b", "response": { "output": "{{it$0em}}", "iterate": "{{body}}" } }]
        "#,
        expect![[r#"
            path [1].response.output
            iml block "{{item}}" (source "{{item}}") cursor "{{it"|"em}}"
            Rpc Response iterating request[1] directive=response.output
        "#]],
    );
}

#[test]
fn outside_the_root_value() {
    check(
        r#"
        //- /app/general/base.iml.json
        $0 { "baseUrl": "https://x" }
        "#,
        expect![[r#"
            path $
            None
            Base Request directive=
        "#]],
    );
}

#[test]
fn a_bare_word_where_a_key_goes() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "url": "https://x", re$0 } }
        "#,
        expect![[r#"
            path token
            Key { object: JsonPath([Key("token")]), key: None, range: None, word: 33..35, has_colon: false, existing: ["url"] }
            ConnectionOAuth2 Token Request directive= key
        "#]],
    );
}

#[test]
fn a_key_without_its_colon() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "url": "https://x", "me$0" } }
        "#,
        expect![[r#"
            path token.me
            Key { object: JsonPath([Key("token")]), key: Some("me"), range: Some(33..37), word: 34..36, has_colon: false, existing: ["url", "me"] }
            ConnectionOAuth2 Token Request directive=me key
        "#]],
    );
}

#[test]
fn an_unterminated_key_runs_to_the_end() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "token": { "response": { "data": {}, "$0 } } }
        "#,
        expect![[r#"
            path token.response. } } }
            Key { object: JsonPath([Key("token"), Key("response")]), key: Some(" } } }"), range: Some(39..46), word: 40..40, has_colon: false, existing: ["data", " } } }"] }
            ConnectionOAuth2 Token Response directive=response. } } } key
        "#]],
    );
}

#[test]
fn a_bare_word_where_a_value_goes() {
    check(
        r#"
        //- /app/rpcs/users/users.communication.iml.json
        { "url": "/x", "type": js$0 }
        "#,
        expect![[r#"
            path type
            Value { range: Some(23..25) }
            Rpc Request directive=type
        "#]],
    );
}

#[test]
fn a_new_element_of_an_array() {
    check(
        r#"
        //- /app/modules/add/add.mappable-params.iml.json
        [ { "name": "a", "type": "text" }, $0 ]
        "#,
        expect![[r#"
            path [1]
            Value { range: None }
            no place
        "#]],
    );
}

#[test]
fn right_after_a_value_on_its_line() {
    check(
        r#"
        //- /app/rpcs/users/users.communication.iml.json
        { "url": "/x"$0 }
        "#,
        expect![[r#"
            path $
            None
            Rpc Request directive=
        "#]],
    );
}

#[test]
fn a_new_line_after_a_member_is_a_key_gap() {
    check(
        "//- /app/rpcs/users/users.communication.iml.json\n{ \"url\": \"/x\"\n  $0\n}\n",
        expect![[r#"
            path $
            Key { object: JsonPath([]), key: None, range: None, word: 16..16, has_colon: false, existing: ["url"] }
            Rpc Request directive= key
        "#]],
    );
}

#[test]
fn inside_an_unclosed_object_at_the_end() {
    check(
        "//- /app/rpcs/users/users.communication.iml.json\n{ \"url\": \"/x\", \"response\": { \"output\": \"{{body}}\", ou$0",
        expect![[r#"
            path response
            Key { object: JsonPath([Key("response")]), key: None, range: None, word: 51..53, has_colon: false, existing: ["output"] }
            Rpc Response directive=response key
        "#]],
    );
}

#[test]
fn the_containers_around_the_cursor() {
    let (host, fixture) = host_from(
        r#"
        //- /app/rpcs/users/users.communication.iml.json
        [{ "url": "/a" }, { "response": { "output": { "id": "{{item.i$0d}}" } } }]
        "#,
    );
    let analysis = host.snapshot();
    let (file, offset) = fixture.cursor().unwrap();
    let cursor = position_at(
        &analysis,
        Path::new(file),
        TextSize::try_from(offset).unwrap(),
    )
    .unwrap();
    let text = &fixture_text(&fixture, file);
    let shown: Vec<&str> = cursor
        .containers()
        .iter()
        .map(|v| &text[v.range][..text[v.range].len().min(12)])
        .collect();
    expect![[r#"["[{ \"url\": \"/", "{ \"response\"", "{ \"output\": ", "{ \"id\": \"{{i"]"#]]
        .assert_eq(&format!("{shown:?}"));
    assert_eq!(cursor.member_key(), Some("id"));
    assert_eq!(
        cursor.literal().map(|s| &text[s.range]),
        Some("\"{{item.id}}\"")
    );
    assert_eq!(cursor.containers().len(), cursor.path.len());
}
