//! `textDocument/hover`: what the word under the cursor is, in markdown when
//! the client reads it.

use tower_lsp_server::ls_types::{Hover, HoverParams};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn hover(doc: DocumentSnapshot, params: HoverParams, _: &Context) -> Option<Hover> {
    let position = params.text_document_position_params;
    let offset = doc.offset(position.position);
    let hover = doc.snapshot.analysis.hover(&doc.path, offset)?;
    Some(Hover {
        contents: doc
            .snapshot
            .client
            .hover_markup
            .hover_contents(hover.markdown),
        range: Some(doc.range(hover.range)),
    })
}
