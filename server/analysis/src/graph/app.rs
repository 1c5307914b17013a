//! An app's components and their links: each module, RPC and webhook to its
//! connection, an alternative connection, an instant trigger to its webhook,
//! every `rpc://` reference, and each group to the modules it lists.

use std::collections::BTreeSet;

use iml_jsonc::ValueKind;
use text_size::TextRange;

use super::model::{
    EdgeKind, FlowGraph, GraphEdge, GraphKind, GraphNode, NodeKind, SourcePlace, node_id,
};
use crate::app::{AppModel, Component};
use crate::host::Analysis;
use crate::ide::walk::string_values;
use crate::json::{get, get_str};
use crate::roles::ComponentKind;

pub(super) fn build(analysis: &Analysis, app: &AppModel) -> FlowGraph {
    let name = app
        .root
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut graph = FlowGraph {
        kind: GraphKind::App,
        title: format!("app {name}"),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    for kind in ComponentKind::ALL {
        for component in app.components_of_kind(kind) {
            graph.nodes.push(GraphNode {
                id: component_id(component),
                label: format!("{} {}", NodeKind::of_component(kind).code(), component.id),
                kind: NodeKind::of_component(kind),
                place: component.files.first().map(|(_, file)| SourcePlace {
                    file: component.communication().unwrap_or(file).to_path_buf(),
                    range: TextRange::default(),
                }),
            });
        }
    }
    for component in &app.components {
        add_component_links(analysis, app, component, &mut graph);
    }
    add_groups(analysis, app, &mut graph);
    graph
}

fn component_id(component: &Component) -> String {
    node_id(NodeKind::of_component(component.kind).code(), &component.id)
}

fn link(graph: &mut FlowGraph, from: String, to: String, kind: EdgeKind, label: &str) {
    let exists = graph
        .edges
        .iter()
        .any(|e| e.from == from && e.to == to && e.kind == kind);
    // A link to a component the app does not declare has nothing to point to
    // (the checks report it).
    if exists || graph.node(&to).is_none() || graph.node(&from).is_none() {
        return;
    }
    graph.edges.push(GraphEdge {
        from,
        to,
        label: label.to_owned(),
        kind,
        written_at: None,
        read_at: Vec::new(),
    });
}

fn add_component_links(
    analysis: &Analysis,
    app: &AppModel,
    component: &Component,
    graph: &mut FlowGraph,
) {
    let from = component_id(component);
    let targets = [
        (
            &component.connection,
            ComponentKind::Connection,
            EdgeKind::UsesConnection,
            "connection",
        ),
        (
            &component.alt_connection,
            ComponentKind::Connection,
            EdgeKind::UsesAltConnection,
            "alt connection",
        ),
        (
            &component.webhook,
            ComponentKind::Webhook,
            EdgeKind::UsesWebhook,
            "webhook",
        ),
    ];
    for (target, kind, edge, label) in targets {
        if let Some(target) = target.as_deref().and_then(|id| app.component(kind, id)) {
            link(graph, from.clone(), component_id(target), edge, label);
        }
    }
    let mut rpcs = BTreeSet::new();
    for (_, file) in &component.files {
        let Some(root) = analysis.root_value(file) else {
            continue;
        };
        for string in string_values(root) {
            if let Some((name, _)) = crate::ide::names::rpc_reference(string.decoded.as_str()) {
                rpcs.insert(name.to_owned());
            }
        }
    }
    for name in rpcs {
        if let Some(rpc) = app.component(ComponentKind::Rpc, &name) {
            let label = format!("rpc://{name}");
            link(
                graph,
                from.clone(),
                component_id(rpc),
                EdgeKind::RpcReference,
                &label,
            );
        }
    }
}

fn add_groups(analysis: &Analysis, app: &AppModel, graph: &mut FlowGraph) {
    let Some(file) = &app.groups else { return };
    let Some(root) = analysis.root_value(file) else {
        return;
    };
    let ValueKind::Array(groups) = &root.kind else {
        return;
    };
    for (index, group) in groups.iter().enumerate() {
        let label = get_str(group, "label").unwrap_or("group");
        let id = node_id("group", &index.to_string());
        graph.nodes.push(GraphNode {
            id: id.clone(),
            label: format!("group {label}"),
            kind: NodeKind::Group,
            place: Some(SourcePlace {
                file: file.clone(),
                range: group.range,
            }),
        });
        let Some(ValueKind::Array(entries)) = get(group, "modules").map(|m| &m.kind) else {
            continue;
        };
        for entry in entries {
            if let ValueKind::String(module) = &entry.kind {
                let to = node_id("module", module.decoded.as_str());
                link(graph, id.clone(), to, EdgeKind::GroupMember, "");
            }
        }
    }
}
