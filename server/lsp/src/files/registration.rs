//! The watcher sets the client holds, as the server's handles and the
//! session keep them: which registration the client accepted last, and
//! the ids for the next.

use tokio::sync::Mutex;
use tower_lsp_server::ls_types::FileSystemWatcher;

/// One set of watchers the client holds. A replacement registers the new
/// set under a fresh id before it unregisters the old one: no event is
/// missed in between, and a client that refuses the new set keeps watching
/// with the old.
#[derive(Debug, Default)]
pub(crate) struct WatcherRegistration {
    /// The id the client accepted last and what it watches; `None` before
    /// the first registration and after the watchers were dropped.
    pub(super) accepted: Option<(String, Vec<FileSystemWatcher>)>,
    /// Registrations asked for so far; numbers the ids, which must differ
    /// while the old and the new set are both registered.
    generation: u64,
}

impl WatcherRegistration {
    pub(super) fn watchers(&self) -> Option<&Vec<FileSystemWatcher>> {
        self.accepted.as_ref().map(|(_, watchers)| watchers)
    }

    /// The id for the next registration under `base`.
    pub(super) fn next_id(&mut self, base: &str) -> String {
        self.generation += 1;
        format!("{base}#{}", self.generation)
    }
}

/// The app-file watchers. They follow the workspace folders when the client
/// takes relative patterns, so a change of folders replaces them; the lock
/// makes replacements take turns, as for [`ListedWatchers`].
pub(crate) type AppWatchers = std::sync::Arc<Mutex<WatcherRegistration>>;

/// The watchers of the files manifests list under other names. A
/// replacement registers and then unregisters, so replacements take turns
/// (the async lock is held across both): two interleaved could each
/// unregister what the other just registered.
pub(crate) type ListedWatchers = std::sync::Arc<Mutex<WatcherRegistration>>;
