//! Where an app's components are declared and listed: manifest entries and
//! their `idMapping` pairs, `groups.json` module lists, custom function code.

use std::path::{Path, PathBuf};

use iml_jsonc::{JsonString, Member, Value, ValueKind};
use text_size::{TextRange, TextSize};

use crate::app_files::MANIFEST_FILE_NAME;
use crate::host::Analysis;
use crate::ide::names::js_function_name;
use crate::json::{get, members};
use crate::roles::{ComponentKind, RoleKind};

/// The module ids listed in the groups of a `groups.json` value.
pub(super) fn group_module_entries(root: &Value) -> impl Iterator<Item = &JsonString> {
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
pub(super) fn id_mapping_locals<'a>(
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
