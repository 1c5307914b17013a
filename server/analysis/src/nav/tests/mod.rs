//! Fixture tests of the navigation features.

mod definition;
mod folding;
mod groups;
mod highlight;
mod inlay_hints;
mod links;
mod references;
mod rename;
mod selection;
mod semantic_tokens;
mod symbols;

use std::path::{Path, PathBuf};

use iml_fixture::Fixture;
use text_size::{TextRange, TextSize};

use crate::{Analysis, AnalysisHost};

/// Loads a fixture into a fresh host and returns its snapshot.
pub(super) fn load(fixture: &str) -> (Analysis, Fixture) {
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
