//! Written keys: the named keys of an object value (common data, samples),
//! a communication's `temp` writes with their flow step, and a connection's
//! `response.data` keys and redirect-URI uses.

use iml_catalogue::{Place, Section};
use iml_jsonc::{Value, ValueKind};
use iml_lang::ExprKind;
use text_size::TextRange;

use super::connection::{ConnectionFacts, RedirectUse};
use super::flow::{FlowStep, Phase};
use super::written_keys::{TempWrite, WrittenKey};
use crate::json::{get, members};
use crate::semantic::context::RequestRef;
use crate::semantic::path::JsonPath;
use crate::semantic::sites::{FileSites, is_spread_key};

fn step(request: &RequestRef<'_>, phase: Phase) -> FlowStep {
    FlowStep {
        section: request.section,
        flow_order: request.flow_order,
        request_index: request.index,
        phase,
    }
}

/// Nested written objects deeper than this are not followed.
const MAX_WRITTEN_DEPTH: usize = 16;

/// The named keys of an object that writes values (spread keys left out),
/// each with the named keys of its own object value.
pub(super) fn named_keys(
    object: &Value,
    path: &JsonPath,
    section: Option<Section>,
    request_index: Option<usize>,
    depth: usize,
) -> Vec<WrittenKey> {
    members(object)
        .iter()
        .filter(|member| !is_spread_key(member.key.decoded.as_str()))
        .map(|member| {
            let name = member.key.decoded.as_str().to_owned();
            let path = path.child_shared_key(member.key.decoded.shared());
            let children = match &member.value {
                Some(value) if depth < MAX_WRITTEN_DEPTH => {
                    named_keys(value, &path, section, request_index, depth + 1)
                }
                _ => Vec::new(),
            };
            WrittenKey {
                name,
                range: member.key.range,
                section,
                request_index,
                path,
                children,
            }
        })
        .collect()
}

/// The keys an object writes in file order, `None` for those that cannot be
/// known (a spread key, or the whole object written by an expression).
fn written_keys(
    value: &Value,
    path: &JsonPath,
    request: &RequestRef<'_>,
) -> Vec<(Option<WrittenKey>, TextRange)> {
    match &value.kind {
        ValueKind::Object(members) => {
            let mut named = named_keys(value, path, request.section, request.index, 0).into_iter();
            members
                .iter()
                .map(|member| {
                    let written = if is_spread_key(member.key.decoded.as_str()) {
                        None
                    } else {
                        named.next()
                    };
                    (written, member.key.range)
                })
                .collect()
        }
        ValueKind::String(_) => vec![(None, value.range)],
        _ => Vec::new(),
    }
}

pub(super) fn temp_writes(requests: &[RequestRef<'_>]) -> Vec<TempWrite> {
    let mut writes = Vec::new();
    for request in requests {
        let sources = [
            (&["temp"][..], Phase::RequestTemp),
            (&["response", "temp"][..], Phase::ResponseTemp),
        ];
        for (keys, phase) in sources {
            let path = keys
                .iter()
                .fold(request.path.clone(), |p, k| p.child_key(k));
            let Some(value) = keys
                .iter()
                .try_fold(request.value, |value, key| get(value, key))
            else {
                continue;
            };
            for (written, range) in written_keys(value, &path, request) {
                writes.push(TempWrite {
                    key: written.as_ref().map(|w| w.name.clone()),
                    range,
                    step: step(request, phase),
                    written,
                });
            }
        }
    }
    writes
}

pub(super) fn connection_facts(
    requests: &[RequestRef<'_>],
    _root: &Value,
    sites: &FileSites,
    place: Place,
) -> ConnectionFacts {
    let mut facts = ConnectionFacts::default();
    for request in requests {
        let Some(data) = get(request.value, "response").and_then(|r| get(r, "data")) else {
            continue;
        };
        let path = request.path.child_key("response").child_key("data");
        for (written, _) in written_keys(data, &path, request) {
            let Some(key) = written else {
                facts.data_open = true;
                continue;
            };
            facts.writes_expires |= key.name == "expires";
            facts.writes_refresh_token |= key.name.to_ascii_lowercase().contains("refresh");
            facts.data_keys.push(key);
        }
    }
    if matches!(place, Place::ConnectionOAuth2 | Place::ConnectionOAuth1) {
        facts.redirect_uses = redirect_uses(requests, sites);
    }
    facts
}

fn redirect_uses(requests: &[RequestRef<'_>], sites: &FileSites) -> Vec<RedirectUse> {
    let mut uses = Vec::new();
    for site in sites.sites() {
        let Some(request) = requests
            .iter()
            .filter(|r| starts_with(&site.string.path, &r.path))
            .max_by_key(|r| r.path.len())
        else {
            continue;
        };
        for expr in site.block.expr.walk() {
            let ExprKind::Member {
                object,
                name: Some(member),
            } = &expr.kind
            else {
                continue;
            };
            let ExprKind::Name(root) = &object.kind else {
                continue;
            };
            if root.text != "oauth" || !member.text.ends_with("edirectUri") {
                continue;
            }
            uses.push(RedirectUse {
                variable: member.text.clone(),
                section: request.section,
                directive: site.string.path.dotted_keys_from(request.path.len()),
                range: site.to_source(expr.range),
            });
        }
    }
    uses
}

fn starts_with(path: &JsonPath, prefix: &JsonPath) -> bool {
    path.segments().starts_with(prefix.segments())
}
