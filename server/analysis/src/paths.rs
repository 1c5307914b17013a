//! Lexical path handling. Nothing here touches the file system: the host only
//! knows the files it was given, and a path leaving the app root is never read.

use std::path::{Component, Path, PathBuf};

/// Joins `relative` (as written in a manifest) onto `root` and resolves `.`
/// and `..` lexically. `None` when the result leaves `root` or `relative` is
/// absolute: such a path is outside the app and must not be followed.
pub(crate) fn join_inside(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    if relative.is_absolute() || relative.has_root() {
        return None;
    }
    let mut out = root.to_path_buf();
    let mut depth = 0usize;
    for component in relative.components() {
        match component {
            Component::Normal(part) => {
                out.push(part);
                depth += 1;
            }
            Component::CurDir => {}
            Component::ParentDir => {
                if depth == 0 {
                    return None;
                }
                out.pop();
                depth -= 1;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

pub(crate) fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("")
}

/// Names of the folders from the file's parent up to the root, nearest first.
pub(crate) fn ancestor_dirs(path: &Path) -> impl Iterator<Item = &Path> {
    path.ancestors().skip(1)
}

pub(crate) fn dir_name(dir: &Path) -> &str {
    dir.file_name().and_then(|name| name.to_str()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_inside_resolves_and_refuses_escapes() {
        let root = Path::new("/app");
        assert_eq!(
            join_inside(root, "a/./b.json"),
            Some(PathBuf::from("/app/a/b.json"))
        );
        assert_eq!(
            join_inside(root, "a/../b.json"),
            Some(PathBuf::from("/app/b.json"))
        );
        assert_eq!(join_inside(root, "../b.json"), None);
        assert_eq!(join_inside(root, "a/../../b.json"), None);
        assert_eq!(join_inside(root, "/etc/passwd"), None);
    }
}
