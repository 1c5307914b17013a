//! Per-file-version cache of sites and facts.
//!
//! A file version is one `FileData` of the host: the host makes a new one
//! whenever the text or the role changes, and snapshots share it otherwise,
//! so the cache lives in a `OnceLock` on it and dies with the version.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::context::{connection_kind_of, file_place};
use super::facts::{FileFacts, extract_facts};
use super::sites::FileSites;
use crate::Analysis;

/// What the semantic model derives from one file version.
pub(crate) struct FileSemantics {
    pub(crate) sites: Arc<FileSites>,
    facts: OnceLock<Arc<FileFacts>>,
}

impl FileSemantics {
    pub(crate) fn facts(&self, analysis: &Analysis, path: &Path) -> Arc<FileFacts> {
        Arc::clone(self.facts.get_or_init(|| {
            let role = analysis.role(path);
            let connection_kind = connection_kind_of(analysis, path, &role);
            let facts = analysis
                .root_value(path)
                .map(|root| {
                    let place = file_place(&role, connection_kind, root)
                        .and_then(|(place, parameter_file)| (!parameter_file).then_some(place));
                    extract_facts(&role, place, root, &self.sites)
                })
                .unwrap_or_default();
            Arc::new(facts)
        }))
    }
}

/// The semantics of `path`'s current version in `analysis`; `None` for files
/// the snapshot does not hold or that are not JSON.
pub(crate) fn semantics(analysis: &Analysis, path: &Path) -> Option<Arc<FileSemantics>> {
    let data = analysis.file_data_arc(path)?;
    data.semantics
        .get_or_init(|| {
            let previous = data
                .previous_sites
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            let root = data.content.root()?;
            Some(Arc::new(FileSemantics {
                sites: Arc::new(FileSites::collect_reusing(root, previous.as_deref())),
                facts: OnceLock::new(),
            }))
        })
        .clone()
}
