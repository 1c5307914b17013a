//! Find references: every read and write of the symbol under the cursor
//! across the app.

use std::path::{Path, PathBuf};

use text_size::{TextRange, TextSize};

use super::resolve::{entity_at, occurrences};
use super::targets::ReferenceAccess;
use crate::host::Analysis;

/// One occurrence of a symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub file: PathBuf,
    pub range: TextRange,
    pub access: ReferenceAccess,
}

impl Analysis {
    /// Every occurrence of the symbol at `offset` across its app, sorted by
    /// file and range. Declarations and writes only when `include_declaration`.
    pub fn find_references(
        &self,
        path: &Path,
        offset: TextSize,
        include_declaration: bool,
    ) -> Vec<Reference> {
        find_references(self, path, offset, include_declaration)
    }
}

pub(crate) fn find_references(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
    include_declaration: bool,
) -> Vec<Reference> {
    let Some(found) = entity_at(analysis, file, offset) else {
        return Vec::new();
    };
    occurrences(analysis, file, &found.entity)
        .into_iter()
        .filter(|o| include_declaration || o.access == ReferenceAccess::Read)
        .map(|o| Reference {
            file: o.file,
            range: o.range,
            access: o.access,
        })
        .collect()
}
