//! `textDocument/semanticTokens/full`, `/full/delta` and `/range`: the
//! analysis' absolute byte ranges, delta-encoded in the negotiated position
//! encoding. Full answers carry a result id; a delta request naming the last
//! one gets only the splice from those tokens to the current ones.

use iml_analysis::nav::SemanticToken as Token;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams,
    SemanticTokensFullDeltaResult, SemanticTokensParams, SemanticTokensRangeParams,
    SemanticTokensRangeResult, SemanticTokensResult,
};

use crate::semantic_cache::token_edits;
use crate::server::ImlLanguageServer;
use crate::snapshot::DocumentSnapshot;

pub const FULL_METHOD: &str = "textDocument/semanticTokens/full";
pub const DELTA_METHOD: &str = "textDocument/semanticTokens/full/delta";
pub const RANGE_METHOD: &str = "textDocument/semanticTokens/range";

impl ImlLanguageServer {
    pub(crate) async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let (cache, session) = (self.semantic_tokens.clone(), self.session.clone());
        self.on_document(
            FULL_METHOD,
            &params.text_document.uri,
            move |doc, cancel| {
                let tokens = doc.snapshot.analysis.semantic_tokens(&doc.path, None);
                if cancel.is_cancelled() {
                    return None;
                }
                let mut full = encode(&doc, &tokens);
                full.result_id = Some(cache.remember(&session, &doc.uri, &full.data));
                Some(SemanticTokensResult::Tokens(full))
            },
        )
        .await
    }

    /// An unknown or outdated `previous_result_id` (another request came
    /// between, the document was reopened, the server restarted) is
    /// answered with full tokens, which the protocol allows.
    pub(crate) async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let (cache, session) = (self.semantic_tokens.clone(), self.session.clone());
        let previous_id = params.previous_result_id;
        self.on_document(
            DELTA_METHOD,
            &params.text_document.uri,
            move |doc, cancel| {
                let tokens = doc.snapshot.analysis.semantic_tokens(&doc.path, None);
                if cancel.is_cancelled() {
                    return None;
                }
                let current = encode(&doc, &tokens);
                // Read before `remember` replaces it.
                let previous = cache.previous(&doc.uri, &previous_id);
                let result_id = Some(cache.remember(&session, &doc.uri, &current.data));
                Some(match previous {
                    Some(previous) => {
                        SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                            result_id,
                            edits: token_edits(&previous, &current.data),
                        })
                    }
                    None => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                        result_id,
                        data: current.data,
                    }),
                })
            },
        )
        .await
    }

    pub(crate) async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.on_document(
            RANGE_METHOD,
            &params.text_document.uri,
            move |doc, cancel| {
                let range = doc.byte_range(params.range);
                let tokens = doc
                    .snapshot
                    .analysis
                    .semantic_tokens(&doc.path, Some(range));
                if cancel.is_cancelled() {
                    return None;
                }
                Some(SemanticTokensRangeResult::Tokens(encode(&doc, &tokens)))
            },
        )
        .await
    }
}

/// Each token relative to the one before: line delta, then start column
/// delta on the same line or absolute column on a new line. Tokens never
/// span a line break, so the length is a column difference.
fn encode(doc: &DocumentSnapshot, tokens: &[Token]) -> SemanticTokens {
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
    SemanticTokens {
        result_id: None,
        data,
    }
}
