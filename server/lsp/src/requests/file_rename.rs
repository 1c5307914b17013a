//! `workspace/willRenameFiles`: before the editor renames or moves files
//! and folders, the `makecomapp.json` entries that point at them are
//! rewritten to the new paths, so the app does not lose its files (X001).

use std::path::PathBuf;

use tower_lsp_server::ls_types::{FileRename, RenameFilesParams, Uri, WorkspaceEdit};

use super::rename::workspace_edit;
use crate::dispatch::Context;
use crate::session::path_of;
use crate::snapshot::Snapshot;

pub(crate) fn will_rename_files(
    mut snapshot: Snapshot,
    params: RenameFilesParams,
    context: &Context,
) -> Option<WorkspaceEdit> {
    let renames = file_renames(&params.files);
    if renames.is_empty() {
        return None;
    }
    let edit = snapshot.analysis.manifest_edits_for_renames(&renames);
    if edit.files.is_empty() || context.cancel.is_cancelled() {
        return None;
    }
    // The edit is applied before the rename: it addresses each manifest at
    // its current URI, with ranges in its current text.
    Some(workspace_edit(&mut snapshot, &edit))
}

/// The renames between two `file` URIs, as (old path, new path). A rename
/// from or to another scheme cannot move a file of an app on disk.
fn file_renames(files: &[FileRename]) -> Vec<(PathBuf, PathBuf)> {
    files
        .iter()
        .filter_map(|rename| Some((file_path(&rename.old_uri)?, file_path(&rename.new_uri)?)))
        .collect()
}

fn file_path(uri: &str) -> Option<PathBuf> {
    let uri: Uri = uri.parse().ok()?;
    uri.scheme()
        .as_str()
        .eq_ignore_ascii_case("file")
        .then(|| path_of(&uri))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(old: &str, new: &str) -> FileRename {
        FileRename {
            old_uri: old.to_owned(),
            new_uri: new.to_owned(),
        }
    }

    #[test]
    fn file_uris_become_paths_and_other_schemes_are_skipped() {
        let renames = file_renames(&[
            rename(
                "file:///ws/app/modules/list-tasks",
                "file:///ws/app/modules/t%C3%A2ches%20list",
            ),
            rename("untitled:Untitled-1", "file:///ws/app/README.md"),
            rename(
                "file:///ws/app/README.md",
                "vscode-vfs://github/app/README.md",
            ),
            rename("not a uri", "file:///ws/app/x.json"),
        ]);
        assert_eq!(
            renames,
            vec![(
                PathBuf::from("/ws/app/modules/list-tasks"),
                PathBuf::from("/ws/app/modules/tâches list"),
            )]
        );
    }
}
