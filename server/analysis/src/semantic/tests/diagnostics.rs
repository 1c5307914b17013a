//! The IML diagnostics of whole fixtures: syntax, variables, functions,
//! parameters, spread keys, connection data and `temp` flow.

use expect_test::{Expect, expect};

use super::{host_from, show_diagnostics};
use crate::semantic::iml_diagnostics;

/// IML diagnostics of every file of the fixture.
fn check(fixture: &str, expect: Expect) {
    let (host, fixture) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for file in analysis.files() {
        let text = analysis.file_text(file).unwrap();
        out.push_str(&show_diagnostics(
            text,
            file,
            &iml_diagnostics(&analysis, file),
        ));
    }
    let _ = fixture;
    expect.assert_eq(&out);
}

const MODULE_MANIFEST: &str = r#"
//- /app/makecomapp.json
{ "fileVersion": 1, "generalCodeFiles": { "base": "general/base.iml.json" }, "components": {
  "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
     "communication": "connections/acme/acme.communication.iml.json",
     "params": "connections/acme/acme.params.iml.json" } } },
  "module": {
    "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
      "communication": "modules/listTasks/listTasks.communication.iml.json",
      "staticParams": "modules/listTasks/listTasks.static-params.iml.json",
      "mappableParams": "modules/listTasks/listTasks.mappable-params.iml.json" } },
    "addTask": { "moduleType": "action", "connection": "acme", "codeFiles": {
      "communication": "modules/addTask/addTask.communication.iml.json",
      "mappableParams": "modules/addTask/addTask.mappable-params.iml.json" } } },
  "function": { "slugify": { "codeFiles": { "code": "functions/slugify/slugify.code.js" } } } } }
//- /app/functions/slugify/slugify.code.js
function slugify(s) { return s; }
//- /app/connections/acme/acme.params.iml.json
[{ "name": "domain", "type": "text" }]
//- /app/connections/acme/acme.communication.iml.json
{
  "authorize": { "url": "https://a.example/auth", "response": { "temp": { "code": "{{query.code}}" } } },
  "token": { "url": "https://a.example/token", "body": { "code": "{{temp.code}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}", "expires": "{{addSeconds(now, body.expires_in)}}" } } },
  "refresh": { "condition": "{{data.expires < addMinutes(now, 5)}}", "url": "https://a.example/token" },
  "info": { "url": "https://{{parameters.domain}}/me", "headers": { "authorization": "Bearer {{connection.accessToken}}" } }
}
//- /app/modules/listTasks/listTasks.static-params.iml.json
[{ "name": "project", "type": "text" }]
//- /app/modules/listTasks/listTasks.mappable-params.iml.json
[{ "name": "query", "type": "text", "nested": [{ "name": "exact", "type": "boolean" }] },
 { "name": "filter", "type": "collection", "spec": [{ "name": "status", "type": "text" }] }]
//- /app/modules/addTask/addTask.mappable-params.iml.json
[{ "name": "title", "type": "text" }]
"#;

#[test]
fn clean_app_is_quiet() {
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/general/base.iml.json
{ "baseUrl": "https://{{connection.domain}}/api", "headers": { "authorization": "Bearer {{connection.accessToken}}" },
  "response": { "error": { "message": "[{{statusCode}}] {{body.message}}" } } }
//- /app/modules/listTasks/listTasks.communication.iml.json
{ "url": "/projects/{{parameters.project}}/tasks",
  "qs": { "q": "{{slugify(parameters.query)}}", "exact": "{{parameters.exact}}", "status": "{{parameters.filter.status}}", "{{...}}": "{{omit(parameters, 'project')}}" },
  "response": { "iterate": "{{body.items}}", "output": { "id": "{{item.id}}", "due": "{{formatDate(item.due, 'YYYY-MM-DD')}}" } },
  "pagination": { "qs": { "page": "{{pagination.page + 1}}" } } }
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks", "method": "POST", "body": { "title": "{{parameters.title}}", "owner": "{{connection.domain}}" },
  "response": { "output": "{{body}}" } }
"#
        ),
        expect![[r#""#]],
    );
}

#[test]
fn syntax_errors_map_to_source_ranges() {
    check(
        r#"
        //- /app/modules/add/add.communication.iml.json
        { "url": "/x", "qs": { "a": "say \"hi\" {{ifempty(parameters.a; 1)}}", "b": "{{body.items[0]}}", "c": "{{parameters.a", "d": "{{headers.X-Rate}}" } }
        "#,
        expect![[r#"
            /app/modules/add/add.communication.iml.json I005 warning ";": use ',' to separate arguments: custom-app IML separates arguments with commas
            /app/modules/add/add.communication.iml.json I006 hint "0": IML arrays start at 1 (`[-1]` is the last item): did you mean [1]?
            /app/modules/add/add.communication.iml.json I001 error "{{": unclosed `{{`: add `}}` after the expression
            /app/modules/add/add.communication.iml.json I007 warning "X-Rate": `X-Rate` is read as a subtraction: a property name containing `-` needs backticks: headers.`X-Rate`
        "#]],
    );
}

#[test]
fn unavailable_and_unknown_variables() {
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks/{{body.id}}", "qs": { "s": "{{join(oauth.scope, ',')}}", "t": "{{paramters.title}}" },
  "response": { "output": { "id": "{{item.id}}", "q": "{{query.x}}" } } }
"#
        ),
        expect![[r#"
            /app/modules/addTask/addTask.communication.iml.json I002 warning "body": `body` is not available here: only set inside `response` and `pagination`, after the request has run; move the expression to where `body` is set, or read the value another way
            /app/modules/addTask/addTask.communication.iml.json C012 error "oauth": `oauth` is not available here: `oauth.*` exists only inside OAuth connections; pass the value in through a connection parameter or common data instead
            /app/modules/addTask/addTask.communication.iml.json I002 warning "paramters": unknown variable `paramters`; did you mean `parameters`?
                fix: Change to `parameters`
            /app/modules/addTask/addTask.communication.iml.json I002 warning "item": `item` is not available here: `item` is only set while `iterate` runs (in `response` or `pagination`); move the expression to where `item` is set, or read the value another way
            /app/modules/addTask/addTask.communication.iml.json I002 warning "query": `query` is not available here: `query` exists only in OAuth `authorize.response` and in webhook communication; move the expression to where `query` is set, or read the value another way
        "#]],
    );
}

#[test]
fn query_outside_authorize_response_is_c011() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        { "authorize": { "url": "https://a/auth", "response": { "temp": { "code": "{{query.code}}" } } },
          "token": { "url": "https://a/token", "body": { "code": "{{query.code}}" } } }
        "#,
        expect![[r#"
            /app/connections/acme/acme.communication.iml.json C011 warning "query": `query` is not available here: `query` holds the OAuth callback and exists only in `authorize.response`; copy what you need into `temp` in `authorize.response` and read `temp.<key>` here
        "#]],
    );
}

#[test]
fn unknown_functions_and_arity() {
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks", "body": { "a": "{{formatdate(now, 'YYYY')}}", "b": "{{if(parameters.title, 1)}}", "c": "{{slugify(parameters.title)}}", "d": "{{frobnicate(1)}}" } }
"#
        ),
        expect![[r#"
            /app/modules/addTask/addTask.communication.iml.json I003 warning "formatdate": unknown function `formatdate`; did you mean `formatDate`?
                fix: Change to `formatDate`
            /app/modules/addTask/addTask.communication.iml.json I004 warning "if(parameters.title, 1)": `if` takes 3 arguments, but 2 are given: `if(condition, then, else): any`
            /app/modules/addTask/addTask.communication.iml.json I003 warning "frobnicate": unknown function `frobnicate`: neither built in nor a custom function of this app; check the spelling or add the custom function
        "#]],
    );
}

#[test]
fn an_export_with_no_function_folder_declares_no_custom_functions() {
    check(
        r#"
        //- /exp/metadata.json
        { "name": "acme", "version": 1 }
        //- /exp/base.imljson
        { "baseUrl": "https://api.example.com" }
        //- /exp/modules/getTask/metadata.json
        { "name": "getTask", "type": "action" }
        //- /exp/modules/getTask/api.imljson
        { "url": "/tasks/{{slugify(parameters.id)}}" }
        "#,
        expect![[r#"
            /exp/modules/getTask/api.imljson I003 warning "slugify": unknown function `slugify`: not built in, and no custom function of this app was found; check the spelling or add the custom function
        "#]],
    );
}

#[test]
fn an_export_with_function_code_knows_its_functions() {
    check(
        r#"
        //- /exp/metadata.json
        { "name": "acme", "version": 1 }
        //- /exp/base.imljson
        { "baseUrl": "https://api.example.com" }
        //- /exp/functions/slugify/code.js
        function slugify(text) { return text; }
        //- /exp/modules/getTask/metadata.json
        { "name": "getTask", "type": "action" }
        //- /exp/modules/getTask/api.imljson
        { "url": "/tasks/{{slugify(parameters.id)}}/{{frobnicate(1)}}" }
        "#,
        expect![[r#"
            /exp/modules/getTask/api.imljson I003 warning "frobnicate": unknown function `frobnicate`: neither built in nor a custom function of this app; check the spelling or add the custom function
        "#]],
    );
}

#[test]
fn functions_the_checker_cannot_see_keep_unknown_names_silent() {
    // No Base: the app's folder was not read, so its functions are unknown.
    check(
        r#"
        //- /exp/modules/getTask/metadata.json
        { "name": "getTask", "type": "action" }
        //- /exp/modules/getTask/api.imljson
        { "url": "/tasks/{{slugify(parameters.id)}}/{{formatdate(now, 'YYYY')}}" }
        "#,
        expect![[r#"
            /exp/modules/getTask/api.imljson I003 warning "formatdate": unknown function `formatdate`; did you mean `formatDate`?
                fix: Change to `formatDate`
        "#]],
    );
    // A function folder whose code was not loaded (another file of it was).
    check(
        r#"
        //- /exp/base.imljson
        { "baseUrl": "https://api.example.com" }
        //- /exp/functions/slugify/README.md
        notes
        //- /exp/modules/getTask/api.imljson
        { "url": "/tasks/{{slugify(parameters.id)}}" }
        "#,
        expect![[r#""#]],
    );
}

#[test]
fn undeclared_parameters() {
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks", "body": { "a": "{{parameters.titel}}", "b": "{{parameters.project}}", "c": "{{parameters.__IMTCONN__}}" } }
"#
        ),
        expect![[r#"
            /app/modules/addTask/addTask.communication.iml.json I009 warning "parameters.titel": parameter `titel` is not declared; did you mean `title`?
            /app/modules/addTask/addTask.communication.iml.json I009 warning "parameters.project": parameter `project` is not declared in this component's parameter files; declare it or fix the name
        "#]],
    );
}

#[test]
fn dynamic_parameters_silence_i009() {
    check(
        r#"
        //- /app/modules/add/add.mappable-params.iml.json
        [{ "name": "a", "type": "text" }, "rpc://moreFields"]
        //- /app/modules/add/add.communication.iml.json
        { "url": "/x", "body": { "b": "{{parameters.anything}}" } }
        "#,
        expect![[r#""#]],
    );
}

#[test]
fn spread_key_value_must_be_one_expression() {
    check(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://x", "headers": { "{{...}}": "id-{{connection.x}}" }, "qs": { "{{...}}": { "a": 1 } }, "body": { "{{...}}": "{{connection.y}}" } }
        "#,
        expect![[r#"
            /app/general/base.iml.json I010 warning "\"id-{{connection.x}}\"": the value of a `{{...}}` spread key must be a single `{{ }}` expression that yields an object, e.g. "{{omit(parameters, 'id')}}"
            /app/general/base.iml.json I010 warning "{ \"a\": 1 }": the value of a `{{...}}` spread key must be a single `{{ }}` expression that yields an object, e.g. "{{omit(parameters, 'id')}}"
        "#]],
    );
}

#[test]
fn connection_keys_not_provided() {
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks", "headers": { "authorization": "Bearer {{connection.token}}", "x": "{{connection.accessToken}}", "d": "{{connection.domain}}" } }
"#
        ),
        expect![[r#"
            /app/modules/addTask/addTask.communication.iml.json X003 warning "connection.token": connection `acme` neither declares a parameter `token` nor saves `token` with `response.data`; add it there or fix the name
        "#]],
    );
}

#[test]
fn connection_data_never_written() {
    check(
        r#"
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "clientId", "type": "text" }]
        //- /app/connections/acme/acme.communication.iml.json
        {
          "token": { "url": "https://a/token", "condition": true, "response": { "data": { "accessToken": "{{body.access_token}}" } } },
          "refresh": { "url": "https://a/token", "body": { "rt": "{{data.refreshToken}}", "id": "{{data.clientId}}", "at": "{{data.accessToken}}" } },
          "info": { "url": "https://a/me", "headers": { "x": "{{data.scopeList}}" } }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.communication.iml.json C009 warning "data.refreshToken": `data.refreshToken` is never written: no section saves `refreshToken` with `response.data`; save it in `token.response.data` or fix the name
            /app/connections/acme/acme.communication.iml.json C009 warning "data.scopeList": `data.scopeList` is never written: no section saves `scopeList` with `response.data`; save it in `token.response.data` or fix the name
        "#]],
    );
}

#[test]
fn temp_read_before_written() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        {
          "preauthorize": { "url": "https://a/pre", "body": { "v": "{{temp.verifier}}" } },
          "authorize": { "url": "https://a/auth", "temp": { "verifier": "{{uuid}}" }, "qs": { "c": "{{temp.verifier}}", "x": "{{temp.code}}" },
            "response": { "temp": { "code": "{{query.code}}" } } },
          "token": { "url": "https://a/token", "body": { "code": "{{temp.code}}", "v": "{{temp.verifier}}", "n": "{{temp.nothing}}" } },
          "refresh": { "url": "https://a/token", "body": { "code": "{{temp.code}}" } }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.communication.iml.json C010 warning "temp.verifier": `temp.verifier` is read before it is written: it is only set later in the flow (preauthorize → authorize → token → info, request `temp` before `response.temp`); write it in an earlier step
            /app/connections/acme/acme.communication.iml.json C010 warning "temp.code": `temp.code` is read before it is written: it is only set later in the flow (preauthorize → authorize → token → info, request `temp` before `response.temp`); write it in an earlier step
            /app/connections/acme/acme.communication.iml.json C010 warning "temp.nothing": `temp.nothing` is never written; set it with `temp` or `response.temp` in an earlier request or section
        "#]],
    );
}

#[test]
fn wired_into_analysis_diagnostics() {
    let (host, _) = host_from(
        r#"
        //- /app/general/base.iml.json
        { "baseUrl": "https://x", "qs": { "a": "{{paramters.x}}" } }
        "#,
    );
    let analysis = host.snapshot();
    let codes: Vec<&str> = analysis
        .diagnostics(std::path::Path::new("/app/general/base.iml.json"))
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["I002"]);
}

#[test]
fn quiet_where_the_facts_are_uncertain() {
    check(
        r#"
        //- /app/modules/watch/metadata.json
        { "name": "watch", "typeId": 1 }
        //- /app/modules/watch/epoch.imljson
        { "response": { "output": { "label": "{{item.name}}", "date": "{{item.created}}" } } }
        //- /app/modules/watch/api.imljson
        [{ "url": "/jobs", "repeat": { "condition": "{{body.status != 'done'}}", "limit": 5 },
           "qs": { "a": "{{if(parameters.x, 1,)}}", "b": "{{customHelper(1)}}", "control": "{{body.id}}" } }]
        //- /app/webhooks/hook/hook.communication.iml.json
        { "uid": "{{item.uid}}", "output": "{{item}}", "respond": { "body": "{{statusCode}}" } }
        "#,
        expect![[r#"
            /app/modules/watch/api.imljson I002 warning "body": `body` is not available here: only set inside `response` and `pagination`, after the request has run; move the expression to where `body` is set, or read the value another way
            /app/webhooks/hook/hook.communication.iml.json I002 warning "statusCode": `statusCode` is not available here: incoming webhook requests have no status code; move the expression to where `statusCode` is set, or read the value another way
        "#]],
    );
}

#[test]
fn oauth1_only_documents_scope_and_redirect_uri() {
    check(
        r#"
        //- /app/connections/one/one.communication.iml.json
        { "oauth": { "consumer_key": "x" }, "requestToken": { "url": "https://a/rt", "qs": { "cb": "{{oauth.localRedirectUri}}", "ok": "{{oauth.redirectUri}}" } } }
        "#,
        expect![[r#"
            /app/connections/one/one.communication.iml.json C012 warning "oauth.localRedirectUri": `oauth.localRedirectUri` is not available here: OAuth 1 connections only document `oauth.scope` and `oauth.redirectUri`; use `oauth.redirectUri`
        "#]],
    );
}

#[test]
fn a_misspelt_connection_key_gets_the_nearest_key_and_a_fix_for_the_key_alone() {
    let (host, _) = host_from(&format!(
        "{MODULE_MANIFEST}{}",
        r#"
//- /app/modules/addTask/addTask.communication.iml.json
{ "url": "/tasks", "headers": { "authorization": "Bearer {{connection.acessToken}}", "x": "{{connection.`acessToken`}}" } }
"#
    ));
    let analysis = host.snapshot();
    let path = std::path::Path::new("/app/modules/addTask/addTask.communication.iml.json");
    let text = analysis.file_text(path).unwrap().to_owned();
    let found: Vec<_> = iml_diagnostics(&analysis, path)
        .into_iter()
        .filter(|d| d.code == "X003")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].message.ends_with("did you mean `accessToken`?"));
    let [fix] = found[0].fixes.as_slice() else {
        panic!("one fix: {:?}", found[0].fixes)
    };
    let [edit] = fix.edits.as_slice() else {
        panic!("one edit")
    };
    let mut fixed = text.clone();
    fixed.replace_range(
        usize::from(edit.range.start())..usize::from(edit.range.end()),
        &edit.new_text,
    );
    assert!(
        fixed.contains("\"Bearer {{connection.accessToken}}\""),
        "{fixed}"
    );
    // The backticked spelling is left to a person.
    assert!(found[1].fixes.is_empty());
    assert_eq!(
        iml_catalogue::fix_safety("X003").map(|entry| entry.safety),
        Some(iml_catalogue::Safety::Unsafe)
    );
}

#[test]
fn base_parameters_no_caller_declares_are_reported() {
    // `domain` is the connection's, copied with the wrong root; `title` and
    // `project` are modules' parameters; `region` is nobody's.
    check(
        &format!(
            "{MODULE_MANIFEST}{}",
            r#"
//- /app/general/base.iml.json
{ "baseUrl": "https://{{parameters.domain}}/api", "headers": { "x-title": "{{parameters.title}}", "x-project": "{{parameters.project}}", "x-region": "{{parameters.region}}" } }
"#
        ),
        expect![[r#"
            /app/general/base.iml.json I009 warning "parameters.domain": no module, RPC or webhook declares parameter `domain`; in Base, `parameters` are the calling module's, and the connection has `domain`: did you mean `connection.domain`?
                fix: Change to `connection`
            /app/general/base.iml.json I009 warning "parameters.region": no module, RPC or webhook declares parameter `region`; in Base, `parameters` are the calling module's: read a connection value as `connection.region`, or declare the parameter
        "#]],
    );
}

#[test]
fn base_parameters_with_a_connection_key_get_a_fix_to_connection() {
    let (host, _) = host_from(&format!(
        "{MODULE_MANIFEST}{}",
        r#"
//- /app/general/base.iml.json
{ "baseUrl": "https://{{parameters.domain}}/api", "headers": { "x-region": "{{parameters.region}}" } }
"#
    ));
    let analysis = host.snapshot();
    let path = std::path::Path::new("/app/general/base.iml.json");
    let text = analysis.file_text(path).unwrap().to_owned();
    let found: Vec<_> = iml_diagnostics(&analysis, path)
        .into_iter()
        .filter(|d| d.code == "I009")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    let [fix] = found[0].fixes.as_slice() else {
        panic!("one fix: {:?}", found[0].fixes)
    };
    let [edit] = fix.edits.as_slice() else {
        panic!("one edit")
    };
    let mut fixed = text.clone();
    fixed.replace_range(
        usize::from(edit.range.start())..usize::from(edit.range.end()),
        &edit.new_text,
    );
    assert!(
        fixed.contains("https://{{connection.domain}}/api"),
        "{fixed}"
    );
    // Nothing of that name in the connection: no fix.
    assert!(found[1].fixes.is_empty());
}

/// A module of no known type still has every name checked that is no
/// variable anywhere; which variables it may read stays unknown.
#[test]
fn unknown_names_in_a_module_of_unknown_type() {
    check(
        r#"
        //- /app/modules/add/add.communication.iml.json
        { "url": "/x/{{paramters.id}}", "qs": { "a": "{{emptyObject}}", "b": "{{body.id}}", "c": "{{headers.X-Rate}}" } }
        "#,
        expect![[r#"
            /app/modules/add/add.communication.iml.json I002 warning "paramters": unknown variable `paramters`; did you mean `parameters`?
                fix: Change to `parameters`
            /app/modules/add/add.communication.iml.json I002 warning "emptyObject": unknown variable `emptyObject`: IML has no such root variable; use one of `parameters`, `connection`, `temp`, `body`, … or quote literal text as 'text'
            /app/modules/add/add.communication.iml.json I007 warning "X-Rate": `X-Rate` is read as a subtraction: a property name containing `-` needs backticks: headers.`X-Rate`
        "#]],
    );
}
