//! The data a graph is made of: nodes, edges and the places in the source
//! they open, shared by the builders of each picture.

use std::path::PathBuf;

use text_size::TextRange;

use crate::roles::ComponentKind;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A section of a connection's communication (`token`, `refresh`, …), or
    /// the whole communication of a connection without sections.
    Section,
    /// A connection's parameters, which `connection.*` also reads.
    Parameters,
    Connection,
    Webhook,
    Module,
    Rpc,
    Function,
    Endpoint,
    /// The app's Base, merged into every module and RPC request.
    Base,
    /// A group of `groups.json`.
    Group,
    /// Where keys that nothing reads point to.
    Unread,
}

impl NodeKind {
    /// A stable, lower-case name for output formats and class names.
    pub fn code(self) -> &'static str {
        match self {
            NodeKind::Section => "section",
            NodeKind::Parameters => "parameters",
            NodeKind::Connection => "connection",
            NodeKind::Webhook => "webhook",
            NodeKind::Module => "module",
            NodeKind::Rpc => "rpc",
            NodeKind::Function => "function",
            NodeKind::Endpoint => "endpoint",
            NodeKind::Base => "base",
            NodeKind::Group => "group",
            NodeKind::Unread => "unread",
        }
    }

    pub(crate) fn of_component(kind: ComponentKind) -> NodeKind {
        match kind {
            ComponentKind::Connection => NodeKind::Connection,
            ComponentKind::Webhook => NodeKind::Webhook,
            ComponentKind::Module => NodeKind::Module,
            ComponentKind::Rpc => NodeKind::Rpc,
            ComponentKind::Function => NodeKind::Function,
            ComponentKind::Endpoint => NodeKind::Endpoint,
        }
    }
}

/// What an edge carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// The order sections run in (`authorize` → `token`).
    Flow,
    /// A `temp` key, from the request that writes it to one that reads it.
    Temp,
    /// A `response.data` key, read as `data.*` inside the connection.
    Data,
    /// A connection key (saved data or a parameter) read as `connection.*`.
    Connection,
    /// A module's, RPC's or webhook's connection.
    UsesConnection,
    /// A module's alternative connection.
    UsesAltConnection,
    /// An instant trigger's webhook.
    UsesWebhook,
    /// An `rpc://` reference.
    RpcReference,
    /// A group lists a module.
    GroupMember,
}

impl EdgeKind {
    pub fn code(self) -> &'static str {
        match self {
            EdgeKind::Flow => "flow",
            EdgeKind::Temp => "temp",
            EdgeKind::Data => "data",
            EdgeKind::Connection => "connection",
            EdgeKind::UsesConnection => "uses-connection",
            EdgeKind::UsesAltConnection => "uses-alt-connection",
            EdgeKind::UsesWebhook => "uses-webhook",
            EdgeKind::RpcReference => "rpc-reference",
            EdgeKind::GroupMember => "group-member",
        }
    }
}

/// A place in a file a node or an edge opens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourcePlace {
    pub file: PathBuf,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    /// Unique within the graph; letters, digits and `_` only, so that every
    /// output format can use it as is.
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub place: Option<SourcePlace>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    /// What is carried, as it is read (`data.refreshToken`), or empty.
    pub label: String,
    pub kind: EdgeKind,
    /// Where it is written (for key edges).
    pub written_at: Option<SourcePlace>,
    /// Where it is read (for key edges), sorted.
    pub read_at: Vec<SourcePlace>,
}

/// Which picture a graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphKind {
    ConnectionFlow,
    App,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowGraph {
    pub kind: GraphKind,
    pub title: String,
    /// In drawing order: a connection's sections in flow order first.
    pub nodes: Vec<GraphNode>,
    /// Sorted by kind, then source node order, then label.
    pub edges: Vec<GraphEdge>,
}

impl FlowGraph {
    pub fn node(&self, id: &str) -> Option<&GraphNode> {
        self.nodes.iter().find(|node| node.id == id)
    }

    /// Sorts edges so output is stable whatever order reads were found in.
    pub(super) fn finish(mut self) -> FlowGraph {
        let order = |id: &str| self.nodes.iter().position(|n| n.id == id);
        let mut keyed: Vec<_> = self
            .edges
            .drain(..)
            .map(|edge| {
                let key = (
                    edge.kind,
                    order(&edge.from),
                    edge.label.clone(),
                    order(&edge.to),
                );
                (key, edge)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        self.edges = keyed.into_iter().map(|(_, edge)| edge).collect();
        self
    }
}

/// A node id from free text: letters, digits and `_` kept, the rest `_`.
pub(crate) fn node_id(prefix: &str, name: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + name.len() + 1);
    id.push_str(prefix);
    id.push('_');
    id.extend(
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
    );
    id
}
