//! Finding what to check: apps (a `makecomapp.json` project or an older
//! export folder) and loose IML JSON files, from the paths on the command
//! line. Nothing is read here except directory listings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use iml_analysis::app_files::{
    EXPORT_METADATA_FILE_NAME, MANIFEST_FILE_NAME, is_app_file, is_iml_json_name,
};
use iml_analysis::config::is_config_file;
use iml_loader::{Walk, WalkEntry};

const COMPONENT_FOLDERS: [&str; 6] = [
    "connections",
    "modules",
    "rpcs",
    "webhooks",
    "functions",
    "endpoints",
];
/// How far above a checked path an export app root is looked for
/// (`<app>/modules/<module>/api.imljson` → `<app>`).
const EXPORT_ROOT_SEARCH_DEPTH: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AppKind {
    /// A folder with `makecomapp.json`.
    Manifest,
    /// An older export folder: `metadata.json` next to `*.imljson` codes.
    Export,
    /// IML JSON files that belong to no app.
    Loose,
}

/// One set of files analysed together in one analysis host, so that
/// cross-file rules see all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPlan {
    pub root: PathBuf,
    pub kind: AppKind,
    /// Files to load (absolute, normalised).
    pub files: BTreeSet<PathBuf>,
    /// Other files of a `makecomapp.json` app (README, scripts, JSON with
    /// other names): loaded only when the manifest lists them.
    pub other_files: BTreeSet<PathBuf>,
    /// Files or folders whose diagnostics are printed; the app's other files
    /// are still loaded for cross-file rules.
    pub scope: BTreeSet<PathBuf>,
}

impl AppPlan {
    pub fn in_scope(&self, path: &Path) -> bool {
        self.scope.iter().any(|scope| path.starts_with(scope))
    }

    /// Whether a loaded file's diagnostics are printed: files in scope, and
    /// every `iml-ls.toml` that applies to them (its problems change what
    /// they show).
    pub fn is_reported(&self, path: &Path) -> bool {
        self.in_scope(path)
            || (is_config_file(path)
                && path
                    .parent()
                    .is_some_and(|dir| self.scope.iter().any(|scope| scope.starts_with(dir))))
    }
}

/// A path the walk could not enter or resolve (F001), or a link to a folder
/// out of the checked folder (F005): the loader's own words for them.
pub use iml_loader::{WalkProblem, WalkProblemKind};

#[derive(Debug, Default)]
pub struct Plan {
    pub apps: Vec<AppPlan>,
    pub problems: Vec<WalkProblem>,
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("cannot check `{shown}`: {source}")]
    BadPath {
        shown: String,
        source: std::io::Error,
    },
}

/// `targets` are absolute and normalised; `shown` is how each was typed.
pub fn discover(targets: &[(PathBuf, String)]) -> Result<Plan, DiscoverError> {
    let mut builder = PlanBuilder::default();
    for (target, shown) in targets {
        let metadata = std::fs::metadata(target).map_err(|source| DiscoverError::BadPath {
            shown: shown.clone(),
            source,
        })?;
        let search_from = if metadata.is_dir() {
            target.as_path()
        } else {
            target.parent().unwrap_or(target)
        };
        match enclosing_app(search_from) {
            Some((root, kind)) => builder.walk(&root, kind, target),
            None if metadata.is_dir() => {
                let kind = classify_dir(target, false).unwrap_or(AppKind::Loose);
                builder.walk(target, kind, target);
            }
            None => {
                let root = target.parent().unwrap_or(target).to_path_buf();
                let plan = builder.plan(&root, AppKind::Loose);
                plan.files.insert(target.clone());
                plan.scope.insert(target.clone());
            }
        }
        // A file named on the command line is checked whatever its name.
        if !metadata.is_dir() {
            builder.force_file(target);
        }
    }
    Ok(builder.finish())
}

/// The app a path belongs to when the path is inside one (not when it is the
/// root: walking from the root finds that).
fn enclosing_app(dir: &Path) -> Option<(PathBuf, AppKind)> {
    if let Some(root) = dir
        .ancestors()
        .skip(1)
        .find(|ancestor| ancestor.join(MANIFEST_FILE_NAME).is_file())
    {
        return Some((root.to_path_buf(), AppKind::Manifest));
    }
    dir.ancestors()
        .skip(1)
        .take(EXPORT_ROOT_SEARCH_DEPTH)
        .filter(|ancestor| classify_dir(ancestor, true) == Some(AppKind::Export))
        .last()
        .map(|root| (root.to_path_buf(), AppKind::Export))
}

/// `strict` asks for the markers of an export app root, not just of a
/// component folder (which also has `metadata.json`).
fn classify_dir(dir: &Path, strict: bool) -> Option<AppKind> {
    if dir.join(MANIFEST_FILE_NAME).is_file() {
        return Some(AppKind::Manifest);
    }
    if !dir.join(EXPORT_METADATA_FILE_NAME).is_file() {
        return None;
    }
    let root_markers = dir.join(".sdk").is_file()
        || dir.join("base.imljson").is_file()
        || COMPONENT_FOLDERS
            .iter()
            .any(|folder| dir.join(folder).is_dir());
    if root_markers {
        return Some(AppKind::Export);
    }
    if strict {
        return None;
    }
    let has_codes = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.ends_with(".imljson"))
        })
    });
    has_codes.then_some(AppKind::Export)
}

/// The files loaded from a walk: the app files the language server indexes
/// (one list, `iml_analysis::app_files`), so both see the same app.
fn wanted(path: &Path) -> bool {
    is_app_file(path)
}

#[derive(Default)]
struct PlanBuilder {
    apps: BTreeMap<(PathBuf, AppKind), AppPlan>,
    problems: BTreeMap<PathBuf, WalkProblemKind>,
}

impl PlanBuilder {
    fn plan(&mut self, root: &Path, kind: AppKind) -> &mut AppPlan {
        self.apps
            .entry((root.to_path_buf(), kind))
            .or_insert_with(|| AppPlan {
                root: root.to_path_buf(),
                kind,
                files: BTreeSet::new(),
                other_files: BTreeSet::new(),
                scope: BTreeSet::new(),
            })
    }

    /// Walks `root` (an app of `kind`, or a plain folder when `Loose`) and
    /// records every app inside; only what lies under `target` is reported.
    fn walk(&mut self, root: &Path, kind: AppKind, target: &Path) {
        // (depth of the app root in this walk, app root, kind)
        let mut owners: Vec<(usize, PathBuf, AppKind)> = vec![(0, root.to_path_buf(), kind)];
        let mut outside = Vec::new();
        // Where the walk goes, which folders it skips and how links are
        // followed is the loader's, shared with the language server.
        for entry in Walk::new(root) {
            let (path, depth, is_folder) = match entry {
                WalkEntry::Folder { path, depth } => (path, depth, true),
                WalkEntry::File { path, depth, .. } => (path, depth, false),
                WalkEntry::LinkOutside {
                    path,
                    is_folder: true,
                    ..
                } => {
                    outside.push(path);
                    continue;
                }
                // A link to a file out of the app is left to the reading,
                // which refuses it (F005) and says so.
                WalkEntry::LinkOutside { path, depth, .. } => (path, depth, false),
                WalkEntry::Problem(problem) => {
                    self.walk_problem(problem, target);
                    continue;
                }
                WalkEntry::Stopped => break,
            };
            while owners.len() > 1
                && owners
                    .last()
                    .is_some_and(|(owner_depth, _, _)| *owner_depth >= depth)
            {
                owners.pop();
            }
            if is_folder {
                if depth == 0 {
                    continue;
                }
                let inside_app = owners.iter().any(|(_, _, kind)| *kind != AppKind::Loose);
                let nested = match classify_dir(&path, false) {
                    Some(AppKind::Manifest) => Some(AppKind::Manifest),
                    Some(AppKind::Export) if !inside_app => Some(AppKind::Export),
                    _ => None,
                };
                if let Some(nested) = nested {
                    owners.push((depth, path, nested));
                }
                continue;
            }
            let Some((_, owner_root, owner_kind)) = owners.last().cloned() else {
                continue;
            };
            let is_wanted = wanted(&path);
            if !is_wanted && owner_kind != AppKind::Manifest {
                continue;
            }
            // Files of the app that holds the target are loaded for cross-file
            // rules even when only part of the app is reported.
            let app_of_target = owner_kind != AppKind::Loose && target.starts_with(&owner_root);
            if !path.starts_with(target) && !app_of_target {
                continue;
            }
            let scope = if owner_root.starts_with(target) {
                owner_root.clone()
            } else {
                target.to_path_buf()
            };
            let plan = self.plan(&owner_root, owner_kind);
            if is_wanted {
                plan.files.insert(path);
            } else {
                plan.other_files.insert(path);
            }
            plan.scope.insert(scope);
        }
        for path in outside {
            if path.starts_with(target) {
                self.problems
                    .entry(path)
                    .or_insert(WalkProblemKind::Outside);
            }
        }
    }

    fn walk_problem(&mut self, problem: WalkProblem, target: &Path) {
        let WalkProblem { path, kind } = problem;
        if !path.starts_with(target) {
            return;
        }
        if matches!(kind, WalkProblemKind::Unreadable(_)) {
            let is_iml = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_iml_json_name);
            let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.is_dir());
            // A broken link or unreadable entry matters only where a spec
            // file could be.
            if !is_iml && !is_dir {
                return;
            }
        }
        self.problems.entry(path).or_insert(kind);
    }

    fn force_file(&mut self, target: &Path) {
        if let Some(plan) = self
            .apps
            .values_mut()
            .find(|plan| plan.scope.contains(target))
        {
            plan.other_files.remove(target);
            plan.files.insert(target.to_path_buf());
        }
    }

    fn finish(self) -> Plan {
        Plan {
            apps: self
                .apps
                .into_values()
                .filter(|plan| !plan.scope.is_empty())
                .collect(),
            problems: self
                .problems
                .into_iter()
                .map(|(path, kind)| WalkProblem { path, kind })
                .collect(),
        }
    }
}
