//! `textDocument/selectionRange`: for each position, the ranges around it
//! from the innermost out, as a chain of parents.

use tower_lsp_server::ls_types::{Range, SelectionRange, SelectionRangeParams};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

pub(crate) fn selection_ranges(
    doc: DocumentSnapshot,
    params: SelectionRangeParams,
    _: &Context,
) -> Option<Vec<SelectionRange>> {
    let positions = params.positions;
    let offsets: Vec<_> = positions.iter().map(|p| doc.offset(*p)).collect();
    let chains = doc.snapshot.analysis.selection_ranges(&doc.path, &offsets);
    // The protocol wants one answer per position, in order.
    let answers = positions
        .iter()
        .enumerate()
        .map(|(index, position)| {
            let ranges: Vec<Range> = chains
                .get(index)
                .map(|chain| chain.iter().map(|range| doc.range(*range)).collect())
                .unwrap_or_default();
            nest(&ranges).unwrap_or(SelectionRange {
                range: Range::new(*position, *position),
                parent: None,
            })
        })
        .collect();
    Some(answers)
}

/// `ranges` innermost first, as a `SelectionRange` whose parents are the
/// outer ones; equal neighbours (after position conversion) collapse.
fn nest(ranges: &[Range]) -> Option<SelectionRange> {
    let mut outer: Option<SelectionRange> = None;
    for range in ranges.iter().rev() {
        if outer.as_ref().is_some_and(|parent| parent.range == *range) {
            continue;
        }
        outer = Some(SelectionRange {
            range: *range,
            parent: outer.map(Box::new),
        });
    }
    outer
}
