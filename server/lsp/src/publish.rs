//! Computes diagnostics off the serve task and pushes them with the version
//! they belong to. Runs overlap freely; a result that a newer run supersedes
//! is dropped, never sent after the newer one.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use iml_analysis::Analysis;
use ropey::Rope;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use crate::diagnostics;
use crate::positions::PositionEncoding;
use crate::session::SharedSession;
use crate::threads::Thread;

/// An open document as it was when the run was requested.
pub struct OpenDocument {
    pub uri: Uri,
    pub version: i32,
    pub rope: Rope,
    pub text_revision: u64,
    /// Results of spec-test cases run from the editor, shown with the
    /// analysis' diagnostics.
    pub spec_runs: Vec<iml_analysis::Diagnostic>,
}

/// Everything one run needs, captured under the session lock so the
/// snapshot and the document texts agree.
pub struct DiagnosticsJob {
    pub revision: u64,
    pub snapshot: Analysis,
    pub changed: Vec<PathBuf>,
    /// Whether the open files depending on `changed` are looked at too:
    /// not when only the changed documents' own list is wanted.
    pub with_dependents: bool,
    pub open: HashMap<PathBuf, OpenDocument>,
    pub encoding: PositionEncoding,
}

struct Computed {
    uri: Uri,
    version: i32,
    text_revision: u64,
    diagnostics: Vec<Diagnostic>,
}

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
        self.schedule_job(changed, true);
    }

    /// Diagnostics for one open document whose analysis text did not
    /// change (opened as it is on disk): no other file's can differ.
    pub fn schedule_own(&self, path: PathBuf) {
        self.schedule_job(vec![path], false);
    }

    fn schedule_job(&self, changed: Vec<PathBuf>, with_dependents: bool) {
        let Some(job) = self
            .session
            .lock()
            .diagnostics_job(changed, with_dependents)
        else {
            return;
        };
        let publisher = self.clone();
        // On the runtime only for the keystroke case: edits of small open documents.
        let thread = Thread::for_work(
            job.open.values().map(|doc| doc.rope.len_bytes()).sum(),
            job.snapshot.apps_ready(),
            job.changed.iter().all(|path| job.open.contains_key(path)),
        );
        tokio::spawn(async move {
            let session = publisher.session.clone();
            let revision = job.revision;
            let computed = thread
                .run(format!("diagnostics at revision {revision}"), move || {
                    compute(job, &session)
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
        let _ordered = self.send_lock.lock().await;
        for result in computed {
            let accepted = self.session.lock().accept_result(
                &result.uri,
                result.text_revision,
                revision,
                result.version,
                &result.diagnostics,
            );
            if accepted {
                self.client
                    .publish_diagnostics(result.uri, result.diagnostics, Some(result.version))
                    .await;
            }
        }
    }

    /// Empties the client's list for a document that was closed.
    pub async fn clear(&self, uri: Uri) {
        let _ordered = self.send_lock.lock().await;
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}

fn compute(job: DiagnosticsJob, session: &SharedSession) -> Vec<Computed> {
    let DiagnosticsJob {
        revision,
        snapshot,
        changed,
        with_dependents,
        open,
        encoding,
    } = job;
    // A newer edit to every changed file makes this run pointless.
    let still_wanted: Vec<&PathBuf> = {
        let session = session.lock();
        changed
            .iter()
            .filter(|path| !open.contains_key(*path) || session.is_latest_request(path, revision))
            .collect()
    };
    if still_wanted.is_empty() {
        return Vec::new();
    }
    let mut targets = BTreeSet::new();
    for path in &still_wanted {
        targets.insert((*path).clone());
        if with_dependents {
            targets.extend(snapshot.dependents(path));
        }
    }
    let mut computed = Vec::new();
    for (index, path) in targets.into_iter().enumerate() {
        // A run over many open documents gives up once a newer edit of
        // every changed file has asked for a run that covers them all.
        if index % SUPERSEDED_CHECK_EVERY == SUPERSEDED_CHECK_EVERY - 1 {
            let session = session.lock();
            let superseded = still_wanted
                .iter()
                .all(|path| open.contains_key(*path) && !session.is_latest_request(path, revision));
            if superseded {
                return Vec::new();
            }
        }
        let Some(document) = open.get(&path) else {
            continue;
        };
        let diagnostics = snapshot
            .diagnostics(&path)
            .iter()
            .chain(&document.spec_runs)
            .map(|diagnostic| diagnostics::to_proto(diagnostic, &document.rope, encoding))
            .collect();
        computed.push(Computed {
            uri: document.uri.clone(),
            version: document.version,
            text_revision: document.text_revision,
            diagnostics,
        });
    }
    computed
}

/// How many documents a run computes between two looks at whether a newer
/// run has made it pointless: often enough to stop within a few files'
/// work, rarely enough that the session lock is not contended.
const SUPERSEDED_CHECK_EVERY: usize = 8;
