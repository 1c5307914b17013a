//! Review rules on Base: error handling (V014), 429 as `RateLimitError`
//! (V015) and a production `baseUrl` (V025); its secrets are C013's.

use iml_catalogue::review::HOSTING_DOMAINS;
use iml_jsonc::{Value, ValueKind};

use crate::rules::context::{Ctx, as_str, get, member};

pub(crate) fn check(ctx: &mut Ctx, root: &Value) {
    if !matches!(root.kind, ValueKind::Object(_)) {
        return;
    }
    let error = get(root, "response").and_then(|r| get(r, "error"));
    match error {
        None => {
            let range = member(root, "response").map_or_else(|| ctx.opening(root), |m| m.key.range);
            ctx.emit("V014", range, "Base has no `response.error`; add one whose message shows the status and the API's text, e.g. `[{{statusCode}}] {{body.message}}`");
        }
        Some(error) => {
            let message = get(error, "message").and_then(as_str);
            if message.is_some_and(|m| !m.contains("statusCode")) {
                let range = get(error, "message").map_or(error.range, |m| m.range);
                ctx.emit(
                    "V014",
                    range,
                    "the error message does not show the HTTP status; include `{{statusCode}}`",
                );
            }
            let rate_limited = get(error, "429")
                .and_then(|e| get(e, "type"))
                .and_then(as_str)
                .is_some_and(|t| t == "RateLimitError");
            if !rate_limited {
                let range = member(get(root, "response").unwrap_or(root), "error")
                    .map_or(error.range, |m| m.key.range);
                ctx.emit("V015", range, "map HTTP 429 to `RateLimitError`: add `\"429\": { \"type\": \"RateLimitError\", \"message\": \"…\" }` to `response.error`");
            }
        }
    }
    if let Some(url) = get(root, "baseUrl")
        && let Some(text) = as_str(url)
        && let Some(why) = non_production(text)
    {
        ctx.emit("V025", url.range, format!("`baseUrl` points at {why}; reviewers approve only a production API on the service's own domain"));
    }
}

/// Why a literal host is not a production host of the service, if it is not.
fn non_production(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    if host.contains("{{") || host.is_empty() {
        return None;
    }
    if host == "localhost" || host.ends_with(".local") {
        return Some("a local address".to_owned());
    }
    if host
        .split('.')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some("an IP address".to_owned());
    }
    if let Some(domain) = HOSTING_DOMAINS
        .iter()
        .find(|d| host == **d || host.ends_with(&format!(".{d}")))
    {
        return Some(format!("a hosting platform (`{domain}`)"));
    }
    for prefix in ["dev.", "staging.", "test.", "sandbox."] {
        if host.starts_with(prefix) {
            return Some(format!("a `{prefix}` host"));
        }
    }
    None
}
