//! The command line and the language server load a tree through the one
//! loader (`iml_loader`): the same trees go through `iml-ls check` (its
//! discovery and load path, in-process) and through the server's indexing
//! (the real transport over an in-memory pipe), and both must hold the same
//! files and give each file the same diagnostics.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use iml_cli::{Environment, MAX_FILE_BYTES, main_for_tests};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

/// How long the server gets for any one answer.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `(code, start line, start column, end line, end column)`, 0-based. The
/// command line counts columns in characters, the server in UTF-16 units:
/// the same on the ASCII trees here (checked in `compare`).
type Finding = (String, u32, u32, u32, u32);

fn write(root: &Path, relative: &str, text: &str) -> PathBuf {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn example_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks")
}

const MANIFEST: &str = iml_fixture::apps::LISTED_MODULE_MANIFEST;
const COMMUNICATION: &str = r#"{ "url": "/tasks", "method": "GTE" }"#;
const PARAMS: &str = r#"[{ "name": "status", "type": "text" }]"#;

/// The sample app of the repository, copied.
fn sample_tree(root: &Path) {
    copy_tree(&example_app(), &root.join("acme-tasks"));
}

/// An app whose `dist/` and `node_modules/` hold app-looking files: a built
/// copy of the app, manifest included, and a package's spec file.
fn skipped_folders_tree(root: &Path) {
    let app = root.join("app");
    write(&app, "makecomapp.json", MANIFEST);
    write(
        &app,
        "modules/list/list.communication.iml.json",
        COMMUNICATION,
    );
    write(&app, "modules/list/list.static-params.iml.json", PARAMS);
    write(&app, "README.md", "# App\n");
    write(&app, "dist/makecomapp.json", MANIFEST);
    write(
        &app,
        "dist/modules/list/list.communication.iml.json",
        r#"{ "url": 7 }"#,
    );
    write(&app, "dist/stray.iml.json", "{ broken");
    write(&app, "node_modules/pkg/base.iml.json", "{ broken");
    write(&app, "node_modules/pkg/makecomapp.json", "{}");
}

/// An app with a listed file over the size limit (spaces, so that it is
/// text when the editor opens it).
fn oversized_tree(root: &Path) {
    let app = root.join("app");
    write(&app, "makecomapp.json", MANIFEST);
    write(
        &app,
        "modules/list/list.communication.iml.json",
        COMMUNICATION,
    );
    write(&app, "README.md", "# App\n");
    let huge = " ".repeat(MAX_FILE_BYTES as usize + 1);
    write(&app, "modules/list/list.static-params.iml.json", &huge);
}

/// A manifest listing files that are missing and paths leading out of the
/// app, next to a file outside that those paths name.
fn listing_tree(root: &Path) {
    let app = root.join("app");
    write(
        &app,
        "makecomapp.json",
        r#"{
    "fileVersion": 1,
    "generalCodeFiles": { "readme": "docs/README.md", "base": "../shared/base.md" },
    "components": {
        "module": { "listTasks": {
            "label": "List Tasks", "moduleType": "search",
            "codeFiles": {
                "communication": "modules/list/list.communication.iml.json",
                "staticParams": "modules/list/missing.static-params.iml.json",
                "interface": "/etc/passwd"
            }
        } },
        "function": {
            "hash": { "codeFiles": { "code": "functions/hash/hash.code.js" } },
            "sign": { "codeFiles": { "code": "../outside/sign.code.js" } }
        }
    }
}"#,
    );
    write(
        &app,
        "modules/list/list.communication.iml.json",
        COMMUNICATION,
    );
    write(&app, "docs/README.md", "# App\n");
    write(&app, "functions/hash/hash.code.js", "function hash() {}\n");
    write(root, "shared/base.md", "# outside the app\n");
    write(root, "outside/sign.code.js", "function sign() {}\n");
}

/// What `iml-ls check` of `root` holds and reports.
struct CheckSide {
    loaded: Vec<PathBuf>,
    findings: BTreeMap<PathBuf, Vec<Finding>>,
}

fn check_side(root: &Path) -> CheckSide {
    let loaded = iml_cli::loaded_files(&[PathBuf::from(".")], root).unwrap();
    let environment = Environment {
        cwd: root.to_path_buf(),
        color: false,
        progress: false,
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    main_for_tests(
        ["iml-ls check", "--format", "json", "."],
        &environment,
        &mut stdout,
        &mut stderr,
    );
    let document: Value = serde_json::from_slice(&stdout).unwrap();
    assert!(document.get("error").is_none(), "{document}");
    let mut findings: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
    for diagnostic in document["diagnostics"].as_array().unwrap() {
        let point = |end: &str, field: &str| diagnostic["range"][end][field].as_u64().unwrap() - 1;
        findings
            .entry(root.join(diagnostic["path"].as_str().unwrap()))
            .or_default()
            .push((
                diagnostic["code"].as_str().unwrap().to_owned(),
                point("start", "line") as u32,
                point("start", "column") as u32,
                point("end", "line") as u32,
                point("end", "column") as u32,
            ));
    }
    for list in findings.values_mut() {
        list.sort();
    }
    CheckSide { loaded, findings }
}

/// A client of the in-process server, talking LSP over a pipe.
struct Client {
    writer: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    reader: BufReader<tokio::io::ReadHalf<tokio::io::DuplexStream>>,
    next_id: i64,
}

impl Client {
    fn start() -> Self {
        let (client_end, server_end) = tokio::io::duplex(1 << 24);
        let (server_read, server_write) = tokio::io::split(server_end);
        tokio::spawn(iml_lsp::serve(server_read, server_write));
        let (reader, writer) = tokio::io::split(client_end);
        Client {
            writer,
            reader: BufReader::new(reader),
            next_id: 1,
        }
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.unwrap();
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    async fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        id
    }

    /// The next message; requests from the server are answered with
    /// `null` (progress tokens, registrations) on the way.
    async fn next(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(TIMEOUT, self.read())
                .await
                .expect("the server answers in time");
            if message.get("method").is_some()
                && let Some(id) = message.get("id")
            {
                let answer = if message["method"] == "workspace/configuration" {
                    let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                    Value::Array(vec![Value::Null; items])
                } else {
                    Value::Null
                };
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": answer }))
                    .await;
                continue;
            }
            return message;
        }
    }

    async fn read(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            assert_ne!(
                self.reader.read_line(&mut line).await.unwrap(),
                0,
                "server gone"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}

/// What the server of a workspace at `root` indexes and publishes.
struct ServerSide {
    /// From the end of the indexing progress: "N app files".
    indexed: usize,
    findings: BTreeMap<PathBuf, Vec<Finding>>,
}

/// Indexes `root`, then opens each of `files` as it is on disk, one after
/// the other, and keeps the diagnostics first published for it.
async fn server_side(root: &Path, files: &[PathBuf]) -> ServerSide {
    let mut client = Client::start();
    let uri = |path: &Path| format!("file://{}", path.display());
    let id = client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{ "uri": uri(root), "name": "tree" }],
                "capabilities": {
                    "general": { "positionEncodings": ["utf-16"] },
                    "window": { "workDoneProgress": true },
                    "textDocument": { "publishDiagnostics": { "versionSupport": true } }
                }
            }),
        )
        .await;
    loop {
        let message = client.next().await;
        if message["id"] == id {
            assert_eq!(
                message["result"]["capabilities"]["positionEncoding"], "utf-16",
                "{message}"
            );
            break;
        }
    }
    client.notify("initialized", json!({})).await;
    let indexed = loop {
        let message = client.next().await;
        let value = &message["params"]["value"];
        if message["method"] == "$/progress" && value["kind"] == "end" {
            let text = value["message"].as_str().unwrap_or_default();
            let count = text.split(' ').next().and_then(|count| count.parse().ok());
            break count.unwrap_or_else(|| panic!("no count in the indexing end: {message}"));
        }
    };
    let mut findings = BTreeMap::new();
    for path in files {
        let text = fs::read_to_string(path).unwrap();
        let document = uri(path);
        client
            .notify(
                "textDocument/didOpen",
                json!({ "textDocument": {
                    "uri": document, "languageId": "imljson", "version": 1, "text": text
                } }),
            )
            .await;
        let published = loop {
            let message = client.next().await;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == document.as_str()
            {
                break message["params"]["diagnostics"].clone();
            }
        };
        let mut list: Vec<Finding> = published
            .as_array()
            .unwrap()
            .iter()
            .map(|diagnostic| {
                let at = |end: &str, field: &str| {
                    diagnostic["range"][end][field].as_u64().unwrap() as u32
                };
                (
                    diagnostic["code"].as_str().unwrap_or_default().to_owned(),
                    at("start", "line"),
                    at("start", "character"),
                    at("end", "line"),
                    at("end", "character"),
                )
            })
            .collect();
        list.sort();
        if !list.is_empty() {
            findings.insert(path.clone(), list);
        }
    }
    ServerSide { indexed, findings }
}

/// Runs both front ends on the tree `build` writes and compares them.
async fn compare(build: fn(&Path)) -> Compared {
    let dir = tempfile::tempdir().unwrap();
    // The resolved form: the server keys files by the folder it was given.
    let root = fs::canonicalize(dir.path()).unwrap();
    build(&root);
    let check = check_side(&root);
    // Every file either side could speak of: those the command line loaded
    // and those it reported without loading (too large, unreadable). A
    // file too large to load is opened last: opening it adds its text,
    // which may change what the other files show.
    let mut files = check.loaded.clone();
    let unloaded = check
        .findings
        .keys()
        .filter(|path| !check.loaded.contains(path));
    files.extend(unloaded.cloned().collect::<Vec<_>>());
    files.dedup();
    for path in &files {
        let bytes = fs::read(path).unwrap();
        assert!(
            bytes.is_ascii(),
            "{} is not ASCII: its columns would differ",
            path.display()
        );
    }
    let server = server_side(&root, &files).await;

    assert_eq!(
        server.indexed,
        check.loaded.len(),
        "the server indexed another number of files than `iml-ls check` loaded: {:#?}",
        check.loaded
    );
    assert_eq!(
        server.findings, check.findings,
        "diagnostics differ (left: server, right: `iml-ls check`)"
    );
    let relative = |path: &PathBuf| path.strip_prefix(&root).unwrap().display().to_string();
    Compared {
        loaded: check.loaded.iter().map(relative).collect(),
        codes: check
            .findings
            .iter()
            .map(|(path, found)| {
                let codes = found.iter().map(|(code, ..)| code.clone()).collect();
                (relative(path), codes)
            })
            .collect(),
    }
}

/// What both front ends agreed on, relative to the tree.
struct Compared {
    loaded: Vec<String>,
    /// The codes reported for each file, in range order.
    codes: BTreeMap<String, Vec<String>>,
}

impl Compared {
    fn codes_of(&self, file: &str) -> Vec<&str> {
        self.codes
            .get(file)
            .map(|codes| codes.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_app_loads_the_same_through_both() {
    assert!(
        example_app().join("makecomapp.json").is_file(),
        "examples/acme-tasks is part of the repository"
    );
    let Compared { loaded, .. } = compare(sample_tree).await;
    assert!(
        loaded.contains(&"acme-tasks/README.md".to_owned()),
        "{loaded:?}"
    );
    assert!(loaded.len() > 10, "{loaded:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dist_and_node_modules_are_skipped_by_both() {
    let compared = compare(skipped_folders_tree).await;
    // Only the app's own problem: nothing from the copies.
    assert_eq!(compared.codes.len(), 1, "{:?}", compared.codes);
    assert_eq!(
        compared.loaded,
        [
            "app/README.md",
            "app/makecomapp.json",
            "app/modules/list/list.communication.iml.json",
            "app/modules/list/list.static-params.iml.json",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_size_limit_is_left_out_by_both() {
    let compared = compare(oversized_tree).await;
    assert_eq!(
        compared.codes_of("app/modules/list/list.static-params.iml.json"),
        ["F003"]
    );
    assert_eq!(
        compared.loaded,
        [
            "app/README.md",
            "app/makecomapp.json",
            "app/modules/list/list.communication.iml.json",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listed_missing_and_outside_paths_are_treated_alike() {
    let compared = compare(listing_tree).await;
    // Three paths out of the app, one missing inside it.
    assert_eq!(
        compared.codes_of("app/makecomapp.json"),
        ["F005", "F005", "F005", "X001"]
    );
    assert_eq!(
        compared.loaded,
        [
            "app/docs/README.md",
            "app/functions/hash/hash.code.js",
            "app/makecomapp.json",
            "app/modules/list/list.communication.iml.json",
        ]
    );
}
