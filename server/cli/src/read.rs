//! Reading one file from disk, turning every way it can go wrong into a
//! per-file problem instead of a failed run.

use std::path::Path;

use iml_loader::MAX_FILE_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// F001
    Unreadable(String),
    /// F002
    Binary,
    /// F002
    InvalidUtf8 { valid_up_to: usize },
    /// F003
    TooLarge { bytes: u64 },
    /// F005: the path resolves outside the checked folder (a symbolic link
    /// out of the tree, to `/dev/stdin`, into `/proc`), so it is not opened.
    Outside,
    /// F006: a FIFO, socket, device or folder; never opened for reading.
    NotRegular(&'static str),
}

impl ReadProblem {
    pub fn code(&self) -> &'static str {
        match self {
            ReadProblem::Unreadable(_) => "F001",
            ReadProblem::Binary | ReadProblem::InvalidUtf8 { .. } => "F002",
            ReadProblem::TooLarge { .. } => "F003",
            ReadProblem::Outside => "F005",
            ReadProblem::NotRegular(_) => "F006",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ReadProblem::Unreadable(reason) => format!("file could not be read: {reason}"),
            ReadProblem::Binary => {
                "file looks binary (it contains a NUL byte); spec files must be UTF-8 text, so it was skipped"
                    .to_owned()
            }
            ReadProblem::InvalidUtf8 { valid_up_to } => format!(
                "file is not valid UTF-8 (first bad byte at offset {valid_up_to}); save it as UTF-8 to have it checked"
            ),
            ReadProblem::TooLarge { bytes } => format!(
                "file is {bytes} bytes, over the {MAX_FILE_BYTES}-byte limit, so it was skipped"
            ),
            ReadProblem::Outside => {
                "symbolic link to a file outside the checked folder; it was not read".to_owned()
            }
            ReadProblem::NotRegular(kind) => {
                format!("not a regular file ({kind}); it was not read")
            }
        }
    }
}

/// A file's text and the version of it that was read.
pub use iml_loader::TextFile as ReadText;

/// Reads `path` when it is a regular file whose resolved path lies inside
/// `real_root` (already resolved); `None` reads it wherever it leads (the
/// `iml-ls.toml` files above an app).
pub fn read_text(path: &Path, real_root: Option<&Path>) -> Result<ReadText, ReadProblem> {
    if let Some(real_root) = real_root {
        match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(real_root) => {}
            Ok(_) => return Err(ReadProblem::Outside),
            // It exists, but what it leads to has no path in the tree
            // (`/dev/stdin` → `/proc/self/fd/0` → `pipe:[…]`).
            Err(_) if std::fs::metadata(path).is_ok() => return Err(ReadProblem::Outside),
            Err(error) => return Err(ReadProblem::Unreadable(error.to_string())),
        }
    }
    // Opening, the size cap and decoding are the loader's, as in the server.
    iml_loader::read_text(path).map_err(ReadProblem::from)
}

impl From<iml_loader::ReadProblem> for ReadProblem {
    fn from(problem: iml_loader::ReadProblem) -> Self {
        match problem {
            iml_loader::ReadProblem::Unreadable(reason) => ReadProblem::Unreadable(reason),
            iml_loader::ReadProblem::Binary => ReadProblem::Binary,
            iml_loader::ReadProblem::InvalidUtf8 { valid_up_to } => {
                ReadProblem::InvalidUtf8 { valid_up_to }
            }
            iml_loader::ReadProblem::TooLarge { bytes } => ReadProblem::TooLarge { bytes },
            iml_loader::ReadProblem::NotRegular(kind) => ReadProblem::NotRegular(kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_unreadable() {
        let problem = read_text(Path::new("/nonexistent/for/sure.iml.json"), None).unwrap_err();
        assert_eq!(problem.code(), "F001");
    }
}
