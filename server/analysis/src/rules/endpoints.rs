//! Endpoints (spec §11.5): a module or RPC that calls an Endpoint instead of
//! sending a request (R029, R030, R016 for misplaced pagination keys, X008
//! for unknown names), an Endpoint's own communication (R031) and its input
//! and output parameters (P015–P017).

use iml_catalogue::directives::{ENDPOINT_PAGINATION_KEYS, HTTP_ONLY_DIRECTIVES};
use iml_catalogue::{KeyLevel, PlaceSet, lookup};
use iml_jsonc::{Member, Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, as_str, get, is_iml, member, members};
use super::fixes::{quote, remove_member, replace_value};
use super::keys::check_value;
use super::suggest::{closest, did_you_mean};
use crate::roles::{ComponentKind, RoleKind};

/// Whether the file being checked belongs to an Endpoint.
pub(crate) fn in_endpoint(ctx: &Ctx) -> bool {
    let declared = ctx
        .analysis
        .component_of(ctx.path)
        .map(|(_, component)| component.kind);
    declared.or_else(|| ctx.role.component.as_ref().map(|c| c.kind))
        == Some(ComponentKind::Endpoint)
}

/// R031: an Endpoint's communication is one request that calls no other
/// Endpoint. The request itself is checked like an RPC's beforehand.
pub(crate) fn check_communication(ctx: &mut Ctx, root: &Value) {
    match &root.kind {
        ValueKind::Array(_) => {
            ctx.emit(
                "R031",
                ctx.opening(root),
                "an Endpoint's communication is one request object, not an array; keep a single request (chain calls in the module that calls the Endpoint)",
            );
        }
        ValueKind::Object(_) => {
            if let Some(index) = index_of(root, "endpoint") {
                let fix = remove_member(ctx.text, root, index, "Remove `endpoint`");
                let range = members(root)[index].key.range;
                ctx.emit(
                    "R031",
                    range,
                    "an Endpoint may not call another Endpoint; send the HTTP request here with `url`, or call both Endpoints from a module",
                )
                .fix(fix);
            }
            if let Some(pagination) = get(root, "pagination")
                && let Some(endpoint) = member(pagination, "endpoint")
            {
                ctx.emit(
                    "R031",
                    endpoint.key.range,
                    "an Endpoint may not call another Endpoint, not even for the next page; paginate with `url`, `qs` or `body`",
                );
            }
        }
        _ => {}
    }
}

/// A request of a module or RPC (or of an Endpoint, which R031 covers):
/// what `endpoint` allows and forbids next to it.
pub(crate) fn check_call(ctx: &mut Ctx, request: &Value, places: PlaceSet) {
    if places.intersection(PlaceSet::MODULES_AND_RPC).is_empty() {
        return;
    }
    let own_endpoint = in_endpoint(ctx);
    let calls = member(request, "endpoint");
    let pagination = get(request, "pagination").filter(|p| matches!(p.kind, ValueKind::Object(_)));
    match calls {
        Some(call) if !own_endpoint => {
            check_http_directives(ctx, request);
            if let Some(pagination) = pagination {
                check_endpoint_pagination(ctx, pagination, places);
            }
            if let Some(value) = &call.value {
                check_name(ctx, value);
            }
        }
        Some(_) => {}
        None => {
            if let Some(index) = index_of(request, "input") {
                let fix = remove_member(ctx.text, request, index, "Remove `input`");
                let range = members(request)[index].key.range;
                ctx.emit(
                    "R030",
                    range,
                    "`input` is passed to an Endpoint, but this request calls none; add `\"endpoint\": \"<name>\"` or remove `input`",
                )
                .fix(fix);
            }
            if let Some(pagination) = pagination {
                for m in members(pagination) {
                    let name = m.key.decoded.as_str();
                    // In an Endpoint, `pagination.endpoint` is R031's.
                    let reported = name == "input" || (name == "endpoint" && !own_endpoint);
                    if reported {
                        ctx.emit(
                            "R016",
                            m.key.range,
                            format!("`pagination.{name}` only applies when the request calls an Endpoint; add `endpoint` to the request, or page with `url`, `qs` or `body`"),
                        );
                    }
                }
            }
        }
    }
}

/// R029: with `endpoint`, the request sends nothing itself.
fn check_http_directives(ctx: &mut Ctx, request: &Value) {
    for (index, m) in members(request).iter().enumerate() {
        let name = m.key.decoded.as_str();
        if !HTTP_ONLY_DIRECTIVES.contains(&name) {
            continue;
        }
        let fix = remove_member(ctx.text, request, index, format!("Remove `{name}`"));
        ctx.emit(
            "R029",
            m.key.range,
            format!("`{name}` is not allowed next to `endpoint`: the Endpoint sends the HTTP request; remove `{name}` (or move it into the Endpoint's communication)"),
        )
        .fix(fix);
    }
}

/// R029 for `pagination`; its `endpoint` and `input` are checked like the
/// request directives of the same names, and X008 for the Endpoint's name.
fn check_endpoint_pagination(ctx: &mut Ctx, pagination: &Value, places: PlaceSet) {
    let allowed = ENDPOINT_PAGINATION_KEYS
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for (index, m) in members(pagination).iter().enumerate() {
        let name = m.key.decoded.as_str();
        if ENDPOINT_PAGINATION_KEYS.contains(&name) {
            if let Some(directive) =
                lookup(KeyLevel::Request, name).filter(|_| matches!(name, "endpoint" | "input"))
                && let Some(value) = &m.value
            {
                check_value(ctx, directive, m, value, places);
            }
            continue;
        }
        // Unknown keys are R016's.
        if iml_catalogue::nested_key(iml_catalogue::NestedObject::Pagination, name).is_none() {
            continue;
        }
        let fix = remove_member(ctx.text, pagination, index, format!("Remove `{name}`"));
        ctx.emit(
            "R029",
            m.key.range,
            format!("`pagination.{name}` is not allowed when the request calls an Endpoint: pages are fetched with {allowed}; pass the page through `input`"),
        )
        .fix(fix);
    }
    if let Some(value) = get(pagination, "endpoint") {
        check_name(ctx, value);
    }
}

/// X008: a literal Endpoint name must name one of the app's Endpoints.
fn check_name(ctx: &mut Ctx, value: &Value) {
    let name_value = match &value.kind {
        ValueKind::String(_) => value,
        ValueKind::Object(_) => match get(value, "name") {
            Some(name) => name,
            None => return,
        },
        _ => return,
    };
    if is_iml(name_value) {
        return;
    }
    let Some(name) = as_str(name_value).map(str::trim).filter(|n| !n.is_empty()) else {
        return;
    };
    let Some(app) = ctx.analysis.app(ctx.path) else {
        return;
    };
    // Without any component the app is not known well enough to judge.
    if app.components.is_empty() {
        return;
    }
    let endpoints: Vec<&str> = app
        .components_of_kind(ComponentKind::Endpoint)
        .map(|e| e.id.as_str())
        .collect();
    if endpoints.contains(&name) {
        return;
    }
    let suggestion = closest(name, endpoints.iter().copied());
    let fix = suggestion.map(|s| replace_value(name_value, &quote(s), format!("Use `{s}`")));
    let known = if endpoints.is_empty() {
        "; the app has no Endpoints (add one under `components.endpoint` in `makecomapp.json`)"
            .to_owned()
    } else {
        did_you_mean(suggestion)
    };
    ctx.emit(
        "X008",
        name_value.range,
        format!("`{name}` names no Endpoint of this app{known}"),
    )
    .fix(fix);
}

/// Whether a parameter file holds an Endpoint's input or output.
pub(crate) fn is_endpoint_parameters(ctx: &Ctx) -> bool {
    matches!(
        ctx.role.kind,
        RoleKind::InputParams | RoleKind::OutputParams
    ) && ctx
        .role
        .component
        .as_ref()
        .is_none_or(|c| c.kind == ComponentKind::Endpoint)
}

/// P015, P016: one parameter of an Endpoint's input or output, at any depth.
pub(crate) fn check_parameter(ctx: &mut Ctx, param: &Value) {
    let type_member = member(param, "type");
    let is_banner = type_member
        .and_then(|m| m.value.as_ref())
        .filter(|v| !is_iml(v))
        .and_then(as_str)
        == Some("banner");
    if is_banner {
        let range = type_member.map_or_else(|| ctx.opening(param), |m: &Member| m.key.range);
        ctx.emit(
            "P016",
            range,
            "Endpoint parameters have no `banner`; remove it and put the note in the `help` of the parameter it concerns",
        );
        return;
    }
    if member(param, "help").is_none() {
        let range = member(param, "name").map_or_else(|| ctx.opening(param), |m| m.key.range);
        ctx.emit(
            "P015",
            range,
            "an Endpoint parameter needs `help` (Make's schema requires it for Endpoints); add `\"help\": \"…\"` describing it",
        );
    }
}

/// P017: a top-level `json` parameter carries the fixed schema name.
pub(crate) fn check_top_level(ctx: &mut Ctx, items: &[Value]) {
    let expected = match ctx.role.kind {
        RoleKind::InputParams => "inputSchema",
        RoleKind::OutputParams => "outputSchema",
        _ => return,
    };
    for item in items {
        let is_json = get(item, "type").filter(|v| !is_iml(v)).and_then(as_str) == Some("json");
        let Some(name) = get(item, "name").filter(|v| is_json && !is_iml(v)) else {
            continue;
        };
        let Some(written) = as_str(name).filter(|n| *n != expected) else {
            continue;
        };
        let fix = replace_value(name, &quote(expected), format!("Rename to `{expected}`"));
        ctx.emit(
            "P017",
            name.range,
            format!("a top-level `json` parameter of an Endpoint's {} must be named `{expected}`, not `{written}`; rename it", if expected == "inputSchema" { "input" } else { "output" }),
        )
        .fix(Some(fix));
    }
}

fn index_of(object: &Value, key: &str) -> Option<usize> {
    members(object)
        .iter()
        .rposition(|m| m.key.decoded.as_str() == key)
}
