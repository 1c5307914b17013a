//! The one dispatch table: the `LanguageServer` trait, each method one
//! registration naming its handler and how it runs. Notifications that
//! change state call the synchronous handlers in `notifications/` first
//! thing, so no `.await` can let a later notification overtake them.
//! Requests are answered by the free functions in `requests/`, from a
//! snapshot, as `dispatch.rs` describes.

use tower_lsp_server::LanguageServer;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;
use tower_lsp_server::ls_types::request::{
    CodeActionRequest, CodeLensRequest, Completion, DocumentHighlightRequest, DocumentLinkRequest,
    DocumentSymbolRequest, FoldingRangeRequest, Formatting, GotoDefinition, HoverRequest,
    InlayHintRequest, PrepareRenameRequest, RangeFormatting, References, Rename,
    SelectionRangeRequest, SemanticTokensFullDeltaRequest, SemanticTokensFullRequest,
    SemanticTokensRangeRequest, SignatureHelpRequest, WillRenameFiles, WorkspaceSymbolRequest,
};
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CodeLens, CodeLensParams, CompletionItem,
    CompletionParams, CompletionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, DocumentHighlight,
    DocumentHighlightParams, DocumentLink, DocumentLinkParams, DocumentRangeFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams, FoldingRange,
    FoldingRangeParams, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams,
    InitializeParams, InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location,
    PrepareRenameResponse, ReferenceParams, RenameFilesParams, RenameParams, SelectionRange,
    SelectionRangeParams, SemanticTokensDeltaParams, SemanticTokensFullDeltaResult,
    SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult, ServerInfo, SignatureHelp, SignatureHelpParams,
    TextDocumentPositionParams, TextEdit, WorkspaceEdit, WorkspaceSymbolParams,
    WorkspaceSymbolResponse,
};

use crate::capabilities::{ClientSupport, server_capabilities};
use crate::dispatch::Runs::{AppWide, Local};
use crate::dispatch::{document, document_fallible, workspace};
use crate::files::{index_workspace, register_file_watchers};
use crate::notifications::{configuration, text_document, watched_files, workspace_folders};
use crate::requests::{
    code_action, code_lens, completion, completion_resolve, definition, document_highlight,
    document_links, document_symbols, execute_command, file_rename, folding, formatting, hover,
    inlay_hints, references, rename, selection, semantic_tokens, signature_help, workspace_symbols,
};
use crate::server::Server;
use crate::session::path_of;
use crate::workspace::Roots;

/// The protocol face of [`Server`]: `tower-lsp-server` calls its trait.
pub struct ImlLanguageServer(pub(crate) Server);

impl LanguageServer for ImlLanguageServer {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = ClientSupport::from_capabilities(&params.capabilities);
        let folders = match &params.workspace_folders {
            Some(folders) => folders.iter().map(|folder| path_of(&folder.uri)).collect(),
            #[allow(deprecated)] // Older clients send only `rootUri`.
            None => params.root_uri.iter().map(path_of).collect::<Vec<_>>(),
        };
        {
            let mut session = self.0.session.lock();
            session.client = support;
            session.relative_watch_patterns =
                crate::capabilities::relative_patterns_supported(&params.capabilities);
            session.roots = Roots::new(folders);
            if let Some(options) = params.initialization_options {
                session.config.set_initial(options);
            }
            for problem in session.apply_rule_settings() {
                tracing::warn!("initializationOptions: {problem}");
            }
        }
        Ok(InitializeResult {
            capabilities: server_capabilities(&support),
            server_info: Some(ServerInfo {
                name: "iml-ls".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self
            .0
            .initialized
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            tracing::warn!("a repeated `initialized` notification was ignored");
            return;
        }
        let server = self.0.clone();
        tokio::spawn(async move {
            configuration::pull_configuration(&server).await;
            register_file_watchers(&server).await;
            index_workspace(&server).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        text_document::open_document(&self.0, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        text_document::change_document(&self.0, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = text_document::close_document(&self.0, &params);
        self.0.publisher.clear(uri).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        watched_files::watched_files_changed(&self.0, params);
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        workspace_folders::workspace_folders_changed(&self.0, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::configuration_changed(&self.0, params).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        document::<GotoDefinition, _>(&self.0, Local, params, definition::definition).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        document::<References, _>(&self.0, AppWide, params, references::references).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let handler = document_highlight::document_highlights;
        document::<DocumentHighlightRequest, _>(&self.0, Local, params, handler).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        document_fallible::<PrepareRenameRequest, _>(&self.0, Local, params, rename::prepare_rename)
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        document_fallible::<Rename, _>(&self.0, AppWide, params, rename::rename).await
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        workspace::<WillRenameFiles, _>(&self.0, params, file_rename::will_rename_files).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let handler = document_symbols::document_symbols;
        document::<DocumentSymbolRequest, _>(&self.0, Local, params, handler).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let handler = workspace_symbols::workspace_symbols;
        workspace::<WorkspaceSymbolRequest, _>(&self.0, params, handler).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        document::<SemanticTokensFullRequest, _>(&self.0, Local, params, semantic_tokens::full)
            .await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let handler = semantic_tokens::full_delta;
        document::<SemanticTokensFullDeltaRequest, _>(&self.0, Local, params, handler).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        document::<SemanticTokensRangeRequest, _>(&self.0, Local, params, semantic_tokens::range)
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        document::<FoldingRangeRequest, _>(&self.0, Local, params, folding::folding_ranges).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let handler = selection::selection_ranges;
        document::<SelectionRangeRequest, _>(&self.0, Local, params, handler).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        document::<InlayHintRequest, _>(&self.0, Local, params, inlay_hints::inlay_hints).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let handler = document_links::document_links;
        document::<DocumentLinkRequest, _>(&self.0, Local, params, handler).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        document::<Completion, _>(&self.0, Local, params, completion::completion).await
    }

    /// Not about a document in its params: the item's `data` names it.
    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        completion_resolve::completion_resolve(&self.0, item).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        document::<HoverRequest, _>(&self.0, Local, params, hover::hover).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let handler = signature_help::signature_help;
        document::<SignatureHelpRequest, _>(&self.0, Local, params, handler).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        document::<CodeActionRequest, _>(&self.0, Local, params, code_action::code_actions).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        document::<CodeLensRequest, _>(&self.0, Local, params, code_lens::code_lens).await
    }

    /// Commands run on the server's handles: they wait, compute on the pool
    /// and record their results for publication.
    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        execute_command::execute_command(&self.0, params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        document::<Formatting, _>(&self.0, Local, params, formatting::formatting).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let handler = formatting::range_formatting;
        document::<RangeFormatting, _>(&self.0, Local, params, handler).await
    }
}
