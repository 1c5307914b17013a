//! Find references: every read and write of the symbol under the cursor
//! across the app.

use std::path::Path;

use text_size::TextSize;

use super::resolve::{entity_at, occurrences};
use super::{Reference, ReferenceAccess};
use crate::Analysis;

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
