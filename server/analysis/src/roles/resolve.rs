//! The resolution order (also in `docs/roles.md`):
//! 1. `makecomapp.json` itself is the manifest.
//! 2. The nearest `makecomapp.json` above the file: a `codeFiles` or
//!    `generalCodeFiles` entry decides everything. A file the manifest does not
//!    list but that lies next to a listed one joins that component.
//! 3. File-name conventions, the component folder (`modules/<id>/`) and the
//!    folder's metadata (`metadata.json`, `meta.json`, `<id>.module.json`).
//! 4. The content: an OAuth flow makes a communication a connection's, and a
//!    connection communication's keys decide between OAuth 1, OAuth 2 and basic.

use std::path::Path;

use iml_jsonc::Value;

use super::names::NameMatch;
use super::{
    CodeName, ComponentKind, ComponentRef, ConnectionKind, FileRole, RoleKind, RoleSource,
    UnknownReason, component_kind_of_folder, connection_kind_from_content, looks_like_oauth,
    match_name,
};
use crate::manifest::{Manifest, ManifestComponent, ManifestEntry};
use crate::metadata::{ComponentMetadata, declared_connection_kind};
use crate::paths::{ancestor_dirs, dir_name, file_name};

/// What role resolution may look at besides the file's own path. Every answer
/// comes from a cache: resolving one role never parses another file.
pub(crate) trait LayoutLookup {
    /// The parsed `dir/makecomapp.json`, when that file is known.
    fn manifest_in(&self, dir: &Path) -> Option<&Manifest>;
    /// Component metadata kept in `dir`.
    fn metadata_in(&self, dir: &Path) -> Option<&ComponentMetadata>;
    /// The root value of the file itself.
    fn content(&self, path: &Path) -> Option<&Value>;
}

/// How far above a file a component folder (`modules/`) may sit.
const COMPONENT_FOLDER_DEPTH: usize = 3;

pub(crate) fn resolve_role(path: &Path, lookup: &impl LayoutLookup) -> FileRole {
    // Before every naming convention: `x.tests.iml.json` would otherwise
    // read as a component file named `x.tests`.
    if path
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(iml_spectest::is_test_file_name)
    {
        return FileRole {
            source: RoleSource::FileName,
            ..FileRole::unknown_kind(RoleKind::SpecTest)
        };
    }
    let name = match_name(path);
    if name == NameMatch::Manifest {
        return FileRole {
            source: RoleSource::FileName,
            ..FileRole::unknown_kind(RoleKind::Manifest)
        };
    }
    if let Some(manifest) = nearest_manifest(path, lookup) {
        if let Some(entry) = manifest.entry(path) {
            return from_manifest_entry(path, manifest, entry, lookup);
        }
        if let NameMatch::Code { code, .. } = &name
            && let Some(component) = path.parent().and_then(|dir| manifest.component_in_dir(dir))
        {
            let mut role = from_manifest_component(path, component, *code, lookup);
            role.source = RoleSource::FileName;
            return role;
        }
    }
    let folder = folder_context(path);
    match name {
        NameMatch::Manifest => unreachable_manifest(),
        NameMatch::Metadata => {
            let component = folder.as_ref().map(|(kind, id)| {
                let metadata = path.parent().and_then(|dir| lookup.metadata_in(dir));
                component_ref(*kind, id.clone(), None, metadata)
            });
            FileRole {
                kind: RoleKind::ExportMetadata,
                component,
                connection_kind: None,
                source: RoleSource::FileName,
            }
        }
        NameMatch::Unknown(reason) => {
            let directly_in_component_folder = folder.as_ref().is_some_and(|(_, id)| id.is_none())
                && path.extension().is_some_and(|ext| ext == "json");
            if reason == UnknownReason::UnrecognisedName && directly_in_component_folder {
                connection_by_content(path, folder, lookup)
                    .unwrap_or_else(|| FileRole::unknown(UnknownReason::HomeGrownComponentFile))
            } else {
                FileRole::unknown(reason)
            }
        }
        NameMatch::Code {
            code,
            kind_hint,
            id_hint,
            needs_component_folder,
        } => from_name(
            path,
            code,
            kind_hint,
            id_hint,
            needs_component_folder,
            folder,
            lookup,
        ),
    }
}

fn unreachable_manifest() -> FileRole {
    // Handled before the manifest lookup; kept total so no input can panic.
    FileRole {
        source: RoleSource::FileName,
        ..FileRole::unknown_kind(RoleKind::Manifest)
    }
}

impl FileRole {
    fn unknown_kind(kind: RoleKind) -> FileRole {
        FileRole {
            kind,
            component: None,
            connection_kind: None,
            source: RoleSource::None,
        }
    }
}

fn nearest_manifest<'a>(path: &Path, lookup: &'a impl LayoutLookup) -> Option<&'a Manifest> {
    ancestor_dirs(path).find_map(|dir| lookup.manifest_in(dir))
}

fn from_manifest_entry(
    path: &Path,
    manifest: &Manifest,
    entry: ManifestEntry,
    lookup: &impl LayoutLookup,
) -> FileRole {
    match entry {
        ManifestEntry::General(code) => FileRole {
            kind: code.role(None),
            component: None,
            connection_kind: None,
            source: RoleSource::Manifest,
        },
        ManifestEntry::Component(index, code) => {
            from_manifest_component(path, &manifest.components[index], code, lookup)
        }
    }
}

fn from_manifest_component(
    path: &Path,
    component: &ManifestComponent,
    code: CodeName,
    lookup: &impl LayoutLookup,
) -> FileRole {
    let kind = code.role(Some(component.kind));
    let component_ref = ComponentRef {
        kind: component.kind,
        id: component.id.clone(),
        module_type: component.module_type,
        webhook_type: component.webhook_type,
    };
    let connection_kind = (component.kind == ComponentKind::Connection).then(|| {
        let declared = component
            .connection_type
            .as_deref()
            .and_then(declared_connection_kind);
        let named = (code == CodeName::OAuthCommunication).then_some(ConnectionKind::OAuth2);
        refine_by_content(path, kind, declared.or(named), lookup)
    });
    FileRole {
        kind,
        component: Some(component_ref),
        connection_kind: connection_kind.flatten(),
        source: RoleSource::Manifest,
    }
}

/// A connection communication's keys override what was declared.
fn refine_by_content(
    path: &Path,
    kind: RoleKind,
    declared: Option<ConnectionKind>,
    lookup: &impl LayoutLookup,
) -> Option<ConnectionKind> {
    if kind != RoleKind::Communication {
        return declared;
    }
    let from_content = lookup.content(path).and_then(connection_kind_from_content);
    match (from_content, declared) {
        // A bare request in a file declared OAuth is still an OAuth file being written.
        (
            Some(ConnectionKind::Basic),
            Some(declared @ (ConnectionKind::OAuth1 | ConnectionKind::OAuth2)),
        ) => Some(declared),
        (Some(found), _) => Some(found),
        (None, declared) => declared.or(Some(ConnectionKind::Basic)),
    }
}

/// The component folder above a file: its kind, and the component id when the
/// file sits in a folder of its own below it (`modules/<id>/…`). A singular
/// home-grown folder (`connection/`) is the component itself.
fn folder_context(path: &Path) -> Option<(ComponentKind, Option<String>)> {
    let parent = path.parent()?;
    for (depth, dir) in ancestor_dirs(path).take(COMPONENT_FOLDER_DEPTH).enumerate() {
        let name = dir_name(dir);
        if let Some(kind) = component_kind_of_folder(name) {
            let id = if depth == 0 {
                (!name.ends_with('s')).then(|| name.to_owned())
            } else {
                Some(dir_name(parent).to_owned())
            };
            return Some((kind, id));
        }
    }
    None
}

fn component_ref(
    kind: ComponentKind,
    id: Option<String>,
    id_hint: Option<String>,
    metadata: Option<&ComponentMetadata>,
) -> ComponentRef {
    let id = metadata
        .and_then(|metadata| metadata.name.clone())
        .or(id)
        .or(id_hint)
        .unwrap_or_else(|| kind.manifest_key().to_owned());
    ComponentRef {
        kind,
        id,
        module_type: metadata
            .filter(|_| kind == ComponentKind::Module)
            .and_then(|metadata| metadata.module_type),
        webhook_type: metadata
            .filter(|_| kind == ComponentKind::Webhook)
            .and_then(ComponentMetadata::webhook_type),
    }
}

fn from_name(
    path: &Path,
    code: CodeName,
    kind_hint: Option<ComponentKind>,
    id_hint: Option<String>,
    needs_component_folder: bool,
    folder: Option<(ComponentKind, Option<String>)>,
    lookup: &impl LayoutLookup,
) -> FileRole {
    if code.is_app_level() {
        return FileRole {
            kind: code.role(None),
            component: None,
            connection_kind: None,
            source: RoleSource::FileName,
        };
    }
    if needs_component_folder && folder.is_none() && kind_hint.is_none() {
        return FileRole::unknown(UnknownReason::UnrecognisedName);
    }
    let (folder_kind, folder_id) = match folder {
        Some((kind, id)) => (Some(kind), id),
        None => (None, None),
    };
    let kind = kind_hint.or(folder_kind);
    if code == CodeName::Common && kind != Some(ComponentKind::Connection) {
        return FileRole {
            kind: RoleKind::Common,
            component: None,
            connection_kind: None,
            source: RoleSource::FileName,
        };
    }
    let metadata = path.parent().and_then(|dir| lookup.metadata_in(dir));
    let role_kind = code.role(kind);
    let Some(kind) = kind else {
        return communication_by_content(path, role_kind, id_hint, lookup);
    };
    let component = component_ref(kind, folder_id, id_hint, metadata);
    let connection_kind = (kind == ComponentKind::Connection).then(|| {
        let declared = metadata.and_then(ComponentMetadata::declared_connection_kind);
        let named = (code == CodeName::OAuthCommunication).then_some(ConnectionKind::OAuth2);
        refine_by_content(path, role_kind, declared.or(named), lookup)
    });
    FileRole {
        kind: role_kind,
        component: Some(component),
        connection_kind: connection_kind.flatten(),
        source: RoleSource::FileName,
    }
}

/// A file of unknown name directly in `connections/` (`connections/acme.iml.json`)
/// whose content is an OAuth flow: that connection's communication, named
/// after the file. Any other such file stays a home-grown descriptor, since
/// a request alone does not tell a communication from a component's
/// description.
fn connection_by_content(
    path: &Path,
    folder: Option<(ComponentKind, Option<String>)>,
    lookup: &impl LayoutLookup,
) -> Option<FileRole> {
    if folder.map(|(kind, _)| kind) != Some(ComponentKind::Connection) {
        return None;
    }
    let root = lookup.content(path).filter(|root| looks_like_oauth(root))?;
    let name = file_name(path);
    let id = name.split('.').next().filter(|id| !id.is_empty())?;
    Some(FileRole {
        kind: RoleKind::Communication,
        component: Some(component_ref(
            ComponentKind::Connection,
            Some(id.to_owned()),
            None,
            None,
        )),
        connection_kind: connection_kind_from_content(root),
        source: RoleSource::Content,
    })
}

/// A code file whose component kind no folder or prefix tells: an OAuth flow
/// in a communication makes it a connection's.
fn communication_by_content(
    path: &Path,
    role_kind: RoleKind,
    id_hint: Option<String>,
    lookup: &impl LayoutLookup,
) -> FileRole {
    if role_kind == RoleKind::Communication
        && let Some(root) = lookup.content(path)
        && looks_like_oauth(root)
    {
        return FileRole {
            kind: role_kind,
            component: Some(component_ref(
                ComponentKind::Connection,
                None,
                id_hint,
                None,
            )),
            connection_kind: connection_kind_from_content(root),
            source: RoleSource::Content,
        };
    }
    FileRole {
        kind: role_kind,
        component: None,
        connection_kind: None,
        source: RoleSource::FileName,
    }
}
