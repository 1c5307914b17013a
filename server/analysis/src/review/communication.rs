//! Review rules on communication files: `limit` in searches, triggers and
//! RPCs (V009, V019), `iterate` only in searches (V011), trigger order
//! (V023), the universal module's host (V024), and connections that
//! validate their credentials with their own error handling (V012, V013).

use iml_jsonc::{Value, ValueKind};

use crate::roles::{ConnectionKind, ModuleType};
use crate::rules::context::{Ctx, as_str, get, member};

/// The requests of a communication: one object, or an array of them.
fn requests(root: &Value) -> Vec<&Value> {
    match &root.kind {
        ValueKind::Array(items) => items
            .iter()
            .filter(|i| matches!(i.kind, ValueKind::Object(_)))
            .collect(),
        ValueKind::Object(_) => vec![root],
        _ => Vec::new(),
    }
}

fn response_has(request: &Value, key: &str) -> bool {
    get(request, "response").is_some_and(|r| get(r, key).is_some())
}

pub(crate) fn check_module(ctx: &mut Ctx, root: &Value) {
    let module_type = ctx
        .analysis
        .component_of(ctx.path)
        .and_then(|(_, c)| c.module_type);
    let requests = requests(root);
    let Some(last) = requests.last().copied() else {
        return;
    };
    match module_type {
        Some(ModuleType::Search | ModuleType::Trigger) if !response_has(last, "limit") => {
            let range = member(last, "response").map_or_else(|| ctx.opening(last), |m| m.key.range);
            ctx.emit("V009", range, "the last request sets no `response.limit`; add `\"limit\": \"{{parameters.limit}}\"` so users can cap the bundles of a run");
        }
        _ => {}
    }
    if module_type == Some(ModuleType::Action) {
        for request in &requests {
            if let Some(iterate) = get(request, "response").and_then(|r| member(r, "iterate")) {
                ctx.emit(
                    "V011",
                    iterate.key.range,
                    "an action returns one result; make a module that iterates a search module",
                );
            }
        }
    }
    if module_type == Some(ModuleType::Trigger)
        && let Some(order) = get(last, "response")
            .and_then(|r| get(r, "trigger"))
            .and_then(|t| get(t, "order"))
        && let Some(text @ ("asc" | "unordered")) = as_str(order)
    {
        ctx.emit("V023", order.range, format!("a trigger reading `{text}` may miss items beyond Make's pagination cap; read newest first with `\"order\": \"desc\"`"));
    }
    if module_type == Some(ModuleType::Universal) {
        for request in &requests {
            if let Some(url) = get(request, "url")
                && let Some(text) = as_str(url)
                && host_is_computed(text)
            {
                ctx.emit("V024", url.range, "the host of this URL comes from an expression, so users could send the token anywhere; fix the host (or inherit `baseUrl`) and let users give the path");
            }
        }
    }
}

/// An expression before the end of the host: `{{parameters.url}}`,
/// `https://{{parameters.host}}/…`. A relative URL inherits Base's host.
fn host_is_computed(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("{{") {
        return true;
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or(rest);
    host.contains("{{")
}

pub(crate) fn check_rpc(ctx: &mut Ctx, root: &Value) {
    let requests = requests(root);
    let lists = requests
        .iter()
        .any(|r| response_has(r, "iterate") || get(r, "pagination").is_some());
    let limited = requests.iter().any(|r| response_has(r, "limit"));
    if lists
        && !limited
        && let Some(last) = requests.last()
    {
        let range = member(last, "response").map_or_else(|| ctx.opening(last), |m| m.key.range);
        ctx.emit("V019", range, "this RPC lists records without `response.limit`; cap them (300 to 500 for pages of 100 or more, else three pages) so it answers in time");
    }
}

pub(crate) fn check_connection(ctx: &mut Ctx, root: &Value) {
    let kind = ctx.role.connection_kind.or_else(|| {
        ctx.analysis
            .component_of(ctx.path)
            .and_then(|(app, c)| ctx.analysis.connection_kind(app, &c.id))
    });
    match kind {
        Some(ConnectionKind::Basic) => {
            let requests = requests(root);
            if requests.is_empty() {
                return;
            }
            if !requests.iter().any(|r| get(r, "url").is_some()) {
                let range = ctx.opening(root);
                ctx.emit("V012", range, "the connection sends no request, so wrong credentials are accepted; call an endpoint that needs them (`\"url\": \"/me\"`)");
            } else if !requests.iter().any(|r| response_has(r, "error")) {
                let range = ctx.opening(root);
                ctx.emit("V013", range, "the connection request has no `response.error`; Base's error handling does not apply here, so add one that shows the API's message");
            }
        }
        Some(ConnectionKind::OAuth1 | ConnectionKind::OAuth2) => {
            if !matches!(root.kind, ValueKind::Object(_)) {
                return;
            }
            match get(root, "info") {
                Some(info) if get(info, "url").is_some() => {
                    if !response_has(info, "error") {
                        let range = member(root, "info").map_or(root.range, |m| m.key.range);
                        ctx.emit("V013", range, "`info` has no `response.error`; Base's error handling does not apply to connections, so add one");
                    }
                }
                _ => {
                    let range =
                        member(root, "info").map_or_else(|| ctx.opening(root), |m| m.key.range);
                    ctx.emit("V012", range, "the OAuth connection never tests the token; add an `info` request to an account endpoint (`/me`)");
                }
            }
        }
        None => {}
    }
}
