//! `textDocument/references`: every occurrence of the symbol across its app.

use tower_lsp_server::ls_types::{Location, ReferenceParams};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn references(
    mut doc: DocumentSnapshot,
    params: ReferenceParams,
    context: &Context,
) -> Option<Vec<Location>> {
    let position = params.text_document_position;
    let include_declaration = params.context.include_declaration;
    let offset = doc.offset(position.position);
    let references = doc
        .snapshot
        .analysis
        .find_references(&doc.path, offset, include_declaration);
    if context.cancel.is_cancelled() {
        return None;
    }
    Some(
        references
            .iter()
            .filter_map(|reference| doc.snapshot.location(&reference.file, reference.range))
            .collect(),
    )
}
