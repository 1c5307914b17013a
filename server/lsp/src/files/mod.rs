//! Loading the workspace's app files after `initialized`, loading the app
//! of a document opened before that ends (and holding back requests about
//! that app until it is loaded), and asking the client to tell us when app
//! files, and the files manifests list under other names, change on disk.
//! Walking, reading and listing are the loader's (`iml_loader`), shared
//! with `iml-ls check`.

mod disk;
mod disk_queue;
mod eager;
mod indexing;
mod pending;
mod registration;
mod watchers;

#[cfg(test)]
mod tests;

pub(crate) use disk::{forget_deleted, reload_from_disk};
pub(crate) use disk_queue::DiskQueue;
pub(crate) use eager::load_app_of;
pub(crate) use indexing::{
    drop_files_outside_folders, index_folders, index_workspace, manifest_changed,
};
pub use pending::{EAGER_LOAD_WAIT, PendingLoads};
pub(crate) use registration::{AppWatchers, ListedWatchers};
pub(crate) use watchers::{register_file_watchers, watch_listed_files};
