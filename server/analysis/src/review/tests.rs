//! Fixture tests of the review rules: an app that meets every guideline the
//! rules check (silent for each of them) and one that breaks each (every
//! rule fires), with the fixes applied.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use expect_test::expect;
use iml_fixture::Fixture;

use crate::config::RuleConfig;
use crate::host::AnalysisHost;
use crate::rules::fixes::apply;

fn render(fixture: &str) -> String {
    let fixture = Fixture::parse(fixture, "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    let analysis = host.snapshot();
    let mut config = RuleConfig::new();
    assert!(config.set_profile("review"));
    let mut out = String::new();
    for file in &fixture.files {
        let mut diagnostics = super::file_diagnostics(&analysis, Path::new(&file.path));
        config.apply(&mut diagnostics);
        diagnostics.sort_by_key(|d| (d.range.start(), d.code));
        if diagnostics.is_empty() {
            continue;
        }
        writeln!(out, "{}", file.path).unwrap();
        for d in diagnostics {
            let covered = &file.text[usize::from(d.range.start())..usize::from(d.range.end())];
            writeln!(
                out,
                "  {} {:?} {:?}: {}",
                d.code, d.severity, covered, d.message
            )
            .unwrap();
            for fix in &d.fixes {
                writeln!(out, "    fix: {}", fix.title).unwrap();
                for line in apply(&file.text, fix).lines() {
                    writeln!(out, "    | {line}").unwrap();
                }
            }
        }
    }
    out
}

const MANIFEST_HEAD: &str = r#"{ "fileVersion": 1,
  "generalCodeFiles": { "base": "base.iml.json", "groups": GROUPS },
  "components": {
    "connection": { "acme": { "label": "Acme", "connectionType": CONNECTION_TYPE, "codeFiles": { "communication": "connections/acme/acme.communication.iml.json", "params": "connections/acme/acme.params.iml.json" } } },
    "module": {
MODULES
    },
    "rpc": { "listProjects": { "label": "List projects", "connection": "acme", "codeFiles": { "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
    "webhook": {}, "function": {}, "endpoint": {}
  }, "origins": [] }"#;

fn manifest(connection_type: &str, groups: &str, modules: &str) -> String {
    MANIFEST_HEAD
        .replace("CONNECTION_TYPE", connection_type)
        .replace("GROUPS", groups)
        .replace("MODULES", modules)
}

fn good_app() -> String {
    let modules = r#"
      "listTasks": { "label": "List tasks", "description": "Returns a list of tasks.", "moduleType": "search", "connection": "acme", "codeFiles": { "communication": "modules/list-tasks/list-tasks.communication.iml.json", "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } },
      "watchTasks": { "label": "Watch new tasks", "description": "Triggers when a task is created.", "moduleType": "trigger", "connection": "acme", "codeFiles": { "communication": "modules/watch-tasks/watch-tasks.communication.iml.json", "staticParams": "modules/watch-tasks/watch-tasks.static-params.iml.json" } },
      "getTask": { "label": "Get a task", "description": "Returns information about a task by its ID.", "moduleType": "action", "connection": "acme", "codeFiles": { "communication": "modules/get-task/get-task.communication.iml.json", "mappableParams": "modules/get-task/get-task.mappable-params.iml.json" } },
      "makeApiCall": { "label": "Make an API call", "description": "Performs an arbitrary authorized API call.", "moduleType": "universal", "connection": "acme", "codeFiles": { "communication": "modules/make-api-call/make-api-call.communication.iml.json" } }"#;
    format!(
        r#"
//- /app/makecomapp.json
{}
//- /app/base.iml.json
{{ "baseUrl": "https://api.acme.com/v1", "headers": {{ "x-api-key": "{{{{connection.apiKey}}}}" }},
  "response": {{ "error": {{ "429": {{ "type": "RateLimitError", "message": "[{{{{statusCode}}}}] {{{{body.message}}}}" }}, "message": "[{{{{statusCode}}}}] {{{{body.message}}}}" }} }},
  "log": {{ "sanitize": ["request.headers.x-api-key"] }} }}
//- /app/connections/acme/acme.communication.iml.json
{{ "url": "https://api.acme.com/v1/me", "headers": {{ "x-api-key": "{{{{parameters.apiKey}}}}" }}, "response": {{ "error": {{ "message": "[{{{{statusCode}}}}] {{{{body.message}}}}" }} }}, "log": {{ "sanitize": ["request.headers.x-api-key"] }} }}
//- /app/connections/acme/acme.params.iml.json
[{{ "name": "apiKey", "type": "password", "label": "API key", "editable": true }}, {{ "name": "domain", "type": "text", "label": "Domain" }}]
//- /app/modules/list-tasks/list-tasks.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}", "output": "{{{{item}}}}", "limit": "{{{{parameters.limit}}}}" }} }}
//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
[{{ "name": "limit", "type": "uinteger", "label": "Limit", "default": 10, "help": "Maximum number of results to be worked with during one execution cycle." }}]
//- /app/modules/watch-tasks/watch-tasks.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}", "output": "{{{{item}}}}", "limit": "{{{{parameters.limit}}}}", "trigger": {{ "id": "{{{{item.id}}}}", "type": "id", "order": "desc" }} }} }}
//- /app/modules/watch-tasks/watch-tasks.static-params.iml.json
[{{ "name": "limit", "type": "uinteger", "label": "Limit", "default": 2, "required": true, "help": "Maximum number of results to be worked with during one execution cycle." }}]
//- /app/modules/get-task/get-task.communication.iml.json
{{ "url": "/tasks/{{{{parameters.taskId}}}}", "response": {{ "output": "{{{{body}}}}" }} }}
//- /app/modules/get-task/get-task.mappable-params.iml.json
[{{ "name": "taskId", "type": "select", "label": "Task ID", "options": "rpc://listProjects", "mode": "edit" }}]
//- /app/modules/make-api-call/make-api-call.communication.iml.json
{{ "url": "{{{{parameters.url}}}}".replace("x", "x"), "method": "GET" }}
//- /app/rpcs/list-projects/list-projects.communication.iml.json
{{ "url": "/projects", "response": {{ "iterate": "{{{{body.items}}}}", "limit": 300, "output": {{ "label": "{{{{item.name}}}}", "value": "{{{{item.id}}}}" }} }} }}
"#,
        manifest("\"basic\"", "null", modules)
    )
    .replace(r#""{{parameters.url}}".replace("x", "x")"#, r#""/{{parameters.url}}""#)
}

fn bad_app() -> String {
    let mut modules: Vec<String> = vec![
        r#"      "listTasks": { "label": "Get All Tasks", "description": "Lists tasks.", "moduleType": "search", "connection": "acme", "codeFiles": { "communication": "modules/list-tasks/list-tasks.communication.iml.json", "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } }"#.to_owned(),
        r#"      "watchTasks": { "label": "New task", "description": "A task was created.", "moduleType": "trigger", "connection": "acme", "codeFiles": { "communication": "modules/watch-tasks/watch-tasks.communication.iml.json", "staticParams": "modules/watch-tasks/watch-tasks.static-params.iml.json" } }"#.to_owned(),
        r#"      "getTask": { "label": "Get a task", "moduleType": "action", "connection": "acme", "codeFiles": { "communication": "modules/get-task/get-task.communication.iml.json", "mappableParams": "modules/get-task/get-task.mappable-params.iml.json" } }"#.to_owned(),
        r#"      "makeApiCall": { "label": "Universal request", "description": "Calls the API.", "moduleType": "universal", "connection": null, "codeFiles": { "communication": "modules/make-api-call/make-api-call.communication.iml.json" } }"#.to_owned(),
        r#"      "otherCall": { "label": "Make an API call", "description": "Calls the API.", "moduleType": "universal", "connection": "acme", "codeFiles": {} }"#.to_owned(),
    ];
    for n in 1..=6 {
        modules.push(format!(r#"      "createThing{n}": {{ "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {{}} }}"#));
    }
    format!(
        r#"
//- /app/makecomapp.json
{}
//- /app/base.iml.json
{{ "baseUrl": "https://acme.herokuapp.com/api", "headers": {{ "x-api-key": "{{{{connection.apiKey}}}}" }},
  "response": {{ "error": {{ "message": "{{{{body.message}}}}" }} }} }}
//- /app/connections/acme/acme.communication.iml.json
{{ "info": {{ "url": "https://api.acme.com/me" }}, "authorize": {{ "url": "https://acme.com/oauth/authorize" }}, "token": {{ "url": "https://acme.com/oauth/token", "method": "POST" }} }}
//- /app/connections/acme/acme.params.iml.json
[{{ "name": "apiKey", "type": "text", "label": "API key" }}, {{ "name": "domain", "type": "text", "label": "Domain", "editable": true }}]
//- /app/modules/list-tasks/list-tasks.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}", "output": "{{{{item}}}}" }} }}
//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
[{{ "name": "project_id", "type": "text", "label": "project_id" }}]
//- /app/modules/watch-tasks/watch-tasks.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}", "output": "{{{{item}}}}", "limit": "{{{{parameters.limit}}}}", "trigger": {{ "id": "{{{{item.id}}}}", "type": "id", "order": "asc" }} }} }}
//- /app/modules/watch-tasks/watch-tasks.static-params.iml.json
[{{ "name": "limit", "type": "number", "label": "Limit" }}]
//- /app/modules/get-task/get-task.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}", "output": "{{{{item}}}}" }} }}
//- /app/modules/get-task/get-task.mappable-params.iml.json
[{{ "name": "taskId", "type": "select", "label": "Task ID", "options": "rpc://listProjects" }}]
//- /app/modules/make-api-call/make-api-call.communication.iml.json
{{ "url": "https://{{{{parameters.host}}}}/{{{{parameters.url}}}}", "method": "GET" }}
//- /app/rpcs/list-projects/list-projects.communication.iml.json
{{ "url": "/projects", "response": {{ "iterate": "{{{{body.items}}}}", "output": {{ "label": "{{{{item.name}}}}", "value": "{{{{item.id}}}}" }} }} }}
"#,
        manifest("\"oauth\"", "null", &modules.join(",\n"))
    )
}

fn codes(rendered: &str) -> Vec<String> {
    let mut codes: Vec<String> = rendered
        .split_whitespace()
        .filter(|w| {
            w.len() == 4 && w.starts_with('V') && w[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn an_app_meeting_the_guidelines_is_silent_for_every_review_rule() {
    let rendered = render(&good_app());
    assert!(
        codes(&rendered).is_empty(),
        "expected no review findings, got:\n{rendered}"
    );
}

#[test]
fn every_review_rule_fires_on_an_app_breaking_it() {
    let rendered = render(&bad_app());
    let expected: Vec<String> = iml_catalogue::review::REVIEW
        .enables
        .iter()
        .filter(|code| !matches!(**code, "V012"))
        .map(|c| (*c).to_owned())
        .collect();
    assert_eq!(codes(&rendered), expected, "{rendered}");
}

#[test]
fn findings_and_fixes_of_the_imperfect_app() {
    expect![[r#"
        /app/makecomapp.json
          V007 Error "\"module\"": the app has 2 universal modules; keep one `Make an API call` module
          V022 Warning "\"module\"": the app has 11 modules and no `groups.json`; sort them into groups (triggers first, then business groups, then Other)
          V001 Warning "\"Get All Tasks\"": module labels are in sentence case: write `Get all tasks`
            fix: Change the label to `Get all tasks`
            | { "fileVersion": 1,
            |   "generalCodeFiles": { "base": "base.iml.json", "groups": null },
            |   "components": {
            |     "connection": { "acme": { "label": "Acme", "connectionType": "oauth", "codeFiles": { "communication": "connections/acme/acme.communication.iml.json", "params": "connections/acme/acme.params.iml.json" } } },
            |     "module": {
            |       "listTasks": { "label": "Get all tasks", "description": "Lists tasks.", "moduleType": "search", "connection": "acme", "codeFiles": { "communication": "modules/list-tasks/list-tasks.communication.iml.json", "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } },
            |       "watchTasks": { "label": "New task", "description": "A task was created.", "moduleType": "trigger", "connection": "acme", "codeFiles": { "communication": "modules/watch-tasks/watch-tasks.communication.iml.json", "staticParams": "modules/watch-tasks/watch-tasks.static-params.iml.json" } },
            |       "getTask": { "label": "Get a task", "moduleType": "action", "connection": "acme", "codeFiles": { "communication": "modules/get-task/get-task.communication.iml.json", "mappableParams": "modules/get-task/get-task.mappable-params.iml.json" } },
            |       "makeApiCall": { "label": "Universal request", "description": "Calls the API.", "moduleType": "universal", "connection": null, "codeFiles": { "communication": "modules/make-api-call/make-api-call.communication.iml.json" } },
            |       "otherCall": { "label": "Make an API call", "description": "Calls the API.", "moduleType": "universal", "connection": "acme", "codeFiles": {} },
            |       "createThing1": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} },
            |       "createThing2": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} },
            |       "createThing3": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} },
            |       "createThing4": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} },
            |       "createThing5": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} },
            |       "createThing6": { "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "connection": "acme", "codeFiles": {} }
            |     },
            |     "rpc": { "listProjects": { "label": "List projects", "connection": "acme", "codeFiles": { "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
            |     "webhook": {}, "function": {}, "endpoint": {}
            |   }, "origins": [] }
          V003 Warning "\"Get All Tasks\"": search labels start with `List` (no filters) or `Search` (with filters), e.g. `List contacts`
          V006 Warning "\"Lists tasks.\"": start this description with `Returns a list of …`
          V002 Warning "\"New task\"": trigger labels follow `Watch [items]` (e.g. `Watch new contacts`)
          V006 Warning "\"A task was created.\"": start this description with `Triggers when …`
          V005 Error "\"getTask\"": the module has no description; describe its end result in one sentence, e.g. `Creates a new contact.`
          V008 Error "\"makeApiCall\"": the universal module has no `connection`; link it to the app's connection so its calls are authorised
          V004 Warning "\"Universal request\"": label the universal module `Make an API call` (or `Make a SOAP API call`, `Execute a GraphQL query`)
        /app/base.iml.json
          V025 Error "\"https://acme.herokuapp.com/api\"": `baseUrl` points at a hosting platform (`herokuapp.com`); reviewers approve only a production API on the service's own domain
          V015 Warning "\"error\"": map HTTP 429 to `RateLimitError`: add `"429": { "type": "RateLimitError", "message": "…" }` to `response.error`
          V014 Error "\"{{body.message}}\"": the error message does not show the HTTP status; include `{{statusCode}}`
        /app/connections/acme/acme.communication.iml.json
          V013 Error "\"info\"": `info` has no `response.error`; Base's error handling does not apply to connections, so add one
        /app/connections/acme/acme.params.iml.json
          V017 Warning "\"text\"": `apiKey` holds a secret; use `"type": "password"` so editing the connection does not show it
          V018 Error "\"editable\": true": `domain` sets the host the credentials go to; remove `editable: true` so an existing connection cannot be pointed elsewhere
        /app/modules/list-tasks/list-tasks.communication.iml.json
          V009 Error "\"response\"": the last request sets no `response.limit`; add `"limit": "{{parameters.limit}}"` so users can cap the bundles of a run
        /app/modules/list-tasks/list-tasks.mappable-params.iml.json
          V010 Warning "[": no `limit` parameter; add one (`uinteger`, label `Limit`, with the standard help text) and read it in `response.limit`
            fix: Add a `limit` parameter
            | [{ "name": "project_id", "type": "text", "label": "project_id" }, { "name": "limit", "type": "uinteger", "label": "Limit", "default": 10, "help": "Maximum number of results to be worked with during one execution cycle." }]
          V021 Warning "\"project_id\"": `project_id` is written in snake_case; write plain words in sentence case with acronyms upper case (`User ID`)
        /app/modules/watch-tasks/watch-tasks.communication.iml.json
          V023 Warning "\"asc\"": a trigger reading `asc` may miss items beyond Make's pagination cap; read newest first with `"order": "desc"`
        /app/modules/watch-tasks/watch-tasks.static-params.iml.json
          V010 Warning "\"limit\"": the `limit` parameter does not follow Make's conventions: type it `uinteger`, give it a help text, make it required in a polling trigger
        /app/modules/get-task/get-task.communication.iml.json
          V011 Warning "\"iterate\"": an action returns one result; make a module that iterates a search module
        /app/modules/get-task/get-task.mappable-params.iml.json
          V020 Warning "\"taskId\"": `taskId` picks an existing item; add `"mode": "edit"` so users can map its ID
        /app/modules/make-api-call/make-api-call.communication.iml.json
          V024 Error "\"https://{{parameters.host}}/{{parameters.url}}\"": the host of this URL comes from an expression, so users could send the token anywhere; fix the host (or inherit `baseUrl`) and let users give the path
        /app/rpcs/list-projects/list-projects.communication.iml.json
          V019 Error "\"response\"": this RPC lists records without `response.limit`; cap them (300 to 500 for pages of 100 or more, else three pages) so it answers in time
    "#]].assert_eq(&render(&bad_app()));
}

#[test]
fn a_basic_connection_without_a_request_and_a_large_app_without_groups() {
    let modules: Vec<String> = (1..=11)
        .map(|n| format!(r#"      "createThing{n}": {{ "label": "Create a thing", "description": "Creates a thing.", "moduleType": "action", "codeFiles": {{}} }}"#))
        .collect();
    let fixture = format!(
        "//- /app/makecomapp.json\n{}\n//- /app/connections/acme/acme.communication.iml.json\n{{ \"response\": {{ \"data\": {{ \"apiKey\": \"{{{{parameters.apiKey}}}}\" }} }} }}\n",
        manifest("\"basic\"", "null", &modules.join(",\n"))
    );
    let rendered = render(&fixture);
    assert!(rendered.contains("V012"), "{rendered}");
    assert!(rendered.contains("V022"), "{rendered}");
    let grouped = fixture.replace(r#""groups": null"#, r#""groups": "groups.json""#);
    let rendered = render(&grouped);
    assert!(!rendered.contains("V022"), "{rendered}");
}

#[test]
fn without_the_profile_nothing_is_reported() {
    let fixture = Fixture::parse(&bad_app(), "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    let analysis = host.snapshot();
    for file in &fixture.files {
        let diagnostics = analysis.diagnostics(Path::new(&file.path));
        assert!(
            diagnostics.iter().all(|d| !d.code.starts_with('V')),
            "{}",
            file.path
        );
    }
}

/// Shapes found on real apps: a path glued to the host is reported with its
/// own message, a host from the connection is not; a search that returns
/// one literal object needs no limit; an RPC that pages to build fields
/// with one expression needs no cap.
#[test]
fn hosts_limits_and_caps_as_real_apps_write_them() {
    let fixture = r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "components": {
          "connection": { "acme": { "label": "Acme", "connectionType": "basic", "codeFiles": { "communication": "connections/acme/acme.communication.iml.json" } } },
          "module": {
            "makeApiCall": { "label": "Make an API call", "moduleType": "universal", "connection": "acme", "codeFiles": { "communication": "modules/call/call.communication.iml.json" } },
            "searchThing": { "label": "Search things", "description": "Returns a list of things.", "moduleType": "search", "connection": "acme", "codeFiles": { "communication": "modules/search/search.communication.iml.json" } }
          },
          "rpc": { "fieldsOfDeals": { "label": "Fields of deals", "connection": "acme", "codeFiles": { "communication": "rpcs/fields/fields.communication.iml.json" } } } } }
        //- /app/modules/call/call.communication.iml.json
        [
          { "url": "https://api.example.com{{parameters.url}}" },
          { "url": "https://{{connection.domain}}/rest/{{parameters.url}}" },
          { "url": "https://api.example.com/{{parameters.url}}" }
        ]
        //- /app/modules/search/search.communication.iml.json
        { "url": "/thing", "response": { "output": { "body": "{{body}}" } } }
        //- /app/rpcs/fields/fields.communication.iml.json
        { "url": "/fields", "response": { "output": "{{body.data}}" }, "pagination": { "qs": { "start": "{{body.next}}" }, "condition": "{{body.next}}" } }
        "#;
    let rendered = render(fixture);
    let lines: Vec<&str> = rendered
        .lines()
        .filter(|line| {
            ["V009", "V019", "V024"]
                .iter()
                .any(|code| line.contains(code))
        })
        .collect();
    expect![[r#"  V024 Error "\"https://api.example.com{{parameters.url}}\"": the user's path follows the host with no `/` between, so it can extend the host (`.attacker.example`) and receive the token; put a `/` after the host"#]].assert_eq(&lines.join("\n"));
}

/// A product name the app's descriptions capitalise inside a sentence keeps
/// its capitals in the sentence-case fix; the other words still go lower.
#[test]
fn sentence_case_keeps_names_the_descriptions_capitalise() {
    let fixture = r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "components": {
          "connection": { "acme": { "label": "Acme", "connectionType": "basic", "codeFiles": { "communication": "connections/acme/acme.communication.iml.json" } } },
          "module": {
            "searchAccounts": { "label": "Search Sales Navigator Accounts", "description": "Returns a list of Sales Navigator accounts.", "moduleType": "search", "connection": "acme", "codeFiles": {} }
          } } }
        "#;
    let rendered = render(fixture);
    let line = rendered
        .lines()
        .find(|line| line.contains("V001"))
        .unwrap_or_default();
    expect![[r#"  V001 Warning "\"Search Sales Navigator Accounts\"": module labels are in sentence case: write `Search Sales Navigator accounts`"#]].assert_eq(line);
}
