//! Open documents as the client sees them: text, version and the path the
//! analysis knows them by. Applying a change yields the byte edits to replay
//! on the analysis host, so both stay in step. Per-document protocol state
//! (the last semantic tokens sent) lives on the entry, so it goes when the
//! document is closed or opened afresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ropey::Rope;
use tower_lsp_server::ls_types::{SemanticToken, TextDocumentContentChangeEvent, Uri};

use crate::positions::{PositionEncoding, range_from_proto};
use crate::publish::Ledger;

pub struct Document {
    /// The URI exactly as the client spelled it; diagnostics go back to it.
    pub uri: Uri,
    pub path: PathBuf,
    pub version: i32,
    pub rope: Rope,
    /// Host revision at which this text was last changed; results computed
    /// for another revision of the text are stale.
    pub text_revision: u64,
    /// What diagnostics were asked for and sent.
    pub publish: Ledger,
    /// What the next `semanticTokens/full/delta` is computed against.
    sent_tokens: Option<SentTokens>,
}

/// The semantic tokens last sent for a document and the result id they went
/// out with.
struct SentTokens {
    result_id: String,
    tokens: Vec<SemanticToken>,
}

/// One change, in bytes, as it must be replayed on the analysis host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ByteChange {
    Replace {
        start: usize,
        end: usize,
        text: String,
    },
    Full(String),
}

#[derive(Default)]
pub struct DocumentStore {
    by_uri: HashMap<Uri, Document>,
    /// Counts the semantic-token result ids handed out. Kept here rather
    /// than per document so that an id from before a close never names the
    /// tokens of the reopened document.
    token_results_issued: u64,
}

impl DocumentStore {
    pub fn open(&mut self, uri: Uri, path: PathBuf, version: i32, text: &str, revision: u64) {
        let document = Document {
            uri: uri.clone(),
            path,
            version,
            rope: Rope::from_str(text),
            text_revision: revision,
            publish: Ledger::default(),
            sent_tokens: None,
        };
        self.by_uri.insert(uri, document);
    }

    /// Hands out a fresh result id for `tokens` about to be sent for `uri`
    /// and keeps them as what the next delta is computed against. Returns
    /// the id and the tokens kept before, when they went out as
    /// `previous_id`: only the last result of a document is kept.
    ///
    /// A document that is not open gets an id nothing remembers, so a delta
    /// against it answers full tokens; so does one closed or opened again
    /// since, as its entry was replaced.
    pub fn record_semantic_tokens(
        &mut self,
        uri: &Uri,
        tokens: Vec<SemanticToken>,
        previous_id: Option<&str>,
    ) -> (String, Option<Vec<SemanticToken>>) {
        self.token_results_issued += 1;
        let result_id = self.token_results_issued.to_string();
        let Some(document) = self.by_uri.get_mut(uri) else {
            return (result_id, None);
        };
        let sent = SentTokens {
            result_id: result_id.clone(),
            tokens,
        };
        let previous = document
            .sent_tokens
            .replace(sent)
            .filter(|before| Some(before.result_id.as_str()) == previous_id)
            .map(|before| before.tokens);
        (result_id, previous)
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.by_uri.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.by_uri.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.by_uri.get_mut(uri)
    }

    pub fn by_path(&self, path: &Path) -> Option<&Document> {
        self.by_uri.values().find(|document| document.path == path)
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.by_path(path).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.by_uri.values()
    }
}

impl Document {
    /// Applies one content change to the rope and returns it in bytes. A
    /// range past the end is clamped by the position conversion, so every
    /// change lands somewhere instead of being dropped.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: PositionEncoding,
    ) -> ByteChange {
        match change.range {
            None => {
                self.rope = Rope::from_str(&change.text);
                ByteChange::Full(change.text.clone())
            }
            Some(range) => {
                let (start, end) = range_from_proto(&self.rope, range, encoding);
                let start_char = self.rope.byte_to_char(start);
                let end_char = self.rope.byte_to_char(end);
                self.rope.remove(start_char..end_char);
                self.rope.insert(start_char, &change.text);
                ByteChange::Replace {
                    start,
                    end,
                    text: change.text.clone(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri() -> Uri {
        "file:///app/a.iml.json".parse().unwrap()
    }

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn store_with(text: &str) -> DocumentStore {
        let mut store = DocumentStore::default();
        store.open(uri(), PathBuf::from("/app/a.iml.json"), 1, text, 1);
        store
    }

    #[test]
    fn incremental_change_after_emoji_uses_utf16_columns() {
        let mut store = store_with("{\"a\": \"😀\", \"b\": 1}");
        let document = store.get_mut(&uri()).unwrap();
        // UTF-16 column 10 is the `,` after the emoji's closing quote.
        let applied = document.apply(
            &change(Some(((0, 10), (0, 11))), ""),
            PositionEncoding::Utf16,
        );
        assert_eq!(
            applied,
            ByteChange::Replace {
                start: 12,
                end: 13,
                text: String::new()
            }
        );
        assert_eq!(document.rope.to_string(), "{\"a\": \"😀\" \"b\": 1}");
    }

    #[test]
    fn same_change_in_utf8_columns() {
        let mut store = store_with("{\"a\": \"😀\", \"b\": 1}");
        let document = store.get_mut(&uri()).unwrap();
        let applied = document.apply(
            &change(Some(((0, 12), (0, 13))), ""),
            PositionEncoding::Utf8,
        );
        assert_eq!(
            applied,
            ByteChange::Replace {
                start: 12,
                end: 13,
                text: String::new()
            }
        );
    }

    #[test]
    fn change_past_the_end_is_clamped_not_lost() {
        let mut store = store_with("ab\n");
        let document = store.get_mut(&uri()).unwrap();
        let applied = document.apply(
            &change(Some(((9, 0), (9, 4))), "x"),
            PositionEncoding::Utf16,
        );
        assert_eq!(
            applied,
            ByteChange::Replace {
                start: 3,
                end: 3,
                text: "x".into()
            }
        );
        assert_eq!(document.rope.to_string(), "ab\nx");
    }

    #[test]
    fn full_change_replaces_everything() {
        let mut store = store_with("old");
        let document = store.get_mut(&uri()).unwrap();
        assert_eq!(
            document.apply(&change(None, "new"), PositionEncoding::Utf16),
            ByteChange::Full("new".into())
        );
        assert_eq!(document.rope.to_string(), "new");
    }

    fn tokens(values: &[u32]) -> Vec<SemanticToken> {
        values
            .iter()
            .map(|&value| SemanticToken {
                delta_line: value,
                delta_start: 0,
                length: 1,
                token_type: 0,
                token_modifiers_bitset: 0,
            })
            .collect()
    }

    #[test]
    fn only_the_last_semantic_tokens_of_an_open_document_are_kept() {
        let mut store = store_with("{}");
        let (first, none) = store.record_semantic_tokens(&uri(), tokens(&[1]), None);
        assert_eq!(none, None);
        let (second, previous) = store.record_semantic_tokens(&uri(), tokens(&[2]), Some(&first));
        assert_ne!(first, second);
        assert_eq!(previous, Some(tokens(&[1])));

        // `first` was replaced by `second`: no longer a base for a delta.
        let (third, previous) = store.record_semantic_tokens(&uri(), tokens(&[3]), Some(&first));
        assert_eq!(previous, None);
        let (_, previous) = store.record_semantic_tokens(&uri(), tokens(&[4]), Some(&third));
        assert_eq!(previous, Some(tokens(&[3])));
    }

    #[test]
    fn a_document_not_open_gets_an_id_nothing_remembers() {
        let mut store = DocumentStore::default();
        let (id, _) = store.record_semantic_tokens(&uri(), tokens(&[1]), None);
        let (_, previous) = store.record_semantic_tokens(&uri(), tokens(&[1]), Some(&id));
        assert_eq!(previous, None);
        assert!(store.get(&uri()).is_none());
    }

    #[test]
    fn closing_and_reopening_forgets_the_semantic_tokens_sent() {
        let mut store = store_with("{}");
        let (before_close, _) = store.record_semantic_tokens(&uri(), tokens(&[1]), None);
        store.close(&uri());
        store.open(uri(), PathBuf::from("/app/a.iml.json"), 1, "{}", 2);
        let (after_reopen, previous) =
            store.record_semantic_tokens(&uri(), tokens(&[1]), Some(&before_close));
        assert_eq!(
            previous, None,
            "a delta against tokens of the closed document"
        );
        // Ids keep counting across the close, so the old id never names new tokens.
        assert_ne!(after_reopen, before_close);
        let (_, previous) = store.record_semantic_tokens(&uri(), tokens(&[2]), Some(&after_reopen));
        assert_eq!(previous, Some(tokens(&[1])));
    }

    #[test]
    fn a_document_opened_again_without_a_close_starts_without_tokens() {
        let mut store = store_with("{}");
        let (before, _) = store.record_semantic_tokens(&uri(), tokens(&[1]), None);
        store.open(uri(), PathBuf::from("/app/a.iml.json"), 5, "{ }", 2);
        let (_, previous) = store.record_semantic_tokens(&uri(), tokens(&[1]), Some(&before));
        assert_eq!(previous, None);
    }

    #[test]
    fn documents_are_found_by_path() {
        let store = store_with("{}");
        assert!(store.is_open(Path::new("/app/a.iml.json")));
        assert!(!store.is_open(Path::new("/app/b.iml.json")));
    }
}
