//! The spec-test file: `<component>.tests.iml.json` beside the component it
//! tests, a `cases` array whose cases give the inputs of one flow, the
//! recorded HTTP responses and the expected results (see `docs/testing.md`).

use iml_jsonc::{TextRange, Value, ValueKind};

use crate::json::{member, to_serde};

/// The suffix that marks a spec-test file (also with `.imljson` and
/// `.iml.jsonc`, like every IML JSON file).
pub const TEST_SUFFIXES: &[&str] = &[".tests.iml.json", ".tests.imljson", ".tests.iml.jsonc"];

/// Whether a file name is a spec-test file's.
pub fn is_test_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TEST_SUFFIXES.iter().any(|suffix| lower.ends_with(suffix))
}

/// The case keys that become variables or the machine's starting state.
const INPUT_KEYS: &[&str] = &[
    "parameters",
    "common",
    "data",
    "connection",
    "query",
    "scope",
    "webhook",
    "incoming",
];

/// The keys a case may hold; anything else is reported.
pub const CASE_KEYS: &[&str] = &[
    "name",
    "flow",
    "now",
    "timezone",
    "parameters",
    "common",
    "data",
    "connection",
    "query",
    "scope",
    "webhook",
    "incoming",
    "functions",
    "responses",
    "expect",
];

/// The results a case may assert on.
pub const EXPECT_KEYS: &[&str] = &[
    "steps", "requests", "data", "expires", "uid", "metadata", "temp", "output", "respond", "error",
];

/// One recorded HTTP response.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The step it answers, when the case names it (checked when consumed).
    pub step: Option<String>,
    pub status: u16,
    pub headers: serde_json::Map<String, serde_json::Value>,
    pub body: serde_json::Value,
    pub range: TextRange,
}

/// One test case.
#[derive(Debug, Clone)]
pub struct Case {
    /// JSON pointer of the case in its file (`/cases/2`).
    pub pointer: String,
    pub name: String,
    pub name_range: TextRange,
    pub range: TextRange,
    pub flow: Option<(String, TextRange)>,
    pub now: Option<(String, TextRange)>,
    pub timezone: Option<(String, TextRange)>,
    /// Inputs by variable name (`parameters`, `common`, `data`, …).
    pub inputs: serde_json::Map<String, serde_json::Value>,
    pub functions: serde_json::Map<String, serde_json::Value>,
    pub responses: Vec<Recorded>,
    pub expect: Option<serde_json::Map<String, serde_json::Value>>,
    /// Span of the `expect` value, for `--bless` to replace.
    pub expect_range: Option<TextRange>,
}

/// A problem with the test file itself (not a failing case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatProblem {
    pub range: TextRange,
    pub message: String,
    /// A JSONC syntax error (which the checker reports as `J…` already).
    pub syntax: bool,
}

/// The cases of a test file, and what is wrong with it.
pub fn parse_cases(root: &Value) -> (Vec<Case>, Vec<FormatProblem>) {
    let mut problems = Vec::new();
    let Some(cases) = member(root, "cases") else {
        problems.push(problem(
            root.range,
            "a test file is an object with a `cases` array",
        ));
        return (Vec::new(), problems);
    };
    let ValueKind::Array(items) = &cases.kind else {
        problems.push(problem(
            cases.range,
            "`cases` must be an array of test cases",
        ));
        return (Vec::new(), problems);
    };
    let mut parsed = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(case) = parse_case(item, format!("/cases/{index}"), &mut problems) {
            parsed.push(case);
        }
    }
    (parsed, problems)
}

fn parse_case(value: &Value, pointer: String, problems: &mut Vec<FormatProblem>) -> Option<Case> {
    let ValueKind::Object(members) = &value.kind else {
        problems.push(problem(value.range, "a test case must be an object"));
        return None;
    };
    for m in members {
        if !CASE_KEYS.contains(&m.key.decoded.as_str()) {
            problems.push(problem(
                m.key.range,
                &format!(
                    "unknown key `{}` in a test case; the keys are: {}",
                    m.key.decoded.as_str(),
                    CASE_KEYS.join(", ")
                ),
            ));
        }
    }
    let Some((name, name_range)) = text_member(value, "name", problems) else {
        problems.push(problem(value.range, "a test case needs a `name`"));
        return None;
    };
    let mut inputs = serde_json::Map::new();
    for key in INPUT_KEYS {
        if let Some(input) = member(value, key) {
            inputs.insert((*key).to_owned(), to_serde(input));
        }
    }
    let functions = match member(value, "functions").map(to_serde) {
        Some(serde_json::Value::Object(map)) => map,
        Some(_) => {
            problems.push(problem(
                member(value, "functions").map_or(value.range, |v| v.range),
                "`functions` maps custom function names to the value a call gives",
            ));
            serde_json::Map::new()
        }
        None => serde_json::Map::new(),
    };
    let responses = member(value, "responses")
        .map(|r| parse_responses(r, problems))
        .unwrap_or_default();
    let expect_value = member(value, "expect");
    let expect = match expect_value.map(to_serde) {
        Some(serde_json::Value::Object(map)) => {
            for m in object_members(expect_value) {
                if !EXPECT_KEYS.contains(&m.0) {
                    problems.push(problem(
                        m.1,
                        &format!(
                            "`{}` is no result of a flow; a case can expect: {}",
                            m.0,
                            EXPECT_KEYS.join(", ")
                        ),
                    ));
                }
            }
            Some(map)
        }
        Some(_) => {
            problems.push(problem(
                expect_value.map_or(value.range, |v| v.range),
                "`expect` must be an object of expected results",
            ));
            None
        }
        None => None,
    };
    Some(Case {
        pointer,
        name,
        name_range,
        range: value.range,
        flow: text_member(value, "flow", problems),
        now: text_member(value, "now", problems),
        timezone: text_member(value, "timezone", problems),
        inputs,
        functions,
        responses,
        expect,
        expect_range: expect_value.map(|v| v.range),
    })
}

fn object_members(value: Option<&Value>) -> Vec<(&str, TextRange)> {
    match value.map(|v| &v.kind) {
        Some(ValueKind::Object(members)) => members
            .iter()
            .map(|m| (m.key.decoded.as_str(), m.key.range))
            .collect(),
        _ => Vec::new(),
    }
}

fn parse_responses(value: &Value, problems: &mut Vec<FormatProblem>) -> Vec<Recorded> {
    let ValueKind::Array(items) = &value.kind else {
        problems.push(problem(
            value.range,
            "`responses` is an array of recorded responses, in the order the requests are sent",
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let json = to_serde(item);
        let Some(object) = json.as_object() else {
            problems.push(problem(
                item.range,
                "a recorded response is an object with `status`, `headers` and `body`",
            ));
            continue;
        };
        for key in object.keys() {
            if !["step", "status", "headers", "body"].contains(&key.as_str()) {
                problems.push(problem(
                    item.range,
                    &format!("unknown key `{key}` in a recorded response; the keys are: step, status, headers, body"),
                ));
            }
        }
        let status = match object.get("status") {
            None => 200,
            Some(s) => match s.as_u64().filter(|s| (100..=999).contains(s)) {
                Some(s) => s as u16,
                None => {
                    problems.push(problem(
                        item.range,
                        "`status` must be an HTTP status code (100 to 999)",
                    ));
                    continue;
                }
            },
        };
        let headers = match object.get("headers") {
            Some(serde_json::Value::Object(map)) => map.clone(),
            _ => serde_json::Map::new(),
        };
        out.push(Recorded {
            step: object
                .get("step")
                .and_then(|s| s.as_str())
                .map(str::to_owned),
            status,
            headers,
            body: object
                .get("body")
                .cloned()
                .unwrap_or(serde_json::Value::Null),
            range: item.range,
        });
    }
    out
}

fn text_member(
    value: &Value,
    key: &str,
    problems: &mut Vec<FormatProblem>,
) -> Option<(String, TextRange)> {
    let found = member(value, key)?;
    match &found.kind {
        ValueKind::String(s) => Some((s.decoded.as_str().to_owned(), found.range)),
        _ => {
            problems.push(problem(found.range, &format!("`{key}` must be a string")));
            None
        }
    }
}

fn problem(range: TextRange, message: &str) -> FormatProblem {
    FormatProblem {
        range,
        message: message.to_owned(),
        syntax: false,
    }
}
