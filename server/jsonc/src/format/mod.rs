//! Formatting of JSONC text: plain text in, byte-range edits out.
//!
//! The formatter only ever rewrites the whitespace between tokens and
//! comments; every token and every comment is kept byte for byte and in its
//! order. That makes two promises cheap to keep: the value model cannot
//! change, and each edit is one whitespace run, so editors keep cursors and
//! undo steps where they were. The style itself is described in
//! `docs/formatting.md`.
//!
//! A document with syntax errors is left alone (the functions return `None`):
//! guessing at the structure of broken text could turn it into something the
//! author did not write. Trailing commas (J003) and duplicate keys (J005) do
//! not make the structure ambiguous, so those documents are formatted.

mod edits;
mod equivalent;
mod layout;
mod options;

use text_size::{TextRange, TextSize};

pub use edits::{TextEdit, apply_edits};
pub use equivalent::same_value;
pub use options::FormatOptions;

/// Edits that format the whole document, sorted and non-overlapping; empty
/// when it is already formatted. `None` when the text has syntax errors (or
/// would grow past a sanity limit on output size).
pub fn format_document(text: &str, options: &FormatOptions) -> Option<Vec<TextEdit>> {
    let layout = layout::Layout::new(text)?;
    layout.edits(options, None)
}

/// Edits that format the smallest object or array whose source span covers
/// `range` (the whole document when no container covers it). Every edit lies
/// inside that container, and its contents are indented relative to the line
/// its opening bracket is on, so the text around it is never touched.
/// `None` when the text has syntax errors.
pub fn format_range(
    text: &str,
    range: TextRange,
    options: &FormatOptions,
) -> Option<Vec<TextEdit>> {
    let layout = layout::Layout::new(text)?;
    let len = TextSize::of(text);
    let range = TextRange::new(range.start().min(len), range.end().min(len));
    let scope = layout.covering_container(range);
    layout.edits(options, scope)
}

/// The formatted text of the whole document; `None` when it has syntax errors.
pub fn format_text(text: &str, options: &FormatOptions) -> Option<String> {
    format_document(text, options).map(|edits| apply_edits(text, &edits))
}
