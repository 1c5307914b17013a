//! Reading one app file: regular files only (through
//! `iml_analysis::disk`, which never blocks on a FIFO or device), at most
//! [`MAX_FILE_BYTES`], and UTF-8 text only.

use std::path::Path;

use iml_analysis::MAX_FILE_BYTES;
use iml_analysis::disk::{self, DiskError, Stamp};

/// How much of a file is searched for a NUL byte to call it binary.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Why a file was not read; each front end words it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    Unreadable(String),
    /// A NUL byte near the start: not a text file.
    Binary,
    InvalidUtf8 {
        valid_up_to: usize,
    },
    TooLarge {
        bytes: u64,
    },
    /// A FIFO, socket, device or folder, named in words; never read.
    NotRegular(&'static str),
}

/// A file's text and the version of it that was read.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub text: String,
    pub stamp: Stamp,
}

/// The text of the regular file at `path` (links followed). Where the path
/// leads is the caller's to check first: each front end knows its own
/// boundary (the checked app, the workspace folders).
pub fn read_text(path: &Path) -> Result<TextFile, ReadProblem> {
    let (bytes, stamp) = disk::read_regular(path, MAX_FILE_BYTES).map_err(|error| match error {
        DiskError::NotRegular(kind) => ReadProblem::NotRegular(kind),
        DiskError::TooLarge { bytes } => ReadProblem::TooLarge { bytes },
        DiskError::Io(error) => ReadProblem::Unreadable(error.to_string()),
    })?;
    Ok(TextFile {
        text: decode(bytes)?,
        stamp,
    })
}

/// The bytes as text, unless they look binary or are not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if sniff.contains(&0) {
        return Err(ReadProblem::Binary);
    }
    String::from_utf8(bytes).map_err(|error| ReadProblem::InvalidUtf8 {
        valid_up_to: error.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_classifies_content() {
        assert_eq!(decode(b"{}".to_vec()), Ok("{}".to_owned()));
        assert_eq!(decode(b"{\0}".to_vec()), Err(ReadProblem::Binary));
        assert_eq!(
            decode(b"{\"a\": \"\xff\"}".to_vec()),
            Err(ReadProblem::InvalidUtf8 { valid_up_to: 7 })
        );
    }

    #[test]
    fn only_small_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.iml.json");
        std::fs::write(&small, "{}").unwrap();
        assert_eq!(read_text(&small).unwrap().text, "{}");
        let large = dir.path().join("l.iml.json");
        std::fs::File::create(&large)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        assert_eq!(
            read_text(&large).unwrap_err(),
            ReadProblem::TooLarge {
                bytes: MAX_FILE_BYTES + 1
            }
        );
        assert_eq!(
            read_text(dir.path()).unwrap_err(),
            ReadProblem::NotRegular("a folder")
        );
        assert!(matches!(
            read_text(&dir.path().join("missing.iml.json")),
            Err(ReadProblem::Unreadable(_))
        ));
    }
}
