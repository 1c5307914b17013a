//! The lock budget of a keystroke, checked through the real service: a
//! `didChange` takes the session lock once to apply the edit and capture
//! its diagnostics run, and once to accept the run's results.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const URI: &str = "file:///budget/app.iml.json";

async fn send(output: &mut (impl AsyncWriteExt + Unpin), message: Value) {
    let body = message.to_string();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
    output.write_all(frame.as_bytes()).await.unwrap();
}

/// The next message the server sends.
async fn receive(input: &mut (impl AsyncBufReadExt + Unpin)) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        input.read_line(&mut line).await.unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await.unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// Reads until the diagnostics of `version` arrive.
async fn diagnostics_of(input: &mut (impl AsyncBufReadExt + Unpin), version: i64) -> Value {
    let wait = async {
        loop {
            let message = receive(input).await;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"].clone();
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), wait)
        .await
        .expect("no diagnostics for the version")
}

#[tokio::test(flavor = "current_thread")]
async fn a_keystroke_takes_the_session_lock_twice() {
    let (service, socket) = crate::service();
    let session = service.inner().0.session.clone();
    let (client_end, server_end) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_end);
    tokio::spawn(tower_lsp_server::Server::new(server_read, server_write, socket).serve(service));
    let (client_read, mut output) = tokio::io::split(client_end);
    let mut input = BufReader::new(client_read);

    send(
        &mut output,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}}}),
    )
    .await;
    assert_eq!(receive(&mut input).await["id"], 1);
    send(
        &mut output,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    )
    .await;
    send(
        &mut output,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": URI, "languageId": "imljson", "version": 1,
            "text": "{\"url\": \"/a\"}"}}}),
    )
    .await;
    diagnostics_of(&mut input, 1).await;
    // The open's own follow-ups (loading the file's app) settle first.
    tokio::time::sleep(Duration::from_millis(300)).await;

    session.locks_taken.store(0, Ordering::SeqCst);
    send(
        &mut output,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": URI, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 12},
            "end": {"line": 0, "character": 12}}, "text": ","}]}}),
    )
    .await;
    let diagnostics = diagnostics_of(&mut input, 2).await;
    assert!(
        diagnostics.as_array().is_some_and(|list| !list.is_empty()),
        "the trailing comma is reported: {diagnostics}"
    );
    assert_eq!(session.locks_taken.load(Ordering::SeqCst), 2);
}
