//! Finding and reading app files under the workspace folders, through the
//! loader `iml-ls check` uses too (same skipped folders, size cap, file
//! bound). Nothing here reads a path that does not resolve inside a
//! workspace folder, follows a symlink out of one, or loads a file larger
//! than `MAX_FILE_BYTES`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use iml_loader::{MAX_FILES, Walk, WalkEntry};

/// Which files are app files is decided in one place, shared with
/// `iml-ls check`; the watcher globs are derived from the same list.
pub use iml_analysis::app_files::{is_app_file, watch_globs};

/// The workspace folders, each with its resolved form for containment checks.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Roots {
    /// Folders that do not exist are kept out: nothing can be read there.
    pub fn new(folders: impl IntoIterator<Item = PathBuf>) -> Self {
        let roots = folders
            .into_iter()
            .filter_map(|folder| {
                fs::canonicalize(&folder)
                    .ok()
                    .map(|resolved| (folder, resolved))
            })
            .collect();
        Self { roots }
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Applies a `workspace/didChangeWorkspaceFolders` event: `removed`
    /// first, then `added`. A folder named twice, one already present (as
    /// named or through another path to it), a missing one and the removal
    /// of one never added change nothing. A removed folder is matched as
    /// named, since it may be gone from disk, or by its resolved form.
    pub fn change(&mut self, added: Vec<PathBuf>, removed: Vec<PathBuf>) -> FolderChange {
        let before: Vec<PathBuf> = self
            .roots
            .iter()
            .map(|(_, resolved)| resolved.clone())
            .collect();
        let mut shrank = false;
        for folder in removed {
            let resolved = fs::canonicalize(&folder).ok();
            let count = self.roots.len();
            self.roots.retain(|(named, root)| {
                *named != folder && resolved.as_ref().is_none_or(|resolved| root != resolved)
            });
            shrank |= self.roots.len() != count;
        }
        let mut newly_covered = Vec::new();
        let mut grew = false;
        for folder in added {
            let Ok(resolved) = fs::canonicalize(&folder) else {
                continue;
            };
            if self.roots.iter().any(|(_, root)| *root == resolved) {
                continue;
            }
            grew = true;
            // A folder inside one that stayed is loaded already.
            if !before
                .iter()
                .any(|root| resolved.starts_with(root) && self.contains_resolved(root))
            {
                newly_covered.push(folder.clone());
            }
            self.roots.push((folder, resolved));
        }
        FolderChange {
            newly_covered,
            shrank,
            changed: shrank || grew,
        }
    }

    /// Whether `path` is under a workspace folder, as the client named it
    /// or in its resolved form; decided without the disk, so it also
    /// answers for a file that is gone.
    pub fn holds(&self, path: &Path) -> bool {
        self.roots
            .iter()
            .any(|(folder, resolved)| path.starts_with(folder) || path.starts_with(resolved))
    }

    fn contains_resolved(&self, resolved: &Path) -> bool {
        self.roots
            .iter()
            .any(|(_, root)| resolved.starts_with(root))
    }

    /// Every app file under the folders, in a stable order.
    pub fn discover(&self) -> Vec<PathBuf> {
        let folders: Vec<&Path> = self
            .roots
            .iter()
            .map(|(folder, _)| folder.as_path())
            .collect();
        self.discover_under(&folders)
    }

    /// Every app file under `folders`, those of them inside the workspace
    /// folders, in a stable order.
    pub fn discover_under(&self, folders: &[impl AsRef<Path>]) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut visited = HashSet::new();
        for folder in folders {
            let folder = folder.as_ref();
            let Ok(resolved) = fs::canonicalize(folder) else {
                continue;
            };
            if self.contains_resolved(&resolved) && !visited.contains(&resolved) {
                self.walk(folder, &mut visited, &mut found, MAX_FILES);
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// The app files under `folder` alone, with the same checks as
    /// `discover`; `None` when `folder` is not inside a workspace folder or
    /// holds more than `limit` app files.
    pub fn discover_in(&self, folder: &Path, limit: usize) -> Option<Vec<PathBuf>> {
        let resolved = fs::canonicalize(folder).ok()?;
        if !self.contains_resolved(&resolved) {
            return None;
        }
        let mut found = Vec::new();
        if !self.walk(folder, &mut HashSet::new(), &mut found, limit) {
            return None;
        }
        found.sort();
        Some(found)
    }

    /// The workspace folder, as the client named it, that holds `path`
    /// (the innermost one when folders nest).
    pub fn folder_of(&self, path: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .map(|(folder, _)| folder.as_path())
            .filter(|folder| path.starts_with(folder))
            .max_by_key(|folder| folder.components().count())
    }

    /// The workspace folders, as the client named them, that no other one
    /// holds: a watcher over each sees every file of the workspace once.
    pub fn outermost_folders(&self) -> Vec<&Path> {
        let folders: Vec<&Path> = self
            .roots
            .iter()
            .map(|(folder, _)| folder.as_path())
            .collect();
        let mut outermost: Vec<&Path> = folders
            .iter()
            .copied()
            .filter(|folder| {
                !folders
                    .iter()
                    .any(|other| other != folder && folder.starts_with(other))
            })
            .collect();
        outermost.sort();
        outermost.dedup();
        outermost
    }

    /// Collects the app files under `folder`, passing by the folders in
    /// `visited` (resolved) and adding those it walks; `false` when it
    /// stopped at `limit` files before the end.
    fn walk(
        &self,
        folder: &Path,
        visited: &mut HashSet<PathBuf>,
        found: &mut Vec<PathBuf>,
        limit: usize,
    ) -> bool {
        // A link counts only when its target stays inside a folder.
        let mut walk = Walk::new(folder)
            .inside(|target| self.contains_resolved(target))
            .keep(is_app_file)
            .max_files(limit)
            .visited(std::mem::take(visited));
        let mut complete = true;
        for entry in &mut walk {
            match entry {
                // A FIFO or device named like an app file is never opened.
                WalkEntry::File {
                    path,
                    regular: true,
                    ..
                } => found.push(path),
                WalkEntry::Stopped => {
                    tracing::warn!("stopped walking {} after {limit} files", folder.display());
                    complete = false;
                }
                _ => {}
            }
        }
        *visited = walk.into_visited();
        complete
    }

    /// The text of an app file inside the folders, or why it was not read.
    pub fn read(&self, path: &Path) -> Result<String, ReadError> {
        let resolved = fs::canonicalize(path).map_err(|_| ReadError::Unreadable)?;
        if !self.contains_resolved(&resolved) {
            return Err(ReadError::OutsideWorkspace);
        }
        // The loader checks the type on the open handle too, without
        // blocking: a FIFO swapped in after a path check would otherwise
        // park a thread on its open.
        match iml_loader::read_text(&resolved) {
            Ok(file) => Ok(file.text),
            Err(iml_loader::ReadProblem::TooLarge { .. }) => Err(ReadError::TooLarge),
            Err(iml_loader::ReadProblem::Binary | iml_loader::ReadProblem::InvalidUtf8 { .. }) => {
                Err(ReadError::NotUtf8)
            }
            Err(_) => Err(ReadError::Unreadable),
        }
    }
}

/// What a change of workspace folders asks of the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderChange {
    /// Added folders, as the client named them, whose files no folder
    /// present before covered: the ones to index.
    pub newly_covered: Vec<PathBuf>,
    /// A folder was removed: files outside the remaining ones are dropped.
    pub shrank: bool,
    /// The set of folders differs from before: watchers may need replacing.
    pub changed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    Unreadable,
    OutsideWorkspace,
    TooLarge,
    NotUtf8,
}

#[cfg(test)]
mod tests {
    use iml_loader::MAX_FILE_BYTES;

    use super::*;

    fn write(root: &Path, relative: &str, text: &str) -> PathBuf {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn relative(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|path| {
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn discovers_app_files_and_skips_dependency_and_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "makecomapp.json", "{}");
        write(root, "src/general/base.iml.json", "{}");
        write(root, "src/modules/groups.json", "[]");
        write(root, "src/package.json", "{}");
        write(root, "node_modules/x/y.iml.json", "{}");
        write(root, ".git/z.iml.json", "{}");
        write(root, ".secrets/apikey.iml.json", "{}");
        write(root, "target/t.iml.json", "{}");
        let roots = Roots::new([root.to_path_buf()]);
        let found = roots.discover();
        assert_eq!(
            relative(root, &found),
            [
                "makecomapp.json",
                "src/general/base.iml.json",
                "src/modules/groups.json"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_workspace_are_neither_walked_nor_read() {
        let outside = tempfile::tempdir().unwrap();
        let secret = write(outside.path(), "secret.iml.json", "{\"token\": 1}");
        let workspace = tempfile::tempdir().unwrap();
        let root = workspace.path();
        write(root, "a.iml.json", "{}");
        std::os::unix::fs::symlink(outside.path(), root.join("linked-dir")).unwrap();
        std::os::unix::fs::symlink(&secret, root.join("linked.iml.json")).unwrap();
        // A link back into the workspace is fine, and must not loop.
        std::os::unix::fs::symlink(root, root.join("self")).unwrap();
        let roots = Roots::new([root.to_path_buf()]);
        assert_eq!(relative(root, &roots.discover()), ["a.iml.json"]);
        assert_eq!(
            roots.read(&root.join("linked.iml.json")),
            Err(ReadError::OutsideWorkspace)
        );
        assert_eq!(roots.read(&secret), Err(ReadError::OutsideWorkspace));
        assert_eq!(roots.read(&root.join("a.iml.json")), Ok("{}".to_owned()));
    }

    #[test]
    fn nested_and_repeated_folders_are_watched_through_the_outer_one() {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path().join("outer");
        let inner = outer.join("inner");
        let beside = dir.path().join("beside");
        // Shares the prefix `outer` as text, not as a folder.
        let lookalike = dir.path().join("outer-2");
        for folder in [&inner, &beside, &lookalike] {
            fs::create_dir_all(folder).unwrap();
        }
        let roots = Roots::new([
            inner.clone(),
            outer.clone(),
            beside.clone(),
            outer.clone(),
            lookalike.clone(),
            dir.path().join("missing"),
        ]);
        assert_eq!(
            roots.outermost_folders(),
            [beside.as_path(), outer.as_path(), lookalike.as_path()]
        );
    }

    #[test]
    fn folders_added_twice_nested_or_missing_and_removals_of_unknown_ones_are_harmless() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first");
        let second = dir.path().join("second");
        let inner = second.join("inner");
        fs::create_dir_all(&first).unwrap();
        fs::create_dir_all(&inner).unwrap();
        let mut roots = Roots::new([first.clone()]);

        let change = roots.change(vec![second.clone(), second.clone()], vec![]);
        assert_eq!(
            change,
            FolderChange {
                newly_covered: vec![second.clone()],
                shrank: false,
                changed: true,
            }
        );
        assert_eq!(roots.roots.len(), 2);
        assert_eq!(
            roots.change(vec![second.clone()], vec![]),
            FolderChange::default()
        );
        assert_eq!(
            roots.change(
                vec![dir.path().join("missing")],
                vec![dir.path().join("never")]
            ),
            FolderChange::default()
        );
        // Inside a folder already there: a folder more, nothing to load.
        let change = roots.change(vec![inner.clone()], vec![]);
        assert!(change.changed && change.newly_covered.is_empty() && !change.shrank);
        assert_eq!(
            roots.outermost_folders(),
            [first.as_path(), second.as_path()]
        );

        // Removing the outer folder leaves the inner one holding its files.
        let change = roots.change(vec![], vec![second.clone()]);
        assert!(change.changed && change.shrank && change.newly_covered.is_empty());
        assert!(roots.holds(&inner.join("a.iml.json")));
        assert!(!roots.holds(&second.join("b.iml.json")));
        assert!(roots.holds(&first.join("a.iml.json")));
        // A lookalike prefix is not inside.
        assert!(!roots.holds(&dir.path().join("first-2/a.iml.json")));
    }

    #[test]
    fn a_folder_gone_from_disk_is_removed_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        fs::create_dir_all(&gone).unwrap();
        let mut roots = Roots::new([gone.clone()]);
        fs::remove_dir(&gone).unwrap();
        assert!(roots.change(vec![], vec![gone.clone()]).shrank);
        assert!(roots.is_empty());
        assert!(!roots.holds(&gone.join("a.iml.json")));
    }

    #[test]
    fn an_added_folder_is_walked_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "first/a.iml.json", "{}");
        write(root, "second/b.iml.json", "{}");
        let mut roots = Roots::new([root.join("first")]);
        let change = roots.change(vec![root.join("second")], vec![]);
        assert_eq!(
            relative(root, &roots.discover_under(&change.newly_covered)),
            ["second/b.iml.json"]
        );
        // A folder outside every workspace folder is not walked.
        assert!(roots.discover_under(&[root]).is_empty());
    }

    #[test]
    fn refuses_large_and_binary_files() {
        let workspace = tempfile::tempdir().unwrap();
        let root = workspace.path();
        let binary = root.join("b.iml.json");
        fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        let large = root.join("l.iml.json");
        fs::File::create(&large)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let roots = Roots::new([root.to_path_buf()]);
        assert_eq!(roots.read(&binary), Err(ReadError::NotUtf8));
        assert_eq!(roots.read(&large), Err(ReadError::TooLarge));
        assert_eq!(
            roots.read(&root.join("missing.iml.json")),
            Err(ReadError::Unreadable)
        );
    }

    #[test]
    fn a_fifo_named_like_an_app_file_is_not_opened() {
        let workspace = tempfile::tempdir().unwrap();
        let fifo = workspace.path().join("x.iml.json");
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: `name` is a valid NUL-terminated path for the call's duration.
        assert_eq!(
            unsafe { libc::mkfifo(name.as_ptr(), 0o600) },
            0,
            "mkfifo failed"
        );
        let roots = Roots::new([workspace.path().to_path_buf()]);
        // Opening a FIFO for reading blocks until a writer comes; the
        // non-blocking open and the type checks refuse it at once.
        assert_eq!(roots.read(&fifo), Err(ReadError::Unreadable));
    }
}
