//! The OAuth 2 flow: `token` without `authorize` (C002), redirect URIs
//! (C007) and `refresh` (C008).

use iml_catalogue::{OAuthFlavour, Severity};
use iml_jsonc::{JsonString, Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, get, is_literal_falsy, member, members};
use super::fixes::{edit, fix, insert_first_member, replace_value};
use super::iml_refs::{Reference, references};

const REDIRECT_VARIABLES: &[&str] = &["redirectUri", "localRedirectUri", "makeRedirectUri"];
const LEGACY_REDIRECT: &str = "redirectUri";
const RECOMMENDED_REDIRECT: &str = "oauth.localRedirectUri";

pub(crate) fn check(ctx: &mut Ctx, root: &Value, flavour: OAuthFlavour) {
    if flavour != OAuthFlavour::OAuth2 {
        return;
    }
    check_token_condition(ctx, root);
    check_redirects(ctx, root);
    check_refresh(ctx, root);
}

/// C002: without `authorize`, `token` runs only when its condition is truthy.
fn check_token_condition(ctx: &mut Ctx, root: &Value) {
    if member(root, "authorize").is_some() {
        return;
    }
    let Some(token) = member(root, "token") else {
        return;
    };
    let Some(request) = token
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    match member(request, "condition") {
        None => {
            let fix = insert_first_member(
                ctx.text,
                request,
                "\"condition\": true",
                "Add `\"condition\": true`",
            );
            ctx.emit("C002", token.key.range, "`token` never runs: there is no `authorize` section and no `condition`; add `\"condition\": true` (or an expiry check)")
                .fix(fix);
        }
        Some(condition) => {
            let Some(value) = condition.value.as_ref().filter(|v| is_literal_falsy(v)) else {
                return;
            };
            let fix = replace_value(value, "true", "Set the condition to `true`");
            ctx.emit("C002", condition.key.range, "`token` never runs: there is no `authorize` section and its `condition` is always false; make it truthy")
                .fix(Some(fix));
        }
    }
}

/// Every string value below `value`.
fn strings(value: &Value) -> Vec<&JsonString> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(current) = stack.pop() {
        match &current.kind {
            ValueKind::String(s) => out.push(s),
            ValueKind::Array(items) => stack.extend(items.iter().rev()),
            ValueKind::Object(all) => {
                stack.extend(all.iter().rev().filter_map(|m| m.value.as_ref()))
            }
            _ => {}
        }
    }
    out
}

fn redirect_uses(value: &Value) -> Vec<Reference> {
    strings(value)
        .into_iter()
        .flat_map(references)
        .filter(|r| {
            r.root == "oauth"
                && r.path.len() == 1
                && r.first().is_some_and(|f| REDIRECT_VARIABLES.contains(&f))
        })
        .collect()
}

/// C007: the legacy redirect variable, and `authorize`/`token` disagreeing.
fn check_redirects(ctx: &mut Ctx, root: &Value) {
    let section_uses = |name: &str| get(root, name).map(redirect_uses).unwrap_or_default();
    for m in members(root) {
        let Some(value) = &m.value else { continue };
        for use_ in redirect_uses(value) {
            if use_.first() == Some(LEGACY_REDIRECT) {
                let replace = fix(
                    format!("Replace with `{RECOMMENDED_REDIRECT}`"),
                    vec![edit(use_.range, RECOMMENDED_REDIRECT)],
                );
                ctx.emit("C007", use_.range, format!("`oauth.redirectUri` is the legacy integromat.com callback; new apps use `{RECOMMENDED_REDIRECT}` (register https://www.make.com/oauth/cb/app at the provider)"))
                    .fix(Some(replace));
            }
        }
    }
    let authorize = section_uses("authorize");
    let token = section_uses("token");
    let Some(sent) = authorize.first().and_then(Reference::first) else {
        return;
    };
    for use_ in &token {
        let Some(variable) = use_.first() else {
            continue;
        };
        if variable == sent {
            continue;
        }
        let legacy_involved = variable == LEGACY_REDIRECT || sent == LEGACY_REDIRECT;
        let replace = fix(
            format!("Use `oauth.{sent}` as `authorize` does"),
            vec![edit(use_.range, format!("oauth.{sent}"))],
        );
        ctx.emit("C007", use_.range, format!("`token` sends `oauth.{variable}` but `authorize` sends `oauth.{sent}`; the provider rejects a code exchange whose redirect URI differs, so use the same variable"))
            .severity(if legacy_involved { Severity::Warning } else { Severity::Hint })
            .fix(Some(replace));
    }
}

/// Whether a key name stores an expiry or a refresh token.
fn stores_refresh_state(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.contains("expir") || lower.contains("refresh")
}

/// C008: `refresh` needs a condition, and something stored to refresh with.
fn check_refresh(ctx: &mut Ctx, root: &Value) {
    let Some(refresh) = member(root, "refresh") else {
        return;
    };
    let Some(request) = refresh
        .value
        .as_ref()
        .filter(|v| matches!(v.kind, ValueKind::Object(_)))
    else {
        return;
    };
    if member(request, "condition").is_none() {
        ctx.emit("C008", refresh.key.range, "`refresh` has no `condition`, so it may run on every execution; add one such as `\"{{data.expires < addMinutes(now, 15)}}\"`");
    }
    let mut open = false;
    let mut stores = false;
    for m in members(root) {
        let Some(data) = m
            .value
            .as_ref()
            .and_then(|section| get(section, "response"))
            .and_then(|r| get(r, "data"))
        else {
            continue;
        };
        match &data.kind {
            ValueKind::Object(all) => {
                for entry in all {
                    let key = entry.key.decoded.as_str();
                    open |= key.contains("{{");
                    stores |= stores_refresh_state(key);
                }
            }
            _ => open = true,
        }
    }
    if !open && !stores {
        ctx.emit("C008", refresh.key.range, "`refresh` is defined, but no `response.data` stores an expiry or a refresh token; store `expires` (and the refresh token) in `token`'s `response.data`")
            .severity(Severity::Hint);
    }
}
