//! What `textDocument/semanticTokens/full/delta` answers against: for each
//! open document, the last tokens sent and the result id they went out with,
//! and the single splice that turns those tokens into the current ones.
//!
//! Only open documents are remembered and closing one forgets it, so the
//! memory held is bounded by what the editor shows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tower_lsp_server::ls_types::{SemanticToken, SemanticTokensEdit, Uri};

use crate::session::SharedSession;

/// The integers each token takes in the protocol's flat array.
const INTEGERS_PER_TOKEN: usize = 5;

#[derive(Clone, Default)]
pub struct SemanticTokensCache(Arc<Mutex<Sent>>);

#[derive(Default)]
struct Sent {
    /// Counts every result id handed out, so no two answers share one.
    issued: u64,
    last: HashMap<Uri, Remembered>,
}

struct Remembered {
    result_id: String,
    /// Shared so that a delta request reads it without copying under the lock.
    tokens: Arc<[SemanticToken]>,
}

impl SemanticTokensCache {
    fn lock(&self) -> MutexGuard<'_, Sent> {
        // A panic in one request must not turn every later delta into an error.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands out a fresh result id for `tokens` about to be sent for `uri`,
    /// and keeps them when the document is open. A closed document gets an
    /// id nothing remembers, so a delta against it answers full tokens.
    pub fn remember(&self, session: &SharedSession, uri: &Uri, tokens: &[SemanticToken]) -> String {
        // The session lock is held while storing: a `didClose` handled in
        // between would otherwise leave an entry nothing ever removes.
        let session = session.lock();
        let mut sent = self.lock();
        sent.issued += 1;
        let result_id = sent.issued.to_string();
        if session.documents.get(uri).is_some() {
            let remembered = Remembered {
                result_id: result_id.clone(),
                tokens: tokens.into(),
            };
            sent.last.insert(uri.clone(), remembered);
        }
        result_id
    }

    /// The tokens last sent for `uri`, if they went out as `result_id`.
    pub fn previous(&self, uri: &Uri, result_id: &str) -> Option<Arc<[SemanticToken]>> {
        self.lock()
            .last
            .get(uri)
            .filter(|remembered| remembered.result_id == result_id)
            .map(|remembered| Arc::clone(&remembered.tokens))
    }

    pub fn forget(&self, uri: &Uri) {
        self.lock().last.remove(uri);
    }

    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.lock().last.len()
    }
}

/// The edits that turn `previous` into `current`: none when they are equal,
/// otherwise one splice between their common prefix and common suffix.
///
/// `start` and `delete_count` count integers of the flat array, five per
/// token, as the protocol defines them. The splice is cut on token
/// boundaries because the inserted data is carried as whole tokens.
pub fn token_edits(
    previous: &[SemanticToken],
    current: &[SemanticToken],
) -> Vec<SemanticTokensEdit> {
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
    use tower_lsp_server::ls_types::TextDocumentItem;

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

    fn uri(text: &str) -> Uri {
        text.parse().unwrap()
    }

    fn session_with_open(uri: &Uri) -> SharedSession {
        let session = SharedSession::default();
        session.lock().open(TextDocumentItem {
            uri: uri.clone(),
            language_id: "imljson".to_owned(),
            version: 1,
            text: "{}".to_owned(),
        });
        session
    }

    #[test]
    fn only_the_last_result_of_an_open_document_is_kept() {
        let open = uri("file:///app/open.iml.json");
        let closed = uri("file:///app/closed.iml.json");
        let session = session_with_open(&open);
        let cache = SemanticTokensCache::default();

        let first = cache.remember(&session, &open, &tokens(&[1]));
        let second = cache.remember(&session, &open, &tokens(&[2]));
        assert_ne!(first, second);
        assert!(cache.previous(&open, &first).is_none());
        assert_eq!(
            cache.previous(&open, &second).as_deref(),
            Some(&tokens(&[2])[..])
        );

        let never_kept = cache.remember(&session, &closed, &tokens(&[3]));
        assert!(cache.previous(&closed, &never_kept).is_none());
        assert_eq!(cache.remembered(), 1);

        session.lock().close(&open);
        cache.forget(&open);
        assert!(cache.previous(&open, &second).is_none());
        assert_eq!(cache.remembered(), 0);
    }

    fn token_values() -> impl Strategy<Value = Vec<u32>> {
        // A small alphabet, so that equal runs, prefixes and suffixes are common.
        prop::collection::vec(0u32..4, 0..24)
    }

    fn check(previous: &[SemanticToken], current: &[SemanticToken]) -> Result<(), TestCaseError> {
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
