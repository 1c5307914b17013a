//! Endpoints (spec §11.5): the local-development files of an Endpoint, a
//! module that calls one, an Endpoint's own communication and its input and
//! output parameters.

use std::path::{Path, PathBuf};

use expect_test::expect;

use super::{check, check_clean, host_from};
use crate::roles::{ComponentKind, RoleKind};

/// An app with one Endpoint and one search module that calls it; `$MODULE`,
/// `$ENDPOINT`, `$INPUT` and `$OUTPUT` are replaced by each test.
const APP: &str = r#"
//- /app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json", "common": null, "readme": null, "groups": null },
  "components": {
    "connection": {}, "webhook": {}, "rpc": {}, "function": {},
    "module": {
      "listItems": { "moduleType": "search", "codeFiles": { "communication": "modules/list-items/list-items.communication.iml.json" } }
    },
    "endpoint": {
      "searchItems": { "label": "Search items", "codeFiles": {
        "communication": "endpoints/search-items/search-items.communication.iml.json",
        "requiredScope": "endpoints/search-items/search-items.required-scope.iml.json",
        "inputParameters": "endpoints/search-items/search-items.input.iml.json",
        "outputParameters": "endpoints/search-items/search-items.output.iml.json",
        "context": "endpoints/search-items/search-items.context.md"
      } }
    }
  },
  "origins": []
}
//- /app/general/base.iml.json
{ "baseUrl": "https://api.example.com" }
//- /app/modules/list-items/list-items.communication.iml.json
$MODULE
//- /app/endpoints/search-items/search-items.communication.iml.json
$ENDPOINT
//- /app/endpoints/search-items/search-items.required-scope.iml.json
[]
//- /app/endpoints/search-items/search-items.input.iml.json
$INPUT
//- /app/endpoints/search-items/search-items.output.iml.json
$OUTPUT
//- /app/endpoints/search-items/search-items.context.md
Searches items by text.
"#;

const GOOD_MODULE: &str = r#"{
  "endpoint": "searchItems",
  "input": { "query": "{{parameters.query}}", "page": 1 },
  "pagination": { "input": { "page": "{{pagination.page}}" }, "condition": "{{body.hasMore}}" },
  "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
}"#;

const GOOD_ENDPOINT: &str = r#"{
  "url": "/items/search",
  "qs": { "q": "{{parameters.query}}", "page": "{{parameters.page}}" },
  "response": { "output": "{{body}}" }
}"#;

const GOOD_INPUT: &str = r#"[
  { "name": "query", "type": "text", "label": "Query", "help": "Words to search for." },
  { "name": "page", "type": "uinteger", "label": "Page", "help": "Page number, from 1." },
  { "name": "inputSchema", "type": "json", "help": "Extra filters as JSON." }
]"#;

const GOOD_OUTPUT: &str = r#"[
  { "name": "items", "type": "array", "help": "Matching items.", "spec": [
    { "name": "id", "type": "text", "help": "Item id." }
  ] },
  { "name": "hasMore", "type": "boolean", "help": "Whether another page exists." }
]"#;

fn app(module: &str, endpoint: &str, input: &str, output: &str) -> String {
    APP.replace("$MODULE", module)
        .replace("$ENDPOINT", endpoint)
        .replace("$INPUT", input)
        .replace("$OUTPUT", output)
}

#[test]
fn local_development_endpoint_files_get_their_roles() {
    let (host, _) = host_from(&app(GOOD_MODULE, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT));
    let analysis = host.snapshot();
    let folder = Path::new("/app/endpoints/search-items");
    let roles: Vec<String> = [
        "search-items.communication.iml.json",
        "search-items.required-scope.iml.json",
        "search-items.input.iml.json",
        "search-items.output.iml.json",
        "search-items.context.md",
    ]
    .iter()
    .map(|name| {
        let path: PathBuf = folder.join(name);
        let role = analysis.role(&path);
        let component = role
            .component
            .as_ref()
            .map(|c| format!("{:?} {:?}", c.kind, c.id));
        format!("{name}: {:?} {component:?}", role.kind)
    })
    .collect();
    expect![[r#"
        search-items.communication.iml.json: Communication Some("Endpoint \"searchItems\"")
        search-items.required-scope.iml.json: RequiredScope Some("Endpoint \"searchItems\"")
        search-items.input.iml.json: InputParams Some("Endpoint \"searchItems\"")
        search-items.output.iml.json: OutputParams Some("Endpoint \"searchItems\"")
        search-items.context.md: EndpointContext Some("Endpoint \"searchItems\"")"#]]
    .assert_eq(&roles.join("\n"));
    let (_, component) = analysis
        .component_of(&folder.join("search-items.input.iml.json"))
        .expect("the input file belongs to the Endpoint");
    assert_eq!(component.kind, ComponentKind::Endpoint);
    assert_eq!(
        component
            .files_with_role(RoleKind::OutputParams)
            .collect::<Vec<_>>(),
        vec![folder.join("search-items.output.iml.json")]
    );
}

#[test]
fn a_module_calling_an_endpoint_with_input_is_clean() {
    check_clean(&app(GOOD_MODULE, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT));
}

#[test]
fn the_object_form_and_a_next_page_endpoint_are_clean() {
    let module = r#"{
  "endpoint": { "name": "searchItems" },
  "input": { "query": "{{parameters.query}}" },
  "pagination": { "mergeWithParent": false, "endpoint": "searchItems", "input": { "page": "{{pagination.page}}" } },
  "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
}"#;
    check_clean(&app(module, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT));
}

#[test]
fn http_directives_next_to_endpoint() {
    let module = r#"{
  "endpoint": "searchItems",
  "url": "/items",
  "method": "POST",
  "input": { "query": "{{parameters.query}}" },
  "pagination": { "qs": { "page": "{{pagination.page}}" }, "condition": "{{body.hasMore}}" },
  "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
}"#;
    check(
        &app(module, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT),
        expect![[r#"
            /app/modules/list-items/list-items.communication.iml.json
              R029 Error "\"url\"": `url` is not allowed next to `endpoint`: the Endpoint sends the HTTP request; remove `url` (or move it into the Endpoint's communication)
                fix: Remove `url`
                | {
                |   "endpoint": "searchItems",
                |   "method": "POST",
                |   "input": { "query": "{{parameters.query}}" },
                |   "pagination": { "qs": { "page": "{{pagination.page}}" }, "condition": "{{body.hasMore}}" },
                |   "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
                | }
              R029 Error "\"method\"": `method` is not allowed next to `endpoint`: the Endpoint sends the HTTP request; remove `method` (or move it into the Endpoint's communication)
                fix: Remove `method`
                | {
                |   "endpoint": "searchItems",
                |   "url": "/items",
                |   "input": { "query": "{{parameters.query}}" },
                |   "pagination": { "qs": { "page": "{{pagination.page}}" }, "condition": "{{body.hasMore}}" },
                |   "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
                | }
              R029 Error "\"qs\"": `pagination.qs` is not allowed when the request calls an Endpoint: pages are fetched with `mergeWithParent`, `endpoint`, `input`, `condition`; pass the page through `input`
                fix: Remove `qs`
                | {
                |   "endpoint": "searchItems",
                |   "url": "/items",
                |   "method": "POST",
                |   "input": { "query": "{{parameters.query}}" },
                |   "pagination": { "condition": "{{body.hasMore}}" },
                |   "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
                | }
        "#]],
    );
}

#[test]
fn input_needs_endpoint() {
    let module = r#"{
  "url": "/items",
  "input": { "query": "{{parameters.query}}" },
  "pagination": { "endpoint": "searchItems", "qs": { "page": "{{pagination.page}}" } },
  "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
}"#;
    check(
        &app(module, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT),
        expect![[r#"
            /app/modules/list-items/list-items.communication.iml.json
              R030 Error "\"input\"": `input` is passed to an Endpoint, but this request calls none; add `"endpoint": "<name>"` or remove `input`
                fix: Remove `input`
                | {
                |   "url": "/items",
                |   "pagination": { "endpoint": "searchItems", "qs": { "page": "{{pagination.page}}" } },
                |   "response": { "output": "{{item}}", "iterate": "{{body.items}}" }
                | }
              R016 Warning "\"endpoint\"": `pagination.endpoint` only applies when the request calls an Endpoint; add `endpoint` to the request, or page with `url`, `qs` or `body`
        "#]],
    );
}

#[test]
fn unknown_endpoint_names() {
    let module = r#"[
  { "endpoint": "searchItem", "input": {}, "response": { "temp": { "first": "{{body}}" } } },
  { "endpoint": { "name": "findThings" }, "input": {}, "response": { "output": "{{body}}" } },
  { "endpoint": "{{parameters.which}}", "input": {}, "response": { "output": "{{body}}" } },
  { "endpoint": "searchItems", "input": {}, "pagination": { "endpoint": { "name": "serchItems", "conection": "acme" }, "input": [] }, "response": { "output": "{{body}}" } }
]"#;
    check(
        &app(module, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT),
        expect![[r#"
            /app/modules/list-items/list-items.communication.iml.json
              X008 Warning "\"searchItem\"": `searchItem` names no Endpoint of this app; did you mean `searchItems`?
                fix: Use `searchItems`
                | [
                |   { "endpoint": "searchItems", "input": {}, "response": { "temp": { "first": "{{body}}" } } },
                |   { "endpoint": { "name": "findThings" }, "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "{{parameters.which}}", "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "searchItems", "input": {}, "pagination": { "endpoint": { "name": "serchItems", "conection": "acme" }, "input": [] }, "response": { "output": "{{body}}" } }
                | ]
              X008 Warning "\"findThings\"": `findThings` names no Endpoint of this app
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
              R023 Hint "\"output\"": `response.output` only counts in the last request of the array; move it there or keep values in `temp`
              X008 Warning "\"serchItems\"": `serchItems` names no Endpoint of this app; did you mean `searchItems`?
                fix: Use `searchItems`
                | [
                |   { "endpoint": "searchItem", "input": {}, "response": { "temp": { "first": "{{body}}" } } },
                |   { "endpoint": { "name": "findThings" }, "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "{{parameters.which}}", "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "searchItems", "input": {}, "pagination": { "endpoint": { "name": "searchItems", "conection": "acme" }, "input": [] }, "response": { "output": "{{body}}" } }
                | ]
              R001 Error "\"conection\"": `conection` is not a key of `endpoint`; use `name`, `connection`; did you mean `connection`?
                fix: Rename to `connection`
                | [
                |   { "endpoint": "searchItem", "input": {}, "response": { "temp": { "first": "{{body}}" } } },
                |   { "endpoint": { "name": "findThings" }, "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "{{parameters.which}}", "input": {}, "response": { "output": "{{body}}" } },
                |   { "endpoint": "searchItems", "input": {}, "pagination": { "endpoint": { "name": "serchItems", "connection": "acme" }, "input": [] }, "response": { "output": "{{body}}" } }
                | ]
              R028 Error "[]": `input` must be an object or a `{{ }}` expression, found an array; write an object of keys and values, not an array
        "#]],
    );
}

#[test]
fn an_endpoint_may_not_call_an_endpoint() {
    let endpoint = r#"{
  "endpoint": "searchItems",
  "input": { "query": "{{parameters.query}}" },
  "response": { "output": "{{body}}" }
}"#;
    check(
        &app(GOOD_MODULE, endpoint, GOOD_INPUT, GOOD_OUTPUT),
        expect![[r#"
            /app/endpoints/search-items/search-items.communication.iml.json
              R031 Error "\"endpoint\"": an Endpoint may not call another Endpoint; send the HTTP request here with `url`, or call both Endpoints from a module
                fix: Remove `endpoint`
                | {
                |   "input": { "query": "{{parameters.query}}" },
                |   "response": { "output": "{{body}}" }
                | }
        "#]],
    );
    let array = r#"[
  { "url": "/token", "response": { "temp": { "token": "{{body.token}}" } } },
  { "url": "/items", "headers": { "authorization": "{{temp.token}}" }, "response": { "output": "{{body}}" } }
]"#;
    check(
        &app(GOOD_MODULE, array, GOOD_INPUT, GOOD_OUTPUT),
        expect![[r#"
            /app/endpoints/search-items/search-items.communication.iml.json
              R031 Error "[": an Endpoint's communication is one request object, not an array; keep a single request (chain calls in the module that calls the Endpoint)
        "#]],
    );
}

#[test]
fn endpoint_parameters_need_help_and_no_banner() {
    let input = r#"[
  { "type": "banner", "text": "Uses the v2 API" },
  { "name": "query", "type": "text", "label": "Query" },
  { "name": "filters", "type": "collection", "help": "Filters.", "spec": [
    { "name": "status", "type": "text" }
  ] },
  { "name": "schema", "type": "json", "help": "Extra filters as JSON." }
]"#;
    let output = r#"[
  { "name": "inputSchema", "type": "json", "help": "The item as JSON." },
  { "name": "nested", "type": "collection", "help": "Nested data.", "spec": [
    { "name": "raw", "type": "json", "help": "Any name is fine below the top level." }
  ] }
]"#;
    check(
        &app(GOOD_MODULE, GOOD_ENDPOINT, input, output),
        expect![[r#"
            /app/endpoints/search-items/search-items.input.iml.json
              P016 Error "\"type\"": Endpoint parameters have no `banner`; remove it and put the note in the `help` of the parameter it concerns
              P015 Error "\"name\"": an Endpoint parameter needs `help` (Make's schema requires it for Endpoints); add `"help": "…"` describing it
              P015 Error "\"name\"": an Endpoint parameter needs `help` (Make's schema requires it for Endpoints); add `"help": "…"` describing it
              P017 Error "\"schema\"": a top-level `json` parameter of an Endpoint's input must be named `inputSchema`, not `schema`; rename it
                fix: Rename to `inputSchema`
                | [
                |   { "type": "banner", "text": "Uses the v2 API" },
                |   { "name": "query", "type": "text", "label": "Query" },
                |   { "name": "filters", "type": "collection", "help": "Filters.", "spec": [
                |     { "name": "status", "type": "text" }
                |   ] },
                |   { "name": "inputSchema", "type": "json", "help": "Extra filters as JSON." }
                | ]
            /app/endpoints/search-items/search-items.output.iml.json
              P017 Error "\"inputSchema\"": a top-level `json` parameter of an Endpoint's output must be named `outputSchema`, not `inputSchema`; rename it
                fix: Rename to `outputSchema`
                | [
                |   { "name": "outputSchema", "type": "json", "help": "The item as JSON." },
                |   { "name": "nested", "type": "collection", "help": "Nested data.", "spec": [
                |     { "name": "raw", "type": "json", "help": "Any name is fine below the top level." }
                |   ] }
                | ]
        "#]],
    );
}

#[test]
fn an_app_without_endpoints() {
    let module =
        r#"{ "endpoint": "searchItems", "input": {}, "response": { "output": "{{body}}" } }"#;
    check(
        &format!(
            r#"
//- /app/makecomapp.json
{{
  "fileVersion": 1,
  "generalCodeFiles": {{ "base": null, "common": null, "readme": null, "groups": null }},
  "components": {{
    "connection": {{}}, "webhook": {{}}, "rpc": {{}}, "function": {{}}, "endpoint": {{}},
    "module": {{ "find": {{ "moduleType": "action", "codeFiles": {{ "communication": "modules/find/find.communication.iml.json" }} }} }}
  }},
  "origins": []
}}
//- /app/modules/find/find.communication.iml.json
{module}
"#
        ),
        expect![[r#"
            /app/modules/find/find.communication.iml.json
              X008 Warning "\"searchItems\"": `searchItems` names no Endpoint of this app; the app has no Endpoints (add one under `components.endpoint` in `makecomapp.json`)
        "#]],
    );
}

/// The module file with a `$0` cursor, and the analysis of the whole app.
fn at_cursor(module: &str) -> (crate::host::Analysis, PathBuf, text_size::TextSize) {
    let (host, fixture) = host_from(&app(module, GOOD_ENDPOINT, GOOD_INPUT, GOOD_OUTPUT));
    let (path, offset) = fixture.cursor().expect("the module holds a $0 cursor");
    let offset = text_size::TextSize::try_from(offset).expect("small fixture");
    (host.snapshot(), PathBuf::from(path), offset)
}

fn completion_labels(module: &str) -> Vec<String> {
    let (analysis, path, offset) = at_cursor(module);
    analysis
        .completions(&path, offset)
        .into_iter()
        .filter(|item| item.kind == crate::ide::CompletionKind::Component)
        .map(|item| format!("{} => {}", item.label, item.insert_text))
        .collect()
}

#[test]
fn endpoint_names_are_completed() {
    expect![[r#"["searchItems => searchItems"]"#]].assert_eq(&format!(
        "{:?}",
        completion_labels(r#"{ "endpoint": "se$0", "input": {} }"#)
    ));
    expect![[r#"["searchItems => \"searchItems\""]"#]]
        .assert_eq(&format!("{:?}", completion_labels(r#"{ "endpoint": $0 }"#)));
    expect![[r#"["searchItems => searchItems"]"#]].assert_eq(&format!(
        "{:?}",
        completion_labels(r#"{ "endpoint": { "name": "$0" }, "input": {} }"#)
    ));
    // Other strings of the request offer no Endpoint.
    expect![[r#"[]"#]].assert_eq(&format!("{:?}", completion_labels(r#"{ "url": "/se$0" }"#)));
}

#[test]
fn endpoint_names_lead_to_the_manifest_entry() {
    let render = |module: &str| -> String {
        let (analysis, path, offset) = at_cursor(module);
        let Some(definition) = analysis.goto_definition(&path, offset) else {
            return "no definition".to_owned();
        };
        let module_text = analysis.file_text(&path).unwrap_or_default();
        let origin = &module_text[definition.origin];
        definition
            .targets
            .iter()
            .map(|target| {
                let text = analysis.file_text(&target.file).unwrap_or_default();
                format!(
                    "{origin} -> {} {:?}",
                    target.file.display(),
                    &text[target.focus_range]
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    expect![[r#"searchItems -> /app/makecomapp.json "\"searchItems\"""#]]
        .assert_eq(&render(r#"{ "endpoint": "search$0Items", "input": {} }"#));
    expect![[r#"searchItems -> /app/makecomapp.json "\"searchItems\"""#]].assert_eq(&render(
        r#"{ "endpoint": { "name": "searchItems$0" }, "pagination": { "endpoint": "searchItems" } }"#,
    ));
    expect![[r#"searchItems -> /app/makecomapp.json "\"searchItems\"""#]].assert_eq(&render(
        r#"{ "endpoint": "searchItems", "pagination": { "endpoint": "$0searchItems" } }"#,
    ));
    expect![[r#"no definition"#]].assert_eq(&render(
        r#"{ "endpoint": "missing$0", "response": { "output": { "endpoint": "searchItems" } } }"#,
    ));
    expect![[r#"no definition"#]].assert_eq(&render(
        r#"{ "endpoint": "searchItems", "response": { "output": { "endpoint": "search$0Items" } } }"#,
    ));
}
