//! A minimal JSON-RPC client that talks to the server through the real
//! transport (`Server::serve` over an in-memory pipe), so messages are
//! framed, queued and run concurrently exactly as over stdio.

// Each test binary uses a different part of the client.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

const TIMEOUT: Duration = Duration::from_secs(20);

type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

pub struct TestClient {
    outgoing: mpsc::UnboundedSender<Value>,
    pending: Pending,
    notifications: mpsc::UnboundedReceiver<Value>,
    /// Requests the server sent to us, by method.
    pub server_requests: Arc<Mutex<Vec<String>>>,
    /// What `workspace/configuration` is answered with, per item.
    pub configuration: Arc<Mutex<Value>>,
    next_id: i64,
}

impl TestClient {
    pub fn start() -> Self {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        tokio::spawn(iml_lsp::serve(server_read, server_write));
        let (client_read, mut client_write) = tokio::io::split(client_end);

        let (outgoing, mut to_write) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(async move {
            while let Some(message) = to_write.recv().await {
                let body = message.to_string();
                let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
                if client_write.write_all(frame.as_bytes()).await.is_err() {
                    break;
                }
            }
        });

        let pending: Pending = Arc::default();
        let server_requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (notify_tx, notifications) = mpsc::unbounded_channel();
        let reader = Reader {
            input: BufReader::new(client_read),
            pending: pending.clone(),
            server_requests: server_requests.clone(),
            configuration: configuration.clone(),
            notifications: notify_tx,
            outgoing: outgoing.clone(),
        };
        tokio::spawn(reader.run());
        Self {
            outgoing,
            pending,
            notifications,
            server_requests,
            configuration,
            next_id: 1,
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_response(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The whole response, error or result.
    pub async fn request_response(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        tokio::time::timeout(TIMEOUT, rx)
            .await
            .expect("response in time")
            .unwrap()
    }

    /// Initializes with capabilities and `initializationOptions`.
    pub async fn initialize_with(
        &mut self,
        capabilities: Value,
        root_uri: Option<&str>,
        options: Value,
    ) -> Value {
        let folders = root_uri.map(|uri| json!([{ "uri": uri, "name": "workspace" }]));
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "capabilities": capabilities,
                    "workspaceFolders": folders,
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({}));
        result
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn send(&self, message: Value) {
        self.outgoing.send(message).expect("writer alive");
    }

    /// Initializes with the given client capabilities and returns the result.
    pub async fn initialize(&mut self, capabilities: Value, root_uri: Option<&str>) -> Value {
        let folders = root_uri.map(|uri| json!([{ "uri": uri, "name": "workspace" }]));
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "capabilities": capabilities,
                    "workspaceFolders": folders,
                }),
            )
            .await;
        self.notify("initialized", json!({}));
        result
    }

    /// The next notification named `method`; others are skipped.
    pub async fn notification(&mut self, method: &str) -> Value {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let message = tokio::time::timeout_at(deadline, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} in time"))
                .expect("server alive");
            if message["method"] == method {
                return message["params"].clone();
            }
        }
    }

    /// Waits for diagnostics of `uri` that satisfy `done`, returning them.
    pub async fn diagnostics_until(&mut self, uri: &str, done: impl Fn(&Value) -> bool) -> Value {
        loop {
            let params = self.notification("textDocument/publishDiagnostics").await;
            if params["uri"] == uri && done(&params) {
                return params;
            }
        }
    }

    /// Notifications received within `window`, without waiting for more.
    pub async fn drain(&mut self, window: Duration) -> Vec<Value> {
        let mut received = Vec::new();
        while let Ok(Some(message)) = tokio::time::timeout(window, self.notifications.recv()).await
        {
            received.push(message);
        }
        received
    }
}

struct Reader<R> {
    input: BufReader<R>,
    pending: Pending,
    server_requests: Arc<Mutex<Vec<String>>>,
    configuration: Arc<Mutex<Value>>,
    notifications: mpsc::UnboundedSender<Value>,
    outgoing: mpsc::UnboundedSender<Value>,
}

impl<R: tokio::io::AsyncRead + Unpin> Reader<R> {
    async fn run(mut self) {
        while let Some(message) = self.next_message().await {
            let method = message
                .get("method")
                .and_then(Value::as_str)
                .map(str::to_owned);
            match (method, message.get("id")) {
                (Some(method), Some(id)) => {
                    // Progress creation and registrations: agree to all;
                    // configuration: the answer set by the test.
                    let result = if method == "workspace/configuration" {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        let answer = self.configuration.lock().unwrap().clone();
                        Value::Array(vec![answer; items])
                    } else {
                        Value::Null
                    };
                    self.server_requests.lock().unwrap().push(method);
                    let _ = self
                        .outgoing
                        .send(json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                }
                (Some(_), None) => {
                    let _ = self.notifications.send(message);
                }
                (None, Some(id)) => {
                    let id = id.as_i64().expect("numeric ids");
                    if let Some(tx) = self.pending.lock().unwrap().remove(&id) {
                        let _ = tx.send(message);
                    }
                }
                (None, None) => panic!("malformed message {message}"),
            }
        }
    }

    async fn next_message(&mut self) -> Option<Value> {
        let mut length = None;
        loop {
            let mut line = String::new();
            if self.input.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length?];
        self.input.read_exact(&mut body).await.ok()?;
        serde_json::from_slice(&body).ok()
    }
}
