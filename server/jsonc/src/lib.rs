//! JSONC documents for iml-ls: a tree-sitter-json concrete syntax tree that is
//! reparsed incrementally, syntax diagnostics a person can read, and a small
//! owned value model (with decoded strings and exact source spans) that the
//! analysis layer walks.
//!
//! Everything here speaks in byte offsets ([`TextRange`]); lines, columns and
//! position encodings belong to the protocol layer.

pub use text_size::{TextRange, TextSize};

mod diagnostics;
mod document;
mod model;
mod strings;

pub use diagnostics::SyntaxError;
pub use document::JsonDocument;
pub use model::{JsonString, Member, Value, ValueKind};
pub use strings::DecodedString;
