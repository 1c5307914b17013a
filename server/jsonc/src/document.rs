//! One JSONC file: its text, the value model parsed from it, edits applied to
//! it, and a tree-sitter tree built on request.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, OnceLock};

use text_size::{TextRange, TextSize};
use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::parser::{self, Parsed};
use crate::{SyntaxError, Value};

/// One JSONC file: its text, the value model built from it, and a tree-sitter
/// tree on request.
///
/// The value model, the syntax diagnostics and the comment list come from one
/// pass over the text that runs lazily, at most once per text version, and is
/// cached until the next edit. The tree-sitter tree is built only when asked
/// for: files read from disk for cross-file analysis never pay for it. Once
/// built, edits are recorded on it and the next request reparses
/// incrementally. The type is `Send + Sync + Clone` (cloning shares the
/// cached model and the tree's nodes, and copies the text).
///
/// The value model holds its own immutable copy of the text, whose slices
/// are its strings; the document's text stays a `String` so that an edit
/// changes it in place.
pub struct JsonDocument {
    text: String,
    tree: Mutex<TreeState>,
    parsed: OnceLock<Arc<Parsed>>,
}

#[derive(Clone)]
enum TreeState {
    NotBuilt,
    /// The tree of the current text.
    Current(Tree),
    /// A tree of an earlier text with the edits since applied by `Tree::edit`:
    /// the old tree a reparse of the current text starts from.
    Edited(Tree),
}

impl Clone for JsonDocument {
    fn clone(&self) -> Self {
        JsonDocument {
            text: self.text.clone(),
            tree: Mutex::new(self.tree_state().clone()),
            parsed: self.parsed.clone(),
        }
    }
}

thread_local! {
    // A parser is expensive to set up and cannot live in a shared document,
    // so each thread keeps one.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

fn parse_tree(text: &str, old_tree: Option<&Tree>) -> Tree {
    PARSER.with_borrow_mut(|slot| {
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_json::LANGUAGE.into())
                .expect("tree-sitter-json is built for an ABI this runtime supports");
            parser
        });
        // `parse` only gives up when cancelled or timed out, which we never ask for.
        parser
            .parse(text, old_tree)
            .expect("a parse without cancellation always yields a tree")
    })
}

/// Line and byte column of `offset`, the way tree-sitter counts them: rows
/// advance at `\n` only, columns count bytes.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Point::new(row, offset - line_start)
}

/// The point reached from `start` after inserting `inserted`.
fn point_after(start: Point, inserted: &str) -> Point {
    let bytes = inserted.as_bytes();
    match bytes.iter().rposition(|&b| b == b'\n') {
        None => Point::new(start.row, start.column + bytes.len()),
        Some(last) => Point::new(
            start.row + bytes.iter().filter(|&&b| b == b'\n').count(),
            bytes.len() - last - 1,
        ),
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl JsonDocument {
    /// Takes `text` as a new document; nothing is parsed until asked for.
    pub fn parse(text: String) -> Self {
        JsonDocument {
            text,
            tree: Mutex::new(TreeState::NotBuilt),
            parsed: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn tree_state(&self) -> std::sync::MutexGuard<'_, TreeState> {
        // The state is replaced whole, never left half-written, so a panic
        // elsewhere while it was locked does not make it unusable.
        self.tree
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The tree-sitter tree of the current text: built on the first call,
    /// after that reparsed incrementally from the recorded edits. The result
    /// always equals a fresh parse of the text (see `apply_edit`).
    pub fn tree(&self) -> Tree {
        let mut state = self.tree_state();
        let tree = match &*state {
            TreeState::Current(tree) => return tree.clone(),
            TreeState::NotBuilt => parse_tree(&self.text, None),
            TreeState::Edited(old) => {
                let tree = parse_tree(&self.text, Some(old));
                // tree-sitter's error recovery depends on which old subtrees
                // it reuses, so on broken text an incremental parse can pick a
                // different (equally valid) error tree than a fresh parse.
                // Consumers must see one answer per text, so broken text is
                // parsed again from scratch.
                if tree.root_node().has_error() {
                    parse_tree(&self.text, None)
                } else {
                    tree
                }
            }
        };
        *state = TreeState::Current(tree.clone());
        tree
    }

    /// Replaces `range` (byte offsets into the current text, on char boundaries)
    /// with `replacement`. A tree already built records the edit; the reparse
    /// waits for the next `tree()`.
    ///
    /// A range the caller got wrong is clamped, never a panic: both ends are
    /// limited to the text length and moved back to a char boundary, and a
    /// start after the end is moved to the end. Returns the range actually
    /// replaced.
    pub fn apply_edit(&mut self, range: TextRange, replacement: &str) -> TextRange {
        let end = floor_char_boundary(&self.text, u32::from(range.end()) as usize);
        let start = floor_char_boundary(&self.text, u32::from(range.start()) as usize).min(end);
        let state = self
            .tree
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let old_tree = match std::mem::replace(state, TreeState::NotBuilt) {
            TreeState::NotBuilt => None,
            TreeState::Current(tree) | TreeState::Edited(tree) => Some(tree),
        };
        if let Some(mut tree) = old_tree {
            let start_position = point_at(&self.text, start);
            let old_end_position = point_at(&self.text, end);
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: start + replacement.len(),
                start_position,
                old_end_position,
                new_end_position: point_after(start_position, replacement),
            });
            *state = TreeState::Edited(tree);
        }
        self.text.replace_range(start..end, replacement);
        self.parsed = OnceLock::new();
        TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
    }

    fn parsed(&self) -> &Parsed {
        self.parsed
            .get_or_init(|| Arc::new(parser::parse(&Arc::from(self.text.as_str()))))
    }

    /// JSONC syntax problems, sorted by position: missing or unexpected tokens
    /// (J001), unterminated strings (J002), trailing commas (J003), several
    /// top-level values (J004), duplicate keys (J005), invalid escapes (J007).
    pub fn syntax_errors(&self) -> Vec<SyntaxError> {
        self.parsed().errors.clone()
    }

    /// The owned value model of the (first) top-level value, built with error
    /// recovery; `None` for an empty or comment-only document. Built on first
    /// use after each edit and cached.
    pub fn root(&self) -> Option<&Value> {
        self.parsed().root.as_ref()
    }

    /// Ranges of all `//` and `/* */` comments, in source order.
    pub fn comments(&self) -> Vec<TextRange> {
        self.parsed().comments.clone()
    }
}

impl std::fmt::Debug for JsonDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonDocument")
            .field("len", &self.text.len())
            .field(
                "tree",
                &match &*self.tree_state() {
                    TreeState::NotBuilt => "not built",
                    TreeState::Current(_) => "current",
                    TreeState::Edited(_) => "edits pending",
                },
            )
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}

    #[test]
    fn document_can_be_shared_between_threads() {
        assert_send_sync_clone::<JsonDocument>();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The end point computed from the insertion equals the point of the
        /// same offset counted in the new text.
        #[test]
        fn points_agree_with_the_edited_text(
            old in "[a\n\r😀é]{0,12}",
            at in 0usize..20,
            insert in "[b\n\r😀]{0,6}",
        ) {
            let start = floor_char_boundary(&old, at);
            let mut new = old.clone();
            new.insert_str(start, &insert);
            let start_point = point_at(&old, start);
            prop_assert_eq!(start_point, point_at(&new, start));
            prop_assert_eq!(point_after(start_point, &insert), point_at(&new, start + insert.len()));
        }
    }

    #[test]
    fn points_count_bytes_and_line_feeds() {
        let text = "a😀\r\nb";
        assert_eq!(point_at(text, 5), Point::new(0, 5));
        assert_eq!(point_at(text, 7), Point::new(1, 0));
        assert_eq!(point_after(Point::new(3, 2), "é"), Point::new(3, 4));
        assert_eq!(point_after(Point::new(3, 2), "x\r\nyz"), Point::new(4, 2));
    }
}
