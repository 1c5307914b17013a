//! Spec-test files in the analysis: their role, the component they test,
//! their diagnostics and completion, on multi-file fixtures.

use std::path::Path;

use expect_test::{Expect, expect};

use crate::tests::host_from;

/// A small app: an OAuth 2 connection and a search module, each with a test
/// file; `{test}` is the connection's test file.
fn app(connection_test: &str, module_test: &str) -> String {
    format!(
        r#"
//- /app/makecomapp.json
{{ "fileVersion": 1, "generalCodeFiles": {{ "base": "general/base.iml.json" }},
   "components": {{
     "connection": {{ "acme": {{ "connectionType": "oauth", "codeFiles": {{
        "communication": "connections/acme/acme.oauth-communication.iml.json",
        "params": "connections/acme/acme.params.iml.json" }} }} }},
     "module": {{ "listTasks": {{ "moduleType": "search", "connection": "acme", "codeFiles": {{
        "communication": "modules/list/list.communication.iml.json" }} }} }} }} }}
//- /app/general/base.iml.json
{{ "baseUrl": "https://api.example.com" }}
//- /app/connections/acme/acme.params.iml.json
[]
//- /app/connections/acme/acme.oauth-communication.iml.json
{{
  "authorize": {{ "url": "https://auth.example.com/authorize", "response": {{ "temp": {{ "code": "{{{{query.code}}}}" }} }} }},
  "token": {{ "url": "https://auth.example.com/token", "method": "POST",
    "response": {{ "data": {{ "accessToken": "{{{{body.access_token}}}}" }}, "expires": "{{{{addDays(now, 1)}}}}" }} }},
  "refresh": {{ "url": "https://auth.example.com/token", "method": "POST",
    "response": {{ "data": {{ "accessToken": "{{{{body.access_token}}}}" }} }} }}
}}
//- /app/connections/acme/acme.tests.iml.json
{connection_test}
//- /app/modules/list/list.communication.iml.json
{{ "url": "/tasks", "response": {{ "iterate": "{{{{body.items}}}}" }} }}
//- /app/modules/list/list.tests.iml.json
{module_test}
"#
    )
}

fn check_diagnostics(connection_test: &str, expected: Expect) {
    let (host, _) = host_from(&app(connection_test, r#"{ "cases": [] }"#));
    let analysis = host.snapshot();
    let path = Path::new("/app/connections/acme/acme.tests.iml.json");
    let text = analysis.file_text(path).unwrap().to_owned();
    let shown: Vec<String> = analysis
        .diagnostics(path)
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {:?}: {}",
                d.code, d.severity, &text[d.range], d.message
            )
        })
        .collect();
    expected.assert_eq(&shown.join("\n"));
}

#[test]
fn a_test_file_has_its_own_role_and_finds_its_component() {
    let (host, _) = host_from(&app(r#"{ "cases": [] }"#, r#"{ "cases": [] }"#));
    let analysis = host.snapshot();
    let connection = Path::new("/app/connections/acme/acme.tests.iml.json");
    assert_eq!(analysis.role(connection).kind.code(), "spec-test");
    let subject = analysis.spec_test_subject(connection).unwrap();
    assert_eq!(subject.label, "connection acme");
    assert_eq!(subject.kind, iml_spectest::SubjectKind::OAuth2Connection);
    assert!(subject.base.is_none(), "connections do not inherit Base");
    let module = analysis
        .spec_test_subject(Path::new("/app/modules/list/list.tests.iml.json"))
        .unwrap();
    assert_eq!(module.label, "module listTasks");
    assert!(module.base.is_some());
}

#[test]
fn a_clean_test_file_has_no_diagnostics() {
    check_diagnostics(
        r#"{ "cases": [ { "name": "ok", "flow": "refresh",
             "responses": [ { "step": "refresh" } ],
             "expect": { "data": { "accessToken": "a", "refreshToken": "r" } },
             "data": { "refreshToken": "r" } } ] }"#,
        expect![""],
    );
}

#[test]
fn shape_flow_steps_and_unwritten_results_are_reported() {
    check_diagnostics(
        r#"{ "cases": [
             { "name": "a", "respones": [] },
             { "name": "b", "flow": "refesh" },
             { "name": "c", "flow": "refresh", "responses": [ { "step": "token" } ] },
             { "name": "d", "expect": { "data": { "acessToken": "x" }, "uid": 1, "output": [] } }
           ] }"#,
        expect![[r#"
            T001 Error "\"respones\"": unknown key `respones` in a test case; the keys are: name, flow, now, timezone, parameters, common, data, connection, query, scope, webhook, incoming, functions, responses, expect
            T003 Error "\"refesh\"": `refesh` is no flow of connection acme; its flows are: authorize, refresh, invalidate, info
            T004 Warning "\"token\"": the `refresh` flow never reaches `token`; its steps are: refresh
            T005 Warning "\"acessToken\"": nothing in the `authorize` flow of connection acme writes `data.acessToken`; did you mean `accessToken`?
            T005 Warning "\"uid\"": nothing in the `authorize` flow of connection acme writes `uid`
            T005 Warning "\"output\"": nothing in the `authorize` flow of connection acme writes `output`"#]],
    );
}

#[test]
fn a_test_file_away_from_any_component_says_so() {
    let (host, _) = host_from(&format!(
        "{}\n//- /app/connections/stray.tests.iml.json\n{{ \"cases\": [] }}\n",
        app("{}", "{}")
    ));
    let analysis = host.snapshot();
    let codes: Vec<&str> = analysis
        .diagnostics(Path::new("/app/connections/stray.tests.iml.json"))
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["T002"]);
}

fn completion_labels(connection_test: &str) -> Vec<String> {
    let (host, fixture) = host_from(&app(connection_test, r#"{ "cases": [] }"#));
    let (path, offset) = fixture.cursor().expect("a $0 cursor");
    let analysis = host.snapshot();
    analysis
        .completions(Path::new(path), (offset as u32).into())
        .into_iter()
        .map(|item| item.label)
        .collect()
}

#[test]
fn completion_offers_flows_steps_and_written_keys() {
    assert_eq!(
        completion_labels(r#"{ "cases": [ { "name": "a", "flow": "$0" } ] }"#),
        ["authorize", "refresh", "invalidate", "info"]
    );
    assert_eq!(
        completion_labels(r#"{ "cases": [ { "name": "a", "responses": [ { "step": "$0" } ] } ] }"#),
        ["token"]
    );
    assert_eq!(
        completion_labels(r#"{ "cases": [ { "name": "a", "expect": { "data": { "$0" } } } ] }"#),
        ["accessToken"]
    );
    let keys = completion_labels(r#"{ "cases": [ { "name": "a", "expect": { $0 } } ] }"#);
    assert_eq!(
        keys,
        ["steps", "requests", "data", "expires", "temp", "error"]
    );
    let case_keys = completion_labels(r#"{ "cases": [ { "name": "a", $0 } ] }"#);
    assert!(case_keys.contains(&"responses".to_owned()) && !case_keys.contains(&"name".to_owned()));
}

#[test]
fn running_a_case_gives_t006_at_the_expectation_and_the_producer_in_help() {
    let test_file = r#"{ "cases": [
  { "name": "token", "query": { "code": "c" },
    "responses": [ { "body": { "access_token": "at-1" } } ],
    "expect": { "data": { "accessToken": "at-2" } } },
  { "name": "refresh", "flow": "refresh",
    "responses": [ { "body": { "access_token": "at-3" } } ],
    "expect": { "data": { "accessToken": "at-3" } } },
  { "name": "short", "query": { "code": "c" }, "expect": {} }
] }"#;
    let (host, _) = host_from(&app(test_file, r#"{ "cases": [] }"#));
    let analysis = host.snapshot();
    let path = Path::new("/app/connections/acme/acme.tests.iml.json");
    let text = analysis.file_text(path).unwrap().to_owned();
    let cases: Vec<(String, &str)> = analysis
        .spec_test_cases(path)
        .into_iter()
        .map(|case| (case.name, &text[case.range]))
        .collect();
    assert_eq!(
        cases,
        [
            ("token".to_owned(), "\"token\""),
            ("refresh".to_owned(), "\"refresh\""),
            ("short".to_owned(), "\"short\"")
        ]
    );
    let runs = analysis.run_spec_tests(path, None).unwrap();
    let shown: Vec<String> = runs
        .iter()
        .map(|run| {
            let diagnostics: Vec<String> = run
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{} {:?}: {} | {:?}",
                        d.code, &text[d.range], d.message, d.help
                    )
                })
                .collect();
            format!(
                "{} {}: {}",
                run.name,
                run.status.as_str(),
                diagnostics.join("; ")
            )
        })
        .collect();
    expect![[r#"
        token failed: T006 "\"at-2\"": case `token` failed: /data/accessToken: values differ
          expected: "at-2"
          actual:   "at-1" | Some("produced by acme.oauth-communication.iml.json:4:44  \"{{body.access_token}}\"")
        refresh passed: 
        short stopped: T006 "\"short\"": case `short` could not run: `token` sends a request, but the case has no recorded response left for it; add one to `responses` | Some("at acme.oauth-communication.iml.json:3:12  { \"url\": \"https://auth.example.com/token\", \"method\": \"POST\",")"#]]
    .assert_eq(&shown.join("\n"));
    let only = analysis.run_spec_tests(path, Some("refresh")).unwrap();
    assert_eq!(only.len(), 1);
    assert!(analysis.run_spec_tests(path, Some("nope")).is_err());
}

#[test]
fn a_dedicated_webhook_runs_its_payload_attach_and_detach() {
    let fixture = r#"
//- /hook/makecomapp.json
{ "fileVersion": 1, "generalCodeFiles": { "base": "general/base.iml.json" },
  "components": { "webhook": { "events": { "webhookType": "web", "codeFiles": {
     "communication": "webhooks/events/events.communication.iml.json",
     "attach": "webhooks/events/events.attach.iml.json",
     "detach": "webhooks/events/events.detach.iml.json" } } } } }
//- /hook/general/base.iml.json
{ "baseUrl": "https://api.example.com" }
//- /hook/webhooks/events/events.communication.iml.json
{ "output": "{{body}}" }
//- /hook/webhooks/events/events.attach.iml.json
{ "url": "/hooks", "method": "POST", "body": { "url": "{{webhook.url}}" }, "response": { "data": { "hookId": "{{body.id}}" } } }
//- /hook/webhooks/events/events.detach.iml.json
{ "url": "/hooks/{{webhook.hookId}}", "method": "DELETE" }
//- /hook/webhooks/events/events.tests.iml.json
{ "cases": [
  { "name": "payload", "incoming": { "body": { "a": 1 } }, "expect": { "output": { "a": 1 }, "uid": 1 } },
  { "name": "attach", "flow": "attach", "webhook": { "url": "https://hook.example/x" },
    "responses": [ { "step": "request", "body": { "id": "h" } } ], "expect": { "data": { "hookId": "h", "hookid": 1 } } },
  { "name": "detach", "flow": "detach", "webhook": { "hookId": "h" }, "responses": [ { "status": 204 } ],
    "expect": { "requests": [ { "url": "https://api.example.com/hooks/h", "method": "DELETE" } ] } }
] }
"#;
    let (host, _) = host_from(fixture);
    let analysis = host.snapshot();
    let path = Path::new("/hook/webhooks/events/events.tests.iml.json");
    let subject = analysis.spec_test_subject(path).unwrap();
    assert!(subject.attach.is_some() && subject.detach.is_some());
    let text = analysis.file_text(path).unwrap().to_owned();
    let shown: Vec<String> = analysis
        .diagnostics(path)
        .iter()
        .map(|d| format!("{} {:?}: {}", d.code, &text[d.range], d.message))
        .collect();
    expect![[r#"
        T005 "\"uid\"": nothing in the `incoming` flow of webhook events writes `uid`
        T004 "\"request\"": the `attach` flow never reaches `request`; its steps are: attach
        T005 "\"hookid\"": nothing in the `attach` flow of webhook events writes `data.hookid`; did you mean `hookId`?"#]].assert_eq(&shown.join("\n"));
    let runs = analysis.run_spec_tests(path, Some("detach")).unwrap();
    assert_eq!(
        runs[0].status.as_str(),
        "passed",
        "{:?}",
        runs[0].diagnostics
    );
}
