//! The files manifests list: walks go by file name and miss those under
//! other names (the readme, custom function code), so they are loaded, and
//! watched, because a manifest names them. A listed path leading out of its
//! app is never loaded; the analysis reports it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use iml_analysis::{Analysis, AppLayout, AppModel, RoleSource};

use crate::normalize;

/// Whose manifests are read.
#[derive(Debug, Clone, Copy)]
pub enum AppsOf<'a> {
    /// Every app the analysis holds.
    All,
    /// The apps whose root is this folder or lies under it.
    Under(&'a Path),
    /// The one app with this root.
    Root(&'a Path),
}

impl AppsOf<'_> {
    fn includes(self, app: &AppModel) -> bool {
        match self {
            AppsOf::All => true,
            AppsOf::Under(folder) => app.root.starts_with(folder),
            AppsOf::Root(root) => app.root == root,
        }
    }
}

/// What one manifest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub root: PathBuf,
    /// Listed files inside the root that the analysis holds or the disk has.
    pub present: BTreeSet<PathBuf>,
    /// Listed files inside the root that are nowhere (yet).
    pub missing: BTreeSet<PathBuf>,
    /// Listed paths, as written, that lead out of the root: never loaded.
    pub outside: Vec<String>,
}

/// Whether a manifest lists `path` (as a code file or a general file),
/// whatever its name, and whether it exists or not.
pub fn is_listed(analysis: &Analysis, path: &Path) -> bool {
    analysis.role(path).source == RoleSource::Manifest
}

/// Every file the manifests of `apps` list inside their app roots, present
/// or missing, each with the root of the app that lists it. Decided without
/// the disk.
pub fn listed_files(analysis: &Analysis, apps: AppsOf) -> BTreeMap<PathBuf, PathBuf> {
    let mut listed = BTreeMap::new();
    for app in analysis.apps_list() {
        if app.layout != AppLayout::LocalDevelopment || !apps.includes(app) {
            continue;
        }
        listed.extend(
            listed_in(analysis, app)
                .filter(|path| path.starts_with(&app.root))
                .map(|path| (path, app.root.clone())),
        );
    }
    listed
}

/// The listed files of `apps` the analysis does not hold although they are
/// on disk: the ones to load.
pub fn listed_unloaded(analysis: &Analysis, apps: AppsOf) -> Vec<PathBuf> {
    // Reading checks again that each stays inside the front end's boundary.
    listed_files(analysis, apps)
        .into_keys()
        .filter(|path| !analysis.contains(path) && path.is_file())
        .collect()
}

/// What each manifest of `apps` lists: present, missing and outside.
pub fn listings(analysis: &Analysis, apps: AppsOf) -> Vec<Listing> {
    analysis
        .apps_list()
        .iter()
        .filter(|app| app.layout == AppLayout::LocalDevelopment && apps.includes(app))
        .map(|app| {
            let (present, missing) = listed_in(analysis, app)
                .filter(|path| path.starts_with(&app.root))
                .partition(|path| analysis.contains(path) || path.is_file());
            Listing {
                root: app.root.clone(),
                present,
                missing,
                outside: app
                    .outside_paths
                    .iter()
                    .map(|outside| outside.written.clone())
                    .collect(),
            }
        })
        .collect()
}

/// The general files and component code files `app`'s manifest lists, the
/// missing ones too (so that creating one is noticed), normalised; a
/// component's files found by their names alone are not listed.
fn listed_in<'a>(analysis: &'a Analysis, app: &'a AppModel) -> impl Iterator<Item = PathBuf> + 'a {
    let general = app
        .files
        .iter()
        .filter(|path| is_listed(analysis, path))
        .chain(app.missing_general_files.iter().map(|(_, path)| path));
    let components = app.components.iter().flat_map(|component| {
        let present = component
            .files
            .iter()
            .map(|(_, path)| path)
            .filter(|path| is_listed(analysis, path));
        present.chain(component.missing_files.iter().map(|(_, path)| path))
    });
    general.chain(components).map(|path| normalize(path))
}

#[cfg(test)]
mod tests {
    use iml_analysis::AnalysisHost;

    use super::*;

    #[test]
    fn a_listing_tells_present_missing_and_outside_apart() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("app");
        let manifest = r#"{
  "fileVersion": 1,
  "generalCodeFiles": { "readme": "./docs/../README.md", "base": "../base.iml.json" },
  "components": { "function": {
    "hash": { "codeFiles": { "code": "functions/hash.code.js" } },
    "sign": { "codeFiles": { "code": "functions/sign.code.js" } }
  } }
}"#;
        std::fs::create_dir_all(root.join("functions")).unwrap();
        std::fs::write(root.join("README.md"), "# App\n").unwrap();
        std::fs::write(root.join("functions/hash.code.js"), "function hash() {}\n").unwrap();
        let mut host = AnalysisHost::new();
        host.set_file(root.join("makecomapp.json"), manifest.to_owned());
        let analysis = host.snapshot();

        let listing = listings(&analysis, AppsOf::Root(&root));
        assert_eq!(listing.len(), 1);
        let listing = &listing[0];
        assert_eq!(
            listing.present,
            BTreeSet::from([root.join("README.md"), root.join("functions/hash.code.js")])
        );
        assert_eq!(
            listing.missing,
            BTreeSet::from([root.join("functions/sign.code.js")])
        );
        assert_eq!(listing.outside, ["../base.iml.json"]);

        // Neither is held yet, both are on disk: both are to be loaded.
        assert_eq!(
            listed_unloaded(&analysis, AppsOf::All),
            [root.join("README.md"), root.join("functions/hash.code.js")]
        );
        assert_eq!(listed_files(&analysis, AppsOf::All).len(), 3);
        assert!(listings(&analysis, AppsOf::Under(&root.join("functions"))).is_empty());
    }
}
