//! `workspace/didChangeWorkspaceFolders`: the folders change at once, so
//! later notifications read from and check against the new ones; loading,
//! dropping and re-watching files follow off the serve task.

use std::path::PathBuf;

use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;

use crate::files::{
    drop_files_outside_folders, index_folders, register_file_watchers, watch_listed_files,
};
use crate::server::Server;
use crate::session::path_of;
use crate::workspace::FolderChange;

pub(crate) fn workspace_folders_changed(server: &Server, params: DidChangeWorkspaceFoldersParams) {
    let paths = |folders: &[tower_lsp_server::ls_types::WorkspaceFolder]| -> Vec<PathBuf> {
        folders.iter().map(|folder| path_of(&folder.uri)).collect()
    };
    let added = paths(&params.event.added);
    let removed = paths(&params.event.removed);
    let change = {
        let mut session = server.session.lock();
        let change = session.roots.change(added, removed);
        if change.shrank {
            // An app of a removed folder that comes back loads again.
            let roots = session.roots.clone();
            session.eagerly_loaded.retain(|root| roots.holds(root));
        }
        change
    };
    if !change.changed {
        return;
    }
    let server = server.clone();
    tokio::spawn(async move { follow_folders(&server, change).await });
}

async fn follow_folders(server: &Server, change: FolderChange) {
    let FolderChange {
        newly_covered,
        shrank,
        ..
    } = change;
    if shrank {
        let dropped = drop_files_outside_folders(server).await;
        tracing::info!("dropped {} files of removed folders", dropped.len());
    }
    // Watched before indexing, so a file saved while it runs is not missed.
    register_file_watchers(server).await;
    if !newly_covered.is_empty() {
        index_folders(server, newly_covered).await;
    }
    // Diagnostics are only ever sent for open documents, and those stay
    // in the analysis, so no list needs emptying; what the open ones
    // read from other files may have come or gone.
    let open = server.session.lock().open_paths();
    server.publisher.schedule(open);
    watch_listed_files(server).await;
}
