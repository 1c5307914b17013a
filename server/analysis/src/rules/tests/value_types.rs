//! R028, the JSON kind of directive values: wrong kinds, lone expressions,
//! nested directives, values another rule reports, and turning the rule off.

use std::path::{Path, PathBuf};

use expect_test::expect;
use iml_catalogue::{JsonKind, ValueShape};
use iml_fixture::apps::{BASE, join};

use super::{check, check_clean};
use crate::host::AnalysisHost;

#[test]
fn request_directives_of_the_wrong_kind() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/modules/list/list.communication.iml.json
        {
            "url": 123,
            "method": ["GET"],
            "headers": [1],
            "qs": "page=1",
            "ca": { "pem": "..." },
            "condition": 1,
            "temp": [],
            "response": 5
        }
        "#,
        ]),
        expect![[r#"
            /app/modules/list/list.communication.iml.json
              R028 Error "123": `url` must be a string (IML allowed), found a number; write it as a string: `"123"`
                fix: Write the value as a string
                | {
                |     "url": "123",
                |     "method": ["GET"],
                |     "headers": [1],
                |     "qs": "page=1",
                |     "ca": { "pem": "..." },
                |     "condition": 1,
                |     "temp": [],
                |     "response": 5
                | }
              R028 Error "[\"GET\"]": `method` must be a string (IML allowed), found an array; give a single value, not an array
              R028 Error "[1]": `headers` must be an object or a `{{ }}` expression, found an array; write an object of keys and values, not an array
              R028 Error "\"page=1\"": `qs` must be an object or a `{{ }}` expression, found plain text without `{{ }}`; write an object of keys and values, or compute it inside `{{ }}`
              R028 Error "{ \"pem\": \"...\" }": `ca` must be a string (IML allowed), found an object; replace it with a string (IML allowed)
              R028 Error "1": `condition` must be a string (IML allowed), a boolean or an object, found a number; write `true` or `false`, or compute the value inside `{{ }}`
              R028 Error "[]": `temp` must be an object or a `{{ }}` expression, found an array; write an object of keys and values, not an array
              R028 Error "5": `response` must be an object, found a number; replace it with an object
        "#]],
    );
}

#[test]
fn a_lone_expression_may_stand_for_an_object() {
    check_clean(&join(&[
        BASE,
        r#"
        //- /app/modules/list/list.communication.iml.json
        {
            "url": "/items/{{parameters.id}}",
            "method": "{{parameters.method}}",
            "headers": "{{parameters.headers}}",
            "qs": "{{omit(parameters, 'id')}}",
            "body": "<item>{{parameters.name}}</item>",
            "condition": true,
            "temp": "{{parameters}}",
            "ca": null,
            "response": {
                "limit": 10,
                "valid": "{{body.ok}}",
                "error": "{{body.message}}",
                "iterate": { "container": "{{body.items}}", "condition": true },
                "output": "{{item}}",
                "type": { "*": "json" }
            }
        }
        "#,
    ]));
}

#[test]
fn nested_request_directives_in_pagination_and_response() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/modules/list/list.communication.iml.json
        {
            "url": "/items",
            "pagination": { "url": 7, "qs": "page={{pagination.page}}x", "headers": "x", "condition": {} },
            "response": {
                "limit": [10],
                "iterate": 5,
                "temp": "body",
                "valid": { "condition": "{{body.ok}}", "message": 42 },
                "error": { "message": "{{body.error}}", "404": { "message": false } },
                "type": ["json"],
                "output": "{{item}}"
            }
        }
        "#,
        ]),
        expect![[r#"
            /app/modules/list/list.communication.iml.json
              R028 Error "7": `pagination.url` must be a string (IML allowed), found a number; write it as a string: `"7"`
                fix: Write the value as a string
                | {
                |     "url": "/items",
                |     "pagination": { "url": "7", "qs": "page={{pagination.page}}x", "headers": "x", "condition": {} },
                |     "response": {
                |         "limit": [10],
                |         "iterate": 5,
                |         "temp": "body",
                |         "valid": { "condition": "{{body.ok}}", "message": 42 },
                |         "error": { "message": "{{body.error}}", "404": { "message": false } },
                |         "type": ["json"],
                |         "output": "{{item}}"
                |     }
                | }
              R028 Error "\"x\"": `pagination.headers` must be an object or a `{{ }}` expression, found plain text without `{{ }}`; write an object of keys and values, or compute it inside `{{ }}`
              R028 Error "{}": `pagination.condition` must be a boolean or a `{{ }}` expression, found an object; replace it with one of these
              R028 Error "[10]": `response.limit` must be a number or a `{{ }}` expression, found an array; give a single value, not an array
              R028 Error "5": `response.iterate` must be a string (IML allowed) or an object, found a number; replace it with one of these
              R028 Error "\"body\"": `response.temp` must be an object or a `{{ }}` expression, found plain text without `{{ }}`; write an object of keys and values, or compute it inside `{{ }}`
              R028 Error "42": `response.valid.message` must be a string (IML allowed), found a number; write it as a string: `"42"`
                fix: Write the value as a string
                | {
                |     "url": "/items",
                |     "pagination": { "url": 7, "qs": "page={{pagination.page}}x", "headers": "x", "condition": {} },
                |     "response": {
                |         "limit": [10],
                |         "iterate": 5,
                |         "temp": "body",
                |         "valid": { "condition": "{{body.ok}}", "message": "42" },
                |         "error": { "message": "{{body.error}}", "404": { "message": false } },
                |         "type": ["json"],
                |         "output": "{{item}}"
                |     }
                | }
              R028 Error "false": `response.error.<status>.message` must be a string (IML allowed), found a boolean; write it as a string: `"false"`
                fix: Write the value as a string
                | {
                |     "url": "/items",
                |     "pagination": { "url": 7, "qs": "page={{pagination.page}}x", "headers": "x", "condition": {} },
                |     "response": {
                |         "limit": [10],
                |         "iterate": 5,
                |         "temp": "body",
                |         "valid": { "condition": "{{body.ok}}", "message": 42 },
                |         "error": { "message": "{{body.error}}", "404": { "message": "false" } },
                |         "type": ["json"],
                |         "output": "{{item}}"
                |     }
                | }
              R028 Error "[\"json\"]": `response.type` must be a string (IML allowed) or an object, found an array; write an object of keys and values, not an array
        "#]],
    );
}

#[test]
fn values_with_their_own_rule_are_reported_once() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/rpcs/list/list.communication.iml.json
        {
            "url": "/items",
            "method": 5,
            "encodeUrl": "false",
            "repeat": { "condition": "{{temp.more}}", "delay": "1000", "limit": 3 },
            "log": { "sanitize": "request.headers.authorization" },
            "response": { "type": true }
        }
        "#,
        ]),
        expect![[r#"
            /app/rpcs/list/list.communication.iml.json
              R002 Warning "5": `5` is not a method: Make's schema lists `GET`, `POST`, `PUT`, `PATCH`, `DELETE`
              R008 Error "\"encodeUrl\"": `encodeUrl` is a string, but it is read as a literal boolean (mapping is not supported); write `true` or `false`
                fix: Write the literal `false`
                | {
                |     "url": "/items",
                |     "method": 5,
                |     "encodeUrl": false,
                |     "repeat": { "condition": "{{temp.more}}", "delay": "1000", "limit": 3 },
                |     "log": { "sanitize": "request.headers.authorization" },
                |     "response": { "type": true }
                | }
              R009 Warning "\"delay\"": `repeat.delay` must be a literal number; expressions are not evaluated here
              R019 Warning "\"sanitize\"": `log.sanitize` must be an array of paths such as `"request.headers.authorization"`
              R004 Error "true": `true` is not a valid `type` (response type); use `automatic`, `json`, `urlencoded`, `text`, `string`, `xml`, `binary`, `raw`
        "#]],
    );
}

#[test]
fn wrong_kinds_where_another_rule_reads_the_value_are_not_r028() {
    // Each value has a kind R028 would reject, but a dedicated rule reads it:
    // R016 the pagination switch, R009 the repeat numbers, R019 the sanitize
    // paths, R002 the method literal. Base's `timeout` is a literal number no
    // other rule reads, so R028 reports it.
    check(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://api.example.com", "timeout": "30000" }
        //- /app/rpcs/list/list.communication.iml.json
        {
            "url": "/items",
            "method": "FETCH",
            "pagination": { "mergeWithParent": 1 },
            "repeat": { "condition": "{{temp.more}}", "delay": [1000], "limit": { "max": 3 } },
            "log": { "sanitize": {} }
        }
        "#,
        expect![[r#"
            /app/general/base.iml.json
              R028 Error "\"30000\"": `timeout` must be a literal number, found plain text without `{{ }}`; replace it with a literal number
            /app/rpcs/list/list.communication.iml.json
              R002 Warning "\"FETCH\"": `FETCH` is not a method: Make's schema lists `GET`, `POST`, `PUT`, `PATCH`, `DELETE`
              R016 Warning "\"mergeWithParent\"": `mergeWithParent` is a number, but it is read as a literal boolean (mapping is not supported); write `true` or `false`
              R009 Warning "\"delay\"": `repeat.delay` must be a literal number; expressions are not evaluated here
              R009 Warning "\"limit\"": `repeat.limit` must be a literal number; expressions are not evaluated here
              R019 Warning "\"sanitize\"": `log.sanitize` must be an array of paths such as `"request.headers.authorization"`
        "#]],
    );
}

/// The value check reads an enumerated literal only where no arm before it
/// takes the directive, and descends into objects without a kind check: the
/// catalogue facts its arms stand on.
#[test]
fn the_value_check_arms_cover_every_directive_once() {
    for directive in iml_catalogue::directives() {
        let shape = directive.shape;
        if directive.values.is_some() {
            assert!(
                !matches!(
                    shape,
                    ValueShape::StaticBool
                        | ValueShape::StaticNumber
                        | ValueShape::StringArray
                        | ValueShape::Response
                ),
                "{} is enumerated but its value is read by its shape",
                directive.name
            );
        }
        if shape.nested().is_some() || shape == ValueShape::Response {
            assert!(
                shape.json_kinds().contains(&JsonKind::Object),
                "{} holds an object it does not accept",
                directive.name
            );
        }
    }
}

#[test]
fn connection_sections_are_checked_too() {
    check(
        r#"
        //- /app/connections/oauth/oauth.oauth-communication.iml.json
        {
            "token": {
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "grant_type": "client_credentials" },
                "condition": true,
                "response": { "data": "token", "expires": 3600 },
                "log": { "sanitize": ["response.body.access_token"] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/oauth/oauth.oauth-communication.iml.json
              R028 Error "\"token\"": `response.data` must be an object or a `{{ }}` expression, found plain text without `{{ }}`; write an object of keys and values, or compute it inside `{{ }}`
              R028 Error "3600": `response.expires` must be a string (IML allowed), found a number; write it as a string: `"3600"`
                fix: Write the value as a string
                | {
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "grant_type": "client_credentials" },
                |         "condition": true,
                |         "response": { "data": "token", "expires": "3600" },
                |         "log": { "sanitize": ["response.body.access_token"] }
                |     }
                | }
        "#]],
    );
}

#[test]
fn the_rule_can_be_turned_off() {
    let path = "/app/rpcs/list/list.communication.iml.json";
    let mut host = AnalysisHost::new();
    host.set_file(PathBuf::from(path), r#"{ "url": 123 }"#.to_owned());
    let codes = |host: &AnalysisHost| -> Vec<&'static str> {
        host.snapshot()
            .diagnostics(Path::new(path))
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(codes(&host).contains(&"R028"));
    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nR028 = \"off\"\n".to_owned(),
    );
    assert!(!codes(&host).contains(&"R028"));
}
