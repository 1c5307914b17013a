//! Sending one request: build it, record it, answer it with the next
//! recorded response, then run the response directives every component
//! shares (`temp` first, then `valid` and `error`).

use iml_eval::Value;

use crate::machine::{Machine, Stop, merge_into};
use crate::request::{Built, Layer, Request};
use crate::response::{reply_vars, response_error};

/// How a request went.
pub(crate) enum Sent {
    /// Its `condition` was false; the object form's `default` if any.
    Skipped(Option<Value>),
    /// Answered (or request-less): the variables its `response` sees,
    /// `extra` included. When Make would report an error, `Machine::error`
    /// is set and the flow ends.
    Answered(Vec<(&'static str, Value)>),
}

/// Which keys of a sent request are reported, in this order.
const REQUEST_KEYS: &[&str] = &["url", "method", "qs", "headers", "body", "type"];

/// Sends `request` as `step`. `answered` is false for `authorize`, which
/// redirects the browser instead of sending: it is recorded, and its
/// response sees only `extra` (the callback's `query`).
pub(crate) fn send<'a>(
    m: &mut Machine<'a>,
    request: &Request<'a>,
    step: &str,
    extra: &[(&'static str, Value)],
    paging: Option<&Layer<'a>>,
    answered: bool,
) -> Result<Sent, Stop> {
    let sent = match request.build(m, step, extra, paging)? {
        Built::Skipped(default) => return Ok(Sent::Skipped(default)),
        Built::Static => return Ok(Sent::Answered(extra.to_vec())),
        Built::Sent(sent) => sent,
    };
    let index = m.requests.len();
    let result_path = format!("/requests/{index}");
    m.note_origin(
        result_path.clone(),
        request.own.spec,
        request.own.at.clone(),
    );
    for key in REQUEST_KEYS {
        let path = format!("/{key}");
        let layer = paging
            .filter(|p| p.has(&path))
            .cloned()
            .or_else(|| request.find(&path));
        if let Some(layer) = layer {
            m.note_origin(
                format!("{result_path}{path}"),
                layer.spec,
                layer.pointer(&path),
            );
        }
    }
    m.requests.push(sent);
    let mut vars = extra.to_vec();
    let status = if answered {
        let recorded = m.take_response(step, request.own.spec, &request.own.at)?;
        let status = recorded.status;
        let reply = reply_vars(m, request, &recorded)?;
        // A page after the first sees the previous reply in `extra`.
        vars.retain(|(name, _)| !reply.iter().any(|(r, _)| r == name));
        vars.extend(reply);
        Some(status)
    } else {
        None
    };
    if let Some(layer) = request.find("/response/temp") {
        let pointer = layer.pointer("/response/temp");
        if let Some(temp) = m.eval(layer.spec, &pointer, &m.env(&vars))? {
            m.note_origin("/temp".into(), layer.spec, pointer.clone());
            note_keys(m, "/temp", &temp, &layer, &pointer);
            merge_into(&mut m.temp, temp);
        }
    }
    if let Some(status) = status
        && let Some((error, spec, at)) = response_error(m, request, step, status, &vars)?
    {
        m.error = Some(error);
        m.note_origin("/error".into(), spec, at);
    }
    Ok(Sent::Answered(vars))
}

/// Notes, for each key of a merged object, the spec value it came from.
pub(crate) fn note_keys<'a>(
    m: &mut Machine<'a>,
    result: &str,
    value: &Value,
    layer: &Layer<'a>,
    pointer: &str,
) {
    if let Value::Collection(props) = value {
        for (key, _) in props {
            m.note_origin(
                crate::json::push(result, key),
                layer.spec,
                crate::json::push(pointer, key),
            );
        }
    }
}
