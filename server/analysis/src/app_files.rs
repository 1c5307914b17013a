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

/// Whether the file at `path` is an app file: by its name, or as the code
/// of a custom function ([`is_function_code_file`]).
pub fn is_app_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(is_app_file_name)
        || is_function_code_file(path)
}

/// Folders of custom IML functions, one folder per function below them.
pub const FUNCTION_FOLDERS: [&str; 2] = ["functions", "function"];

/// Whether `path` is a custom function's JavaScript in the export layout
/// (`functions/<name>/code.js`). A manifest lists these files, but an
/// export has no list: loading them is how the checker knows the app's
/// functions, and so whether an unknown function name is a mistake.
pub fn is_function_code_file(path: &Path) -> bool {
    let is_script = path.extension().is_some_and(|extension| extension == "js");
    let folder_of_folder = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|name| name.to_str());
    is_script && folder_of_folder.is_some_and(|name| FUNCTION_FOLDERS.contains(&name))
}

/// Glob patterns that match the app files, for a client's file watcher.
pub fn watch_globs() -> Vec<String> {
    let names = APP_FILE_NAMES.iter().map(|name| format!("**/{name}"));
    let suffixes = IML_JSON_SUFFIXES
        .iter()
        .chain(&DATA_FILE_SUFFIXES)
        .map(|suffix| format!("**/*{suffix}"));
    let function_code = FUNCTION_FOLDERS
        .iter()
        .map(|folder| format!("**/{folder}/*/*.js"));
    names.chain(suffixes).chain(function_code).collect()
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
mod tests;
