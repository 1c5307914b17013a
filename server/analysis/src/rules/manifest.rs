//! `makecomapp.json`: code file paths (X001, F005), connection and webhook
//! references (X002, X005, X006), and spec files a manifest does not list (X001).

use std::path::Path;

use iml_jsonc::{JsonString, Member, Value, ValueKind};
use text_size::{TextRange, TextSize};

use super::context::{Ctx, DiagnosticExt, as_str, get, member, members, string};
use super::fixes::{edit, fix, quote};
use super::suggest::{closest, did_you_mean};
use crate::app::AppLayout;
use crate::paths::join_inside;
use crate::roles::RoleSource;

/// X001's other half: a spec file that sits with a component of a
/// `makecomapp.json` app but is not one of its `codeFiles`. Make's tooling
/// neither deploys nor pulls such a file, so edits to it are silently lost.
pub(crate) fn check_registered(ctx: &mut Ctx, root: &Value) {
    let Some(component) = &ctx.role.component else {
        return;
    };
    // Only where the manifest really lists this component's code files: a
    // home-grown `makecomapp.json` without `codeFiles` says nothing either way.
    let listed_elsewhere = ctx
        .analysis
        .component_of(ctx.path)
        .is_some_and(|(app, component)| {
            app.layout == AppLayout::LocalDevelopment
                && component
                    .files
                    .iter()
                    .any(|(_, file)| ctx.analysis.role(file).source == RoleSource::Manifest)
        });
    if !listed_elsewhere || ctx.role.source == RoleSource::Manifest || !ctx.role.kind.is_iml_json()
    {
        return;
    }
    let message = format!(
        "this file sits with the {} `{}` but `makecomapp.json` does not list it in `codeFiles`, \
         so it is neither deployed nor pulled; add it there or move it out of the component folder",
        component.kind.manifest_key(),
        component.id,
    );
    let start = root.range.start();
    let first = ctx.text[usize::from(start)..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let range = TextRange::at(start, TextSize::new(first as u32));
    ctx.emit("X001", range, message);
}

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    let Some(dir) = ctx.path.parent().map(Path::to_path_buf) else {
        return;
    };
    if let Some(general) = get(root, "generalCodeFiles") {
        for m in members(general) {
            check_path(ctx, &dir, m);
        }
    }
    let Some(components) = get(root, "components") else {
        return;
    };
    let connection_ids: Vec<&str> = get(components, "connection")
        .map(|c| members(c).iter().map(|m| m.key.decoded.as_str()).collect())
        .unwrap_or_default();
    let webhook_ids: Vec<&str> = get(components, "webhook")
        .map(|c| members(c).iter().map(|m| m.key.decoded.as_str()).collect())
        .unwrap_or_default();
    for kind in members(components) {
        let kind_name = kind.key.decoded.as_str();
        let Some(of_kind) = &kind.value else { continue };
        for component in members(of_kind) {
            let Some(meta) = component
                .value
                .as_ref()
                .filter(|v| matches!(v.kind, ValueKind::Object(_)))
            else {
                continue;
            };
            if let Some(files) = get(meta, "codeFiles") {
                for m in members(files) {
                    check_path(ctx, &dir, m);
                }
            }
            if kind_name != "connection" {
                for key in ["connection", "altConnection"] {
                    check_reference(ctx, meta, key, &connection_ids, "X002", "connection");
                }
            }
            let id = component.key.decoded.as_str();
            if kind_name == "module"
                && get(meta, "moduleType").and_then(as_str) == Some("instant_trigger")
            {
                match get(meta, "webhook") {
                    Some(value) if as_str(value).is_some() => {
                        check_reference(ctx, meta, "webhook", &webhook_ids, "X006", "webhook")
                    }
                    _ => {
                        let range =
                            member(meta, "moduleType").map_or(component.key.range, |m| m.key.range);
                        ctx.emit("X006", range, format!("instant trigger `{id}` references no webhook; set `\"webhook\"` to the id of the webhook that feeds it"));
                    }
                }
            }
            if kind_name == "webhook"
                && get(meta, "webhookType").and_then(as_str) == Some("web-shared")
                && get(meta, "connection").and_then(as_str).is_none()
            {
                let range =
                    member(meta, "webhookType").map_or(component.key.range, |m| m.key.range);
                ctx.emit("X005", range, format!("shared webhook `{id}` has no connection: events are routed by the connection's `response.uid`; set `\"connection\"`"));
            }
        }
    }
}

fn check_reference(
    ctx: &mut Ctx,
    meta: &Value,
    key: &str,
    ids: &[&str],
    code: &'static str,
    what: &str,
) {
    let Some(m) = member(meta, key) else { return };
    let Some(value) = &m.value else { return };
    let Some(name) = as_str(value) else { return };
    if ids.contains(&name) {
        return;
    }
    let suggestion = closest(name, ids.iter().copied());
    let fix = suggestion.map(|s| fix(format!("Use `{s}`"), vec![edit(value.range, quote(s))]));
    ctx.emit(
        code,
        value.range,
        format!(
            "`{name}` is not a {what} of this app (no `components.{what}.{name}`){}",
            did_you_mean(suggestion)
        ),
    )
    .fix(fix);
}

/// X001 for a path that does not exist, F005 for one that leaves the app.
fn check_path(ctx: &mut Ctx, dir: &Path, m: &Member) {
    let Some(value) = &m.value else { return };
    let Some(written) = string(value) else { return };
    let raw = written.decoded.as_str();
    if raw.is_empty() {
        return;
    }
    let Some(path) = join_inside(dir, raw) else {
        ctx.emit("F005", value.range, format!("`{raw}` points outside the app root, so it is neither read nor deployed; keep code files inside the app folder"));
        return;
    };
    if ctx.analysis.contains(&path) {
        return;
    }
    let suggestion = sibling_suggestion(ctx, &path);
    let fix = suggestion
        .as_ref()
        .map(|s| replace_file_name(written, raw, s));
    let help = did_you_mean(suggestion.as_deref());
    ctx.emit(
        "X001",
        value.range,
        format!("`{raw}` does not exist; create the file or correct the path{help}"),
    )
    .fix(fix);
}

/// A file next to the missing one whose name is a likely correction.
fn sibling_suggestion(ctx: &Ctx, path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let wanted = path.file_name()?.to_str()?;
    let files = ctx.analysis.files();
    let siblings: Vec<&str> = files
        .iter()
        .filter(|f| f.parent() == Some(parent))
        .filter_map(|f| f.file_name()?.to_str())
        .collect();
    closest(wanted, siblings).map(str::to_owned)
}

fn replace_file_name(written: &JsonString, raw: &str, new_name: &str) -> crate::diagnostics::Fix {
    let prefix = raw.rfind('/').map_or("", |i| &raw[..=i]);
    let new_path = format!("{prefix}{new_name}");
    fix(
        format!("Use `{new_path}`"),
        vec![edit(written.range, quote(&new_path))],
    )
}
