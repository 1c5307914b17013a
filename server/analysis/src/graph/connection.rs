//! A connection's flow: its sections in the order Make runs them, and an edge
//! for each `temp`, `data` and `connection` key from the section (or the
//! parameters) that writes it to every place that reads it: its own
//! sections, and the modules, RPCs, webhooks and Base that read
//! `connection.*`. Reads are resolved by the same semantic model that go to
//! definition uses, so a picture and a jump never disagree.

use std::collections::BTreeMap;
use std::path::Path;

use iml_catalogue::{OAuthFlavour, Section, sections};
use text_size::TextRange;

use super::model::{
    EdgeKind, FlowGraph, GraphEdge, GraphKind, GraphNode, NodeKind, SourcePlace, node_id,
};
use crate::app::{AppModel, Component};
use crate::host::Analysis;
use crate::ide::resolve::{FileScope, resolve_read};
use crate::ide::walk::chain_steps;
use crate::json::members;
use crate::roles::{ComponentKind, ConnectionKind, RoleKind};
use crate::semantic::{FileFacts, context_at_path, facts, flow_step_at, sites};

/// Id of the node of a connection without sections.
const COMMUNICATION: &str = "communication";
const PARAMETERS: &str = "parameters";
const UNREAD: &str = "unread";

pub(super) fn build(analysis: &Analysis, app: &AppModel, connection: &Component) -> FlowGraph {
    let mut graph = FlowGraph {
        kind: GraphKind::ConnectionFlow,
        title: format!("connection {}", connection.id),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let Some(communication) = connection.communication() else {
        return graph;
    };
    let flavour = match analysis.connection_kind(app, &connection.id) {
        Some(ConnectionKind::OAuth1) => Some(OAuthFlavour::OAuth1),
        Some(ConnectionKind::OAuth2) => Some(OAuthFlavour::OAuth2),
        _ => None,
    };
    add_sections(analysis, communication, flavour, &mut graph);
    let Some(written) = facts(analysis, communication) else {
        return graph;
    };
    let mut edges = Edges::default();
    for file in &app.files {
        add_reads(
            analysis,
            app,
            connection,
            communication,
            &written,
            file,
            &mut graph,
            &mut edges,
        );
    }
    graph.edges.extend(edges.into_values());
    add_unread_data(communication, &written, &mut graph);
    // Modules and RPCs that read nothing of the connection themselves (Base
    // reads for them) add nothing to the picture.
    let linked = |id: &str| graph.edges.iter().any(|e| e.from == id || e.to == id);
    let keep: Vec<bool> = graph
        .nodes
        .iter()
        .map(|node| node.kind == NodeKind::Section || linked(&node.id))
        .collect();
    let mut keep = keep.into_iter();
    graph.nodes.retain(|_| keep.next().unwrap_or(true));
    graph
}

/// One node per request section present, in flow order (the catalogue's
/// order: the initial flow first, then `refresh` and `invalidate`), with flow
/// edges between the sections of the initial flow.
fn add_sections(
    analysis: &Analysis,
    communication: &Path,
    flavour: Option<OAuthFlavour>,
    graph: &mut FlowGraph,
) {
    let root = analysis.root_value(communication);
    let present: Vec<_> = flavour
        .map(sections)
        .unwrap_or_default()
        .iter()
        .filter(|info| info.is_request)
        .filter_map(|info| {
            let member = root
                .map(members)
                .unwrap_or_default()
                .iter()
                .rev()
                .find(|m| m.key.decoded.as_str() == info.key)?;
            Some((info, member.key.range))
        })
        .collect();
    if present.is_empty() {
        graph.nodes.push(GraphNode {
            id: COMMUNICATION.to_owned(),
            label: "communication".to_owned(),
            kind: NodeKind::Section,
            place: Some(file_start(communication)),
        });
        return;
    }
    let mut previous: Option<&str> = None;
    for (info, range) in &present {
        graph.nodes.push(GraphNode {
            id: info.key.to_owned(),
            label: info.key.to_owned(),
            kind: NodeKind::Section,
            place: Some(SourcePlace {
                file: communication.to_path_buf(),
                range: *range,
            }),
        });
        if info.flow_order.is_some() {
            if let Some(previous) = previous {
                graph.edges.push(GraphEdge {
                    from: previous.to_owned(),
                    to: info.key.to_owned(),
                    label: String::new(),
                    kind: EdgeKind::Flow,
                    written_at: None,
                    read_at: Vec::new(),
                });
            }
            previous = Some(info.key);
        }
    }
}

/// Key edges by (writer, reader, label): one edge however often it is read.
type Edges = BTreeMap<(String, String, String), GraphEdge>;

#[allow(clippy::too_many_arguments)]
fn add_reads(
    analysis: &Analysis,
    app: &AppModel,
    connection: &Component,
    communication: &Path,
    written: &FileFacts,
    file: &Path,
    graph: &mut FlowGraph,
    edges: &mut Edges,
) {
    let inside = file == communication;
    let Some(reader) = reader_node(analysis, app, connection, communication, file, graph) else {
        return;
    };
    let Some(file_sites) = sites(analysis, file) else {
        return;
    };
    let mut scope = FileScope::default();
    for site in file_sites.sites() {
        let context = context_at_path(analysis, file, &site.string.path, site.string.is_key);
        for step in chain_steps(&site.block.expr) {
            let kind = match step.root.text.as_str() {
                _ if step.root.backticked => continue,
                "connection" => EdgeKind::Connection,
                "temp" if inside => EdgeKind::Temp,
                "data" if inside => EdgeKind::Data,
                _ => continue,
            };
            let read_step = flow_step_at(&context, &site.string.path);
            let defs = resolve_read(
                analysis,
                file,
                &mut scope,
                &step.root.text,
                &step.path,
                read_step.as_ref().filter(|_| kind == EdgeKind::Temp),
            );
            let reader = match &reader {
                Reader::Component(id) => id.clone(),
                Reader::Sections => context
                    .section
                    .map_or(COMMUNICATION, section_key)
                    .to_owned(),
            };
            for def in defs {
                let Some(writer) = writer_node(
                    connection,
                    communication,
                    written,
                    &def.file,
                    def.range,
                    graph,
                ) else {
                    continue;
                };
                let label = format!("{}.{}", step.root.text, step.path);
                let read_at = SourcePlace {
                    file: file.to_path_buf(),
                    range: site.to_source(step.name.range),
                };
                let edge = edges
                    .entry((writer.clone(), reader.clone(), label.clone()))
                    .or_insert_with(|| GraphEdge {
                        from: writer,
                        to: reader.clone(),
                        label,
                        kind,
                        written_at: Some(SourcePlace {
                            file: def.file.clone(),
                            range: def.range,
                        }),
                        read_at: Vec::new(),
                    });
                if !edge.read_at.contains(&read_at) {
                    edge.read_at.push(read_at);
                    edge.read_at.sort_by(|a, b| {
                        (&a.file, a.range.start(), a.range.end()).cmp(&(
                            &b.file,
                            b.range.start(),
                            b.range.end(),
                        ))
                    });
                }
            }
        }
    }
}

enum Reader {
    /// Reads inside the communication belong to the section they sit in.
    Sections,
    Component(String),
}

/// Who reads in `file`: the connection's own sections, a component using the
/// connection, or Base; `None` for files whose reads are not this
/// connection's.
fn reader_node(
    analysis: &Analysis,
    app: &AppModel,
    connection: &Component,
    communication: &Path,
    file: &Path,
    graph: &mut FlowGraph,
) -> Option<Reader> {
    if file == communication {
        return Some(Reader::Sections);
    }
    if analysis.role(file).kind == RoleKind::Base {
        let id = "base".to_owned();
        ensure_node(graph, &id, "Base", NodeKind::Base, file);
        return Some(Reader::Component(id));
    }
    let component = app.component_of(file)?;
    let uses = |id: &Option<String>| id.as_deref() == Some(connection.id.as_str());
    let reads_this = match component.kind {
        ComponentKind::Module | ComponentKind::Rpc | ComponentKind::Webhook => {
            uses(&component.connection) || uses(&component.alt_connection)
        }
        _ => false,
    };
    if !reads_this {
        return None;
    }
    let kind = NodeKind::of_component(component.kind);
    let id = node_id(kind.code(), &component.id);
    let label = format!("{} {}", kind.code(), component.id);
    let opens = component.communication().unwrap_or(file);
    ensure_node(graph, &id, &label, kind, opens);
    Some(Reader::Component(id))
}

/// The node that wrote the literal at `range` of `file`: a section of the
/// communication, or the parameters; `None` for another connection's keys.
fn writer_node(
    connection: &Component,
    communication: &Path,
    written: &FileFacts,
    file: &Path,
    range: TextRange,
    graph: &mut FlowGraph,
) -> Option<String> {
    if file == communication {
        let data = written
            .connection
            .iter()
            .flat_map(|facts| &facts.data_keys)
            .find(|key| key.range == range)
            .map(|key| key.section);
        let temp = || {
            written
                .temp_writes
                .iter()
                .find(|write| write.range == range)
                .map(|write| write.step.section)
        };
        let section = data.or_else(temp)?;
        return Some(section.map_or(COMMUNICATION, section_key).to_owned());
    }
    if connection.params_files().any(|params| params == file) {
        ensure_node(graph, PARAMETERS, "parameters", NodeKind::Parameters, file);
        return Some(PARAMETERS.to_owned());
    }
    None
}

/// Data keys that nothing reads still belong in the picture: they point to
/// one "not read" node.
fn add_unread_data(communication: &Path, written: &FileFacts, graph: &mut FlowGraph) {
    let Some(connection) = &written.connection else {
        return;
    };
    for key in &connection.data_keys {
        let place = SourcePlace {
            file: communication.to_path_buf(),
            range: key.range,
        };
        // Every writer of a key gets the edges of its reads (a read resolves
        // to each literal that writes the key), so a writer without one is
        // read by nothing.
        if graph
            .edges
            .iter()
            .any(|edge| edge.written_at.as_ref() == Some(&place))
        {
            continue;
        }
        let writer = key.section.map_or(COMMUNICATION, section_key).to_owned();
        if graph.node(UNREAD).is_none() {
            graph.nodes.push(GraphNode {
                id: UNREAD.to_owned(),
                label: "not read".to_owned(),
                kind: NodeKind::Unread,
                place: None,
            });
        }
        graph.edges.push(GraphEdge {
            from: writer,
            to: UNREAD.to_owned(),
            label: format!("data.{}", key.name),
            kind: EdgeKind::Data,
            written_at: Some(place),
            read_at: Vec::new(),
        });
    }
}

fn ensure_node(graph: &mut FlowGraph, id: &str, label: &str, kind: NodeKind, file: &Path) {
    if graph.node(id).is_none() {
        graph.nodes.push(GraphNode {
            id: id.to_owned(),
            label: label.to_owned(),
            kind,
            place: Some(file_start(file)),
        });
    }
}

fn file_start(file: &Path) -> SourcePlace {
    SourcePlace {
        file: file.to_path_buf(),
        range: TextRange::default(),
    }
}

fn section_key(section: Section) -> &'static str {
    [OAuthFlavour::OAuth2, OAuthFlavour::OAuth1]
        .into_iter()
        .flat_map(sections)
        .find(|info| info.section == section)
        .map_or("communication", |info| info.key)
}
