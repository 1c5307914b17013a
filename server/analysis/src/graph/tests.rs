//! The graphs of the sample app, and of small apps that show one link each.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};

use super::FlowGraph;
use crate::host::AnalysisHost;

fn load(dir: &Path, host: &mut AnalysisHost) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            load(&path, host);
        } else {
            host.set_file(path.clone(), fs::read_to_string(&path).unwrap());
        }
    }
}

fn sample_app() -> (PathBuf, AnalysisHost) {
    let root: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "examples",
        "acme-tasks",
    ]
    .iter()
    .collect();
    let root = fs::canonicalize(root).unwrap();
    let mut host = AnalysisHost::new();
    load(&root, &mut host);
    (root, host)
}

fn show(graph: &FlowGraph, root: &Path) -> String {
    let mut out = format!("{}\n", graph.title);
    for node in &graph.nodes {
        let place = node.place.as_ref().map_or(String::new(), |place| {
            let file = place.file.strip_prefix(root).unwrap_or(&place.file);
            format!(" @ {}:{:?}", file.display(), place.range)
        });
        writeln!(
            out,
            "  [{}] {} ({}){place}",
            node.id,
            node.label,
            node.kind.code()
        )
        .unwrap();
    }
    for edge in &graph.edges {
        let reads = edge.read_at.len();
        writeln!(
            out,
            "  {} -> {} {:?} ({}{})",
            edge.from,
            edge.to,
            edge.label,
            edge.kind.code(),
            if reads > 0 {
                format!(", {reads} reads")
            } else {
                String::new()
            }
        )
        .unwrap();
    }
    out
}

fn check(graph: Option<FlowGraph>, root: &Path, expect: Expect) {
    expect.assert_eq(&show(&graph.expect("a graph"), root));
}

#[test]
fn sample_connection_shows_every_key_with_its_writer_and_readers() {
    let (root, host) = sample_app();
    let analysis = host.snapshot();
    let file = root.join("connections/acme-oauth/acme-oauth.oauth-communication.iml.json");
    check(
        analysis.connection_graph(&file),
        &root,
        expect![[r#"
            connection acme-oauth
              [authorize] authorize (section) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:129..140
              [token] token (section) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:513..520
              [info] info (section) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:2450..2456
              [refresh] refresh (section) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:1559..1568
              [invalidate] invalidate (section) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:2899..2911
              [base] Base (base) @ general/base.iml.json:0..0
              authorize -> token "" (flow)
              token -> info "" (flow)
              authorize -> token "temp.code" (temp, 2 reads)
              token -> refresh "data.expires" (data, 1 reads)
              token -> refresh "data.refreshToken" (data, 1 reads)
              refresh -> refresh "data.expires" (data, 1 reads)
              refresh -> refresh "data.refreshToken" (data, 1 reads)
              token -> info "connection.accessToken" (connection, 1 reads)
              token -> base "connection.accessToken" (connection, 1 reads)
              token -> invalidate "connection.refreshToken" (connection, 1 reads)
              refresh -> info "connection.accessToken" (connection, 1 reads)
              refresh -> base "connection.accessToken" (connection, 1 reads)
              refresh -> invalidate "connection.refreshToken" (connection, 1 reads)
        "#]],
    );
}

#[test]
fn sample_app_shows_components_and_links() {
    let (root, host) = sample_app();
    let analysis = host.snapshot();
    check(
        analysis.app_graph(&root.join("makecomapp.json")),
        &root,
        expect![[r#"
            app acme-tasks
              [connection_acme_oauth] connection acme-oauth (connection) @ connections/acme-oauth/acme-oauth.oauth-communication.iml.json:0..0
              [module_listTasks] module listTasks (module) @ modules/list-tasks/list-tasks.communication.iml.json:0..0
              [module_makeApiCall] module makeApiCall (module) @ modules/make-api-call/make-api-call.communication.iml.json:0..0
              [rpc_listProjects] rpc listProjects (rpc) @ rpcs/list-projects/list-projects.communication.iml.json:0..0
              [group_0] group Tasks (group) @ modules/groups.json:4..60
              [group_1] group Other (group) @ modules/groups.json:64..122
              module_listTasks -> connection_acme_oauth "connection" (uses-connection)
              module_makeApiCall -> connection_acme_oauth "connection" (uses-connection)
              rpc_listProjects -> connection_acme_oauth "connection" (uses-connection)
              module_listTasks -> rpc_listProjects "rpc://listProjects" (rpc-reference)
              group_0 -> module_listTasks "" (group-member)
              group_1 -> module_makeApiCall "" (group-member)
        "#]],
    );
}

#[test]
fn a_module_file_shows_its_connection() {
    let (root, host) = sample_app();
    let analysis = host.snapshot();
    let module = root.join("modules/list-tasks/list-tasks.communication.iml.json");
    let graph = analysis.connection_graph(&module).expect("a graph");
    assert_eq!(graph.title, "connection acme-oauth");
}

#[test]
fn an_unread_data_key_points_to_not_read() {
    let (root, mut host) = sample_app();
    let file = root.join("connections/acme-oauth/acme-oauth.oauth-communication.iml.json");
    let text = fs::read_to_string(&file).unwrap().replace(
        "\"refreshToken\": \"{{body.refresh_token}}\",\n        // When",
        "\"refreshToken\": \"{{body.refresh_token}}\",\n        \"scopeGranted\": \"{{body.scope}}\",\n        // When",
    );
    assert!(text.contains("scopeGranted"));
    host.set_file(file.clone(), text);
    let graph = host.snapshot().connection_graph(&file).expect("a graph");
    let unread: Vec<_> = graph
        .edges
        .iter()
        .filter(|edge| edge.to == "unread")
        .map(|edge| (edge.from.as_str(), edge.label.as_str()))
        .collect();
    assert_eq!(unread, [("token", "data.scopeGranted")]);
}
