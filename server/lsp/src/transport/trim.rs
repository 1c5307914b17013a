//! Hands memory freed after a document closes, or after a large message,
//! back to the system.
//!
//! glibc's allocator keeps freed memory in its heaps for reuse and returns
//! only what lies at the top of each heap. A closed megabyte document frees
//! tens of megabytes of parses and diagnostics scattered through those
//! heaps, so the process kept most of its peak for the rest of the session
//! (58 MiB resident after closing a 1 MiB document whose memory was all
//! freed but 3 MiB). `malloc_trim` releases the free pages inside the heaps
//! as well. It runs a little after the event, once the analysis has let go,
//! and once for a burst of events.

use std::time::Duration;

use tokio::sync::mpsc;

/// How long after the last trigger the trim waits: the analysis of a close
/// (the disk text loaded back, diagnostics cleared) is done by then.
const DELAY: Duration = Duration::from_millis(500);

/// Asks for a trim; triggers coalesce until it runs.
pub(crate) struct Trimmer {
    requests: mpsc::Sender<()>,
}

impl Trimmer {
    /// Starts the task that trims; it ends when the `Trimmer` is dropped.
    /// Needs a tokio runtime.
    pub(crate) fn spawn() -> Trimmer {
        let (requests, mut pending) = mpsc::channel(1);
        tokio::spawn(async move {
            while pending.recv().await.is_some() {
                tokio::time::sleep(DELAY).await;
                while pending.try_recv().is_ok() {}
                let _ = tokio::task::spawn_blocking(release_free_memory).await;
            }
        });
        Trimmer { requests }
    }

    pub(crate) fn request(&self) {
        // Full means a trim is pending already, and it will see this too.
        let _ = self.requests.try_send(());
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    // SAFETY: `malloc_trim` has no preconditions; it takes the allocator's
    // own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators (musl, macOS, Windows) return memory on their own terms.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_coalesce_and_the_task_ends_with_the_trimmer() {
        let trimmer = Trimmer::spawn();
        for _ in 0..100 {
            trimmer.request();
        }
        tokio::time::sleep(DELAY * 2).await;
        trimmer.request();
        drop(trimmer);
        // Dropping the sender ends the task once its last trim has run.
        tokio::time::sleep(DELAY * 2).await;
    }
}
