//! Reading one file from disk, turning every way it can go wrong into a
//! per-file problem instead of a failed run.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Files larger than this are not analysed (F003). Real spec files are a few
/// kilobytes; the limit keeps one stray data dump from stalling a run.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// How much of a file is searched for a NUL byte to call it binary.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

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
}

impl ReadProblem {
    pub fn code(&self) -> &'static str {
        match self {
            ReadProblem::Unreadable(_) => "F001",
            ReadProblem::Binary | ReadProblem::InvalidUtf8 { .. } => "F002",
            ReadProblem::TooLarge { .. } => "F003",
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
        }
    }
}

pub fn read_text(path: &Path) -> Result<String, ReadProblem> {
    let file = File::open(path).map_err(|error| ReadProblem::Unreadable(error.to_string()))?;
    let metadata = file
        .metadata()
        .map_err(|error| ReadProblem::Unreadable(error.to_string()))?;
    if metadata.is_dir() {
        return Err(ReadProblem::Unreadable("it is a directory".to_owned()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge {
            bytes: metadata.len(),
        });
    }
    // Read one byte past the limit: the file may have grown since `metadata`.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| ReadProblem::Unreadable(error.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    decode(bytes)
}

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
    fn missing_file_is_unreadable() {
        let problem = read_text(Path::new("/nonexistent/for/sure.iml.json")).unwrap_err();
        assert_eq!(problem.code(), "F001");
    }
}
