//! `textDocument/codeAction`: the quick fixes of the diagnostics under the
//! requested range, recomputed from the current snapshot so they always
//! match the text the edits apply to.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use crate::diagnostics;
use crate::server::ImlLanguageServer;

pub const METHOD: &str = "textDocument/codeAction";

impl ImlLanguageServer {
    pub(crate) async fn code_actions(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        // Only quick fixes exist; the empty kind is the root of every kind.
        let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|kind| kind.as_str().is_empty() || *kind == CodeActionKind::QUICKFIX)
        });
        if !wants_quickfix {
            return Ok(None);
        }
        self.on_document(METHOD, &params.text_document.uri, move |doc, cancel| {
            let requested = doc.byte_range(params.range);
            let found = doc.snapshot.analysis.diagnostics(&doc.path);
            if cancel.is_cancelled() {
                return None;
            }
            let mut actions = Vec::new();
            for diagnostic in &found {
                // Touching counts: a cursor right after a typo still offers its fix.
                if diagnostic.fixes.is_empty()
                    || requested.start() > diagnostic.range.end()
                    || diagnostic.range.start() > requested.end()
                {
                    continue;
                }
                let shown =
                    diagnostics::to_proto(diagnostic, &doc.rope, doc.snapshot.client.encoding);
                let preferred = diagnostic.fixes.len() == 1;
                for fix in &diagnostic.fixes {
                    let edits: Vec<TextEdit> = fix
                        .edits
                        .iter()
                        .map(|edit| TextEdit::new(doc.range(edit.range), edit.new_text.clone()))
                        .collect();
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![shown.clone()]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                            document_changes: None,
                            change_annotations: None,
                        }),
                        command: None,
                        is_preferred: Some(preferred),
                        disabled: None,
                        data: None,
                    }));
                }
            }
            Some(actions)
        })
        .await
    }
}
