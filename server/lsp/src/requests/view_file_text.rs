//! `iml-ls/viewFileText` (see `lsp_ext.rs`): answered from the session
//! directly, since it reports the session's own copies of a document.

use tower_lsp_server::jsonrpc::Result;

use crate::lsp_ext::{FileText, ViewFileTextParams};
use crate::protocol::ImlLanguageServer;

/// Registered as a custom method, so it takes the protocol type.
pub(crate) async fn view_file_text(
    server: &ImlLanguageServer,
    params: ViewFileTextParams,
) -> Result<Option<FileText>> {
    Ok(server.0.session.lock().file_text(&params.text_document.uri))
}
