//! `textDocument/semanticTokens/full` and `/range`: the analysis' absolute
//! byte ranges, delta-encoded in the negotiated position encoding.

use iml_analysis::nav::SemanticToken as Token;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams,
    SemanticTokensRangeResult, SemanticTokensResult,
};

use crate::server::ImlLanguageServer;
use crate::snapshot::DocumentSnapshot;

pub const FULL_METHOD: &str = "textDocument/semanticTokens/full";
pub const RANGE_METHOD: &str = "textDocument/semanticTokens/range";

impl ImlLanguageServer {
    pub(crate) async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.on_document(FULL_METHOD, &params.text_document.uri, |doc, cancel| {
            let tokens = doc.snapshot.analysis.semantic_tokens(&doc.path, None);
            if cancel.is_cancelled() {
                return None;
            }
            Some(SemanticTokensResult::Tokens(encode(&doc, &tokens)))
        })
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
