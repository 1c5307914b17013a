//! Fixture tests of completion, hover and signature help. Each fixture holds
//! one `$0` cursor; results are rendered compactly for the snapshots.

mod completion;
mod groups;
mod hover;
mod signature;

use std::path::PathBuf;

use iml_fixture::Fixture;
use text_size::TextSize;

use crate::{Analysis, AnalysisHost, CompletionItem};

/// The manifest shared by the multi-file fixtures.
pub(super) const MANIFEST: &str = r#"
//- /app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json", "common": "general/common.json" },
  "components": {
    "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
      "communication": "connections/acme/acme.oauth-communication.iml.json",
      "params": "connections/acme/acme.params.iml.json",
      "common": "connections/acme/acme.common.json" } } },
    "module": {
      "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
        "communication": "modules/list-tasks/list-tasks.communication.iml.json",
        "staticParams": "modules/list-tasks/list-tasks.static-params.iml.json",
        "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json",
        "interface": "modules/list-tasks/list-tasks.interface.iml.json",
        "samples": "modules/list-tasks/list-tasks.samples.iml.json" } },
      "watchTasks": { "moduleType": "trigger", "connection": "acme", "codeFiles": {
        "communication": "modules/watch-tasks/watch-tasks.communication.iml.json" } }
    },
    "rpc": {
      "listProjects": { "connection": "acme", "codeFiles": {
        "communication": "rpcs/list-projects/list-projects.communication.iml.json" } },
      "listUsers": { "connection": "acme", "codeFiles": {
        "communication": "rpcs/list-users/list-users.communication.iml.json" } }
    },
    "function": { "formatDue": { "codeFiles": { "code": "functions/format-due/format-due.code.js" } } }
  }
}
//- /app/general/common.json
{ "apiVersion": "v2", "limits": { "perPage": 100 } }
//- /app/connections/acme/acme.common.json
{ "clientId": "abc", "clientSecret": "def" }
//- /app/connections/acme/acme.params.iml.json
[
  { "name": "clientId", "type": "text", "label": "Client ID", "help": "From the developer console." },
  { "name": "clientSecret", "type": "password", "label": "Client secret" },
  { "name": "region", "type": "collection", "label": "Region", "spec": [
    { "name": "host", "type": "text", "label": "Host" },
    { "name": "zone", "type": "text" }
  ] }
]
//- /app/functions/format-due/format-due.code.js
function formatDue(date) { return date; }
"#;

/// The OAuth 2 communication used wherever the connection matters.
pub(super) const OAUTH2: &str = r#"
//- /app/connections/acme/acme.oauth-communication.iml.json
{
  "authorize": {
    "url": "https://auth.example.com/authorize",
    "response": { "temp": { "code": "{{query.code}}" } }
  },
  "token": {
    "url": "https://auth.example.com/token",
    "method": "POST",
    "temp": { "verifier": "x" },
    "response": {
      "data": { "accessToken": "{{body.access_token}}", "refreshToken": "{{body.refresh_token}}",
                "account": { "id": "{{body.account.id}}" } }
    }
  },
  "refresh": {
    "url": "https://auth.example.com/token",
    "response": { "data": { "accessToken": "{{body.access_token}}" } }
  }
}
"#;

/// Loads a fixture; the file holding `$0` is the one asked about.
pub(super) fn load(fixture: &str) -> (Analysis, PathBuf, TextSize) {
    let fixture = Fixture::parse(fixture, "/app/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    let (path, offset) = fixture.cursor().expect("fixture needs a $0 cursor");
    (
        host.snapshot(),
        PathBuf::from(path),
        TextSize::try_from(offset).unwrap_or_default(),
    )
}

/// Joins fixture parts (shared files plus the file under test).
pub(super) fn fixture(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| iml_fixture::trim_indent(p))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn completions(fixture: &str) -> (String, Vec<CompletionItem>) {
    let (analysis, path, offset) = load(fixture);
    let text = analysis.file_text(&path).unwrap_or_default().to_owned();
    (text, analysis.completions(&path, offset))
}

/// One line per item: label, kind, detail, insert text, and the replaced text.
pub(super) fn render(text: &str, items: &[CompletionItem], limit: usize) -> String {
    let mut out = String::new();
    for item in items.iter().take(limit) {
        let replaced =
            &text[usize::from(item.replace_range.start())..usize::from(item.replace_range.end())];
        out.push_str(&format!(
            "{} [{}] {} => {}{} (replaces {:?})\n",
            item.label,
            item.kind.code(),
            item.detail,
            item.insert_text,
            if item.is_snippet { " (snippet)" } else { "" },
            replaced,
        ));
    }
    if items.len() > limit {
        out.push_str(&format!("… {} more\n", items.len() - limit));
    }
    out
}

pub(super) fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}
