//! `iml-ls/viewFileText`: the server's copy of an open document, and the
//! analysis' copy next to it. Lets a client (or a test) check that
//! incremental sync kept both in step with the editor.

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::TextDocumentIdentifier;

use crate::server::ImlLanguageServer;

pub const METHOD: &str = "iml-ls/viewFileText";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewFileTextParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileText {
    pub version: i32,
    pub text: String,
    /// `None` when the analysis does not know the file (a sync bug).
    pub analysis_text: Option<String>,
}

/// Registered as a custom method, so it takes the protocol type.
pub(crate) async fn on_request(
    server: &ImlLanguageServer,
    params: ViewFileTextParams,
) -> Result<Option<FileText>> {
    Ok(server.0.session.lock().file_text(&params.text_document.uri))
}
