//! `makecomapp.json` (spec §11.4) read into the mapping the role resolver and
//! the app model need. Parsed once per manifest text and cached with its file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use iml_jsonc::{Value, ValueKind};

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
    pub(crate) code_files: Vec<(CodeName, CodePath)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ManifestEntry {
    General(CodeName),
    Component(usize, CodeName),
}

/// The parsed manifest of one app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manifest {
    pub(crate) general: Vec<(CodeName, CodePath)>,
    pub components: Vec<ManifestComponent>,
    by_path: HashMap<PathBuf, ManifestEntry>,
    by_dir: HashMap<PathBuf, usize>,
}

impl Manifest {
    /// Reads the manifest found in folder `root`. Tolerates any shape: what
    /// cannot be read is skipped.
    pub(crate) fn parse(root: &Path, value: &Value) -> Manifest {
        let mut manifest = Manifest::default();
        if let Some(general) = get(value, "generalCodeFiles") {
            for member in members(general) {
                let Some(code) = CodeName::from_manifest_key(member.key.decoded.as_str()) else {
                    continue;
                };
                if let Some(path) = member.value.as_ref().and_then(|v| code_path(root, v)) {
                    manifest.general.push((code, path));
                }
            }
        }
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
        manifest.index();
        manifest
    }

    fn index(&mut self) {
        for (code, path) in &self.general {
            if let CodePath::Inside(path) = path {
                self.by_path
                    .insert(path.clone(), ManifestEntry::General(*code));
            }
        }
        for (index, component) in self.components.iter().enumerate() {
            for (code, path) in &component.code_files {
                if let CodePath::Inside(path) = path {
                    self.by_path
                        .insert(path.clone(), ManifestEntry::Component(index, *code));
                    if let Some(dir) = path.parent() {
                        self.by_dir.entry(dir.to_path_buf()).or_insert(index);
                    }
                }
            }
        }
    }

    pub(crate) fn entry(&self, path: &Path) -> Option<ManifestEntry> {
        self.by_path.get(path).copied()
    }

    /// The component whose declared files live in `dir`, for a file the
    /// manifest does not list (a new file next to the others).
    pub(crate) fn component_in_dir(&self, dir: &Path) -> Option<&ManifestComponent> {
        self.by_dir.get(dir).map(|&index| &self.components[index])
    }

    pub fn component(&self, kind: ComponentKind, id: &str) -> Option<&ManifestComponent> {
        self.components
            .iter()
            .find(|component| component.kind == kind && component.id == id)
    }
}

fn code_path(root: &Path, value: &Value) -> Option<CodePath> {
    let ValueKind::String(string) = &value.kind else {
        return None;
    };
    let raw = string.decoded.as_str();
    if raw.is_empty() {
        return None;
    }
    Some(match join_inside(root, raw) {
        Some(path) => CodePath::Inside(path),
        None => CodePath::Outside(raw.to_owned()),
    })
}

fn read_component(root: &Path, kind: ComponentKind, id: &str, meta: &Value) -> ManifestComponent {
    let text = |key: &str| get_str(meta, key).map(str::to_owned);
    let mut code_files = Vec::new();
    if let Some(files) = get(meta, "codeFiles") {
        for member in members(files) {
            let Some(code) = CodeName::from_manifest_key(member.key.decoded.as_str()) else {
                continue;
            };
            if let Some(path) = member.value.as_ref().and_then(|v| code_path(root, v)) {
                code_files.push((code, path));
            }
        }
    }
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
