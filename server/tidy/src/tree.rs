//! Finds the crates under `server/` and reads their Rust files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folders of a crate that hold Rust sources; anything else (`target/`,
/// fixtures, scripts) is not looked at.
const SOURCE_FOLDERS: &[&str] = &["src", "tests", "benches", "examples"];

/// One Rust file, named by `/`-separated paths so that reports read the same
/// on every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The crate's folder, relative to the repository root (`server/lsp`).
    pub crate_dir: String,
    /// The file, relative to the crate's folder (`src/transport/mod.rs`).
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(crate_dir: &str, path: &str, text: &str) -> Self {
        Self {
            crate_dir: crate_dir.to_owned(),
            path: path.to_owned(),
            text: text.to_owned(),
        }
    }

    /// The path from the repository root, as reports show it.
    pub fn shown(&self) -> String {
        format!("{}/{}", self.crate_dir, self.path)
    }

    /// A test module: a file named `tests.rs` or one under a `tests/`
    /// folder, be it the crate's integration tests or a module's.
    pub fn is_test(&self) -> bool {
        self.path
            .split('/')
            .any(|part| part == "tests" || part == "tests.rs")
    }

    /// Code that ships: under the crate's `src/` and not a test module.
    pub fn is_production(&self) -> bool {
        self.path.starts_with("src/") && !self.is_test()
    }
}

/// The repository root, two levels above this crate.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the tidy crate lives at server/tidy")
        .to_path_buf()
}

/// Every Rust file of every crate in `<root>/server`, sorted by path.
pub fn server_sources(root: &Path) -> io::Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    for crate_dir in sorted_entries(&root.join("server"))? {
        if !crate_dir.join("Cargo.toml").is_file() {
            continue;
        }
        let crate_name = relative(root, &crate_dir);
        for folder in SOURCE_FOLDERS {
            let folder = crate_dir.join(folder);
            if folder.is_dir() {
                collect_rust_files(&crate_dir, &crate_name, &folder, &mut files)?;
            }
        }
    }
    Ok(files)
}

fn collect_rust_files(
    crate_dir: &Path,
    crate_name: &str,
    folder: &Path,
    files: &mut Vec<SourceFile>,
) -> io::Result<()> {
    for entry in sorted_entries(folder)? {
        if entry.is_dir() {
            if entry.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            collect_rust_files(crate_dir, crate_name, &entry, files)?;
        } else if entry.extension().is_some_and(|ext| ext == "rs") {
            files.push(SourceFile {
                crate_dir: crate_name.to_owned(),
                path: relative(crate_dir, &entry),
                text: fs::read_to_string(&entry)?,
            });
        }
    }
    Ok(())
}

fn sorted_entries(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn relative(base: &Path, path: &Path) -> String {
    let inner = path.strip_prefix(base).unwrap_or(path);
    inner
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    fn file(path: &str) -> SourceFile {
        SourceFile::new("server/x", path, "")
    }

    #[test]
    fn test_modules_are_told_from_production_code() {
        for production in ["src/lib.rs", "src/a/mod.rs", "src/testsuite.rs"] {
            assert!(file(production).is_production(), "{production}");
        }
        for test in [
            "src/tests.rs",
            "src/a/tests.rs",
            "src/a/tests/b.rs",
            "tests/it.rs",
        ] {
            assert!(file(test).is_test(), "{test}");
            assert!(!file(test).is_production(), "{test}");
        }
        for other in ["benches/b.rs", "examples/e.rs"] {
            assert!(
                !file(other).is_test() && !file(other).is_production(),
                "{other}"
            );
        }
    }
}
