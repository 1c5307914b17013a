//! Facts about the app that completion and hover show: declared parameters,
//! keys written to `response.data`, `temp` and common data, sample keys.
//! Each is read from the cached value models of the few files involved.

use std::path::{Path, PathBuf};

use iml_catalogue::{self as catalogue, OAuthFlavour, Place, Section};
use iml_jsonc::{Value, ValueKind};

use crate::Analysis;
use crate::json;
use crate::roles::{ComponentKind, RoleKind};
use crate::semantic;

/// A parameter declared in a parameter file, with its collection members.
#[derive(Debug, Clone)]
pub(crate) struct DeclaredParam {
    pub(crate) name: String,
    pub(crate) label: Option<String>,
    pub(crate) type_name: Option<String>,
    pub(crate) help: Option<String>,
    pub(crate) file: PathBuf,
    /// Members of a collection (`spec`), read as `parameters.<name>.<child>`.
    pub(crate) children: Vec<DeclaredParam>,
}

impl DeclaredParam {
    pub(crate) fn detail(&self) -> String {
        let type_name = self.type_name.as_deref().unwrap_or("parameter");
        match &self.label {
            Some(label) => format!("{type_name} · {label}"),
            None => type_name.to_owned(),
        }
    }

    pub(crate) fn markdown(&self, variable: &str, root: &Path) -> String {
        let mut out = format!(
            "**{}** `{}`",
            self.label.as_deref().unwrap_or(&self.name),
            variable
        );
        if let Some(type_name) = &self.type_name {
            out.push_str(&format!("\n\nType: `{type_name}`"));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\n\n{help}"));
        }
        out.push_str(&format!(
            "\n\nDeclared in `{}`",
            shown_path(&self.file, root)
        ));
        out
    }
}

/// A path relative to the app root, for messages.
pub(crate) fn shown_path(file: &Path, root: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Builds the tree of parameters from the semantic model's flat list, whose
/// `path` is `name` at the top level and `parent.child` for collection
/// members (array items, `parent[].child`, are not reachable by name).
fn param_tree(
    flat: impl IntoIterator<Item = (PathBuf, semantic::DeclaredParam)>,
) -> Vec<DeclaredParam> {
    let mut top: Vec<DeclaredParam> = Vec::new();
    for (file, param) in flat {
        if param.path.contains('[') {
            continue;
        }
        let node = DeclaredParam {
            name: param.name.clone(),
            label: param.label.clone(),
            type_name: param.param_type.clone(),
            help: param.help.clone(),
            file,
            children: Vec::new(),
        };
        let mut steps: Vec<&str> = param.path.split('.').collect();
        steps.pop();
        let mut level = &mut top;
        let mut found = true;
        for step in steps {
            match level.iter().position(|p| p.name == step) {
                Some(i) => level = &mut level[i].children,
                None => {
                    found = false;
                    break;
                }
            }
        }
        if found && !level.iter().any(|p| p.name == node.name) {
            level.push(node);
        }
    }
    top
}

/// The parameters `path` reads as `parameters.*` (semantic model, cached).
pub(crate) fn visible_parameters(analysis: &Analysis, path: &Path) -> Vec<DeclaredParam> {
    semantic::visible_parameters(analysis, path).map_or_else(Vec::new, |v| param_tree(v.params))
}

/// The linked connection's parameters, as `connection.*` reads them.
pub(crate) fn connection_parameters(analysis: &Analysis, path: &Path) -> Vec<DeclaredParam> {
    let Some(keys) = semantic::connection_keys(analysis, path) else {
        return Vec::new();
    };
    param_tree(
        keys.keys
            .into_iter()
            .filter_map(|key| Some((key.file, key.param?))),
    )
}

/// Parameters of an interface file (the output description); the semantic
/// model keeps facts of input parameter files only.
pub(crate) fn interface_params(analysis: &Analysis, path: &Path) -> Vec<DeclaredParam> {
    let Some((_, component)) = analysis.component_of(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for file in component.files_with_role(RoleKind::Interface) {
        if let Some(root) = analysis.root_value(file) {
            collect_interface(root, file, &mut out, 0);
        }
    }
    out
}

const MAX_PARAM_DEPTH: usize = 16;

fn collect_interface(list: &Value, file: &Path, out: &mut Vec<DeclaredParam>, depth: usize) {
    let ValueKind::Array(items) = &list.kind else {
        return;
    };
    if depth > MAX_PARAM_DEPTH {
        return;
    }
    for item in items {
        let Some(name) = json::get_str(item, "name") else {
            continue;
        };
        let type_name = json::get_str(item, "type");
        let mut children = Vec::new();
        if type_name == Some("collection")
            && let Some(spec) = json::get(item, "spec")
        {
            collect_interface(spec, file, &mut children, depth + 1);
        }
        out.push(DeclaredParam {
            name: name.to_owned(),
            label: json::get_str(item, "label").map(str::to_owned),
            type_name: type_name.map(str::to_owned),
            help: json::get_str(item, "help").map(str::to_owned),
            file: file.to_path_buf(),
            children,
        });
    }
}

/// A key written into `response.data`, `temp` or common data.
#[derive(Debug, Clone)]
pub(crate) struct WrittenKey<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: Option<&'a Value>,
    pub(crate) file: &'a Path,
    /// Where it is written, e.g. `token.response.data`.
    pub(crate) origin: String,
}

/// The request specs of a communication with a readable name each
/// (`token`, `[2]`, or empty for a single request), in file order.
pub(crate) fn requests_of(root: &Value) -> Vec<(String, Option<Section>, &Value)> {
    match &root.kind {
        ValueKind::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, v)| matches!(v.kind, ValueKind::Object(_)))
            .map(|(i, v)| (format!("[{i}]"), None, v))
            .collect(),
        ValueKind::Object(members) => {
            let flavour = members
                .iter()
                .find_map(|m| catalogue::flavour_of_key(m.key.decoded.as_str()));
            let sections: Vec<_> = members
                .iter()
                .filter_map(|m| {
                    let flavour = flavour.unwrap_or(OAuthFlavour::OAuth2);
                    let info = catalogue::section(flavour, m.key.decoded.as_str())?;
                    let value = m.value.as_ref()?;
                    info.is_request
                        .then(|| (info.key.to_owned(), Some(info.section), value))
                })
                .collect();
            if sections.is_empty() {
                vec![(String::new(), None, root)]
            } else {
                sections
            }
        }
        _ => Vec::new(),
    }
}

fn object_keys<'a>(object: &'a Value, file: &'a Path, origin: &str, out: &mut Vec<WrittenKey<'a>>) {
    for member in json::members(object) {
        let name = member.key.decoded.as_str();
        if name.starts_with("{{") {
            continue;
        }
        out.push(WrittenKey {
            name,
            value: member.value.as_ref(),
            file,
            origin: origin.to_owned(),
        });
    }
}

fn dotted(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() {
        rest.to_owned()
    } else {
        format!("{prefix}.{rest}")
    }
}

/// Keys saved with `response.data` anywhere in a connection communication.
pub(crate) fn response_data_keys<'a>(
    analysis: &'a Analysis,
    file: &'a Path,
) -> Vec<WrittenKey<'a>> {
    let mut out = Vec::new();
    let Some(root) = analysis.root_value(file) else {
        return out;
    };
    for (name, _, request) in requests_of(root) {
        if let Some(data) = json::get(request, "response").and_then(|r| json::get(r, "data")) {
            object_keys(data, file, &dotted(&name, "response.data"), &mut out);
        }
    }
    out
}

/// The connection components a file's `connection.*` refers to (the
/// semantic model decides: linked and alternative connections, every
/// connection for Base).
pub(crate) fn linked_connections<'a>(
    analysis: &'a Analysis,
    path: &Path,
) -> Vec<&'a crate::Component> {
    let Some(app) = analysis.app(path) else {
        return Vec::new();
    };
    let Some(keys) = semantic::connection_keys(analysis, path) else {
        return Vec::new();
    };
    keys.connections
        .iter()
        .filter_map(|id| app.component(ComponentKind::Connection, id))
        .collect()
}

/// Keys the linked connection saves with `response.data`, with their writers.
pub(crate) fn connection_data<'a>(analysis: &'a Analysis, path: &Path) -> Vec<WrittenKey<'a>> {
    let mut out = Vec::new();
    for connection in linked_connections(analysis, path) {
        if let Some(communication) = connection.communication() {
            out.extend(response_data_keys(analysis, communication));
        }
    }
    out
}

/// The common data file a position sees: the connection's inside a
/// connection, the app's elsewhere.
pub(crate) fn common_file<'a>(
    analysis: &'a Analysis,
    path: &Path,
    place: Option<Place>,
) -> Option<&'a Path> {
    if place.is_some_and(Place::is_connection) {
        let (_, component) = analysis.component_of(path)?;
        return component.files_with_role(RoleKind::Common).next();
    }
    analysis.app(path)?.common.as_deref()
}

/// Order of a section in its flow; sections outside the flow sort last.
fn flow_order(section: Option<Section>) -> Option<u8> {
    let section = section?;
    [OAuthFlavour::OAuth2, OAuthFlavour::OAuth1]
        .iter()
        .flat_map(|f| catalogue::sections(*f))
        .find(|s| s.section == section)
        .and_then(|s| s.flow_order)
}

/// `temp` objects visible at a position: every request that runs before the
/// current one (earlier flow sections, earlier requests of an array) plus
/// the current request's own `temp` and, in its response, `response.temp`.
pub(crate) fn temp_objects<'a>(
    root: &'a Value,
    file: &'a Path,
    section: Option<Section>,
    request_index: usize,
    in_response: bool,
) -> Vec<(&'a Value, &'a Path, String)> {
    let mut out = Vec::new();
    let is_array = matches!(root.kind, ValueKind::Array(_));
    let current_order = flow_order(section);
    for (index, (name, request_section, request)) in requests_of(root).into_iter().enumerate() {
        let is_current = if is_array {
            index == request_index
        } else {
            request_section == section
        };
        let earlier = if is_array {
            index < request_index
        } else {
            match (flow_order(request_section), current_order) {
                (Some(a), Some(b)) => a < b,
                // `refresh` and `invalidate` run after the flow has saved its data.
                (Some(_), None) => section.is_some() && request_section != section,
                _ => false,
            }
        };
        if !(is_current || earlier) {
            continue;
        }
        if let Some(temp) = json::get(request, "temp") {
            out.push((temp, file, dotted(&name, "temp")));
        }
        if (earlier || in_response)
            && let Some(temp) = json::get(request, "response").and_then(|r| json::get(r, "temp"))
        {
            out.push((temp, file, dotted(&name, "response.temp")));
        }
    }
    out
}

/// The keys of the objects found by following `path` into each of `roots`.
pub(crate) fn keys_below<'a>(
    roots: &[(&'a Value, &'a Path, String)],
    path: &[&str],
) -> Vec<WrittenKey<'a>> {
    let mut out = Vec::new();
    for (root, file, origin) in roots {
        let mut value = *root;
        let mut ok = true;
        for step in path {
            match json::get(value, step) {
                Some(next) => value = next,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            let origin = if path.is_empty() {
                origin.clone()
            } else {
                format!("{origin}.{}", path.join("."))
            };
            object_keys(value, file, &origin, &mut out);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|k| seen.insert(k.name));
    out
}

/// The value objects of a component's samples (first item of an array).
pub(crate) fn sample_roots<'a>(
    analysis: &'a Analysis,
    path: &Path,
) -> Vec<(&'a Value, &'a Path, String)> {
    let Some((_, component)) = analysis.component_of(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for file in component.files_with_role(RoleKind::Samples) {
        match analysis.root_value(file).map(|v| (&v.kind, v)) {
            Some((ValueKind::Object(_), value)) => out.push((value, file, "samples".to_owned())),
            Some((ValueKind::Array(items), _)) => {
                if let Some(first) = items.first() {
                    out.push((first, file, "samples".to_owned()));
                }
            }
            _ => {}
        }
    }
    out
}
