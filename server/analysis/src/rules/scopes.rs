//! Scopes: the connection's default scope and scope list (C017), and module
//! scopes the connection's scope list does not describe (X004).

use iml_jsonc::{Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, as_str, members};
use super::fixes::{edit, fix, quote};
use super::suggest::{closest, did_you_mean};
use crate::roles::{ComponentKind, RoleKind};

const MAX_SCOPE_LEN: usize = 512;

fn scope_text_problem(value: &Value) -> Option<String> {
    let Some(text) = as_str(value) else {
        return Some(format!(
            "a scope must be a string, not {}",
            super::context::kind_name(value)
        ));
    };
    if text.trim().is_empty() {
        return Some("a scope must not be empty".to_owned());
    }
    (text.chars().count() > MAX_SCOPE_LEN)
        .then(|| format!("a scope may have at most {MAX_SCOPE_LEN} characters"))
}

/// C017: the default scope is an array of non-empty strings.
pub(crate) fn check_default_scope(ctx: &mut Ctx, root: &Value) {
    let ValueKind::Array(items) = &root.kind else {
        ctx.emit(
            "C017",
            ctx.opening(root),
            "the default scope must be an array of scope names, e.g. `[\"read\"]`",
        );
        return;
    };
    for item in items {
        if let Some(problem) = scope_text_problem(item) {
            ctx.emit(
                "C017",
                item.range,
                format!("{problem}; list scope names such as `\"read\"`"),
            );
        }
    }
}

/// C017: the scope list maps each scope to a description.
pub(crate) fn check_scope_list(ctx: &mut Ctx, root: &Value) {
    if !matches!(root.kind, ValueKind::Object(_)) {
        ctx.emit(
            "C017",
            ctx.opening(root),
            "the scope list must be an object mapping each scope to its description",
        );
        return;
    }
    for m in members(root) {
        let Some(value) = &m.value else { continue };
        if let Some(problem) = scope_text_problem(value) {
            let problem = problem.replace("a scope", "a scope description");
            ctx.emit(
                "C017",
                value.range,
                format!("{problem}; describe `{}` in words", m.key.decoded.as_str()),
            );
        }
    }
}

/// X004: a module, RPC or webhook scope missing from the connection's scope list.
pub(crate) fn check_module_scope(ctx: &mut Ctx, root: &Value) {
    let ValueKind::Array(items) = &root.kind else {
        return;
    };
    let Some(connection) = ctx.analysis.linked_connection(ctx.path) else {
        return;
    };
    if connection.kind != ComponentKind::Connection {
        return;
    }
    let Some(list_file) = connection.files_with_role(RoleKind::ScopeList).next() else {
        return;
    };
    let Some(list) = ctx.analysis.root_value(list_file) else {
        return;
    };
    let known: Vec<&str> = members(list)
        .iter()
        .map(|m| m.key.decoded.as_str())
        .collect();
    if !matches!(list.kind, ValueKind::Object(_)) || known.iter().any(|k| k.contains("{{")) {
        return;
    }
    let id = connection.id.clone();
    for item in items {
        let Some(scope) = as_str(item) else { continue };
        if scope.contains("{{") || known.contains(&scope) {
            continue;
        }
        let suggestion = closest(scope, known.iter().copied());
        let fix = suggestion.map(|s| fix(format!("Use `{s}`"), vec![edit(item.range, quote(s))]));
        ctx.emit("X004", item.range, format!("scope `{scope}` is not in the scope list of connection `{id}`, so users see no description for it{}", did_you_mean(suggestion)))
            .fix(fix);
    }
}
