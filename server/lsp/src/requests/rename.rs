//! `textDocument/prepareRename` and `textDocument/rename`. A refusal is an
//! error response carrying the analysis' reason, which clients show as is.

use std::collections::HashMap;

use iml_analysis::ide::{RenameError, WorkspaceEdit as AnalysisEdit};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;
use crate::snapshot::Snapshot;

/// LSP's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: ErrorCode = ErrorCode::ServerError(-32803);

pub(crate) fn prepare_rename(
    doc: DocumentSnapshot,
    params: TextDocumentPositionParams,
    _: &Context,
) -> Result<Option<PrepareRenameResponse>> {
    let offset = doc.offset(params.position);
    doc.snapshot
        .analysis
        .prepare_rename(&doc.path, offset)
        .map(|prepare| {
            Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: doc.range(prepare.range),
                placeholder: prepare.placeholder,
            })
        })
        .map_err(refusal)
}

pub(crate) fn rename(
    mut doc: DocumentSnapshot,
    params: RenameParams,
    _: &Context,
) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let offset = doc.offset(position.position);
    let edit = doc
        .snapshot
        .analysis
        .rename(&doc.path, offset, &params.new_name);
    edit.map(|edit| Some(workspace_edit(&mut doc.snapshot, &edit)))
        .map_err(refusal)
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
