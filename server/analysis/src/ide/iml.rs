//! The `{{ }}` block under a cursor that sits inside a JSON string, taken
//! from the semantic model's per-version cache of IML strings.

use std::path::Path;
use std::sync::Arc;

use iml_jsonc::JsonString;
use iml_lang::ExprBlock;
use text_size::{TextRange, TextSize};

use crate::Analysis;
use crate::semantic::{self, FileSites, ImlString};

/// A cursor inside the body of an IML block.
pub(crate) struct ImlCursor {
    sites: Arc<FileSites>,
    string: usize,
    block: usize,
    /// The cursor as an offset into the decoded string.
    pub(crate) offset: TextSize,
}

impl ImlCursor {
    pub(crate) fn string(&self) -> &ImlString {
        &self.sites.strings[self.string]
    }

    pub(crate) fn block(&self) -> &ExprBlock {
        &self.string().template.blocks[self.block]
    }

    /// A decoded range as a range of the file text.
    pub(crate) fn to_source(&self, range: TextRange) -> TextRange {
        self.string().to_source(range)
    }
}

/// The block whose body holds `offset` (a file offset inside `string`).
pub(crate) fn iml_cursor(
    analysis: &Analysis,
    path: &Path,
    string: &JsonString,
    offset: TextSize,
) -> Option<ImlCursor> {
    if !string.decoded.as_str().contains("{{") {
        return None;
    }
    let decoded = string.decoded.from_source(offset)?;
    let sites = semantic::sites(analysis, path)?;
    let index = sites
        .strings
        .partition_point(|s| s.range.start() < string.range.start());
    let found = sites
        .strings
        .get(index)
        .filter(|s| s.range == string.range)?;
    let block = found
        .template
        .blocks
        .iter()
        .position(|b| b.body_contains(decoded))?;
    Some(ImlCursor {
        sites,
        string: index,
        block,
        offset: decoded,
    })
}
