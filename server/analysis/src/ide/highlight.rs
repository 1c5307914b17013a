//! Document highlight: the occurrences of the symbol under the cursor in
//! the cursor's own file, told apart as writes and reads.

use std::path::Path;

use text_size::{TextRange, TextSize};

use super::resolve::{Within, entity_at, occurrences_within};
use super::targets::ReferenceAccess;
use crate::host::Analysis;

impl Analysis {
    /// Every occurrence in `path` of the symbol at `offset`, sorted by range:
    /// the same symbol as [`Analysis::find_references`], without searching
    /// the app's other files.
    pub fn document_highlights(&self, path: &Path, offset: TextSize) -> Vec<Highlight> {
        document_highlights(self, path, offset)
    }
}

/// How a highlighted occurrence uses its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HighlightKind {
    /// A declaration or a write: a parameter's `name`, a `response.data`,
    /// `temp` or common data key, a manifest entry, a function declaration.
    Write,
    /// A read in an IML expression or an `rpc://` reference.
    Read,
}

impl From<ReferenceAccess> for HighlightKind {
    fn from(access: ReferenceAccess) -> Self {
        match access {
            ReferenceAccess::Write => HighlightKind::Write,
            ReferenceAccess::Read => HighlightKind::Read,
        }
    }
}

/// One occurrence to highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    /// The name itself, without quotes or backticks.
    pub range: TextRange,
    pub kind: HighlightKind,
}

pub(crate) fn document_highlights(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
) -> Vec<Highlight> {
    let Some(found) = entity_at(analysis, file, offset) else {
        return Vec::new();
    };
    occurrences_within(analysis, file, &found.entity, Within::File(file))
        .into_iter()
        .map(|occurrence| Highlight {
            range: occurrence.range,
            kind: occurrence.access.into(),
        })
        .collect()
}
