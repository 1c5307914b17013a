//! The members an IML expression reads below a root variable at a cursor:
//! declared parameters, the linked connection's parameters and saved data,
//! `data`, `temp`, common-data and sample keys, output fields. All of them
//! come from the semantic model; completion lists them, hover describes one.

use std::path::{Path, PathBuf};

use iml_catalogue::Place;
use iml_jsonc::ValueKind;

use crate::semantic::{
    DeclaredParam, JsonPath, PathSegment, WrittenKey, common_keys, connection_data_keys,
    connection_keys, facts, flow_step_at, interface_fields, keys_below, sample_keys,
    visible_parameters, webhook_data_keys,
};

use super::markdown;
use super::site::Site;

/// One readable member.
pub(crate) enum Member {
    /// A declared parameter or output field.
    Param {
        param: DeclaredParam,
        file: PathBuf,
        /// What it is, when the root variable does not say.
        note: Option<&'static str>,
    },
    /// A key an object writes (`response.data`, `temp`, common data, samples).
    Written {
        name: String,
        file: PathBuf,
        /// The object that writes it, e.g. `token.response.data`.
        origin: String,
        path: JsonPath,
    },
}

impl Member {
    pub(crate) fn name(&self) -> &str {
        match self {
            Member::Param { param, .. } => &param.name,
            Member::Written { name, .. } => name,
        }
    }

    /// One line: a parameter's type and label, or where a key is written.
    pub(crate) fn detail(&self) -> String {
        match self {
            Member::Param { param, .. } => markdown::param_detail(param),
            Member::Written { origin, .. } => format!("from {origin}"),
        }
    }

    /// What the member is, read as `variable`.
    pub(crate) fn markdown(&self, site: &Site<'_>, variable: &str) -> String {
        let app_root = site.app_root();
        match self {
            Member::Param { param, file, note } => {
                let text = markdown::param(param, variable, file, app_root);
                match note {
                    Some(note) => format!("{note}\n\n{text}"),
                    None => text,
                }
            }
            Member::Written {
                name,
                file,
                origin,
                path,
            } => {
                let value = site
                    .analysis
                    .root_value(file)
                    .and_then(|root| path.resolve(root))
                    .and_then(|value| match &value.kind {
                        ValueKind::String(string) => Some(string.decoded.as_str()),
                        _ => None,
                    });
                markdown::written_key(name, origin, value, file, app_root)
            }
        }
    }
}

/// The members read as `<root>.<path…>.<member>`: declared ones, then written
/// ones, each list in file order (a key written twice is listed twice).
pub(crate) fn members(site: &Site<'_>, root: &str, path: &[&str]) -> (Vec<Member>, Vec<Member>) {
    let (analysis, file) = (site.analysis, site.path);
    let mut declared = Vec::new();
    let mut written = Vec::new();
    match root {
        "parameters" => {
            let params = visible_parameters(analysis, file).map(|v| v.params);
            declared.extend(params_below(params.unwrap_or_default(), path, None));
        }
        "connection" => {
            let keys = connection_keys(analysis, file).map(|k| k.keys);
            let keys = keys.unwrap_or_default();
            let params = keys
                .iter()
                .filter_map(|key| Some((key.file.clone(), key.param.clone()?)));
            declared.extend(params_below(params, path, Some("Connection parameter.")));
            let data: Vec<(PathBuf, WrittenKey)> = keys
                .into_iter()
                .filter_map(|key| Some((key.file, key.written?)))
                .collect();
            for (data_file, key) in &data {
                let found = keys_below(std::slice::from_ref(key), path);
                written.extend(
                    found
                        .into_iter()
                        .map(|k| written_member(k, data_file, None)),
                );
            }
        }
        "common" => {
            if let Some((common, keys)) = common_keys(analysis, file) {
                let found = keys_below(&keys, path);
                written.extend(
                    found
                        .into_iter()
                        .map(|k| written_member(k, &common, Some("common data"))),
                );
            }
        }
        "data" if site.place().is_some_and(Place::is_connection) => {
            if let Some((communication, facts)) = connection_data_keys(analysis, file) {
                let found = keys_below(&facts.data_keys, path);
                written.extend(
                    found
                        .into_iter()
                        .map(|k| written_member(k, &communication, None)),
                );
            }
        }
        "webhook" => {
            if let Some((attach, saved)) = webhook_data_keys(analysis, file) {
                let found = keys_below(&saved.data_keys, path);
                written.extend(
                    found
                        .into_iter()
                        .map(|k| written_member(k, &attach, Some("attach"))),
                );
            }
        }
        "temp" => {
            let read = flow_step_at(&site.cursor.context, &site.cursor.path);
            let facts = facts(analysis, file);
            let writes = facts.iter().flat_map(|f| &f.temp_writes);
            let visible: Vec<WrittenKey> = writes
                .filter(|w| read.is_none_or(|read| w.step.visible_to(&read) != Some(false)))
                .filter_map(|w| w.written.clone())
                .collect();
            let found = keys_below(&visible, path);
            written.extend(found.into_iter().map(|k| written_member(k, file, None)));
        }
        "body" | "item" => {
            for (samples, keys) in sample_keys(analysis, file) {
                let found = keys_below(&keys, path);
                written.extend(
                    found
                        .into_iter()
                        .map(|k| written_member(k, &samples, Some("samples"))),
                );
            }
            declared.extend(params_below(
                interface_fields(analysis, file),
                path,
                Some("Output field."),
            ));
        }
        _ => {}
    }
    (declared, written)
}

/// The parameters read as `<path…>.<name>`, the first of each name.
fn params_below(
    params: impl IntoIterator<Item = (PathBuf, DeclaredParam)>,
    path: &[&str],
    note: Option<&'static str>,
) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    for (file, param) in params {
        if param.is_child_of(path) && !out.iter().any(|m| m.name() == param.name) {
            out.push(Member::Param { param, file, note });
        }
    }
    out
}

/// A written key; `prefix` names the file kind when the key's own path
/// does not say where it is written (common data, samples).
fn written_member(key: &WrittenKey, file: &Path, prefix: Option<&str>) -> Member {
    let parent = &key.path.segments()[..key.path.len().saturating_sub(1)];
    let keys: Vec<&str> = parent
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Key(key) => Some(key.as_str()),
            PathSegment::Index(_) => None,
        })
        .collect();
    let origin = match prefix {
        Some(prefix) if keys.is_empty() => prefix.to_owned(),
        Some(prefix) => format!("{prefix}.{}", keys.join(".")),
        None => JsonPath(parent.to_vec()).to_string(),
    };
    Member::Written {
        name: key.name.clone(),
        file: file.to_path_buf(),
        origin,
        path: key.path.clone(),
    }
}

/// The property names of a member chain below its root (`a.b` of
/// `root.a[0].b`): the path `members` takes.
pub(crate) fn chain_keys(chain: &iml_lang::MemberChain) -> Vec<&str> {
    chain
        .path
        .iter()
        .filter_map(|segment| match segment {
            iml_lang::PathSegment::Property(name) => Some(name.text.as_str()),
            iml_lang::PathSegment::Index => None,
        })
        .collect()
}
