//! What we tell the client we can do, and what we learnt the client can do.

use tower_lsp_server::ls_types::{
    ClientCapabilities, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
};

use crate::positions::PositionEncoding;

/// The client features the server adapts to.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    pub encoding: PositionEncoding,
    pub work_done_progress: bool,
    pub watched_files_registration: bool,
}

impl ClientSupport {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> Self {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        Self {
            encoding: PositionEncoding::negotiate(offered),
            work_done_progress: capabilities
                .window
                .as_ref()
                .and_then(|window| window.work_done_progress)
                .unwrap_or(false),
            watched_files_registration: capabilities
                .workspace
                .as_ref()
                .and_then(|workspace| workspace.did_change_watched_files)
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
        }
    }
}

/// Each feature handler added under `handlers/` announces itself here.
pub fn server_capabilities(client: &ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(client.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        ..ServerCapabilities::default()
    }
}
