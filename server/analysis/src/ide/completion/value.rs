//! Completion of values: enumerated literals and booleans, Endpoint names,
//! `rpc://` names, new parameters in a parameter array, and module ids in
//! `groups.json`.

use iml_catalogue::{self as catalogue, EnumId, KeyLevel, NestedObject, ValueShape};
use iml_jsonc::{JsonString, ValueKind};
use text_size::{TextRange, TextSize};

use super::item::{CompletionItem, CompletionKind, Item, status_group};
use crate::ide::keys::{self, KeyInfo};
use crate::ide::markdown;
use crate::ide::objects::ObjectKind;
use crate::ide::site::Site;
use crate::roles::{ComponentKind, RoleKind};
use crate::semantic::PathSegment;

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

pub(super) fn bare_value_completions(
    site: &Site<'_>,
    key: &str,
    range: TextRange,
) -> Vec<CompletionItem> {
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

pub(super) fn string_completions(site: &Site<'_>) -> Vec<CompletionItem> {
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
pub(super) fn element_completions(site: &Site<'_>, range: TextRange) -> Vec<CompletionItem> {
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
