//! The runner, one step kind and one assertion kind at a time: each test
//! builds a component and a case in memory, runs it, and checks what was
//! sent and produced (not only whether it passed).

use std::path::PathBuf;

use iml_spectest::{CaseResult, Outcome, Spec, Subject, SubjectKind, TestFile, run_file};
use serde_json::{Value, json};

fn subject(kind: SubjectKind, communication: &str, base: Option<&str>) -> Subject {
    Subject {
        kind,
        label: "component under test".into(),
        communication: Spec::new(PathBuf::from("component.iml.json"), communication.into()),
        base: base.map(|text| Spec::new(PathBuf::from("base.iml.json"), text.into())),
        common: json!({}),
        default_scope: json!([]),
        attach: None,
        detach: None,
    }
}

/// Runs one case given as JSON text against `subject`.
fn run(subject: &Subject, case: &str) -> CaseResult {
    let text = format!("{{ \"cases\": [ {case} ] }}");
    let file = TestFile::parse(PathBuf::from("component.tests.iml.json"), text);
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    let mut results = run_file(subject, &file);
    assert_eq!(results.len(), 1);
    results.remove(0)
}

fn mismatch_paths(result: &CaseResult) -> Vec<String> {
    match &result.outcome {
        Outcome::Failed(mismatches) => mismatches.iter().map(|m| m.path.clone()).collect(),
        other => panic!("expected a failed case, got {other:?}"),
    }
}

fn stop_message(result: &CaseResult) -> String {
    match &result.outcome {
        Outcome::Stopped(stop) => stop.message.clone(),
        other => panic!("expected a stopped case, got {other:?}"),
    }
}

const OAUTH2: &str = r#"{
  // The documented shape: authorize redirects, token exchanges, info names.
  "authorize": {
    "url": "https://auth.example/authorize",
    "qs": { "client_id": "{{common.clientId}}", "redirect_uri": "{{oauth.redirectUri}}" },
    "response": { "temp": { "code": "{{query.code}}" } }
  },
  "token": {
    "url": "https://auth.example/token",
    "method": "POST",
    "body": { "code": "{{temp.code}}", "grant_type": "authorization_code" },
    "type": "urlencoded",
    "response": {
      "data": { "accessToken": "{{body.access_token}}", "refreshToken": "{{body.refresh_token}}" },
      "expires": "{{addSeconds(now, body.expires_in)}}"
    }
  },
  "info": {
    "url": "https://api.example/me",
    "headers": { "authorization": "Bearer {{data.accessToken}}" },
    "response": { "uid": "{{body.id}}", "metadata": { "type": "text", "value": "{{body.email}}" } }
  },
  "refresh": {
    "condition": "{{data.expires < addMinutes(now, 15)}}",
    "url": "https://auth.example/token",
    "method": "POST",
    "body": { "refresh_token": "{{data.refreshToken}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}" } }
  }
}"#;

fn oauth2() -> Subject {
    let mut subject = subject(SubjectKind::OAuth2Connection, OAUTH2, None);
    subject.common = json!({ "clientId": "client-1" });
    subject
}

#[test]
fn oauth2_authorize_walks_every_section_and_the_redirect_consumes_no_response() {
    let result = run(
        &oauth2(),
        r#"{ "name": "initial", "query": { "code": "c-1" },
             "responses": [
               { "step": "token", "body": { "access_token": "at-1", "refresh_token": "rt-1", "expires_in": 3600 } },
               { "step": "info", "body": { "id": 42, "email": "a@b.example" } } ],
             "expect": {
               "steps": ["authorize", "token", "info"],
               "data": { "accessToken": "at-1", "refreshToken": "rt-1" },
               "expires": "2025-01-01T01:00:00.000Z",
               "uid": 42,
               "metadata": { "type": "text", "value": "a@b.example" } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    let requests = result.actual["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0]["qs"]["client_id"], "client-1");
    assert_eq!(requests[1]["body"]["code"], "c-1");
    assert_eq!(requests[1]["type"], "urlencoded");
    assert_eq!(requests[2]["headers"]["authorization"], "Bearer at-1");
}

#[test]
fn refresh_condition_runs_or_skips_the_section() {
    let due = run(
        &oauth2(),
        r#"{ "name": "due", "flow": "refresh", "now": "2026-03-01T12:58:00Z",
             "data": { "refreshToken": "rt-1", "expires": "2026-03-01T13:00:00.000Z" },
             "responses": [ { "body": { "access_token": "at-2" } } ],
             "expect": { "steps": ["refresh"], "data": { "accessToken": "at-2", "refreshToken": "rt-1" } } }"#,
    );
    assert!(due.passed(), "{:?}", due.outcome);
    let fresh = run(
        &oauth2(),
        r#"{ "name": "fresh", "flow": "refresh", "now": "2026-03-01T10:00:00Z",
             "data": { "refreshToken": "rt-1", "expires": "2026-03-01T13:00:00.000Z" },
             "expect": { "steps": [], "requests": [], "data": { "refreshToken": "rt-1" } } }"#,
    );
    assert!(fresh.passed(), "{:?}", fresh.outcome);
    assert_eq!(fresh.actual["data"].get("accessToken"), None);
}

#[test]
fn a_response_recorded_for_another_step_stops_the_run() {
    let result = run(
        &oauth2(),
        r#"{ "name": "drifted", "query": { "code": "c" },
             "responses": [ { "step": "info", "body": {} } ], "expect": {} }"#,
    );
    let message = stop_message(&result);
    assert!(message.contains("info"), "{message}");
}

#[test]
fn a_missing_response_stops_the_run_at_the_request() {
    let result = run(
        &oauth2(),
        r#"{ "name": "short", "query": { "code": "c" }, "expect": {} }"#,
    );
    let Outcome::Stopped(stop) = &result.outcome else {
        panic!("{:?}", result.outcome)
    };
    assert!(stop.message.contains("token"), "{}", stop.message);
    let origin = stop.origin.as_ref().expect("the request's place");
    assert_eq!(origin.file, PathBuf::from("component.iml.json"));
}

#[test]
fn basic_connection_runs_each_request_of_its_array() {
    let subject = subject(
        SubjectKind::BasicConnection,
        r#"[
          { "url": "https://api.example/login", "method": "POST", "body": { "key": "{{parameters.apiKey}}" },
            "response": { "temp": { "session": "{{body.session}}" } } },
          { "url": "https://api.example/me", "headers": { "x-session": "{{temp.session}}" },
            "response": { "uid": "{{body.id}}", "data": { "session": "{{temp.session}}" } } }
        ]"#,
        None,
    );
    let result = run(
        &subject,
        r#"{ "name": "two requests", "parameters": { "apiKey": "k-1" },
             "responses": [ { "step": "request 1", "body": { "session": "s-9" } },
                            { "step": "request 2", "body": { "id": "u-1" } } ],
             "expect": { "steps": ["request 1", "request 2"],
                         "requests": [ { "body": { "key": "k-1" } }, { "headers": { "x-session": "s-9" } } ],
                         "temp": { "session": "s-9" }, "uid": "u-1", "data": { "session": "s-9" } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

const BASE: &str = r#"{
  "baseUrl": "https://api.example/v2",
  "headers": { "authorization": "Bearer {{connection.accessToken}}", "x-client": "base" },
  "qs": { "per_page": 2 },
  "response": {
    "error": {
      "message": "[{{statusCode}}] {{body.message}}",
      "429": { "type": "RateLimitError", "message": "slow down" }
    }
  }
}"#;

#[test]
fn base_merges_headers_and_qs_key_by_key_and_joins_a_relative_url() {
    let subject = subject(
        SubjectKind::Module(None),
        r#"{ "url": "/tasks", "headers": { "x-client": "module" }, "qs": { "q": "{{parameters.q}}" },
             "response": { "output": "{{body}}" } }"#,
        Some(BASE),
    );
    let result = run(
        &subject,
        r#"{ "name": "merged", "parameters": { "q": "milk" }, "connection": { "accessToken": "at" },
             "responses": [ { "body": { "ok": true } } ],
             "expect": { "requests": [ { "url": "https://api.example/v2/tasks",
                                         "qs": { "per_page": 2, "q": "milk" },
                                         "headers": { "authorization": "Bearer at", "x-client": "module" } } ],
                         "output": { "ok": true } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

/// A module whose errors only Base maps.
fn tasks_on_base() -> Subject {
    subject(
        SubjectKind::Module(None),
        r#"{ "url": "/tasks", "response": { "output": "{{body}}" } }"#,
        Some(BASE),
    )
}

#[test]
fn base_error_mapping_turns_a_status_into_its_type_and_message() {
    let subject = tasks_on_base();
    let limited = run(
        &subject,
        r#"{ "name": "429", "responses": [ { "status": 429, "body": { "message": "busy" } } ],
             "expect": { "error": { "status": 429, "type": "RateLimitError", "message": "slow down" } } }"#,
    );
    assert!(limited.passed(), "{:?}", limited.outcome);
    let other = run(
        &subject,
        r#"{ "name": "500", "responses": [ { "status": 500, "body": { "message": "boom" } } ],
             "expect": { "error": { "status": 500, "type": "RuntimeError", "message": "[500] boom" } } }"#,
    );
    assert!(other.passed(), "{:?}", other.outcome);
    assert_eq!(other.actual.get("output"), None);
}

#[test]
fn an_unexpected_error_fails_the_case() {
    let subject = tasks_on_base();
    let result = run(
        &subject,
        r#"{ "name": "error not expected", "responses": [ { "status": 404, "body": { "message": "gone" } } ],
             "expect": { "steps": ["request"] } }"#,
    );
    assert_eq!(mismatch_paths(&result), ["/error"]);
}

#[test]
fn valid_false_is_an_error_with_the_valid_message() {
    let subject = subject(
        SubjectKind::Rpc,
        r#"{ "url": "https://api.example/x",
             "response": { "valid": { "condition": "{{body.ok}}", "message": "{{body.why}}", "type": "DataError" },
                           "output": "{{body}}" } }"#,
        None,
    );
    let result = run(
        &subject,
        r#"{ "name": "invalid", "responses": [ { "body": { "ok": false, "why": "bad input" } } ],
             "expect": { "error": { "type": "DataError", "message": "bad input" } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

#[test]
fn a_false_condition_skips_the_request_and_its_default_becomes_the_output() {
    let subject = subject(
        SubjectKind::Module(None),
        r#"{ "condition": { "condition": "{{parameters.id}}", "default": { "skipped": true } },
             "url": "https://api.example/x/{{parameters.id}}", "response": { "output": "{{body}}" } }"#,
        None,
    );
    let skipped = run(
        &subject,
        r#"{ "name": "no id", "parameters": { "id": "" },
             "expect": { "steps": [], "requests": [], "output": { "skipped": true } } }"#,
    );
    assert!(skipped.passed(), "{:?}", skipped.outcome);
    let sent = run(
        &subject,
        r#"{ "name": "id", "parameters": { "id": "7" }, "responses": [ { "body": { "id": 7 } } ],
             "expect": { "steps": ["request"], "requests": [ { "url": "https://api.example/x/7" } ], "output": { "id": 7 } } }"#,
    );
    assert!(sent.passed(), "{:?}", sent.outcome);
}

const PAGED: &str = r#"{
  "url": "https://api.example/items",
  "qs": { "limit": 2 },
  "response": {
    "iterate": "{{body.items}}",
    "output": { "id": "{{item.id}}" },
    "limit": "{{parameters.limit}}"
  },
  "pagination": {
    "qs": { "page": "{{pagination.page}}" },
    "condition": "{{body.more}}"
  }
}"#;

fn page(ids: &[u32], more: bool) -> Value {
    let items: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
    json!({ "body": { "items": items, "more": more } })
}

fn paged_case(limit: u32, pages: &[Value], expect: &str) -> String {
    format!(
        r#"{{ "name": "paged", "parameters": {{ "limit": {limit} }}, "responses": {}, "expect": {expect} }}"#,
        Value::Array(pages.to_vec())
    )
}

#[test]
fn pagination_sends_page_numbers_and_stops_when_the_condition_is_false() {
    let subject = subject(SubjectKind::Module(None), PAGED, None);
    let result = run(
        &subject,
        &paged_case(
            10,
            &[page(&[1, 2], true), page(&[3], false)],
            r#"{ "requests": [ { "qs": { "limit": 2 } }, { "page": 2, "qs": { "limit": 2, "page": 2 } } ],
                 "output": [ { "id": 1 }, { "id": 2 }, { "id": 3 } ] }"#,
        ),
    );
    assert!(result.passed(), "{:?}", result.outcome);
    assert_eq!(result.actual["requests"][0].get("page"), None);
}

#[test]
fn pagination_stops_on_an_empty_page() {
    let subject = subject(SubjectKind::Module(None), PAGED, None);
    let result = run(
        &subject,
        &paged_case(
            10,
            &[page(&[1], true), page(&[], true)],
            r#"{ "output": [ { "id": 1 } ] }"#,
        ),
    );
    assert!(result.passed(), "{:?}", result.outcome);
    assert_eq!(result.actual["requests"].as_array().unwrap().len(), 2);
}

#[test]
fn pagination_stops_at_the_limit_and_cuts_the_items() {
    let subject = subject(SubjectKind::Module(None), PAGED, None);
    let result = run(
        &subject,
        &paged_case(
            3,
            &[page(&[1, 2], true), page(&[3, 4], true)],
            r#"{ "output": [ { "id": 1 }, { "id": 2 }, { "id": 3 } ] }"#,
        ),
    );
    assert!(result.passed(), "{:?}", result.outcome);
    assert_eq!(result.actual["requests"].as_array().unwrap().len(), 2);
}

#[test]
fn pagination_stops_after_fifty_pagination_requests() {
    let subject = subject(SubjectKind::Module(None), PAGED, None);
    let pages: Vec<Value> = (0..60).map(|i| page(&[i], true)).collect();
    let result = run(&subject, &paged_case(1000, &pages, "{}"));
    // 1 request and 50 pagination requests; the 9 responses left are reported.
    assert_eq!(result.actual["requests"].as_array().unwrap().len(), 51);
    assert_eq!(result.actual["output"].as_array().unwrap().len(), 51);
    assert_eq!(mismatch_paths(&result), vec!["/responses"; 9]);
}

#[test]
fn wrapper_runs_once_over_the_collected_output() {
    let subject = subject(
        SubjectKind::Rpc,
        r#"{ "url": "https://api.example/items",
             "response": { "iterate": "{{body.items}}", "output": { "label": "{{item.name}}", "value": "{{item.id}}" },
                           "wrapper": { "choices": "{{output}}", "count": "{{length(output)}}" } } }"#,
        None,
    );
    let result = run(
        &subject,
        r#"{ "name": "wrapped", "responses": [ { "body": { "items": [ { "id": 1, "name": "a" }, { "id": 2, "name": "b" } ] } } ],
             "expect": { "output": { "count": 2, "choices": [ { "label": "a", "value": 1 }, { "label": "b", "value": 2 } ] } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

#[test]
fn iterate_condition_filters_the_items() {
    let subject = subject(
        SubjectKind::Module(None),
        r#"{ "url": "https://api.example/items",
             "response": { "iterate": { "container": "{{body.items}}", "condition": "{{item.active}}" },
                           "output": "{{item.id}}" } }"#,
        None,
    );
    let result = run(
        &subject,
        r#"{ "name": "filtered", "responses": [ { "body": { "items": [ { "id": 1, "active": true }, { "id": 2, "active": false } ] } } ],
             "expect": { "output": [1] } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

#[test]
fn a_stubbed_custom_function_gives_its_value_and_an_unstubbed_one_is_unknown() {
    let subject = subject(
        SubjectKind::Rpc,
        r#"{ "url": "https://api.example/{{signPath(parameters.p)}}", "response": { "output": "{{hashIt(body.x)}}" } }"#,
        None,
    );
    let result = run(
        &subject,
        r#"{ "name": "stubbed", "parameters": { "p": "a" }, "functions": { "signPath": "signed" },
             "responses": [ { "body": { "x": 1 } } ],
             "expect": { "requests": [ { "url": "https://api.example/signed" } ] } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    let output = result.actual["output"]
        .as_str()
        .expect("a placeholder text");
    assert!(output.starts_with("<unknown"), "{output}");
}

// Assertion kinds: each mismatch is reported at its own result path.

#[test]
fn every_assertion_kind_reports_its_own_path_when_it_does_not_hold() {
    let result = run(
        &oauth2(),
        r#"{ "name": "all wrong", "query": { "code": "c-1" },
             "responses": [
               { "body": { "access_token": "at-1", "refresh_token": "rt-1", "expires_in": 60 } },
               { "body": { "id": 1, "email": "e" } } ],
             "expect": {
               "steps": ["token"],
               "requests": [ {}, { "method": "GET" }, {} ],
               "data": { "accessToken": "at-0", "missing": 1 },
               "expires": "2030-01-01T00:00:00.000Z",
               "uid": 2,
               "metadata": { "value": "f" },
               "temp": { "code": "c-2" } } }"#,
    );
    let mut paths = mismatch_paths(&result);
    paths.sort();
    assert_eq!(
        paths,
        [
            "/data/accessToken",
            "/data/missing",
            "/expires",
            "/metadata/value",
            "/requests/1/method",
            "/steps",
            "/temp/code",
            "/uid",
        ]
    );
}

#[test]
fn a_mismatch_points_at_the_expression_that_produced_the_value() {
    let result = run(
        &oauth2(),
        r#"{ "name": "origin", "query": { "code": "c-1" },
             "responses": [ { "body": { "access_token": "at-1", "expires_in": 1 } }, { "body": { "id": 1 } } ],
             "expect": { "data": { "accessToken": "other" } } }"#,
    );
    let Outcome::Failed(mismatches) = &result.outcome else {
        panic!("{:?}", result.outcome)
    };
    let origin = mismatches[0].origin.as_ref().expect("an origin");
    assert_eq!(&OAUTH2[origin.range], "\"{{body.access_token}}\"");
    assert_eq!(mismatches[0].expected, Some(json!("other")));
    assert_eq!(mismatches[0].actual, Some(json!("at-1")));
}

/// An RPC whose output is the response body.
fn echo_rpc() -> Subject {
    subject(
        SubjectKind::Rpc,
        r#"{ "url": "https://api.example/x", "response": { "output": "{{body}}" } }"#,
        None,
    )
}

#[test]
fn output_and_error_assertions_compare_as_subsets_with_numbers_as_numbers() {
    let subject = echo_rpc();
    let result = run(
        &subject,
        r#"{ "name": "subset", "responses": [ { "body": { "a": 1, "b": [1, 2] } } ],
             "expect": { "output": { "a": 1.0 } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    let array_length = run(
        &subject,
        r#"{ "name": "arrays match by length", "responses": [ { "body": { "a": 1, "b": [1, 2] } } ],
             "expect": { "output": { "b": [1] } } }"#,
    );
    assert_eq!(mismatch_paths(&array_length), ["/output/b"]);
}

#[test]
fn a_case_without_expect_fails_and_asks_for_bless() {
    let subject = echo_rpc();
    let result = run(
        &subject,
        r#"{ "name": "new", "responses": [ { "body": 1 } ] }"#,
    );
    let Outcome::Failed(mismatches) = &result.outcome else {
        panic!("{:?}", result.outcome)
    };
    assert!(mismatches[0].message.contains("--bless"));
    assert_eq!(result.actual["output"], json!(1));
}

#[test]
fn an_unknown_flow_and_a_bad_now_stop_before_anything_runs() {
    let unknown = run(
        &oauth2(),
        r#"{ "name": "x", "flow": "verify", "expect": {} }"#,
    );
    assert!(stop_message(&unknown).contains("authorize, refresh"));
    let bad_now = run(
        &oauth2(),
        r#"{ "name": "x", "now": "yesterday", "expect": {} }"#,
    );
    assert!(stop_message(&bad_now).contains("ISO 8601"));
    let oauth1 = run(
        &subject(SubjectKind::OAuth1Connection, "{}", None),
        r#"{ "name": "x", "expect": {} }"#,
    );
    assert!(stop_message(&oauth1).contains("no flow"));
}

// Webhooks: the incoming payload, and a dedicated webhook's attach and detach.

const HOOK: &str = r#"{
  "verification": {
    "condition": "{{headers['x-hook-secret']}}",
    "respond": { "status": 200, "headers": { "x-hook-secret": "{{headers['x-hook-secret']}}" } }
  },
  "condition": "{{body.events}}",
  "iterate": "{{body.events}}",
  "output": { "id": "{{item.id}}", "account": "{{data.account}}" },
  "uid": "{{body.account_id}}",
  "respond": { "status": 202, "body": "ok" }
}"#;

fn webhook() -> Subject {
    let mut hook = subject(SubjectKind::Webhook, HOOK, Some(BASE));
    hook.attach = Some(Spec::new(
        PathBuf::from("hook.attach.iml.json"),
        r#"{ "url": "/hooks", "method": "POST", "body": { "target": "{{webhook.url}}" },
             "response": { "data": { "hookId": "{{body.id}}" } } }"#
            .into(),
    ));
    hook.detach = Some(Spec::new(
        PathBuf::from("hook.detach.iml.json"),
        r#"{ "url": "/hooks/{{webhook.hookId}}", "method": "DELETE" }"#.into(),
    ));
    hook
}

#[test]
fn an_incoming_payload_becomes_bundles_with_uid_and_answer() {
    let result = run(
        &webhook(),
        r#"{ "name": "events", "parameters": { "account": "acc" },
             "incoming": { "body": { "account_id": "u-7", "events": [ { "id": 1 }, { "id": 2 } ] } },
             "expect": { "steps": ["incoming"], "requests": [],
                         "output": [ { "id": 1, "account": "acc" }, { "id": 2, "account": "acc" } ],
                         "uid": "u-7", "respond": { "status": 202, "body": "ok" } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

#[test]
fn a_verification_request_is_answered_and_nothing_else_runs() {
    let result = run(
        &webhook(),
        r#"{ "name": "handshake", "incoming": { "headers": { "x-hook-secret": "s3" } },
             "expect": { "steps": ["verification"],
                         "respond": { "status": 200, "headers": { "x-hook-secret": "s3" } } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    assert_eq!(result.actual.get("output"), None);
}

#[test]
fn a_false_condition_drops_the_payload() {
    let result = run(
        &webhook(),
        r#"{ "name": "no events", "incoming": { "body": { "ping": true } }, "expect": { "steps": [] } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    assert_eq!(result.actual.get("output"), None);
}

#[test]
fn attach_registers_the_url_with_base_and_keeps_the_webhook_data() {
    let result = run(
        &webhook(),
        r#"{ "name": "attach", "flow": "attach", "connection": { "accessToken": "at" },
             "webhook": { "id": 5, "url": "https://hook.example/abc" },
             "responses": [ { "step": "attach", "body": { "id": "h-1" } } ],
             "expect": { "steps": ["attach"],
                         "requests": [ { "url": "https://api.example/v2/hooks", "method": "POST",
                                         "headers": { "authorization": "Bearer at" },
                                         "body": { "target": "https://hook.example/abc" } } ],
                         "data": { "hookId": "h-1" } } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
}

#[test]
fn detach_reads_the_data_attach_saved_as_webhook() {
    let result = run(
        &webhook(),
        r#"{ "name": "detach", "flow": "detach", "webhook": { "hookId": "h-1" },
             "responses": [ { "status": 204 } ],
             "expect": { "requests": [ { "url": "https://api.example/v2/hooks/h-1", "method": "DELETE" } ] } }"#,
    );
    assert!(result.passed(), "{:?}", result.outcome);
    let mut bare = webhook();
    bare.detach = None;
    let missing = run(&bare, r#"{ "name": "x", "flow": "detach", "expect": {} }"#);
    assert!(stop_message(&missing).contains("no `detach` file"));
}
