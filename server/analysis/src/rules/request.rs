//! One request spec (or an array of them): key sets, then the rules that
//! read several directives together (R005–R009, R020–R024, R027; the
//! `endpoint` call rules are in `endpoints.rs`).

use iml_catalogue::{KeyLevel, NestedObject, PlaceSet, Severity, ValueShape, lookup, nested_key};
use iml_jsonc::{Value, ValueKind};
use iml_lang::parse_template;

use super::context::{Ctx, DiagnosticExt, as_str, get, is_iml, member, members, string};
use super::fixes::remove_member;
use super::{endpoints, keys, response, sanitize};

/// Where a request stands in its communication.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Position {
    index: usize,
    count: usize,
    /// Every request after this one has a `condition`, so each may be
    /// skipped and this one's response may be the module's.
    later_all_conditional: bool,
}

impl Position {
    pub(crate) const SINGLE: Position = Position {
        index: 0,
        count: 1,
        later_all_conditional: true,
    };

    /// The request at `index` of `requests`.
    pub(crate) fn in_array(requests: &[&Value], index: usize) -> Position {
        Position {
            index,
            count: requests.len(),
            later_all_conditional: requests[index + 1..].iter().all(|r| is_conditional(r)),
        }
    }

    fn is_last(self) -> bool {
        self.index + 1 >= self.count
    }

    /// Whether this request's `output` can be what the module returns: it
    /// is the last, or every later request may be skipped. The docs'
    /// multiple-requests pattern gates each later request by a
    /// `condition`, each with its own `output`.
    fn may_end_the_run(self) -> bool {
        self.is_last() || self.later_all_conditional
    }
}

/// Whether a request can be skipped: it has a `condition` other than the
/// literal `true`.
fn is_conditional(request: &Value) -> bool {
    get(request, "condition")
        .is_some_and(|condition| !matches!(condition.kind, ValueKind::Bool(true)))
}

/// A communication file: one request object or an array of them.
pub(crate) fn check_communication(ctx: &mut Ctx, root: &Value, places: PlaceSet) {
    match &root.kind {
        ValueKind::Object(_) => check_request(ctx, root, places, Position::SINGLE),
        ValueKind::Array(items) => {
            let requests: Vec<&Value> = items.iter().collect();
            for (index, item) in items.iter().enumerate() {
                if matches!(item.kind, ValueKind::Object(_)) {
                    check_request(ctx, item, places, Position::in_array(&requests, index));
                }
            }
        }
        _ => {}
    }
}

/// Places that inherit Base (its `method`, `url`, `baseUrl`).
fn inherits_base(places: PlaceSet) -> bool {
    !places.is_empty()
        && places
            .minus(PlaceSet::MODULES_AND_RPC.union(PlaceSet::WEBHOOK_REQUESTS))
            .is_empty()
}

/// Places where a missing `url` selects request-less mode.
fn may_be_request_less(places: PlaceSet) -> bool {
    inherits_base(places)
}

pub(crate) fn check_request(ctx: &mut Ctx, request: &Value, places: PlaceSet, position: Position) {
    if is_foreign_object(request) {
        return;
    }
    keys::check_request_keys(ctx, request, places);
    check_flat_objects(ctx, request);
    if let Some(pagination) = get(request, "pagination") {
        check_flat_objects(ctx, pagination);
    }
    let has_url = get(request, "url").is_some() || base_has(ctx, places, "url");
    let calls_endpoint = get(request, "endpoint").is_some();
    if !has_url && !calls_endpoint && may_be_request_less(places) {
        check_request_less(ctx, request);
    } else if has_url && !calls_endpoint {
        check_method_and_body(ctx, request, places);
    }
    endpoints::check_call(ctx, request, places);
    check_url(ctx, request, places);
    check_repeat(ctx, request);
    if let Some(response) =
        get(request, "response").filter(|r| matches!(r.kind, ValueKind::Object(_)))
    {
        if !position.may_end_the_run() {
            check_not_last(ctx, response);
        }
        response::check_response(ctx, response, places);
    }
    response::check_webhook_replies(ctx, request);
    sanitize::check_log(ctx, request);
}

fn base_value<'a>(ctx: &Ctx<'a>, places: PlaceSet, key: &str) -> Option<&'a Value> {
    if !inherits_base(places) {
        return None;
    }
    let base = ctx.analysis.base_file(ctx.path)?;
    get(ctx.analysis.root_value(base)?, key)
}

fn base_has(ctx: &Ctx, places: PlaceSet, key: &str) -> bool {
    base_value(ctx, places, key).is_some()
}

/// R005: `headers` and `qs` hold primitives or arrays, not objects.
fn check_flat_objects(ctx: &mut Ctx, object: &Value) {
    for m in members(object) {
        let name = m.key.decoded.as_str();
        let flat = lookup(KeyLevel::Request, name)
            .is_some_and(|d| d.shape == ValueShape::ImlFlatObject)
            || nested_key(NestedObject::Pagination, name)
                .is_some_and(|d| d.shape == ValueShape::ImlFlatObject);
        let Some(value) = m.value.as_ref().filter(|_| flat) else {
            continue;
        };
        for entry in members(value) {
            if entry
                .value
                .as_ref()
                .is_some_and(|v| matches!(v.kind, ValueKind::Object(_)))
            {
                let key = entry.key.decoded.as_str();
                ctx.emit(
                    "R005",
                    entry.key.range,
                    format!("`{name}.{key}` holds an object, but `{name}` is flat; give a string, number, boolean or array (an expression may build the value)"),
                );
            }
        }
    }
}

/// The method a request uses: its own literal, Base's, or GET. `None` when
/// an expression decides.
fn effective_method(ctx: &Ctx, request: &Value, places: PlaceSet) -> Option<String> {
    let written = get(request, "method").or_else(|| base_value(ctx, places, "method"));
    match written {
        None => Some("GET".to_owned()),
        Some(value) if is_iml(value) => None,
        Some(value) => as_str(value).map(|m| m.trim().to_ascii_uppercase()),
    }
}

/// R006, R007, R024.
fn check_method_and_body(ctx: &mut Ctx, request: &Value, places: PlaceSet) {
    let Some(method) = effective_method(ctx, request, places) else {
        return;
    };
    let written_body = member(request, "body");
    let body = written_body.filter(|m| !m.value.as_ref().is_some_and(is_empty_value));
    if method == "GET" {
        if let Some(body) = body {
            ctx.emit(
                "R006",
                body.key.range,
                "`body` is ignored on a GET request; send the values in `qs`, or set `method`",
            );
        }
        if let Some(type_) = member(request, "type").filter(|_| body.is_none()) {
            let index = members(request).iter().position(|m| std::ptr::eq(m, type_));
            let fix = index.and_then(|i| remove_member(ctx.text, request, i, "Remove `type`"));
            ctx.emit(
                "R007",
                type_.key.range,
                "`type` only says how `body` is sent, and a GET request sends none; remove it",
            )
            .fix(fix);
        }
        return;
    }
    let needs_body = matches!(method.as_str(), "POST" | "PUT" | "PATCH")
        || (method == "DELETE"
            && !places
                .intersection(PlaceSet::BASE.union(PlaceSet::EPOCH))
                .is_empty());
    // Make's schemas state this rule for module, RPC, webhook, Base and epoch
    // requests; connection schemas do not.
    let schema_rule = places.intersection(PlaceSet::CONNECTIONS).is_empty();
    if schema_rule && needs_body && written_body.is_none() && !base_has(ctx, places, "body") {
        let range = member(request, "method").map_or_else(|| request.range, |m| m.key.range);
        ctx.emit("R024", range, format!("{method} without `body`: Make's schema expects one; add `\"body\": {{}}` if the service needs an empty body"));
    }
}

/// `{}`, `[]`, `""` or `null`: what templates leave in place.
fn is_empty_value(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Object(all) => all.is_empty(),
        ValueKind::Array(items) => items.is_empty(),
        ValueKind::String(s) => s.decoded.as_str().is_empty(),
        ValueKind::Null => true,
        _ => false,
    }
}

/// Whether an object is no request spec at all: several keys and not one
/// of them a directive (a home-grown descriptor under a spec's file name).
pub(crate) fn is_foreign_object(value: &Value) -> bool {
    let all = members(value);
    all.len() >= 2
        && all
            .iter()
            .all(|m| lookup(KeyLevel::Request, m.key.decoded.as_str()).is_none())
}

/// R020: a request-less item ignores the HTTP directives.
fn check_request_less(ctx: &mut Ctx, request: &Value) {
    const IGNORED: &[&str] = &["method", "qs", "headers", "body", "type", "pagination"];
    for (index, m) in members(request).iter().enumerate() {
        let name = m.key.decoded.as_str();
        if IGNORED.contains(&name) {
            let fix = remove_member(ctx.text, request, index, format!("Remove `{name}`"));
            ctx.emit("R020", m.key.range, format!("`{name}` is ignored: without `url` nothing is sent; add `url` or remove `{name}`"))
                .fix(fix);
        }
    }
}

/// R021, R022.
fn check_url(ctx: &mut Ctx, request: &Value, places: PlaceSet) {
    let Some(url_member) = member(request, "url") else {
        return;
    };
    let Some(url) = url_member.value.as_ref().and_then(string) else {
        return;
    };
    let decoded = url.decoded.as_str();
    let template = parse_template(decoded);
    let literal: usize = template
        .text_segments()
        .iter()
        .map(|r| usize::from(r.len()))
        .sum();
    if literal > 512 {
        ctx.emit("R021", url_member.key.range, format!("the literal part of `url` is {literal} characters long, more than the 512 Make accepts; move values to `qs`"));
    }
    if !decoded.starts_with('/') {
        return;
    }
    if !places.minus(PlaceSet::CONNECTIONS).is_empty() {
        if inherits_base(places)
            && let Some(base) = ctx.analysis.base_file(ctx.path)
            && let Some(root) = ctx.analysis.root_value(base)
            && matches!(root.kind, ValueKind::Object(_))
            && get(root, "baseUrl").is_none()
        {
            ctx.emit("R022", url_member.key.range, "`url` is relative, but Base has no `baseUrl` to prepend; add `baseUrl` to Base or write the full URL");
        }
        return;
    }
    ctx.emit(
        "R022",
        url_member.key.range,
        "`url` is relative, but connections do not inherit Base's `baseUrl`; write the full URL",
    );
}

/// R009: literal `delay`/`limit`, a `limit`, and a condition that does not read `body`.
fn check_repeat(ctx: &mut Ctx, request: &Value) {
    let Some(repeat) = member(request, "repeat") else {
        return;
    };
    let Some(value) = repeat
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    for key in ["delay", "limit"] {
        if let Some(m) = member(value, key)
            && m.value
                .as_ref()
                .is_some_and(|v| !matches!(v.kind, ValueKind::Number(_)))
        {
            ctx.emit(
                "R009",
                m.key.range,
                format!(
                    "`repeat.{key}` must be a literal number; expressions are not evaluated here"
                ),
            );
        }
    }
    if member(value, "limit").is_none() {
        ctx.emit("R009", repeat.key.range, "`repeat` has no `limit`, so it may loop until the module times out; add `\"limit\": 10` or similar");
    }
    if let Some(condition) = member(value, "condition")
        && let Some(text) = condition.value.as_ref().and_then(string)
        && super::iml_refs::references(text)
            .iter()
            .any(|r| r.root == "body")
    {
        ctx.emit("R009", condition.key.range, "`repeat.condition` sees `temp` only, not `body`; copy the value into `response.temp` and test `temp`")
            .severity(Severity::Warning);
    }
}

/// R023: only the last request's `output` and `limit` count (or those of
/// one that every later, conditional request may leave last).
fn check_not_last(ctx: &mut Ctx, response: &Value) {
    for key in ["output", "limit"] {
        if let Some(m) = member(response, key) {
            ctx.emit("R023", m.key.range, format!("`response.{key}` only counts in the last request of the array; move it there or keep values in `temp`"));
        }
    }
}
