//! `workspace/didChangeWatchedFiles`, and reloading files from disk.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{DidChangeWatchedFilesParams, FileChangeType};

use crate::server::ImlLanguageServer;
use crate::session::path_of;
use crate::workspace::is_app_file;

impl ImlLanguageServer {
    pub(crate) fn watched_files_changed(&self, params: DidChangeWatchedFilesParams) {
        let mut deleted = Vec::new();
        let mut touched = Vec::new();
        for event in params.changes {
            let path = path_of(&event.uri);
            if event.typ == FileChangeType::DELETED {
                deleted.push(path);
            } else {
                touched.push(path);
            }
        }
        if !deleted.is_empty() {
            let removed: Vec<PathBuf> = {
                let mut session = self.session.lock();
                deleted
                    .into_iter()
                    .filter(|path| session.remove_from_disk(path))
                    .collect()
            };
            self.publisher.schedule(removed);
        }
        if !touched.is_empty() {
            self.sync_from_disk(touched);
        }
    }

    /// Makes the analysis match the disk for `paths`, off the serve task: an
    /// app file inside the workspace is (re)loaded, anything else forgotten.
    /// Open documents are left alone; their editor text wins.
    pub(crate) fn sync_from_disk(&self, paths: Vec<PathBuf>) {
        let session = self.session.clone();
        let publisher = self.publisher.clone();
        tokio::spawn(async move {
            let loaded = tokio::task::spawn_blocking(move || {
                let roots = session.lock().roots.clone();
                let texts: Vec<_> = paths
                    .into_iter()
                    .map(|path| {
                        let text = if is_app_file(&path) {
                            roots.read(&path).ok()
                        } else {
                            None
                        };
                        (path, text)
                    })
                    .collect();
                let mut session = session.lock();
                texts
                    .into_iter()
                    .filter_map(|(path, text)| {
                        let changed = match text {
                            Some(text) => session.load_from_disk(&path, text),
                            None => session.remove_from_disk(&path),
                        };
                        changed.then_some(path)
                    })
                    .collect::<Vec<_>>()
            })
            .await;
            match loaded {
                Ok(changed) if !changed.is_empty() => publisher.schedule(changed),
                Ok(_) => {}
                Err(error) => tracing::error!("reloading files failed: {error}"),
            }
        });
    }
}
