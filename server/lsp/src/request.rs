//! How every request is answered: a snapshot taken under the session lock
//! (before any `.await` but one: a request about a document whose app is
//! being loaded ahead of indexing first waits for that load, bounded), the
//! computation on a blocking thread without the lock, and a panic in it
//! turned into an internal error for that request alone instead of a dead
//! server.
//!
//! The framework drops a request's future on `$/cancelRequest`; the
//! [`Cancel`] flag then tells the blocking computation, which checks it
//! between steps, that nobody waits for its answer any more.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::handlers;
use crate::index::EAGER_LOAD_WAIT;
use crate::place::Place;
use crate::server::Server;
use crate::snapshot::{DocumentSnapshot, Snapshot};

/// Set once the request's answer is no longer wanted.
#[derive(Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Raises the flag when the request's future is dropped (cancelled) or done.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.0.store(true, Ordering::Relaxed);
    }
}

impl Server {
    /// Answers a `textDocument/*` request about `uri`; `None` when the
    /// document is unknown.
    pub(crate) async fn on_document<T, F>(
        &self,
        method: &'static str,
        uri: &Uri,
        compute: F,
    ) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(DocumentSnapshot, &Cancel) -> Option<T> + Send + 'static,
    {
        self.wait_for_app_of(method, uri).await;
        let Some(snapshot) = self.session.lock().document_snapshot(uri) else {
            return Ok(None);
        };
        let place = Place::for_work(
            snapshot.rope.len_bytes(),
            snapshot.snapshot.analysis.apps_ready(),
            !APP_WIDE.contains(&method),
        );
        self.isolated(method, place, move |cancel| compute(snapshot, cancel))
            .await
    }

    /// A request sent right after `didOpen` would otherwise be answered
    /// without the app's other files (no parameters after `parameters.`).
    /// The lock is released while waiting, so the load itself can go on.
    pub(crate) async fn wait_for_app_of(&self, method: &'static str, uri: &Uri) {
        let pending = {
            let mut session = self.session.lock();
            let path = session.document_path(uri);
            session.pending_loads.covering(&path)
        };
        let Some(pending) = pending else {
            return;
        };
        let started = Instant::now();
        if pending.finish_within(EAGER_LOAD_WAIT).await {
            let waited = started.elapsed().as_secs_f64() * 1e3;
            tracing::debug!("{method} waited {waited:.3} ms for its app to load");
        } else {
            tracing::debug!(
                "{method}: its app was still loading after {} ms; answered from what is loaded",
                EAGER_LOAD_WAIT.as_millis()
            );
        }
    }

    /// Answers a request that is not about one document.
    pub(crate) async fn on_workspace<T, F>(
        &self,
        method: &'static str,
        compute: F,
    ) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(Snapshot, &Cancel) -> Option<T> + Send + 'static,
    {
        let Some(snapshot) = self.session.lock().snapshot() else {
            return Ok(None);
        };
        self.isolated(method, Place::BlockingPool, move |cancel| {
            compute(snapshot, cancel)
        })
        .await
    }

    /// Runs `compute` where `place` says; a panic becomes an internal error
    /// naming `method`, reported to the client's log.
    pub(crate) async fn isolated<T, F>(
        &self,
        method: &'static str,
        place: Place,
        compute: F,
    ) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        let cancel = Cancel::default();
        let _on_drop = CancelOnDrop(cancel.clone());
        let outcome = place
            .run(method.to_owned(), move || {
                if panic_requested(method) {
                    panic!("{PANIC_ON} asked for a panic in {method}");
                }
                compute(&cancel)
            })
            .await;
        match outcome {
            Ok(value) => Ok(value),
            Err(message) => {
                tracing::error!("{message}");
                self.client.log_message(MessageType::ERROR, &message).await;
                Err(internal_error(method))
            }
        }
    }
}

/// Requests whose answer searches the whole app, however small the
/// document they start from.
const APP_WIDE: &[&str] = &[handlers::references::METHOD, handlers::rename::METHOD];

/// Test hook: `IML_LS_TEST_PANIC_ON=<method>` makes every request of that
/// method panic inside the isolated computation, so end-to-end tests can
/// check that a panic stays one failed request.
const PANIC_ON: &str = "IML_LS_TEST_PANIC_ON";

fn panic_requested(method: &str) -> bool {
    static TARGET: OnceLock<Option<String>> = OnceLock::new();
    TARGET
        .get_or_init(|| std::env::var(PANIC_ON).ok())
        .as_deref()
        == Some(method)
}

/// Runs `compute`, turning a panic into a message that names `method`.
pub fn run_caught<T>(method: &str, compute: impl FnOnce() -> T) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(compute))
        .map_err(|payload| format!("iml-ls panicked in {method}: {}", panic_text(&*payload)))
}

pub fn internal_error(method: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("internal error in {method}; see the server log").into(),
        data: None,
    }
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
    fn the_internal_error_has_the_json_rpc_code() {
        let error = internal_error("textDocument/completion");
        assert_eq!(error.code.code(), -32603);
        assert!(error.message.contains("textDocument/completion"));
    }

    #[test]
    fn dropping_the_guard_cancels() {
        let cancel = Cancel::default();
        let guard = CancelOnDrop(cancel.clone());
        assert!(!cancel.is_cancelled());
        drop(guard);
        assert!(cancel.is_cancelled());
    }
}
