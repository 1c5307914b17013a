//! `groups.json` (spec §10.7): the headings of the app's module list. X007
//! covers both the shape Make's schema asks for (an array of `{ label,
//! modules }`) and the module ids each group lists, because both say the same
//! thing to the author: this group does not describe modules of this app.

use iml_jsonc::{Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, kind_name, member, string};
use super::fixes::{edit, fix, quote};
use super::suggest::{closest, did_you_mean};
use crate::roles::ComponentKind;

const EXAMPLE: &str = r#"`[{ "label": "Tasks", "modules": ["listTasks"] }]`"#;

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    // A `groups.json` that belongs to no app (an app of no components) is
    // someone else's file of the same name: nothing to say about it.
    let Some(app) = ctx.analysis.app(ctx.path) else {
        return;
    };
    if app.components.is_empty() {
        return;
    }
    let module_ids: Vec<String> = app
        .components_of_kind(ComponentKind::Module)
        .map(|module| module.id.clone())
        .collect();
    let ValueKind::Array(groups) = &root.kind else {
        if !matches!(root.kind, ValueKind::Error) {
            ctx.emit(
                "X007",
                anchor(ctx, root),
                format!(
                    "the groups file must be an array of groups, not {}, e.g. {EXAMPLE}",
                    kind_name(root)
                ),
            );
        }
        return;
    };
    for group in groups {
        check_group(ctx, group, &module_ids);
    }
}

fn check_group(ctx: &mut Ctx, group: &Value, module_ids: &[String]) {
    match &group.kind {
        ValueKind::Object(_) => {}
        ValueKind::Error => return,
        _ => {
            ctx.emit(
                "X007",
                anchor(ctx, group),
                format!(
                    "a group must be an object with `label` and `modules`, not {}, e.g. {EXAMPLE}",
                    kind_name(group)
                ),
            );
            return;
        }
    }
    match member(group, "label").and_then(|m| m.value.as_ref()) {
        None => {
            ctx.emit(
                "X007",
                ctx.opening(group),
                "this group has no `label`; add the heading shown above its modules, e.g. \
                 `\"label\": \"Tasks\"`",
            );
        }
        Some(label) if !matches!(label.kind, ValueKind::String(_) | ValueKind::Error) => {
            ctx.emit(
                "X007",
                anchor(ctx, label),
                format!(
                    "a group's `label` must be a string, not {}; write the heading in quotes",
                    kind_name(label)
                ),
            );
        }
        Some(_) => {}
    }
    let modules = match member(group, "modules").and_then(|m| m.value.as_ref()) {
        None => {
            ctx.emit(
                "X007",
                ctx.opening(group),
                "this group has no `modules`; add `\"modules\": [...]` with the ids of the \
                 modules it holds",
            );
            return;
        }
        Some(modules) => modules,
    };
    let entries = match &modules.kind {
        ValueKind::Array(entries) => entries,
        ValueKind::Error => return,
        _ => {
            ctx.emit(
                "X007",
                anchor(ctx, modules),
                format!(
                    "a group's `modules` must be an array of module ids, not {}, e.g. \
                     `[\"listTasks\"]`",
                    kind_name(modules)
                ),
            );
            return;
        }
    };
    // A suggestion already listed in the group would only duplicate it.
    let listed: Vec<&str> = entries
        .iter()
        .filter_map(|entry| string(entry).map(|s| s.decoded.as_str()))
        .collect();
    let unlisted: Vec<&str> = module_ids
        .iter()
        .map(String::as_str)
        .filter(|id| !listed.contains(id))
        .collect();
    for entry in entries {
        check_module_entry(ctx, entry, module_ids, &unlisted);
    }
}

fn check_module_entry(ctx: &mut Ctx, entry: &Value, module_ids: &[String], unlisted: &[&str]) {
    let Some(written) = string(entry) else {
        if !matches!(entry.kind, ValueKind::Error) {
            ctx.emit(
                "X007",
                anchor(ctx, entry),
                format!(
                    "a module entry must be a module id in quotes, not {}",
                    kind_name(entry)
                ),
            );
        }
        return;
    };
    let id = written.decoded.as_str();
    if module_ids.iter().any(|known| known == id) {
        return;
    }
    let suggestion = closest(id, unlisted.iter().copied());
    let fixed = suggestion.map(|s| fix(format!("Use `{s}`"), vec![edit(entry.range, quote(s))]));
    let message = if module_ids.is_empty() {
        format!("`{id}` names no module: this app has none yet; remove the entry")
    } else {
        format!(
            "`{id}` names no module of this app; list the id of one of its modules or remove \
             the entry{}",
            did_you_mean(suggestion)
        )
    };
    ctx.emit("X007", entry.range, message).fix(fixed);
}

/// The whole value for a scalar, its opening bracket for an object or array
/// (which may span many lines).
fn anchor(ctx: &Ctx, value: &Value) -> text_size::TextRange {
    match value.kind {
        ValueKind::Object(_) | ValueKind::Array(_) => ctx.opening(value),
        _ => value.range,
    }
}
