//! The editor features, one file each: completion, hover and signature help
//! at a cursor; go to definition, references, document highlights and
//! rename of the symbol under it; document and workspace symbols, semantic
//! tokens, folding and selection ranges, inlay hints and document links of a
//! file; and the manifest edits that follow renamed files.
//!
//! Every answer is plain data with byte ranges into a file's text; the
//! protocol layer converts ranges to positions in the negotiated encoding.
//! The features read the snapshot only: the semantic model (where the cursor
//! is, what the position means, which names the app declares and writes, all
//! cached per file version), the app model and the catalogue. Nothing is
//! parsed on the request path.
//!
//! Each feature file holds its answer types and its `Analysis` entry point;
//! the files without a feature of their own (`keys`, `markdown`, `members`,
//! `names`, `objects`, `resolve`, `site`, `snippet`, `targets`, `walk`,
//! `workspace_edit`) are what several features share.

pub(crate) mod completion;
mod definition;
mod file_rename;
mod folding;
mod highlight;
mod hover;
mod inlay_hints;
mod keys;
mod links;
mod markdown;
mod members;
pub(crate) mod names;
mod objects;
mod references;
mod rename;
pub(crate) mod resolve;
mod selection;
mod semantic_tokens;
mod signature;
mod site;
mod snippet;
mod symbols;
mod targets;
pub(crate) mod walk;
mod workspace_edit;

#[cfg(test)]
mod tests;

pub use completion::{CompletionItem, CompletionKind};
pub use definition::Definition;
pub use folding::{FoldingKind, FoldingRange};
pub use highlight::{Highlight, HighlightKind};
pub use hover::Hover;
pub use inlay_hints::{InlayHint, InlayHintKind, InlayHintsConfig};
pub use links::{DocumentLink, LinkTarget};
pub use references::Reference;
pub use rename::{PrepareRename, RenameError};
pub use semantic_tokens::{
    SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, SemanticToken, SemanticTokenModifier,
    SemanticTokenType,
};
pub use signature::SignatureHelp;
pub use snippet::snippet_to_plain;
pub use symbols::{DocumentSymbol, MAX_DOCUMENT_SYMBOLS, SymbolKind, WorkspaceSymbol};
pub use targets::{NavKind, NavTarget, ReferenceAccess};
pub use workspace_edit::{FileEdit, WorkspaceEdit};
