//! The runner on random recorded responses and payloads: whatever a server
//! sends or a webhook receives (any status, any headers, any body, too few
//! or too many responses), a run ends, without a panic, within the
//! pagination bound, with results that are plain JSON.

use std::path::PathBuf;

use iml_spectest::{Outcome, Spec, Subject, SubjectKind, TestFile, run_file};
use proptest::prelude::*;
use serde_json::{Value, json};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[a-z0-9 {}.:/-]{0,12}".prop_map(Value::from),
        // Keys the specs below read, so that some runs go deep.
        prop_oneof![
            Just("items"),
            Just("more"),
            Just("access_token"),
            Just("id")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("items".to_owned()),
                        Just("more".to_owned()),
                        Just("id".to_owned()),
                        Just("access_token".to_owned()),
                        Just("expires_in".to_owned()),
                        "[a-z]{1,4}",
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn recorded() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just(200u16),
            Just(201),
            Just(204),
            Just(400),
            Just(429),
            100u16..600
        ],
        prop::option::of(prop_oneof![
            Just("application/json"),
            Just("text/plain"),
            Just("application/json; charset=utf-8"),
        ]),
        prop_oneof![json_value(), "[ -~]{0,20}".prop_map(Value::from)],
    )
        .prop_map(|(status, content_type, body)| {
            let mut response = json!({ "status": status, "body": body });
            if let Some(content_type) = content_type {
                response["headers"] = json!({ "content-type": content_type });
            }
            response
        })
}

const PAGED_MODULE: &str = r#"{
  "url": "/items",
  "response": {
    "iterate": "{{body.items}}",
    "output": { "id": "{{item.id}}", "n": "{{length(item)}}" },
    "limit": "{{parameters.limit}}",
    "error": { "message": "{{body.message}}" }
  },
  "pagination": { "qs": { "page": "{{pagination.page}}" }, "condition": "{{body.more}}" }
}"#;

const BASE: &str =
    r#"{ "baseUrl": "https://api.example", "response": { "valid": "{{body.id != 0}}" } }"#;

const OAUTH2: &str = r#"{
  "authorize": { "url": "https://auth.example/a", "response": { "temp": { "code": "{{query.code}}" } } },
  "token": { "url": "https://auth.example/t", "method": "POST", "body": { "code": "{{temp.code}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}" },
                  "expires": "{{addSeconds(now, body.expires_in)}}" } },
  "info": { "url": "https://api.example/me", "response": { "uid": "{{body.id}}" } },
  "refresh": { "url": "https://auth.example/t", "method": "POST",
    "response": { "data": { "accessToken": "{{body.access_token}}" } } }
}"#;

const HOOK: &str = r#"{
  "verification": { "condition": "{{body.challenge}}", "respond": { "body": "{{body.challenge}}" } },
  "condition": "{{body.items}}",
  "iterate": { "container": "{{body.items}}", "condition": "{{item.id}}" },
  "output": { "id": "{{item.id}}" },
  "uid": "{{body.id}}"
}"#;

fn run(kind: SubjectKind, communication: &str, base: Option<&str>, case: Value) -> Vec<Value> {
    let subject = Subject {
        kind,
        label: "random".into(),
        communication: Spec::new(PathBuf::from("c.iml.json"), communication.into()),
        base: base.map(|text| Spec::new(PathBuf::from("base.iml.json"), text.into())),
        common: json!({}),
        default_scope: json!([]),
        attach: None,
        detach: None,
    };
    let text = json!({ "cases": [case] }).to_string();
    let file = TestFile::parse(PathBuf::from("c.tests.iml.json"), text);
    run_file(&subject, &file)
        .into_iter()
        .map(|result| {
            if let Outcome::Failed(mismatches) = &result.outcome {
                assert!(!mismatches.is_empty());
            }
            // Results are plain JSON a report can print.
            serde_json::to_string(&result.actual).expect("results serialise");
            result.actual
        })
        .collect()
}

fn sent(actual: &Value) -> usize {
    actual["requests"].as_array().map_or(0, Vec::len)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_paginated_module_ends_within_the_page_bound(
        responses in prop::collection::vec(recorded(), 0..60),
        limit in prop_oneof![Just(Value::Null), (0u32..200).prop_map(Value::from)],
    ) {
        let case = json!({
            "name": "random",
            "parameters": { "limit": limit },
            "responses": responses,
            "expect": {},
        });
        for actual in run(SubjectKind::Module(None), PAGED_MODULE, Some(BASE), case) {
            // One request and at most 50 pagination requests.
            prop_assert!(sent(&actual) <= 51);
            // A request is recorded before its response is looked for.
            prop_assert!(sent(&actual) <= responses.len() + 1);
        }
    }

    #[test]
    fn an_oauth2_flow_ends_within_its_sections(
        responses in prop::collection::vec(recorded(), 0..6),
        flow in prop_oneof![Just("authorize"), Just("refresh"), Just("info"), Just("invalidate")],
        code in json_value(),
    ) {
        let case = json!({
            "name": "random",
            "flow": flow,
            "query": { "code": code },
            "responses": responses,
            "expect": {},
        });
        for actual in run(SubjectKind::OAuth2Connection, OAUTH2, None, case) {
            prop_assert!(sent(&actual) <= 3);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_webhook_takes_any_payload(body in json_value(), query in json_value()) {
        let case = json!({
            "name": "random",
            "incoming": { "body": body, "query": query },
            "expect": {},
        });
        for actual in run(SubjectKind::Webhook, HOOK, None, case) {
            // The payload step sends nothing.
            prop_assert_eq!(sent(&actual), 0);
        }
    }
}
