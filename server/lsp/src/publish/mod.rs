//! Publishing diagnostics: a run computed off the serve task, then sent with
//! the version it belongs to. Runs overlap freely; a result that a newer run
//! supersedes is dropped, never sent after the newer one. What was asked
//! and sent is kept per document in [`ledger`]; the decision to send is
//! `Session::accept_results`, taken under one lock for the whole run.

mod job;
pub(crate) mod ledger;

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::Uri;

pub use job::DiagnosticsJob;
pub use ledger::{Computed, Ledger};

use crate::session::SharedSession;
use crate::threads::Thread;

/// Sends diagnostics; the lock keeps "check it is newest, then send" atomic
/// across concurrent runs.
#[derive(Clone)]
pub struct Publisher {
    client: Client,
    session: SharedSession,
    send_lock: Arc<tokio::sync::Mutex<()>>,
}

impl Publisher {
    pub fn new(client: Client, session: SharedSession) -> Self {
        Self {
            client,
            session,
            send_lock: Arc::default(),
        }
    }

    /// Diagnostics for `changed` files and the open files depending on them.
    /// Must be called right after the change, under no lock.
    pub fn schedule(&self, changed: Vec<PathBuf>) {
        let job = self.session.lock().diagnostics_job(changed, true);
        self.run(job);
    }

    /// Computes and sends a run whose job was taken under the lock of the
    /// change itself (a keystroke takes the lock once for both).
    pub fn run(&self, job: Option<DiagnosticsJob>) {
        let Some(job) = job else {
            return;
        };
        let publisher = self.clone();
        // On the runtime only for the keystroke case: edits of small open documents.
        let thread = Thread::for_work(
            job.open_bytes(),
            job.snapshot.analysis.apps_ready(),
            job.stays_in_open_documents(),
        );
        tokio::spawn(async move {
            let revision = job.revision;
            let computed = thread
                .run(format!("diagnostics at revision {revision}"), move || {
                    job.compute()
                })
                .await;
            match computed {
                Ok(computed) => publisher.send(revision, computed).await,
                Err(error) => {
                    tracing::error!("diagnostics run at revision {revision} failed: {error}")
                }
            }
        });
    }

    async fn send(&self, revision: u64, computed: Vec<Computed>) {
        if computed.is_empty() {
            return;
        }
        let _ordered = self.send_lock.lock().await;
        let accepted = self.session.lock().accept_results(revision, computed);
        for result in accepted {
            self.client
                .publish_diagnostics(result.uri, result.diagnostics, Some(result.version))
                .await;
        }
    }

    /// Empties the client's list for a document that was closed.
    pub async fn clear(&self, uri: Uri) {
        let _ordered = self.send_lock.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}
