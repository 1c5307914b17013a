//! Log sanitisation: the shape of `log.sanitize` (R019) and connection
//! requests that send or receive secrets without hiding them (C013).

use iml_catalogue::{KeyLevel, NestedObject, Section, lookup, nested_key};
use iml_jsonc::{JsonString, Value, ValueKind};
use text_size::TextRange;

use super::context::{Ctx, DiagnosticExt, as_str, get, member, members, string};
use super::fixes::{append_to_array, insert_last_member, quote};
use super::iml_refs::{Reference, references};
use super::suggest::closest;
use crate::diagnostics::Fix;
use crate::roles::RoleKind;

/// R019: `sanitize` is an array of paths into the logged request or response.
pub(crate) fn check_log(ctx: &mut Ctx, request: &Value) {
    let Some(sanitize) = get(request, "log").and_then(|log| member(log, "sanitize")) else {
        return;
    };
    let Some(value) = &sanitize.value else { return };
    let ValueKind::Array(items) = &value.kind else {
        ctx.emit(
            "R019",
            sanitize.key.range,
            "`log.sanitize` must be an array of paths such as `\"request.headers.authorization\"`",
        );
        return;
    };
    for item in items {
        match as_str(item) {
            None => {
                ctx.emit("R019", item.range, "each `log.sanitize` entry must be a string path such as `\"request.body.password\"`");
            }
            Some(path) => {
                let lower = path.trim().to_ascii_lowercase();
                if !(lower.starts_with("request.") || lower.starts_with("response.")) {
                    ctx.emit("R019", item.range, format!("`{path}` hides nothing: sanitize paths start with `request.` or `response.` (e.g. `request.{path}`)"));
                }
            }
        }
    }
}

/// A name that holds a credential: tokens, secrets, passwords, API keys.
/// A name whose last word describes the credential instead (`token_name`,
/// `apiKeyLabel`, `secretTitle`: the display name a connection's metadata
/// shows) holds no secret.
fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let secret = [
        "token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let describes = name_words(name)
        .last()
        .is_some_and(|last| DESCRIBING_WORDS.contains(&last.as_str()));
    secret
        && !describes
        && !lower.contains("type")
        && !lower.contains("expir")
        && !lower.contains("url")
}

/// Last words of a name that make it a description of a credential, not
/// the credential.
const DESCRIBING_WORDS: &[&str] = &["name", "label", "title", "description", "hint"];

/// The words of a name, lower case: split at `_`, `-`, `.`, spaces and
/// lower-to-upper case changes (`apiKeyName` → `api`, `key`, `name`).
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | ' ') {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// A sanitize path segment, in backticks when it is not a plain name.
fn segment(name: &str) -> String {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
    {
        name.to_owned()
    } else {
        format!("`{name}`")
    }
}

fn normalise(path: &str) -> String {
    path.trim().replace('`', "").to_ascii_lowercase()
}

/// Names of the connection's `password` parameters.
fn password_parameters(ctx: &Ctx) -> Vec<String> {
    let Some((_, component)) = ctx.analysis.component_of(ctx.path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for file in component.files_with_role(RoleKind::Params) {
        let Some(ValueKind::Array(params)) = ctx.analysis.root_value(file).map(|v| &v.kind) else {
            continue;
        };
        let mut stack: Vec<&Value> = params.iter().collect();
        while let Some(param) = stack.pop() {
            if let (Some(name), Some("password")) = (
                get(param, "name").and_then(as_str),
                get(param, "type").and_then(as_str),
            ) {
                out.push(name.to_owned());
            }
            if let Some(ValueKind::Array(nested)) = get(param, "nested").map(|v| &v.kind) {
                stack.extend(nested.iter());
            }
        }
    }
    out
}

/// What a reference sends that is secret, as text for the message.
fn secret_reference(reference: &Reference, passwords: &[String]) -> bool {
    let Some(first) = reference.first() else {
        return false;
    };
    match reference.root.as_str() {
        "parameters" => passwords.iter().any(|p| p == first) || is_secret_name(first),
        "common" | "data" | "connection" => is_secret_name(first),
        "temp" => first == "code" || is_secret_name(first),
        _ => false,
    }
}

struct Needed {
    range: TextRange,
    path: String,
    because: String,
}

/// Strings below `value` with their path below `prefix`.
fn collect_sent(
    value: &Value,
    prefix: &str,
    range: TextRange,
    passwords: &[String],
    out: &mut Vec<Needed>,
) {
    match &value.kind {
        ValueKind::String(s) => {
            if let Some(found) = references(s)
                .into_iter()
                .find(|r| secret_reference(r, passwords))
            {
                out.push(Needed {
                    range,
                    path: prefix.to_owned(),
                    because: format!("`{}.{}`", found.root, found.path.join(".")),
                });
            }
        }
        ValueKind::Object(all) => {
            for m in all {
                let key = m.key.decoded.as_str();
                if key.contains("{{") {
                    continue;
                }
                if let Some(inner) = &m.value {
                    collect_sent(
                        inner,
                        &format!("{prefix}.{}", segment(key)),
                        m.key.range,
                        passwords,
                        out,
                    );
                }
            }
        }
        ValueKind::Array(items) => {
            for item in items {
                collect_sent(item, prefix, range, passwords, out);
            }
        }
        _ => {}
    }
}

/// Tokens read from the response body.
fn collect_received(value: &Value, out: &mut Vec<Needed>) {
    let mut stack = vec![value];
    let mut found: Vec<(&JsonString, Reference)> = Vec::new();
    while let Some(current) = stack.pop() {
        match &current.kind {
            ValueKind::String(s) => {
                for r in references(s) {
                    if r.root == "body" && r.path.last().is_some_and(|last| is_secret_name(last)) {
                        found.push((s, r));
                    }
                }
            }
            ValueKind::Array(items) => stack.extend(items.iter()),
            ValueKind::Object(all) => stack.extend(all.iter().filter_map(|m| m.value.as_ref())),
            _ => {}
        }
    }
    for (_, r) in found {
        let path = std::iter::once("response.body".to_owned())
            .chain(r.path.iter().map(|p| segment(p)))
            .collect::<Vec<_>>()
            .join(".");
        out.push(Needed {
            range: r.range,
            path,
            because: format!("`body.{}`", r.path.join(".")),
        });
    }
}

/// C013 for one connection request (an OAuth section, or the basic request).
pub(crate) fn check_connection_request(ctx: &mut Ctx, request: &Value, section: Option<Section>) {
    if section == Some(Section::Authorize) {
        // The browser is redirected there; nothing is logged from Make's side.
        return;
    }
    check_secrets_sanitized(ctx, request, "C013");
}

/// Every secret `request` sends or receives has a `log.sanitize` path in it;
/// reported under `code` (C013, in connections and in Base).
pub(crate) fn check_secrets_sanitized(ctx: &mut Ctx, request: &Value, code: &'static str) {
    let passwords = password_parameters(ctx);
    let mut needed = Vec::new();
    for (directive, prefix) in [
        ("headers", "request.headers"),
        ("qs", "request.qs"),
        ("body", "request.body"),
    ] {
        if let Some(m) = member(request, directive)
            && let Some(value) = &m.value
        {
            collect_sent(value, prefix, m.key.range, &passwords, &mut needed);
        }
    }
    if let Some(response) = get(request, "response") {
        collect_received(response, &mut needed);
    }
    if needed.is_empty() {
        return;
    }
    let entries: Vec<String> = get(request, "log")
        .and_then(|log| get(log, "sanitize"))
        .map(|s| match &s.kind {
            ValueKind::Array(items) => items
                .iter()
                .filter_map(string)
                .map(|s| normalise(s.decoded.as_str()))
                .collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let covered = |path: &str| {
        let path = normalise(path);
        entries
            .iter()
            .any(|e| path == *e || path.starts_with(&format!("{e}.")))
    };
    let mut reported: Vec<String> = Vec::new();
    for need in needed {
        if covered(&need.path) || reported.contains(&normalise(&need.path)) {
            continue;
        }
        reported.push(normalise(&need.path));
        let fix = sanitize_fix(ctx, request, &need.path);
        let message = if need.path.starts_with("response.") {
            format!(
                "{} is a secret received in the response, and `log.sanitize` does not hide it; add \"{}\" to `log.sanitize`",
                need.because, need.path
            )
        } else {
            format!(
                "this value sends a secret ({}), and `log.sanitize` does not hide it; add \"{}\" to `log.sanitize`",
                need.because, need.path
            )
        };
        ctx.emit(code, need.range, message).fix(fix);
    }
}

/// Adds `path` to the request's `log.sanitize`, creating what is missing.
///
/// Nothing is created beside a misspelling of the same key (`"lgo"`,
/// `"sanitze"`): the key rules (R001, R019) offer to rename that member,
/// and taking both fixes would leave the key twice. The rename comes
/// first; once it is taken the key is there and this fix appends to it.
fn sanitize_fix(ctx: &Ctx, request: &Value, path: &str) -> Option<Fix> {
    let entry = quote(path);
    let title = format!("Add \"{path}\" to `log.sanitize`");
    match get(request, "log") {
        None if has_misspelling_of(request, "log", |name| {
            lookup(KeyLevel::Request, name).is_some()
        }) =>
        {
            None
        }
        None => insert_last_member(
            ctx.text,
            request,
            &format!("\"log\": {{ \"sanitize\": [{entry}] }}"),
            title,
        ),
        Some(log) if matches!(log.kind, ValueKind::Object(_)) => match get(log, "sanitize") {
            None if has_misspelling_of(log, "sanitize", |name| {
                nested_key(NestedObject::Log, name).is_some()
            }) =>
            {
                None
            }
            None => insert_last_member(ctx.text, log, &format!("\"sanitize\": [{entry}]"), title),
            Some(array) if matches!(array.kind, ValueKind::Array(_)) => {
                append_to_array(ctx.text, array, &entry, title)
            }
            Some(_) => None,
        },
        Some(_) => None,
    }
}

/// Whether a member of `object` that is not a key in its own right is a
/// typo of `key`, as the key rules' did-you-mean judges it.
fn has_misspelling_of(object: &Value, key: &str, is_known: impl Fn(&str) -> bool) -> bool {
    members(object).iter().any(|member| {
        let name = member.key.decoded.as_str();
        name != key && !is_known(name) && closest(name, [key]).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_secret_and_their_display_names_are_not() {
        for secret in [
            "accessToken",
            "access_token",
            "refresh-token",
            "clientSecret",
            "password",
            "apiKey",
            "API_KEY",
            "x-api-key",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for plain in [
            "token_name",
            "tokenName",
            "apiKeyLabel",
            "secret_title",
            "passwordHint",
            "token_type",
            "expires",
            "tokenUrl",
            "username",
        ] {
            assert!(!is_secret_name(plain), "{plain}");
        }
        assert_eq!(name_words("apiKeyName"), ["api", "key", "name"]);
        assert_eq!(name_words("API_KEY"), ["api", "key"]);
        assert_eq!(name_words("x-api-key.v2"), ["x", "api", "key", "v2"]);
    }
}
