//! Walking a folder the one way both front ends do: in name order, past
//! hidden and skipped folders, through symbolic links only where they stay
//! inside a boundary the caller sets, each folder once however many links
//! lead to it, and up to a number of files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::is_skipped;

/// What a walk meets, in order; each front end keeps what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkEntry {
    /// A folder about to be entered; the walked folder itself has depth 0.
    Folder {
        path: PathBuf,
        depth: usize,
    },
    /// A file the walk keeps (see [`Walk::keep`]). `regular` is false for a
    /// FIFO, socket or device, which is never to be opened for reading.
    File {
        path: PathBuf,
        depth: usize,
        regular: bool,
    },
    /// A symbolic link whose target resolves outside the boundary; a folder
    /// behind one is not entered.
    LinkOutside {
        path: PathBuf,
        depth: usize,
        is_folder: bool,
    },
    Problem(WalkProblem),
    /// More files than [`Walk::max_files`]: the walk ends here.
    Stopped,
}

/// A path the walk could not enter or resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub kind: WalkProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkProblemKind {
    /// A symbolic link leads back to `ancestor`; the walk did not follow it.
    Loop {
        ancestor: PathBuf,
    },
    Unreadable(String),
    /// A symbolic link to a folder outside the checked folder; the walk did
    /// not enter it. The walk meets it as [`WalkEntry::LinkOutside`]; a
    /// caller that reports it as a problem records it under this kind.
    Outside,
}

type PathTest<'a> = Box<dyn Fn(&Path) -> bool + 'a>;

/// One walk of a folder; an iterator of [`WalkEntry`].
pub struct Walk<'a> {
    entries: walkdir::IntoIter,
    inside: PathTest<'a>,
    keep: PathTest<'a>,
    max_files: usize,
    files: usize,
    visited: HashSet<PathBuf>,
    ended: bool,
}

impl<'a> Walk<'a> {
    /// A walk of `folder` whose links may lead anywhere under the folder's
    /// resolved path, keeping every file, without a bound.
    pub fn new(folder: &Path) -> Self {
        let resolved = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        Walk {
            entries: WalkDir::new(folder)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter(),
            inside: Box::new(move |target| target.starts_with(&resolved)),
            keep: Box::new(|_| true),
            max_files: usize::MAX,
            files: 0,
            visited: HashSet::new(),
            ended: false,
        }
    }

    /// Where a symbolic link may lead (a resolved path) for the walk to go
    /// through it.
    pub fn inside(mut self, inside: impl Fn(&Path) -> bool + 'a) -> Self {
        self.inside = Box::new(inside);
        self
    }

    /// Which files are reported; only these count towards the bound.
    pub fn keep(mut self, keep: impl Fn(&Path) -> bool + 'a) -> Self {
        self.keep = Box::new(keep);
        self
    }

    pub fn max_files(mut self, max_files: usize) -> Self {
        self.max_files = max_files;
        self
    }

    /// Resolved folders walked before (by an earlier walk of another
    /// folder): they are not walked again.
    pub fn visited(mut self, visited: HashSet<PathBuf>) -> Self {
        self.visited = visited;
        self
    }

    /// The resolved folders walked so far, those given to [`Walk::visited`]
    /// included.
    pub fn into_visited(self) -> HashSet<PathBuf> {
        self.visited
    }

    fn entry(&mut self, entry: walkdir::DirEntry) -> Option<WalkEntry> {
        let depth = entry.depth();
        let is_folder = entry.file_type().is_dir();
        if depth > 0 && is_skipped(entry.file_name(), is_folder) {
            if is_folder {
                self.entries.skip_current_dir();
            }
            return None;
        }
        if depth > 0 && entry.path_is_symlink() {
            let leads_inside =
                std::fs::canonicalize(entry.path()).is_ok_and(|target| (self.inside)(&target));
            if !leads_inside {
                if is_folder {
                    self.entries.skip_current_dir();
                }
                return Some(WalkEntry::LinkOutside {
                    path: entry.into_path(),
                    depth,
                    is_folder,
                });
            }
        }
        if is_folder {
            let resolved =
                std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().to_path_buf());
            if !self.visited.insert(resolved) {
                self.entries.skip_current_dir();
                return None;
            }
            return Some(WalkEntry::Folder {
                path: entry.into_path(),
                depth,
            });
        }
        if !(self.keep)(entry.path()) {
            return None;
        }
        self.files += 1;
        if self.files > self.max_files {
            self.ended = true;
            return Some(WalkEntry::Stopped);
        }
        Some(WalkEntry::File {
            regular: entry.file_type().is_file(),
            path: entry.into_path(),
            depth,
        })
    }
}

impl Iterator for Walk<'_> {
    type Item = WalkEntry;

    fn next(&mut self) -> Option<WalkEntry> {
        while !self.ended {
            let found = match self.entries.next()? {
                Ok(entry) => self.entry(entry),
                Err(error) => problem(&error).map(WalkEntry::Problem),
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

fn problem(error: &walkdir::Error) -> Option<WalkProblem> {
    let path = error.path()?.to_path_buf();
    let kind = match error.loop_ancestor() {
        Some(ancestor) => WalkProblemKind::Loop {
            ancestor: ancestor.to_path_buf(),
        },
        None => WalkProblemKind::Unreadable(match error.io_error() {
            Some(io) => io.to_string(),
            None => error.to_string(),
        }),
    };
    Some(WalkProblem { path, kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "{}").unwrap();
    }

    fn files(walk: Walk, root: &Path) -> Vec<String> {
        walk.filter_map(|entry| match entry {
            WalkEntry::File { path, .. } => {
                Some(path.strip_prefix(root).unwrap().display().to_string())
            }
            _ => None,
        })
        .collect()
    }

    #[test]
    fn hidden_and_skipped_folders_are_passed_by() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "b.iml.json",
            "a/c.iml.json",
            ".git/x.iml.json",
            ".hidden.iml.json",
            "node_modules/p/x.iml.json",
            "target/x.iml.json",
            "dist/x.iml.json",
            "src/dist.iml.json",
        ] {
            write(root, path);
        }
        assert_eq!(
            files(Walk::new(root), root),
            ["a/c.iml.json", "b.iml.json", "src/dist.iml.json"]
        );
    }

    #[test]
    fn the_bound_ends_the_walk_after_that_many_kept_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in ["a.iml.json", "b.txt", "c.iml.json", "d.iml.json"] {
            write(root, path);
        }
        let kept = |path: &Path| path.extension().is_some_and(|ext| ext == "json");
        let entries: Vec<WalkEntry> = Walk::new(root).keep(kept).max_files(2).collect();
        assert_eq!(entries.last(), Some(&WalkEntry::Stopped));
        assert_eq!(
            files(Walk::new(root).keep(kept).max_files(2), root),
            ["a.iml.json", "c.iml.json"]
        );
        assert_eq!(
            files(Walk::new(root).keep(kept).max_files(3), root).len(),
            3
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_are_reported_and_folders_reached_twice_walked_once() {
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "secret.iml.json");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "real/a.iml.json");
        std::os::unix::fs::symlink(root.join("real"), root.join("z-alias")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        std::os::unix::fs::symlink(root, root.join("real/loop")).unwrap();
        let entries: Vec<WalkEntry> = Walk::new(root).collect();
        assert!(entries.contains(&WalkEntry::LinkOutside {
            path: root.join("out"),
            depth: 1,
            is_folder: true
        }));
        assert!(entries.iter().any(|entry| matches!(
            entry,
            WalkEntry::Problem(WalkProblem {
                kind: WalkProblemKind::Loop { .. },
                ..
            })
        )));
        assert_eq!(files(Walk::new(root), root), ["real/a.iml.json"]);
    }
}
