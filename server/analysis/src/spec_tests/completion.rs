//! Completion in a spec-test file: the keys of a case, a recorded response
//! and `expect`; the flows of the component in `flow`; the steps the
//! case's flow reaches in `responses[].step`; and in `expect.data` and
//! `expect.temp` the keys the flow writes.

use std::path::Path;

use iml_spectest::json::at_pointer;
use iml_spectest::{CASE_KEYS, EXPECT_KEYS, Subject, flows_of};
use text_size::{TextRange, TextSize};

use super::reach::{answered_steps, flow_or_default, writes};
use crate::host::Analysis;
use crate::ide::completion::item::{CompletionItem, CompletionKind};
use crate::semantic::{CursorTarget, JsonPath, PathSegment, position_at};

const RESPONSE_KEYS: &[&str] = &["step", "status", "headers", "body"];

pub(crate) fn completions(
    analysis: &Analysis,
    path: &Path,
    offset: TextSize,
) -> Vec<CompletionItem> {
    let Some(cursor) = position_at(analysis, path, offset) else {
        return Vec::new();
    };
    let subject = analysis.spec_test_subject(path).ok();
    match &cursor.target {
        CursorTarget::Key {
            object,
            word,
            has_colon,
            existing,
            ..
        } => {
            let names = key_names(analysis, path, subject.as_ref(), object);
            let literal = cursor.literal().map(|l| l.range);
            let editing = literal.map(|range| &analysis.file_text(path).unwrap_or("")[range]);
            names
                .into_iter()
                .filter(|name| {
                    !existing.iter().any(|e| e == name)
                        || editing.is_some_and(|e| e.trim_matches('"') == name)
                })
                .enumerate()
                .map(|(rank, name)| {
                    let (range, insert) = match literal {
                        Some(range) if *has_colon => (range, format!("\"{name}\"")),
                        Some(range) => (range, format!("\"{name}\": ")),
                        None => (*word, format!("\"{name}\": ")),
                    };
                    let quoted = literal.is_some();
                    item(
                        &name,
                        CompletionKind::Property,
                        "spec-test key",
                        insert,
                        range,
                        rank,
                        quoted,
                    )
                })
                .collect()
        }
        CursorTarget::StringValue { range, .. } => {
            let values = string_values(analysis, path, subject.as_ref(), &cursor.path);
            values
                .into_iter()
                .enumerate()
                .map(|(rank, (value, detail))| {
                    let insert = format!("\"{value}\"");
                    item(
                        &value,
                        CompletionKind::EnumMember,
                        detail,
                        insert,
                        *range,
                        rank,
                        true,
                    )
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The keys that may go in the object at `object`.
fn key_names(
    analysis: &Analysis,
    path: &Path,
    subject: Option<&Subject>,
    object: &JsonPath,
) -> Vec<String> {
    let owned = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect();
    let (words, case) = shape(object);
    match words.as_slice() {
        [] => vec!["cases".to_owned()],
        ["cases", "#"] => owned(CASE_KEYS),
        ["cases", "#", "responses", "#"] => owned(RESPONSE_KEYS),
        ["cases", "#", "expect", rest @ ..] => {
            let Some(subject) = subject else {
                return if rest.is_empty() {
                    owned(EXPECT_KEYS)
                } else {
                    Vec::new()
                };
            };
            let flow = case_flow(analysis, path, subject, case);
            let written = writes(subject, &flow);
            match rest {
                [] => EXPECT_KEYS
                    .iter()
                    .filter(|k| {
                        matches!(**k, "steps" | "requests" | "temp" | "error")
                            || written.results.contains(k)
                    })
                    .map(|k| (*k).to_owned())
                    .collect(),
                ["data"] => written.data.keys,
                ["temp"] => written.temp.keys,
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Values for the string at `at`, with a detail line.
fn string_values(
    analysis: &Analysis,
    path: &Path,
    subject: Option<&Subject>,
    at: &JsonPath,
) -> Vec<(String, &'static str)> {
    let Some(subject) = subject else {
        return Vec::new();
    };
    let (words, case) = shape(at);
    match words.as_slice() {
        ["cases", "#", "flow"] => flows_of(subject.kind)
            .iter()
            .map(|f| ((*f).to_owned(), "flow"))
            .collect(),
        ["cases", "#", "responses", "#", "step"] => {
            let flow = case_flow(analysis, path, subject, case);
            answered_steps(subject, &flow)
                .into_iter()
                .map(|step| (step, "step of the flow"))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// A path as words to match on: keys as themselves, indices as `#`; and
/// the first index (the case's).
fn shape(path: &JsonPath) -> (Vec<&str>, usize) {
    let mut case = 0;
    let mut words = Vec::new();
    for segment in path.segments() {
        match segment {
            PathSegment::Key(key) => words.push(key.as_str()),
            PathSegment::Index(index) => {
                if words.len() == 1 {
                    case = *index;
                }
                words.push("#");
            }
        }
    }
    (words, case)
}

/// The flow case `index` runs.
fn case_flow(analysis: &Analysis, path: &Path, subject: &Subject, index: usize) -> String {
    let written = analysis
        .root_value(path)
        .and_then(|root| at_pointer(root, &format!("/cases/{index}/flow")))
        .and_then(|flow| match &flow.kind {
            iml_jsonc::ValueKind::String(s) => Some(s.decoded.as_str().to_owned()),
            _ => None,
        });
    flow_or_default(subject.kind, written.as_deref()).unwrap_or_default()
}

fn item(
    label: &str,
    kind: CompletionKind,
    detail: &str,
    insert_text: String,
    replace_range: TextRange,
    rank: usize,
    quoted: bool,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind,
        detail: detail.to_owned(),
        documentation: None,
        filter_text: if quoted {
            format!("\"{label}\"")
        } else {
            label.to_owned()
        },
        insert_text,
        is_snippet: false,
        replace_range,
        sort_text: format!("{rank:04}"),
    }
}
