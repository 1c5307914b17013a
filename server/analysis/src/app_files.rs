//! Which files on disk are app files: the one list that the language server
//! (indexing, the client's file watcher) and `iml-ls check` (discovery) read,
//! so the editor and the command line never disagree about what an app holds.
//! Names are matched exactly (Make's tools are case-sensitive too).

use std::path::Path;

use crate::config::CONFIG_FILE_NAME;

/// The local-development project file; its folder is the app root.
pub const MANIFEST_FILE_NAME: &str = "makecomapp.json";

/// App or component metadata of the export layout.
pub const EXPORT_METADATA_FILE_NAME: &str = "metadata.json";

/// Suffixes of IML JSON files: JSON with comments whose strings may hold IML.
pub const IML_JSON_SUFFIXES: [&str; 3] = [".iml.json", ".imljson", ".iml.jsonc"];

/// Suffixes of app files in plain JSON: a connection's common data and the
/// home-grown `<id>.module.json` metadata.
const DATA_FILE_SUFFIXES: [&str; 2] = [".common.json", ".module.json"];

/// Exact names of app files that end only in `.json`, and of the rule
/// configuration, which the analysis reads like any other file.
const APP_FILE_NAMES: [&str; 6] = [
    MANIFEST_FILE_NAME,
    CONFIG_FILE_NAME,
    EXPORT_METADATA_FILE_NAME,
    "meta.json",
    "common.json",
    "groups.json",
];

/// Whether `name` ends in an IML JSON suffix after a non-empty stem.
pub fn is_iml_json_name(name: &str) -> bool {
    iml_json_stem(name).is_some()
}

/// `name` without its IML JSON suffix (`list.communication` for
/// `list.communication.iml.json`), if it has one after a non-empty stem.
pub fn iml_json_stem(name: &str) -> Option<&str> {
    IML_JSON_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
}

/// Whether a file called `name` is an app file, wherever it lies.
pub fn is_app_file_name(name: &str) -> bool {
    APP_FILE_NAMES.contains(&name)
        || is_iml_json_name(name)
        || has_suffix(name, &DATA_FILE_SUFFIXES)
}

/// Whether the file at `path` is an app file (by its name alone).
pub fn is_app_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(is_app_file_name)
}

/// Glob patterns that match the app files, for a client's file watcher.
pub fn watch_globs() -> Vec<String> {
    let names = APP_FILE_NAMES.iter().map(|name| format!("**/{name}"));
    let suffixes = IML_JSON_SUFFIXES
        .iter()
        .chain(&DATA_FILE_SUFFIXES)
        .map(|suffix| format!("**/*{suffix}"));
    names.chain(suffixes).collect()
}

fn has_suffix(name: &str, suffixes: &[&str]) -> bool {
    suffixes
        .iter()
        .any(|suffix| name.len() > suffix.len() && name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two glob shapes `watch_globs` makes: `**/name` and `**/*suffix`.
    fn glob_matches(glob: &str, name: &str) -> bool {
        let pattern = glob.strip_prefix("**/").expect("every glob is recursive");
        match pattern.strip_prefix('*') {
            Some(suffix) => name.ends_with(suffix),
            None => name == pattern,
        }
    }

    const APP_FILES: [&str; 14] = [
        "a.communication.iml.json",
        "api.imljson",
        "x.iml.jsonc",
        "base.iml.json",
        "makecomapp.json",
        "iml-ls.toml",
        "common.json",
        "acme.common.json",
        "groups.json",
        "metadata.json",
        "meta.json",
        "list.module.json",
        "module.makeApiCall.api.imljson",
        "acme-oauth.oauth-communication.iml.json",
    ];

    const OTHER_FILES: [&str; 10] = [
        "package.json",
        "README.md",
        "a.code.js",
        "tsconfig.json",
        "settings.json",
        "notes.txt",
        "Makecomapp.json",
        "x.iml.json.bak",
        // A suffix alone names no file of an app.
        ".iml.json",
        ".common.json",
    ];

    #[test]
    fn recognises_app_file_names() {
        for name in APP_FILES {
            assert!(is_app_file(Path::new(name)), "{name}");
            assert!(is_app_file(&Path::new("/app/src").join(name)), "{name}");
        }
        for name in OTHER_FILES {
            assert!(!is_app_file(Path::new(name)), "{name}");
        }
        assert!(!is_app_file(Path::new("/")));
    }

    #[test]
    fn iml_json_names_are_the_app_files_with_iml() {
        assert!(is_iml_json_name("api.imljson"));
        assert!(is_iml_json_name("a.params.iml.jsonc"));
        assert!(!is_iml_json_name("makecomapp.json"));
        assert!(!is_iml_json_name("acme.common.json"));
        assert!(!is_iml_json_name(".imljson"));
    }

    #[test]
    fn watched_globs_and_app_files_agree() {
        let globs = watch_globs();
        // Every glob stands for app files: its `*` filled in gives one.
        for glob in &globs {
            let example = glob.trim_start_matches("**/").replace('*', "x");
            assert!(is_app_file_name(&example), "{glob}");
        }
        // Every app file is watched, and no other file is.
        for name in APP_FILES {
            assert!(globs.iter().any(|glob| glob_matches(glob, name)), "{name}");
        }
        for name in OTHER_FILES.iter().filter(|name| !name.starts_with('.')) {
            assert!(!globs.iter().any(|glob| glob_matches(glob, name)), "{name}");
        }
        let mut unique = globs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), globs.len());
    }
}
