//! The server through its real transport: negotiation, pushed diagnostics,
//! edit ordering under concurrency, and workspace indexing.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::TestClient;

fn utf16_only() -> Value {
    json!({ "general": { "positionEncodings": ["utf-16"] } })
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_answers_utf16_to_a_client_offering_only_utf16() {
    let mut client = TestClient::start();
    let result = client.initialize(utf16_only(), None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        result["capabilities"]["textDocumentSync"], 2,
        "incremental sync"
    );
    assert_eq!(result["serverInfo"]["name"], "iml-ls");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_answers_utf8_when_the_client_offers_it() {
    let mut client = TestClient::start();
    let capabilities = json!({ "general": { "positionEncodings": ["utf-32", "utf-16", "utf-8"] } });
    let result = client.initialize(capabilities, None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_without_encodings_means_utf16() {
    let mut client = TestClient::start();
    let result = client.initialize(json!({}), None).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
}

/// Missing `,` right after an emoji: UTF-16 and UTF-8 columns differ there.
const MISSING_COMMA: &str = "{\n  \"name\": \"😀\"\n  \"b\": 1\n}\n";

async fn open(client: &TestClient, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "imljson", "version": 1, "text": text } }),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_pushes_diagnostics_with_the_document_version() {
    let mut client = TestClient::start();
    client.initialize(utf16_only(), None).await;
    let uri = "file:///app/connections/acme/acme.params.iml.json";
    open(&client, uri, MISSING_COMMA).await;
    let published = client.diagnostics_until(uri, |_| true).await;
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "J001");
    assert_eq!(diagnostic["source"], "iml-ls");
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(
        diagnostic["codeDescription"]["href"],
        format!(
            "{}/blob/main/docs/rules.md#j001",
            env!("CARGO_PKG_REPOSITORY")
        )
    );
}

/// The same missing comma in both encodings: the start column follows the
/// negotiated unit wherever the analysis puts it on the emoji's line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostic_columns_follow_the_negotiated_encoding() {
    let mut starts = Vec::new();
    for encodings in [json!(["utf-16"]), json!(["utf-8", "utf-16"])] {
        let mut client = TestClient::start();
        client
            .initialize(
                json!({ "general": { "positionEncodings": encodings } }),
                None,
            )
            .await;
        let uri = "file:///app/a.iml.json";
        open(&client, uri, MISSING_COMMA).await;
        let published = client.diagnostics_until(uri, |_| true).await;
        starts.push(published["diagnostics"][0]["range"]["start"].clone());
    }
    // After `  "name": "😀"`: 14 UTF-16 units, 16 bytes.
    assert_eq!(starts[0], json!({ "line": 1, "character": 14 }));
    assert_eq!(starts[1], json!({ "line": 1, "character": 16 }));
}

/// A position in the text, in UTF-16 units, computed independently of the
/// server's conversion code. Lines end at `\n`, `\r\n` or a lone `\r`.
fn utf16_position(text: &str, offset: usize) -> Value {
    let (mut line, mut character) = (0, 0);
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        let crlf_pending = c == '\r' && chars.peek().is_none() && text[offset..].starts_with('\n');
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n') && !crlf_pending) {
            line += 1;
            character = 0;
        } else {
            character += c.len_utf16();
        }
    }
    json!({ "line": line, "character": character })
}

/// A valid edit boundary: on a character, and not between `\r` and `\n`
/// (LSP positions cannot address that point).
fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset)
        || (offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n'))
    {
        offset -= 1;
    }
    offset
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_rapid_incremental_edits_arrive_in_order() {
    let mut client = TestClient::start();
    client.initialize(utf16_only(), None).await;
    let uri = "file:///app/modules/list/list.communication.iml.json";
    let mut expected = String::from("{\n  \"url\": \"/items\",\n  \"method\": \"GET\"\n}\n");
    open(&client, uri, &expected).await;

    // Deterministic pseudo-random offsets; inserts with emoji, Hebrew and
    // CRLF, and deletions, some of them several changes per notification.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound.max(1) as u64) as usize
    };
    let inserts = ["😀", "\"שלום\"", "\r\n", "x", "\u{200B}", "\t", "{{a}}"];
    for step in 0..50 {
        let mut changes = Vec::new();
        for _ in 0..1 + step % 3 {
            let start = floor_boundary(&expected, next(expected.len() + 1));
            let (end, text) = if step % 4 == 3 {
                (floor_boundary(&expected, start + next(6)), "")
            } else {
                (start, inserts[next(inserts.len())])
            };
            changes.push(json!({
                "range": { "start": utf16_position(&expected, start), "end": utf16_position(&expected, end) },
                "text": text,
            }));
            expected.replace_range(start..end, text);
        }
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": step + 2 }, "contentChanges": changes }),
        );
    }

    let state = client
        .request(
            "iml-ls/viewFileText",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    assert_eq!(state["version"], 51);
    assert_eq!(state["text"].as_str().unwrap(), expected);
    assert_eq!(
        state["analysisText"].as_str(),
        Some(expected.as_str()),
        "the analysis saw every edit"
    );

    client
        .diagnostics_until(uri, |params| params["version"] == 51)
        .await;
    // Nothing older may arrive after the final version.
    for late in client.drain(Duration::from_millis(500)).await {
        if late["method"] == "textDocument/publishDiagnostics" && late["params"]["uri"] == uri {
            assert_eq!(
                late["params"]["version"], 51,
                "stale diagnostics after the final version"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_to_unknown_documents_and_wild_ranges_do_not_break_the_server() {
    let mut client = TestClient::start();
    client.initialize(utf16_only(), None).await;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": "file:///never/opened.iml.json", "version": 3 },
            "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } }, "text": "x" }],
        }),
    );
    let uri = "file:///app/a.iml.json";
    open(&client, uri, "{}").await;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 40, "character": 2 }, "end": { "line": 99, "character": 0 } }, "text": "\n" }],
        }),
    );
    let state = client
        .request(
            "iml-ls/viewFileText",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    assert_eq!(state["text"], "{}\n", "a range past the end appends");
    let unknown = client
        .request(
            "iml-ls/viewFileText",
            json!({ "textDocument": { "uri": "file:///never/opened.iml.json" } }),
        )
        .await;
    assert_eq!(unknown, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_clears_the_documents_diagnostics() {
    let mut client = TestClient::start();
    client.initialize(utf16_only(), None).await;
    let uri = "file:///app/a.iml.json";
    open(&client, uri, MISSING_COMMA).await;
    client
        .diagnostics_until(uri, |params| params["version"] == 1)
        .await;
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = client
        .diagnostics_until(uri, |params| {
            params["diagnostics"].as_array().is_some_and(Vec::is_empty)
        })
        .await;
    assert!(cleared.get("version").is_none_or(Value::is_null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indexing_reports_progress_and_registers_watchers_when_the_client_can() {
    let workspace = tempfile::tempdir().unwrap();
    let root = workspace.path();
    std::fs::write(root.join("makecomapp.json"), "{}").unwrap();
    std::fs::create_dir_all(root.join("general")).unwrap();
    std::fs::write(
        root.join("general/base.iml.json"),
        "{ \"baseUrl\": \"https://x.test\" }",
    )
    .unwrap();
    let mut client = TestClient::start();
    let capabilities = json!({
        "window": { "workDoneProgress": true },
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
    });
    client.initialize(capabilities, Some(&file_uri(root))).await;
    let begin = client.notification("$/progress").await;
    assert_eq!(begin["value"]["kind"], "begin");
    loop {
        let report = client.notification("$/progress").await;
        if report["value"]["kind"] == "end" {
            assert_eq!(report["value"]["message"], "2 app files");
            break;
        }
    }
    let requests = client.server_requests.lock().unwrap().clone();
    assert!(
        requests.contains(&"client/registerCapability".to_owned()),
        "{requests:?}"
    );
    assert!(
        requests.contains(&"window/workDoneProgress/create".to_owned()),
        "{requests:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_progress_or_registration_for_clients_that_cannot_take_them() {
    let workspace = tempfile::tempdir().unwrap();
    std::fs::write(workspace.path().join("makecomapp.json"), "{}").unwrap();
    let mut client = TestClient::start();
    client
        .initialize(utf16_only(), Some(&file_uri(workspace.path())))
        .await;
    let uri = file_uri(&workspace.path().join("makecomapp.json"));
    open(&client, &uri, "{}").await;
    client.diagnostics_until(&uri, |_| true).await;
    let received = client.drain(Duration::from_millis(300)).await;
    assert!(
        received
            .iter()
            .all(|message| message["method"] != "$/progress"),
        "{received:?}"
    );
    assert!(client.server_requests.lock().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_is_accepted_from_both_sources() {
    let mut client = TestClient::start();
    let result = client
        .request(
            "initialize",
            json!({ "capabilities": {}, "initializationOptions": { "iml-ls": { "rules": {} } } }),
        )
        .await;
    assert!(result["capabilities"].is_object());
    client.notify("initialized", json!({}));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "iml-ls": { "rules": { "J003": "off" } } } }),
    );
    let uri = "file:///app/a.iml.json";
    open(&client, uri, "{}").await;
    client.diagnostics_until(uri, |_| true).await;
}
