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

/// What every handler may reach: the client, the session behind its lock,
/// the publisher and the background loaders' handles. Cloning shares them.
#[derive(Clone)]
pub(crate) struct Server {
    pub(crate) client: Client,
    pub(crate) session: SharedSession,
    pub(crate) publisher: Publisher,
    /// The watchers registered for files the manifests list under other names.
    pub(crate) listed_watchers: ListedWatchers,
    /// `initialized` was handled: a repeated one must not index the
    /// workspace and register the watchers a second time.
    pub(crate) initialized: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files to reload from disk, read by one worker at a time.
    pub(crate) disk_queue: DiskQueue,
}

impl Server {
    pub(crate) fn new(client: Client) -> Self {
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
}

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
            .0
            .initialized
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            tracing::warn!("a repeated `initialized` notification was ignored");
            return;
        }
        let server = self.0.clone();
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
        self.0.open_document(params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.0.change_document(params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = self.0.close_document(&params);
        self.0.publisher.clear(uri).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.0.watched_files_changed(params);
    }

    async fn did_change_workspace_folders(
        &self,
        params: tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams,
    ) {
        self.0.workspace_folders_changed(params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.0.configuration_changed(params).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.0.definition(params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.0.references(params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.0.document_highlights(params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.0.prepare_rename(params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.0.rename(params).await
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        self.0.will_rename_files(params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.0.document_symbols(params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.0.workspace_symbols(params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.0.semantic_tokens_full(params).await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        self.0.semantic_tokens_full_delta(params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.0.semantic_tokens_range(params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.0.folding_ranges(params).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.0.selection_ranges(params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.0.inlay_hints(params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.0.document_links(params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.0.completion(params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.0.hover(params).await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        self.0.signature_help(params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.0.code_actions(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.0.code_lens(params).await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        self.0.execute_command(params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.0.format_document(params).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.0.format_range(params).await
    }
}
