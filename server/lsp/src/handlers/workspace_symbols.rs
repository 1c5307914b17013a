//! `workspace/symbol`: components, parameters, RPCs and connection data keys
//! of every app in the workspace.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    OneOf, WorkspaceSymbol, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::document_symbols::{symbol_kind, visible_name};
use crate::server::Server;

pub const METHOD: &str = "workspace/symbol";

/// Enough to pick from; clients refine the query rather than scroll.
const LIMIT: usize = 500;

impl Server {
    pub(crate) async fn workspace_symbols(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query;
        self.on_workspace(METHOD, move |mut snapshot, cancel| {
            let symbols = snapshot.analysis.workspace_symbols(&query, LIMIT);
            if cancel.is_cancelled() {
                return None;
            }
            let symbols = symbols
                .iter()
                .filter_map(|symbol| {
                    let location = snapshot.location(&symbol.file, symbol.range)?;
                    Some(WorkspaceSymbol {
                        name: visible_name(&symbol.name),
                        kind: symbol_kind(symbol.kind),
                        tags: None,
                        container_name: symbol.container.clone(),
                        location: OneOf::Left(location),
                        data: None,
                    })
                })
                .collect();
            Some(WorkspaceSymbolResponse::Nested(symbols))
        })
        .await
    }
}
