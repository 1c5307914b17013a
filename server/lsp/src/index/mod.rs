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
mod watchers;

#[cfg(test)]
mod tests;

pub(crate) use disk::{forget_deleted, reload_from_disk};
pub(crate) use disk_queue::DiskQueue;
pub use eager::{EAGER_LOAD_WAIT, PendingLoads};
pub(crate) use watchers::{AppWatchers, ListedWatchers};
