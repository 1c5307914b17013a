//! `makecomapp.json` (spec §11.4) read into the mapping the role resolver and
//! the app model need. Parsed once per manifest text and cached with its file.
//!
//! The one place that knows where a manifest holds paths: every such string
//! is kept with its literal's range, so features that rewrite or check the
//! paths read them from here instead of walking the JSON again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iml_jsonc::{Value, ValueKind};
use text_size::TextRange;

use crate::json::{get, get_str, members};
use crate::paths::join_inside;
use crate::roles::{CodeName, ComponentKind, ModuleType, WebhookType, parse_module_type};

/// Where a `codeFiles` entry points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodePath {
    /// A path inside the app root (resolved, absolute).
    Inside(PathBuf),
    /// A path that leaves the app root or is absolute: recorded as written, never read.
    Outside(String),
}

/// One string of the manifest that holds a path relative to its folder:
/// an entry of `generalCodeFiles`, of a component's `codeFiles`, or an
/// origin's `apikeyFile`. Empty strings and other values are not paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManifestPath {
    /// The file's part, from the entry's key; `None` for a key Make does not
    /// define (kept, so a rename still rewrites it) and for `apikeyFile`.
    pub(crate) code: Option<CodeName>,
    /// The path as written, decoded; never empty.
    pub(crate) written: String,
    /// The JSON string literal, quotes included.
    pub(crate) range: TextRange,
    pub(crate) resolved: CodePath,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestComponent {
    pub kind: ComponentKind,
    pub id: String,
    pub label: Option<String>,
    /// `connectionType` as written (`basic` or `oauth`).
    pub connection_type: Option<String>,
    pub module_type: Option<ModuleType>,
    pub webhook_type: Option<WebhookType>,
    pub connection: Option<String>,
    pub alt_connection: Option<String>,
    pub webhook: Option<String>,
    pub(crate) code_files: Vec<ManifestPath>,
}

impl ManifestPath {
    /// The same entry pointing at the same file, wherever it is written.
    fn same_entry(&self, other: &ManifestPath) -> bool {
        self.code == other.code && self.written == other.written && self.resolved == other.resolved
    }
}

fn same_entries(a: &[ManifestPath], b: &[ManifestPath]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.same_entry(b))
}

impl ManifestComponent {
    /// The same declaration, wherever it is written.
    fn declares_same(&self, other: &ManifestComponent) -> bool {
        // Destructured so that a new field cannot be left out of the comparison.
        let ManifestComponent {
            kind,
            id,
            label,
            connection_type,
            module_type,
            webhook_type,
            connection,
            alt_connection,
            webhook,
            code_files,
        } = self;
        *kind == other.kind
            && *id == other.id
            && *label == other.label
            && *connection_type == other.connection_type
            && *module_type == other.module_type
            && *webhook_type == other.webhook_type
            && *connection == other.connection
            && *alt_connection == other.alt_connection
            && *webhook == other.webhook
            && same_entries(code_files, &other.code_files)
    }

    /// The code files under a key Make defines.
    pub(crate) fn code_files(&self) -> impl Iterator<Item = (CodeName, &CodePath)> {
        known_files(&self.code_files)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ManifestEntry {
    General(CodeName),
    Component(usize, CodeName),
}

/// The parsed manifest of one app.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    general: Vec<ManifestPath>,
    pub components: Vec<ManifestComponent>,
    /// `origins[].apikeyFile`: read by Make's tooling, not part of the app.
    origin_files: Vec<ManifestPath>,
    /// Built on the first lookup. Most manifest keystrokes only compare
    /// two readings (`declares_same_app`) and never look a file up, and in
    /// a manifest of thousands of modules hashing every path was a large
    /// share of a keystroke.
    index: OnceLock<ManifestIndex>,
}

/// From a listed file, or its folder, to what lists it.
#[derive(Debug, Clone, Default)]
struct ManifestIndex {
    by_path: HashMap<PathBuf, ManifestEntry>,
    by_dir: HashMap<PathBuf, usize>,
}

impl Manifest {
    /// Whether two readings declare the same app: the same components and
    /// files, wherever in the text they are written (every edit above an
    /// entry moves its range, which nothing built from the app keeps).
    pub(crate) fn declares_same_app(&self, other: &Manifest) -> bool {
        same_entries(&self.general, &other.general)
            && same_entries(&self.origin_files, &other.origin_files)
            && self.components.len() == other.components.len()
            && self
                .components
                .iter()
                .zip(&other.components)
                .all(|(a, b)| a.declares_same(b))
    }

    /// Reads the manifest found in folder `root`. Tolerates any shape: what
    /// cannot be read is skipped.
    pub(crate) fn parse(root: &Path, value: &Value) -> Manifest {
        let mut manifest = Manifest {
            general: get(value, "generalCodeFiles")
                .map(|general| code_files(root, general))
                .unwrap_or_default(),
            ..Manifest::default()
        };
        if let Some(components) = get(value, "components") {
            for kind in ComponentKind::ALL {
                let Some(of_kind) = get(components, kind.manifest_key()) else {
                    continue;
                };
                for member in members(of_kind) {
                    let Some(meta) = member.value.as_ref() else {
                        continue;
                    };
                    if !matches!(meta.kind, ValueKind::Object(_)) {
                        continue;
                    }
                    manifest.components.push(read_component(
                        root,
                        kind,
                        member.key.decoded.as_str(),
                        meta,
                    ));
                }
            }
        }
        if let Some(Value {
            kind: ValueKind::Array(origins),
            ..
        }) = get(value, "origins")
        {
            manifest.origin_files = origins
                .iter()
                .filter_map(|origin| manifest_path(root, None, get(origin, "apikeyFile")?))
                .collect();
        }
        manifest
    }

    fn index(&self) -> &ManifestIndex {
        self.index.get_or_init(|| {
            let mut index = ManifestIndex::default();
            for (code, path) in known_files(&self.general) {
                if let CodePath::Inside(path) = path {
                    index
                        .by_path
                        .insert(path.clone(), ManifestEntry::General(code));
                }
            }
            for (position, component) in self.components.iter().enumerate() {
                for (code, path) in component.code_files() {
                    if let CodePath::Inside(path) = path {
                        index
                            .by_path
                            .insert(path.clone(), ManifestEntry::Component(position, code));
                        if let Some(dir) = path.parent() {
                            index.by_dir.entry(dir.to_path_buf()).or_insert(position);
                        }
                    }
                }
            }
            index
        })
    }

    pub(crate) fn entry(&self, path: &Path) -> Option<ManifestEntry> {
        self.index().by_path.get(path).copied()
    }

    /// The component whose declared files live in `dir`, for a file the
    /// manifest does not list (a new file next to the others).
    pub(crate) fn component_in_dir(&self, dir: &Path) -> Option<&ManifestComponent> {
        self.index()
            .by_dir
            .get(dir)
            .map(|&position| &self.components[position])
    }

    pub fn component(&self, kind: ComponentKind, id: &str) -> Option<&ManifestComponent> {
        self.components
            .iter()
            .find(|component| component.kind == kind && component.id == id)
    }

    /// The `generalCodeFiles` under a key Make defines.
    pub(crate) fn general_files(&self) -> impl Iterator<Item = (CodeName, &CodePath)> {
        known_files(&self.general)
    }

    /// Every string of the manifest that holds a path, whatever its key:
    /// `generalCodeFiles`, each component's `codeFiles`, each origin's `apikeyFile`.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &ManifestPath> {
        self.general
            .iter()
            .chain(self.components.iter().flat_map(|c| &c.code_files))
            .chain(&self.origin_files)
    }
}

fn known_files(paths: &[ManifestPath]) -> impl Iterator<Item = (CodeName, &CodePath)> {
    paths
        .iter()
        .filter_map(|path| Some((path.code?, &path.resolved)))
}

/// The entries of a `generalCodeFiles` or `codeFiles` object.
fn code_files(root: &Path, files: &Value) -> Vec<ManifestPath> {
    members(files)
        .iter()
        .filter_map(|member| {
            let code = CodeName::from_manifest_key(member.key.decoded.as_str());
            manifest_path(root, code, member.value.as_ref()?)
        })
        .collect()
}

fn manifest_path(root: &Path, code: Option<CodeName>, value: &Value) -> Option<ManifestPath> {
    let ValueKind::String(string) = &value.kind else {
        return None;
    };
    let written = string.decoded.as_str();
    if written.is_empty() {
        return None;
    }
    Some(ManifestPath {
        code,
        written: written.to_owned(),
        range: string.range,
        resolved: match join_inside(root, written) {
            Some(path) => CodePath::Inside(path),
            None => CodePath::Outside(written.to_owned()),
        },
    })
}

fn read_component(root: &Path, kind: ComponentKind, id: &str, meta: &Value) -> ManifestComponent {
    let text = |key: &str| get_str(meta, key).map(str::to_owned);
    let code_files = get(meta, "codeFiles")
        .map(|files| code_files(root, files))
        .unwrap_or_default();
    ManifestComponent {
        kind,
        id: id.to_owned(),
        label: text("label"),
        connection_type: text("connectionType"),
        module_type: get_str(meta, "moduleType")
            .or_else(|| get_str(meta, "moduleSubtype"))
            .and_then(parse_module_type),
        webhook_type: get_str(meta, "webhookType").and_then(WebhookType::parse),
        connection: text("connection"),
        alt_connection: text("altConnection"),
        webhook: text("webhook"),
        code_files,
    }
}
