//! Rules of requests and responses: unknown keys, enumerations, directives a
//! place does not allow, nested objects, webhook replies and spelling.

use expect_test::expect;
use iml_fixture::apps::{BASE, join};

use super::{check, check_clean};

#[test]
fn unknown_request_and_response_keys_suggest_a_rename() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/modules/list/list.communication.iml.json
        {
            "url": "/items",
            "heaers": { "accept": "application/json" },
            "respnse": { "output": "{{body}}" },
            "response": { "outptu": "{{body}}", "iterate": "{{body.items}}" }
        }
        "#,
        ]),
        expect![[r#"
            /app/modules/list/list.communication.iml.json
              R001 Error "\"heaers\"": `heaers` is not a request key in a module; did you mean `headers`?
                fix: Rename to `headers`
                | {
                |     "url": "/items",
                |     "headers": { "accept": "application/json" },
                |     "respnse": { "output": "{{body}}" },
                |     "response": { "outptu": "{{body}}", "iterate": "{{body.items}}" }
                | }
              R001 Error "\"respnse\"": `respnse` is not a request key in a module; did you mean `response`?
                fix: Rename to `response`
                | {
                |     "url": "/items",
                |     "heaers": { "accept": "application/json" },
                |     "response": { "output": "{{body}}" },
                |     "response": { "outptu": "{{body}}", "iterate": "{{body.items}}" }
                | }
              R001 Error "\"outptu\"": `outptu` is not a `response` key in a module; did you mean `output`?
                fix: Rename to `output`
                | {
                |     "url": "/items",
                |     "heaers": { "accept": "application/json" },
                |     "respnse": { "output": "{{body}}" },
                |     "response": { "output": "{{body}}", "iterate": "{{body.items}}" }
                | }
        "#]],
    );
    check_clean(&join(&[
        BASE,
        r#"
        //- /app/modules/list/list.communication.iml.json
        { "url": "/items", "headers": { "accept": "application/json" }, "response": { "output": "{{item}}", "iterate": "{{body.items}}" } }
        "#,
    ]));
}

#[test]
fn enumerations_accept_expressions_and_fix_case() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/rpcs/list/list.communication.iml.json
        [
            { "url": "/a", "method": "post", "type": "form", "body": {}, "response": { "type": "jsn", "temp": { "a": "{{body}}" } } },
            { "url": "/b", "method": "HEAD", "response": { "type": { "2xx": "json" } } },
            { "url": "/c", "method": "{{parameters.method}}", "type": "{{parameters.type}}", "body": {}, "response": { "type": { "*": "json", "400-499": "text" } } }
        ]
        "#,
        ]),
        expect![[r#"
            /app/rpcs/list/list.communication.iml.json
              R002 Warning "\"post\"": `post` is not a valid method: values are case-sensitive; write `POST`
                fix: Write `POST`
                | [
                |     { "url": "/a", "method": "POST", "type": "form", "body": {}, "response": { "type": "jsn", "temp": { "a": "{{body}}" } } },
                |     { "url": "/b", "method": "HEAD", "response": { "type": { "2xx": "json" } } },
                |     { "url": "/c", "method": "{{parameters.method}}", "type": "{{parameters.type}}", "body": {}, "response": { "type": { "*": "json", "400-499": "text" } } }
                | ]
              R003 Error "\"form\"": `form` is not a valid `type` (request type); use `json`, `urlencoded`, `multipart/form-data`, `text`, `string`, `raw`, `binary`
              R004 Error "\"jsn\"": `jsn` is not a valid `type` (response type); use `automatic`, `json`, `urlencoded`, `text`, `string`, `xml`, `binary`, `raw`; did you mean `json`?
                fix: Write `json`
                | [
                |     { "url": "/a", "method": "post", "type": "form", "body": {}, "response": { "type": "json", "temp": { "a": "{{body}}" } } },
                |     { "url": "/b", "method": "HEAD", "response": { "type": { "2xx": "json" } } },
                |     { "url": "/c", "method": "{{parameters.method}}", "type": "{{parameters.type}}", "body": {}, "response": { "type": { "*": "json", "400-499": "text" } } }
                | ]
              R002 Hint "\"HEAD\"": `HEAD` is a method that Make's schema does not list (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`); check that Make and the service accept it
              R004 Hint "\"type\"": `response.type` has no `*` entry, so other statuses use the default parser; add `"*": "json"` or similar
              R004 Error "\"2xx\"": `2xx` is not a status key of `response.type`; use `*`, a status such as `404`, or a range such as `400-499`
        "#]],
    );
}

#[test]
fn directives_not_available_in_connections_are_removed_cleanly() {
    check(
        r#"
        //- /app/connections/key/key.communication.iml.json
        {
            "url": "https://api.example.com/me",
            "headers": { "x-api-key": "{{parameters.apiKey}}" },
            "pagination": { "qs": { "page": "{{pagination.page}}" } },
            "response": {
                "output": "{{body}}", // not here
                "expires": "{{addDays(now, 1)}}"
            },
            "log": { "sanitize": ["request.headers.x-api-key"] }
        }
        "#,
        expect![[r#"
            /app/connections/key/key.communication.iml.json
              C003 Error "\"pagination\"": `pagination`: this directive is not available in connection communication; remove it
                fix: Remove `pagination`
                | {
                |     "url": "https://api.example.com/me",
                |     "headers": { "x-api-key": "{{parameters.apiKey}}" },
                |     "response": {
                |         "output": "{{body}}", // not here
                |         "expires": "{{addDays(now, 1)}}"
                |     },
                |     "log": { "sanitize": ["request.headers.x-api-key"] }
                | }
              C003 Error "\"output\"": `output`: this directive is not available in connection communication; remove it
                fix: Remove `output`
                | {
                |     "url": "https://api.example.com/me",
                |     "headers": { "x-api-key": "{{parameters.apiKey}}" },
                |     "pagination": { "qs": { "page": "{{pagination.page}}" } },
                |     "response": {
                |         // not here
                |         "expires": "{{addDays(now, 1)}}"
                |     },
                |     "log": { "sanitize": ["request.headers.x-api-key"] }
                | }
              C004 Hint "\"expires\"": `expires`: `response.expires` is only meaningful in OAuth 2 `token` and `refresh`; remove it
                fix: Remove `expires`
                | {
                |     "url": "https://api.example.com/me",
                |     "headers": { "x-api-key": "{{parameters.apiKey}}" },
                |     "pagination": { "qs": { "page": "{{pagination.page}}" } },
                |     "response": {
                |         "output": "{{body}}" // not here
                |     },
                |     "log": { "sanitize": ["request.headers.x-api-key"] }
                | }
        "#]],
    );
}

#[test]
fn nested_objects_have_closed_key_sets() {
    check(
        r#"
        //- /app/general/base.iml.json
        {
            "baseUrl": "https://api.example.com",
            "response": {
                "valid": { "when": "{{body.ok}}" },
                "error": { "type": "DataErr", "40": { "type": "DataError" } }
            },
            "log": { "sanitise": ["request.headers.authorization"] }
        }
        //- /app/modules/watch/watch.communication.iml.json
        {
            "url": "/items",
            "condition": { "if": "{{parameters.id}}" },
            "pagination": { "query": { "page": "{{pagination.page}}" }, "mergeWithParent": "{{true}}" },
            "repeat": { "condition": "{{body.status != 'done'}}", "delay": "{{1000}}" },
            "aws": { "key": "{{connection.key}}", "sign_version": "3" },
            "response": {
                "iterate": { "items": "{{body.data}}" },
                "trigger": { "type": "date", "order": "asc", "id": "{{item.id}}" },
                "output": "{{item}}"
            }
        }
        "#,
        expect![[r#"
            /app/general/base.iml.json
              R012 Error "\"when\"": `when` is not a key of `response.valid`; use `condition`, `message`, `type`
              R011 Warning "\"error\"": `response.error` needs `message`; add it
              R011 Warning "\"DataErr\"": `DataErr` is not a valid `type` (error type); use `UnknownError`, `RuntimeError`, `InconsistencyError`, `DataError`, `RateLimitError`, `OutOfSpaceError`, `ConnectionError`, `InvalidConfigurationError`, `InvalidAccessTokenError`, `UnexpectedError`, `MaxResultsExceededError`, `IncompleteDataError`, `DuplicateDataError`; did you mean `DataError`?
                fix: Write `DataError`
                | {
                |     "baseUrl": "https://api.example.com",
                |     "response": {
                |         "valid": { "when": "{{body.ok}}" },
                |         "error": { "type": "DataError", "40": { "type": "DataError" } }
                |     },
                |     "log": { "sanitise": ["request.headers.authorization"] }
                | }
              R011 Warning "\"40\"": `40` is not a key of `response.error`; use `message`, `type` or a three-digit HTTP status
              R019 Warning "\"sanitise\"": `sanitise` is not a key of `log`; use `sanitize`; did you mean `sanitize`?
                fix: Rename to `sanitize`
                | {
                |     "baseUrl": "https://api.example.com",
                |     "response": {
                |         "valid": { "when": "{{body.ok}}" },
                |         "error": { "type": "DataErr", "40": { "type": "DataError" } }
                |     },
                |     "log": { "sanitize": ["request.headers.authorization"] }
                | }
            /app/modules/watch/watch.communication.iml.json
              R010 Error "\"if\"": `if` is not a key of `condition`; use `condition`, `default`
              R016 Warning "\"query\"": `query` is not a key of `pagination`; use `mergeWithParent`, `url`, `method`, `headers`, `qs`, `body`, `condition`
              R016 Warning "\"mergeWithParent\"": `mergeWithParent` is an IML expression, but it is read as a literal boolean (mapping is not supported); write `true` or `false`
              R009 Warning "\"repeat\"": `repeat` has no `limit`, so it may loop until the module times out; add `"limit": 10` or similar
              R009 Warning "\"condition\"": `repeat.condition` sees `temp` only, not `body`; copy the value into `response.temp` and test `temp`
              R009 Warning "\"delay\"": `repeat.delay` must be a literal number; expressions are not evaluated here
              R017 Warning "\"3\"": `3` is not a valid `sign_version` (aws.sign_version); use `2`, `4`; did you mean `2`?
                fix: Write `2`
                | {
                |     "url": "/items",
                |     "condition": { "if": "{{parameters.id}}" },
                |     "pagination": { "query": { "page": "{{pagination.page}}" }, "mergeWithParent": "{{true}}" },
                |     "repeat": { "condition": "{{body.status != 'done'}}", "delay": "{{1000}}" },
                |     "aws": { "key": "{{connection.key}}", "sign_version": "2" },
                |     "response": {
                |         "iterate": { "items": "{{body.data}}" },
                |         "trigger": { "type": "date", "order": "asc", "id": "{{item.id}}" },
                |         "output": "{{item}}"
                |     }
                | }
              R013 Error "\"iterate\"": `iterate` needs `container`; add it
              R013 Error "\"items\"": `items` is not a key of `iterate`; use `container`, `condition`
              R014 Error "\"trigger\"": a trigger of type `date` needs `date`, the item's creation or update date; add it
              R014 Hint "\"order\"": with `asc` order Make may miss the newest items (it reads at most 3200); ask the API for `desc` order if it can
        "#]],
    );
}

#[test]
fn request_rules_that_read_several_directives() {
    check(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "generalCodeFiles": { "base": "base.iml.json" },
          "components": { "module": {
            "getItem": { "moduleType": "action", "codeFiles": { "communication": "get.iml.json" } },
            "static": { "moduleType": "search", "codeFiles": { "communication": "static.iml.json" } },
            "epochs": { "moduleType": "trigger", "codeFiles": { "communication": "epochs.iml.json", "epoch": "epoch.iml.json" } }
          }, "connection": {}, "webhook": {}, "rpc": {}, "function": {}, "endpoint": {} }, "origins": [] }
        //- /app/base.iml.json
        { "headers": { "accept": "application/json" } }
        //- /app/get.iml.json
        [
            {
                "url": "/items",
                "type": "json",
                "qs": { "filter": { "status": "open" } },
                "response": { "output": "{{body}}" }
            },
            {
                "url": "/items/{{parameters.id}}",
                "method": "GET",
                "body": { "q": 1 },
                "followRedirects": "false",
                "repeat": { "condition": "{{body.status != 'done'}}", "delay": "{{1000}}" },
                "response": { "output": ["{{body}}"] }
            },
            { "url": "/archive", "method": "POST" }
        ]
        //- /app/static.iml.json
        { "method": "POST", "qs": { "a": 1 }, "response": { "output": { "ok": true } } }
        //- /app/epochs.iml.json
        { "url": "https://api.example.com/items", "response": { "iterate": "{{body}}", "output": "{{item}}", "trigger": { "type": "date", "order": "asc", "id": "{{item.id}}" } } }
        //- /app/epoch.iml.json
        { "url": "https://api.example.com/items", "response": { "iterate": "{{body}}", "output": { "label": "{{item.name}}" } } }
        "#,
        expect![[r#"
            /app/get.iml.json
              R022 Warning "\"url\"": `url` is relative, but Base has no `baseUrl` to prepend; add `baseUrl` to Base or write the full URL
              R007 Hint "\"type\"": `type` only says how `body` is sent, and a GET request sends none; remove it
                fix: Remove `type`
                | [
                |     {
                |         "url": "/items",
                |         "qs": { "filter": { "status": "open" } },
                |         "response": { "output": "{{body}}" }
                |     },
                |     {
                |         "url": "/items/{{parameters.id}}",
                |         "method": "GET",
                |         "body": { "q": 1 },
                |         "followRedirects": "false",
                |         "repeat": { "condition": "{{body.status != 'done'}}", "delay": "{{1000}}" },
                |         "response": { "output": ["{{body}}"] }
                |     },
                |     { "url": "/archive", "method": "POST" }
                | ]
              R005 Error "\"filter\"": `qs.filter` holds an object, but `qs` is flat; give a string, number, boolean or array (an expression may build the value)
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
              R022 Warning "\"url\"": `url` is relative, but Base has no `baseUrl` to prepend; add `baseUrl` to Base or write the full URL
              R006 Warning "\"body\"": `body` is ignored on a GET request; send the values in `qs`, or set `method`
              R008 Error "\"followRedirects\"": `followRedirects` is a string, but it is read as a literal boolean (mapping is not supported); write `true` or `false`
                fix: Write the literal `false`
                | [
                |     {
                |         "url": "/items",
                |         "type": "json",
                |         "qs": { "filter": { "status": "open" } },
                |         "response": { "output": "{{body}}" }
                |     },
                |     {
                |         "url": "/items/{{parameters.id}}",
                |         "method": "GET",
                |         "body": { "q": 1 },
                |         "followRedirects": false,
                |         "repeat": { "condition": "{{body.status != 'done'}}", "delay": "{{1000}}" },
                |         "response": { "output": ["{{body}}"] }
                |     },
                |     { "url": "/archive", "method": "POST" }
                | ]
              R009 Warning "\"repeat\"": `repeat` has no `limit`, so it may loop until the module times out; add `"limit": 10` or similar
              R009 Warning "\"condition\"": `repeat.condition` sees `temp` only, not `body`; copy the value into `response.temp` and test `temp`
              R009 Warning "\"delay\"": `repeat.delay` must be a literal number; expressions are not evaluated here
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
              R027 Hint "\"output\"": an action module must output one object, and this `output` is an array; wrap it in an object or make the module a search
              R022 Warning "\"url\"": `url` is relative, but Base has no `baseUrl` to prepend; add `baseUrl` to Base or write the full URL
            /app/static.iml.json
              R020 Warning "\"method\"": `method` is ignored: without `url` nothing is sent; add `url` or remove `method`
                fix: Remove `method`
                | { "qs": { "a": 1 }, "response": { "output": { "ok": true } } }
              R020 Warning "\"qs\"": `qs` is ignored: without `url` nothing is sent; add `url` or remove `qs`
                fix: Remove `qs`
                | { "method": "POST", "response": { "output": { "ok": true } } }
            /app/epochs.iml.json
              R014 Error "\"trigger\"": a trigger of type `date` needs `date`, the item's creation or update date; add it
              R014 Hint "\"order\"": with `asc` order Make may miss the newest items (it reads at most 3200); ask the API for `desc` order if it can
            /app/epoch.iml.json
              R026 Warning "\"output\"": the epoch `output` lacks `date`; the epoch panel lists items by `label` and starts from `date`
        "#]],
    );
    check_clean(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "generalCodeFiles": { "base": "base.iml.json" },
          "components": { "module": {
            "getItem": { "moduleType": "action", "codeFiles": { "communication": "get.iml.json" } }
          }, "connection": {}, "webhook": {}, "rpc": {}, "function": {}, "endpoint": {} }, "origins": [] }
        //- /app/base.iml.json
        { "baseUrl": "https://api.example.com", "headers": { "accept": "application/json" } }
        //- /app/get.iml.json
        [
            { "url": "/items", "qs": { "filter[status]": "open" }, "response": { "temp": { "first": "{{body[1]}}" } } },
            { "url": "/items/{{temp.first.id}}", "method": "POST", "body": {}, "followRedirects": false,
              "repeat": { "condition": "{{temp.status != 'done'}}", "delay": 1000, "limit": 5 },
              "response": { "temp": { "status": "{{body.status}}" }, "output": { "items": "{{body.items}}" } } }
        ]
        "#,
    );
}

#[test]
fn webhook_replies_and_responders() {
    check(
        r#"
        //- /app/webhooks/hook/hook.communication.iml.json
        { "respond": { "type": "xml", "status": 20 }, "method": "POST", "output": "{{body}}" }
        "#,
        expect![[r#"
            /app/webhooks/hook/hook.communication.iml.json
              R025 Error "\"xml\"": `xml` is not a valid `type` (respond.type); use `json`, `urlencoded`, `text`
              R025 Error "20": status 20 is outside 100–999; use an HTTP status such as 200
              R020 Warning "\"method\"": `method`: webhook communication processes incoming payloads and sends no request, so this directive is ignored; remove it
                fix: Remove `method`
                | { "respond": { "type": "xml", "status": 20 }, "output": "{{body}}" }
        "#]],
    );
    check_clean(
        r#"
        //- /app/webhooks/hook/hook.communication.iml.json
        { "respond": { "type": "json", "status": 200, "body": { "ok": true } }, "verification": { "condition": "{{body.challenge}}", "respond": { "type": "text", "body": "{{body.challenge}}" } }, "output": "{{body}}" }
        "#,
    );
}

#[test]
fn the_docs_spelling_of_a_directive_is_a_warning() {
    check(
        &join(&[
            BASE,
            r#"
        //- /app/rpcs/get/get.communication.iml.json
        { "url": "/file", "followRedirect": true }
        "#,
        ]),
        expect![[r#"
            /app/rpcs/get/get.communication.iml.json
              R001 Warning "\"followRedirect\"": `followRedirect` is a spelling the docs use, but Make's schema and tools read `followRedirects`; rename it
                fix: Rename to `followRedirects`
                | { "url": "/file", "followRedirects": true }
        "#]],
    );
}

#[test]
fn template_leftovers_and_home_grown_descriptors_stay_quiet() {
    check_clean(
        r#"
        //- /app/general/base.iml.json
        { "name": "acme", "label": "Acme", "version": "1.0.0", "language": "en" }
        //- /app/rpcs/get/get.communication.iml.json
        { "url": "https://api.example.com/items", "method": "GET", "qs": {}, "body": {}, "headers": {} }
        "#,
    );
}

#[test]
fn signing_logging_triggers_and_long_urls() {
    let long = "x".repeat(520);
    let fixture = format!(
        r#"
        //- /app/general/base.iml.json
        {{ "baseUrl": "https://api.example.com", "log": {{ "sanitize": ["headers.authorization"] }} }}
        //- /app/modules/list/list.communication.iml.json
        {{ "url": "/{long}", "oauth": {{ "consumer_key": "{{{{common.key}}}}", "signature_method": "HMAC-SHA256" }}, "response": {{ "trigger": {{ "type": "id", "order": "desc", "id": "{{{{item.id}}}}" }} }} }}
        //- /app/makecomapp.json
        {{ "fileVersion": 1, "generalCodeFiles": {{ "base": "general/base.iml.json" }}, "components": {{ "module": {{ "list": {{ "moduleType": "search", "codeFiles": {{ "communication": "modules/list/list.communication.iml.json" }} }} }}, "connection": {{}}, "webhook": {{}}, "rpc": {{}}, "function": {{}}, "endpoint": {{}} }}, "origins": [] }}
        "#
    );
    let rendered = super::render(&fixture);
    let codes: Vec<&str> = rendered
        .lines()
        .filter_map(|l| l.trim().split(' ').next())
        .filter(|c| c.len() == 4 && c.starts_with(['C', 'R', 'P', 'X']))
        .collect();
    assert_eq!(codes, ["R019", "R021", "R018", "R015"], "{rendered}");
    check_clean(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://api.example.com", "log": { "sanitize": ["request.headers.authorization"] } }
        //- /app/modules/list/list.communication.iml.json
        { "url": "/items", "condition": { "condition": "{{parameters.id}}", "default": {} }, "oauth": { "consumer_key": "{{common.key}}", "signature_method": "HMAC-SHA1" } }
        "#,
    );
}

#[test]
fn a_method_that_is_no_http_method_is_a_warning_with_the_nearest_one() {
    // `GTE` cannot work; `OPTIONS` (in the docs, not in Make's schema) and
    // `TRACE` (an HTTP method Make does not list) may, so they are hints.
    check(
        &join(&[
            BASE,
            r#"
        //- /app/rpcs/list/list.communication.iml.json
        [
            { "url": "/a", "method": "GTE", "response": { "temp": { "a": "{{body}}" } } },
            { "url": "/b", "method": "OPTIONS", "response": { "temp": { "b": "{{body}}" } } },
            { "url": "/c", "method": "TRACE", "response": { "output": "{{body}}" } }
        ]
        "#,
        ]),
        expect![[r#"
            /app/rpcs/list/list.communication.iml.json
              R002 Warning "\"GTE\"": `GTE` is not a method: Make's schema lists `GET`, `POST`, `PUT`, `PATCH`, `DELETE`; did you mean `GET`?
                fix: Write `GET`
                | [
                |     { "url": "/a", "method": "GET", "response": { "temp": { "a": "{{body}}" } } },
                |     { "url": "/b", "method": "OPTIONS", "response": { "temp": { "b": "{{body}}" } } },
                |     { "url": "/c", "method": "TRACE", "response": { "output": "{{body}}" } }
                | ]
              R002 Hint "\"OPTIONS\"": `OPTIONS` is a method that Make's schema does not list (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`); check that Make and the service accept it
              R002 Hint "\"TRACE\"": `TRACE` is a method that Make's schema does not list (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`); check that Make and the service accept it
        "#]],
    );
}

#[test]
fn output_before_requests_that_may_all_be_skipped_counts() {
    // The docs' pattern: each later request is gated by a `condition` and
    // brings its own output, so the first one's output is the module's
    // whenever the others are skipped. Before an unconditional request
    // (or one whose condition is `true`) it never counts.
    check(
        &join(&[
            BASE,
            r#"
        //- /app/rpcs/list/list.communication.iml.json
        [
            { "url": "/a", "response": { "output": "{{body}}", "temp": { "more": "{{body.more}}" } } },
            { "condition": "{{temp.more}}", "url": "/b", "response": { "output": "{{body}}" } },
            { "condition": { "condition": "{{temp.more}}", "default": [] }, "url": "/c", "response": { "output": "{{body}}" } }
        ]
        //- /app/rpcs/other/other.communication.iml.json
        [
            { "url": "/a", "response": { "output": "{{body}}" } },
            { "condition": "{{body.more}}", "url": "/b", "response": { "output": "{{body}}" } },
            { "condition": true, "url": "/c", "response": { "output": "{{body}}" } }
        ]
        "#,
        ]),
        expect![[r#"
            /app/rpcs/other/other.communication.iml.json
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
        "#]],
    );
}

/// An instant trigger makes one request per webhook item (spec §6.4); an
/// array of one request is that request, and other module types may chain.
#[test]
fn an_instant_trigger_makes_a_single_request() {
    let fixture = r#"
        //- /app/modules/watch/metadata.json
        { "name": "watch", "type": "instant_trigger" }
        //- /app/modules/watch/api.imljson
        [{ "url": "/orders/{{payload.id}}" }, { "url": "/customers/{{payload.customer}}", "response": { "output": "{{body}}" } }]
        "#;
    check(
        fixture,
        expect![[r#"
        /app/modules/watch/api.imljson
          R032 Warning "[": an instant trigger makes a single request per webhook item (Make's docs allow no more); merge these requests into one
    "#]],
    );
    check_clean(&fixture.replace(r#"{ "url": "/orders/{{payload.id}}" }, "#, ""));
}
