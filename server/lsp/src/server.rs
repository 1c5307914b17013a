//! The `LanguageServer` implementation: a thin dispatcher. Notifications that
//! change state call the synchronous handlers in `handlers/` first thing, so
//! no `.await` can let a later notification overtake them. Requests are
//! answered from a snapshot off the serve task (see `request.rs`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, CodeLens, CodeLensParams, CompletionParams,
    CompletionResponse, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentFormattingParams, DocumentHighlight, DocumentHighlightParams, DocumentLink,
    DocumentLinkParams, DocumentRangeFormattingParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandParams, FoldingRange, FoldingRangeParams,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams, InitializeParams,
    InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location,
    PrepareRenameResponse, ReferenceParams, RenameFilesParams, RenameParams, SelectionRange,
    SelectionRangeParams, SemanticTokensDeltaParams, SemanticTokensFullDeltaResult,
    SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult, ServerInfo, SignatureHelp, SignatureHelpParams,
    TextDocumentPositionParams, TextEdit, WorkspaceEdit, WorkspaceSymbolParams,
    WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{ClientSupport, server_capabilities};
use crate::index::{DiskQueue, ListedWatchers};
use crate::publish::Publisher;
use crate::session::{SharedSession, path_of};
use crate::workspace::Roots;

pub struct ImlLanguageServer {
    pub(crate) client: Client,
    pub(crate) session: SharedSession,
    pub(crate) publisher: Publisher,
    /// The watchers registered for files the manifests list under other names.
    pub(crate) listed_watchers: ListedWatchers,
    /// `initialized` was handled: a repeated one must not index the
    /// workspace and register the watchers a second time.
    initialized: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files to reload from disk, read by one worker at a time.
    pub(crate) disk_queue: DiskQueue,
}

impl ImlLanguageServer {
    pub fn new(client: Client) -> Self {
        let session = SharedSession::default();
        let publisher = Publisher::new(client.clone(), session.clone());
        Self {
            client,
            session,
            publisher,
            listed_watchers: ListedWatchers::default(),
            initialized: Default::default(),
            disk_queue: DiskQueue::default(),
        }
    }

    /// Handles that background tasks keep beyond one request.
    pub(crate) fn handles(&self) -> Self {
        Self {
            client: self.client.clone(),
            session: self.session.clone(),
            publisher: self.publisher.clone(),
            listed_watchers: self.listed_watchers.clone(),
            initialized: self.initialized.clone(),
            disk_queue: self.disk_queue.clone(),
        }
    }
}

impl LanguageServer for ImlLanguageServer {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = ClientSupport::from_capabilities(&params.capabilities);
        let folders = match &params.workspace_folders {
            Some(folders) => folders.iter().map(|folder| path_of(&folder.uri)).collect(),
            #[allow(deprecated)] // Older clients send only `rootUri`.
            None => params.root_uri.iter().map(path_of).collect::<Vec<_>>(),
        };
        {
            let mut session = self.session.lock();
            session.client = support;
            session.relative_watch_patterns =
                crate::index::relative_patterns_supported(&params.capabilities);
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
            .initialized
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            tracing::warn!("a repeated `initialized` notification was ignored");
            return;
        }
        let server = self.handles();
        tokio::spawn(async move {
            server.pull_configuration().await;
            server.register_file_watchers().await;
            server.index_workspace().await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.open_document(params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.change_document(params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = self.close_document(&params);
        self.publisher.clear(uri).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.watched_files_changed(params);
    }

    async fn did_change_workspace_folders(
        &self,
        params: tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams,
    ) {
        self.workspace_folders_changed(params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.configuration_changed(params).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.definition(params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        ImlLanguageServer::references(self, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.document_highlights(params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        ImlLanguageServer::prepare_rename(self, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        ImlLanguageServer::rename(self, params).await
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        ImlLanguageServer::will_rename_files(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.document_symbols(params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.workspace_symbols(params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        ImlLanguageServer::semantic_tokens_full(self, params).await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        ImlLanguageServer::semantic_tokens_full_delta(self, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        ImlLanguageServer::semantic_tokens_range(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.folding_ranges(params).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.selection_ranges(params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.inlay_hints(params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.document_links(params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        ImlLanguageServer::completion(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        ImlLanguageServer::hover(self, params).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        ImlLanguageServer::signature_help(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.code_actions(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.code_lens(params).await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        self.execute_command(params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format_document(params).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.format_range(params).await
    }
}
