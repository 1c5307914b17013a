//! `textDocument/foldingRange`: multi-line objects, arrays and comments as
//! line ranges.

use iml_analysis::ide::{FoldingKind, FoldingRange as Fold};
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind, FoldingRangeParams};

use crate::dispatch::Context;
use crate::positions::indentation_units;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn folding_ranges(
    doc: DocumentSnapshot,
    _: FoldingRangeParams,
    _: &Context,
) -> Option<Vec<FoldingRange>> {
    let folds = doc.snapshot.analysis.folding_ranges(&doc.path);
    Some(
        folds
            .iter()
            .filter_map(|fold| convert(&doc, fold))
            .collect(),
    )
}

/// A bracket that starts its line stays visible when folded (`{ …` then
/// `}`), so the fold ends on the line before it; a bracket after other text
/// on its line ends the fold on that line. Folds of one line are dropped.
fn convert(doc: &DocumentSnapshot, fold: &Fold) -> Option<FoldingRange> {
    let start = doc.position(fold.range.start());
    let last_char = doc.position(last_char_start(doc, fold));
    let is_bracket = fold.kind != FoldingKind::Comment;
    let bracket_starts_line =
        is_bracket && starts_its_line(doc, last_char.line, last_char.character);
    let end_line = if bracket_starts_line {
        last_char.line.checked_sub(1)?
    } else {
        last_char.line
    };
    if end_line <= start.line {
        return None;
    }
    let exact = !doc.snapshot.client.line_folding_only;
    Some(FoldingRange {
        start_line: start.line,
        // Just after the opening bracket, so its line keeps showing it.
        start_character: (exact && is_bracket).then_some(start.character + 1),
        end_line,
        end_character: (exact && is_bracket && !bracket_starts_line).then_some(last_char.character),
        kind: (fold.kind == FoldingKind::Comment).then_some(FoldingRangeKind::Comment),
        collapsed_text: None,
    })
}

/// The offset of the range's last character (the closing bracket).
fn last_char_start(doc: &DocumentSnapshot, fold: &Fold) -> iml_analysis::TextSize {
    let end = usize::from(fold.range.end());
    let rope = &doc.rope;
    let end = end.min(rope.len_bytes());
    let char_index = rope.byte_to_char(end).saturating_sub(1);
    crate::snapshot::size(rope.char_to_byte(char_index))
}

/// Whether only whitespace precedes `column` on `line`.
fn starts_its_line(doc: &DocumentSnapshot, line: u32, column: u32) -> bool {
    indentation_units(&doc.rope, line as usize, doc.snapshot.client.encoding)
        .is_some_and(|indentation| indentation >= column as usize)
}
