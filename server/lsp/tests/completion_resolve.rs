//! Lean completion lists and `completionItem/resolve`: a client that
//! resolves documentation gets items without it and fills it by resolving,
//! identical to what the full list carries; other clients get it inline.

mod support;

use serde_json::{Value, json};
use support::TestClient;

const MANIFEST: &str = r#"{
  "fileVersion": 1,
  "components": {
    "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
      "communication": "connections/acme/acme.oauth-communication.iml.json" } } }
  }
}
"#;

/// Line 2 holds `{{now}}`: completion right after its `{{`.
const CONNECTION: &str = r#"{
  "token": {
    "url": "https://acme.example/token?at={{now}}",
    "method": "POST"
  }
}
"#;

const MANIFEST_URI: &str = "file:///app/makecomapp.json";
const CONNECTION_URI: &str = "file:///app/connections/acme/acme.oauth-communication.iml.json";

fn capabilities(resolve: bool) -> Value {
    let mut item =
        json!({ "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"] });
    if resolve {
        item["resolveSupport"] = json!({ "properties": ["documentation", "detail"] });
    }
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "textDocument": { "completion": { "completionItem": item } },
    })
}

fn open(client: &TestClient, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "imljson", "version": version, "text": text } }),
    );
}

/// A client on the app, and what `initialize` answered.
async fn client(resolve: bool) -> (TestClient, Value) {
    let mut client = TestClient::start();
    let result = client.initialize(capabilities(resolve), None).await;
    open(&client, MANIFEST_URI, 1, MANIFEST);
    open(&client, CONNECTION_URI, 1, CONNECTION);
    (client, result)
}

/// The items proposed right after the `{{` of line 2.
async fn items_at_braces(client: &mut TestClient) -> Vec<Value> {
    let line = CONNECTION.lines().nth(2).unwrap();
    let column = u32::try_from(line.find("{{").unwrap() + 2).unwrap();
    let params = json!({
        "textDocument": { "uri": CONNECTION_URI },
        "position": { "line": 2, "character": column },
    });
    let result = client.request("textDocument/completion", params).await;
    result.as_array().expect("a list of items").clone()
}

fn named<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {items:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolve_is_announced_only_to_a_client_that_resolves_documentation() {
    let (_, with) = client(true).await;
    let (_, without) = client(false).await;
    assert_eq!(
        with["capabilities"]["completionProvider"]["resolveProvider"],
        true
    );
    assert_eq!(
        without["capabilities"]["completionProvider"]["resolveProvider"],
        false
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lean_items_resolve_to_the_documentation_of_the_full_list() {
    let (mut full_client, _) = client(false).await;
    let full = items_at_braces(&mut full_client).await;
    let (mut lean_client, _) = client(true).await;
    let lean = items_at_braces(&mut lean_client).await;

    assert_eq!(lean.len(), full.len());
    assert!(full.iter().all(|item| item["documentation"].is_object()));
    assert!(full.iter().all(|item| item.get("data").is_none()));
    assert!(lean.iter().all(|item| item.get("documentation").is_none()));
    let data = &lean[0]["data"];
    assert_eq!(data["uri"], CONNECTION_URI);
    assert_eq!(data["version"], 1);
    assert!(data["offset"].is_u64(), "{data}");

    // A variable, a function and a keyword: every kind of the list.
    for label in ["now", "addDays", "emptystring"] {
        let (full_item, lean_item) = (named(&full, label), named(&lean, label));
        assert_eq!(lean_item["textEdit"], full_item["textEdit"], "{label}");
        assert_eq!(lean_item["detail"], full_item["detail"], "{label}");
        let resolved = lean_client
            .request("completionItem/resolve", lean_item.clone())
            .await;
        assert_eq!(
            resolved["documentation"], full_item["documentation"],
            "{label}"
        );
        assert_eq!(resolved["label"], label);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_document_or_bad_data_leaves_the_item_as_it_came() {
    let (mut client, _) = client(true).await;
    let lean = items_at_braces(&mut client).await;
    let now = named(&lean, "now").clone();

    let mut bad = vec![json!({ "label": "now", "kind": 6 })];
    for data in [
        json!("not an object"),
        json!({ "uri": CONNECTION_URI, "version": 1, "offset": 1_000_000 }),
        json!({ "uri": "file:///app/nowhere.iml.json", "version": 1, "offset": 0 }),
    ] {
        let mut item = now.clone();
        item["data"] = data;
        bad.push(item);
    }
    for item in bad {
        let resolved = client.request("completionItem/resolve", item.clone()).await;
        assert_eq!(resolved, item);
    }

    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": CONNECTION_URI, "version": 2 },
            "contentChanges": [{ "text": CONNECTION.replace("now", "uuid") }],
        }),
    );
    let resolved = client.request("completionItem/resolve", now.clone()).await;
    assert_eq!(resolved, now, "the list was of version 1");
}
