//! A file's sites and facts as a snapshot sees them, computed on first use
//! per file version and kept in the version's [`FileSemantics`] slot.

use std::path::Path;
use std::sync::Arc;

use super::cache::FileSemantics;
use super::context::file_place;
use super::facts::{FileFacts, extract_facts};
use super::file_context::connection_kind_of;
use super::sites::FileSites;
use crate::host::Analysis;

/// The semantics of `path`'s current version in `analysis`; `None` for files
/// the snapshot does not hold or that are not JSON.
fn semantics(analysis: &Analysis, path: &Path) -> Option<Arc<FileSemantics>> {
    let data = analysis.file_data_arc(path)?;
    data.semantics
        .get_or_init(|| {
            let previous = data
                .previous_sites
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            let root = data.content.root()?;
            Some(Arc::new(FileSemantics::new(FileSites::collect_reusing(
                root,
                previous.as_deref(),
            ))))
        })
        .clone()
}

/// The IML sites of a file, computed once per file version. `None` for files
/// that are not JSON or not known to the snapshot.
pub fn sites(analysis: &Analysis, path: &Path) -> Option<Arc<FileSites>> {
    Some(Arc::clone(&semantics(analysis, path)?.sites))
}

/// The facts of `path`, computed once per file version.
pub fn facts(analysis: &Analysis, path: &Path) -> Option<Arc<FileFacts>> {
    let semantics = semantics(analysis, path)?;
    Some(semantics.facts_or_init(|| {
        let role = analysis.role(path);
        let connection_kind = connection_kind_of(analysis, path, &role);
        analysis
            .root_value(path)
            .map(|root| {
                let place = file_place(&role, connection_kind, root)
                    .and_then(|(place, parameter_file)| (!parameter_file).then_some(place));
                extract_facts(&role, place, root, &semantics.sites)
            })
            .unwrap_or_default()
    }))
}
