//! The eager loads in progress, for requests to wait on: held by the
//! session, filled by `eager.rs`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::watch;

/// How long a request about a document waits for the eager load of its app.
/// Loading an app takes milliseconds; a slow disk or a huge folder must not
/// hold an answer back for long, so after this the request is answered from
/// what is loaded.
pub const EAGER_LOAD_WAIT: Duration = Duration::from_secs(2);

/// The eager loads in progress, each by the paths it covers: the opened
/// document from the moment it is opened, its whole app once the root is
/// known. Requests about a covered path wait (see [`PendingLoads::covering`]);
/// notifications never look here.
#[derive(Default)]
pub struct PendingLoads {
    covered: Vec<(PathBuf, watch::Receiver<()>)>,
}

/// Held by an eager load while it runs. Dropping it, whether the load
/// finished, gave up or panicked, closes the channel, which is what wakes
/// the requests waiting for it; nothing is ever sent.
pub struct LoadInProgress(watch::Sender<()>);

/// The loads a request waits for.
pub struct PendingForRequest(Vec<watch::Receiver<()>>);

impl PendingLoads {
    /// Registers a load covering `scope`.
    pub fn begin(&mut self, scope: PathBuf) -> LoadInProgress {
        self.forget_finished();
        let (sender, receiver) = watch::channel(());
        self.covered.push((scope, receiver));
        LoadInProgress(sender)
    }

    /// Extends `load` to every path under `scope`.
    pub fn widen(&mut self, load: &LoadInProgress, scope: PathBuf) {
        self.covered.push((scope, load.0.subscribe()));
    }

    /// The unfinished loads covering `path`; `None` when there are none,
    /// so requests about other apps go ahead at once.
    pub fn covering(&mut self, path: &Path) -> Option<PendingForRequest> {
        self.forget_finished();
        let waiting: Vec<_> = self
            .covered
            .iter()
            .filter(|(scope, _)| path.starts_with(scope))
            .map(|(_, done)| done.clone())
            .collect();
        (!waiting.is_empty()).then_some(PendingForRequest(waiting))
    }

    fn forget_finished(&mut self) {
        // A closed channel is a finished load.
        self.covered.retain(|(_, done)| done.has_changed().is_ok());
    }
}

impl PendingForRequest {
    /// Waits until every load has finished, at most `bound`; `false` when
    /// the bound ran out first.
    pub async fn finish_within(mut self, bound: Duration) -> bool {
        let all_done = async {
            for done in &mut self.0 {
                // Only the sender's drop ends this; a value sent would not.
                while done.changed().await.is_ok() {}
            }
        };
        tokio::time::timeout(bound, all_done).await.is_ok()
    }
}
