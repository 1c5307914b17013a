//! What was asked for and what was sent, per open document: the one place
//! that decides whether a computed diagnostics list goes to the client.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp_server::ls_types::Diagnostic;

/// Publication state of one open document. It goes with the document's
/// entry, so a document closed or opened afresh starts clean.
#[derive(Default)]
pub struct Ledger {
    /// Revision of the newest diagnostics run that covers this document.
    requested: LatestRequest,
    /// Revision of the last diagnostics sent.
    published: u64,
    /// The diagnostics last sent, with the version they were sent for: a
    /// run caused by another file that finds the same list sends nothing.
    last_sent: Option<(i32, Vec<Diagnostic>)>,
}

/// The newest run asked for a document, shared with the runs themselves so
/// that they see a newer one without taking the session lock.
#[derive(Clone, Default)]
pub struct LatestRequest(Arc<AtomicU64>);

impl LatestRequest {
    /// Whether a run at `revision` is still the newest asked for.
    pub fn is_latest(&self, revision: u64) -> bool {
        self.0.load(Ordering::Acquire) <= revision
    }
}

/// One computed list, as it would go out.
#[derive(Debug)]
pub struct Computed {
    pub uri: tower_lsp_server::ls_types::Uri,
    pub version: i32,
    /// The document's text revision the list was computed on.
    pub text_revision: u64,
    pub diagnostics: Vec<Diagnostic>,
}

impl Ledger {
    /// A run at `revision` covers the document, its dependents included:
    /// older runs are now superseded.
    pub fn request(&self, revision: u64) {
        self.requested.0.fetch_max(revision, Ordering::AcqRel);
    }

    pub fn latest_request(&self) -> LatestRequest {
        self.requested.clone()
    }

    /// Decides whether `computed`, from a run at `revision`, is sent, and
    /// records it if so: it must describe the document's current text
    /// (`text_revision`), no newer result may have been sent, and the
    /// client must not hold this very list for this version already.
    pub fn accept(&mut self, text_revision: u64, revision: u64, computed: &Computed) -> bool {
        if computed.text_revision != text_revision || self.published >= revision {
            return false;
        }
        self.published = revision;
        let unchanged = self.last_sent.as_ref().is_some_and(|(version, sent)| {
            *version == computed.version && *sent == computed.diagnostics
        });
        if !unchanged {
            self.last_sent = Some((computed.version, computed.diagnostics.clone()));
        }
        !unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn computed(version: i32, text_revision: u64, messages: &[&str]) -> Computed {
        Computed {
            uri: "file:///a.iml.json".parse().unwrap(),
            version,
            text_revision,
            diagnostics: messages
                .iter()
                .map(|message| Diagnostic {
                    message: (*message).to_owned(),
                    ..Diagnostic::default()
                })
                .collect(),
        }
    }

    #[test]
    fn a_result_goes_out_once_in_order_and_only_for_the_current_text() {
        let mut ledger = Ledger::default();
        assert!(ledger.accept(3, 5, &computed(1, 3, &["a"])));
        // An older run finishing late.
        assert!(!ledger.accept(3, 4, &computed(1, 3, &["stale"])));
        // The same list for the same version again: the client holds it.
        assert!(!ledger.accept(3, 6, &computed(1, 3, &["a"])));
        // Computed on a text that has changed since.
        assert!(!ledger.accept(7, 8, &computed(1, 3, &["b"])));
        assert!(ledger.accept(7, 9, &computed(2, 7, &["a"])));
    }

    #[test]
    fn a_newer_request_supersedes_older_runs_without_a_lock() {
        let ledger = Ledger::default();
        let seen_by_run = ledger.latest_request();
        ledger.request(4);
        assert!(seen_by_run.is_latest(4));
        ledger.request(9);
        ledger.request(6);
        assert!(!seen_by_run.is_latest(8));
        assert!(ledger.latest_request().is_latest(9));
    }
}
