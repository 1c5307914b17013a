//! Where each `textDocument/*` request names its document: what the
//! dispatcher needs to take the right snapshot before the handler runs.

use tower_lsp_server::ls_types::{
    CodeActionParams, CodeLensParams, CompletionParams, DocumentFormattingParams,
    DocumentHighlightParams, DocumentLinkParams, DocumentRangeFormattingParams,
    DocumentSymbolParams, FoldingRangeParams, GotoDefinitionParams, HoverParams, InlayHintParams,
    ReferenceParams, RenameParams, SelectionRangeParams, SemanticTokensDeltaParams,
    SemanticTokensParams, SemanticTokensRangeParams, SignatureHelpParams,
    TextDocumentPositionParams, Uri,
};

use crate::dispatch::DocumentParams;

/// `params => path to its text document identifier`, one line per type.
macro_rules! document_params {
    ($($params:ty => |$it:ident| $document:expr;)*) => {
        $(impl DocumentParams for $params {
            fn document_uri(&self) -> &Uri {
                let $it = self;
                &$document.uri
            }
        })*
    };
}

document_params! {
    CodeActionParams => |p| p.text_document;
    CodeLensParams => |p| p.text_document;
    CompletionParams => |p| p.text_document_position.text_document;
    DocumentFormattingParams => |p| p.text_document;
    DocumentHighlightParams => |p| p.text_document_position_params.text_document;
    DocumentLinkParams => |p| p.text_document;
    DocumentRangeFormattingParams => |p| p.text_document;
    DocumentSymbolParams => |p| p.text_document;
    FoldingRangeParams => |p| p.text_document;
    GotoDefinitionParams => |p| p.text_document_position_params.text_document;
    HoverParams => |p| p.text_document_position_params.text_document;
    InlayHintParams => |p| p.text_document;
    ReferenceParams => |p| p.text_document_position.text_document;
    RenameParams => |p| p.text_document_position.text_document;
    SelectionRangeParams => |p| p.text_document;
    SemanticTokensDeltaParams => |p| p.text_document;
    SemanticTokensParams => |p| p.text_document;
    SemanticTokensRangeParams => |p| p.text_document;
    SignatureHelpParams => |p| p.text_document_position_params.text_document;
    TextDocumentPositionParams => |p| p.text_document;
}
