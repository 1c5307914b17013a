//! Replacing a file on disk without racing an editor: the new text goes to a
//! temporary file in the same folder, the original is checked once more
//! (same inode, length, modification time and bytes as when it was read),
//! and only then is the temporary file renamed over it. A save made at any
//! point before that check wins; the rename itself is atomic, so a reader
//! sees the old text or the new one, never half of each.

use std::fs;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use iml_analysis::disk::{self, Stamp};

use iml_loader::MAX_FILE_BYTES;

/// Why a file was left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It is not the version that was read any more.
    Changed,
    /// The path is a symbolic link, which is not followed for writing.
    SymbolicLink,
    /// Other names share its content; writing one would leave them stale
    /// or, written in place, change a file possibly outside the tree.
    HardLinked(u64),
    NotRegular(&'static str),
    Failed(String),
}

impl Refused {
    pub fn message(&self) -> String {
        match self {
            Refused::Changed => {
                "changed on disk during the check, so it was left as it is".to_owned()
            }
            Refused::SymbolicLink => {
                "is a symbolic link, which is not followed for writing; it was left as it is"
                    .to_owned()
            }
            Refused::HardLinked(links) => format!(
                "has {links} hard links, which are not followed for writing; it was left as it is"
            ),
            Refused::NotRegular(kind) => {
                format!("is not a regular file ({kind}); it was left as it is")
            }
            Refused::Failed(reason) => reason.clone(),
        }
    }
}

/// Writes `fixed` over `path` when the file is still the `original` text
/// read as `stamp`.
pub fn replace_if_unchanged(
    path: &Path,
    original: &str,
    stamp: Stamp,
    fixed: &str,
) -> Result<(), Refused> {
    let metadata = fs::symlink_metadata(path)
        .map_err(|error| Refused::Failed(format!("could not be read again: {error}")))?;
    if metadata.file_type().is_symlink() {
        return Err(Refused::SymbolicLink);
    }
    if !metadata.is_file() {
        return Err(Refused::NotRegular(disk::kind_name(metadata.file_type())));
    }
    if metadata.nlink() > 1 {
        return Err(Refused::HardLinked(metadata.nlink()));
    }
    let folder = path
        .parent()
        .ok_or_else(|| Refused::Failed("has no folder".to_owned()))?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let failed = |error: std::io::Error| Refused::Failed(format!("could not be written: {error}"));
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(failed)?;
    temporary.write_all(fixed.as_bytes()).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    fs::set_permissions(temporary.path(), metadata.permissions()).map_err(failed)?;

    // The last look before the rename: anything since the read wins.
    if !still_as_read(path, original, stamp) {
        return Err(Refused::Changed);
    }
    temporary
        .persist(path)
        .map(drop)
        .map_err(|error| failed(error.error))
}

fn still_as_read(path: &Path, original: &str, stamp: Stamp) -> bool {
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return false;
    };
    if !metadata.is_file() || Stamp::of(&metadata) != stamp {
        return false;
    }
    match disk::read_regular(path, MAX_FILE_BYTES) {
        Ok((bytes, now)) => now == stamp && bytes == original.as_bytes(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(path: &Path) -> Stamp {
        Stamp::of(&fs::metadata(path).unwrap())
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.iml.json");
        fs::write(&path, "{ \"a\": 1 }").unwrap();
        let read = stamp(&path);
        // Same length, so only the bytes (or the time) tell.
        fs::write(&path, "{ \"b\": 2 }").unwrap();
        let refused = replace_if_unchanged(&path, "{ \"a\": 1 }", read, "{ \"fixed\": 1 }");
        assert_eq!(refused, Err(Refused::Changed));
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ \"b\": 2 }");

        let now = stamp(&path);
        replace_if_unchanged(&path, "{ \"b\": 2 }", now, "{ \"fixed\": 2 }").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ \"fixed\": 2 }");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn links_are_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.iml.json");
        fs::write(&outside, "{}").unwrap();
        let hard = dir.path().join("hard.iml.json");
        fs::hard_link(&outside, &hard).unwrap();
        let soft = dir.path().join("soft.iml.json");
        std::os::unix::fs::symlink(&outside, &soft).unwrap();
        let read = stamp(&outside);
        assert_eq!(
            replace_if_unchanged(&hard, "{}", read, "[]"),
            Err(Refused::HardLinked(2))
        );
        assert_eq!(
            replace_if_unchanged(&soft, "{}", read, "[]"),
            Err(Refused::SymbolicLink)
        );
        assert_eq!(fs::read_to_string(&outside).unwrap(), "{}");
    }
}
