//! Every wired feature through the real transport, on a small app opened as
//! documents: exact positions in the negotiated encoding (UTF-16 and UTF-8
//! on a line with an emoji before the target), errors, and settings.

mod support;

use serde_json::{Value, json};
use support::TestClient;

const MANIFEST: &str = r#"{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json" },
  "components": {
    "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
      "communication": "connections/acme/acme.oauth-communication.iml.json",
      "params": "connections/acme/acme.params.iml.json" } } },
    "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
      "communication": "modules/list-tasks/list-tasks.communication.iml.json",
      "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } } },
    "rpc": { "listProjects": { "connection": "acme", "codeFiles": {
      "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } }
  }
}
"#;

const BASE: &str = r#"{
  "baseUrl": "https://api.acme.example/v1",
  "headers": { "Authorization": "Bearer {{connection.accessToken}}" },
  "log": { "sanitize": ["request.headers.Authorization"] }
}
"#;

const CONNECTION: &str = r#"{
  "authorize": {
    "url": "https://acme.example/authorize",
    "response": { "temp": { "code": "{{query.code}}" } }
  },
  "token": {
    "url": "https://acme.example/token",
    "method": "POST",
    "body": { "code": "{{temp.code}}" },
    "response": {
      "data": { "accessToken": "{{body.access_token}}" },
      "expires": "{{addDays(now, 90)}}"
    }
  }
}
"#;

const CONNECTION_PARAMS: &str = "[]\n";

const PARAMS: &str = r#"[
  { "name": "projectId", "type": "text", "label": "Project" },
  { "name": "list", "type": "select", "label": "List", "options": "rpc://listProjects" }
]
"#;

/// Line 1 has an emoji before the IML: UTF-16 and UTF-8 columns differ.
const MODULE: &str = r#"{
  "url": "/😀/{{parameters.projectId}}",
  "method": "GET",
  "qs": { "since": "{{addDays(now, 1)}}" },
  "response": { "output": "{{body}}" }
}
"#;

const EMOJI_LINE: &str = r#"  "url": "/😀/{{parameters.projectId}}","#;

const RPC: &str = r#"{
  "url": "/projects",
  "response": { "iterate": "{{body.projects}}", "output": { "label": "{{item.name}}", "value": "{{item.id}}" } }
}
"#;

const MANIFEST_URI: &str = "file:///app/makecomapp.json";
const BASE_URI: &str = "file:///app/general/base.iml.json";
const CONNECTION_URI: &str = "file:///app/connections/acme/acme.oauth-communication.iml.json";
const CONNECTION_PARAMS_URI: &str = "file:///app/connections/acme/acme.params.iml.json";
const PARAMS_URI: &str = "file:///app/modules/list-tasks/list-tasks.mappable-params.iml.json";
const MODULE_URI: &str = "file:///app/modules/list-tasks/list-tasks.communication.iml.json";
const RPC_URI: &str = "file:///app/rpcs/list-projects/list-projects.communication.iml.json";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Utf16,
    Utf8,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Utf16 => "utf-16",
            Unit::Utf8 => "utf-8",
        }
    }

    fn len(self, text: &str) -> u32 {
        let len = match self {
            Unit::Utf16 => text.encode_utf16().count(),
            Unit::Utf8 => text.len(),
        };
        u32::try_from(len).unwrap()
    }

    /// The column of the `nth` (0-based) `needle` on `line`.
    fn column(self, line: &str, needle: &str) -> u32 {
        let byte = line
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {line}"));
        self.len(&line[..byte])
    }
}

fn capabilities(unit: Unit) -> Value {
    json!({
        "general": { "positionEncodings": [unit.name()] },
        "textDocument": {
            "completion": { "completionItem": { "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"] } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "signatureHelp": { "signatureInformation": { "documentationFormat": ["markdown", "plaintext"] } },
            "definition": { "linkSupport": false },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "foldingRange": { "lineFoldingOnly": true },
        },
    })
}

fn open(client: &TestClient, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "imljson", "version": 1, "text": text } }),
    );
}

async fn app_client(unit: Unit) -> TestClient {
    app_client_with(capabilities(unit), Value::Null).await
}

async fn app_client_with(capabilities: Value, options: Value) -> TestClient {
    let mut client = TestClient::start();
    client.initialize_with(capabilities, None, options).await;
    open(&client, MANIFEST_URI, MANIFEST);
    open(&client, BASE_URI, BASE);
    open(&client, CONNECTION_URI, CONNECTION);
    open(&client, CONNECTION_PARAMS_URI, CONNECTION_PARAMS);
    open(&client, PARAMS_URI, PARAMS);
    open(&client, MODULE_URI, MODULE);
    open(&client, RPC_URI, RPC);
    client
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 },
    })
}

/// Decodes relative semantic tokens into `(line, start, length, type name)`.
fn decode(data: &Value, legend: &[&str]) -> Vec<(u32, u32, u32, String)> {
    let numbers: Vec<u32> = data
        .as_array()
        .unwrap()
        .iter()
        .map(|n| u32::try_from(n.as_u64().unwrap()).unwrap())
        .collect();
    let (mut line, mut start) = (0, 0);
    numbers
        .chunks(5)
        .map(|chunk| {
            if chunk[0] > 0 {
                line += chunk[0];
                start = chunk[1];
            } else {
                start += chunk[1];
            }
            (line, start, chunk[2], legend[chunk[3] as usize].to_owned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capabilities_list_every_wired_feature() {
    let mut client = TestClient::start();
    let result = client.initialize(capabilities(Unit::Utf16), None).await;
    let caps = &result["capabilities"];
    for key in [
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "hoverProvider",
        "documentFormattingProvider",
        "documentRangeFormattingProvider",
    ] {
        assert_eq!(caps[key], true, "{key}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["semanticTokensProvider"]["full"],
        json!({ "delta": true })
    );
    assert_eq!(caps["semanticTokensProvider"]["range"], true);
    assert_eq!(
        caps["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!([
            "variable", "property", "function", "keyword", "operator", "string", "number", "macro"
        ])
    );
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!(["\"", ".", "{", "(", ",", ":", "/"])
    );
    assert_eq!(
        caps["signatureHelpProvider"]["triggerCharacters"],
        json!(["(", ","])
    );
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.iml-ls"])
    );
    assert_eq!(
        caps["workspace"]["workspaceFolders"],
        json!({ "supported": true, "changeNotifications": true })
    );
    assert!(caps["inlayHintProvider"].is_object());
    assert!(caps["documentLinkProvider"].is_object());
    assert_eq!(
        caps["codeLensProvider"],
        json!({ "resolveProvider": false })
    );
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["iml-ls.runSpecTest"])
    );
    // Nothing that is not wired.
    for key in [
        "typeDefinitionProvider",
        "documentOnTypeFormattingProvider",
        "diagnosticProvider",
    ] {
        assert!(caps.get(key).is_none(), "{key} advertised");
    }
}

async fn semantic_tokens_on_the_emoji_line(unit: Unit) {
    let mut client = app_client(unit).await;
    let init_legend = [
        "variable", "property", "function", "keyword", "operator", "string", "number", "macro",
    ];
    let full = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": MODULE_URI } }),
        )
        .await;
    let tokens = decode(&full["data"], &init_legend);
    let on_line: Vec<_> = tokens
        .iter()
        .filter(|t| t.0 == 1)
        .map(|t| (t.1, t.2, t.3.as_str()))
        .collect();
    let col = |needle| unit.column(EMOJI_LINE, needle);
    assert_eq!(
        on_line,
        [
            (2, 5, "property"),
            (col("{{"), 2, "macro"),
            (col("parameters"), 10, "variable"),
            (col("projectId"), 9, "property"),
            (col("}}"), 2, "macro"),
        ],
        "{unit:?}"
    );
    // The literal columns: the emoji counts 2 UTF-16 units, 4 bytes.
    let expected_start = match unit {
        Unit::Utf16 => 14,
        Unit::Utf8 => 16,
    };
    assert_eq!(on_line[1].0, expected_start);

    // The range request on the emoji line alone returns the same tokens.
    let ranged = client
        .request(
            "textDocument/semanticTokens/range",
            json!({ "textDocument": { "uri": MODULE_URI }, "range": range((1, 0), (2, 0)) }),
        )
        .await;
    let ranged: Vec<_> = decode(&ranged["data"], &init_legend)
        .into_iter()
        .map(|t| (t.0, t.1, t.2, t.3))
        .collect();
    let full_line: Vec<_> = tokens.into_iter().filter(|t| t.0 == 1).collect();
    assert_eq!(ranged, full_line);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_in_utf16() {
    semantic_tokens_on_the_emoji_line(Unit::Utf16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_in_utf8() {
    semantic_tokens_on_the_emoji_line(Unit::Utf8).await;
}

fn integers(data: &Value) -> Vec<u64> {
    data.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

/// Applies a delta's edits to the flat integer array as a client does.
fn apply_delta(previous: &[u64], delta: &Value) -> Vec<u64> {
    let mut data = previous.to_vec();
    let mut edits = delta["edits"].as_array().unwrap().clone();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit["start"].as_u64().unwrap()));
    for edit in edits {
        let start = usize::try_from(edit["start"].as_u64().unwrap()).unwrap();
        let end = start + usize::try_from(edit["deleteCount"].as_u64().unwrap()).unwrap();
        let inserted = edit.get("data").map(integers).unwrap_or_default();
        data.splice(start..end, inserted);
    }
    data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_delta_follows_an_edit() {
    let mut client = app_client(Unit::Utf16).await;
    let document = json!({ "uri": MODULE_URI });
    let full = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        )
        .await;
    let first_id = full["resultId"].as_str().unwrap().to_owned();

    // `"method": "GET"` becomes `"method": "{{lower(\"GET\")}}"` on line 2.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": MODULE_URI, "version": 2 },
            "contentChanges": [{ "range": range((2, 12), (2, 17)), "text": r#""{{lower('GET')}}""# }],
        }),
    );
    let delta = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": first_id }),
        )
        .await;
    let delta_id = delta["resultId"].as_str().unwrap().to_owned();
    assert_ne!(delta_id, first_id);
    assert!(delta.get("data").is_none(), "{delta}");
    let edits = delta["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{delta}");
    assert_eq!(edits[0]["start"].as_u64().unwrap() % 5, 0);
    let applied = apply_delta(&integers(&full["data"]), &delta);

    let fresh = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        )
        .await;
    assert_eq!(applied, integers(&fresh["data"]));
    assert_ne!(applied, integers(&full["data"]));

    // Unchanged since the last answer: an empty delta.
    let fresh_id = fresh["resultId"].as_str().unwrap();
    let unchanged = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": fresh_id }),
        )
        .await;
    assert_eq!(unchanged["edits"], json!([]), "{unchanged}");

    // Only the last id is kept: an older one gets full tokens.
    let stale = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": first_id }),
        )
        .await;
    assert!(stale.get("edits").is_none(), "{stale}");
    assert_eq!(integers(&stale["data"]), integers(&fresh["data"]));
    let last_id = stale["resultId"].as_str().unwrap().to_owned();

    // Closing forgets the document's tokens.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": MODULE_URI } }),
    );
    open(&client, MODULE_URI, MODULE);
    let reopened = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": last_id }),
        )
        .await;
    assert!(reopened.get("edits").is_none(), "{reopened}");
    assert_eq!(integers(&reopened["data"]), integers(&full["data"]));
}

async fn definition_and_hover_after_the_emoji(unit: Unit) {
    let mut client = app_client(unit).await;
    let start = unit.column(EMOJI_LINE, "projectId");
    let definition = client
        .request("textDocument/definition", at(MODULE_URI, 1, start + 3))
        .await;
    let targets = definition.as_array().expect("locations");
    assert_eq!(targets.len(), 1, "{definition}");
    assert_eq!(targets[0]["uri"], PARAMS_URI);
    // The `"projectId"` literal of `"name": "projectId"` in the parameters.
    let params_line = PARAMS.lines().nth(1).unwrap();
    let name_start = unit.column(params_line, "\"projectId\"");
    assert_eq!(
        targets[0]["range"],
        range((1, name_start), (1, name_start + 11))
    );

    let hover = client
        .request("textDocument/hover", at(MODULE_URI, 1, start + 3))
        .await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("projectId"),
        "{hover}"
    );
    assert_eq!(
        hover["range"],
        range((1, start), (1, start + 9)),
        "{unit:?}"
    );

    let references = client
        .request(
            "textDocument/references",
            json!({
                "textDocument": { "uri": MODULE_URI },
                "position": { "line": 1, "character": start },
                "context": { "includeDeclaration": true },
            }),
        )
        .await;
    let mut found: Vec<(String, Value)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["uri"].as_str().unwrap().to_owned(), l["range"].clone()))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found,
        [
            (MODULE_URI.to_owned(), range((1, start), (1, start + 9))),
            // The name inside the quotes.
            (
                PARAMS_URI.to_owned(),
                range((1, name_start + 1), (1, name_start + 10))
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_hover_and_references_in_utf16() {
    definition_and_hover_after_the_emoji(Unit::Utf16).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_hover_and_references_in_utf8() {
    definition_and_hover_after_the_emoji(Unit::Utf8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_as_location_link_when_the_client_takes_links() {
    let mut caps = capabilities(Unit::Utf16);
    caps["textDocument"]["definition"]["linkSupport"] = json!(true);
    let mut client = app_client_with(caps, Value::Null).await;
    let line = BASE.lines().nth(2).unwrap();
    let column = Unit::Utf16.column(line, "accessToken");
    let links = client
        .request("textDocument/definition", at(BASE_URI, 2, column + 1))
        .await;
    let link = &links[0];
    assert_eq!(link["targetUri"], CONNECTION_URI);
    assert_eq!(
        link["originSelectionRange"],
        range((2, column), (2, column + 11))
    );
    let target_line = CONNECTION.lines().nth(10).unwrap();
    let target = Unit::Utf16.column(target_line, "\"accessToken\"");
    assert_eq!(
        link["targetSelectionRange"],
        range((10, target), (10, target + 13))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_is_markdown_only_for_a_client_that_lists_it() {
    // Plain text for a client that lists only plain text; a bare string,
    // which claims no format, for a client that names none.
    let cases = [
        (json!({ "contentFormat": ["plaintext"] }), true),
        (Value::Null, false),
        (json!({ "contentFormat": [] }), false),
    ];
    for (hover_capability, markup_content) in cases {
        let mut caps = capabilities(Unit::Utf16);
        caps["textDocument"]["hover"] = hover_capability.clone();
        let mut client = app_client_with(caps, Value::Null).await;
        let start = Unit::Utf16.column(EMOJI_LINE, "projectId");
        let hover = client
            .request("textDocument/hover", at(MODULE_URI, 1, start))
            .await;
        if markup_content {
            assert_eq!(hover["contents"]["kind"], "plaintext", "{hover_capability}");
        } else {
            assert!(hover["contents"].is_string(), "{hover_capability}: {hover}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_after_parameters_dot_replaces_the_partial_name() {
    let mut client = app_client(Unit::Utf16).await;
    // Cursor after `parameters.pro` on the emoji line.
    let start = Unit::Utf16.column(EMOJI_LINE, "projectId");
    let result = client
        .request("textDocument/completion", at(MODULE_URI, 1, start + 3))
        .await;
    let items = result.as_array().expect("a list of items");
    let project = items
        .iter()
        .find(|item| item["label"] == "projectId")
        .unwrap_or_else(|| panic!("{result:#}"));
    assert_eq!(project["kind"], 5, "field");
    assert_eq!(
        project["textEdit"]["range"],
        range((1, start), (1, start + 9))
    );
    assert_eq!(project["textEdit"]["newText"], "projectId");
    assert!(project["sortText"].is_string());
    assert!(project["filterText"].is_string());
    assert!(items.iter().any(|item| item["label"] == "list"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signature_help_marks_the_active_argument() {
    let mut client = app_client(Unit::Utf16).await;
    let line = MODULE.lines().nth(3).unwrap();
    // Inside `addDays(now, 1)`, on the second argument.
    let column = Unit::Utf16.column(line, "1)");
    let help = client
        .request("textDocument/signatureHelp", at(MODULE_URI, 3, column))
        .await;
    let signature = &help["signatures"][0];
    let label = signature["label"].as_str().unwrap();
    assert!(label.starts_with("addDays("), "{label}");
    assert_eq!(help["activeParameter"], 1);
    let parameters = signature["parameters"].as_array().unwrap();
    assert_eq!(parameters.len(), 2, "{help:#}");
    // Each offset pair cuts its parameter out of the label.
    let cut = |index: usize| {
        let offsets = &parameters[index]["label"];
        let start = usize::try_from(offsets[0].as_u64().unwrap()).unwrap();
        let end = usize::try_from(offsets[1].as_u64().unwrap()).unwrap();
        label[start..end].to_owned()
    };
    assert!(cut(0).starts_with("date"), "{label}");
    assert!(cut(1).starts_with('n'), "{label}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_of_a_parameter_edits_every_file() {
    let mut client = app_client(Unit::Utf8).await;
    let start = Unit::Utf8.column(EMOJI_LINE, "projectId");
    let prepared = client
        .request("textDocument/prepareRename", at(MODULE_URI, 1, start + 1))
        .await;
    assert_eq!(prepared["placeholder"], "projectId");
    assert_eq!(prepared["range"], range((1, start), (1, start + 9)));
    let mut params = at(MODULE_URI, 1, start + 1);
    params["newName"] = json!("boardId");
    let edit = client.request("textDocument/rename", params).await;
    let changes = edit["changes"].as_object().unwrap();
    let params_line = PARAMS.lines().nth(1).unwrap();
    let name_start = Unit::Utf8.column(params_line, "\"projectId\"");
    assert_eq!(
        changes[MODULE_URI],
        json!([{ "range": range((1, start), (1, start + 9)), "newText": "boardId" }])
    );
    assert_eq!(
        changes[PARAMS_URI],
        json!([{ "range": range((1, name_start), (1, name_start + 11)), "newText": "\"boardId\"" }])
    );
    assert_eq!(changes.len(), 2, "{edit:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_refusals_are_errors_with_the_reason() {
    let mut client = app_client(Unit::Utf16).await;
    // On `"method"`: nothing renameable.
    let nothing = client
        .request_response("textDocument/prepareRename", at(MODULE_URI, 2, 4))
        .await;
    assert_eq!(nothing["error"]["code"], -32602, "{nothing}");
    assert!(
        nothing["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nothing to rename here")
    );
    let start = Unit::Utf16.column(EMOJI_LINE, "projectId");
    let mut params = at(MODULE_URI, 1, start);
    params["newName"] = json!("back`tick");
    let invalid = client.request_response("textDocument/rename", params).await;
    assert_eq!(invalid["error"]["code"], -32803, "{invalid}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_and_workspace_symbols() {
    let mut client = app_client(Unit::Utf16).await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": CONNECTION_URI } }),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["authorize", "token"]);
    let token = &symbols[1];
    assert_eq!(
        token["range"]["start"],
        json!({ "line": 5, "character": 2 })
    );
    assert_eq!(token["range"]["end"], json!({ "line": 13, "character": 3 }));
    assert!(token["children"].as_array().is_some_and(|c| !c.is_empty()));

    let found = client
        .request("workspace/symbol", json!({ "query": "projectid" }))
        .await;
    let found = found.as_array().unwrap();
    let project = found
        .iter()
        .find(|s| s["name"] == "projectId")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(project["location"]["uri"], PARAMS_URI);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn folding_ranges_end_before_a_closing_bracket_on_its_own_line() {
    let mut client = app_client(Unit::Utf16).await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": CONNECTION_URI } }),
        )
        .await;
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(f.get("startCharacter").is_none(), "lineFoldingOnly");
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    // The document (0..14 → 13), `authorize` (1..4 → 3), `token` (5..13 → 12),
    // its `response` (9..12 → 11). One-line objects do not fold.
    assert_eq!(lines, [(0, 13), (1, 3), (5, 12), (9, 11)]);

    // Without lineFoldingOnly, a fold starts just after its bracket.
    let mut caps = capabilities(Unit::Utf16);
    caps["textDocument"]["foldingRange"]["lineFoldingOnly"] = json!(false);
    let mut client = app_client_with(caps, Value::Null).await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": CONNECTION_URI } }),
        )
        .await;
    assert_eq!(folds[1]["startLine"], 1);
    assert_eq!(folds[1]["startCharacter"], 16, "after `\"authorize\": {{`");
    assert!(folds[1].get("endCharacter").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selection_ranges_grow_outwards() {
    let mut client = app_client(Unit::Utf16).await;
    let start = Unit::Utf16.column(EMOJI_LINE, "projectId");
    let result = client
        .request(
            "textDocument/selectionRange",
            json!({
                "textDocument": { "uri": MODULE_URI },
                "positions": [{ "line": 1, "character": start + 2 }, { "line": 2, "character": 4 }],
            }),
        )
        .await;
    let answers = result.as_array().unwrap();
    assert_eq!(answers.len(), 2);
    let mut chain = Vec::new();
    let mut current = Some(&answers[0]);
    while let Some(node) = current {
        chain.push(node["range"].clone());
        current = node.get("parent").filter(|p| !p.is_null());
    }
    assert_eq!(chain[0], range((1, start), (1, start + 9)), "{chain:#?}");
    assert_eq!(chain.last().unwrap(), &range((0, 0), (6, 0)));
    assert!(chain.len() >= 4, "{chain:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_follow_the_parameter_names_setting() {
    let mut client = app_client(Unit::Utf16).await;
    let request = json!({ "textDocument": { "uri": MODULE_URI }, "range": range((0, 0), (6, 0)) });
    let hints = client
        .request("textDocument/inlayHint", request.clone())
        .await;
    let line = MODULE.lines().nth(3).unwrap();
    let labels: Vec<(Value, Value)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["position"].clone(), h["label"].clone()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                json!({ "line": 3, "character": Unit::Utf16.column(line, "now") }),
                json!("date:")
            ),
            (
                json!({ "line": 3, "character": Unit::Utf16.column(line, "1)") }),
                json!("n:")
            ),
        ],
        "{hints:#}"
    );
    assert_eq!(hints[0]["kind"], 2, "parameter");

    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "imlLs": { "inlayHints": { "parameterNames": false } } } }),
    );
    let hints = client.request("textDocument/inlayHint", request).await;
    assert_eq!(hints, json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_links_to_urls_and_rpc_files() {
    let mut client = app_client(Unit::Utf16).await;
    let links = client
        .request(
            "textDocument/documentLink",
            json!({ "textDocument": { "uri": PARAMS_URI } }),
        )
        .await;
    let line = PARAMS.lines().nth(2).unwrap();
    // The RPC's name after `rpc://`.
    let start = Unit::Utf16.column(line, "listProjects");
    assert_eq!(
        links,
        json!([{
            "range": range((2, start), (2, start + 12)),
            "target": RPC_URI,
            "tooltip": "Open the RPC `listProjects`",
        }])
    );
    let links = client
        .request(
            "textDocument/documentLink",
            json!({ "textDocument": { "uri": BASE_URI } }),
        )
        .await;
    assert_eq!(links[0]["target"], "https://api.acme.example/v1");
    assert_eq!(links[0]["range"], range((1, 14), (1, 41)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_edits_apply_to_the_formatted_text_and_then_are_empty() {
    let mut client = app_client(Unit::Utf16).await;
    let uri = "file:///app/general/common.json";
    let messy = "{\"a\":1,\n     \"b\":[1,2]}";
    open(&client, uri, messy);
    let options = json!({ "tabSize": 2, "insertSpaces": true });
    let edits = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": options }),
        )
        .await;
    let formatted = apply(messy, edits.as_array().unwrap());
    assert_ne!(formatted, messy);
    assert!(formatted.contains("\n  \"a\": 1,\n"), "{formatted}");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": formatted }] }),
    );
    let again = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": options }),
        )
        .await;
    assert_eq!(again, json!([]));
    let ranged = client
        .request(
            "textDocument/rangeFormatting",
            json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (1, 0)), "options": options }),
        )
        .await;
    assert_eq!(ranged, json!([]));
}

/// Applies edits (ASCII text, so columns are bytes) from the last to the first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + character
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap(),
            )
        })
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out = text.to_owned();
    for (start, end, new_text) in ranges {
        out.replace_range(start..end, new_text);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_for_a_typo_in_a_key() {
    let mut client = app_client(Unit::Utf16).await;
    let uri = "file:///app/rpcs/list-projects/list-projects.communication.iml.json";
    let typo = "{\n  \"url\": \"/projects\",\n  \"heaers\": { \"x\": \"1\" }\n}\n";
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typo }] }),
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range((2, 4), (2, 4)),
                "context": { "diagnostics": [] },
            }),
        )
        .await;
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("headers")))
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(fix["kind"], "quickfix");
    assert!(fix["diagnostics"][0]["code"].is_string());
    assert_eq!(
        fix["edit"]["changes"][uri],
        json!([{ "range": range((2, 2), (2, 10)), "newText": "\"headers\"" }])
    );
    // Asking only for refactorings yields no quick fixes.
    let none = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range((2, 4), (2, 4)),
                "context": { "diagnostics": [], "only": ["refactor"] },
            }),
        )
        .await;
    assert!(none.is_null() || none == json!([]), "{none}");
}

/// A trailing comma (J003, a warning) to switch off through settings.
const TRAILING_COMMA: &str = "{ \"a\": 1, }\n";

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rule_levels_from_initialization_options_and_pushed_settings() {
    let mut client = TestClient::start();
    client
        .initialize_with(json!({}), None, json!({ "rules": { "J003": "error" } }))
        .await;
    let uri = "file:///app/general/common.json";
    open(&client, uri, TRAILING_COMMA);
    let first = client.diagnostics_until(uri, |_| true).await;
    assert_eq!(codes(&first), ["J003"]);
    assert_eq!(first["diagnostics"][0]["severity"], 1, "raised to error");

    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "imlLs": { "rules": { "J003": "off" } } } }),
    );
    client
        .diagnostics_until(uri, |params| params["diagnostics"] == json!([]))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rule_levels_pulled_with_workspace_configuration() {
    let mut client = TestClient::start();
    *client.configuration.lock().unwrap() = json!({ "rules": { "J003": "off" } });
    client
        .initialize_with(
            json!({ "workspace": { "configuration": true } }),
            None,
            Value::Null,
        )
        .await;
    let uri = "file:///app/general/common.json";
    open(&client, uri, TRAILING_COMMA);
    client
        .diagnostics_until(uri, |params| params["diagnostics"] == json!([]))
        .await;
    assert!(
        client
            .server_requests
            .lock()
            .unwrap()
            .contains(&"workspace/configuration".to_owned())
    );
    // A push makes the server pull again; the new answer applies.
    *client.configuration.lock().unwrap() = json!({ "rules": { "J003": "hint" } });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    let republished = client
        .diagnostics_until(uri, |params| {
            !params["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(republished["diagnostics"][0]["severity"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_null_pull_keeps_the_initialization_options() {
    let mut client = TestClient::start();
    client
        .initialize_with(
            json!({ "workspace": { "configuration": true } }),
            None,
            json!({ "imlLs": { "rules": { "J003": "off" } } }),
        )
        .await;
    let uri = "file:///app/general/common.json";
    open(&client, uri, TRAILING_COMMA);
    let published = client.diagnostics_until(uri, |_| true).await;
    assert_eq!(codes(&published), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_edit_republishes_the_modules_diagnostics() {
    let mut client = app_client(Unit::Utf16).await;
    // The base reads `connection.accessToken`; rename the key the
    // connection writes, and the base's X003 appears; restore it, gone.
    client
        .diagnostics_until(BASE_URI, |p| codes(p).is_empty())
        .await;
    let line = CONNECTION.lines().nth(10).unwrap();
    let column = Unit::Utf16.column(line, "accessToken");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": CONNECTION_URI, "version": 2 },
            "contentChanges": [{ "range": range((10, column), (10, column + 6)), "text": "bearer" }],
        }),
    );
    let broken = client
        .diagnostics_until(BASE_URI, |p| !codes(p).is_empty())
        .await;
    assert_eq!(codes(&broken), ["X003"]);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": CONNECTION_URI, "version": 3 },
            "contentChanges": [{ "range": range((10, column), (10, column + 6)), "text": "access" }],
        }),
    );
    client
        .diagnostics_until(BASE_URI, |p| codes(p).is_empty())
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_about_unknown_documents_answer_null() {
    let mut client = app_client(Unit::Utf16).await;
    let unknown = "file:///elsewhere/x.iml.json";
    for (method, params) in [
        ("textDocument/hover", at(unknown, 0, 0)),
        ("textDocument/completion", at(unknown, 0, 0)),
        (
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": unknown } }),
        ),
    ] {
        assert_eq!(
            client.request(method, params).await,
            Value::Null,
            "{method}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_iml_ls_toml_sets_levels_for_the_files_below_it() {
    let mut client = TestClient::start();
    client.initialize(json!({}), None).await;
    let uri = "file:///app/general/common.json";
    open(&client, uri, TRAILING_COMMA);
    let first = client.diagnostics_until(uri, |_| true).await;
    assert_eq!(codes(&first), ["J003"]);
    open(
        &client,
        "file:///app/iml-ls.toml",
        "[rules]\nJ003 = \"off\"\n",
    );
    client
        .diagnostics_until(uri, |params| params["diagnostics"] == json!([]))
        .await;
}
