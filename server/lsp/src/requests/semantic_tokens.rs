//! `textDocument/semanticTokens/full`, `/full/delta` and `/range`: the
//! analysis' absolute byte ranges, delta-encoded in the negotiated position
//! encoding. Full and delta requests share one path: the tokens go out under
//! a fresh result id and are kept with the open document (see
//! `DocumentStore::record_semantic_tokens`); a delta request naming the last
//! id gets only the splice from those tokens to the current ones.

use iml_analysis::ide::SemanticToken as Token;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams,
    SemanticTokensEdit, SemanticTokensFullDeltaResult, SemanticTokensParams,
    SemanticTokensRangeParams, SemanticTokensRangeResult, SemanticTokensResult,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

/// The integers each token takes in the protocol's flat array.
const INTEGERS_PER_TOKEN: usize = 5;

/// Full tokens as they go out, and the tokens sent before them when the
/// request named those by their result id.
struct FullTokens {
    tokens: SemanticTokens,
    previous: Option<Vec<SemanticToken>>,
}

pub(crate) fn full(
    doc: DocumentSnapshot,
    _: SemanticTokensParams,
    context: &Context,
) -> Option<SemanticTokensResult> {
    let sent = full_tokens(doc, context, None)?;
    Some(SemanticTokensResult::Tokens(sent.tokens))
}

/// An unknown or outdated `previous_result_id` (another request came
/// between, the document was reopened, the server restarted) is answered
/// with full tokens, which the protocol allows.
pub(crate) fn full_delta(
    doc: DocumentSnapshot,
    params: SemanticTokensDeltaParams,
    context: &Context,
) -> Option<SemanticTokensFullDeltaResult> {
    let sent = full_tokens(doc, context, Some(&params.previous_result_id))?;
    Some(match sent.previous {
        Some(previous) => SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
            edits: token_edits(&previous, &sent.tokens.data),
            result_id: sent.tokens.result_id,
        }),
        None => SemanticTokensFullDeltaResult::Tokens(sent.tokens),
    })
}

/// The one path of `full` and `full/delta`: computes the document's tokens,
/// records them with the document as the result the next delta is computed
/// against, and returns them with the tokens `previous_id` named, if those
/// were the last recorded.
fn full_tokens(
    doc: DocumentSnapshot,
    context: &Context,
    previous_id: Option<&str>,
) -> Option<FullTokens> {
    let tokens = doc.snapshot.analysis.semantic_tokens(&doc.path, None);
    if context.cancel.is_cancelled() {
        return None;
    }
    let data = encode(&doc, &tokens);
    // Copied before the lock is taken: one copy is kept, one is sent.
    let kept = data.clone();
    let (result_id, previous) =
        context
            .session
            .lock()
            .documents
            .record_semantic_tokens(&doc.uri, kept, previous_id);
    Some(FullTokens {
        tokens: SemanticTokens {
            result_id: Some(result_id),
            data,
        },
        previous,
    })
}

pub(crate) fn range(
    doc: DocumentSnapshot,
    params: SemanticTokensRangeParams,
    context: &Context,
) -> Option<SemanticTokensRangeResult> {
    let range = doc.byte_range(params.range);
    let tokens = doc
        .snapshot
        .analysis
        .semantic_tokens(&doc.path, Some(range));
    if context.cancel.is_cancelled() {
        return None;
    }
    Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
        result_id: None,
        data: encode(&doc, &tokens),
    }))
}

/// Each token relative to the one before: line delta, then start column
/// delta on the same line or absolute column on a new line. Tokens never
/// span a line break, so the length is a column difference.
fn encode(doc: &DocumentSnapshot, tokens: &[Token]) -> Vec<SemanticToken> {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut previous_line, mut previous_start) = (0, 0);
    for token in tokens {
        let start = doc.position(token.range.start());
        let end = doc.position(token.range.end());
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - previous_line;
        let delta_start = if delta_line == 0 {
            start.character - previous_start
        } else {
            start.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token.token_type.index(),
            token_modifiers_bitset: token.modifiers,
        });
        previous_line = start.line;
        previous_start = start.character;
    }
    data
}

/// The edits that turn `previous` into `current`: none when they are equal,
/// otherwise one splice between their common prefix and common suffix.
///
/// `start` and `delete_count` count integers of the flat array, five per
/// token, as the protocol defines them. The splice is cut on token
/// boundaries because the inserted data is carried as whole tokens.
fn token_edits(previous: &[SemanticToken], current: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = previous
        .iter()
        .zip(current)
        .take_while(|(old, new)| old == new)
        .count();
    let (previous_rest, current_rest) = (&previous[prefix..], &current[prefix..]);
    // Counted within what follows the prefix, so the two never overlap.
    let suffix = previous_rest
        .iter()
        .rev()
        .zip(current_rest.iter().rev())
        .take_while(|(old, new)| old == new)
        .count();
    let deleted = previous_rest.len() - suffix;
    let inserted = &current_rest[..current_rest.len() - suffix];
    if deleted == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: integers(prefix),
        delete_count: integers(deleted),
        data: (!inserted.is_empty()).then(|| inserted.to_vec()),
    }]
}

/// A token count as a count of protocol integers. A document would need
/// close to a billion tokens to overflow; saturate rather than panic.
fn integers(tokens: usize) -> u32 {
    tokens
        .checked_mul(INTEGERS_PER_TOKEN)
        .and_then(|count| u32::try_from(count).ok())
        .unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn token(value: u32) -> SemanticToken {
        SemanticToken {
            delta_line: value,
            delta_start: value + 1,
            length: value + 2,
            token_type: value % 8,
            token_modifiers_bitset: 0,
        }
    }

    fn tokens(values: &[u32]) -> Vec<SemanticToken> {
        values.iter().copied().map(token).collect()
    }

    fn flat(tokens: &[SemanticToken]) -> Vec<u32> {
        tokens
            .iter()
            .flat_map(|t| {
                [
                    t.delta_line,
                    t.delta_start,
                    t.length,
                    t.token_type,
                    t.token_modifiers_bitset,
                ]
            })
            .collect()
    }

    /// What a client does with the edits: splices on the flat integer
    /// array, from the last edit back so earlier offsets stay valid.
    fn apply(previous: &[SemanticToken], edits: &[SemanticTokensEdit]) -> Vec<u32> {
        let mut data = flat(previous);
        let mut edits = edits.to_vec();
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.start));
        for edit in edits {
            let start = edit.start as usize;
            let end = start + edit.delete_count as usize;
            data.splice(start..end, flat(edit.data.as_deref().unwrap_or_default()));
        }
        data
    }

    /// `(start, delete_count, inserted values)` in protocol integers.
    fn summary(edits: &[SemanticTokensEdit]) -> Vec<(u32, u32, Vec<u32>)> {
        edits
            .iter()
            .map(|edit| {
                let data = edit.data.as_deref().unwrap_or_default();
                (edit.start, edit.delete_count, flat(data))
            })
            .collect()
    }

    #[test]
    fn equal_tokens_need_no_edit() {
        assert!(token_edits(&tokens(&[1, 2, 3]), &tokens(&[1, 2, 3])).is_empty());
        assert!(token_edits(&[], &[]).is_empty());
    }

    #[test]
    fn a_changed_middle_token_is_replaced_in_integer_units() {
        let edits = token_edits(&tokens(&[1, 2, 3]), &tokens(&[1, 9, 3]));
        assert_eq!(summary(&edits), [(5, 5, flat(&tokens(&[9])))]);
    }

    #[test]
    fn an_insertion_deletes_nothing() {
        let edits = token_edits(&tokens(&[1, 3]), &tokens(&[1, 2, 2, 3]));
        assert_eq!(summary(&edits), [(5, 0, flat(&tokens(&[2, 2])))]);
    }

    #[test]
    fn a_deletion_carries_no_data() {
        let edits = token_edits(&tokens(&[1, 2, 3, 4]), &tokens(&[1, 4]));
        assert_eq!(edits.len(), 1);
        assert_eq!((edits[0].start, edits[0].delete_count), (5, 10));
        assert_eq!(edits[0].data, None);
    }

    #[test]
    fn repeated_tokens_do_not_let_prefix_and_suffix_overlap() {
        let edits = token_edits(&tokens(&[7, 7, 7]), &tokens(&[7, 7]));
        assert_eq!(summary(&edits), [(10, 5, vec![])]);
        let edits = token_edits(&tokens(&[7]), &tokens(&[7, 7, 7]));
        assert_eq!(summary(&edits), [(5, 0, flat(&tokens(&[7, 7])))]);
    }

    #[test]
    fn from_and_to_nothing() {
        let some = tokens(&[1, 2]);
        assert_eq!(summary(&token_edits(&[], &some)), [(0, 0, flat(&some))]);
        assert_eq!(summary(&token_edits(&some, &[])), [(0, 10, vec![])]);
    }

    #[test]
    fn the_edit_serializes_as_flat_integers() {
        let edits = token_edits(&tokens(&[1, 2]), &tokens(&[1, 3]));
        let json = serde_json::to_value(&edits).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{ "start": 5, "deleteCount": 5, "data": [3, 4, 5, 3, 0] }])
        );
    }

    fn token_values() -> impl Strategy<Value = Vec<u32>> {
        // A small alphabet, so that equal runs, prefixes and suffixes are common.
        prop::collection::vec(0u32..4, 0..24)
    }

    fn check(
        previous: &[SemanticToken],
        current: &[SemanticToken],
    ) -> std::result::Result<(), TestCaseError> {
        let edits = token_edits(previous, current);
        prop_assert_eq!(apply(previous, &edits), flat(current));
        prop_assert!(edits.len() <= 1);
        prop_assert_eq!(edits.is_empty(), previous == current);
        for edit in &edits {
            prop_assert_eq!(edit.start % 5, 0);
            prop_assert_eq!(edit.delete_count % 5, 0);
            // Minimal: the splice neither begins nor ends on a token that
            // both sides share.
            let start = edit.start as usize / 5;
            let deleted = &previous[start..start + edit.delete_count as usize / 5];
            let inserted = edit.data.as_deref().unwrap_or_default();
            if let (Some(old), Some(new)) = (deleted.first(), inserted.first()) {
                prop_assert_ne!(old, new);
            }
            if let (Some(old), Some(new)) = (deleted.last(), inserted.last()) {
                prop_assert_ne!(old, new);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn applying_the_edits_to_unrelated_tokens_gives_the_new_ones(
            previous in token_values(),
            current in token_values(),
        ) {
            check(&tokens(&previous), &tokens(&current))?;
        }

        #[test]
        fn applying_the_edits_after_a_splice_gives_the_new_ones(
            previous in token_values(),
            at in 0usize..25,
            removed in 0usize..6,
            added in prop::collection::vec(0u32..4, 0..6),
        ) {
            let start = at.min(previous.len());
            let end = (start + removed).min(previous.len());
            let mut current = previous.clone();
            current.splice(start..end, added);
            check(&tokens(&previous), &tokens(&current))?;
        }
    }
}
