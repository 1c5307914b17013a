//! Which files on disk are app files: the one list that the language server
//! (indexing, the client's file watcher), `iml-ls check` (discovery) and the
//! role resolution read, so the editor and the command line never disagree
//! about what an app holds or what its files are called.
//! Names are matched exactly (Make's tools are case-sensitive too).

use std::borrow::Cow;
use std::path::Path;

use crate::config::CONFIG_FILE_NAME;

/// The local-development project file; its folder is the app root.
pub const MANIFEST_FILE_NAME: &str = "makecomapp.json";

/// App or component metadata of the export layout.
pub const EXPORT_METADATA_FILE_NAME: &str = "metadata.json";

/// A home-grown name for a component's metadata, read like `metadata.json`.
pub const META_FILE_NAME: &str = "meta.json";

/// The app's common data (`general/common.json` in the local-development layout).
pub const COMMON_FILE_NAME: &str = "common.json";

/// The app's module groups (`modules/groups.json`).
pub const GROUPS_FILE_NAME: &str = "groups.json";

/// Suffixes of IML JSON files: JSON with comments whose strings may hold IML.
pub const IML_JSON_SUFFIXES: [&str; 3] = [".iml.json", ".imljson", ".iml.jsonc"];

/// Suffix of a connection's common data, `<connection id>.common.json`.
pub const CONNECTION_COMMON_SUFFIX: &str = ".common.json";

/// Suffix of the home-grown module metadata, `<module id>.module.json`.
pub const MODULE_METADATA_SUFFIX: &str = ".module.json";

/// Suffixes of app files in plain JSON.
const DATA_FILE_SUFFIXES: [&str; 2] = [CONNECTION_COMMON_SUFFIX, MODULE_METADATA_SUFFIX];

/// Exact names of the files that hold the metadata of the component (or
/// app) in their folder, the export layout's first.
const METADATA_FILE_NAMES: [&str; 2] = [EXPORT_METADATA_FILE_NAME, META_FILE_NAME];

/// Exact names of app files that end only in `.json`, and of the rule
/// configuration, which the analysis reads like any other file.
const APP_FILE_NAMES: [&str; 6] = [
    MANIFEST_FILE_NAME,
    CONFIG_FILE_NAME,
    EXPORT_METADATA_FILE_NAME,
    META_FILE_NAME,
    COMMON_FILE_NAME,
    GROUPS_FILE_NAME,
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

/// The connection id of a connection's common data file (`acme` for `acme.common.json`).
pub fn connection_common_id(name: &str) -> Option<&str> {
    strip_suffix_after_stem(name, CONNECTION_COMMON_SUFFIX)
}

/// Whether `name` is the home-grown metadata of a module (`<id>.module.json`).
pub fn is_module_metadata_name(name: &str) -> bool {
    strip_suffix_after_stem(name, MODULE_METADATA_SUFFIX).is_some()
}

/// Whether `name` is the exact name of a metadata file (`metadata.json`, `meta.json`).
pub fn is_metadata_file_name(name: &str) -> bool {
    METADATA_FILE_NAMES.contains(&name)
}

/// The names the metadata of the component (or app) whose folder is called
/// `folder` may have, in the order they are read: `metadata.json`,
/// `meta.json`, then `<folder>.module.json`.
pub fn metadata_file_names(folder: &str) -> [Cow<'static, str>; 3] {
    let [export, meta] = METADATA_FILE_NAMES;
    [
        Cow::Borrowed(export),
        Cow::Borrowed(meta),
        Cow::Owned(format!("{folder}{MODULE_METADATA_SUFFIX}")),
    ]
}

/// Whether a file called `name` shapes the roles of the files around it:
/// the manifest, and any metadata file.
pub fn is_layout_file_name(name: &str) -> bool {
    name == MANIFEST_FILE_NAME || is_metadata_file_name(name) || is_module_metadata_name(name)
}

/// Whether a file is read as JSON with comments: by its extension, in any
/// case, the extensions of the JSON app files (`.json`, `.imljson`,
/// `.jsonc`), so any other `.json` file is read as JSON too.
pub fn has_json_extension(path: &Path) -> bool {
    let Some(extension) = path.extension().and_then(|ext| ext.to_str()) else {
        return false;
    };
    IML_JSON_SUFFIXES
        .iter()
        .chain(&DATA_FILE_SUFFIXES)
        .filter_map(|suffix| suffix.rsplit('.').next())
        .any(|known| extension.eq_ignore_ascii_case(known))
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
        .any(|suffix| strip_suffix_after_stem(name, suffix).is_some())
}

/// `name` without `suffix`, if a non-empty stem comes before it.
fn strip_suffix_after_stem<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    name.strip_suffix(suffix).filter(|stem| !stem.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::AnalysisHost;
    use crate::roles::LayoutLookup;
    use crate::roles::RoleKind;

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

    /// Where each kind of app file lies in an app, and the role it gets there.
    fn app_file_in_place(name: &str) -> (String, RoleKind) {
        let kind = if name == MANIFEST_FILE_NAME {
            RoleKind::Manifest
        } else if name == COMMON_FILE_NAME || connection_common_id(name).is_some() {
            RoleKind::Common
        } else if name == GROUPS_FILE_NAME {
            RoleKind::Groups
        } else if is_layout_file_name(name) {
            RoleKind::ExportMetadata
        } else {
            RoleKind::Communication
        };
        let folder = match kind {
            RoleKind::Common if name != COMMON_FILE_NAME => "connections/acme",
            RoleKind::Groups => "modules",
            RoleKind::ExportMetadata | RoleKind::Communication => "modules/list",
            _ => "general",
        };
        (format!("/app/{folder}/{name}"), kind)
    }

    /// One file of each name and suffix, the configuration left out.
    fn json_app_files() -> Vec<String> {
        let mut names: Vec<String> = APP_FILE_NAMES
            .iter()
            .filter(|name| **name != CONFIG_FILE_NAME)
            .map(|name| (*name).to_owned())
            .collect();
        names.push(format!("acme{CONNECTION_COMMON_SUFFIX}"));
        names.push(format!("list{MODULE_METADATA_SUFFIX}"));
        names.extend(
            IML_JSON_SUFFIXES
                .iter()
                .map(|suffix| format!("list.communication{suffix}")),
        );
        names
    }

    #[test]
    fn every_app_file_name_gets_its_role() {
        let analysis = AnalysisHost::new().snapshot();
        for name in json_app_files() {
            assert!(is_app_file_name(&name), "{name}");
            let (path, kind) = app_file_in_place(&name);
            assert_eq!(analysis.role(Path::new(&path)).kind, kind, "{path}");
        }
    }

    #[test]
    fn layout_files_are_the_manifest_and_the_metadata() {
        let layout: Vec<String> = json_app_files()
            .into_iter()
            .filter(|name| is_layout_file_name(name))
            .collect();
        let mut expected = vec![MANIFEST_FILE_NAME.to_owned()];
        expected.extend(metadata_file_names("list").map(String::from));
        assert_eq!(layout.len(), expected.len());
        for name in &expected {
            assert!(layout.contains(name), "{name}");
            let (path, kind) = app_file_in_place(name);
            let role = AnalysisHost::new().snapshot().role(Path::new(&path)).kind;
            assert_eq!(role, kind, "{path}");
            assert!(
                matches!(role, RoleKind::Manifest | RoleKind::ExportMetadata),
                "{path}"
            );
        }
        // Only the folder's own `<id>.module.json` is its metadata, but any
        // is a layout file; a suffix alone is no name.
        assert!(is_layout_file_name("other.module.json"));
        assert!(!is_layout_file_name(MODULE_METADATA_SUFFIX));
        assert!(!is_layout_file_name(GROUPS_FILE_NAME));
    }

    #[test]
    fn each_metadata_name_holds_its_folders_metadata() {
        let folder = Path::new("/app/modules/list");
        for name in metadata_file_names("list") {
            let mut host = AnalysisHost::new();
            host.set_file(
                folder.join(name.as_ref()),
                r#"{ "name": "list", "type": "search" }"#.to_owned(),
            );
            let analysis = host.snapshot();
            let metadata = LayoutLookup::metadata_in(&analysis, folder);
            let read_name = metadata.and_then(|metadata| metadata.name.as_deref());
            assert_eq!(read_name, Some("list"), "{name}");
        }
    }

    #[test]
    fn json_app_files_are_parsed_as_json() {
        for name in json_app_files() {
            assert!(has_json_extension(Path::new(&name)), "{name}");
        }
        // Any JSON file is, in any case; other files are not.
        assert!(has_json_extension(Path::new("package.json")));
        assert!(has_json_extension(Path::new("x.jsonc")));
        assert!(has_json_extension(Path::new("X.IMLJSON")));
        for name in [CONFIG_FILE_NAME, "a.code.js", "README.md", "json", "/"] {
            assert!(!has_json_extension(Path::new(name)), "{name}");
        }
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
