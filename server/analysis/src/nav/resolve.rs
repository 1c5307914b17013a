//! What a name means and where else it occurs: the symbol under a cursor
//! (a read in IML, a declaring literal, an `rpc://` reference, a module id
//! in `groups.json`, a manifest entry) and every occurrence of that symbol
//! across the app.
//!
//! A key symbol (parameter, connection data, `temp`, common data) is the set
//! of literals that declare or write it; a read belongs to it when the
//! semantic model resolves the read to one of those literals. So a
//! connection parameter read as `parameters.x` inside the connection and as
//! `connection.x` in a module is one symbol, and so is a `response.data`
//! key written by both `token` and `refresh`.

use std::path::{Path, PathBuf};

use iml_jsonc::{JsonString, Member, Value, ValueKind};
use iml_lang::{ExprKind, Name};
use text_size::{TextRange, TextSize};

use super::NavKind;
use super::names::{js_function_name, rpc_reference};
use super::walk::{chain_steps, string_values};
use crate::app_files::MANIFEST_FILE_NAME;
use crate::json::{get, members};
use crate::semantic::{
    ConnectionFacts, ConnectionKeys, CursorTarget, FlowStep, KeySource, PathSegment, TempWrite,
    VisibleParams, WrittenKey, common_keys, connection_data_keys, connection_keys, context_at_path,
    facts, flow_step_at, position_at, sites, visible_parameters,
};
use crate::{Analysis, ComponentKind, RoleKind};

/// One literal that declares or writes a key symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyDef {
    pub(crate) file: PathBuf,
    /// The literal (quotes included): a parameter's `name` value or a key.
    pub(crate) range: TextRange,
    /// The whole declaration: the parameter object, else the literal.
    pub(crate) full: TextRange,
    pub(crate) kind: NavKind,
}

impl KeyDef {
    fn same_literal(&self, other: &KeyDef) -> bool {
        self.file == other.file && self.range == other.range
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entity {
    Key {
        kind: NavKind,
        /// The name as read (the last property of the chain).
        name: String,
        defs: Vec<KeyDef>,
    },
    Rpc(String),
    Module(String),
    Function(String),
}

impl Entity {
    pub(crate) fn name(&self) -> &str {
        match self {
            Entity::Key { name, .. } => name,
            Entity::Rpc(name) | Entity::Module(name) | Entity::Function(name) => name,
        }
    }
}

/// The symbol under a cursor and the range of its name there.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) entity: Entity,
    /// The name under the cursor, without quotes or backticks.
    pub(crate) origin: TextRange,
}

/// How an occurrence is spelled, which decides how a rename rewrites it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// A whole JSON string literal (a key or a `name` value): rewritten as `"new"`.
    JsonLiteral,
    /// An IML name, backticks included: rewritten with backticks when needed.
    ImlName,
    /// Bare text (an `rpc://` name, a function name): rewritten as is.
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) file: PathBuf,
    /// The name itself (no quotes, no backticks).
    pub(crate) range: TextRange,
    /// What a rename replaces.
    pub(crate) edit_range: TextRange,
    pub(crate) form: Form,
    pub(crate) access: super::ReferenceAccess,
}

/// The scope queries of one file, asked lazily and once.
#[derive(Default)]
pub(crate) struct FileScope {
    params: Option<Option<VisibleParams>>,
    connection: Option<Option<ConnectionKeys>>,
    data: Option<Option<(PathBuf, ConnectionFacts)>>,
    temp: Option<Vec<TempWrite>>,
    common: Option<Option<(PathBuf, Vec<WrittenKey>)>>,
}

/// The literals a read `root.path` in `file` resolves to. `read` is where a
/// `temp` read sits in the connection flow: only writes that may run before
/// it count, as for completion and C010 (`None`: every write).
pub(crate) fn resolve_read(
    analysis: &Analysis,
    file: &Path,
    scope: &mut FileScope,
    root: &str,
    path: &str,
    read: Option<&FlowStep>,
) -> Vec<KeyDef> {
    match root {
        "parameters" => scope
            .params
            .get_or_insert_with(|| visible_parameters(analysis, file))
            .iter()
            .flat_map(|visible| &visible.params)
            .filter(|(_, param)| param.path == path)
            .map(|(declared_in, param)| KeyDef {
                file: declared_in.clone(),
                range: param.name_range.unwrap_or(param.range),
                full: param.range,
                kind: NavKind::Parameter,
            })
            .collect(),
        "connection" => scope
            .connection
            .get_or_insert_with(|| connection_keys(analysis, file))
            .iter()
            .flat_map(|keys| &keys.keys)
            .filter(|key| key.name == path)
            .map(|key| KeyDef {
                file: key.file.clone(),
                range: key.range,
                full: key.param.as_ref().map_or(key.range, |p| p.range),
                kind: match key.source {
                    KeySource::Parameter => NavKind::Parameter,
                    KeySource::ResponseData | KeySource::Common => NavKind::ConnectionData,
                },
            })
            .collect(),
        "data" => {
            let data = scope
                .data
                .get_or_insert_with(|| connection_data_keys(analysis, file));
            match data {
                Some((communication, facts)) => facts
                    .data_keys
                    .iter()
                    .filter(|key| key.name == path)
                    .map(|key| KeyDef {
                        file: communication.clone(),
                        range: key.range,
                        full: key.range,
                        kind: NavKind::ConnectionData,
                    })
                    .collect(),
                None => Vec::new(),
            }
        }
        "temp" => scope
            .temp
            .get_or_insert_with(|| {
                facts(analysis, file)
                    .map(|facts| facts.temp_writes.clone())
                    .unwrap_or_default()
            })
            .iter()
            .filter(|write| write.key.as_deref() == Some(path))
            .filter(|write| read.is_none_or(|read| write.step.visible_to(read) != Some(false)))
            .map(|write| KeyDef {
                file: file.to_path_buf(),
                range: write.range,
                full: write.range,
                kind: NavKind::Temp,
            })
            .collect(),
        "common" => {
            let common = scope
                .common
                .get_or_insert_with(|| common_keys(analysis, file));
            match common {
                Some((common_file, keys)) => keys
                    .iter()
                    .filter(|key| key.name == path)
                    .map(|key| KeyDef {
                        file: common_file.clone(),
                        range: key.range,
                        full: key.range,
                        kind: NavKind::Common,
                    })
                    .collect(),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The range of a name without its backticks.
pub(crate) fn bare_name_range(name: &Name) -> TextRange {
    if name.backticked && name.range.len() >= TextSize::from(2) {
        let inner_end = name.range.start() + TextSize::from(1) + TextSize::of(name.text.as_str());
        TextRange::new(
            name.range.start() + TextSize::from(1),
            inner_end.min(name.range.end()),
        )
    } else {
        name.range
    }
}

/// A string literal's content range, quotes excluded.
pub(crate) fn literal_content(text: &str, literal: TextRange) -> TextRange {
    let (start, end) = (usize::from(literal.start()), usize::from(literal.end()));
    let mut inner = literal;
    if text.as_bytes().get(start) == Some(&b'"') {
        inner = TextRange::new(inner.start() + TextSize::from(1), inner.end());
    }
    if end > start + 1 && text.as_bytes().get(end - 1) == Some(&b'"') && inner.end() > inner.start()
    {
        inner = TextRange::new(inner.start(), inner.end() - TextSize::from(1));
    }
    inner
}

pub(crate) fn is_custom_function(analysis: &Analysis, file: &Path, name: &str) -> bool {
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

/// A key literal that writes `response.data`, `temp` or common data.
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
    if let Some(connection) = &facts.connection
        && connection.data_keys.iter().any(|k| k.range == range)
    {
        let defs = connection
            .data_keys
            .iter()
            .filter(|k| k.name == key)
            .map(|k| def(k.range, NavKind::ConnectionData))
            .collect();
        return Some(found(NavKind::ConnectionData, defs));
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

/// The module ids listed in the groups of a `groups.json` value.
pub(crate) fn group_module_entries(root: &Value) -> impl Iterator<Item = &JsonString> {
    let groups = match &root.kind {
        ValueKind::Array(groups) => groups.as_slice(),
        _ => &[],
    };
    groups
        .iter()
        .filter_map(|group| match &get(group, "modules")?.kind {
            ValueKind::Array(entries) => Some(entries),
            _ => None,
        })
        .flatten()
        .filter_map(|entry| match &entry.kind {
            ValueKind::String(string) => Some(string),
            _ => None,
        })
}

/// The `local` ids of `origins[].idMapping.<kind>[]` in the manifest that
/// equal `id`: the pairing of a local component with its remote twin, which
/// a rename must carry along or the next deploy loses the pairing.
fn id_mapping_locals<'a>(
    manifest: &'a Value,
    kind: ComponentKind,
    id: &'a str,
) -> impl Iterator<Item = &'a JsonString> {
    let origins = match get(manifest, "origins").map(|origins| &origins.kind) {
        Some(ValueKind::Array(origins)) => origins.as_slice(),
        _ => &[],
    };
    origins
        .iter()
        .filter_map(move |origin| {
            match &get(get(origin, "idMapping")?, kind.manifest_key())?.kind {
                ValueKind::Array(pairs) => Some(pairs),
                _ => None,
            }
        })
        .flatten()
        .filter_map(|pair| match &get(pair, "local")?.kind {
            ValueKind::String(local) => Some(local),
            _ => None,
        })
        .filter(move |local| local.decoded.as_str() == id)
}

/// The files an occurrence may be in: the app's, or the file alone.
pub(crate) fn app_files(analysis: &Analysis, file: &Path) -> Vec<PathBuf> {
    match analysis.app(file) {
        Some(app) => app.files.clone(),
        None => vec![file.to_path_buf()],
    }
}

/// The manifest's member for component `id` of `kind`, with the manifest's path.
pub(crate) fn manifest_member<'a>(
    analysis: &'a Analysis,
    file: &Path,
    kind: ComponentKind,
    id: &str,
) -> Option<(PathBuf, &'a Member)> {
    let app = analysis.app(file)?;
    let manifest = app.root.join(MANIFEST_FILE_NAME);
    let root = analysis.root_value(&manifest)?;
    let of_kind = get(get(root, "components")?, kind.manifest_key())?;
    let member = members(of_kind)
        .iter()
        .rev()
        .find(|m| m.key.decoded.as_str() == id)?;
    Some((manifest, member))
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

/// Where to look for the occurrences of a symbol.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Within<'a> {
    /// Every file of the app.
    App,
    /// This file alone: the reads of no other file are resolved.
    File(&'a Path),
}

/// Every occurrence of `entity` across the app of `file`, sorted by file and range.
pub(crate) fn occurrences(analysis: &Analysis, file: &Path, entity: &Entity) -> Vec<Occurrence> {
    occurrences_within(analysis, file, entity, Within::App)
}

/// Every occurrence of `entity` (found from `file`) in the files `within`
/// names, sorted by file and range.
pub(crate) fn occurrences_within(
    analysis: &Analysis,
    file: &Path,
    entity: &Entity,
    within: Within<'_>,
) -> Vec<Occurrence> {
    use super::ReferenceAccess::{Read, Write};
    let mut out = Vec::new();
    let files = match within {
        Within::App => app_files(analysis, file),
        Within::File(only) => vec![only.to_path_buf()],
    };
    match entity {
        Entity::Key { defs, .. } => {
            for def in defs {
                let Some(text) = analysis.file_text(&def.file) else {
                    continue;
                };
                out.push(Occurrence {
                    file: def.file.clone(),
                    range: literal_content(text, def.range),
                    edit_range: def.range,
                    form: Form::JsonLiteral,
                    access: Write,
                });
            }
            for other in &files {
                let Some(sites) = sites(analysis, other) else {
                    continue;
                };
                let mut scope = FileScope::default();
                for site in sites.sites() {
                    for step in chain_steps(&site.block.expr) {
                        if step.root.backticked {
                            continue;
                        }
                        let read = (step.root.text == "temp")
                            .then(|| {
                                let path = &site.string.path;
                                let context =
                                    context_at_path(analysis, other, path, site.string.is_key);
                                flow_step_at(&context, path)
                            })
                            .flatten();
                        let found = resolve_read(
                            analysis,
                            other,
                            &mut scope,
                            &step.root.text,
                            &step.path,
                            read.as_ref(),
                        );
                        if found.iter().any(|d| defs.iter().any(|e| e.same_literal(d))) {
                            out.push(Occurrence {
                                file: other.clone(),
                                range: site.to_source(bare_name_range(step.name)),
                                edit_range: site.to_source(step.name.range),
                                form: Form::ImlName,
                                access: Read,
                            });
                        }
                    }
                }
            }
        }
        Entity::Rpc(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Rpc, name, &mut out);
            for other in &files {
                let Some(root) = analysis.root_value(other) else {
                    continue;
                };
                for string in string_values(root) {
                    let Some((found, range)) = rpc_reference(string.decoded.as_str()) else {
                        continue;
                    };
                    if found == name {
                        let range = string.decoded.range_to_source(range);
                        out.push(Occurrence {
                            file: other.clone(),
                            range,
                            edit_range: range,
                            form: Form::Raw,
                            access: Read,
                        });
                    }
                }
            }
        }
        Entity::Module(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Module, name, &mut out);
            for other in &files {
                if analysis.role(other).kind != RoleKind::Groups {
                    continue;
                }
                let Some(root) = analysis.root_value(other) else {
                    continue;
                };
                for entry in group_module_entries(root) {
                    if entry.decoded.as_str() == name {
                        out.push(Occurrence {
                            file: other.clone(),
                            range: entry.decoded.content_range(),
                            edit_range: entry.range,
                            form: Form::JsonLiteral,
                            access: Read,
                        });
                    }
                }
            }
        }
        Entity::Function(name) => {
            manifest_occurrences(analysis, file, ComponentKind::Function, name, &mut out);
            if let Some((code, range)) = function_declaration(analysis, file, name) {
                out.push(Occurrence {
                    file: code,
                    range,
                    edit_range: range,
                    form: Form::Raw,
                    access: Write,
                });
            }
            for other in &files {
                let Some(sites) = sites(analysis, other) else {
                    continue;
                };
                for site in sites.sites() {
                    for expr in site.block.expr.walk() {
                        if let ExprKind::Call { callee, .. } = &expr.kind
                            && callee.text == *name
                            && !callee.backticked
                        {
                            let range = site.to_source(callee.range);
                            out.push(Occurrence {
                                file: other.clone(),
                                range,
                                edit_range: range,
                                form: Form::Raw,
                                access: Read,
                            });
                        }
                    }
                }
            }
        }
    }
    if let Within::File(only) = within {
        out.retain(|occurrence| occurrence.file == only);
    }
    out.sort_by(|a, b| {
        (&a.file, a.range.start(), a.range.end()).cmp(&(&b.file, b.range.start(), b.range.end()))
    });
    out.dedup_by(|a, b| a.file == b.file && a.range == b.range);
    out
}

/// The manifest's entry of component `id` (a write) and the `idMapping`
/// pairs naming it (reads).
fn manifest_occurrences(
    analysis: &Analysis,
    file: &Path,
    kind: ComponentKind,
    id: &str,
    out: &mut Vec<Occurrence>,
) {
    let Some((manifest, member)) = manifest_member(analysis, file, kind, id) else {
        return;
    };
    let text = analysis.file_text(&manifest).unwrap_or_default();
    out.push(Occurrence {
        range: literal_content(text, member.key.range),
        edit_range: member.key.range,
        file: manifest.clone(),
        form: Form::JsonLiteral,
        access: super::ReferenceAccess::Write,
    });
    let Some(root) = analysis.root_value(&manifest) else {
        return;
    };
    for local in id_mapping_locals(root, kind, id) {
        out.push(Occurrence {
            file: manifest.clone(),
            range: local.decoded.content_range(),
            edit_range: local.range,
            form: Form::JsonLiteral,
            access: super::ReferenceAccess::Read,
        });
    }
}

/// The custom function's code file and the range of `function <name>` in it.
pub(crate) fn function_declaration(
    analysis: &Analysis,
    file: &Path,
    name: &str,
) -> Option<(PathBuf, TextRange)> {
    let app = analysis.app(file)?;
    let component = app.component(ComponentKind::Function, name)?;
    let code = component.files_with_role(RoleKind::FunctionCode).next()?;
    let text = analysis.file_text(code)?;
    let range = js_function_name(text, name).unwrap_or_else(|| TextRange::empty(TextSize::from(0)));
    Some((code.to_path_buf(), range))
}

/// The top-level value's range of a JSON file, else the whole text.
pub(crate) fn file_range(analysis: &Analysis, file: &Path) -> TextRange {
    analysis
        .root_value(file)
        .map(|root: &Value| root.range)
        .unwrap_or_else(|| {
            let len = analysis.file_text(file).map_or(0, str::len);
            TextRange::up_to(TextSize::try_from(len).unwrap_or_default())
        })
}
