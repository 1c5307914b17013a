//! The symbol under a cursor: a read in IML, a declaring key or `name`
//! literal, an `rpc://` reference, a module id in `groups.json`, a manifest
//! entry, or the Endpoint a request calls.

use std::path::Path;

use iml_jsonc::{JsonString, ValueKind};
use iml_lang::ExprKind;
use text_size::{TextRange, TextSize};

use super::symbol::{
    Entity, FileScope, Found, KeyDef, bare_name_range, literal_content, resolve_read,
};
use crate::host::Analysis;
use crate::ide::names::rpc_reference;
use crate::ide::targets::NavKind;
use crate::ide::walk::chain_steps;
use crate::roles::RoleKind;
use crate::semantic::{CursorTarget, PathSegment, facts, flow_step_at, position_at};

fn is_custom_function(analysis: &Analysis, file: &Path, name: &str) -> bool {
    iml_catalogue::function(name).is_none() && analysis.custom_function_names(file).contains(&name)
}

/// The symbol at `offset` of `file`, if any.
pub(crate) fn entity_at(analysis: &Analysis, file: &Path, offset: TextSize) -> Option<Found> {
    let cursor = position_at(analysis, file, offset)?;
    match &cursor.target {
        CursorTarget::Iml(_) => {
            let string = cursor.iml_string()?;
            let block = cursor.block()?;
            let at = cursor.decoded_offset()?;
            for expr in block.expr.walk() {
                if let ExprKind::Call { callee, .. } = &expr.kind
                    && callee.range.contains_inclusive(at)
                    && is_custom_function(analysis, file, &callee.text)
                {
                    return Some(Found {
                        entity: Entity::Function(callee.text.clone()),
                        origin: string.to_source(callee.range),
                    });
                }
            }
            let step =
                chain_steps(&block.expr).find(|step| step.name.range.contains_inclusive(at))?;
            let mut scope = FileScope::default();
            let read = flow_step_at(&cursor.context, &cursor.path);
            let defs = resolve_read(
                analysis,
                file,
                &mut scope,
                &step.root.text,
                &step.path,
                read.as_ref(),
            );
            let kind = defs.first()?.kind;
            Some(Found {
                entity: Entity::Key {
                    kind,
                    name: step.name.text.clone(),
                    defs,
                },
                origin: string.to_source(bare_name_range(step.name)),
            })
        }
        CursorTarget::Key {
            object,
            key: Some(key),
            range: Some(range),
            ..
        } => {
            if analysis.role(file).kind == RoleKind::Manifest {
                return manifest_key(object.segments(), key, analysis.file_text(file)?, *range);
            }
            declared_key(analysis, file, *range, key)
        }
        CursorTarget::StringValue { range, .. } => {
            let root = analysis.root_value(file)?;
            let ValueKind::String(string) = &cursor.path.resolve(root)?.kind else {
                return None;
            };
            if string.range != *range {
                return None;
            }
            if is_group_module_entry(analysis, file, cursor.path.segments()) {
                return Some(Found {
                    entity: Entity::Module(string.decoded.as_str().to_owned()),
                    origin: string.decoded.content_range(),
                });
            }
            string_value(analysis, file, string, offset)
        }
        _ => None,
    }
}

fn manifest_key(object: &[PathSegment], key: &str, text: &str, range: TextRange) -> Option<Found> {
    let [PathSegment::Key(components), PathSegment::Key(kind)] = object else {
        return None;
    };
    if components != "components" {
        return None;
    }
    let entity = match kind.as_str() {
        "rpc" => Entity::Rpc(key.to_owned()),
        "module" => Entity::Module(key.to_owned()),
        "function" => Entity::Function(key.to_owned()),
        _ => return None,
    };
    Some(Found {
        entity,
        origin: literal_content(text, range),
    })
}

/// A key literal that writes `response.data` (of a connection or an
/// attach), `temp` or common data.
fn declared_key(analysis: &Analysis, file: &Path, range: TextRange, key: &str) -> Option<Found> {
    let facts = facts(analysis, file)?;
    let text = analysis.file_text(file)?;
    let origin = literal_content(text, range);
    let found = |kind, defs: Vec<KeyDef>| Found {
        entity: Entity::Key {
            kind,
            name: key.to_owned(),
            defs,
        },
        origin,
    };
    let def = |range, kind| KeyDef {
        file: file.to_path_buf(),
        range,
        full: range,
        kind,
    };
    // What a connection or an attach saves in `response.data`.
    let saved = [
        (&facts.connection, NavKind::ConnectionData),
        (&facts.attach_data, NavKind::WebhookData),
    ];
    for (data, kind) in saved {
        if let Some(data) = data
            && data.data_keys.iter().any(|k| k.range == range)
        {
            let defs = data
                .data_keys
                .iter()
                .filter(|k| k.name == key)
                .map(|k| def(k.range, kind))
                .collect();
            return Some(found(kind, defs));
        }
    }
    if facts
        .temp_writes
        .iter()
        .any(|w| w.range == range && w.key.is_some())
    {
        let defs = facts
            .temp_writes
            .iter()
            .filter(|w| w.key.as_deref() == Some(key))
            .map(|w| def(w.range, NavKind::Temp))
            .collect();
        return Some(found(NavKind::Temp, defs));
    }
    if let Some(keys) = &facts.common_keys
        && keys.iter().any(|k| k.range == range)
    {
        return Some(found(NavKind::Common, vec![def(range, NavKind::Common)]));
    }
    None
}

/// A parameter's `name` value, or an `rpc://` reference.
fn string_value(
    analysis: &Analysis,
    file: &Path,
    string: &JsonString,
    offset: TextSize,
) -> Option<Found> {
    if let Some(params) = facts(analysis, file).and_then(|f| f.params.clone())
        && let Some(param) = params
            .params
            .iter()
            .find(|p| p.name_range == Some(string.range))
    {
        return Some(Found {
            entity: Entity::Key {
                kind: NavKind::Parameter,
                name: param.name.clone(),
                defs: vec![KeyDef {
                    file: file.to_path_buf(),
                    range: string.range,
                    full: param.range,
                    kind: NavKind::Parameter,
                }],
            },
            origin: string.decoded.content_range(),
        });
    }
    let (name, range) = rpc_reference(string.decoded.as_str())?;
    let origin = string.decoded.range_to_source(range);
    if offset < string.decoded.content_range().start()
        || offset > string.decoded.content_range().end()
    {
        return None;
    }
    Some(Found {
        entity: Entity::Rpc(name.to_owned()),
        origin,
    })
}

/// Whether `path` leads to an entry of a group's `modules` in `groups.json`
/// (`[group].modules[entry]`).
fn is_group_module_entry(analysis: &Analysis, file: &Path, path: &[PathSegment]) -> bool {
    matches!(
        path,
        [PathSegment::Index(_), PathSegment::Key(key), PathSegment::Index(_)] if &**key == "modules"
    ) && analysis.role(file).kind == RoleKind::Groups
}

/// The Endpoint a request calls, when the cursor is on its name: the value
/// of `endpoint`, of `name` in its object form, or of `pagination.endpoint`.
/// Returns the name and the range of the name in the source.
pub(crate) fn endpoint_reference_at(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
) -> Option<(String, TextRange)> {
    if analysis.role(file).kind != RoleKind::Communication {
        return None;
    }
    let cursor = position_at(analysis, file, offset)?;
    let CursorTarget::StringValue { range, .. } = &cursor.target else {
        return None;
    };
    let root = analysis.root_value(file)?;
    let ValueKind::String(string) = &cursor.path.resolve(root)?.kind else {
        return None;
    };
    if string.range != *range || string.decoded.as_str().contains("{{") {
        return None;
    }
    let is_key =
        |segment: &PathSegment, name: &str| matches!(segment, PathSegment::Key(k) if k == name);
    let segments = cursor.path.segments();
    let request = match segments {
        [rest @ .., endpoint, name] if is_key(endpoint, "endpoint") && is_key(name, "name") => rest,
        [rest @ .., endpoint] if is_key(endpoint, "endpoint") => rest,
        _ => return None,
    };
    let request = match request {
        [rest @ .., pagination] if is_key(pagination, "pagination") => rest,
        _ => request,
    };
    if !matches!(request, [] | [PathSegment::Index(_)]) {
        return None;
    }
    Some((
        string.decoded.as_str().to_owned(),
        string.decoded.content_range(),
    ))
}
