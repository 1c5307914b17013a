//! The dispatch of requests to their handlers, free functions over a
//! snapshot. Each is registered in `server.rs` with how it runs ([`Runs`]).
//! A snapshot is taken under the session lock (before any `.await` but one:
//! a request about a document whose app is being loaded ahead of indexing
//! first waits for that load, bounded), the handler runs without the lock,
//! and a panic in it becomes an internal error for that request alone
//! instead of a dead server.
//!
//! The framework drops a request's future on `$/cancelRequest`; the
//! [`Cancel`] flag then tells the computation, which checks it between
//! steps, that nobody waits for its answer any more.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::request::Request;
use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::files::EAGER_LOAD_WAIT;
use crate::server::Server;
use crate::session::SharedSession;
use crate::snapshot::{DocumentSnapshot, Snapshot};
use crate::threads::Thread;

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

/// How a request is answered: every handler declares one where it is
/// registered (`server.rs`), so no list of names elsewhere decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Runs {
    /// On a snapshot, about one document: on the runtime thread when the
    /// open text is small and the app model is built, else on the pool.
    Local,
    /// On a snapshot, searching the whole app however small the document it
    /// starts from: always on the pool.
    AppWide,
}

/// What a handler may use besides its snapshot and parameters.
pub(crate) struct Context {
    pub cancel: Cancel,
    /// Only for recording what an answer sent (the semantic tokens a delta
    /// is computed against); what a handler computes comes from the snapshot.
    pub session: SharedSession,
}

/// The document a `textDocument/*` request is about.
pub(crate) trait DocumentParams {
    fn document_uri(&self) -> &Uri;
}

/// A handler of a request about one document.
pub(crate) type DocumentHandler<P, T> = fn(DocumentSnapshot, P, &Context) -> Option<T>;

/// Answers a `textDocument/*` request with `handler`, run where `runs`
/// says; `None` when the document is unknown.
pub(crate) async fn document<R, T>(
    server: &Server,
    runs: Runs,
    params: R::Params,
    handler: DocumentHandler<R::Params, T>,
) -> Result<Option<T>>
where
    R: Request,
    R::Params: DocumentParams + Send + 'static,
    T: Send + 'static,
{
    document_fallible::<R, T>(server, runs, params, move |doc, params, context| {
        Ok(handler(doc, params, context))
    })
    .await
}

/// [`document`] for a handler whose refusal is an error response.
pub(crate) async fn document_fallible<R, T>(
    server: &Server,
    runs: Runs,
    params: R::Params,
    handler: impl FnOnce(DocumentSnapshot, R::Params, &Context) -> Result<Option<T>> + Send + 'static,
) -> Result<Option<T>>
where
    R: Request,
    R::Params: DocumentParams + Send + 'static,
    T: Send + 'static,
{
    let uri = params.document_uri().clone();
    wait_for_app_of(server, R::METHOD, &uri).await;
    let Some(snapshot) = server.session.lock().document_snapshot(&uri) else {
        return Ok(None);
    };
    let thread = Thread::for_work(
        snapshot.rope.len_bytes(),
        snapshot.snapshot.analysis.apps_ready(),
        runs == Runs::Local,
    );
    isolated(server, R::METHOD, thread, move |context| {
        handler(snapshot, params, context)
    })
    .await?
}

/// Answers a request that is not about one document, on the pool.
pub(crate) async fn workspace<R, T>(
    server: &Server,
    params: R::Params,
    handler: fn(Snapshot, R::Params, &Context) -> Option<T>,
) -> Result<Option<T>>
where
    R: Request,
    R::Params: Send + 'static,
    T: Send + 'static,
{
    let Some(snapshot) = server.session.lock().snapshot() else {
        return Ok(None);
    };
    isolated(server, R::METHOD, Thread::BlockingPool, move |context| {
        handler(snapshot, params, context)
    })
    .await
}

/// A request sent right after `didOpen` would otherwise be answered
/// without the app's other files (no parameters after `parameters.`).
/// The lock is released while waiting, so the load itself can go on.
pub(crate) async fn wait_for_app_of(server: &Server, method: &'static str, uri: &Uri) {
    let pending = {
        let mut session = server.session.lock();
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

/// Runs `compute` on `thread`; a panic becomes an internal error naming
/// `method`, reported to the client's log.
pub(crate) async fn isolated<T, F>(
    server: &Server,
    method: &'static str,
    thread: Thread,
    compute: F,
) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&Context) -> T + Send + 'static,
{
    let context = Context {
        cancel: Cancel::default(),
        session: server.session.clone(),
    };
    let _on_drop = CancelOnDrop(context.cancel.clone());
    let outcome = thread
        .run(method.to_owned(), move || {
            if panic_requested(method) {
                panic!("{PANIC_ON} asked for a panic in {method}");
            }
            compute(&context)
        })
        .await;
    match outcome {
        Ok(value) => Ok(value),
        Err(message) => {
            tracing::error!("{message}");
            server
                .client
                .log_message(MessageType::ERROR, &message)
                .await;
            Err(internal_error(method))
        }
    }
}

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

pub fn internal_error(method: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("internal error in {method}; see the server log").into(),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
