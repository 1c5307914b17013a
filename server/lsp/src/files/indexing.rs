//! Indexing: loading the app files of the workspace folders after
//! `initialized` and of folders added later, in batches off the serve task;
//! loading what a changed manifest lists; dropping the files of removed
//! folders.

use std::path::{Path, PathBuf};

use iml_analysis::Analysis;
use iml_loader::{AppsOf, listed_unloaded};

use crate::progress::Progress;
use crate::server::Server;
use crate::session::SharedSession;
use crate::workspace::Roots;

use super::disk::{load_batch, load_batch_returning};
use super::watchers::watch_listed_files;

/// Files read per blocking step; progress is reported between steps.
const BATCH: usize = 64;

/// After a manifest changed on disk: loads the files it now lists and
/// watches them instead of the ones listed before. Before indexing ends
/// there is nothing to do; indexing reads the manifests as they are then.
pub(crate) async fn manifest_changed(server: &Server) {
    if !server.session.lock().indexed {
        return;
    }
    let loaded = load_listed_files(server).await;
    if !loaded.is_empty() {
        server.publisher.schedule(loaded);
    }
    watch_listed_files(server).await;
}

pub(crate) async fn index_workspace(server: &Server) {
    let roots = server.session.lock().roots.clone();
    if roots.is_empty() {
        return;
    }
    load_discovered(server, "Indexing app files", move || roots.discover()).await;
    // Open documents may depend on files that were not known before.
    let open = {
        let mut session = server.session.lock();
        session.finish_indexing();
        session.open_paths()
    };
    server.publisher.schedule(open);
    watch_listed_files(server).await;
}

/// Loads the app files of workspace folders added while the server
/// runs, as indexing does for the first ones.
pub(crate) async fn index_folders(server: &Server, folders: Vec<PathBuf>) {
    let roots = server.session.lock().roots.clone();
    load_discovered(server, "Indexing added folders", move || {
        roots.discover_under(&folders)
    })
    .await;
    // A server started without folders is indexed from now on, so a
    // manifest change loads the files it newly lists.
    server.session.lock().finish_indexing();
}

/// Walks the disk with `discover` and loads what it finds, in batches,
/// all off the serve task, with a progress report between batches.
async fn load_discovered(
    server: &Server,
    title: &str,
    discover: impl FnOnce() -> Vec<PathBuf> + Send + 'static,
) {
    let progress_supported = server.session.lock().client.work_done_progress;
    let progress = Progress::begin(&server.client, progress_supported, title).await;
    let paths = match tokio::task::spawn_blocking(discover).await {
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
        let session = server.session.clone();
        match tokio::task::spawn_blocking(move || load_batch(&session, batch)).await {
            Ok(count) => loaded += count,
            Err(error) => tracing::error!("loading app files failed: {error}"),
        }
        progress
            .report(((index + 1) * BATCH).min(total), total)
            .await;
    }
    loaded += load_listed_files(server).await.len();
    tracing::info!("indexed {loaded} of {total} app files");
    progress.finish(format!("{loaded} app files")).await;
}

/// Files `makecomapp.json` lists that discovery does not load by name
/// (the readme, custom function code): without them the analysis would
/// report them missing (X001) although they exist. Returns the files
/// the analysis took.
async fn load_listed_files(server: &Server) -> Vec<PathBuf> {
    let Some(snapshot) = server.session.lock().snapshot() else {
        return Vec::new();
    };
    let session = server.session.clone();
    let loaded = tokio::task::spawn_blocking(move || {
        let listed = listed_unloaded(&snapshot.analysis, AppsOf::All);
        load_batch_returning(&session, listed)
    })
    .await;
    loaded.unwrap_or_else(|error| {
        tracing::error!("loading listed files failed: {error}");
        Vec::new()
    })
}

/// After a workspace folder was removed: drops the files no remaining
/// folder holds, in batches off the serve task. Open documents stay
/// with the editor's text. Returns the files dropped.
pub(crate) async fn drop_files_outside_folders(server: &Server) -> Vec<PathBuf> {
    let session = server.session.clone();
    let dropped = tokio::task::spawn_blocking(move || {
        let (analysis, roots) = {
            let session = session.lock();
            (session.analysis(), session.roots.clone())
        };
        let Some(analysis) = analysis else {
            return Vec::new();
        };
        let outside = files_outside(&analysis, &roots);
        // A snapshot held while removing would make the first removal
        // of each batch copy the whole file map.
        drop(analysis);
        outside
            .chunks(BATCH)
            .flat_map(|batch| drop_unheld(&session, batch))
            .collect()
    })
    .await;
    dropped.unwrap_or_else(|error| {
        tracing::error!("dropping the files of removed folders failed: {error}");
        Vec::new()
    })
}

/// The files the analysis holds that no workspace folder holds.
pub(super) fn files_outside(analysis: &Analysis, roots: &Roots) -> Vec<PathBuf> {
    analysis
        .files()
        .into_iter()
        .filter(|path| !roots.holds(path))
        .map(Path::to_path_buf)
        .collect()
}

/// Drops the files of `batch` that the folders do not hold now (a folder
/// added again since they were listed keeps them) and that are not open.
pub(super) fn drop_unheld(session: &SharedSession, batch: &[PathBuf]) -> Vec<PathBuf> {
    let mut session = session.lock();
    let read = session.begin_disk_read();
    batch
        .iter()
        .filter(|path| !session.roots.holds(path) && session.remove_from_disk(path, read))
        .cloned()
        .collect()
}
