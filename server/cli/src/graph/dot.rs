//! Renders a flow graph (an app's components or a connection's flow) as Graphviz
//! DOT text.

use std::fmt::Write;

use iml_analysis::graph::{EdgeKind, FlowGraph, GraphKind, NodeKind};

pub(super) fn render(graph: &FlowGraph) -> String {
    let mut out = String::new();
    let rankdir = match graph.kind {
        GraphKind::ConnectionFlow => "LR",
        GraphKind::App => "TB",
    };
    let _ = writeln!(out, "digraph {} {{", quote(&graph.title));
    let _ = writeln!(out, "    rankdir={rankdir};");
    let _ = writeln!(out, "    node [fontname=\"sans-serif\", style=filled];");
    let _ = writeln!(out, "    edge [fontname=\"sans-serif\", fontsize=10];");
    for node in &graph.nodes {
        let (shape, fill) = look(node.kind);
        let _ = writeln!(
            out,
            "    {} [label={}, shape={shape}, fillcolor=\"{fill}\"];",
            node.id,
            quote(&node.label)
        );
    }
    for edge in &graph.edges {
        let mut attributes = Vec::new();
        if !edge.label.is_empty() {
            attributes.push(format!("label={}", quote(&edge.label)));
        }
        match (edge.kind, graph.node(&edge.to).map(|n| n.kind)) {
            (EdgeKind::Flow, _) => attributes.push("penwidth=3".to_owned()),
            (_, Some(NodeKind::Unread)) | (EdgeKind::UsesAltConnection, _) => {
                attributes.push("style=dashed".to_owned());
            }
            _ => {}
        }
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attributes.join(", "))
        };
        let _ = writeln!(out, "    {} -> {}{attributes};", edge.from, edge.to);
    }
    out.push_str("}\n");
    out
}

pub(super) fn look(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Section => ("box", "#dbeafe"),
        NodeKind::Connection => ("box", "#dbeafe"),
        NodeKind::Parameters => ("box", "#fef9c3"),
        NodeKind::Base => ("box", "#ede9fe"),
        NodeKind::Unread => ("circle", "#fee2e2"),
        NodeKind::Group => ("box", "#f3f4f6"),
        _ => ("box", "#dcfce7"),
    }
}

/// A DOT quoted string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
