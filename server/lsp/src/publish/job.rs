//! One diagnostics run: what it was asked for, captured with the snapshot
//! under the same lock as the change that caused it, and its computation,
//! which needs no lock at all.

use std::collections::BTreeSet;
use std::path::PathBuf;

use iml_catalogue::TEXT_ONLY_RULES;

use super::ledger::Computed;
use crate::diagnostics;
use crate::snapshot::Snapshot;

/// Everything one run needs.
pub struct DiagnosticsJob {
    /// The session revision the snapshot was taken at.
    pub revision: u64,
    pub snapshot: Snapshot,
    pub changed: Vec<PathBuf>,
    /// Whether the open files depending on `changed` are looked at too:
    /// not when only the changed documents' own list is wanted.
    pub with_dependents: bool,
}

/// How many documents a run computes between two looks at whether a newer
/// run has made it pointless: often enough to stop within a few files' work.
const SUPERSEDED_CHECK_EVERY: usize = 8;

impl DiagnosticsJob {
    /// The open text the run reads, in bytes: what decides its thread.
    pub fn open_bytes(&self) -> usize {
        self.snapshot
            .open_documents()
            .map(|document| document.rope.len_bytes())
            .sum()
    }

    /// Whether the run stays within open documents: the keystroke case.
    pub fn stays_in_open_documents(&self) -> bool {
        self.changed
            .iter()
            .all(|path| self.snapshot.open_document(path).is_some())
    }

    /// Whether a newer run was asked for every changed document, so that
    /// this one is pointless. A changed file that is not open keeps it.
    fn superseded(&self, changed: &[&PathBuf]) -> bool {
        changed.iter().all(|path| {
            self.snapshot
                .open_document(path)
                .is_some_and(|document| !document.latest_request.is_latest(self.revision))
        })
    }

    /// The lists of the changed open documents and, when asked, of the open
    /// documents depending on them.
    pub fn compute(self) -> Vec<Computed> {
        let still_wanted: Vec<&PathBuf> = self
            .changed
            .iter()
            .filter(|path| !self.superseded(std::slice::from_ref(path)))
            .collect();
        if still_wanted.is_empty() {
            return Vec::new();
        }
        let mut targets = BTreeSet::new();
        for path in &still_wanted {
            targets.insert((*path).clone());
            if self.with_dependents {
                targets.extend(self.snapshot.analysis.dependents(path));
            }
        }
        let encoding = self.snapshot.client.encoding;
        let mut computed = Vec::new();
        let total = targets.len();
        for (index, path) in targets.into_iter().enumerate() {
            if index % SUPERSEDED_CHECK_EVERY == SUPERSEDED_CHECK_EVERY - 1
                && self.superseded(&still_wanted)
            {
                // Nothing computed so far is published: a newer run owns
                // these documents now. The line lets a test see the stop.
                tracing::debug!(
                    "diagnostics run at revision {} stopped after {index} of {total} documents: superseded",
                    self.revision
                );
                return Vec::new();
            }
            let Some(document) = self.snapshot.open_document(&path) else {
                continue;
            };
            let mut found = self.snapshot.analysis.diagnostics(&path);
            if document.app_ready {
                found.extend(document.spec_runs.iter().cloned());
            } else {
                // Before the app is loaded, whatever reads other files
                // could be false (a listed file not read yet looks missing).
                found.retain(|diagnostic| TEXT_ONLY_RULES.contains(&diagnostic.code));
            }
            let diagnostics: Vec<_> = found
                .iter()
                .map(|diagnostic| diagnostics::to_proto(diagnostic, &document.rope, encoding))
                .collect();
            for twin in &document.twins {
                computed.push(Computed {
                    uri: twin.uri.clone(),
                    version: twin.version,
                    text_revision: twin.text_revision,
                    diagnostics: diagnostics.clone(),
                });
            }
            computed.push(Computed {
                uri: document.uri.clone(),
                version: document.version,
                text_revision: document.text_revision,
                diagnostics,
            });
        }
        computed
    }
}
