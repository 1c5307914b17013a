//! `workspace/didChangeWorkspaceFolders`: the folders change at once, so
//! later notifications read from and check against the new ones; loading,
//! dropping and re-watching files follow off the serve task.

use std::path::PathBuf;

use tower_lsp_server::ls_types::DidChangeWorkspaceFoldersParams;

use crate::server::Server;
use crate::session::path_of;
use crate::workspace::FolderChange;

impl Server {
    pub(crate) fn workspace_folders_changed(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |folders: &[tower_lsp_server::ls_types::WorkspaceFolder]| -> Vec<PathBuf> {
            folders.iter().map(|folder| path_of(&folder.uri)).collect()
        };
        let added = paths(&params.event.added);
        let removed = paths(&params.event.removed);
        let change = {
            let mut session = self.session.lock();
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
        let server = self.clone();
        tokio::spawn(async move { server.follow_folders(change).await });
    }

    async fn follow_folders(&self, change: FolderChange) {
        let FolderChange {
            newly_covered,
            shrank,
            ..
        } = change;
        if shrank {
            let dropped = self.drop_files_outside_folders().await;
            tracing::info!("dropped {} files of removed folders", dropped.len());
        }
        // Watched before indexing, so a file saved while it runs is not missed.
        self.register_file_watchers().await;
        if !newly_covered.is_empty() {
            self.index_folders(newly_covered).await;
        }
        // Diagnostics are only ever sent for open documents, and those stay
        // in the analysis, so no list needs emptying; what the open ones
        // read from other files may have come or gone.
        let open = self.session.lock().open_paths();
        self.publisher.schedule(open);
        self.watch_listed_files().await;
    }
}
