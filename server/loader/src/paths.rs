//! The one path normaliser: the same file gets the same key in the analysis
//! however a command line or a manifest spelled it.

use std::path::{Component, Path, PathBuf};

/// `a/./b/../c` as `a/c`, without touching the disk. A `..` above the root
/// of an absolute path stays at the root, as the system resolves it; a
/// leading `..` of a relative path is kept, since what it names is unknown.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir) | Some(Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_resolved_lexically() {
        let cases = [
            (
                "/app/./functions/../general/readme.md",
                "/app/general/readme.md",
            ),
            ("/a/b/../../..", "/"),
            ("/../x", "/x"),
            ("../a/./b", "../a/b"),
            ("a/../../b", "../b"),
            ("a/b/..", "a"),
        ];
        for (written, normal) in cases {
            assert_eq!(
                normalize(Path::new(written)),
                PathBuf::from(normal),
                "{written}"
            );
        }
    }
}
