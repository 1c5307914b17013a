//! Completion: keys by object kind and place, enumerated values, `rpc://`
//! names, and inside `{{ }}` the visible variables, their members (declared
//! parameters, connection data, temp and common keys, sample keys) and
//! functions.

use std::collections::HashSet;
use std::path::Path;

use iml_catalogue::{self as catalogue, EnumId, ExprContext, Place, Status, ValueShape, Verdict};
use iml_jsonc::{JsonString, Member, Value};
use iml_lang::{ExprKind, PathSegment};
use text_size::{TextRange, TextSize};

use crate::Analysis;
use crate::json;

use super::context::ObjectKind;
use super::cursor::{At, size, word_at};
use super::facts::{self, DeclaredParam, WrittenKey};
use super::iml::{ImlCursor, iml_cursor};
use super::keys::{self, KeyInfo};
use super::markdown;
use super::site::Site;
use super::{CompletionItem, CompletionKind};

pub(crate) fn completions(
    analysis: &Analysis,
    path: &Path,
    offset: TextSize,
) -> Vec<CompletionItem> {
    let Some(site) = Site::new(analysis, path, offset) else {
        return Vec::new();
    };
    let mut items = match site.at() {
        At::Key { member, has_colon } => key_completions(&site, Some(member), *has_colon, None),
        At::KeyPosition { word } => key_completions(&site, None, false, Some(*word)),
        At::String { string, key } => string_completions(&site, string, *key),
        At::ValuePosition { key, word } => bare_value_completions(&site, key, *word),
        At::Scalar {
            value,
            key: Some(key),
        } => bare_value_completions(&site, key, value.range),
        At::Element { word } => element_completions(&site, *word),
        At::Scalar { .. } | At::Nowhere => Vec::new(),
    };
    items.sort_by(|a, b| {
        a.sort_text
            .cmp(&b.sort_text)
            .then_with(|| a.label.cmp(&b.label))
    });
    let mut seen = HashSet::new();
    items.retain(|item| seen.insert((item.label.clone(), item.kind)));
    items
}

struct Item {
    label: String,
    kind: CompletionKind,
    detail: String,
    documentation: Option<String>,
    insert_text: String,
    is_snippet: bool,
    group: u8,
    rank: usize,
    filter_text: Option<String>,
}

impl Item {
    fn plain(label: &str, kind: CompletionKind, detail: String) -> Item {
        Item {
            label: label.to_owned(),
            kind,
            detail,
            documentation: None,
            insert_text: label.to_owned(),
            is_snippet: false,
            group: 1,
            rank: 0,
            filter_text: None,
        }
    }

    fn finish(self, range: TextRange) -> CompletionItem {
        CompletionItem {
            sort_text: format!("{}{:04}{}", self.group, self.rank, self.label),
            filter_text: self.filter_text.unwrap_or_else(|| self.label.clone()),
            label: self.label,
            kind: self.kind,
            detail: self.detail,
            documentation: self.documentation,
            insert_text: self.insert_text,
            is_snippet: self.is_snippet,
            replace_range: range,
        }
    }
}

fn status_group(status: Status) -> u8 {
    match status {
        Status::Documented => 1,
        Status::DocsOnly => 2,
        _ => 3,
    }
}

fn next_significant(text: &str, from: TextSize) -> Option<u8> {
    text.as_bytes()[usize::from(from).min(text.len())..]
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

fn is_terminated(string: &JsonString) -> bool {
    string.decoded.content_range().end() < string.range.end()
}

// ---- keys ----

fn key_completions(
    site: &Site<'_>,
    editing: Option<&Member>,
    has_colon: bool,
    bare: Option<TextRange>,
) -> Vec<CompletionItem> {
    let container = site.container();
    let keys = keys::keys_for(
        site.kind(),
        site.place,
        container,
        site.parent(),
        site.is_connection_file(),
    );
    let present: HashSet<&str> = json::members(container)
        .iter()
        .filter(|m| editing.is_none_or(|e| !std::ptr::eq(*m, e)))
        .map(|m| m.key.decoded.as_str())
        .collect();
    let (range, quoted) = match (editing, bare) {
        (Some(member), _) if has_colon => (member.key.decoded.content_range(), false),
        (Some(member), _) => {
            let end = if is_terminated(&member.key) {
                member.key.range.end()
            } else {
                word_at(site.text, usize::from(site.offset))
                    .end()
                    .max(site.offset)
            };
            (TextRange::new(member.key.range.start(), end), true)
        }
        (None, Some(word)) => (word, false),
        (None, None) => return Vec::new(),
    };
    let comma = !has_colon && next_significant(site.text, range.end()) == Some(b'"');
    keys.iter()
        .enumerate()
        .filter(|(_, key)| !present.contains(key.name()))
        .map(|(rank, key)| {
            let name = key.name();
            let mut item = Item::plain(name, item_kind(key), key.detail());
            item.documentation = Some(markdown::key(key, site.place));
            item.rank = rank;
            item.group = if key.is_required(site.place) {
                0
            } else {
                status_group(key.status())
            };
            if !has_colon {
                item.insert_text = format!(
                    "\"{name}\": {}{}",
                    key.value_snippet(),
                    if comma { "," } else { "" }
                );
                item.is_snippet = true;
            }
            if quoted {
                item.filter_text = Some(format!("\"{name}\""));
            }
            item.finish(range)
        })
        .collect()
}

fn item_kind(key: &KeyInfo) -> CompletionKind {
    match key {
        KeyInfo::Section(_) => CompletionKind::Section,
        KeyInfo::Param(_) | KeyInfo::Validate(_) => CompletionKind::ParameterKey,
        KeyInfo::Directive(_) | KeyInfo::AnyStatus => CompletionKind::Property,
    }
}

// ---- values ----

fn value_key(site: &Site<'_>, key: &str) -> Option<KeyInfo> {
    keys::key_named(
        site.kind(),
        site.place,
        site.container(),
        site.parent(),
        key,
    )
}

fn enum_items(id: EnumId, quote: bool) -> Vec<Item> {
    let enumeration = catalogue::enumeration(id);
    enumeration
        .values
        .iter()
        .enumerate()
        .map(|(rank, value)| {
            let mut item = Item::plain(
                value.value,
                CompletionKind::EnumMember,
                enumeration.name.to_owned(),
            );
            item.documentation = Some(markdown::enum_value(enumeration, value));
            item.rank = rank;
            item.group = status_group(value.status);
            if quote {
                item.insert_text = format!("\"{}\"", value.value);
            }
            item
        })
        .collect()
}

fn bool_items() -> Vec<Item> {
    ["true", "false"]
        .into_iter()
        .enumerate()
        .map(|(rank, b)| {
            let mut item = Item::plain(b, CompletionKind::Value, "boolean".to_owned());
            item.rank = rank;
            item
        })
        .collect()
}

fn bare_value_completions(site: &Site<'_>, key: &str, range: TextRange) -> Vec<CompletionItem> {
    let Some(info) = value_key(site, key) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    if let Some(id) = info.values() {
        items.extend(enum_items(id, true));
    }
    if info.is_boolean() {
        items.extend(bool_items());
    }
    items.into_iter().map(|item| item.finish(range)).collect()
}

fn string_completions(
    site: &Site<'_>,
    string: &JsonString,
    key: Option<&str>,
) -> Vec<CompletionItem> {
    if let Some(cursor) = iml_cursor(site.analysis, site.path, string, site.offset) {
        return iml_completions(site, &cursor, key);
    }
    let decoded = string.decoded.as_str();
    if let Some(items) = rpc_completions(site, string) {
        return items;
    }
    let Some(key) = key else { return Vec::new() };
    let Some(info) = value_key(site, key) else {
        return Vec::new();
    };
    if string.decoded.has_escapes() || decoded.contains("{{") {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut range = string.decoded.content_range();
    if let Some(id) = info.values() {
        items.extend(enum_items(id, false));
    } else if matches!(info, KeyInfo::Directive(d) if d.shape == ValueShape::StaticBool) {
        // A string where a literal boolean belongs: replace it, quotes and all.
        items.extend(bool_items());
        range = string.range;
    }
    items.into_iter().map(|item| item.finish(range)).collect()
}

/// `rpc://` names, in a string that starts (or is starting) that way.
fn rpc_completions(site: &Site<'_>, string: &JsonString) -> Option<Vec<CompletionItem>> {
    const SCHEME: &str = "rpc://";
    let decoded = string.decoded.as_str();
    let cursor = string.decoded.from_source(site.offset)?;
    let typed = &decoded[..usize::from(cursor).min(decoded.len())];
    let (range, with_scheme) =
        if let Some(rest_start) = decoded.strip_prefix(SCHEME).map(|_| SCHEME.len()) {
            if typed.len() < rest_start {
                return None;
            }
            let start = string.decoded.to_source(size(rest_start));
            (
                TextRange::new(start, string.decoded.content_range().end()),
                false,
            )
        } else if !typed.is_empty() && SCHEME.starts_with(typed) && decoded == typed {
            (string.decoded.content_range(), true)
        } else {
            return None;
        };
    let names = site.analysis.rpc_names(site.path);
    Some(
        names
            .into_iter()
            .enumerate()
            .map(|(rank, name)| {
                let mut item =
                    Item::plain(name, CompletionKind::Module, "RPC of this app".to_owned());
                item.documentation = Some(format!(
                    "Calls the app's RPC `{name}`.\n\n[Make documentation]({})",
                    catalogue::urls::RPCS
                ));
                item.rank = rank;
                if with_scheme {
                    item.insert_text = format!("{SCHEME}{name}");
                    item.filter_text = Some(format!("{SCHEME}{name}"));
                }
                item.finish(range)
            })
            .collect(),
    )
}

/// In an array of parameters: `rpc://` references to RPCs that return
/// parameters (the only strings such an array may hold).
fn element_completions(site: &Site<'_>, word: TextRange) -> Vec<CompletionItem> {
    if site.kind() != ObjectKind::Parameters {
        return Vec::new();
    }
    site.analysis
        .rpc_names(site.path)
        .into_iter()
        .enumerate()
        .map(|(rank, name)| {
            let mut item = Item::plain(
                name,
                CompletionKind::Module,
                "RPC returning parameters".to_owned(),
            );
            item.insert_text = format!("\"rpc://{name}\"");
            item.rank = rank;
            item.finish(word)
        })
        .collect()
}

// ---- IML ----

fn iml_completions(site: &Site<'_>, cursor: &ImlCursor, key: Option<&str>) -> Vec<CompletionItem> {
    let block = cursor.block();
    if block.is_spread() {
        return Vec::new();
    }
    let ctx = site.expr_context(key);
    if let Some(chain) = iml_lang::member_chain_at(&block.expr, cursor.offset) {
        let path: Vec<&str> = chain
            .path
            .iter()
            .filter_map(|segment| match segment {
                PathSegment::Property(name) => Some(name.text.as_str()),
                PathSegment::Index => None,
            })
            .collect();
        let range = cursor.to_source(chain.replace);
        return member_items(site, ctx, &chain.root.text, &path)
            .into_iter()
            .map(|item| item.finish(range))
            .collect();
    }
    let expr = iml_lang::expr_at(&block.expr, cursor.offset);
    let range = match expr.map(|e| (&e.kind, e.range)) {
        Some((ExprKind::Name(name), _)) if name.range.contains_inclusive(cursor.offset) => {
            name.range
        }
        Some((ExprKind::Call { callee, .. }, _))
            if callee.range.contains_inclusive(cursor.offset) =>
        {
            callee.range
        }
        Some((ExprKind::Keyword(_), range)) => range,
        Some((ExprKind::String { .. } | ExprKind::Number(_), _)) => return Vec::new(),
        _ => TextRange::empty(cursor.offset),
    };
    let range = cursor.to_source(range);
    root_items(site, ctx)
        .into_iter()
        .map(|item| item.finish(range))
        .collect()
}

fn root_items(site: &Site<'_>, ctx: Option<ExprContext>) -> Vec<Item> {
    let mut items = Vec::new();
    if let Some(ctx) = ctx {
        for (rank, variable) in catalogue::root_variables().iter().enumerate() {
            if catalogue::check_variable(variable.name, &ctx) != Verdict::Allowed {
                continue;
            }
            let mut item = Item::plain(
                variable.name,
                CompletionKind::Variable,
                "variable".to_owned(),
            );
            item.documentation = Some(markdown::variable(variable, Some(&ctx)));
            item.group = 0;
            item.rank = rank;
            items.push(item);
        }
    }
    for name in site.analysis.custom_function_names(site.path) {
        let mut item = Item::plain(
            name,
            CompletionKind::CustomFunction,
            "custom IML function of this app".to_owned(),
        );
        item.insert_text = format!("{name}($1)");
        item.is_snippet = true;
        item.group = 1;
        items.push(item);
    }
    for function in catalogue::functions() {
        let mut item = Item::plain(
            function.name,
            CompletionKind::Function,
            function.signature(),
        );
        item.documentation = Some(markdown::function(function));
        item.insert_text = function_snippet(function);
        item.is_snippet = true;
        item.group = match function.availability {
            catalogue::FunctionAvailability::AppsDoc => 2,
            _ => 3,
        };
        items.push(item);
    }
    for (rank, keyword) in catalogue::keywords().iter().enumerate() {
        if keyword.status != Status::Documented {
            continue;
        }
        let mut item = Item::plain(keyword.name, CompletionKind::Keyword, "keyword".to_owned());
        item.documentation = Some(keyword.doc.to_owned());
        item.group = 4;
        item.rank = rank;
        items.push(item);
    }
    items
}

/// `addDays(${1:date}, ${2:n})`: one placeholder per required parameter.
pub(crate) fn function_snippet(function: &catalogue::Function) -> String {
    let required: Vec<String> = function
        .params
        .iter()
        .filter(|p| !p.optional)
        .enumerate()
        .map(|(i, p)| format!("${{{}:{}}}", i + 1, p.name))
        .collect();
    if required.is_empty() && !function.params.is_empty() {
        return format!("{}($1)", function.name);
    }
    format!("{}({})", function.name, required.join(", "))
}

/// The name as IML writes it: backticks around anything but a plain identifier.
fn iml_name(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        name.to_owned()
    } else {
        format!("`{name}`")
    }
}

fn field(name: &str, detail: String, documentation: String, group: u8, rank: usize) -> Item {
    let mut item = Item::plain(name, CompletionKind::Field, detail);
    item.insert_text = iml_name(name);
    item.documentation = Some(documentation);
    item.group = group;
    item.rank = rank;
    item
}

fn param_items(params: &[DeclaredParam], path: &[&str], root: &str, app_root: &Path) -> Vec<Item> {
    let mut level = params;
    for step in path {
        match level.iter().find(|p| p.name == *step) {
            Some(param) => level = &param.children,
            None => return Vec::new(),
        }
    }
    let prefix = std::iter::once(root)
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(".");
    level
        .iter()
        .enumerate()
        .map(|(rank, p)| {
            let variable = format!("{prefix}.{}", p.name);
            field(
                &p.name,
                p.detail(),
                p.markdown(&variable, app_root),
                0,
                rank,
            )
        })
        .collect()
}

fn written_items(keys: &[WrittenKey<'_>], app_root: &Path, group: u8) -> Vec<Item> {
    keys.iter()
        .enumerate()
        .map(|(rank, key)| {
            let doc = markdown::written_key(key, app_root);
            field(key.name, format!("from {}", key.origin), doc, group, rank)
        })
        .collect()
}

/// `response.data` objects of every request of a communication.
fn data_roots<'a>(root: &'a Value, file: &'a Path) -> Vec<(&'a Value, &'a Path, String)> {
    facts::requests_of(root)
        .into_iter()
        .filter_map(|(name, _, request)| {
            let data = json::get(json::get(request, "response")?, "data")?;
            let origin = if name.is_empty() {
                "response.data".to_owned()
            } else {
                format!("{name}.response.data")
            };
            Some((data, file, origin))
        })
        .collect()
}

pub(crate) fn is_reported(ctx: Option<ExprContext>, root: &str) -> bool {
    ctx.is_some_and(|ctx| {
        matches!(
            catalogue::check_variable(root, &ctx),
            Verdict::Report { .. }
        )
    })
}

fn member_items(site: &Site<'_>, ctx: Option<ExprContext>, root: &str, path: &[&str]) -> Vec<Item> {
    if is_reported(ctx, root) {
        return Vec::new();
    }
    let analysis = site.analysis;
    let app_root = site.app_root();
    let in_connection = site.place.is_some_and(Place::is_connection);
    let mut items = Vec::new();
    match root {
        "parameters" => {
            let params = facts::visible_parameters(analysis, site.path);
            items.extend(param_items(&params, path, root, app_root));
        }
        "connection" => {
            let connection_params = facts::connection_parameters(analysis, site.path);
            let connection_data = facts::connection_data(analysis, site.path);
            items.extend(param_items(&connection_params, path, root, app_root));
            if path.is_empty() {
                items.extend(written_items(&connection_data, app_root, 0));
            } else {
                let roots: Vec<_> = connection_data
                    .iter()
                    .filter(|k| k.name == path[0])
                    .filter_map(|k| Some((k.value?, k.file, k.origin.clone())))
                    .collect();
                items.extend(written_items(
                    &facts::keys_below(&roots, &path[1..]),
                    app_root,
                    0,
                ));
            }
        }
        "common" => {
            if let Some(file) = facts::common_file(analysis, site.path, site.place)
                && let Some(value) = analysis.root_value(file)
            {
                let keys = facts::keys_below(&[(value, file, "common data".to_owned())], path);
                items.extend(written_items(&keys, app_root, 0));
            }
        }
        "data" if in_connection => {
            let keys = facts::keys_below(&data_roots(site.root, site.path), path);
            items.extend(written_items(&keys, app_root, 0));
        }
        "temp" => {
            let in_response = ctx.is_some_and(|c| c.region != catalogue::Region::Request);
            let roots = facts::temp_objects(
                site.root,
                site.path,
                site.scope.section,
                site.scope.request_index,
                in_response,
            );
            items.extend(written_items(&facts::keys_below(&roots, path), app_root, 0));
        }
        "body" | "item" => {
            let roots = facts::sample_roots(analysis, site.path);
            items.extend(written_items(&facts::keys_below(&roots, path), app_root, 0));
            let interface = facts::interface_params(analysis, site.path);
            items.extend(param_items(&interface, path, root, app_root));
        }
        _ => {}
    }
    // Members Make itself defines (`oauth.scope`, `iterate.container.first`, …).
    if let Some(variable) = catalogue::root_variable(root)
        && !(root == "data" && in_connection)
    {
        let mut members = variable.members;
        for step in path {
            match members.iter().find(|m| m.name == *step) {
                Some(member) => members = member.children,
                None => members = &[],
            }
        }
        for (rank, member) in members.iter().enumerate() {
            let restricted = site.place.is_some_and(|place| {
                catalogue::member_restriction(root, member.name, place).is_some()
            });
            if restricted {
                continue;
            }
            items.push(field(
                member.name,
                format!("{root} member"),
                member.doc.to_owned(),
                1,
                rank,
            ));
        }
    }
    items
}
