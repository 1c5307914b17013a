//! Offline spec tests for Make custom apps: a test file beside a component
//! gives a flow's inputs and the HTTP responses it would get; the runner
//! walks the flow (a connection's `authorize`, `refresh`, `invalidate`; a
//! module's or RPC's requests with Base merged; a webhook's incoming
//! payload, attach and detach), evaluates every directive
//! with the IML evaluator, and compares what it sent and produced with the
//! case's expectations. Nothing touches the network and no custom
//! JavaScript runs: a case stubs custom functions by name.
//!
//! Plain data in, plain data out, with byte ranges into the files, like the
//! rest of the core: the CLI and the language server render it.

mod bless;
mod compare;
mod connection;
mod format;
pub mod json;
mod machine;
mod module;
mod request;
mod response;
mod run;
mod step;
mod subject;
mod webhook;

use std::path::PathBuf;

use iml_jsonc::{JsonDocument, TextRange};

pub use bless::bless;
pub use compare::Mismatch;
pub use format::{
    CASE_KEYS, Case, EXPECT_KEYS, FormatProblem, Recorded, TEST_SUFFIXES, is_test_file_name,
    parse_cases,
};
pub use machine::Stop;
pub use run::{CaseResult, Outcome, run_case, run_file};
pub use subject::{Subject, SubjectKind, flows_of, oauth2_sections};

/// A spec file the runner reads directives from (a communication, Base).
#[derive(Debug)]
pub struct Spec {
    path: PathBuf,
    document: JsonDocument,
    json: serde_json::Value,
}

impl Spec {
    pub fn new(path: PathBuf, text: String) -> Spec {
        let document = JsonDocument::parse(text);
        let json = document
            .root()
            .map_or(serde_json::Value::Null, json::to_serde);
        Spec {
            path,
            document,
            json,
        }
    }

    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        self.document.text()
    }
}

/// A place in a file: the expression that produced a value, a request, a
/// recorded response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub range: TextRange,
}

/// A parsed test file: its cases and what is wrong with the file itself.
#[derive(Debug)]
pub struct TestFile {
    pub path: PathBuf,
    pub text: String,
    pub cases: Vec<Case>,
    pub problems: Vec<FormatProblem>,
}

impl TestFile {
    pub fn parse(path: PathBuf, text: String) -> TestFile {
        let document = JsonDocument::parse(text);
        let mut problems: Vec<FormatProblem> = document
            .syntax_errors()
            .iter()
            .map(|error| FormatProblem {
                range: error.range,
                message: error.message.clone(),
                syntax: true,
            })
            .collect();
        let cases = match document.root() {
            Some(root) => {
                let (cases, found) = format::parse_cases(root);
                problems.extend(found);
                cases
            }
            None => {
                problems.push(FormatProblem {
                    range: TextRange::default(),
                    message: "the test file is empty; it holds an object with a `cases` array"
                        .into(),
                    syntax: false,
                });
                Vec::new()
            }
        };
        TestFile {
            path,
            text: document.text().to_owned(),
            cases,
            problems,
        }
    }
}
