//! The server's handles: what every handler may reach. `protocol.rs` holds
//! the dispatch table that hands them to the handlers.

use tower_lsp_server::Client;

use crate::files::{DiskQueue, ListedWatchers};
use crate::publish::Publisher;
use crate::session::SharedSession;

/// What every handler may reach: the client, the session behind its lock,
/// the publisher and the background loaders' handles. Cloning shares them.
#[derive(Clone)]
pub(crate) struct Server {
    pub(crate) client: Client,
    pub(crate) session: SharedSession,
    pub(crate) publisher: Publisher,
    /// The watchers registered for files the manifests list under other names.
    pub(crate) listed_watchers: ListedWatchers,
    /// `initialized` was handled: a repeated one must not index the
    /// workspace and register the watchers a second time.
    pub(crate) initialized: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files to reload from disk, read by one worker at a time.
    pub(crate) disk_queue: DiskQueue,
}

impl Server {
    pub(crate) fn new(client: Client) -> Self {
        let session = SharedSession::default();
        let publisher = Publisher::new(client.clone(), session.clone());
        Self {
            client,
            session,
            publisher,
            listed_watchers: ListedWatchers::default(),
            initialized: Default::default(),
            disk_queue: DiskQueue::default(),
        }
    }
}
