//! `textDocument/prepareRename` and `textDocument/rename`. A refusal is an
//! error response carrying the analysis' reason, which clients show as is.

use std::collections::HashMap;

use iml_analysis::nav::{RenameError, WorkspaceEdit as AnalysisEdit};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use crate::server::Server;
use crate::snapshot::Snapshot;

pub const PREPARE_METHOD: &str = "textDocument/prepareRename";
pub const METHOD: &str = "textDocument/rename";

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: ErrorCode = ErrorCode::ServerError(-32803);

impl Server {
    pub(crate) async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let answer = self
            .on_document(PREPARE_METHOD, &params.text_document.uri, move |doc, _| {
                let offset = doc.offset(params.position);
                Some(
                    doc.snapshot
                        .analysis
                        .prepare_rename(&doc.path, offset)
                        .map(|prepare| PrepareRenameResponse::RangeWithPlaceholder {
                            range: doc.range(prepare.range),
                            placeholder: prepare.placeholder,
                        }),
                )
            })
            .await?;
        answer.transpose().map_err(refusal)
    }

    pub(crate) async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let new_name = params.new_name;
        let answer = self
            .on_document(METHOD, &position.text_document.uri, move |mut doc, _| {
                let offset = doc.offset(position.position);
                let edit = doc.snapshot.analysis.rename(&doc.path, offset, &new_name);
                Some(edit.map(|edit| workspace_edit(&mut doc.snapshot, &edit)))
            })
            .await?;
        answer.transpose().map_err(refusal)
    }
}

/// `changes` per URI: every client supports it, and a rename never creates
/// or renames files.
pub fn workspace_edit(snapshot: &mut Snapshot, edit: &AnalysisEdit) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    for file in &edit.files {
        let Some(uri) = snapshot.uri(&file.file) else {
            continue;
        };
        let edits: Vec<TextEdit> = file
            .edits
            .iter()
            .filter_map(|edit| {
                Some(TextEdit::new(
                    snapshot.range(&file.file, edit.range)?,
                    edit.new_text.clone(),
                ))
            })
            .collect();
        changes.insert(uri, edits);
    }
    WorkspaceEdit {
        changes: Some(changes),
        document_changes: None,
        change_annotations: None,
    }
}

/// Nothing renameable under the cursor is a request the client should not
/// have made (invalid params); a bad name or an unsupported symbol is a
/// rename that failed for a reason the user must read.
fn refusal(error: RenameError) -> Error {
    let code = match error {
        RenameError::NoSymbol => ErrorCode::InvalidParams,
        RenameError::InvalidName(_) | RenameError::Unsupported(_) => REQUEST_FAILED,
    };
    Error {
        code,
        message: error.to_string().into(),
        data: None,
    }
}
