//! Which thread runs a computation: the runtime's own, or one of the
//! blocking pool. Handing work to the pool and back costs two thread wake-ups, each of
//! which can wait for a scheduler tick on a loaded machine: more than the
//! work itself for a small document (docs/performance.md, "Tails"). Larger
//! work goes to the pool so the runtime keeps reading the client's messages
//! (a `$/cancelRequest`, the next keystroke) meanwhile. Wherever it runs,
//! a panic in it becomes a message instead of a dead server.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

/// Open text up to this size is analysed inline: checking 10 KB takes about
/// 0.1 ms (`cargo bench`, `analysis/keystroke_to_diagnostics`).
const INLINE_MAX_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Thread {
    /// The runtime thread that reads the client's messages.
    Runtime,
    BlockingPool,
}

impl Thread {
    /// On the runtime only when the open text involved is small, the app model is
    /// built (until then the first question about any file builds it for the
    /// whole workspace), and the work stays within the open documents rather
    /// than searching the whole app.
    pub(crate) fn for_work(open_bytes: usize, apps_ready: bool, stays_local: bool) -> Thread {
        if open_bytes <= INLINE_MAX_BYTES && apps_ready && stays_local {
            Thread::Runtime
        } else {
            Thread::BlockingPool
        }
    }

    /// Runs `work` here; a panic becomes an error message naming `label`.
    /// With `IML_LS_LOG=debug`, logs the compute time, which separates the
    /// server's own time from what a client measures around it.
    pub(crate) async fn run<T: Send + 'static>(
        self,
        label: String,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let name = label.clone();
        let run = move || {
            let started = Instant::now();
            let outcome = run_caught(&label, work);
            tracing::debug!(
                "{label} computed in {:.3} ms",
                started.elapsed().as_secs_f64() * 1e3
            );
            outcome
        };
        match self {
            Thread::Runtime => run(),
            Thread::BlockingPool => tokio::task::spawn_blocking(run)
                .await
                .unwrap_or_else(|error| Err(format!("{name} did not finish: {error}"))),
        }
    }
}

/// Runs `compute`, turning a panic into a message that names `method`.
pub fn run_caught<T>(method: &str, compute: impl FnOnce() -> T) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(compute))
        .map_err(|payload| format!("iml-ls panicked in {method}: {}", panic_text(&*payload)))
}

fn panic_text(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "no message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_naming_the_method() {
        let outcome: std::result::Result<(), String> =
            run_caught("textDocument/hover", || panic!("boom at 12"));
        assert_eq!(
            outcome.unwrap_err(),
            "iml-ls panicked in textDocument/hover: boom at 12"
        );
        assert_eq!(run_caught("x", || 7), Ok(7));
    }

    #[test]
    fn inline_only_for_small_local_work_once_the_app_model_is_built() {
        assert_eq!(Thread::for_work(10_000, true, true), Thread::Runtime);
        assert_eq!(
            Thread::for_work(INLINE_MAX_BYTES, true, true),
            Thread::Runtime
        );
        assert_eq!(
            Thread::for_work(INLINE_MAX_BYTES + 1, true, true),
            Thread::BlockingPool
        );
        assert_eq!(Thread::for_work(10_000, false, true), Thread::BlockingPool);
        assert_eq!(Thread::for_work(10_000, true, false), Thread::BlockingPool);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn both_threads_return_the_value_and_turn_a_panic_into_a_message() {
        for thread in [Thread::Runtime, Thread::BlockingPool] {
            assert_eq!(thread.run("sum".into(), || 2 + 2).await, Ok(4));
            let panicked: Result<(), String> = thread.run("hover".into(), || panic!("boom")).await;
            assert_eq!(panicked.unwrap_err(), "iml-ls panicked in hover: boom");
        }
    }
}
