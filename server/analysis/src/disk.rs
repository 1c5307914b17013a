//! Opening app files on disk, shared by the CLI and the server so both refuse
//! the same things: only regular files are read, and opening never blocks.
//!
//! A FIFO, socket or device named like an app file would make a plain `open`
//! or `read` wait forever (a FIFO with no writer) or stream without end
//! (`/dev/zero`). The type is checked before `open`, the open itself is
//! non-blocking (so a file swapped for a FIFO in between cannot park the
//! thread), and the type is checked again on the open handle.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// What identifies one version of a file on disk: a save by rename gives a
/// new inode, a save in place a new length or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub device: u64,
    pub inode: u64,
    pub len: u64,
    pub modified_ns: i128,
    pub links: u64,
}

impl Stamp {
    pub fn of(metadata: &Metadata) -> Self {
        Self {
            device: metadata.dev(),
            inode: metadata.ino(),
            len: metadata.len(),
            modified_ns: i128::from(metadata.mtime()) * 1_000_000_000
                + i128::from(metadata.mtime_nsec()),
            links: metadata.nlink(),
        }
    }
}

#[derive(Debug)]
pub enum DiskError {
    /// A FIFO, socket, device or folder: never opened for reading, or
    /// closed again at once. The text names what it is.
    NotRegular(&'static str),
    TooLarge {
        bytes: u64,
    },
    Io(io::Error),
}

impl From<io::Error> for DiskError {
    fn from(error: io::Error) -> Self {
        DiskError::Io(error)
    }
}

/// What kind of non-regular file `file_type` is, in words.
pub fn kind_name(file_type: FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Opens `path` (following symbolic links) for reading only when it is a
/// regular file, without blocking; returns the handle and its metadata as
/// seen on the handle.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), DiskError> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(DiskError::NotRegular(kind_name(before.file_type())));
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let after = file.metadata()?;
    if !after.is_file() {
        return Err(DiskError::NotRegular(kind_name(after.file_type())));
    }
    Ok((file, after))
}

/// The bytes of the regular file at `path`, at most `max_bytes` of them,
/// with the stamp of the version read.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<(Vec<u8>, Stamp), DiskError> {
    let (file, metadata) = open_regular(path)?;
    if metadata.len() > max_bytes {
        return Err(DiskError::TooLarge {
            bytes: metadata.len(),
        });
    }
    // One byte past the limit: the file may have grown since `metadata`.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(DiskError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok((bytes, Stamp::of(&metadata)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_devices_are_refused_and_files_are_read() {
        let dir = std::env::temp_dir();
        assert!(matches!(
            read_regular(&dir, 10),
            Err(DiskError::NotRegular("a folder"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/null"), 10),
            Err(DiskError::NotRegular("a character device"))
        ));
        let file = dir.join(format!("iml-disk-{}.json", std::process::id()));
        std::fs::write(&file, "{}").unwrap();
        let (bytes, stamp) = read_regular(&file, 10).unwrap();
        assert_eq!((bytes.as_slice(), stamp.len), (&b"{}"[..], 2));
        assert!(matches!(
            read_regular(&file, 1),
            Err(DiskError::TooLarge { bytes: 2 })
        ));
        std::fs::remove_file(file).unwrap();
    }
}
