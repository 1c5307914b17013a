//! Loading the workspace's app files after `initialized`, and asking the
//! client to tell us when they change on disk.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use iml_analysis::{Analysis, AppLayout, RoleSource};

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration,
};

use crate::progress::Progress;
use crate::server::ImlLanguageServer;
use crate::workspace::{Roots, WATCH_GLOBS};

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
        loaded += self.load_listed_files().await;
        tracing::info!("indexed {loaded} of {total} app files");
        progress.finish(format!("{loaded} app files")).await;
        // Open documents may depend on files that were not known before.
        let open = self.session.lock().open_paths();
        self.publisher.schedule(open);
    }
}

impl ImlLanguageServer {
    /// Files `makecomapp.json` lists that discovery does not load by name
    /// (the readme, custom function code): without them the analysis would
    /// report them missing (X001) although they exist.
    async fn load_listed_files(&self) -> usize {
        let Some(snapshot) = self.session.lock().snapshot() else {
            return 0;
        };
        let session = self.session.clone();
        let roots = self.session.lock().roots.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            let listed = listed_but_unloaded(&snapshot.analysis, &roots);
            load_batch(&session, listed)
        })
        .await;
        loaded.unwrap_or_else(|error| {
            tracing::error!("loading listed files failed: {error}");
            0
        })
    }
}

fn listed_but_unloaded(analysis: &Analysis, roots: &Roots) -> Vec<PathBuf> {
    let mut listed = BTreeSet::new();
    for app in analysis.apps_list() {
        if app.layout != AppLayout::LocalDevelopment {
            continue;
        }
        // The readme and other general files under other names.
        let general = roots
            .other_files(&app.root)
            .into_iter()
            .filter(|path| analysis.role(path).source == RoleSource::Manifest);
        // Component code files (custom function code, …).
        let components = app.components.iter().flat_map(|component| {
            component
                .missing_files
                .iter()
                .map(|(_, path)| lexically_normal(path))
        });
        listed.extend(
            general
                .chain(components)
                .filter(|path| path.starts_with(&app.root) && !analysis.contains(path)),
        );
    }
    // Reading checks again that each stays inside a workspace folder.
    listed.into_iter().filter(|path| path.is_file()).collect()
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_are_normalised_without_the_disk() {
        assert_eq!(
            lexically_normal(Path::new("/app/./functions/../general/readme.md")),
            PathBuf::from("/app/general/readme.md")
        );
    }
}
