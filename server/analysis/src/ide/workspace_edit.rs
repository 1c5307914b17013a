//! Edits across files, the answer shared by rename and file rename.

use std::path::PathBuf;

use crate::diagnostics::TextEdit;

/// The edits of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub file: PathBuf,
    /// Non-overlapping, sorted by range.
    pub edits: Vec<TextEdit>,
}

/// Edits across files, sorted by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkspaceEdit {
    pub files: Vec<FileEdit>,
}
