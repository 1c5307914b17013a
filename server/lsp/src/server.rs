//! The `LanguageServer` implementation: a thin dispatcher. Notifications that
//! change state call the synchronous handlers in `handlers/` first thing, so
//! no `.await` can let a later notification overtake them.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, InitializeParams, InitializeResult,
    InitializedParams, ServerInfo,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{ClientSupport, server_capabilities};
use crate::publish::Publisher;
use crate::session::{SharedSession, path_of};
use crate::workspace::Roots;

pub struct ImlLanguageServer {
    pub(crate) client: Client,
    pub(crate) session: SharedSession,
    pub(crate) publisher: Publisher,
}

impl ImlLanguageServer {
    pub fn new(client: Client) -> Self {
        let session = SharedSession::default();
        let publisher = Publisher::new(client.clone(), session.clone());
        Self {
            client,
            session,
            publisher,
        }
    }

    /// Handles that background tasks keep beyond one request.
    pub(crate) fn handles(&self) -> Self {
        Self {
            client: self.client.clone(),
            session: self.session.clone(),
            publisher: self.publisher.clone(),
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
            session.roots = Roots::new(folders);
            if let Some(options) = params.initialization_options {
                session.config.update(options);
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
        let server = self.handles();
        tokio::spawn(async move {
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

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.configuration_changed(params);
    }
}
