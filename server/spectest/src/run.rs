//! Running a case: its inputs become the machine's variables, the flow
//! runs, and the results are compared with `expect`.
//!
//! Choices where the docs are silent, written down in docs/testing.md:
//! `now` defaults to 2025-01-01T00:00:00Z so that runs repeat; the zone
//! defaults to UTC; `common` defaults to the component's common data file.

use iml_eval::{Env, Value};
use iml_jsonc::{JsonDocument, TextRange};
use jiff::Timestamp;

use crate::compare::{Mismatch, compare};
use crate::connection::{oauth_var, run_basic, run_oauth2};
use crate::format::Case;
use crate::machine::{Machine, Stop, result_json, revive_dates};
use crate::module::run_module;
use crate::subject::{Subject, SubjectKind, flows_of};
use crate::webhook::run_webhook;
use crate::{Origin, TestFile};

/// The instant a case runs at unless it gives `now`.
pub const DEFAULT_NOW: &str = "2025-01-01T00:00:00Z";

/// How a case ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Passed,
    /// The flow ran; these expectations did not hold.
    Failed(Vec<Mismatch>),
    /// The flow could not run to its end (an expression Make would reject,
    /// a missing recorded response, an unknown flow).
    Stopped(Stop),
}

/// One case's outcome, with everything the flow produced (what `--bless`
/// writes as the new expectations).
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    pub name_range: TextRange,
    pub outcome: Outcome,
    pub actual: serde_json::Value,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.outcome == Outcome::Passed
    }
}

/// Runs every case of a test file.
pub fn run_file(subject: &Subject, file: &TestFile) -> Vec<CaseResult> {
    let document = JsonDocument::parse(file.text.clone());
    file.cases
        .iter()
        .map(|case| run_case(subject, case, &file.path, document.root()))
        .collect()
}

/// Runs one case; `test_root` is the test file's parsed root, for the
/// places of expectations and recorded responses.
pub fn run_case(
    subject: &Subject,
    case: &Case,
    test_path: &std::path::Path,
    test_root: Option<&iml_jsonc::Value>,
) -> CaseResult {
    let at_test = |range: TextRange| Origin {
        file: test_path.to_path_buf(),
        range,
    };
    let finish = |outcome: Outcome, actual: serde_json::Value| CaseResult {
        name: case.name.clone(),
        name_range: case.name_range,
        outcome,
        actual,
    };
    let mut m = match machine_for(subject, case) {
        Ok(m) => m,
        Err((message, range)) => {
            return finish(
                Outcome::Stopped(Stop {
                    message,
                    origin: Some(at_test(range)),
                }),
                serde_json::Value::Null,
            );
        }
    };
    let flows = flows_of(subject.kind);
    let flow = case.flow.as_ref().map_or_else(
        || flows.first().copied().unwrap_or("").to_owned(),
        |(flow, _)| flow.clone(),
    );
    let flow_range = case.flow.as_ref().map_or(case.name_range, |(_, r)| *r);
    if flows.is_empty() {
        let message = format!(
            "{} has no flow the runner can run yet (connection, module, RPC and webhook flows are run)",
            subject.label
        );
        return finish(
            Outcome::Stopped(Stop {
                message,
                origin: Some(at_test(flow_range)),
            }),
            serde_json::Value::Null,
        );
    }
    if !flows.contains(&flow.as_str()) {
        let message = format!(
            "`{flow}` is no flow of {}; its flows are: {}",
            subject.label,
            flows.join(", ")
        );
        return finish(
            Outcome::Stopped(Stop {
                message,
                origin: Some(at_test(flow_range)),
            }),
            serde_json::Value::Null,
        );
    }
    let ran = match subject.kind {
        SubjectKind::OAuth2Connection => run_oauth2(&mut m, subject, &flow),
        SubjectKind::BasicConnection => run_basic(&mut m, subject),
        SubjectKind::Webhook => run_webhook(&mut m, subject, &flow),
        _ => run_module(&mut m, subject),
    };
    let actual = results(&m, subject, &flow);
    if let Err(stop) = ran {
        return finish(Outcome::Stopped(stop), actual);
    }
    let mut mismatches = Vec::new();
    let expect_pointer = format!("{}/expect", case.pointer);
    match &case.expect {
        Some(expect) => {
            mismatches = compare(expect, &actual, test_root, &expect_pointer, &|path| {
                m.origin_of(path)
            });
            if m.error.is_some() && !expect.contains_key("error") {
                mismatches.push(Mismatch {
                    path: "/error".into(),
                    message: "the flow ended with an error the case does not expect".into(),
                    expected: None,
                    actual: actual.get("error").cloned(),
                    origin: m.origin_of("/error"),
                    expected_range: case.expect_range,
                });
            }
        }
        None => mismatches.push(Mismatch {
            path: String::new(),
            message: "the case has no `expect` yet; `iml-ls test --bless` writes the results as its expectations".into(),
            expected: None,
            actual: None,
            origin: None,
            expected_range: Some(case.name_range),
        }),
    }
    for unused in &m.responses {
        mismatches.push(Mismatch {
            path: "/responses".into(),
            message: "this recorded response was never used: the flow sent fewer requests".into(),
            expected: None,
            actual: None,
            origin: None,
            expected_range: Some(unused.range),
        });
    }
    let outcome = if mismatches.is_empty() {
        Outcome::Passed
    } else {
        Outcome::Failed(mismatches)
    };
    finish(outcome, actual)
}

/// The machine a case starts with; `Err` names a bad input and its place.
fn machine_for<'a>(subject: &'a Subject, case: &Case) -> Result<Machine<'a>, (String, TextRange)> {
    let now = match &case.now {
        Some((text, range)) => parse_now(text).ok_or_else(|| {
            (
                format!("`now` must be an ISO 8601 instant such as {DEFAULT_NOW}; `{text}` is not"),
                *range,
            )
        })?,
        None => DEFAULT_NOW.parse().expect("the default instant parses"),
    };
    let timezone = match &case.timezone {
        Some((zone, range)) => {
            Env::new()
                .with_timezone(zone)
                .map_err(|message| (message, *range))?;
            zone.clone()
        }
        None => "UTC".to_owned(),
    };
    let mut m = Machine::new(now, timezone);
    m.functions = case.functions.clone();
    m.responses = case.responses.iter().cloned().collect();
    let input = |key: &str| case.inputs.get(key);
    let object = |value: Option<&serde_json::Value>| {
        revive_dates(value.unwrap_or(&serde_json::Value::Object(serde_json::Map::new())))
    };
    m.var("parameters", object(input("parameters")));
    m.var(
        "common",
        revive_dates(input("common").unwrap_or(&subject.common)),
    );
    if let Value::Collection(data) = object(input("data")) {
        m.data = data;
    }
    if let Some(query) = input("query") {
        m.var("query", revive_dates(query));
    }
    match subject.kind {
        SubjectKind::OAuth2Connection | SubjectKind::OAuth1Connection => {
            let scope = input("scope").unwrap_or(&subject.default_scope);
            m.var("oauth", oauth_var(revive_dates(scope)));
        }
        SubjectKind::BasicConnection => {}
        SubjectKind::Webhook => {
            m.var("connection", object(input("connection")));
            m.var("webhook", object(input("webhook")));
            m.incoming = object(input("incoming"));
            // In a webhook's communication `data` is `parameters` (webhooks page).
            if case
                .flow
                .as_ref()
                .is_none_or(|(flow, _)| flow == "incoming")
            {
                m.var("data", object(input("parameters")));
            }
        }
        _ => m.var("connection", object(input("connection"))),
    }
    Ok(m)
}

/// An instant: RFC 3339 with an offset, or a plain date (midnight UTC).
fn parse_now(text: &str) -> Option<Timestamp> {
    text.parse::<Timestamp>().ok().or_else(|| {
        let date: jiff::civil::Date = text.parse().ok()?;
        date.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// Everything the run produced, in a fixed key order.
fn results(m: &Machine, subject: &Subject, flow: &str) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    out.insert("steps".into(), m.steps.clone().into());
    out.insert("requests".into(), m.requests.clone().into());
    let is_connection = matches!(
        subject.kind,
        SubjectKind::OAuth2Connection
            | SubjectKind::OAuth1Connection
            | SubjectKind::BasicConnection
    );
    // Attach's `response.data` is the webhook's data, as a connection's is its.
    if is_connection || (subject.kind == SubjectKind::Webhook && flow == "attach") {
        out.insert(
            "data".into(),
            result_json(&Value::Collection(m.data.clone())),
        );
    }
    for key in ["expires", "uid", "metadata", "output", "respond"] {
        if let Some(value) = m.results.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    if !m.temp.is_empty() {
        out.insert(
            "temp".into(),
            result_json(&Value::Collection(m.temp.clone())),
        );
    }
    if let Some(error) = &m.error {
        out.insert("error".into(), error.clone());
    }
    serde_json::Value::Object(out)
}
