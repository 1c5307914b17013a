//! Loading the workspace's app files after `initialized`, and asking the
//! client to tell us when they change on disk.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
};

use crate::progress::Progress;
use crate::server::ImlLanguageServer;
use crate::workspace::WATCH_GLOBS;

/// Files read per blocking step; progress is reported between steps.
const BATCH: usize = 64;

impl ImlLanguageServer {
    pub(crate) async fn register_file_watchers(&self) {
        if !self.session.lock().client.watched_files_registration {
            return;
        }
        let watchers = WATCH_GLOBS
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*glob).to_owned()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "iml-ls/watched-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("client refused to watch files: {error}");
        }
    }

    pub(crate) async fn index_workspace(&self) {
        let (roots, progress_supported) = {
            let session = self.session.lock();
            (session.roots.clone(), session.client.work_done_progress)
        };
        if roots.is_empty() {
            return;
        }
        let progress =
            Progress::begin(&self.client, progress_supported, "Indexing app files").await;
        let paths = match tokio::task::spawn_blocking(move || roots.discover()).await {
            Ok(paths) => paths,
            Err(error) => {
                tracing::error!("walking the workspace failed: {error}");
                progress.finish("failed".to_owned()).await;
                return;
            }
        };
        let total = paths.len();
        let mut loaded = 0;
        for (index, batch) in paths.chunks(BATCH).enumerate() {
            let batch = batch.to_vec();
            let session = self.session.clone();
            match tokio::task::spawn_blocking(move || load_batch(&session, batch)).await {
                Ok(count) => loaded += count,
                Err(error) => tracing::error!("loading app files failed: {error}"),
            }
            progress
                .report(((index + 1) * BATCH).min(total), total)
                .await;
        }
        tracing::info!("indexed {loaded} of {total} app files");
        progress.finish(format!("{loaded} app files")).await;
        // Open documents may depend on files that were not known before.
        let open = self.session.lock().open_paths();
        self.publisher.schedule(open);
    }
}

/// Reads a batch without the lock, then loads it under the lock.
fn load_batch(session: &crate::session::SharedSession, paths: Vec<PathBuf>) -> usize {
    let roots = session.lock().roots.clone();
    let texts: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|path| match roots.read(&path) {
            Ok(text) => Some((path, text)),
            Err(reason) => {
                tracing::warn!("{}: not loaded ({reason:?})", path.display());
                None
            }
        })
        .collect();
    let mut session = session.lock();
    let mut loaded = 0;
    for (path, text) in texts {
        loaded += usize::from(session.load_from_disk(&path, text));
    }
    loaded
}
