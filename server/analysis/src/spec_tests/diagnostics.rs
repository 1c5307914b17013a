//! Diagnostics of a spec-test file, before anything runs: the file's shape
//! (`T001`), the component it tests (`T002`), each case's flow (`T003`),
//! recorded responses for steps the flow never reaches (`T004`), and
//! expectations on results nothing in the flow writes (`T005`).

use std::path::Path;

use iml_catalogue::Severity;
use iml_jsonc::{TextRange, Value, ValueKind};
use iml_spectest::json::at_pointer;
use iml_spectest::{Case, Subject, TestFile, flows_of};

use super::reach::{answered_steps, flow_or_default, writes};
use crate::diagnostics::Diagnostic;
use crate::host::Analysis;

/// Results every flow has.
const ALWAYS_WRITTEN: &[&str] = &["steps", "requests", "temp", "error"];

pub(crate) fn file_diagnostics(analysis: &Analysis, path: &Path) -> Vec<Diagnostic> {
    let (Some(text), Some(root)) = (analysis.file_text(path), analysis.root_value(path)) else {
        return Vec::new();
    };
    let file = TestFile::parse(path.to_path_buf(), text.to_owned());
    let mut out: Vec<Diagnostic> = file
        .problems
        .iter()
        .filter(|problem| !problem.syntax)
        .map(|problem| diagnostic("T001", problem.range, problem.message.clone()))
        .collect();
    let subject = match analysis.spec_test_subject(path) {
        Ok(subject) => subject,
        Err(message) => {
            let range = match &root.kind {
                ValueKind::Object(members) => members
                    .iter()
                    .find(|m| m.key.decoded.as_str() == "cases")
                    .map_or(root.range, |m| m.key.range),
                _ => root.range,
            };
            out.push(diagnostic("T002", range, message));
            return out;
        }
    };
    for case in &file.cases {
        check_case(&subject, case, root, &mut out);
    }
    out
}

fn check_case(subject: &Subject, case: &Case, root: &Value, out: &mut Vec<Diagnostic>) {
    let flows = flows_of(subject.kind);
    if flows.is_empty() {
        // The runner says why the case cannot run; nothing to check here.
        return;
    }
    let Some(flow) = flow_or_default(subject.kind, case.flow.as_ref().map(|(f, _)| f.as_str()))
    else {
        return;
    };
    if !flows.contains(&flow.as_str()) {
        if let Some((_, range)) = &case.flow {
            out.push(diagnostic(
                "T003",
                *range,
                format!(
                    "`{flow}` is no flow of {}; its flows are: {}",
                    subject.label,
                    flows.join(", ")
                ),
            ));
        }
        return;
    }
    let steps = answered_steps(subject, &flow);
    for (index, response) in case.responses.iter().enumerate() {
        let Some(step) = &response.step else {
            continue;
        };
        if !steps.contains(step) {
            let pointer = format!("{}/responses/{index}/step", case.pointer);
            let range = at_pointer(root, &pointer).map_or(response.range, |v| v.range);
            let known = if steps.is_empty() {
                "it sends no request".to_owned()
            } else {
                format!("its steps are: {}", steps.join(", "))
            };
            out.push(diagnostic(
                "T004",
                range,
                format!("the `{flow}` flow never reaches `{step}`; {known}"),
            ));
        }
    }
    let Some(expect) = at_pointer(root, &format!("{}/expect", case.pointer)) else {
        return;
    };
    let ValueKind::Object(members) = &expect.kind else {
        return;
    };
    let written = writes(subject, &flow);
    for m in members {
        let key = m.key.decoded.as_str();
        let known = ALWAYS_WRITTEN.contains(&key) || written.results.contains(&key);
        if !known && iml_spectest::EXPECT_KEYS.contains(&key) {
            out.push(diagnostic(
                "T005",
                m.key.range,
                format!(
                    "nothing in the `{flow}` flow of {} writes `{key}`",
                    subject.label
                ),
            ));
            continue;
        }
        let (set, input) = match key {
            "data" => (&written.data, case.inputs.get("data")),
            "temp" => (&written.temp, None),
            _ => continue,
        };
        let Some(ValueKind::Object(expected)) = m.value.as_ref().map(|v| &v.kind) else {
            continue;
        };
        for item in expected {
            let name = item.key.decoded.as_str();
            let given = input.and_then(|i| i.get(name)).is_some();
            if !set.allows(name) && !given {
                out.push(diagnostic(
                    "T005",
                    item.key.range,
                    format!(
                        "nothing in the `{flow}` flow of {} writes `{key}.{name}`{}",
                        subject.label,
                        did_you_mean(name, &set.keys)
                    ),
                ));
            }
        }
    }
}

fn did_you_mean(name: &str, keys: &[String]) -> String {
    crate::suggest::closest_by(
        name,
        keys.iter().map(String::as_str),
        crate::suggest::edit_distance_ignoring_case,
        |candidate| (candidate.chars().count() / 3).max(1),
    )
    .map(|best| format!("; did you mean `{best}`?"))
    .unwrap_or_default()
}

pub(super) fn diagnostic(code: &'static str, range: TextRange, message: String) -> Diagnostic {
    Diagnostic {
        code,
        severity: iml_catalogue::rule(code).map_or(Severity::Error, |rule| rule.severity),
        message,
        range,
        help: None,
        fixes: Vec::new(),
    }
}
