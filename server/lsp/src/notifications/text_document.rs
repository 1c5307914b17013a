//! `didOpen`, `didChange`, `didClose`: synchronous, so each is applied
//! completely before the next notification is looked at.

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};

use super::watched_files::sync_from_disk;
use crate::files::load_app_of;
use crate::server::Server;

/// The diagnostics job is taken under the lock that applies the change, so
/// the run computes on exactly the text the notification made.
pub(crate) fn open_document(server: &Server, params: DidOpenTextDocumentParams) {
    let (path, job) = {
        let mut session = server.session.lock();
        let opened = session.open(params.text_document);
        // Opened as it is on disk, only the document's own list can differ.
        let with_dependents = opened.content_changed;
        let job = session.diagnostics_job(vec![opened.path.clone()], with_dependents);
        (opened.path, job)
    };
    server.publisher.run(job);
    load_app_of(server, path);
}

pub(crate) fn change_document(server: &Server, params: DidChangeTextDocumentParams) {
    let job = {
        let mut session = server.session.lock();
        let Some(path) = session.change(params) else {
            return;
        };
        session.diagnostics_job(vec![path], true)
    };
    server.publisher.run(job);
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
