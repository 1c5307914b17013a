//! The one loader of app files that `iml-ls check` and the language server
//! share, so the command line and the editor see the same files: it walks
//! folders (skipping the same ones), caps sizes and counts, normalises
//! paths, reads only regular files, and says which files a manifest lists,
//! present, missing or leading out of the app.

mod listed;
mod paths;
mod read;
mod walk;

pub use iml_analysis::MAX_FILE_BYTES;
pub use listed::{AppsOf, Listing, is_listed, listed_files, listed_unloaded, listings};
pub use paths::normalize;
pub use read::{ReadProblem, TextFile, decode, read_text};
pub use walk::{Walk, WalkEntry, WalkProblem, WalkProblemKind};

/// How many app files one walk of a workspace takes before it stops, so a
/// workspace opened at `/` cannot stall the server.
pub const MAX_FILES: usize = 50_000;

/// Folders never walked, besides hidden ones. `node_modules` and `target`
/// hold dependencies and build output and can be huge; `dist` holds built
/// output too (a bundle of the app, often a copy of its files), and a copy
/// read as source would give every problem twice. A file in one of them
/// that a manifest lists is still loaded: the listing, not the walk, brings
/// it in.
pub const SKIPPED_FOLDERS: [&str; 3] = ["node_modules", "target", "dist"];

/// Whether a walk passes by an entry of this name: a hidden one (`.git`,
/// editor state, `.secrets/` with API keys, editor backups), or a folder of
/// [`SKIPPED_FOLDERS`].
pub fn is_skipped(name: &std::ffi::OsStr, is_folder: bool) -> bool {
    name.as_encoded_bytes().starts_with(b".")
        || (is_folder
            && name
                .to_str()
                .is_some_and(|name| SKIPPED_FOLDERS.contains(&name)))
}
