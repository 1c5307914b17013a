//! Completion: keys by object kind and place, enumerated values, `rpc://`
//! names, Endpoint names in `endpoint`, module ids in `groups.json`, and inside `{{ }}` the visible variables, their members (declared
//! parameters, connection data, temp and common keys, sample keys) and
//! functions.

use std::collections::HashSet;
use std::path::Path;

use iml_catalogue::{
    self as catalogue, EnumId, ExprContext, KeyLevel, NestedObject, Place, Status, ValueShape,
    Verdict,
};
use iml_jsonc::{JsonString, ValueKind};
use iml_lang::ExprKind;
use text_size::{TextRange, TextSize};

use crate::semantic::{CursorTarget, PathSegment};
use crate::{Analysis, ComponentKind, RoleKind};

use super::keys::{self, KeyInfo};
use super::markdown;
use super::members::{Member, chain_keys, members};
use super::objects::ObjectKind;
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
    let mut items = match &site.cursor.target {
        CursorTarget::Key {
            key,
            word,
            has_colon,
            existing,
            ..
        } => key_completions(&site, key.as_deref(), *word, *has_colon, existing),
        CursorTarget::StringValue { .. } => string_completions(&site),
        CursorTarget::Iml(_) => iml_completions(&site),
        CursorTarget::Value { range } => {
            let range = range.unwrap_or(TextRange::empty(offset));
            match site.cursor.member_key() {
                Some(key) => bare_value_completions(&site, key, range),
                None => element_completions(&site, range),
            }
        }
        CursorTarget::None => Vec::new(),
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

/// Keys of the object at the cursor. `editing` is the key literal under the
/// cursor; without one, `word` is the bare text typed where the key goes.
fn key_completions(
    site: &Site<'_>,
    editing: Option<&str>,
    word: TextRange,
    has_colon: bool,
    existing: &[String],
) -> Vec<CompletionItem> {
    let Some(container) = site.container() else {
        return Vec::new();
    };
    let keys = keys::keys_for(
        site.kind(),
        site.place(),
        container,
        site.parent(),
        site.is_connection_file(),
    );
    let mut present: Vec<&str> = existing.iter().map(String::as_str).collect();
    if let Some(edited) = editing.and_then(|key| present.iter().position(|p| *p == key)) {
        present.remove(edited);
    }
    let literal = site.cursor.literal().filter(|_| editing.is_some());
    let (range, quoted) = match literal {
        Some(key) if has_colon => (key.decoded.content_range(), false),
        Some(key) => {
            let end = if is_terminated(key) {
                key.range.end()
            } else {
                word.end().max(site.cursor.offset)
            };
            (TextRange::new(key.range.start(), end), true)
        }
        None => (word, false),
    };
    let comma = !has_colon && next_significant(site.text, range.end()) == Some(b'"');
    keys.iter()
        .enumerate()
        .filter(|(_, key)| !present.contains(&key.name()))
        .map(|(rank, key)| {
            let name = key.name();
            let mut item = Item::plain(name, item_kind(key), key.detail());
            item.documentation = Some(markdown::key(key, site.place()));
            item.rank = rank;
            item.group = if key.is_required(site.place()) {
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
        site.place(),
        site.container()?,
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
    if let Some(names) = endpoint_names(site, key) {
        items.extend(endpoint_items(names, true));
    }
    if let Some(id) = info.values() {
        items.extend(enum_items(id, true));
    }
    if info.is_boolean() {
        items.extend(bool_items());
    }
    items.into_iter().map(|item| item.finish(range)).collect()
}

fn string_completions(site: &Site<'_>) -> Vec<CompletionItem> {
    let Some(string) = site.cursor.literal() else {
        return Vec::new();
    };
    let decoded = string.decoded.as_str();
    if let Some(items) =
        group_module_completions(site, Some(string), string.decoded.content_range())
    {
        return items;
    }
    if let Some(items) = rpc_completions(site, string) {
        return items;
    }
    let Some(key) = site.cursor.member_key() else {
        return Vec::new();
    };
    let Some(info) = value_key(site, key) else {
        return Vec::new();
    };
    if string.decoded.has_escapes() || decoded.contains("{{") {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut range = string.decoded.content_range();
    if let Some(names) = endpoint_names(site, key) {
        items.extend(endpoint_items(names, false));
    } else if let Some(id) = info.values() {
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
    let cursor = string.decoded.from_source(site.cursor.offset)?;
    let typed = &decoded[..usize::from(cursor).min(decoded.len())];
    let (range, with_scheme) =
        if let Some(rest_start) = decoded.strip_prefix(SCHEME).map(|_| SCHEME.len()) {
            if typed.len() < rest_start {
                return None;
            }
            let start = string
                .decoded
                .to_source(TextSize::try_from(rest_start).unwrap_or_default());
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
                let mut item = Item::plain(
                    name,
                    CompletionKind::Component,
                    "RPC of this app".to_owned(),
                );
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

/// The app's Endpoint names, where the value of `key` names an Endpoint:
/// the `endpoint` directive, or `name` in its object form.
fn endpoint_names<'a>(site: &Site<'a>, key: &str) -> Option<Vec<&'a str>> {
    let Some(KeyInfo::Directive(directive)) = value_key(site, key) else {
        return None;
    };
    let names_endpoint = match directive.level {
        KeyLevel::Request => directive.name == "endpoint",
        KeyLevel::Nested(NestedObject::EndpointReference) => directive.name == "name",
        _ => false,
    };
    if !names_endpoint {
        return None;
    }
    let app = site.analysis.app(site.path)?;
    Some(
        app.components_of_kind(ComponentKind::Endpoint)
            .map(|endpoint| endpoint.id.as_str())
            .collect(),
    )
}

fn endpoint_items(names: Vec<&str>, quote: bool) -> impl Iterator<Item = Item> {
    names.into_iter().enumerate().map(move |(rank, name)| {
        let mut item = Item::plain(
            name,
            CompletionKind::Component,
            "Endpoint of this app".to_owned(),
        );
        item.documentation = Some(format!(
            "Calls the app's Endpoint `{name}` instead of sending an HTTP request; pass its input in `input`."
        ));
        item.rank = rank;
        if quote {
            item.insert_text = format!("\"{name}\"");
        }
        item
    })
}

/// In an array of parameters: a new parameter of each documented type,
/// then `rpc://` references to RPCs that return parameters (the only
/// strings such an array may hold).
fn element_completions(site: &Site<'_>, range: TextRange) -> Vec<CompletionItem> {
    if let Some(items) = group_module_completions(site, None, range) {
        return items;
    }
    if site.kind() != ObjectKind::Parameters {
        return Vec::new();
    }
    let references = site
        .analysis
        .rpc_names(site.path)
        .into_iter()
        .enumerate()
        .map(|(rank, name)| {
            let mut item = Item::plain(
                name,
                CompletionKind::Component,
                "RPC returning parameters".to_owned(),
            );
            item.insert_text = format!("\"rpc://{name}\"");
            item.group = 2;
            item.rank = rank;
            item
        });
    parameter_skeletons()
        .chain(references)
        .map(|item| item.finish(range))
        .collect()
}

/// One snippet per documented parameter type, holding what the parameter
/// rules ask of a new parameter of that type (the catalogue's `Skeleton`).
fn parameter_skeletons() -> impl Iterator<Item = Item> {
    catalogue::parameter_types()
        .iter()
        .filter(|info| info.documented)
        .enumerate()
        .map(|(rank, info)| {
            let label = format!("{} parameter", info.name);
            let mut item = Item::plain(&label, CompletionKind::Snippet, "new parameter".to_owned());
            item.insert_text = skeleton_snippet(info.name, info.skeleton);
            item.is_snippet = true;
            item.rank = rank;
            item.documentation = Some(format!(
                "A new `{}` parameter. [Parameter types]({})",
                info.name,
                catalogue::parameters::parameter_type_url(info.name)
            ));
            item
        })
}

fn skeleton_snippet(type_name: &str, skeleton: catalogue::Skeleton) -> String {
    let named = format!(
        "\"name\": \"${{1:name}}\", \"type\": \"{type_name}\", \"label\": \"${{2:Label}}\""
    );
    match skeleton {
        catalogue::Skeleton::Named => format!("{{ {named}$0 }}"),
        catalogue::Skeleton::WithOptions => format!(
            "{{ {named}, \"options\": [ {{ \"label\": \"${{3:Label}}\", \"value\": \"${{4:value}}\" }} ]$0 }}"
        ),
        catalogue::Skeleton::WithSpec => format!("{{ {named}, \"spec\": [ $0 ] }}"),
        catalogue::Skeleton::Banner => {
            format!("{{ \"type\": \"{type_name}\", \"text\": \"${{1:Text}}\"$0 }}")
        }
    }
}

/// In a `modules` array of `groups.json`: the app's module ids not listed
/// in that group yet. `string` is the literal being edited (its content is
/// replaced); without one the id is inserted with its quotes.
fn group_module_completions(
    site: &Site<'_>,
    string: Option<&JsonString>,
    range: TextRange,
) -> Option<Vec<CompletionItem>> {
    let modules = group_modules_array(site)?;
    let app = site.analysis.app(site.path)?;
    let editing = string.map(|s| s.range);
    let listed: Vec<&str> = match &modules.kind {
        ValueKind::Array(entries) => entries
            .iter()
            .filter_map(|entry| match &entry.kind {
                ValueKind::String(listed) if Some(listed.range) != editing => {
                    Some(listed.decoded.as_str())
                }
                _ => None,
            })
            .collect(),
        _ => return None,
    };
    Some(
        app.components_of_kind(ComponentKind::Module)
            .filter(|module| !listed.contains(&module.id.as_str()))
            .enumerate()
            .map(|(rank, module)| {
                let what = match module.module_type {
                    Some(module_type) => format!("{} module", module_type.name()),
                    None => "module".to_owned(),
                };
                let detail = match &module.label {
                    Some(label) => format!("{what} · {label}"),
                    None => what,
                };
                let mut item = Item::plain(&module.id, CompletionKind::Component, detail);
                item.documentation = Some(format!(
                    "Lists the app's module `{}` in this group.\n\n[Make documentation]({})",
                    module.id,
                    catalogue::urls::MODULES
                ));
                item.rank = rank;
                if string.is_none() {
                    item.insert_text = format!("\"{}\"", module.id);
                }
                item.finish(range)
            })
            .collect(),
    )
}

/// The `modules` array of a group in `groups.json` when it holds the cursor.
fn group_modules_array<'a>(site: &Site<'a>) -> Option<&'a iml_jsonc::Value> {
    if site.analysis.role(site.path).kind != RoleKind::Groups {
        return None;
    }
    let containers = site.cursor.containers();
    let [_, _, modules] = containers else {
        return None;
    };
    let segments = site.cursor.path.segments();
    let in_group = matches!(segments.first(), Some(PathSegment::Index(_)))
        && matches!(segments.get(1), Some(PathSegment::Key(key)) if &**key == "modules");
    (in_group && matches!(modules.kind, ValueKind::Array(_))).then_some(*modules)
}

// ---- IML ----

fn iml_completions(site: &Site<'_>) -> Vec<CompletionItem> {
    let cursor = &site.cursor;
    let (Some(block), Some(offset)) = (cursor.block(), cursor.decoded_offset()) else {
        return Vec::new();
    };
    if block.is_spread() {
        return Vec::new();
    }
    let ctx = site.expr();
    if let Some(chain) = iml_lang::member_chain_at(&block.expr, offset) {
        let path = chain_keys(&chain);
        let Some(range) = cursor.to_source(chain.replace) else {
            return Vec::new();
        };
        return member_items(site, ctx, &chain.root.text, &path)
            .into_iter()
            .map(|item| item.finish(range))
            .collect();
    }
    let expr = iml_lang::expr_at(&block.expr, offset);
    let range = match expr.map(|e| (&e.kind, e.range)) {
        Some((ExprKind::Name(name), _)) if name.range.contains_inclusive(offset) => name.range,
        Some((ExprKind::Call { callee, .. }, _)) if callee.range.contains_inclusive(offset) => {
            callee.range
        }
        Some((ExprKind::Keyword(_), range)) => range,
        Some((ExprKind::String { .. } | ExprKind::Number(_), _)) => return Vec::new(),
        _ => TextRange::empty(offset),
    };
    let Some(range) = cursor.to_source(range) else {
        return Vec::new();
    };
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

fn field(name: &str, detail: String, documentation: String, group: u8, rank: usize) -> Item {
    let mut item = Item::plain(name, CompletionKind::Field, detail);
    item.insert_text = iml_lang::property_name(name).into_owned();
    item.documentation = Some(documentation);
    item.group = group;
    item.rank = rank;
    item
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
    let in_connection = site.place().is_some_and(Place::is_connection);
    let prefix = std::iter::once(root)
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(".");
    let item = |rank: usize, member: &Member| {
        let variable = format!("{prefix}.{}", member.name());
        let doc = member.markdown(site, &variable);
        field(member.name(), member.detail(), doc, 0, rank)
    };
    let (declared, written) = members(site, root, path);
    let mut items: Vec<Item> = declared
        .iter()
        .enumerate()
        .map(|(r, m)| item(r, m))
        .collect();
    items.extend(written.iter().enumerate().map(|(r, m)| item(r, m)));
    // Members Make itself defines (`oauth.scope`, `iterate.container.first`, …).
    if let Some(variable) = catalogue::root_variable(root)
        && !(root == "data" && in_connection)
    {
        let mut defined = variable.members;
        for step in path {
            match defined.iter().find(|m| m.name == *step) {
                Some(member) => defined = member.children,
                None => defined = &[],
            }
        }
        for (rank, member) in defined.iter().enumerate() {
            let restricted = site.place().is_some_and(|place| {
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
