//! `textDocument/documentHighlight`: the occurrences of the symbol under the
//! cursor in its own document, writes told apart from reads.

use iml_analysis::ide::HighlightKind;
use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn document_highlights(
    doc: DocumentSnapshot,
    params: DocumentHighlightParams,
    context: &Context,
) -> Option<Vec<DocumentHighlight>> {
    let position = params.text_document_position_params;
    let offset = doc.offset(position.position);
    let highlights = doc.snapshot.analysis.document_highlights(&doc.path, offset);
    if context.cancel.is_cancelled() {
        return None;
    }
    Some(
        highlights
            .iter()
            .map(|highlight| DocumentHighlight {
                range: doc.range(highlight.range),
                kind: Some(match highlight.kind {
                    HighlightKind::Write => DocumentHighlightKind::WRITE,
                    HighlightKind::Read => DocumentHighlightKind::READ,
                }),
            })
            .collect(),
    )
}
