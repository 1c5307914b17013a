//! Pictures of an app as plain data: a connection's flow (its sections in
//! the order Make runs them, and who writes and reads each `temp`, `data` and
//! `connection` key) and an app's components with their links. Renderers
//! (Mermaid, DOT, SVG) live with the command line; this module only says what
//! is drawn and where each node is in the source.

mod app;
mod connection;
mod model;

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::host::Analysis;
use crate::roles::ComponentKind;

pub use model::{EdgeKind, FlowGraph, GraphEdge, GraphKind, GraphNode, NodeKind, SourcePlace};

impl Analysis {
    /// The flow of the connection `file` belongs to (any of its files), or of
    /// the connection a module, RPC or webhook file uses.
    pub fn connection_graph(&self, file: &Path) -> Option<FlowGraph> {
        let (app, component) = self.component_of(file)?;
        let connection = match component.kind {
            ComponentKind::Connection => component,
            _ => app.connection_of(component)?,
        };
        Some(connection::build(self, app, connection).finish())
    }

    /// The components of the app `file` belongs to and their links.
    pub fn app_graph(&self, file: &Path) -> Option<FlowGraph> {
        let app = self.app(file)?;
        Some(app::build(self, app).finish())
    }
}
