//! `didOpen`, `didChange`, `didClose`: synchronous, so each is applied
//! completely before the next notification is looked at.

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};

use super::watched_files::sync_from_disk;
use crate::server::Server;

pub(crate) fn open_document(server: &Server, params: DidOpenTextDocumentParams) {
    let opened = server.session.lock().open(params.text_document);
    if opened.content_changed {
        server.publisher.schedule(vec![opened.path.clone()]);
    } else {
        server.publisher.schedule_own(opened.path.clone());
    }
    server.load_app_of(opened.path);
}

pub(crate) fn change_document(server: &Server, params: DidChangeTextDocumentParams) {
    let changed = server.session.lock().change(params);
    if let Some(path) = changed {
        server.publisher.schedule(vec![path]);
    }
}

/// Returns the URI whose diagnostics the client should drop.
pub(crate) fn close_document(server: &Server, params: &DidCloseTextDocumentParams) -> Uri {
    let uri = params.text_document.uri.clone();
    let closed = server.session.lock().close(&uri);
    match closed {
        // The analysis goes back to the disk version, or forgets the file.
        Some(path) => sync_from_disk(server, vec![path]),
        None => tracing::warn!("close of {} which is not open", uri.as_str()),
    }
    uri
}
