//! Settings: `workspace/didChangeConfiguration` pushes, `workspace/configuration`
//! pulls, and handing the rule levels to the analysis.

use serde_json::Value;
use tower_lsp_server::ls_types::{ConfigurationItem, DidChangeConfigurationParams, MessageType};

use crate::config::SECTION;
use crate::server::Server;

/// A client that answers pulls gets asked (its push may be empty, as
/// VS Code's is); otherwise the pushed settings are taken as they are.
pub(crate) async fn configuration_changed(server: &Server, params: DidChangeConfigurationParams) {
    let (pull, changed) = {
        let mut session = server.session.lock();
        let pull = session.client.configuration_pull;
        let changed = !pull && session.config.update(params.settings);
        (pull, changed)
    };
    if pull {
        pull_configuration(server).await;
    } else if changed {
        settings_changed(server).await;
    }
}

/// Asks the client for the `imlLs` section; a failed request or a `null`
/// answer keeps the `initializationOptions` values.
pub(crate) async fn pull_configuration(server: &Server) {
    if !server.session.lock().client.configuration_pull {
        return;
    }
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some(SECTION.to_owned()),
    };
    let answer = match server.client.configuration(vec![item]).await {
        Ok(mut answers) if !answers.is_empty() => answers.swap_remove(0),
        Ok(_) => Value::Null,
        Err(error) => {
            tracing::warn!("workspace/configuration failed: {error}");
            return;
        }
    };
    let changed = server.session.lock().config.pulled(answer);
    if changed {
        settings_changed(server).await;
    }
}

/// Gives the analysis the new rule levels, then republishes every open
/// file's diagnostics.
async fn settings_changed(server: &Server) {
    let (problems, open) = {
        let mut session = server.session.lock();
        tracing::debug!("settings: {}", session.config.settings());
        let problems = session.apply_rule_settings();
        (problems, session.open_paths())
    };
    server.publisher.schedule(open);
    for problem in problems {
        server
            .client
            .log_message(MessageType::WARNING, format!("iml-ls settings: {problem}"))
            .await;
    }
}
