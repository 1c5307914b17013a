//! The files manifests list by name: discovery goes by file name and
//! misses them, so they are loaded, and watched, on their own.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use iml_analysis::{Analysis, AppLayout, RoleSource};

/// Files the manifests list that the analysis does not hold although they
/// are on disk (discovery does not load them by name), of every app or of
/// the apps under `within`.
pub(super) fn listed_but_unloaded(analysis: &Analysis, within: Option<&Path>) -> Vec<PathBuf> {
    // Reading checks again that each stays inside a workspace folder.
    listed_files(analysis, within)
        .into_keys()
        .filter(|path| !analysis.contains(path) && path.is_file())
        .collect()
}

/// Whether a manifest lists `path` (as a code file or a general file),
/// whatever its name, and whether it exists or not.
pub(super) fn is_listed(analysis: &Analysis, path: &Path) -> bool {
    analysis.role(path).source == RoleSource::Manifest
}

/// Every file the manifests list inside their app roots, present or
/// missing, of every app or of the apps under `within`, each with the root
/// of the app that lists it.
pub(super) fn listed_files(
    analysis: &Analysis,
    within: Option<&Path>,
) -> BTreeMap<PathBuf, PathBuf> {
    let mut listed = BTreeMap::new();
    for app in analysis.apps_list() {
        if app.layout != AppLayout::LocalDevelopment
            || within.is_some_and(|within| !app.root.starts_with(within))
        {
            continue;
        }
        // The readme and other general files under other names; the ones
        // on disk, and the missing ones, so that creating one is noticed.
        let missing_general = app
            .missing_general_files
            .iter()
            .map(|(_, path)| lexically_normal(path));
        let general = app
            .files
            .iter()
            .filter(|path| is_listed(analysis, path))
            .cloned()
            .chain(missing_general);
        // Component code files (custom function code, …), the missing too;
        // a component's files found by their names alone are not listed.
        let components = app.components.iter().flat_map(|component| {
            let present = component
                .files
                .iter()
                .map(|(_, path)| path)
                .filter(|path| is_listed(analysis, path));
            let missing = component.missing_files.iter().map(|(_, path)| path);
            present.chain(missing).map(|path| lexically_normal(path))
        });
        listed.extend(
            general
                .chain(components)
                .filter(|path| path.starts_with(&app.root))
                .map(|path| (path, app.root.clone())),
        );
    }
    listed
}

/// `a/./b/../c` as `a/c`, without touching the disk.
pub(super) fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
