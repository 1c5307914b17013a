//! Path arithmetic that never touches the disk.

use std::path::{Component, Path, PathBuf};

/// Joins `path` onto `base` when relative and resolves `.` and `..`
/// lexically, so that the same file always gets the same key in the
/// analysis host however it was spelled on the command line.
/// (The normaliser is the loader's, shared with the language server.)
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    iml_loader::normalize(&base.join(path))
}

/// The path as shown to people and written into reports: relative to `cwd`
/// (with `..` steps when needed), `/`-separated.
pub fn display(cwd: &Path, path: &Path) -> String {
    let relative = relative_to(cwd, path).unwrap_or_else(|| path.to_path_buf());
    let mut text = String::new();
    for component in relative.components() {
        match component {
            Component::RootDir => text.push('/'),
            other => {
                if !text.is_empty() && !text.ends_with('/') {
                    text.push('/');
                }
                text.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

fn relative_to(base: &Path, path: &Path) -> Option<PathBuf> {
    if !path.is_absolute() || !base.is_absolute() {
        return None;
    }
    let base: Vec<Component> = base.components().collect();
    let path_components: Vec<Component> = path.components().collect();
    let common = base
        .iter()
        .zip(&path_components)
        .take_while(|(a, b)| a == b)
        .count();
    // Only the root in common: an absolute path reads better than ../../..
    if common <= 1 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for component in &path_components[common..] {
        out.push(component.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_relative_with_parent_steps() {
        let cwd = Path::new("/repo/server/cli");
        assert_eq!(
            display(cwd, Path::new("/repo/server/cli/tests/a.iml.json")),
            "tests/a.iml.json"
        );
        assert_eq!(
            display(cwd, Path::new("/repo/examples/x.imljson")),
            "../../examples/x.imljson"
        );
        assert_eq!(display(cwd, Path::new("/repo/server/cli")), ".");
        assert_eq!(display(cwd, Path::new("/other/x")), "/other/x");
    }

    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("./c/../d")),
            PathBuf::from("/a/b/d")
        );
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("/x/./y")),
            PathBuf::from("/x/y")
        );
    }
}
