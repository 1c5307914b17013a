//! `textDocument/codeAction`: the quick fixes of the diagnostics under the
//! requested range, and "fix all" (`source.fixAll.iml-ls`) for the whole
//! file, recomputed from the current snapshot so they always match the text
//! the edits apply to.

use std::collections::HashMap;

use iml_analysis::{Diagnostic, FixMode, MAX_FIX_ROUNDS, Safety, TextRange};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use crate::capabilities::FIX_ALL_KIND;
use crate::diagnostics;
use crate::dispatch::Context;
use crate::snapshot::DocumentSnapshot;

/// Whether a client asking for the kinds `only` wants actions of `kind`:
/// kinds are dot-separated hierarchies, and asking for one asks for every
/// kind below it (the empty kind is the root of all).
fn requested(only: Option<&[CodeActionKind]>, kind: &str, by_default: bool) -> bool {
    let Some(only) = only else {
        return by_default;
    };
    only.iter().any(|asked| {
        let asked = asked.as_str();
        asked.is_empty()
            || kind == asked
            || kind
                .strip_prefix(asked)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

pub(crate) fn code_actions(
    doc: DocumentSnapshot,
    params: CodeActionParams,
    context: &Context,
) -> Option<CodeActionResponse> {
    let only = params.context.only.as_deref();
    let wants_quickfix = requested(only, CodeActionKind::QUICKFIX.as_str(), true);
    // Fix-all edits the whole file: only on request (on save, or the
    // "Source Action…" menu), never in the light bulb beside a cursor.
    let wants_fix_all = requested(only, FIX_ALL_KIND, false);
    if !wants_quickfix && !wants_fix_all {
        return None;
    }
    let found = doc.snapshot.analysis.diagnostics(&doc.path);
    if context.cancel.is_cancelled() {
        return None;
    }
    let mut actions = Vec::new();
    if wants_quickfix {
        actions.extend(quick_fixes(&doc, &found, doc.byte_range(params.range)));
    }
    if wants_fix_all {
        actions.extend(fix_all(&doc, &found, context));
    }
    Some(actions)
}

fn workspace_edit(doc: &DocumentSnapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        document_changes: None,
        change_annotations: None,
    }
}

/// Each fix of each diagnostic under `requested`.
fn quick_fixes(
    doc: &DocumentSnapshot,
    found: &[Diagnostic],
    requested: TextRange,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for diagnostic in found {
        // Touching counts: a cursor right after a typo still offers its fix.
        if diagnostic.fixes.is_empty()
            || requested.start() > diagnostic.range.end()
            || diagnostic.range.start() > requested.end()
        {
            continue;
        }
        let shown = diagnostics::to_proto(diagnostic, &doc.rope, doc.snapshot.client.encoding);
        let preferred = diagnostic.fixes.len() == 1;
        for fix in &diagnostic.fixes {
            let edits: Vec<TextEdit> = fix
                .edits
                .iter()
                .map(|edit| TextEdit::new(doc.range(edit.range), edit.new_text.clone()))
                .collect();
            // An unsafe fix says so: the user chooses it knowing it may
            // change what the app does (fix-all never takes it).
            let title = match diagnostic.fix_safety() {
                Some(Safety::Unsafe) => format!("{} (unsafe: may change behaviour)", fix.title),
                _ => fix.title.clone(),
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(workspace_edit(doc, edits)),
                command: None,
                is_preferred: Some(preferred),
                disabled: None,
                data: None,
            }));
        }
    }
    actions
}

/// Every unambiguous safe fix of the file as one action, or none when there
/// is nothing to fix. The rounds repeat, as `iml-ls check --fix` does, until
/// nothing changes: a problem a fix reveals is fixed in the same answer.
fn fix_all(
    doc: &DocumentSnapshot,
    found: &[Diagnostic],
    context: &Context,
) -> Option<CodeActionOrCommand> {
    let plan = doc.snapshot.analysis.fix_document(
        &doc.path,
        found,
        MAX_FIX_ROUNDS,
        FixMode::Safe,
        || context.cancel.is_cancelled(),
    )?;
    let count = plan.applied.len();
    let edits: Vec<TextEdit> = plan
        .edits
        .into_iter()
        .map(|edit| TextEdit::new(doc.range(edit.range), edit.new_text))
        .collect();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Fix all auto-fixable problems ({count} fix{})",
            if count == 1 { "" } else { "es" }
        ),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        diagnostics: None,
        edit: Some(workspace_edit(doc, edits)),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(names: &[&'static str]) -> Vec<CodeActionKind> {
        names
            .iter()
            .map(|name| CodeActionKind::from(*name))
            .collect()
    }

    #[test]
    fn fix_all_is_returned_only_when_its_kind_or_a_parent_is_asked_for() {
        for (only, quickfix, fix_all) in [
            (None, true, false),
            (Some(kinds(&[""])), true, true),
            (Some(kinds(&["quickfix"])), true, false),
            (Some(kinds(&["source"])), false, true),
            (Some(kinds(&["source.fixAll"])), false, true),
            (Some(kinds(&["source.fixAll.iml-ls"])), false, true),
            (Some(kinds(&["source.fixAll.other"])), false, false),
            (Some(kinds(&["source.organizeImports"])), false, false),
            (Some(kinds(&["sourc"])), false, false),
            (Some(kinds(&["quickfix", "source.fixAll"])), true, true),
            (Some(kinds(&["refactor"])), false, false),
        ] {
            let only = only.as_deref();
            assert_eq!(
                requested(only, CodeActionKind::QUICKFIX.as_str(), true),
                quickfix,
                "quickfix for {only:?}"
            );
            assert_eq!(
                requested(only, FIX_ALL_KIND, false),
                fix_all,
                "fix-all for {only:?}"
            );
        }
    }
}
