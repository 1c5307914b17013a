//! Paths waiting to be reloaded from disk. A storm of file events (a branch
//! switch, a build writing thousands of files) becomes a few batches read by
//! one worker at a time, instead of one blocking thread per event.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Clone, Default)]
pub(crate) struct DiskQueue {
    inner: Arc<Mutex<Pending>>,
}

#[derive(Default)]
struct Pending {
    paths: BTreeSet<PathBuf>,
    worker_running: bool,
}

impl DiskQueue {
    /// Adds `paths`. Returns true when no worker is running, so the caller
    /// must start one; the worker then drains the queue with [`Self::take`].
    pub(crate) fn push(&self, paths: impl IntoIterator<Item = PathBuf>) -> bool {
        let mut pending = self.lock();
        pending.paths.extend(paths);
        let start = !pending.worker_running && !pending.paths.is_empty();
        pending.worker_running |= start;
        start
    }

    /// Every path waiting, or `None` when there are none: then the worker
    /// stops, and the next [`Self::push`] starts another. Both happen under
    /// one lock, so no path is left waiting without a worker.
    pub(crate) fn take(&self) -> Option<Vec<PathBuf>> {
        let mut pending = self.lock();
        if pending.paths.is_empty() {
            pending.worker_running = false;
            return None;
        }
        Some(std::mem::take(&mut pending.paths).into_iter().collect())
    }

    /// Keeps the queue usable if the worker panics: dropped while
    /// unwinding, the guard lets the next push start a new worker.
    pub(crate) fn worker_guard(&self) -> WorkerGuard {
        WorkerGuard(self.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        // The queue holds plain paths; a panic elsewhere cannot leave it torn.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(crate) struct WorkerGuard(DiskQueue);

impl Drop for WorkerGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().worker_running = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn one_worker_drains_every_event_pushed_while_it_runs() {
        let queue = DiskQueue::default();
        assert!(
            queue.push(paths(&["/a", "/b"])),
            "the first event starts a worker"
        );
        assert!(
            !queue.push(paths(&["/b", "/c"])),
            "a running worker takes later events"
        );
        assert_eq!(queue.take(), Some(paths(&["/a", "/b", "/c"])));
        assert!(!queue.push(paths(&["/d"])));
        assert_eq!(queue.take(), Some(paths(&["/d"])));
        assert_eq!(queue.take(), None, "the worker stops when nothing waits");
        assert!(
            queue.push(paths(&["/e"])),
            "the next event starts a worker again"
        );
    }

    #[test]
    fn an_empty_event_starts_no_worker() {
        let queue = DiskQueue::default();
        assert!(!queue.push(Vec::new()));
        assert!(queue.push(paths(&["/a"])));
    }

    #[test]
    fn a_worker_that_panics_lets_the_next_push_start_another() {
        let queue = DiskQueue::default();
        assert!(queue.push(paths(&["/a"])));
        let worker = queue.clone();
        let crashed = std::thread::spawn(move || {
            let _guard = worker.worker_guard();
            let _batch = worker.take();
            panic!("the reload failed");
        })
        .join();
        assert!(crashed.is_err());
        assert!(queue.push(paths(&["/b"])));
    }
}
