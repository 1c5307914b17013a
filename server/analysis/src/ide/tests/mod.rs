//! Fixture tests of the editor features. The cursor features' fixtures hold
//! one `$0`; results are rendered compactly for the snapshots.

mod completion;
mod definition;
mod folding;
mod groups_completion;
mod groups_navigation;
mod highlight;
mod hover;
mod inlay_hints;
mod links;
mod references;
mod rename;
mod selection;
mod semantic_tokens;
mod signature;
mod symbols;

use std::path::{Path, PathBuf};

use iml_fixture::Fixture;
use text_size::{TextRange, TextSize};

use crate::host::{Analysis, AnalysisHost};
use crate::ide::CompletionItem;

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

/// Loads a fixture into a fresh host and returns its snapshot.
pub(super) fn snapshot(fixture: &str) -> (Analysis, Fixture) {
    let fixture = Fixture::parse(fixture, "/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    (host.snapshot(), fixture)
}

/// The file and offset of the fixture's `$0`.
pub(super) fn cursor(fixture: &Fixture) -> (PathBuf, TextSize) {
    let (file, offset) = fixture.cursor().expect("fixture needs a $0 cursor");
    (PathBuf::from(file), TextSize::try_from(offset).unwrap())
}

/// `path 12..20 "covered text"`.
pub(super) fn show(analysis: &Analysis, file: &Path, range: TextRange) -> String {
    let text = analysis.file_text(file).unwrap_or_default();
    let covered = text
        .get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("?");
    format!("{} {:?} {covered:?}", file.display(), range)
}

/// A small OAuth 2 app: a connection, a module, an RPC and a custom function.
pub(super) const APP: &str = r#"
//- /app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json", "common": "general/common.json" },
  "components": {
    "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
      "communication": "connections/acme/acme.oauth-communication.iml.json",
      "params": "connections/acme/acme.params.iml.json",
      "common": "connections/acme/acme.common.json" } } },
    "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
      "communication": "modules/list-tasks/list-tasks.communication.iml.json",
      "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } } },
    "rpc": { "listProjects": { "connection": "acme", "codeFiles": {
      "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
    "function": { "addTax": { "codeFiles": { "code": "functions/add-tax/add-tax.code.js" } } }
  }
}
//- /app/general/base.iml.json
{ "baseUrl": "https://api.acme.example" }
//- /app/general/common.json
{ "region": "eu" }
//- /app/connections/acme/acme.params.iml.json
[{ "name": "domain", "label": "Domain", "type": "text" }]
//- /app/connections/acme/acme.common.json
{ "clientId": "abc" }
//- /app/connections/acme/acme.oauth-communication.iml.json
{
  "authorize": {
    "url": "https://acme.example/oauth/authorize",
    "qs": { "client_id": "{{common.clientId}}", "redirect_uri": "{{oauth.localRedirectUri}}", "state": "{{temp.state}}" },
    "temp": { "state": "{{uuid}}" },
    "response": { "temp": { "code": "{{query.code}}" } }
  },
  "token": {
    "url": "https://{{parameters.domain}}/token",
    "method": "POST",
    "body": { "code": "{{temp.code}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}", "refreshToken": "{{body.refresh_token}}" } }
  },
  "refresh": {
    "url": "https://{{parameters.domain}}/token",
    "body": { "refresh_token": "{{data.refreshToken}}" },
    "response": { "data": { "accessToken": "{{body.access_token}}" } }
  },
  "info": { "url": "https://{{parameters.domain}}/me", "headers": { "authorization": "Bearer {{connection.accessToken}}" } }
}
//- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
[
  { "name": "projectId", "label": "Project", "type": "select", "options": "rpc://listProjects" },
  { "name": "amount", "type": "number" }
]
//- /app/modules/list-tasks/list-tasks.communication.iml.json
{
  "url": "https://{{connection.domain}}/tasks",
  "headers": { "authorization": "Bearer {{connection.accessToken}}" },
  "qs": { "project": "{{parameters.projectId}}", "total": "{{addTax(parameters.amount)}}" },
  "response": { "output": "{{body}}" }
}
//- /app/rpcs/list-projects/list-projects.communication.iml.json
{
  "url": "https://{{connection.domain}}/projects",
  "response": { "iterate": "{{body}}", "output": { "label": "{{item.name}}", "value": "{{item.id}}" } }
}
//- /app/functions/add-tax/add-tax.code.js
function addTax(amount) {
  return amount * 1.2;
}
"#;

/// [`APP`] with `$0` placed before the first occurrence of `needle` in `file`
/// (after `skip` characters of it).
pub(super) fn app_with_cursor(file: &str, needle: &str, skip: usize) -> String {
    let header = format!("//- {file}\n");
    let start = APP.find(&header).expect("file in APP") + header.len();
    let at = start + APP[start..].find(needle).expect("needle in file") + skip;
    format!("{}$0{}", &APP[..at], &APP[at..])
}
