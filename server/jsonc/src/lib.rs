//! JSONC documents for iml-ls: a tree-sitter-json concrete syntax tree that is
//! reparsed incrementally, syntax diagnostics a person can read, and a small
//! owned value model (with decoded strings and exact source spans) that the
//! analysis layer walks.
//!
//! Everything here speaks in byte offsets ([`TextRange`]); lines, columns and
//! position encodings belong to the protocol layer.
//!
//! Two views of one text:
//! - the tree-sitter tree ([`JsonDocument::tree`]), edited and reparsed on
//!   every change, for consumers that want a concrete syntax tree;
//! - the value model, the diagnostics and the comment list, produced together
//!   by one error-recovering pass over the text ([`JsonDocument::root`]),
//!   lazily and once per text version. tree-sitter's error trees are token
//!   soup whose shape shifts with context (an unterminated string can absorb
//!   the rest of the file, a stray comma can turn an object into an ERROR
//!   node), so messages and recovery are decided by our own rules instead:
//!   deterministic, the same for a fresh and an edited document, and several
//!   times faster than the tree-sitter parse itself.

pub use text_size::{TextRange, TextSize};

mod diagnostics;
mod document;
pub mod format;
mod lexer;
mod model;
mod parser;
mod shared;
mod strings;

pub use diagnostics::{SyntaxError, code};
pub use document::JsonDocument;
pub use format::{FormatOptions, TextEdit, format_document, format_range};
pub use model::{JsonString, Member, Value, ValueKind};
pub use parser::MAX_MODEL_DEPTH;
pub use shared::SharedStr;
pub use strings::DecodedString;
