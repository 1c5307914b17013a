//! Review rules on parameter files: the `limit` parameter of searches and
//! polling triggers (V010), secret and host fields of connections (V017,
//! V018), RPC selects in map mode (V020) and label wording (V021).

use iml_catalogue::review::{HOST_PARAMETER_WORDS, LIMIT_HELP, SECRET_PARAMETER_WORDS};
use iml_jsonc::{Value, ValueKind};

use super::text::api_style;
use crate::roles::{ComponentKind, ModuleType, RoleKind};
use crate::rules::context::{Ctx, DiagnosticExt, as_str, get, member};
use crate::rules::fixes::append_to_array;

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    let ValueKind::Array(params) = &root.kind else {
        return;
    };
    let component = ctx.analysis.component_of(ctx.path).map(|(_, c)| c.clone());
    let kind = component
        .as_ref()
        .map(|c| c.kind)
        .or(ctx.role.component.as_ref().map(|c| c.kind));
    for param in params {
        check_label(ctx, param);
    }
    match kind {
        Some(ComponentKind::Connection) => {
            for param in params {
                check_connection_param(ctx, param);
            }
        }
        Some(ComponentKind::Module) => {
            let Some(component) = component else { return };
            let limit_file = match component.module_type {
                Some(ModuleType::Search) => Some(RoleKind::MappableParams),
                Some(ModuleType::Trigger) => Some(RoleKind::StaticParams),
                _ => None,
            };
            if limit_file == Some(ctx.role.kind) {
                check_limit(
                    ctx,
                    root,
                    params,
                    component.module_type == Some(ModuleType::Trigger),
                );
            }
            let label = component.label.as_deref().unwrap_or("");
            let acts_on_one = ["Get ", "Update ", "Delete "]
                .iter()
                .any(|verb| label.starts_with(verb));
            if acts_on_one && ctx.role.kind == RoleKind::MappableParams {
                for param in params {
                    check_map_mode(ctx, param);
                }
            }
        }
        _ => {}
    }
}

fn name_has(name: &str, words: &[&str]) -> bool {
    let lower = name.to_ascii_lowercase();
    // Split camelCase and snake_case into words, then match whole words or suffixes.
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            parts.push(std::mem::take(&mut current));
        } else if c.is_uppercase() && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            current.extend(c.to_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    parts.push(current);
    parts.iter().any(|p| words.contains(&p.as_str())) || words.contains(&lower.as_str())
}

fn check_connection_param(ctx: &mut Ctx, param: &Value) {
    let Some(name) = get(param, "name").and_then(as_str) else {
        return;
    };
    let param_type = get(param, "type").and_then(as_str).unwrap_or("");
    if param_type == "text" && name_has(name, SECRET_PARAMETER_WORDS) {
        let range = get(param, "type").map_or(param.range, |t| t.range);
        ctx.emit("V017", range, format!("`{name}` holds a secret; use `\"type\": \"password\"` so editing the connection does not show it"));
    }
    let editable = get(param, "editable").is_some_and(|e| matches!(e.kind, ValueKind::Bool(true)));
    if editable && (param_type == "url" || name_has(name, HOST_PARAMETER_WORDS)) {
        let range = member(param, "editable").map_or(param.range, |m| m.range);
        ctx.emit("V018", range, format!("`{name}` sets the host the credentials go to; remove `editable: true` so an existing connection cannot be pointed elsewhere"));
    }
}

fn check_limit(ctx: &mut Ctx, root: &Value, params: &[Value], trigger: bool) {
    let Some(limit) = params
        .iter()
        .find(|p| get(p, "name").and_then(as_str) == Some("limit"))
    else {
        let required = if trigger { ", \"required\": true" } else { "" };
        let default = if trigger { 2 } else { 10 };
        let element = format!(
            "{{ \"name\": \"limit\", \"type\": \"uinteger\", \"label\": \"Limit\", \"default\": {default}{required}, \"help\": \"{LIMIT_HELP}\" }}"
        );
        let fix = append_to_array(ctx.text, root, &element, "Add a `limit` parameter");
        let range = ctx.opening(root);
        ctx.emit("V010", range, "no `limit` parameter; add one (`uinteger`, label `Limit`, with the standard help text) and read it in `response.limit`").fix(fix);
        return;
    };
    let mut problems = Vec::new();
    if get(limit, "type").and_then(as_str) != Some("uinteger") {
        problems.push("type it `uinteger`");
    }
    if get(limit, "advanced").is_some_and(|a| matches!(a.kind, ValueKind::Bool(true))) {
        problems.push("keep it out of advanced settings");
    }
    if get(limit, "help")
        .and_then(as_str)
        .is_none_or(|h| h.trim().is_empty())
    {
        problems.push("give it a help text");
    }
    let required = get(limit, "required").is_some_and(|r| matches!(r.kind, ValueKind::Bool(true)));
    if trigger && !required {
        problems.push("make it required in a polling trigger");
    }
    if !problems.is_empty() {
        let range = get(limit, "name").map_or(limit.range, |n| n.range);
        ctx.emit(
            "V010",
            range,
            format!(
                "the `limit` parameter does not follow Make's conventions: {}",
                problems.join(", ")
            ),
        );
    }
}

fn check_map_mode(ctx: &mut Ctx, param: &Value) {
    let is_select = get(param, "type").and_then(as_str) == Some("select");
    let from_rpc = get(param, "options")
        .and_then(as_str)
        .is_some_and(|o| o.starts_with("rpc://"))
        || get(param, "options")
            .and_then(|o| get(o, "store"))
            .and_then(as_str)
            .is_some_and(|o| o.starts_with("rpc://"));
    let edit_mode = get(param, "mode").and_then(as_str) == Some("edit");
    if is_select && from_rpc && !edit_mode {
        let name = get(param, "name").and_then(as_str).unwrap_or("this select");
        let range = get(param, "name").map_or(param.range, |n| n.range);
        ctx.emit(
            "V020",
            range,
            format!(
                "`{name}` picks an existing item; add `\"mode\": \"edit\"` so users can map its ID"
            ),
        );
    }
}

fn check_label(ctx: &mut Ctx, param: &Value) {
    let Some(label) = get(param, "label") else {
        return;
    };
    if let Some(text) = as_str(label)
        && let Some(why) = api_style(text)
    {
        ctx.emit("V021", label.range, format!("`{text}` is written in {why}; write plain words in sentence case with acronyms upper case (`User ID`)"));
    }
    if let Some(ValueKind::Array(nested)) = get(param, "spec").map(|s| &s.kind) {
        for inner in nested {
            check_label(ctx, inner);
        }
    }
}
