//! `textDocument/documentLink`: URLs in plain strings, and `rpc://name`
//! references leading to the RPC's communication file.

use iml_analysis::ide::LinkTarget;
use tower_lsp_server::ls_types::{DocumentLink, DocumentLinkParams, Uri};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn document_links(
    doc: DocumentSnapshot,
    _: DocumentLinkParams,
    _: &Context,
) -> Option<Vec<DocumentLink>> {
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
}
