//! Reading app files from disk without the session lock and taking them in
//! under it, so that a read which began before a newer watcher event, a
//! deletion or a `didOpen` never undoes what that brought.

use std::path::{Path, PathBuf};

use iml_loader::is_listed;

use crate::session::{DiskRead, Session, SharedSession};
use crate::workspace::is_app_file;

/// Reads a batch without the lock, then loads it under the lock. Returns
/// how many of the files the analysis now holds as they are on disk (open
/// documents keep the editor's text and are not counted).
pub(super) fn load_batch(session: &SharedSession, paths: Vec<PathBuf>) -> usize {
    load_batch_returning(session, paths).len()
}

/// [`load_batch`], returning the files it loaded.
pub(super) fn load_batch_returning(session: &SharedSession, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    take_texts(session, read_texts(session, paths))
}

/// Texts read from disk without the lock, and when the reading began.
pub(super) struct ReadBatch {
    read: DiskRead,
    pub(super) texts: Vec<(PathBuf, String)>,
}

pub(super) fn read_texts(session: &SharedSession, paths: Vec<PathBuf>) -> ReadBatch {
    let (roots, read) = {
        let mut session = session.lock();
        (session.roots.clone(), session.begin_disk_read())
    };
    let texts = paths
        .into_iter()
        .filter_map(|path| match roots.read(&path) {
            Ok(text) => Some((path, text)),
            Err(reason) => {
                tracing::warn!("{}: not loaded ({reason:?})", path.display());
                None
            }
        })
        .collect();
    ReadBatch { read, texts }
}

/// Loads texts read without the lock; returns the files whose text changed.
/// A file read again since the batch began (a watcher event) keeps that
/// newer text.
pub(super) fn take_texts(session: &SharedSession, batch: ReadBatch) -> Vec<PathBuf> {
    let mut session = session.lock();
    let mut loaded = Vec::new();
    for (path, text) in batch.texts {
        // A folder removed while the batch was read takes its files along.
        if session.roots.holds(&path) && session.load_from_disk(&path, text, batch.read) {
            loaded.push(path);
        }
    }
    loaded
}

/// Drops the files the client reported deleted; returns those dropped.
pub(crate) fn forget_deleted(session: &mut Session, deleted: Vec<PathBuf>) -> Vec<PathBuf> {
    // The event is news of the disk as it is now: a read that began
    // before it does not bring the files back.
    let read = session.begin_disk_read();
    deleted
        .into_iter()
        .filter(|path| session.remove_from_disk(path, read))
        .collect()
}

/// Reads `paths` without the lock and takes what was read under it (see
/// `sync_from_disk`); returns the files that changed.
pub(crate) fn reload_from_disk(session: &SharedSession, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let (roots, analysis, read) = {
        let mut session = session.lock();
        let read = session.begin_disk_read();
        (session.roots.clone(), session.analysis(), read)
    };
    let wanted = |path: &Path| {
        is_app_file(path)
            || analysis
                .as_ref()
                .is_some_and(|analysis| is_listed(analysis, path))
    };
    let texts: Vec<_> = paths
        .into_iter()
        .map(|path| {
            let text = if wanted(&path) {
                roots.read(&path).ok()
            } else {
                None
            };
            (path, text)
        })
        .collect();
    // A snapshot held while loading would make the first change copy the
    // whole file map.
    drop(analysis);
    let mut session = session.lock();
    texts
        .into_iter()
        .filter_map(|(path, text)| {
            let changed = match text {
                // Its folder was removed while the file was read.
                Some(_) if !session.roots.holds(&path) => false,
                Some(text) => session.load_from_disk(&path, text, read),
                None => session.remove_from_disk(&path, read),
            };
            changed.then_some(path)
        })
        .collect()
}
