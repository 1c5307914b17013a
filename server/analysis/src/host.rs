use std::path::{Path, PathBuf};

use text_size::TextRange;

use crate::Diagnostic;

/// The mutable side: owns every known file of the workspace (open documents
/// override the disk) and applies changes. Cheap to snapshot.
#[derive(Default)]
pub struct AnalysisHost {}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("unknown file {0}")]
    UnknownFile(PathBuf),
    #[error("edit range {0:?} is outside the document or not on a character boundary")]
    BadRange(TextRange),
}

impl AnalysisHost {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file (full parse).
    pub fn set_file(&mut self, path: PathBuf, text: String) {
        todo!()
    }

    /// Applies one edit to a known file; reparses incrementally.
    pub fn apply_edit(&mut self, path: &Path, range: TextRange, replacement: &str) -> Result<(), EditError> {
        todo!()
    }

    pub fn remove_file(&mut self, path: &Path) {
        todo!()
    }

    /// An immutable view of the current state, safe to move to another thread.
    pub fn snapshot(&self) -> Analysis {
        todo!()
    }
}

/// The read side: an immutable snapshot that features query.
#[derive(Clone)]
pub struct Analysis {}

impl Analysis {
    pub fn file_text(&self, path: &Path) -> Option<&str> {
        todo!()
    }

    /// Every diagnostic of one file, sorted by range.
    pub fn diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        todo!()
    }

    /// Files whose diagnostics may change when `path` changes (besides `path`).
    pub fn dependents(&self, path: &Path) -> Vec<PathBuf> {
        todo!()
    }
}
