//! Mermaid flowchart output: the initial flow as thick arrows, keys as
//! labelled arrows, keys that nothing reads as dotted ones.

use std::fmt::Write;

use iml_analysis::graph::{EdgeKind, FlowGraph, GraphKind, NodeKind};

pub(super) fn render(graph: &FlowGraph) -> String {
    let mut out = String::new();
    let direction = match graph.kind {
        GraphKind::ConnectionFlow => "LR",
        GraphKind::App => "TB",
    };
    let _ = writeln!(out, "---\ntitle: {}\n---", quote(&graph.title));
    let _ = writeln!(out, "flowchart {direction}");
    for node in &graph.nodes {
        let label = quote(&node.label);
        let shape = match node.kind {
            NodeKind::Section => format!("[\"{label}\"]"),
            NodeKind::Parameters => format!("[/\"{label}\"/]"),
            NodeKind::Base => format!("[[\"{label}\"]]"),
            NodeKind::Connection => format!("([\"{label}\"])"),
            NodeKind::Group => format!("{{{{\"{label}\"}}}}"),
            NodeKind::Unread => format!("((\"{label}\"))"),
            _ => format!("(\"{label}\")"),
        };
        let _ = writeln!(out, "    {}{shape}", node.id);
    }
    for edge in &graph.edges {
        let arrow = match (edge.kind, graph.node(&edge.to).map(|n| n.kind)) {
            (EdgeKind::Flow, _) => "==>",
            (_, Some(NodeKind::Unread)) | (EdgeKind::UsesAltConnection, _) => "-.->",
            _ => "-->",
        };
        if edge.label.is_empty() {
            let _ = writeln!(out, "    {} {arrow} {}", edge.from, edge.to);
        } else {
            let _ = writeln!(
                out,
                "    {} {arrow}|\"{}\"| {}",
                edge.from,
                quote(&edge.label),
                edge.to
            );
        }
    }
    for kind in used_kinds(graph) {
        let _ = writeln!(out, "    classDef {} {}", kind.code(), style(kind));
        let members: Vec<&str> = graph
            .nodes
            .iter()
            .filter(|node| node.kind == kind)
            .map(|node| node.id.as_str())
            .collect();
        let _ = writeln!(out, "    class {} {}", members.join(","), kind.code());
    }
    out
}

fn used_kinds(graph: &FlowGraph) -> Vec<NodeKind> {
    let mut kinds: Vec<NodeKind> = graph.nodes.iter().map(|node| node.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

fn style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Section | NodeKind::Connection => "fill:#dbeafe,stroke:#1d4ed8",
        NodeKind::Parameters => "fill:#fef9c3,stroke:#a16207",
        NodeKind::Base => "fill:#ede9fe,stroke:#6d28d9",
        NodeKind::Unread => "fill:#fee2e2,stroke:#b91c1c",
        NodeKind::Group => "fill:#f3f4f6,stroke:#4b5563",
        _ => "fill:#dcfce7,stroke:#15803d",
    }
}

/// Mermaid labels are quoted strings; a `"` inside is written as `#quot;`.
fn quote(text: &str) -> String {
    text.replace('"', "#quot;")
}
