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
        Some(ModuleType::Search | ModuleType::Trigger)
            if !response_has(last, "limit") && !single_bundle(&requests) =>
        {
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
                && let Some(problem) = host_problem(text)
            {
                let message = match problem {
                    HostProblem::FromUser => {
                        "the host of this URL comes from an expression, so users could send the token anywhere; fix the host (or inherit `baseUrl`) and let users give the path"
                    }
                    HostProblem::Extendable => {
                        "the user's path follows the host with no `/` between, so it can extend the host (`.attacker.example`) and receive the token; put a `/` after the host"
                    }
                };
                ctx.emit("V024", url.range, message);
            }
        }
    }
}

/// How a universal module's URL lets users choose the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HostProblem {
    /// An expression stands in the host: `{{parameters.url}}`,
    /// `https://{{parameters.host}}/…`.
    FromUser,
    /// A fixed host directly followed by an expression, with no `/`
    /// between: the user's text can extend the host.
    Extendable,
}

/// What is wrong with the host of `url`, if anything. A relative URL
/// inherits Base's host; a host built from the connection (`connection.*`,
/// `common.*` only) is the one the user's credentials belong to.
fn host_problem(url: &str) -> Option<HostProblem> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = match rest {
        Some(rest) => rest.split('/').next().unwrap_or(rest),
        None if url.starts_with("{{") => url.split('/').next().unwrap_or(url),
        None => return None,
    };
    let expression_at = host.find("{{")?;
    let expressions: Vec<&str> = host.split("{{").skip(1).collect();
    let from_connection = expressions.iter().all(|expression| {
        !expression.contains("parameters")
            && (expression.contains("connection.") || expression.contains("common."))
    });
    if from_connection {
        return None;
    }
    let literal = &host[..expression_at];
    if literal.contains('.') && !literal.ends_with(['.', '-']) {
        Some(HostProblem::Extendable)
    } else {
        Some(HostProblem::FromUser)
    }
}

/// Whether the communication surely returns one bundle: nothing iterates
/// and the last output is a literal object, so a `limit` would cap nothing
/// (a search that returns one record is a naming problem, not a limit one).
fn single_bundle(requests: &[&Value]) -> bool {
    let iterates = requests.iter().any(|r| response_has(r, "iterate"));
    let literal_object = requests
        .last()
        .and_then(|last| get(last, "response"))
        .and_then(|response| get(response, "output"))
        .is_some_and(|output| matches!(output.kind, ValueKind::Object(_)));
    !iterates && literal_object
}

/// Whether an output is computed by one expression (`"{{getFields(body)}}"`):
/// its shape is unknown.
fn computed_output(request: &Value) -> bool {
    get(request, "response")
        .and_then(|response| get(response, "output"))
        .is_some_and(|output| matches!(&output.kind, ValueKind::String(text) if text.decoded.as_str().trim_start().starts_with("{{")))
}

pub(crate) fn check_rpc(ctx: &mut Ctx, root: &Value) {
    let requests = requests(root);
    // Paging alone lists records only when the output is a list of
    // options; an RPC whose output one function builds (the fields of a
    // dynamic interface) must read every page, and a cap would drop fields.
    let lists = requests.iter().any(|r| {
        response_has(r, "iterate") || (get(r, "pagination").is_some() && !computed_output(r))
    });
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
