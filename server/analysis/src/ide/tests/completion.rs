//! Completion at a `$0` cursor: keys by object kind and place, enumerated
//! values, component names, and variables, members and functions inside `{{ }}`.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_MANIFEST, ACME_OAUTH2, join};

use iml_catalogue::Severity;

use super::{completions, labels, render};
use crate::ide::CompletionKind;

fn check(parts: &[&str], limit: usize, expect: Expect) {
    let (text, items) = completions(&join(parts));
    expect.assert_eq(&render(&text, &items, limit));
}

fn labels_of(parts: &[&str]) -> Vec<String> {
    let (_, items) = completions(&join(parts));
    labels(&items).into_iter().map(str::to_owned).collect()
}

const MODULE: &str = r#"
//- /app/modules/list-tasks/list-tasks.static-params.iml.json
[ { "name": "projectId", "type": "select", "label": "Project", "options": "rpc://listProjects" } ]
//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
[ { "name": "filter", "type": "collection", "spec": [ { "name": "status", "type": "text" } ] },
  { "name": "limit", "type": "uinteger" } ]
//- /app/modules/list-tasks/list-tasks.samples.iml.json
{ "id": 1, "title": "Write docs", "assignee": { "name": "Ada" } }
"#;

#[test]
fn oauth2_sections_at_top_level() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "authorize": {}, $0 }
        "#,
        ],
        20,
        expect![[r#"
            preauthorize [section] OAuth 2 section, step 1 of the flow => "preauthorize": {$0} (snippet) (replaces "")
            token [section] OAuth 2 section, step 3 of the flow => "token": {$0} (snippet) (replaces "")
            info [section] OAuth 2 section, step 4 of the flow => "info": {$0} (snippet) (replaces "")
            refresh [section] section outside the initial flow => "refresh": {$0} (snippet) (replaces "")
            invalidate [section] section outside the initial flow => "invalidate": {$0} (snippet) (replaces "")
        "#]],
    );
}

#[test]
fn oauth1_sections_in_an_oauth1_file() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "requestToken": {}, "$0" }
        "#,
        ],
        20,
        expect![[r#"
            oauth [section] OAuth 1 signing object => "oauth": {$0} (snippet) (replaces "\"\"")
            authorize [section] OAuth 1 section, step 2 of the flow => "authorize": {$0} (snippet) (replaces "\"\"")
            accessToken [section] OAuth 1 section, step 3 of the flow => "accessToken": {$0} (snippet) (replaces "\"\"")
            info [section] OAuth 1 section, step 4 of the flow => "info": {$0} (snippet) (replaces "\"\"")
        "#]],
    );
}

#[test]
fn request_directives_in_a_section_without_pagination_or_aws() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { "url": "https://x", re$0 } }
        "#,
        ],
        40,
        expect![[r#"
            encodeUrl [property] boolean (no IML) = true => "encodeUrl": ${1|true,false|} (snippet) (replaces "re")
            method [property] IML string = "GET" => "method": "$1" (snippet) (replaces "re")
            headers [property] object of IML values => "headers": {$0} (snippet) (replaces "re")
            qs [property] object of IML values => "qs": {$0} (snippet) (replaces "re")
            body [property] any IML value => "body": $0 (snippet) (replaces "re")
            type [property] IML string = "json" => "type": "$1" (snippet) (replaces "re")
            ca [property] IML string => "ca": "$1" (snippet) (replaces "re")
            condition [property] IML string, boolean or object = true => "condition": "{{$1}}" (snippet) (replaces "re")
            temp [property] IML object => "temp": {$0} (snippet) (replaces "re")
            followRedirects [property] boolean (no IML) = true => "followRedirects": ${1|true,false|} (snippet) (replaces "re")
            followAllRedirects [property] boolean (no IML) = true => "followAllRedirects": ${1|true,false|} (snippet) (replaces "re")
            gzip [property] boolean (no IML) = false => "gzip": ${1|true,false|} (snippet) (replaces "re")
            log [property] object => "log": {$0} (snippet) (replaces "re")
            repeat [property] object => "repeat": {$0} (snippet) (replaces "re")
            response [property] response object => "response": {$0} (snippet) (replaces "re")
        "#]],
    );
    let labels = labels_of(&[
        ACME_MANIFEST,
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { $0 } }
        "#,
    ]);
    assert!(labels.iter().any(|l| l == "url"), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l == "pagination" || l == "aws"),
        "{labels:?}"
    );
}

#[test]
fn response_keys_in_an_oauth2_section() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { "response": { "data": {}, "$0 } } }
        "#,
        ],
        20,
        expect![[r#"
            type [property] IML string or object by status = "automatic" => "type": "$1" (snippet) (replaces "\"")
            valid [property] IML string, boolean or object = true => "valid": "{{$1}}" (snippet) (replaces "\"")
            error [property] IML string or object => "error": "{{$1}}" (snippet) (replaces "\"")
            temp [property] IML object => "temp": {$0} (snippet) (replaces "\"")
            uid [property] IML string or number => "uid": "{{$1}}" (snippet) (replaces "\"")
            metadata [property] object => "metadata": {$0} (snippet) (replaces "\"")
            expires [property] IML string => "expires": "$1" (snippet) (replaces "\"")
        "#]],
    );
}

#[test]
fn response_keys_in_a_search_module_and_a_basic_connection() {
    let module = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { $0 } }
        "#,
    ]);
    expect!["type, valid, error, limit, iterate, temp, output, wrapper, data, uid, metadata, expires, oauth"].assert_eq(&module.join(", "));
    let basic = labels_of(&[r#"
        //- /app/connections/key/key.communication.iml.json
        { "url": "/me", "response": { $0 } }
        "#]);
    expect!["type, valid, error, temp, data, uid, metadata"].assert_eq(&basic.join(", "));
}

#[test]
fn keys_of_nested_objects() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "pagination": { "qs": {}, $0 } }
        "#,
        ],
        20,
        expect![[r#"
            mergeWithParent [property] boolean (no IML) = true => "mergeWithParent": ${1|true,false|} (snippet) (replaces "")
            url [property] IML string => "url": "$1" (snippet) (replaces "")
            method [property] IML string => "method": "$1" (snippet) (replaces "")
            headers [property] object of IML values => "headers": {$0} (snippet) (replaces "")
            body [property] any IML value => "body": $0 (snippet) (replaces "")
            condition [property] IML string or boolean => "condition": "{{$1}}" (snippet) (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/watch-tasks/watch-tasks.communication.iml.json
        { "url": "/tasks", "response": { "trigger": { "type": "id", "$0" } } }
        "#,
        ],
        20,
        expect![[r#"
            order [property] IML string => "order": "$1" (snippet) (replaces "\"\"")
            id [property] IML string => "id": "$1" (snippet) (replaces "\"\"")
            date [property] IML string => "date": "$1" (snippet) (replaces "\"\"")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "error": { "404": { $0 } } } }
        "#,
        ],
        20,
        expect![[r#"
            message [property] IML string => "message": "$1" (snippet) (replaces "")
            type [property] IML string => "type": "$1" (snippet) (replaces "")
        "#]],
    );
}

#[test]
fn a_key_with_its_colon_replaces_only_the_name() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "met$0hod": "GET" }
        "#,
        ],
        3,
        expect![[r#"
            encodeUrl [property] boolean (no IML) = true => encodeUrl (replaces "method")
            method [property] IML string = "GET" => method (replaces "method")
            headers [property] object of IML values => headers (replaces "method")
            … 19 more
        "#]],
    );
}

#[test]
fn a_comma_is_added_before_a_following_key() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        {
          $0
          "url": "/tasks"
        }
        "#,
        ],
        2,
        expect![[r#"
            encodeUrl [property] boolean (no IML) = true => "encodeUrl": ${1|true,false|}, (snippet) (replaces "")
            method [property] IML string = "GET" => "method": "$1", (snippet) (replaces "")
            … 20 more
        "#]],
    );
}

#[test]
fn enum_values() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "method": "P$0" }
        "#,
        ],
        10,
        expect![[r#"
            GET [enum] method => GET (replaces "P")
            POST [enum] method => POST (replaces "P")
            PUT [enum] method => PUT (replaces "P")
            PATCH [enum] method => PATCH (replaces "P")
            DELETE [enum] method => DELETE (replaces "P")
            OPTIONS [enum] method => OPTIONS (replaces "P")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "type": $0 }
        "#,
        ],
        10,
        expect![[r#"
            json [enum] request type => "json" (replaces "")
            urlencoded [enum] request type => "urlencoded" (replaces "")
            multipart/form-data [enum] request type => "multipart/form-data" (replaces "")
            text [enum] request type => "text" (replaces "")
            binary [enum] request type => "binary" (replaces "")
            string [enum] request type => "string" (replaces "")
            raw [enum] request type => "raw" (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "type": { "*": "json", "500": "$0" } } }
        "#,
        ],
        3,
        expect![[r#"
            automatic [enum] response type => automatic (replaces "")
            json [enum] response type => json (replaces "")
            urlencoded [enum] response type => urlencoded (replaces "")
            … 5 more
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "error": { "type": "$0" } } }
        "#,
        ],
        3,
        expect![[r#"
            RuntimeError [enum] error type => RuntimeError (replaces "")
            DataError [enum] error type => DataError (replaces "")
            RateLimitError [enum] error type => RateLimitError (replaces "")
            … 10 more
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/watch-tasks/watch-tasks.communication.iml.json
        { "url": "/tasks", "response": { "trigger": { "order": "$0" } } }
        "#,
        ],
        5,
        expect![[r#"
            asc [enum] trigger.order => asc (replaces "")
            desc [enum] trigger.order => desc (replaces "")
            unordered [enum] trigger.order => unordered (replaces "")
        "#]],
    );
}

#[test]
fn booleans_for_static_boolean_directives() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "encodeUrl": $0 }
        "#,
        ],
        5,
        expect![[r#"
            true [value] boolean => true (replaces "")
            false [value] boolean => false (replaces "")
        "#]],
    );
}

#[test]
fn iml_roots_after_open_braces_variables_first() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace("\"https://auth.example.com/authorize\"", "\"{{$0}}\"")
                .as_str(),
        ],
        14,
        expect![[r#"
            now [variable] variable => now (replaces "")
            timestamp [variable] variable => timestamp (replaces "")
            uuid [variable] variable => uuid (replaces "")
            environment [variable] variable => environment (replaces "")
            temp [variable] variable => temp (replaces "")
            parameters [variable] variable => parameters (replaces "")
            common [variable] variable => common (replaces "")
            data [variable] variable => data (replaces "")
            oauth [variable] variable => oauth (replaces "")
            formatDue [custom-function] custom IML function of this app => formatDue($1) (snippet) (replaces "")
            abs [function] abs(number): number => abs(${1:number}) (snippet) (replaces "")
            add [function] add(array, value…): array => add(${1:array}, ${2:value}) (snippet) (replaces "")
            addDays [function] addDays(date, n): date => addDays(${1:date}, ${2:n}) (snippet) (replaces "")
            addHours [function] addHours(date, n): date => addHours(${1:date}, ${2:n}) (snippet) (replaces "")
            … 85 more
        "#]],
    );
}

#[test]
fn iml_inside_an_argument_list() {
    let (text, items) = completions(&join(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "qs": { "since": "{{addDays(now, par$0)}}" } }
        "#,
    ]));
    let params = items
        .iter()
        .find(|i| i.label == "parameters")
        .expect("parameters offered");
    let replaced =
        &text[usize::from(params.replace_range.start())..usize::from(params.replace_range.end())];
    assert_eq!(replaced, "par");
    let add_days = items
        .iter()
        .find(|i| i.label == "addDays")
        .expect("functions offered");
    assert_eq!(add_days.insert_text, "addDays(${1:date}, ${2:n})");
    assert!(
        items.iter().any(|i| i.label == "formatDue"),
        "custom function offered"
    );
    assert!(!labels(&items).contains(&"oauth"), "no oauth in a module");
}

#[test]
fn oauth_members_in_a_connection_only() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace("\"https://auth.example.com/authorize\"", "\"{{oauth.$0}}\"")
                .as_str(),
        ],
        10,
        expect![[r#"
            scope [field] oauth member => scope (replaces "")
            localRedirectUri [field] oauth member => localRedirectUri (replaces "")
            makeRedirectUri [field] oauth member => makeRedirectUri (replaces "")
            redirectUri [field] oauth member => redirectUri (replaces "")
        "#]],
    );
    let module = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks?r={{oauth.$0}}" }
        "#,
    ]);
    assert!(module.is_empty(), "{module:?}");
}

#[test]
fn connection_parameters_with_collection_members() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/authorize\"",
                    "\"{{parameters.$0}}\"",
                )
                .as_str(),
        ],
        10,
        expect![[r#"
            clientId [field] text · Client ID => clientId (replaces "")
            clientSecret [field] password · Client secret => clientSecret (replaces "")
            region [field] collection · Region => region (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/authorize\"",
                    "\"{{parameters.region.$0}}\"",
                )
                .as_str(),
        ],
        10,
        expect![[r#"
            host [field] text · Host => host (replaces "")
            zone [field] text => zone (replaces "")
        "#]],
    );
}

#[test]
fn module_parameters_static_and_mappable() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "qs": { "p": "{{parameters.$0}}" } }
        "#,
        ],
        10,
        expect![[r#"
            filter [field] collection => filter (replaces "")
            limit [field] uinteger => limit (replaces "")
            projectId [field] select · Project => projectId (replaces "")
        "#]],
    );
}

#[test]
fn common_and_data_and_temp_in_a_connection() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"method\"",
                    "\"{{common.$0}}\",\n    \"method\"",
                )
                .as_str(),
        ],
        10,
        expect![[r#"
            clientId [field] from common data => clientId (replaces "")
            clientSecret [field] from common data => clientSecret (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"response\"",
                    "\"{{data.$0}}\",\n    \"response\"",
                )
                .as_str(),
        ],
        10,
        expect![[r#"
            accessToken [field] from token.response.data => accessToken (replaces "")
            refreshToken [field] from token.response.data => refreshToken (replaces "")
            account [field] from token.response.data => account (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"method\"",
                    "\"{{temp.$0}}\",\n    \"method\"",
                )
                .as_str(),
        ],
        10,
        expect![[r#"
            code [field] from authorize.response.temp => code (replaces "")
            verifier [field] from token.temp => verifier (replaces "")
        "#]],
    );
}

#[test]
fn connection_members_in_a_module() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "headers": { "authorization": "Bearer {{connection.$0}}" } }
        "#,
        ],
        10,
        expect![[r#"
            accessToken [field] from token.response.data => accessToken (replaces "")
            clientId [field] text · Client ID => clientId (replaces "")
            clientSecret [field] password · Client secret => clientSecret (replaces "")
            refreshToken [field] from token.response.data => refreshToken (replaces "")
            account [field] from token.response.data => account (replaces "")
            region [field] collection · Region => region (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "headers": { "x": "{{connection.account.$0}}" } }
        "#,
        ],
        10,
        expect![[r#"
            id [field] from token.response.data.account => id (replaces "")
        "#]],
    );
}

#[test]
fn item_only_inside_iterate_and_body_keys_from_samples() {
    let without = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "output": "{{$0}}" } }
        "#,
    ]);
    assert!(!without.iter().any(|l| l == "item"), "{without:?}");
    assert!(without.iter().any(|l| l == "body"), "{without:?}");
    let with = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "iterate": "{{body.items}}", "output": "{{$0}}" } }
        "#,
    ]);
    assert!(with.iter().any(|l| l == "item"), "{with:?}");
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "iterate": "{{body.items}}", "output": { "who": "{{item.assignee.$0}}" } } }
        "#,
        ],
        5,
        expect![[r#"
            name [field] from samples.assignee => name (replaces "")
        "#]],
    );
}

#[test]
fn temp_of_earlier_requests_in_an_array() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        [
          { "url": "/me", "response": { "temp": { "userId": "{{body.id}}" } } },
          { "temp": { "page": 1 }, "url": "/users/{{temp.$0}}/tasks" },
          { "temp": { "later": 2 }, "url": "/x" }
        ]
        "#,
        ],
        5,
        expect![[r#"
            userId [field] from [0].response.temp => userId (replaces "")
            page [field] from [1].temp => page (replaces "")
        "#]],
    );
}

#[test]
fn parameter_keys_by_type_and_type_values() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
        [ { "name": "note", "type": "text", $0 } ]
        "#,
        ],
        40,
        expect![[r#"
            label [param-key] parameter key => "label": "$1" (snippet) (replaces "")
            help [param-key] parameter key => "help": "$1" (snippet) (replaces "")
            required [param-key] parameter key = false => "required": ${1|true,false|} (snippet) (replaces "")
            default [param-key] parameter key => "default": $0 (snippet) (replaces "")
            advanced [param-key] parameter key = false => "advanced": ${1|true,false|} (snippet) (replaces "")
            mappable [param-key] parameter key = true => "mappable": ${1|true,false|} (snippet) (replaces "")
            rpc [param-key] parameter key => "rpc": {$0} (snippet) (replaces "")
            semantic [param-key] parameter key: semantic => "semantic": "$1" (snippet) (replaces "")
            multiline [param-key] parameter key = false => "multiline": ${1|true,false|} (snippet) (replaces "")
            tags [param-key] parameter key: text tags => "tags": "$1" (snippet) (replaces "")
            nested [param-key] parameter key => "nested": [$0] (snippet) (replaces "")
            validate [param-key] parameter key => "validate": {$0} (snippet) (replaces "")
            disabled [param-key] parameter key = false => "disabled": ${1|true,false|} (snippet) (replaces "")
            schema [param-key] parameter key => "schema": {$0} (snippet) (replaces "")
            coder [param-key] parameter key => "coder": "$1" (snippet) (replaces "")
            visible [param-key] parameter key => "visible": "$1" (snippet) (replaces "")
            convert [param-key] parameter key => "convert": {$0} (snippet) (replaces "")
            metadata [param-key] parameter key => "metadata": {$0} (snippet) (replaces "")
            pattern [param-key] parameter key => "pattern": "$1" (snippet) (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
        [ { "name": "note", "type": "se$0" } ]
        "#,
        ],
        3,
        expect![[r#"
            array [enum] parameter type => array (replaces "se")
            banner [enum] parameter type => banner (replaces "se")
            boolean [enum] parameter type => boolean (replaces "se")
            … 28 more
        "#]],
    );
}

#[test]
fn rpc_names_in_rpc_strings() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/list-tasks/list-tasks.static-params.iml.json
        [ { "name": "projectId", "type": "select", "options": "rpc://$0" } ]
        "#,
        ],
        5,
        expect![[r#"
            listProjects [component] RPC of this app => listProjects (replaces "")
            listUsers [component] RPC of this app => listUsers (replaces "")
        "#]],
    );
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/list-tasks/list-tasks.static-params.iml.json
        [ { "name": "projectId", "type": "select", "options": "rp$0" } ]
        "#,
        ],
        5,
        expect![[r#"
            listProjects [component] RPC of this app => rpc://listProjects (replaces "rp")
            listUsers [component] RPC of this app => rpc://listUsers (replaces "rp")
        "#]],
    );
}

const BETWEEN_PARAMETERS: &str = r#"
//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
[ { "name": "a", "type": "text" }, $0 ]
"#;

#[test]
fn rpc_references_between_parameters() {
    let (text, items) = completions(&join(&[ACME_MANIFEST, BETWEEN_PARAMETERS]));
    let references: Vec<_> = items
        .into_iter()
        .filter(|item| item.kind == CompletionKind::Component)
        .collect();
    expect![[r#"
        listProjects [component] RPC returning parameters => "rpc://listProjects" (replaces "")
        listUsers [component] RPC returning parameters => "rpc://listUsers" (replaces "")
    "#]]
    .assert_eq(&render(&text, &references, 5));
}

#[test]
fn parameter_skeletons_between_parameters_come_first() {
    check(
        &[ACME_MANIFEST, BETWEEN_PARAMETERS],
        4,
        expect![[r#"
            array parameter [snippet] new parameter => { "name": "${1:name}", "type": "array", "label": "${2:Label}"$0 } (snippet) (replaces "")
            banner parameter [snippet] new parameter => { "type": "banner", "text": "${1:Text}"$0 } (snippet) (replaces "")
            boolean parameter [snippet] new parameter => { "name": "${1:name}", "type": "boolean", "label": "${2:Label}"$0 } (snippet) (replaces "")
            buffer parameter [snippet] new parameter => { "name": "${1:name}", "type": "buffer", "label": "${2:Label}"$0 } (snippet) (replaces "")
            … 27 more
        "#]],
    );
}

/// A skeleton is only worth offering if what it writes is a sound
/// parameter: each one, accepted as is, must raise no error or warning
/// (hints such as P011's, on a `password` outside a connection, are advice
/// about where the type belongs).
#[test]
fn every_parameter_skeleton_is_a_clean_parameter() {
    let (_, items) = completions(&join(&[ACME_MANIFEST, BETWEEN_PARAMETERS]));
    let skeletons: Vec<_> = items
        .iter()
        .filter(|item| item.kind == CompletionKind::Snippet)
        .collect();
    assert!(skeletons.len() > 20, "{} skeletons", skeletons.len());
    for item in skeletons {
        let parameter = crate::ide::snippet_to_plain(&item.insert_text);
        let file = format!(
            "//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json\n[ {parameter} ]"
        );
        let (analysis, path, _) = super::load(&format!("{}\n$0", join(&[ACME_MANIFEST, &file])));
        let diagnostics: Vec<_> = analysis
            .diagnostics(&path)
            .into_iter()
            .filter(|d| d.severity != Severity::Hint)
            .collect();
        assert!(
            diagnostics.is_empty(),
            "{}: {parameter}\n{diagnostics:#?}",
            item.label
        );
    }
}

#[test]
fn cursor_after_an_escaped_quote() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "qs": { "q": "{{\"a\" + par$0}}" } }
        "#,
        ],
        1,
        expect![[r#"
            now [variable] variable => now (replaces "par")
            … 101 more
        "#]],
    );
    let inside_literal = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "qs": { "q": "{{\"a$0\"}}" } }
        "#,
    ]);
    assert!(inside_literal.is_empty(), "{inside_literal:?}");
}

#[test]
fn half_typed_values_and_keys() {
    check(
        &[
            ACME_MANIFEST,
            MODULE,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "type": js$0 }
        "#,
        ],
        1,
        expect![[r#"
            json [enum] request type => "json" (replaces "js")
            … 6 more
        "#]],
    );
    let after_a_value = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks"$0 }
        "#,
    ]);
    assert!(after_a_value.is_empty(), "{after_a_value:?}");
    let unclosed = labels_of(&[
        ACME_MANIFEST,
        MODULE,
        "//- /app/modules/list-tasks/list-tasks.communication.iml.json\n{ \"url\": \"/tasks\", \"response\": { \"output\": \"{{body}}\", ite$0",
    ]);
    assert!(unclosed.iter().any(|l| l == "iterate"), "{unclosed:?}");
}

#[test]
fn a_module_of_unknown_type_is_written_like_an_action() {
    let labels = labels_of(&[r#"
        //- /app/modules/draft/draft.communication.iml.json
        { "url": "/x", "qs": { "a": "{{$0}}" }, "response": {} }
        "#]);
    assert!(labels.iter().any(|l| l == "parameters"), "{labels:?}");
    let keys = labels_of(&[r#"
        //- /app/modules/draft/draft.communication.iml.json
        { "url": "/x", $0 }
        "#]);
    assert!(keys.iter().any(|l| l == "method"), "{keys:?}");
}

#[test]
fn nothing_is_offered_inside_a_comment() {
    for text in [
        "{ \"authorize\": {}, // $0\n }",
        "{ \"authorize\": {}, // a note $0 here\n }",
        "{ \"authorize\": {}, /* $0 */ }",
        "{ \"authorize\": { /* \"url\": $0 */ } }",
        "{ \"authorize\": { \"url\": \"x\" } } // {{$0",
        "{\n  \"authorize\": {},\n  // to$0\n  \"info\": {}\n}",
        "// $0\n{ \"authorize\": {} }",
    ] {
        let fixture =
            format!("\n//- /app/connections/acme/acme.oauth-communication.iml.json\n{text}\n");
        assert_eq!(
            labels_of(&[ACME_MANIFEST, &fixture]),
            Vec::<String>::new(),
            "{text}"
        );
    }
    // Just after a comment, keys are offered again.
    let after = "\n//- /app/connections/acme/acme.oauth-communication.iml.json\n{ \"authorize\": {}, /* note */ $0 }\n";
    assert!(labels_of(&[ACME_MANIFEST, after]).contains(&"token".to_owned()));
}

/// Detach reads what attach saved in `response.data` as `webhook.*`
/// (spec §6.2), and so does an instant trigger's interface.
#[test]
fn webhook_members_come_from_what_attach_saved() {
    const ATTACH: &str = r#"
        //- /app/webhooks/hook/hook.attach.iml.json
        { "url": "/hooks", "method": "POST", "body": { "target": "{{webhook.url}}" },
          "response": { "data": { "externalHookId": "{{body.id}}", "secret": "{{body.secret}}" } } }
        "#;
    check(
        &[
            ATTACH,
            r#"
        //- /app/webhooks/hook/hook.detach.iml.json
        { "url": "/hooks/{{webhook.$0}}", "method": "DELETE" }
        "#,
        ],
        10,
        expect![[r#"
            externalHookId [field] from attach.response.data => externalHookId (replaces "")
            secret [field] from attach.response.data => secret (replaces "")
            id [field] webhook member => id (replaces "")
            url [field] webhook member => url (replaces "")
        "#]],
    );
}
