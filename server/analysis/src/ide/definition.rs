//! Go to definition: from a read to the literals that declare or write it,
//! from `rpc://name` to the RPC, from a module id in `groups.json` to the
//! module, from a custom function call to its code, from a request's
//! `endpoint` name to the Endpoint.

use std::path::Path;

use text_size::{TextRange, TextSize};

use super::resolve::{
    Entity, endpoint_reference_at, entity_at, file_range, function_declaration, manifest_member,
};
use super::targets::{NavKind, NavTarget};
use crate::host::Analysis;
use crate::roles::ComponentKind;

/// The answer to go to definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The name under the cursor (the origin of a location link).
    pub origin: TextRange,
    pub targets: Vec<NavTarget>,
}

impl Analysis {
    /// Where the symbol at byte `offset` of `path` is declared or written.
    pub fn goto_definition(&self, path: &Path, offset: TextSize) -> Option<Definition> {
        goto_definition(self, path, offset)
    }
}

pub(crate) fn goto_definition(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
) -> Option<Definition> {
    if let Some((endpoint, origin)) = endpoint_reference_at(analysis, file, offset) {
        let targets = component_targets(analysis, file, ComponentKind::Endpoint, &endpoint);
        return (!targets.is_empty()).then_some(Definition { origin, targets });
    }
    let found = entity_at(analysis, file, offset)?;
    let name = found.entity.name().to_owned();
    let targets = match &found.entity {
        Entity::Key { defs, .. } => defs
            .iter()
            .map(|def| NavTarget {
                file: def.file.clone(),
                full_range: def.full,
                focus_range: def.range,
                name: name.clone(),
                kind: def.kind,
            })
            .collect(),
        Entity::Rpc(rpc) => rpc_targets(analysis, file, rpc),
        Entity::Module(module) => component_targets(analysis, file, ComponentKind::Module, module),
        Entity::Function(function) => function_targets(analysis, file, function),
    };
    (!targets.is_empty()).then_some(Definition {
        origin: found.origin,
        targets,
    })
}

/// The RPC's communication file, else its manifest entry.
fn rpc_targets(analysis: &Analysis, file: &Path, name: &str) -> Vec<NavTarget> {
    let communication = analysis
        .app(file)
        .and_then(|app| app.component(ComponentKind::Rpc, name))
        .and_then(|rpc| rpc.communication());
    if let Some(communication) = communication {
        let full_range = file_range(analysis, communication);
        return vec![NavTarget {
            file: communication.to_path_buf(),
            full_range,
            focus_range: TextRange::empty(full_range.start()),
            name: name.to_owned(),
            kind: NavKind::Rpc,
        }];
    }
    manifest_target(analysis, file, ComponentKind::Rpc, name, NavKind::Rpc)
}

/// A module's or an Endpoint's manifest entry, where its id, type and files
/// are declared; without a manifest (an exported app), its communication.
/// Endpoints have no navigation kind of their own: like modules, they are
/// components an app calls by id.
fn component_targets(
    analysis: &Analysis,
    file: &Path,
    kind: ComponentKind,
    id: &str,
) -> Vec<NavTarget> {
    let declared = manifest_target(analysis, file, kind, id, NavKind::Module);
    if !declared.is_empty() {
        return declared;
    }
    analysis
        .app(file)
        .and_then(|app| app.component(kind, id))
        .and_then(|component| component.communication())
        .map(|communication| {
            let full_range = file_range(analysis, communication);
            NavTarget {
                file: communication.to_path_buf(),
                full_range,
                focus_range: TextRange::empty(full_range.start()),
                name: id.to_owned(),
                kind: NavKind::Module,
            }
        })
        .into_iter()
        .collect()
}

/// `function <name>` in the function's code file, else its manifest entry.
fn function_targets(analysis: &Analysis, file: &Path, name: &str) -> Vec<NavTarget> {
    if let Some((code, focus_range)) = function_declaration(analysis, file, name) {
        let full_range = file_range(analysis, &code);
        return vec![NavTarget {
            file: code,
            full_range: full_range.cover(focus_range),
            focus_range,
            name: name.to_owned(),
            kind: NavKind::Function,
        }];
    }
    manifest_target(
        analysis,
        file,
        ComponentKind::Function,
        name,
        NavKind::Function,
    )
}

fn manifest_target(
    analysis: &Analysis,
    file: &Path,
    component: ComponentKind,
    name: &str,
    kind: NavKind,
) -> Vec<NavTarget> {
    manifest_member(analysis, file, component, name)
        .map(|(manifest, member)| NavTarget {
            file: manifest,
            full_range: member.range,
            focus_range: member.key.range,
            name: name.to_owned(),
            kind,
        })
        .into_iter()
        .collect()
}
