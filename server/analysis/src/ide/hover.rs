//! Hover: directive and section keys, enumerated values, `rpc://` names,
//! components (a module id in `groups.json`, a component key in
//! `makecomapp.json`), and inside `{{ }}` variables (with where their value
//! comes from), members (declared parameters, connection data, temp, common
//! keys) and functions.

use std::path::Path;

use iml_catalogue::{self as catalogue, ExprContext};
use iml_lang::ExprKind;
use text_size::{TextRange, TextSize};

use crate::app::Component;
use crate::host::Analysis;
use crate::roles::{ComponentKind, RoleKind, WebhookType};
use crate::semantic::{self, CursorTarget, PathSegment};

use super::completion::is_reported;
use super::keys;
use super::markdown::{self, shown_path};
use super::members::{Member, chain_keys, members};
use super::site::Site;

/// Hover text for the thing under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Byte range of the hovered word in the file text.
    pub range: TextRange,
    pub markdown: String,
}

impl Analysis {
    /// What the word at byte `offset` of `path` is.
    pub fn hover(&self, path: &Path, offset: TextSize) -> Option<Hover> {
        hover(self, path, offset)
    }
}

pub(crate) fn hover(analysis: &Analysis, path: &Path, offset: TextSize) -> Option<Hover> {
    let site = Site::new(analysis, path, offset)?;
    match &site.cursor.target {
        CursorTarget::Key {
            object,
            key: Some(name),
            range: Some(range),
            ..
        } => {
            if let Some(hover) = manifest_component_hover(&site, object.segments(), name, *range) {
                return Some(hover);
            }
            let info = keys::key_named(
                site.kind(),
                site.place(),
                site.container()?,
                site.parent(),
                name,
            )?;
            Some(Hover {
                range: *range,
                markdown: markdown::key(&info, site.place()),
            })
        }
        CursorTarget::StringValue { .. } => string_hover(&site),
        CursorTarget::Iml(_) => iml_hover(&site),
        _ => None,
    }
}

fn string_hover(site: &Site<'_>) -> Option<Hover> {
    let string = site.cursor.literal()?;
    let decoded = string.decoded.as_str();
    if is_group_module_entry(site) {
        let module = site
            .analysis
            .app(site.path)?
            .component(ComponentKind::Module, decoded)?;
        return Some(Hover {
            range: string.range,
            markdown: component_markdown(module, site.app_root()),
        });
    }
    if let Some(name) = decoded.strip_prefix("rpc://") {
        let rpc = site
            .analysis
            .app(site.path)?
            .component(ComponentKind::Rpc, name)?;
        return Some(Hover {
            range: string.range,
            markdown: component_markdown(rpc, site.app_root()),
        });
    }
    let info = keys::key_named(
        site.kind(),
        site.place(),
        site.container()?,
        site.parent(),
        site.cursor.member_key()?,
    )?;
    let enumeration = catalogue::enumeration(info.values()?);
    let value = enumeration.value(decoded)?;
    Some(Hover {
        range: string.range,
        markdown: markdown::enum_value(enumeration, value),
    })
}

/// Whether the cursor is on an entry of a group's `modules` in `groups.json`
/// (`[group].modules[entry]`).
fn is_group_module_entry(site: &Site<'_>) -> bool {
    matches!(
        site.cursor.path.segments(),
        [PathSegment::Index(_), PathSegment::Key(key), PathSegment::Index(_)] if &**key == "modules"
    ) && site.analysis.role(site.path).kind == RoleKind::Groups
}

/// A component's key in `makecomapp.json` (`components.<kind>.<id>`).
fn manifest_component_hover(
    site: &Site<'_>,
    object: &[PathSegment],
    id: &str,
    range: TextRange,
) -> Option<Hover> {
    let [PathSegment::Key(components), PathSegment::Key(kind)] = object else {
        return None;
    };
    if &**components != "components" || site.analysis.role(site.path).kind != RoleKind::Manifest {
        return None;
    }
    let kind = ComponentKind::ALL
        .into_iter()
        .find(|k| k.manifest_key() == &**kind)?;
    let component = site.analysis.app(site.path)?.component(kind, id)?;
    Some(Hover {
        range,
        markdown: component_markdown(component, site.app_root()),
    })
}

/// A component as the app model knows it: kind, label, type, the components
/// it uses, and its files (those the manifest lists but the workspace lacks
/// marked missing).
fn component_markdown(component: &Component, app_root: &Path) -> String {
    let kind = match component.kind {
        ComponentKind::Connection => "Connection",
        ComponentKind::Webhook => "Webhook",
        ComponentKind::Module => "Module",
        ComponentKind::Rpc => "RPC",
        ComponentKind::Function => "Custom IML function",
        ComponentKind::Endpoint => "Endpoint",
    };
    let mut out = format!("**{kind} `{}`**", component.id);
    if let Some(label) = &component.label {
        out.push_str(&format!(" — {label}"));
    }
    let mut facts = Vec::new();
    if let Some(module_type) = component.module_type {
        facts.push(format!("Type: {}", module_type.name()));
    }
    if let Some(webhook_type) = component.webhook_type {
        facts.push(
            match webhook_type {
                WebhookType::Dedicated => "Type: dedicated (`web`)",
                WebhookType::Shared => "Type: shared (`web-shared`)",
            }
            .to_owned(),
        );
    }
    if let Some(connection_type) = &component.declared_connection_type {
        facts.push(format!("Type: `{connection_type}`"));
    }
    for (what, id) in [
        ("Connection", &component.connection),
        ("Alternative connection", &component.alt_connection),
        ("Webhook", &component.webhook),
    ] {
        if let Some(id) = id {
            facts.push(format!("{what}: `{id}`"));
        }
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(" · ")));
    }
    let files = component
        .files
        .iter()
        .map(|(role, file)| (role, file, ""))
        .chain(
            component
                .missing_files
                .iter()
                .map(|(role, file)| (role, file, ", missing")),
        );
    let mut listed = String::new();
    for (role, file, missing) in files {
        listed.push_str(&format!(
            "\n- `{}` ({}{missing})",
            shown_path(file, app_root),
            role.code()
        ));
    }
    if listed.is_empty() {
        out.push_str("\n\nNo files");
    } else {
        out.push_str(&format!("\n\nFiles:{listed}"));
    }
    out
}

fn iml_hover(site: &Site<'_>) -> Option<Hover> {
    let cursor = &site.cursor;
    let block = cursor.block()?;
    let offset = cursor.decoded_offset()?;
    let ctx = site.expr();
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
                range: cursor.to_source(callee.range)?,
                markdown,
            });
        }
    }
    if let Some(chain) = iml_lang::member_chain_at(&block.expr, offset)
        && let Some(partial) = &chain.partial
    {
        let path = chain_keys(&chain);
        let markdown = member_hover(site, ctx, &chain.root.text, &path, &partial.text)?;
        return Some(Hover {
            range: cursor.to_source(partial.range)?,
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
                range: cursor.to_source(name.range)?,
                markdown,
            })
        }
        ExprKind::Keyword(keyword) => {
            let entry = catalogue::keyword(keyword.as_str())?;
            Some(Hover {
                range: cursor.to_source(expr.range)?,
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
            let keys = semantic::connection_keys(analysis, site.path)?;
            let ids: Vec<String> = keys.connections.iter().map(|c| format!("`{c}`")).collect();
            (!ids.is_empty()).then(|| format!("Linked connection: {}", ids.join(", ")))
        }
        "common" => semantic::common_keys(analysis, site.path)
            .map(|(file, _)| format!("Read from {}", files(vec![file.as_path()]))),
        "webhook" => semantic::webhook_data_keys(analysis, site.path)
            .map(|(attach, _)| format!("Saved by {}", files(vec![attach.as_path()]))),
        _ => None,
    }
}

/// The member `name` below `root.path…`: the parameter declaring it, then
/// every object that writes it (a key written by both `token` and
/// `refresh` shows both); else a member Make itself defines.
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
    let variable = std::iter::once(root)
        .chain(path.iter().copied())
        .chain([name])
        .collect::<Vec<_>>()
        .join(".");
    let (declared, written) = members(site, root, path);
    let mut parts: Vec<String> = declared
        .iter()
        .find(|m| m.name() == name)
        .map(|m| m.markdown(site, &variable))
        .into_iter()
        .collect();
    let writers: Vec<&Member> = written.iter().filter(|m| m.name() == name).collect();
    if !writers.is_empty() {
        let mut out = format!("`{variable}`");
        for writer in writers {
            out.push_str(&format!("\n\n{}", writer.markdown(site, &variable)));
        }
        parts.push(out);
    }
    if !parts.is_empty() {
        return Some(parts.join("\n\n"));
    }
    let mut defined = catalogue::root_variable(root)?.members;
    for step in path {
        defined = defined.iter().find(|m| m.name == *step)?.children;
    }
    let member = defined.iter().find(|m| m.name == name)?;
    let mut out = format!("**`{variable}`** — {}", member.doc);
    if let Some(place) = site.place()
        && let Some(restriction) = catalogue::member_restriction(root, name, place)
    {
        out.push_str(&format!(
            "\n\n⚠ {} ({})",
            restriction.reason, restriction.rule
        ));
    }
    Some(out)
}
