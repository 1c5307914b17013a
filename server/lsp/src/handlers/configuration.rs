//! `workspace/didChangeConfiguration`.

use tower_lsp_server::ls_types::DidChangeConfigurationParams;

use crate::server::ImlLanguageServer;

impl ImlLanguageServer {
    pub(crate) fn configuration_changed(&self, params: DidChangeConfigurationParams) {
        let open = {
            let mut session = self.session.lock();
            session.config.update(params.settings);
            tracing::debug!("settings: {}", session.config.settings());
            session.open_paths()
        };
        // Settings may change what is reported for every open file.
        self.publisher.schedule(open);
    }
}
