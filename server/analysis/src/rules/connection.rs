//! Connection communication: the flavour and its sections (C001), requests
//! without `url` (C005), basic arrays (C006), `uid`/`metadata` outside
//! `info` (C004) and the `uid` shared webhooks need (C018). Each request is
//! also checked as a request of its connection place.

use iml_catalogue::{
    NestedObject, OAuthFlavour, PlaceSet, Severity, flavour_of_key, section, sections,
};
use iml_jsonc::{Value, ValueKind};
use text_size::{TextRange, TextSize};

use super::context::{Ctx, DiagnosticExt, get, member, members};
use super::fixes::{insert_first_member, rename_key};
use super::request::{Position, check_request};
use super::suggest::{closest, did_you_mean};
use super::{keys, oauth_flow, sanitize};
use crate::roles::{ComponentKind, ConnectionKind, WebhookType};

/// How a connection's communication is organised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Basic,
    OAuth(OAuthFlavour),
}

fn place(flavour: OAuthFlavour) -> PlaceSet {
    match flavour {
        OAuthFlavour::OAuth1 => PlaceSet::CONNECTION_OAUTH1,
        OAuthFlavour::OAuth2 => PlaceSet::CONNECTION_OAUTH2,
    }
}

/// The flavour told by the section keys (the majority, when both appear),
/// else by the file's role or declared type.
pub(crate) fn flavour_of(ctx: &Ctx, root: &Value) -> Flavour {
    let ValueKind::Object(all) = &root.kind else {
        return Flavour::Basic;
    };
    let count = |flavour| {
        all.iter()
            .filter(|m| flavour_of_key(m.key.decoded.as_str()) == Some(flavour))
            .count()
    };
    let (oauth1, oauth2) = (count(OAuthFlavour::OAuth1), count(OAuthFlavour::OAuth2));
    if oauth1 > oauth2 {
        return Flavour::OAuth(OAuthFlavour::OAuth1);
    }
    if oauth2 > 0 {
        return Flavour::OAuth(OAuthFlavour::OAuth2);
    }
    let is_request_key = |name: &str| iml_catalogue::directive(name).is_some();
    let shared_sections = all.iter().any(|m| {
        let name = m.key.decoded.as_str();
        section(OAuthFlavour::OAuth2, name).is_some() && !is_request_key(name)
    });
    if all
        .iter()
        .any(|m| is_request_key(m.key.decoded.as_str()) && m.key.decoded.as_str() != "oauth")
    {
        return Flavour::Basic;
    }
    if shared_sections {
        return Flavour::OAuth(OAuthFlavour::OAuth2);
    }
    match ctx.role.connection_kind {
        Some(ConnectionKind::OAuth1) => Flavour::OAuth(OAuthFlavour::OAuth1),
        Some(ConnectionKind::OAuth2) => Flavour::OAuth(OAuthFlavour::OAuth2),
        _ => Flavour::Basic,
    }
}

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    match &root.kind {
        ValueKind::Array(items) => {
            if items.len() == 1 {
                // One request in brackets runs as that request: only the
                // form differs from the docs (our reading; they say nothing
                // of an array of one), so it is a hint.
                ctx.emit("C006", first_char(root), "a basic connection written as an array of one request; the current docs describe the request object alone, so the brackets can go")
                    .severity(Severity::Hint);
            } else {
                ctx.emit("C006", first_char(root), "a basic connection is described by one request in the current docs; Make's tools still run an array, but consider a single validation request");
            }
            let requests: Vec<&Value> = items.iter().collect();
            for (index, item) in items.iter().enumerate() {
                if matches!(item.kind, ValueKind::Object(_)) {
                    check_request(
                        ctx,
                        item,
                        PlaceSet::CONNECTION_BASIC,
                        Position::in_array(&requests, index),
                    );
                    check_url_present(ctx, item, first_char(item));
                    sanitize::check_connection_request(ctx, item, None);
                }
            }
            check_uid_for_shared_webhooks(ctx, root);
        }
        ValueKind::Object(all) if all.is_empty() => {}
        ValueKind::Object(_) => match flavour_of(ctx, root) {
            Flavour::Basic if super::request::is_foreign_object(root) => {}
            Flavour::Basic => {
                check_request(ctx, root, PlaceSet::CONNECTION_BASIC, Position::SINGLE);
                check_url_present(ctx, root, first_char(root));
                sanitize::check_connection_request(ctx, root, None);
                check_uid_for_shared_webhooks(ctx, root);
            }
            Flavour::OAuth(flavour) => {
                check_sections(ctx, root, flavour);
                oauth_flow::check(ctx, root, flavour);
                check_uid_for_shared_webhooks(ctx, root);
            }
        },
        _ => {}
    }
}

fn first_char(value: &Value) -> TextRange {
    TextRange::at(value.range.start(), TextSize::from(1))
        .intersect(value.range)
        .unwrap_or(value.range)
}

fn other(flavour: OAuthFlavour) -> OAuthFlavour {
    match flavour {
        OAuthFlavour::OAuth1 => OAuthFlavour::OAuth2,
        OAuthFlavour::OAuth2 => OAuthFlavour::OAuth1,
    }
}

fn flavour_name(flavour: OAuthFlavour) -> &'static str {
    match flavour {
        OAuthFlavour::OAuth1 => "OAuth 1",
        OAuthFlavour::OAuth2 => "OAuth 2",
    }
}

/// C001 for keys that are no section of the flavour; each section checked as a request.
fn check_sections(ctx: &mut Ctx, root: &Value, flavour: OAuthFlavour) {
    let places = place(flavour);
    for m in members(root) {
        let name = m.key.decoded.as_str();
        let Some(info) = section(flavour, name) else {
            if flavour_of_key(name) == Some(other(flavour)) {
                ctx.emit(
                    "C001",
                    m.key.range,
                    format!(
                        "`{name}` is an {} section, but this communication is {} (its other sections say so); use one flavour only",
                        flavour_name(other(flavour)),
                        flavour_name(flavour)
                    ),
                );
                continue;
            }
            let keys: Vec<&str> = sections(flavour).iter().map(|s| s.key).collect();
            let suggestion = closest(name, keys.iter().copied());
            let list = keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            ctx.emit(
                "C001",
                m.key.range,
                format!(
                    "`{name}` is not a section of an {} connection; sections are {list}{}",
                    flavour_name(flavour),
                    did_you_mean(suggestion)
                ),
            )
            .fix(suggestion.map(|s| rename_key(&m.key, s)));
            continue;
        };
        let Some(value) = &m.value else { continue };
        if !info.is_request {
            if matches!(value.kind, ValueKind::Object(_)) {
                keys::check_nested(ctx, NestedObject::OAuth1Signing, m.key.range, value, places);
            }
            continue;
        }
        let requests: Vec<&Value> = match &value.kind {
            ValueKind::Object(_) => vec![value],
            ValueKind::Array(items) => items
                .iter()
                .filter(|v| matches!(v.kind, ValueKind::Object(_)))
                .collect(),
            _ => Vec::new(),
        };
        for (index, request) in requests.iter().enumerate() {
            check_request(ctx, request, places, Position::in_array(&requests, index));
            check_url_present(ctx, request, m.key.range);
            if info.key != "info" {
                check_account_keys_outside_info(ctx, request);
            }
            sanitize::check_connection_request(ctx, request, Some(info.section));
        }
    }
}

/// C005: a connection request with directives but no `url`.
fn check_url_present(ctx: &mut Ctx, request: &Value, range: TextRange) {
    if members(request).is_empty() || member(request, "url").is_some() {
        return;
    }
    let fix = insert_first_member(ctx.text, request, "\"url\": \"\"", "Add `\"url\": \"\"`");
    ctx.emit("C005", range, "this connection request has no `url`; connections have no request-less mode, so add the URL to call")
        .fix(fix);
}

/// C004 (second half): account description keys belong in `info`.
fn check_account_keys_outside_info(ctx: &mut Ctx, request: &Value) {
    let Some(response) = get(request, "response") else {
        return;
    };
    for key in ["uid", "metadata"] {
        if let Some(m) = member(response, key) {
            ctx.emit("C004", m.key.range, format!("`response.{key}` describes the account and belongs in the `info` section; move it there"))
                .severity(Severity::Hint);
        }
    }
}

/// C018: shared webhooks route events by the connection's `response.uid`.
fn check_uid_for_shared_webhooks(ctx: &mut Ctx, root: &Value) {
    let Some((app, connection)) = ctx.analysis.component_of(ctx.path) else {
        return;
    };
    if connection.kind != ComponentKind::Connection {
        return;
    }
    let users: Vec<&str> = app
        .components_of_kind(ComponentKind::Webhook)
        .filter(|w| w.webhook_type == Some(WebhookType::Shared))
        .filter(|w| {
            w.connection.as_deref() == Some(connection.id.as_str())
                || w.alt_connection.as_deref() == Some(connection.id.as_str())
        })
        .map(|w| w.id.as_str())
        .collect();
    if users.is_empty() || defines_response_uid(root) {
        return;
    }
    let range = member(root, "info").map_or_else(|| first_char(root), |m| m.key.range);
    let list = users
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    ctx.emit("C018", range, format!("shared webhook {list} routes events by this connection's `response.uid`, which is never set; add `\"uid\"` to the `info` response (or the request's response)"));
}

/// Whether any request of a connection communication sets `response.uid`.
pub(crate) fn defines_response_uid(root: &Value) -> bool {
    let has_uid =
        |request: &Value| get(request, "response").is_some_and(|r| member(r, "uid").is_some());
    match &root.kind {
        ValueKind::Array(items) => items.iter().any(has_uid),
        ValueKind::Object(all) => {
            has_uid(root) || all.iter().filter_map(|m| m.value.as_ref()).any(has_uid)
        }
        _ => false,
    }
}
