//! `response` rules that read several keys together: the status-keyed
//! `type` (R004), the trigger object (R014), webhook replies (R025), epoch
//! output (R026) and action output (R027).

use iml_catalogue::{EnumId, PlaceSet, Severity, is_status_pattern};
use iml_jsonc::{Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, as_str, get, is_iml, member, members};
use super::keys::check_enum;

pub(crate) fn check_response(ctx: &mut Ctx, response: &Value, places: PlaceSet) {
    check_type_map(ctx, response);
    if !places.intersection(PlaceSet::TRIGGER).is_empty() {
        check_trigger(ctx, response);
    }
    if places == PlaceSet::EPOCH {
        check_epoch_output(ctx, response);
    }
    if places == PlaceSet::ACTION
        && let Some(output) = member(response, "output")
        && output
            .value
            .as_ref()
            .is_some_and(|v| matches!(v.kind, ValueKind::Array(_)))
    {
        ctx.emit("R027", output.key.range, "an action module must output one object, and this `output` is an array; wrap it in an object or make the module a search");
    }
    if places == PlaceSet::RESPONDER
        && let Some(status) = member(response, "status")
    {
        check_status(ctx, status);
    }
}

/// R004: the object form of `response.type`.
fn check_type_map(ctx: &mut Ctx, response: &Value) {
    let Some(type_member) = member(response, "type") else {
        return;
    };
    let Some(map) = type_member
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    let mut has_star = false;
    for entry in members(map) {
        let key = entry.key.decoded.as_str();
        has_star |= key == "*";
        if !is_status_pattern(key) && !key.contains("{{") {
            ctx.emit("R004", entry.key.range, format!("`{key}` is not a status key of `response.type`; use `*`, a status such as `404`, or a range such as `400-499`"));
        }
        if let Some(value) = &entry.value {
            check_enum(ctx, EnumId::ResponseType, "type", value);
        }
    }
    if !has_star {
        ctx.emit("R004", type_member.key.range, "`response.type` has no `*` entry, so other statuses use the default parser; add `\"*\": \"json\"` or similar")
            .severity(Severity::Hint);
    }
}

/// R014: `date` when the type is `date`; prefer descending order.
fn check_trigger(ctx: &mut Ctx, response: &Value) {
    let Some(trigger) = member(response, "trigger") else {
        return;
    };
    let Some(object) = trigger
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    if get(object, "type").and_then(as_str) == Some("date") && member(object, "date").is_none() {
        ctx.emit(
            "R014",
            trigger.key.range,
            "a trigger of type `date` needs `date`, the item's creation or update date; add it",
        );
    }
    if let Some(order) = member(object, "order")
        && order.value.as_ref().and_then(as_str) == Some("asc")
    {
        ctx.emit("R014", order.key.range, "with `asc` order Make may miss the newest items (it reads at most 3200); ask the API for `desc` order if it can")
            .severity(Severity::Hint);
    }
}

/// R026: the epoch lists items by `label` and `date`.
fn check_epoch_output(ctx: &mut Ctx, response: &Value) {
    let Some(output) = member(response, "output") else {
        return;
    };
    let Some(object) = output
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    let missing: Vec<&str> = ["label", "date"]
        .into_iter()
        .filter(|key| member(object, key).is_none())
        .collect();
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        ctx.emit("R026", output.key.range, format!("the epoch `output` lacks {list}; the epoch panel lists items by `label` and starts from `date`"));
    }
}

/// R025: `respond` and `verification.respond` in webhook communication.
pub(crate) fn check_webhook_replies(ctx: &mut Ctx, request: &Value) {
    let verification_respond = get(request, "verification").and_then(|v| get(v, "respond"));
    for respond in get(request, "respond")
        .into_iter()
        .chain(verification_respond)
    {
        if let Some(status) = member(respond, "status") {
            check_status(ctx, status);
        }
    }
}

fn check_status(ctx: &mut Ctx, status: &iml_jsonc::Member) {
    let Some(value) = &status.value else { return };
    if is_iml(value) {
        return;
    }
    let number = match &value.kind {
        ValueKind::Number(n) => n.parse::<f64>().ok(),
        ValueKind::String(s) => s.decoded.as_str().trim().parse::<f64>().ok(),
        _ => None,
    };
    if let Some(n) = number
        && !(100.0..=999.0).contains(&n)
    {
        ctx.emit(
            "R025",
            value.range,
            format!("status {n} is outside 100–999; use an HTTP status such as 200"),
        );
    }
}
