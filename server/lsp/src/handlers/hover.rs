//! `textDocument/hover`: what the word under the cursor is, in markdown when
//! the client reads it.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams};

use crate::server::Server;

pub const METHOD: &str = "textDocument/hover";

impl Server {
    pub(crate) async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        self.on_document(METHOD, &position.text_document.uri, move |doc, _| {
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
        })
        .await
    }
}
