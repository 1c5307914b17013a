//! `workspace/symbol`: components, parameters, RPCs and connection data keys
//! of every app in the workspace.

use tower_lsp_server::ls_types::{
    OneOf, WorkspaceSymbol, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use super::document_symbols::{symbol_kind, visible_name};
use crate::dispatch::Context;
use crate::snapshot::Snapshot;

/// Enough to pick from; clients refine the query rather than scroll.
const LIMIT: usize = 500;

pub(crate) fn workspace_symbols(
    mut snapshot: Snapshot,
    params: WorkspaceSymbolParams,
    context: &Context,
) -> Option<WorkspaceSymbolResponse> {
    let symbols = snapshot.analysis.workspace_symbols(&params.query, LIMIT);
    if context.cancel.is_cancelled() {
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
}
