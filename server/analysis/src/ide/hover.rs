//! Hover: directive and section keys, enumerated values, `rpc://` names, and
//! inside `{{ }}` variables (with where their value comes from), members
//! (declared parameters, connection data, temp, common keys) and functions.

use std::path::Path;

use iml_catalogue::{self as catalogue, ExprContext, Place};
use iml_jsonc::{JsonString, Member, Value};
use iml_lang::{ExprKind, PathSegment};
use text_size::TextSize;

use crate::Analysis;
use crate::json;
use crate::semantic;

use super::Hover;
use super::completion::is_reported;
use super::cursor::At;
use super::facts::{self, DeclaredParam, WrittenKey, shown_path};
use super::iml::{ImlCursor, iml_cursor};
use super::keys;
use super::markdown;
use super::site::Site;

pub(crate) fn hover(analysis: &Analysis, path: &Path, offset: TextSize) -> Option<Hover> {
    let site = Site::new(analysis, path, offset)?;
    match site.at() {
        At::Key { member, .. } => key_hover(&site, member),
        At::String { string, key } => string_hover(&site, string, *key),
        _ => None,
    }
}

fn key_hover(site: &Site<'_>, member: &Member) -> Option<Hover> {
    let name = member.key.decoded.as_str();
    let info = keys::key_named(
        site.kind(),
        site.place,
        site.container(),
        site.parent(),
        name,
    )?;
    Some(Hover {
        range: member.key.range,
        markdown: markdown::key(&info, site.place),
    })
}

fn string_hover(site: &Site<'_>, string: &JsonString, key: Option<&str>) -> Option<Hover> {
    if let Some(cursor) = iml_cursor(site.analysis, site.path, string, site.offset) {
        return iml_hover(site, &cursor, key);
    }
    let decoded = string.decoded.as_str();
    if let Some(name) = decoded.strip_prefix("rpc://") {
        let rpc = site
            .analysis
            .app(site.path)?
            .component(crate::ComponentKind::Rpc, name)?;
        let mut markdown = format!("**RPC `{name}`**");
        if let Some(label) = &rpc.label {
            markdown.push_str(&format!(" — {label}"));
        }
        if let Some(file) = rpc.communication() {
            markdown.push_str(&format!(
                "\n\nCommunication: `{}`",
                shown_path(file, site.app_root())
            ));
        }
        return Some(Hover {
            range: string.range,
            markdown,
        });
    }
    let info = keys::key_named(
        site.kind(),
        site.place,
        site.container(),
        site.parent(),
        key?,
    )?;
    let enumeration = catalogue::enumeration(info.values()?);
    let value = enumeration.value(decoded)?;
    Some(Hover {
        range: string.range,
        markdown: markdown::enum_value(enumeration, value),
    })
}

fn iml_hover(site: &Site<'_>, cursor: &ImlCursor, key: Option<&str>) -> Option<Hover> {
    let block = cursor.block();
    let offset = cursor.offset;
    let ctx = site.expr_context(key);
    for expr in block.expr.walk() {
        if let ExprKind::Call { callee, .. } = &expr.kind
            && callee.range.contains_inclusive(offset)
        {
            let markdown = match catalogue::function(&callee.text) {
                Some(function) => markdown::function(function),
                None if site
                    .analysis
                    .custom_function_names(site.path)
                    .contains(&callee.text.as_str()) =>
                {
                    format!("**`{}`** — custom IML function of this app", callee.text)
                }
                None => return None,
            };
            return Some(Hover {
                range: cursor.to_source(callee.range),
                markdown,
            });
        }
    }
    if let Some(chain) = iml_lang::member_chain_at(&block.expr, offset)
        && let Some(partial) = &chain.partial
    {
        let path: Vec<&str> = chain
            .path
            .iter()
            .filter_map(|s| match s {
                PathSegment::Property(name) => Some(name.text.as_str()),
                PathSegment::Index => None,
            })
            .collect();
        let markdown = member_hover(site, ctx, &chain.root.text, &path, &partial.text)?;
        return Some(Hover {
            range: cursor.to_source(partial.range),
            markdown,
        });
    }
    let expr = iml_lang::expr_at(&block.expr, offset)?;
    match &expr.kind {
        ExprKind::Name(name) if name.range.contains_inclusive(offset) => {
            let variable = catalogue::root_variable(&name.text)?;
            let mut markdown = markdown::variable(variable, ctx.as_ref());
            if let Some(source) = variable_source(site, &name.text) {
                markdown.push_str(&format!("\n\n{source}"));
            }
            Some(Hover {
                range: cursor.to_source(name.range),
                markdown,
            })
        }
        ExprKind::Keyword(keyword) => {
            let entry = catalogue::keyword(keyword.as_str())?;
            Some(Hover {
                range: cursor.to_source(expr.range),
                markdown: format!("**`{}`** — {}", entry.name, entry.doc),
            })
        }
        _ => None,
    }
}

/// Where a root variable's members come from in this file.
fn variable_source(site: &Site<'_>, root: &str) -> Option<String> {
    let analysis = site.analysis;
    let app_root = site.app_root();
    let files = |paths: Vec<&Path>| -> String {
        paths
            .iter()
            .map(|p| format!("`{}`", shown_path(p, app_root)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match root {
        "parameters" => {
            let params = semantic::visible_parameters(analysis, site.path)?;
            let mut paths: Vec<&Path> = params
                .params
                .iter()
                .map(|(file, _)| file.as_path())
                .collect();
            paths.dedup();
            (!paths.is_empty()).then(|| format!("Declared in {}", files(paths)))
        }
        "connection" => {
            let connections = facts::linked_connections(analysis, site.path);
            let ids: Vec<String> = connections.iter().map(|c| format!("`{}`", c.id)).collect();
            (!ids.is_empty()).then(|| format!("Linked connection: {}", ids.join(", ")))
        }
        "common" => facts::common_file(analysis, site.path, site.place)
            .map(|f| format!("Read from {}", files(vec![f]))),
        _ => None,
    }
}

fn find_param<'p>(
    params: &'p [DeclaredParam],
    path: &[&str],
    name: &str,
) -> Option<&'p DeclaredParam> {
    let mut level = params;
    for step in path {
        level = &level.iter().find(|p| p.name == *step)?.children;
    }
    level.iter().find(|p| p.name == name)
}

/// Every writer of `name` below `path` in `roots` (not deduplicated: a key
/// written by both `token` and `refresh` shows both).
fn writers<'a>(
    roots: &[(&'a Value, &'a Path, String)],
    path: &[&str],
    name: &str,
) -> Vec<WrittenKey<'a>> {
    roots
        .iter()
        .flat_map(|root| facts::keys_below(std::slice::from_ref(root), path))
        .filter(|k| k.name == name)
        .collect()
}

fn written_markdown(keys: &[WrittenKey<'_>], variable: &str, app_root: &Path) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let mut out = format!("`{variable}`");
    for key in keys {
        out.push_str(&format!("\n\n{}", markdown::written_key(key, app_root)));
    }
    Some(out)
}

fn member_hover(
    site: &Site<'_>,
    ctx: Option<ExprContext>,
    root: &str,
    path: &[&str],
    name: &str,
) -> Option<String> {
    if is_reported(ctx, root) {
        let variable = catalogue::root_variable(root)?;
        return Some(markdown::variable(variable, ctx.as_ref()));
    }
    let analysis = site.analysis;
    let app_root = site.app_root();
    let variable = std::iter::once(root)
        .chain(path.iter().copied())
        .chain([name])
        .collect::<Vec<_>>()
        .join(".");
    let in_connection = site.place.is_some_and(Place::is_connection);
    let found = match root {
        "parameters" => {
            let params = facts::visible_parameters(analysis, site.path);
            find_param(&params, path, name).map(|p| p.markdown(&variable, app_root))
        }
        "connection" => {
            let connection_params = facts::connection_parameters(analysis, site.path);
            let connection_data = facts::connection_data(analysis, site.path);
            let param = find_param(&connection_params, path, name).map(|p| {
                format!(
                    "Connection parameter.\n\n{}",
                    p.markdown(&variable, app_root)
                )
            });
            let data: Vec<WrittenKey<'_>> = if path.is_empty() {
                connection_data
                    .iter()
                    .filter(|k| k.name == name)
                    .cloned()
                    .collect()
            } else {
                let roots: Vec<_> = connection_data
                    .iter()
                    .filter(|k| k.name == path[0])
                    .filter_map(|k| Some((k.value?, k.file, k.origin.clone())))
                    .collect();
                writers(&roots, &path[1..], name)
            };
            match (param, written_markdown(&data, &variable, app_root)) {
                (Some(p), Some(d)) => Some(format!("{p}\n\n{d}")),
                (p, d) => p.or(d),
            }
        }
        "common" => {
            let file = facts::common_file(analysis, site.path, site.place)?;
            let value = analysis.root_value(file)?;
            written_markdown(
                &writers(&[(value, file, "common data".to_owned())], path, name),
                &variable,
                app_root,
            )
        }
        "data" if in_connection => {
            let roots: Vec<_> = facts::requests_of(site.root)
                .into_iter()
                .filter_map(|(section, _, request)| {
                    let data = json::get(json::get(request, "response")?, "data")?;
                    let origin = if section.is_empty() {
                        "response.data".to_owned()
                    } else {
                        format!("{section}.response.data")
                    };
                    Some((data, site.path, origin))
                })
                .collect();
            written_markdown(&writers(&roots, path, name), &variable, app_root)
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
            written_markdown(&writers(&roots, path, name), &variable, app_root)
        }
        "body" | "item" => {
            let samples = facts::sample_roots(analysis, site.path);
            let interface = facts::interface_params(analysis, site.path);
            find_param(&interface, path, name)
                .map(|p| format!("Output field.\n\n{}", p.markdown(&variable, app_root)))
                .or_else(|| written_markdown(&writers(&samples, path, name), &variable, app_root))
        }
        _ => None,
    };
    if found.is_some() {
        return found;
    }
    let mut members = catalogue::root_variable(root)?.members;
    for step in path {
        members = members.iter().find(|m| m.name == *step)?.children;
    }
    let member = members.iter().find(|m| m.name == name)?;
    let mut out = format!("**`{variable}`** — {}", member.doc);
    if let Some(place) = site.place
        && let Some(restriction) = catalogue::member_restriction(root, name, place)
    {
        out.push_str(&format!(
            "\n\n⚠ {} ({})",
            restriction.reason, restriction.rule
        ));
    }
    Some(out)
}
