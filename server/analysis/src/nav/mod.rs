//! Navigation and presentation features: go to definition, references,
//! document highlights, rename, document and workspace symbols, semantic
//! tokens, folding and selection ranges, inlay hints and document links.
//!
//! Every answer is plain data with byte ranges into a file's text; the
//! protocol layer converts ranges to positions in the negotiated encoding.

mod definition;
mod file_rename;
mod folding;
mod highlight;
mod inlay_hints;
mod links;
pub(crate) mod names;
mod references;
mod rename;
pub(crate) mod resolve;
mod selection;
mod semantic_tokens;
mod symbols;
pub(crate) mod walk;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use text_size::{TextRange, TextSize};

use crate::{Analysis, TextEdit};

pub use folding::{FoldingKind, FoldingRange};
pub use highlight::{Highlight, HighlightKind};
pub use inlay_hints::{InlayHint, InlayHintKind, InlayHintsConfig};
pub use links::{DocumentLink, LinkTarget};
pub use rename::{PrepareRename, RenameError};
pub use semantic_tokens::{
    SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, SemanticToken, SemanticTokenModifier,
    SemanticTokenType,
};
pub use symbols::{DocumentSymbol, MAX_DOCUMENT_SYMBOLS, SymbolKind, WorkspaceSymbol};

/// What a navigation target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NavKind {
    /// A declared parameter (`parameters.x`, or a connection parameter read as `connection.x`).
    Parameter,
    /// A key a connection writes into `response.data` (`connection.x`, `data.x`).
    ConnectionData,
    /// A key written into `temp`.
    Temp,
    /// A key of common data (`common.x`).
    Common,
    /// An RPC (`rpc://name`).
    Rpc,
    /// A module, by its id (a `groups.json` entry).
    Module,
    /// A custom IML function.
    Function,
}

/// A place to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavTarget {
    pub file: PathBuf,
    /// The whole declaration (the parameter object, the key literal, the file).
    pub full_range: TextRange,
    /// What to select and reveal; inside `full_range`.
    pub focus_range: TextRange,
    pub name: String,
    pub kind: NavKind,
}

/// The answer to go to definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The name under the cursor (the origin of a location link).
    pub origin: TextRange,
    pub targets: Vec<NavTarget>,
}

/// How a reference uses its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferenceAccess {
    /// Where the symbol is declared or written (a parameter's `name`, a
    /// `response.data` or `temp` key, a manifest entry).
    Write,
    /// Where an expression or an `rpc://` reference reads it.
    Read,
}

/// One occurrence of a symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub file: PathBuf,
    pub range: TextRange,
    pub access: ReferenceAccess,
}

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

impl Analysis {
    /// Where the symbol at byte `offset` of `path` is declared or written.
    pub fn goto_definition(&self, path: &Path, offset: TextSize) -> Option<Definition> {
        definition::goto_definition(self, path, offset)
    }

    /// Every occurrence of the symbol at `offset` across its app, sorted by
    /// file and range. Declarations and writes only when `include_declaration`.
    pub fn find_references(
        &self,
        path: &Path,
        offset: TextSize,
        include_declaration: bool,
    ) -> Vec<Reference> {
        references::find_references(self, path, offset, include_declaration)
    }

    /// Every occurrence in `path` of the symbol at `offset`, sorted by range:
    /// the same symbol as [`Analysis::find_references`], without searching
    /// the app's other files.
    pub fn document_highlights(&self, path: &Path, offset: TextSize) -> Vec<Highlight> {
        highlight::document_highlights(self, path, offset)
    }

    /// Whether the symbol at `offset` can be renamed, and the range of its name.
    pub fn prepare_rename(
        &self,
        path: &Path,
        offset: TextSize,
    ) -> Result<PrepareRename, RenameError> {
        rename::prepare_rename(self, path, offset)
    }

    /// The edits that rename the symbol at `offset` to `new_name` everywhere.
    pub fn rename(
        &self,
        path: &Path,
        offset: TextSize,
        new_name: &str,
    ) -> Result<WorkspaceEdit, RenameError> {
        rename::rename(self, path, offset, new_name)
    }

    /// The outline of `path`, capped at [`MAX_DOCUMENT_SYMBOLS`] symbols.
    pub fn document_symbols(&self, path: &Path) -> Vec<DocumentSymbol> {
        symbols::document_symbols(self, path)
    }

    /// Components, parameters, RPCs and connection data keys of every app
    /// whose name matches `query` (a case-insensitive subsequence), at most `limit`.
    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
        symbols::workspace_symbols(self, query, limit)
    }

    /// Semantic tokens of `path` as absolute byte ranges, sorted, none
    /// spanning a line break; only those touching `range` when given.
    pub fn semantic_tokens(&self, path: &Path, range: Option<TextRange>) -> Vec<SemanticToken> {
        semantic_tokens::semantic_tokens(self, path, range)
    }

    /// Foldable objects, arrays and comment blocks of `path` (byte ranges
    /// from the opening to the closing bracket or comment end).
    pub fn folding_ranges(&self, path: &Path) -> Vec<FoldingRange> {
        folding::folding_ranges(self, path)
    }

    /// For each offset, the ranges around it from innermost to the whole document.
    pub fn selection_ranges(&self, path: &Path, offsets: &[TextSize]) -> Vec<Vec<TextRange>> {
        offsets
            .iter()
            .map(|&offset| selection::selection_range(self, path, offset))
            .collect()
    }

    /// Inlay hints of `path`, only those inside `range` when given.
    pub fn inlay_hints(
        &self,
        path: &Path,
        range: Option<TextRange>,
        config: &InlayHintsConfig,
    ) -> Vec<InlayHint> {
        inlay_hints::inlay_hints(self, path, range, config)
    }

    /// URLs and `rpc://` references in the string values of `path`.
    pub fn document_links(&self, path: &Path) -> Vec<DocumentLink> {
        links::document_links(self, path)
    }
}
