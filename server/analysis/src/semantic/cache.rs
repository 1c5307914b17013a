//! The slot that keeps one file version's sites and facts.
//!
//! A file version is one `FileData` of the host: the host makes a new one
//! whenever the text or the role changes, and snapshots share it otherwise,
//! so the slot lives in a `OnceLock` on it and dies with the version. The
//! slot only stores; [`super::lookup`] fills it, because filling needs the
//! snapshot and the snapshot holds the slot.

use std::sync::{Arc, OnceLock};

use super::facts::FileFacts;
use super::sites::FileSites;

/// What the semantic model derives from one file version.
pub(crate) struct FileSemantics {
    pub(crate) sites: Arc<FileSites>,
    facts: OnceLock<Arc<FileFacts>>,
}

impl FileSemantics {
    pub(crate) fn new(sites: FileSites) -> Self {
        FileSemantics {
            sites: Arc::new(sites),
            facts: OnceLock::new(),
        }
    }

    /// The facts, extracted by `extract` on the first call only.
    pub(crate) fn facts_or_init(&self, extract: impl FnOnce() -> FileFacts) -> Arc<FileFacts> {
        Arc::clone(self.facts.get_or_init(|| Arc::new(extract())))
    }
}
