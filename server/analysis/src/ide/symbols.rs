//! Document symbols (the outline of one file) and workspace symbols
//! (components, parameters, RPCs and connection data keys of every app).

use std::path::{Path, PathBuf};

use iml_catalogue::{OAuthFlavour, section};
use iml_jsonc::{Member, Value, ValueKind};
use text_size::TextRange;

use super::resolve::{file_range, function_declaration};
use crate::host::Analysis;
use crate::json::{as_str, get, get_str, members};
use crate::roles::{ComponentKind, RoleKind};
use crate::semantic::facts;

impl Analysis {
    /// The outline of `path`, capped at [`MAX_DOCUMENT_SYMBOLS`] symbols.
    pub fn document_symbols(&self, path: &Path) -> Vec<DocumentSymbol> {
        document_symbols(self, path)
    }

    /// Components, parameters, RPCs and connection data keys of every app
    /// whose name matches `query` (a case-insensitive subsequence), at most `limit`.
    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
        workspace_symbols(self, query, limit)
    }
}

/// The cap on one file's outline, as editors apply to large documents.
pub const MAX_DOCUMENT_SYMBOLS: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// An OAuth section (`preauthorize`, `token`, …).
    Section,
    /// One request of a communication.
    Request,
    /// A request's `response` block.
    Response,
    /// A declared parameter.
    Parameter,
    /// Any other key.
    Property,
    /// An array element without a better name.
    Element,
    /// A connection, module, webhook or endpoint.
    Component,
    Rpc,
    Function,
    /// A key written into a connection's `response.data`.
    ConnectionData,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct (member or array element).
    pub range: TextRange,
    /// What to reveal: the key or the `name` value; inside `range`.
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// Where it belongs (the component id, the app folder).
    pub container: Option<String>,
    pub detail: Option<String>,
    pub file: PathBuf,
    pub range: TextRange,
}

/// Counts symbols against [`MAX_DOCUMENT_SYMBOLS`].
struct Budget(usize);

impl Budget {
    fn take(&mut self) -> bool {
        if self.0 == 0 {
            return false;
        }
        self.0 -= 1;
        true
    }
}

/// Deeper than this, the outline stops (user data inside `body`, samples).
const MAX_OUTLINE_DEPTH: usize = 8;

pub(crate) fn document_symbols(analysis: &Analysis, file: &Path) -> Vec<DocumentSymbol> {
    let Some(root) = analysis.root_value(file) else {
        return Vec::new();
    };
    let mut budget = Budget(MAX_DOCUMENT_SYMBOLS);
    let role = analysis.role(file);
    match role.kind {
        RoleKind::Params
        | RoleKind::StaticParams
        | RoleKind::MappableParams
        | RoleKind::InputParams
        | RoleKind::OutputParams
        | RoleKind::Interface => param_list(root, &mut budget, 0),
        RoleKind::Communication
        | RoleKind::Epoch
        | RoleKind::Attach
        | RoleKind::Detach
        | RoleKind::Update => communication(root, &mut budget),
        _ => outline(root, &mut budget, 0),
    }
}

fn oauth_flavour(root: &Value) -> Option<OAuthFlavour> {
    let keys = members(root);
    [OAuthFlavour::OAuth2, OAuthFlavour::OAuth1]
        .into_iter()
        .find(|&flavour| {
            keys.iter().any(|m| {
                section(flavour, m.key.decoded.as_str()).is_some_and(|s| s.identifies_flavour)
            })
        })
}

fn communication(root: &Value, budget: &mut Budget) -> Vec<DocumentSymbol> {
    let Some(flavour) = oauth_flavour(root) else {
        return requests(root, budget);
    };
    let mut out = Vec::new();
    for member in members(root) {
        if !budget.take() {
            break;
        }
        let key = member.key.decoded.as_str();
        let (kind, detail, children) = match (section(flavour, key), &member.value) {
            (Some(info), Some(value)) => {
                let step = info.flow_order.map_or_else(
                    || "outside the authorization flow".to_owned(),
                    |n| format!("step {n} of the authorization flow"),
                );
                let children = if info.is_request {
                    requests(value, budget)
                } else {
                    outline(value, budget, 1)
                };
                (SymbolKind::Section, Some(step), children)
            }
            (_, Some(value)) => (SymbolKind::Property, None, outline(value, budget, 1)),
            (_, None) => (SymbolKind::Property, None, Vec::new()),
        };
        out.push(DocumentSymbol {
            name: key.to_owned(),
            detail,
            kind,
            range: member.range,
            selection_range: member.key.range,
            children,
        });
    }
    out
}

/// One request object, or an array of them, as children of its container.
fn requests(value: &Value, budget: &mut Budget) -> Vec<DocumentSymbol> {
    match &value.kind {
        ValueKind::Array(items) => {
            let mut out = Vec::new();
            for (index, item) in items.iter().enumerate() {
                if !budget.take() {
                    break;
                }
                out.push(DocumentSymbol {
                    name: request_name(item).unwrap_or_else(|| format!("request {}", index + 1)),
                    detail: Some(format!("request {}", index + 1)),
                    kind: SymbolKind::Request,
                    range: item.range,
                    selection_range: item.range,
                    children: request_members(item, budget),
                });
            }
            out
        }
        ValueKind::Object(_) => request_members(value, budget),
        _ => Vec::new(),
    }
}

/// `GET /items`, from the request's `method` and `url`.
fn request_name(request: &Value) -> Option<String> {
    let url = get_str(request, "url")?;
    let method = get_str(request, "method").unwrap_or("GET");
    Some(format!("{method} {url}"))
}

fn request_members(request: &Value, budget: &mut Budget) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for member in members(request) {
        if !budget.take() {
            break;
        }
        let is_response = member.key.decoded.as_str() == "response";
        let children = match &member.value {
            Some(value) => outline(value, budget, 2),
            None => Vec::new(),
        };
        out.push(member_symbol(
            member,
            if is_response {
                SymbolKind::Response
            } else {
                SymbolKind::Property
            },
            children,
        ));
    }
    out
}

fn member_symbol(
    member: &Member,
    kind: SymbolKind,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let detail = member.value.as_ref().and_then(|v| match &v.kind {
        ValueKind::String(s) => Some(short(s.decoded.as_str())),
        ValueKind::Number(n) => Some(n.clone()),
        ValueKind::Bool(b) => Some(b.to_string()),
        ValueKind::Null => Some("null".to_owned()),
        _ => None,
    });
    DocumentSymbol {
        name: member.key.decoded.as_str().to_owned(),
        detail,
        kind,
        range: member.range,
        selection_range: member.key.range,
        children,
    }
}

/// One line of at most 60 characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The generic outline: every key, arrays by element.
fn outline(value: &Value, budget: &mut Budget, depth: usize) -> Vec<DocumentSymbol> {
    if depth >= MAX_OUTLINE_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::new();
    match &value.kind {
        ValueKind::Object(members) => {
            for member in members {
                if !budget.take() {
                    break;
                }
                let children = match &member.value {
                    Some(value) => outline(value, budget, depth + 1),
                    None => Vec::new(),
                };
                out.push(member_symbol(member, SymbolKind::Property, children));
            }
        }
        ValueKind::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if !matches!(item.kind, ValueKind::Object(_) | ValueKind::Array(_)) {
                    continue;
                }
                if !budget.take() {
                    break;
                }
                out.push(DocumentSymbol {
                    name: format!("[{index}]"),
                    detail: None,
                    kind: SymbolKind::Element,
                    range: item.range,
                    selection_range: item.range,
                    children: outline(item, budget, depth + 1),
                });
            }
        }
        _ => {}
    }
    out
}

/// Parameters of a list, with their `spec`, `nested` and option children.
fn param_list(value: &Value, budget: &mut Budget, depth: usize) -> Vec<DocumentSymbol> {
    let ValueKind::Array(items) = &value.kind else {
        return match &value.kind {
            ValueKind::Object(_) => param(value, budget, depth).into_iter().collect(),
            _ => Vec::new(),
        };
    };
    items
        .iter()
        .filter(|item| matches!(item.kind, ValueKind::Object(_)))
        .map_while(|item| param(item, budget, depth))
        .collect()
}

fn param(value: &Value, budget: &mut Budget, depth: usize) -> Option<DocumentSymbol> {
    if depth >= MAX_OUTLINE_DEPTH || !budget.take() {
        return None;
    }
    let name_value = get(value, "name");
    let label = get_str(value, "label");
    let type_name = get_str(value, "type");
    let name = name_value
        .and_then(as_str)
        .or(label)
        .unwrap_or("(unnamed parameter)")
        .to_owned();
    let detail = match (label, type_name) {
        (Some(label), Some(type_name)) => Some(format!("{label} · {type_name}")),
        (Some(label), None) => Some(label.to_owned()),
        (None, Some(type_name)) => Some(type_name.to_owned()),
        (None, None) => None,
    };
    let mut children = Vec::new();
    if let Some(spec) = get(value, "spec") {
        children.extend(param_list(spec, budget, depth + 1));
    }
    if let Some(nested) = get(value, "nested") {
        children.extend(nested_params(nested, budget, depth + 1));
    }
    match get(value, "options").map(|o| &o.kind) {
        Some(ValueKind::Array(options)) => {
            for option in options {
                if let Some(nested) = get(option, "nested") {
                    children.extend(nested_params(nested, budget, depth + 1));
                }
            }
        }
        Some(ValueKind::Object(_)) => {
            let options = get(value, "options")?;
            if let Some(nested) = get(options, "nested") {
                children.extend(nested_params(nested, budget, depth + 1));
            }
        }
        _ => {}
    }
    Some(DocumentSymbol {
        name,
        detail,
        kind: SymbolKind::Parameter,
        range: value.range,
        selection_range: name_value.map_or(value.range, |v| v.range),
        children,
    })
}

fn nested_params(nested: &Value, budget: &mut Budget, depth: usize) -> Vec<DocumentSymbol> {
    match &nested.kind {
        ValueKind::Array(_) => param_list(nested, budget, depth),
        ValueKind::Object(_) => get(nested, "store")
            .map(|store| param_list(store, budget, depth))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Whether every character of `query` appears in `name` in order, ignoring case.
fn matches_query(name: &str, query: &str) -> bool {
    let mut chars = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|c| c == q))
}

pub(crate) fn workspace_symbols(
    analysis: &Analysis,
    query: &str,
    limit: usize,
) -> Vec<WorkspaceSymbol> {
    let mut out = Vec::new();
    let mut push = |symbol: WorkspaceSymbol| {
        if out.len() < limit && matches_query(&symbol.name, query) {
            out.push(symbol);
        }
    };
    for app in analysis.apps_list() {
        let app_name = app
            .root
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned);
        for component in &app.components {
            let Some(main) = component
                .communication()
                .or_else(|| component.files.first().map(|(_, p)| p.as_path()))
            else {
                continue;
            };
            let range = match component.kind {
                ComponentKind::Function => function_declaration(analysis, main, &component.id)
                    .map_or_else(
                        || TextRange::empty(file_range(analysis, main).start()),
                        |(_, range)| range,
                    ),
                _ => TextRange::empty(file_range(analysis, main).start()),
            };
            let kind = match component.kind {
                ComponentKind::Rpc => SymbolKind::Rpc,
                ComponentKind::Function => SymbolKind::Function,
                _ => SymbolKind::Component,
            };
            let what = component_label(component.kind);
            push(WorkspaceSymbol {
                name: component.id.clone(),
                kind,
                container: app_name.clone(),
                detail: Some(match &component.label {
                    Some(label) => format!("{what} · {label}"),
                    None => what.to_owned(),
                }),
                file: main.to_path_buf(),
                range,
            });
            for params_file in component.params_files() {
                let Some(params) = facts(analysis, params_file).and_then(|f| f.params.clone())
                else {
                    continue;
                };
                for param in params.params {
                    push(WorkspaceSymbol {
                        name: param.path.clone(),
                        kind: SymbolKind::Parameter,
                        container: Some(component.id.clone()),
                        detail: param.label.clone(),
                        file: params_file.to_path_buf(),
                        range: param.name_range.unwrap_or(param.range),
                    });
                }
            }
            if component.kind == ComponentKind::Connection
                && let Some(communication) = component.communication()
                && let Some(connection) =
                    facts(analysis, communication).and_then(|f| f.connection.clone())
            {
                let mut seen: Vec<&str> = Vec::new();
                for key in &connection.data_keys {
                    if seen.contains(&key.name.as_str()) {
                        continue;
                    }
                    seen.push(&key.name);
                    push(WorkspaceSymbol {
                        name: key.name.clone(),
                        kind: SymbolKind::ConnectionData,
                        container: Some(component.id.clone()),
                        detail: Some(format!("connection.{}", key.name)),
                        file: communication.to_path_buf(),
                        range: key.range,
                    });
                }
            }
        }
    }
    out
}

fn component_label(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Connection => "connection",
        ComponentKind::Module => "module",
        ComponentKind::Rpc => "RPC",
        ComponentKind::Webhook => "webhook",
        ComponentKind::Function => "function",
        ComponentKind::Endpoint => "endpoint",
    }
}
