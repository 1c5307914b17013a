//! `workspace/didChangeWatchedFiles`, and reloading files from disk.

use std::path::{Path, PathBuf};

use iml_analysis::app_files::MANIFEST_FILE_NAME;
use tower_lsp_server::ls_types::{DidChangeWatchedFilesParams, FileChangeType};

use crate::files::{forget_deleted, manifest_changed, reload_from_disk};
use crate::server::Server;
use crate::session::path_of;

pub(crate) fn watched_files_changed(server: &Server, params: DidChangeWatchedFilesParams) {
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
        let removed = forget_deleted(&mut server.session.lock(), deleted);
        let manifest_removed = removed.iter().any(|path| is_manifest(path));
        server.publisher.schedule(removed);
        if manifest_removed {
            let server = server.clone();
            tokio::spawn(async move { manifest_changed(&server).await });
        }
    }
    if !touched.is_empty() {
        sync_from_disk(server, touched);
    }
}

/// Makes the analysis match the disk for `paths`, off the serve task: an
/// app file, or a file a manifest lists under another name, inside the
/// workspace is (re)loaded, anything else forgotten. Open documents are
/// left alone; their editor text wins. A manifest among `paths`, open
/// or not (a save of the open one comes here too), may list other files
/// than before.
pub(crate) fn sync_from_disk(server: &Server, paths: Vec<PathBuf>) {
    if !server.disk_queue.push(paths) {
        return;
    }
    let server = server.clone();
    tokio::spawn(async move {
        let _guard = server.disk_queue.worker_guard();
        while let Some(batch) = server.disk_queue.take() {
            let manifest_touched = batch.iter().any(|path| is_manifest(path));
            let session = server.session.clone();
            let loaded =
                tokio::task::spawn_blocking(move || reload_from_disk(&session, batch)).await;
            match loaded {
                Ok(changed) if !changed.is_empty() => server.publisher.schedule(changed),
                Ok(_) => {}
                Err(error) => tracing::error!("reloading files failed: {error}"),
            }
            if manifest_touched {
                manifest_changed(&server).await;
            }
        }
    });
}

/// A manifest decides which files are listed under other names.
fn is_manifest(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == MANIFEST_FILE_NAME)
}
