//! The protocol extensions iml-ls adds to LSP, in one place: custom
//! requests and the commands `workspace/executeCommand` takes. Clients
//! (the VS Code extension, tests) build on these names and shapes.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::TextDocumentIdentifier;

/// `iml-ls/viewFileText`: the server's copy of an open document, and the
/// analysis' copy next to it. Lets a client (or a test) check that
/// incremental sync kept both in step with the editor.
pub const VIEW_FILE_TEXT: &str = "iml-ls/viewFileText";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewFileTextParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileText {
    pub version: i32,
    pub text: String,
    /// `None` when the analysis does not know the file (a sync bug).
    pub analysis_text: Option<String>,
}

/// Runs a spec-test file's cases (or one of them) against the app as the
/// editor holds it. Arguments: the test file's URI, then optionally a case
/// name.
pub const RUN_SPEC_TEST: &str = "iml-ls.runSpecTest";

/// Every command, as the server announces them.
pub const COMMANDS: &[&str] = &[RUN_SPEC_TEST];
