use text_size::TextRange;

use crate::{SyntaxError, Value};

/// One JSONC file: its text and a tree-sitter tree kept in step with it.
pub struct JsonDocument {
    text: String,
    tree: tree_sitter::Tree,
}

impl JsonDocument {
    /// Parses `text` from scratch.
    pub fn parse(text: String) -> Self {
        todo!()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tree(&self) -> &tree_sitter::Tree {
        &self.tree
    }

    /// Replaces `range` (byte offsets into the current text, on char boundaries)
    /// with `replacement`, edits the old tree and reparses incrementally.
    pub fn apply_edit(&mut self, range: TextRange, replacement: &str) {
        todo!()
    }

    /// JSONC syntax problems: missing tokens, unterminated strings, trailing
    /// commas, several top-level values, duplicate keys.
    pub fn syntax_errors(&self) -> Vec<SyntaxError> {
        todo!()
    }

    /// The owned value model of the (first) top-level value, built with error
    /// recovery; `None` for an empty or comment-only document.
    pub fn root(&self) -> Option<Value> {
        todo!()
    }
}
