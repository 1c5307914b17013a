//! One file per group of notifications. Each handler is synchronous up to
//! its first `.await` and applies the notification to the session there,
//! so no later notification can overtake it; work that takes longer
//! (reloads, indexing) is spawned.

pub(crate) mod configuration;
pub(crate) mod text_document;
pub(crate) mod watched_files;
pub(crate) mod workspace_folders;
