//! Asking the client to watch the app files and the files manifests list
//! under other names, and replacing those watchers without a gap when the
//! workspace folders or the manifests change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use iml_loader::{AppsOf, listed_files};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, OneOf, Registration,
    RelativePattern, Unregistration, Uri,
};

use super::registration::WatcherRegistration;
use crate::server::Server;
use crate::workspace::{Roots, is_app_file, watch_globs};

const METHOD_WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";

/// The registrations of the app-file globs, each `#<n>` after this.
const APP_FILE_WATCHERS: &str = "iml-ls/watched-files";

/// The registrations of the files manifests list under other names: ids of
/// their own, so that a manifest change replaces them and leaves the globs
/// alone.
const LISTED_FILE_WATCHERS: &str = "iml-ls/listed-files";

/// An app lists a few hundred files; a workspace listing more under other
/// names has the rest unwatched rather than flood the client.
pub(super) const MAX_LISTED_WATCHERS: usize = 1_000;

/// Asks the client to watch the app files of the workspace folders as
/// they are now; replaces the watchers registered before when the
/// folders changed them.
pub(crate) async fn register_file_watchers(server: &Server) {
    let app_watchers = {
        let session = server.session.lock();
        if !session.client.watched_files_registration {
            return;
        }
        session.app_watchers.clone()
    };
    let mut registered = app_watchers.lock().await;
    // Read under the lock: the last replacement sees the last folders.
    let watchers = {
        let session = server.session.lock();
        app_file_watchers(&session.roots, session.relative_watch_patterns)
    };
    if registered.watchers() == Some(&watchers) {
        return;
    }
    replace_watchers(server, APP_FILE_WATCHERS, &mut registered, watchers).await;
}

/// Asks the client to watch the files manifests list under names the
/// app-file globs miss (the readme, custom function code), present or
/// not, so a creation, change or deletion on disk reaches the analysis
/// while they are not open. Replaces the watchers registered before
/// when the list changed.
pub(crate) async fn watch_listed_files(server: &Server) {
    if !server.session.lock().client.watched_files_registration {
        return;
    }
    let mut registered = server.listed_watchers.lock().await;
    let (analysis, relative) = {
        let session = server.session.lock();
        (session.analysis(), session.relative_watch_patterns)
    };
    let Some(analysis) = analysis else {
        return;
    };
    let watched = tokio::task::spawn_blocking(move || {
        let mut listed = listed_files(&analysis, AppsOf::All);
        listed.retain(|path, _| !is_app_file(path));
        listed
    })
    .await;
    let watchers = match watched {
        Ok(watched) => listed_watchers(&watched, relative),
        Err(error) => {
            tracing::error!("listing the files to watch failed: {error}");
            return;
        }
    };
    let unchanged = match registered.watchers() {
        Some(before) => *before == watchers,
        None => watchers.is_empty(),
    };
    if unchanged {
        return;
    }
    replace_watchers(server, LISTED_FILE_WATCHERS, &mut registered, watchers).await;
}

/// Replaces the watchers registered under `base` (if any) with
/// `watchers` (none when empty). The new set is registered under a
/// fresh id first and the old one unregistered only once the client
/// took it; a refused set leaves the old one in place.
async fn replace_watchers(
    server: &Server,
    base: &str,
    registered: &mut WatcherRegistration,
    watchers: Vec<FileSystemWatcher>,
) {
    let previous = if watchers.is_empty() {
        registered.accepted.take()
    } else {
        let id = registered.next_id(base);
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: watchers.clone(),
        };
        let registration = Registration {
            id: id.clone(),
            method: METHOD_WATCHED_FILES.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = server.client.register_capability(vec![registration]).await {
            let kept = registered.accepted.as_ref().map_or("none", |(id, _)| id);
            tracing::warn!("client refused the watchers {id} (keeping {kept}): {error}");
            return;
        }
        registered.accepted.replace((id, watchers))
    };
    let Some((id, _)) = previous else {
        return;
    };
    let unregistration = Unregistration {
        id: id.clone(),
        method: METHOD_WATCHED_FILES.to_owned(),
    };
    if let Err(error) = server
        .client
        .unregister_capability(vec![unregistration])
        .await
    {
        // Both sets watched: an event may come twice, which reloading
        // the same text again absorbs.
        tracing::warn!("client kept the old watchers {id}: {error}");
    }
}

fn string_watcher(glob: String) -> FileSystemWatcher {
    FileSystemWatcher {
        glob_pattern: GlobPattern::String(glob),
        kind: None,
    }
}

fn relative_watcher(base: Uri, pattern: String) -> FileSystemWatcher {
    FileSystemWatcher {
        glob_pattern: GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base),
            pattern,
        }),
        kind: None,
    }
}

/// The app-file globs. A client that takes relative patterns gets them once
/// per workspace folder and watches only there; any other client gets the
/// plain `**/` globs, which it matches against every path it sees.
pub(super) fn app_file_watchers(roots: &Roots, relative: bool) -> Vec<FileSystemWatcher> {
    let globs = watch_globs();
    let bases: Vec<Uri> = if relative {
        roots
            .outermost_folders()
            .into_iter()
            .filter_map(Uri::from_file_path)
            .collect()
    } else {
        Vec::new()
    };
    if bases.is_empty() {
        // Without a folder to be relative to, the plain globs still serve
        // the files opened from anywhere.
        return globs.into_iter().map(string_watcher).collect();
    }
    bases
        .iter()
        .flat_map(|base| {
            globs
                .iter()
                .map(|glob| relative_watcher(base.clone(), glob.clone()))
        })
        .collect()
}

/// One watcher per listed file, at most [`MAX_LISTED_WATCHERS`]. Relative to
/// the root of the app that lists it where the client takes that: the root
/// exists (its manifest is there) while the folder of a missing file may
/// not, and the pattern reads as the manifest writes the path. Otherwise an
/// absolute glob, which every client that registers watchers takes.
pub(super) fn listed_watchers(
    listed: &BTreeMap<PathBuf, PathBuf>,
    relative: bool,
) -> Vec<FileSystemWatcher> {
    if listed.len() > MAX_LISTED_WATCHERS {
        tracing::warn!(
            "manifests list {} files under other names; watching the first {MAX_LISTED_WATCHERS}",
            listed.len()
        );
    }
    listed
        .iter()
        .filter_map(|(path, root)| {
            let relative_to_root = relative
                .then(|| {
                    let base = Uri::from_file_path(root)?;
                    let pattern = literal_glob(path.strip_prefix(root).ok()?)?;
                    Some(relative_watcher(base, pattern))
                })
                .flatten();
            relative_to_root.or_else(|| literal_glob(path).map(string_watcher))
        })
        .take(MAX_LISTED_WATCHERS)
        .collect()
}

/// A glob pattern matching `path`. LSP glob patterns have no escape, so a
/// character with a meaning in them becomes `?`, which matches it too (and
/// lets a few look-alike names through, which the handler ignores unless a
/// manifest lists them). Globs separate with `/` on every system.
pub(super) fn literal_glob(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let glob = text
        .chars()
        .map(|c| match c {
            '*' | '?' | '[' | ']' | '{' | '}' => '?',
            '\\' if cfg!(windows) => '/',
            other => other,
        })
        .collect();
    Some(glob)
}
