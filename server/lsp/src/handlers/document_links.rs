//! `textDocument/documentLink`: URLs in plain strings, and `rpc://name`
//! references leading to the RPC's communication file.

use iml_analysis::nav::LinkTarget;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

use crate::server::Server;

pub const METHOD: &str = "textDocument/documentLink";

impl Server {
    pub(crate) async fn document_links(
        &self,
        params: DocumentLinkParams,
    ) -> Result<Option<Vec<DocumentLink>>> {
        self.on_document(METHOD, &params.text_document.uri, |doc, _| {
            let links = doc.snapshot.analysis.document_links(&doc.path);
            Some(
                links
                    .into_iter()
                    .filter_map(|link| {
                        let target = match &link.target {
                            LinkTarget::Url(url) => url.parse::<Uri>().ok()?,
                            LinkTarget::File(path) => doc.snapshot.uri(path)?,
                        };
                        Some(DocumentLink {
                            range: doc.range(link.range),
                            target: Some(target),
                            tooltip: link.tooltip,
                            data: None,
                        })
                    })
                    .collect(),
            )
        })
        .await
    }
}
