//! `didOpen`, `didChange`, `didClose`: synchronous, so each is applied
//! completely before the next notification is looked at.

use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};

use crate::server::Server;

impl Server {
    pub(crate) fn open_document(&self, params: DidOpenTextDocumentParams) {
        let opened = self.session.lock().open(params.text_document);
        if opened.content_changed {
            self.publisher.schedule(vec![opened.path.clone()]);
        } else {
            self.publisher.schedule_own(opened.path.clone());
        }
        self.load_app_of(opened.path);
    }

    pub(crate) fn change_document(&self, params: DidChangeTextDocumentParams) {
        let changed = self.session.lock().change(params);
        if let Some(path) = changed {
            self.publisher.schedule(vec![path]);
        }
    }

    /// Returns the URI whose diagnostics the client should drop.
    pub(crate) fn close_document(&self, params: &DidCloseTextDocumentParams) -> Uri {
        let uri = params.text_document.uri.clone();
        let closed = self.session.lock().close(&uri);
        match closed {
            // The analysis goes back to the disk version, or forgets the file.
            Some(path) => self.sync_from_disk(vec![path]),
            None => tracing::warn!("close of {} which is not open", uri.as_str()),
        }
        uri
    }
}
