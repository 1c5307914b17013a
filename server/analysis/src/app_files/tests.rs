//! Tests of the app file names: which names belong to an app, which role
//! each gets, and that the watched globs agree with them.

use super::*;
use crate::host::AnalysisHost;
use crate::roles::{LayoutLookup, RoleKind};

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
        assert!(is_app_file(&Path::new("/app").join(&example)), "{glob}");
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

#[test]
fn function_code_of_the_export_layout_is_an_app_file() {
    for path in ["/app/functions/pad/code.js", "/app/function/pad/test.js"] {
        assert!(is_app_file(Path::new(path)), "{path}");
        assert!(watch_globs().iter().any(|glob| glob.ends_with("/*/*.js")));
    }
    for path in [
        "/app/functions/code.js",
        "/app/functions/pad/code.ts",
        "/app/scripts/pad/code.js",
        "/app/functions/pad/lib/code.js",
    ] {
        assert!(!is_app_file(Path::new(path)), "{path}");
    }
}
