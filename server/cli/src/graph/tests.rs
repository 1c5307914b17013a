//! `iml-ls graph` on the sample app: Mermaid and DOT snapshots of the
//! connection's flow (every `data` key with its writer and its readers) and
//! of the app, and the SVG's nodes, edges and places.

use std::path::{Path, PathBuf};

use super::{GraphArgs, GraphFormat, graph};
use crate::Outcome;

fn examples() -> PathBuf {
    let root: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "examples"]
        .iter()
        .collect();
    std::fs::canonicalize(root).unwrap()
}

fn run(path: &str, format: GraphFormat, app: bool) -> String {
    let cwd = examples();
    let args = GraphArgs {
        path: PathBuf::from(path),
        format,
        app,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = graph(&args, &cwd, &mut out, &mut err);
    assert_eq!(outcome, Outcome::Clean, "{}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

const CONNECTION: &str =
    "acme-tasks/connections/acme-oauth/acme-oauth.oauth-communication.iml.json";

#[test]
fn connection_flow_as_mermaid() {
    insta::assert_snapshot!(run(CONNECTION, GraphFormat::Mermaid, false));
}

#[test]
fn connection_flow_as_dot() {
    insta::assert_snapshot!(run(CONNECTION, GraphFormat::Dot, false));
}

#[test]
fn app_as_mermaid() {
    insta::assert_snapshot!(run("acme-tasks", GraphFormat::Mermaid, false));
}

#[test]
fn app_as_dot_from_a_component_file() {
    insta::assert_snapshot!(run(CONNECTION, GraphFormat::Dot, true));
}

#[test]
fn every_data_key_has_its_writer_and_readers() {
    let mermaid = run(CONNECTION, GraphFormat::Mermaid, false);
    for (writer, key, reader) in [
        ("token", "data.refreshToken", "refresh"),
        ("refresh", "data.refreshToken", "refresh"),
        ("token", "data.expires", "refresh"),
        ("token", "connection.accessToken", "info"),
        ("token", "connection.accessToken", "base"),
        ("refresh", "connection.accessToken", "base"),
        ("token", "connection.refreshToken", "invalidate"),
        ("authorize", "temp.code", "token"),
    ] {
        let line = format!("    {writer} -->|\"{key}\"| {reader}");
        assert!(mermaid.contains(&line), "missing `{line}` in\n{mermaid}");
    }
}

#[test]
fn svg_draws_every_node_with_its_place_and_every_arrow() {
    let svg = run(CONNECTION, GraphFormat::Svg, false);
    assert!(svg.contains("<svg "), "{svg}");
    assert!(svg.contains("<title>connection acme-oauth</title>"));
    for node in [
        "authorize",
        "token",
        "info",
        "refresh",
        "invalidate",
        "base",
    ] {
        assert!(
            svg.contains(&format!("data-node=\"{node}\"")),
            "no node {node}"
        );
    }
    // `token` is a key of the communication's root object: line 18, column 2.
    let token = svg
        .split("data-node=\"token\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap();
    assert!(
        token.contains("acme-oauth.oauth-communication.iml.json\""),
        "{token}"
    );
    assert!(
        token.contains("data-line=\"17\" data-column=\"2\""),
        "{token}"
    );
    // Arrows of one kind between two nodes share one path.
    assert!(svg.matches("class=\"iml-edge").count() >= 10, "{svg}");
    assert!(svg.contains("data.expires, data.refreshToken"), "{svg}");
}

#[test]
fn a_path_outside_any_app_fails_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let args = GraphArgs {
        path: dir.path().to_path_buf(),
        format: GraphFormat::Mermaid,
        app: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = graph(&args, Path::new("/"), &mut out, &mut err);
    assert_eq!(outcome, Outcome::Failure);
    assert!(String::from_utf8_lossy(&err).contains("belongs to no app"));
}
