//! `textDocument/references`: every occurrence of the symbol across its app.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

use crate::server::Server;

pub const METHOD: &str = "textDocument/references";

impl Server {
    pub(crate) async fn references(
        &self,
        params: ReferenceParams,
    ) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position;
        let include_declaration = params.context.include_declaration;
        self.on_document(
            METHOD,
            &position.text_document.uri,
            move |mut doc, cancel| {
                let offset = doc.offset(position.position);
                let references =
                    doc.snapshot
                        .analysis
                        .find_references(&doc.path, offset, include_declaration);
                if cancel.is_cancelled() {
                    return None;
                }
                Some(
                    references
                        .iter()
                        .filter_map(|reference| {
                            doc.snapshot.location(&reference.file, reference.range)
                        })
                        .collect(),
                )
            },
        )
        .await
    }
}
