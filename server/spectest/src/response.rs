//! What a recorded response turns into: the variables a `response` sees,
//! the error Make reports for it (`valid`, then `error` by status), and a
//! module's items (`iterate`, `output`).

use iml_eval::{Value, from_json, to_text};

use crate::Spec;
use crate::format::Recorded;
use crate::json::push;
use crate::machine::{Machine, Stop};
use crate::request::Request;

/// `body`, `headers` and `statusCode` of a recorded response. The body is
/// parsed by `response.type` where the recording gives text: JSON text is
/// parsed for `json` and, going by the `Content-Type` header, for
/// `automatic` (the default); `text`/`string` turn a JSON body into text.
pub(crate) fn reply_vars(
    m: &Machine,
    request: &Request,
    recorded: &Recorded,
) -> Result<Vec<(&'static str, Value)>, Stop> {
    let headers: serde_json::Map<String, serde_json::Value> = recorded
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.as_str())
        .unwrap_or("application/json")
        .to_ascii_lowercase();
    let kind = request
        .eval(m, "/response/type", &[])?
        .map(|v| to_text(&v))
        .unwrap_or_else(|| "automatic".into());
    let body = match (&recorded.body, kind.as_str()) {
        (serde_json::Value::String(text), "json") => parse_or_text(text),
        (serde_json::Value::String(text), "automatic") if content_type.contains("json") => {
            parse_or_text(text)
        }
        (serde_json::Value::String(text), _) => Value::Text(text.clone()),
        (json, "text" | "string" | "raw") => Value::Text(json.to_string()),
        (json, _) => from_json(json),
    };
    Ok(vec![
        ("body", body),
        ("headers", from_json(&serde_json::Value::Object(headers))),
        ("statusCode", Value::Number(f64::from(recorded.status))),
    ])
}

fn parse_or_text(text: &str) -> Value {
    serde_json::from_str(text)
        .map_or_else(|_| Value::Text(text.to_owned()), |json| from_json(&json))
}

/// The error Make reports for this response, if any (handling-responses
/// pages, `valid` and `error`): a status of 400 or more, or a falsy
/// `valid`. Message: `valid.message`, `error.<status>.message`,
/// `error.message`, else "Response marked as invalid." for `valid` and,
/// for a status, the status code alone ("users only see the status code").
/// Type: `valid.type`, `error.<status>.type`, `error.type`, `RuntimeError`.
pub(crate) fn response_error<'a>(
    m: &Machine,
    request: &Request<'a>,
    step: &str,
    status: u16,
    vars: &[(&str, Value)],
) -> Result<Option<(serde_json::Value, &'a Spec, String)>, Stop> {
    let mut invalid = None;
    if let Some(layer) = request.find("/response/valid") {
        let at = format!("{}/response/valid", layer.at);
        let env = m.env(vars);
        let object = layer.spec.json.pointer(&at).is_some_and(|v| v.is_object());
        let test = if object {
            m.eval(layer.spec, &push(&at, "condition"), &env)?
        } else {
            m.eval(layer.spec, &at, &env)?
        };
        if test.is_some_and(|t| !t.to_bool()) {
            let message = m.eval(layer.spec, &push(&at, "message"), &env)?;
            let kind = m.eval(layer.spec, &push(&at, "type"), &env)?;
            invalid = Some((message, kind, (layer.spec, at)));
        }
    }
    if invalid.is_none() && status < 400 {
        return Ok(None);
    }
    let by_status = format!("/response/error/{status}");
    let pick = |path: &str| -> Result<Option<Found<'a>>, Stop> {
        match request.find(path) {
            Some(layer) => {
                let at = format!("{}{path}", layer.at);
                Ok(m.eval(layer.spec, &at, &m.env(vars))?
                    .map(|v| (v, (layer.spec, at))))
            }
            None => Ok(None),
        }
    };
    let error_text = match pick("/response/error")? {
        Some((Value::Text(text), at)) => Some((Value::Text(text), at)),
        _ => None,
    };
    let was_invalid = invalid.is_some();
    let (mut message, mut kind, mut origin) = (None, None, None);
    if let Some((m_, k_, at)) = invalid {
        message = m_;
        kind = k_;
        origin = Some(at);
    }
    for (path, slot) in [
        (format!("{by_status}/message"), 0),
        (format!("{by_status}/type"), 1),
        ("/response/error/message".to_owned(), 0),
        ("/response/error/type".to_owned(), 1),
    ] {
        let target = if slot == 0 { &mut message } else { &mut kind };
        if target.is_none()
            && let Some((value, at)) = pick(&path)?
        {
            *target = Some(value);
            origin.get_or_insert(at);
        }
    }
    if message.is_none()
        && let Some((text, at)) = error_text
    {
        message = Some(text);
        origin.get_or_insert(at);
    }
    let message = message.map(|v| to_text(&v)).unwrap_or_else(|| {
        if was_invalid {
            "Response marked as invalid.".to_owned()
        } else {
            status.to_string()
        }
    });
    let kind = kind.map_or_else(|| "RuntimeError".to_owned(), |v| to_text(&v));
    let error = serde_json::json!({
        "step": step,
        "status": status,
        "type": kind,
        "message": message,
    });
    let (spec, at) = origin.unwrap_or((request.own.spec, format!("{}/response", request.own.at)));
    Ok(Some((error, spec, at)))
}

/// A directive's value with the spec and pointer it came from.
type Found<'a> = (Value, (&'a Spec, String));

/// A page's items: with `iterate`, `output` once per item of the
/// container that passes `iterate.condition`; without, `output` once
/// (default `body`).
pub(crate) struct Page {
    pub outputs: Vec<Value>,
    /// The iterated array, unfiltered, when the response iterates.
    pub container: Option<Vec<Value>>,
}

pub(crate) fn page_items(
    m: &Machine,
    request: &Request,
    vars: &[(&str, Value)],
) -> Result<Page, Stop> {
    items_at(m, request, vars, "/response")
}

/// The items and outputs of `iterate` and `output` under `prefix`
/// (`/response` in a request; the root of a webhook's communication).
pub(crate) fn items_at(
    m: &Machine,
    request: &Request,
    vars: &[(&str, Value)],
    prefix: &str,
) -> Result<Page, Stop> {
    let iterate = format!("{prefix}/iterate");
    let output_at = format!("{prefix}/output");
    let Some(layer) = request.find(&iterate) else {
        let output = request.eval(m, &output_at, vars)?;
        let body = vars
            .iter()
            .find(|(n, _)| *n == "body")
            .map(|(_, v)| v.clone());
        return Ok(Page {
            outputs: vec![output.or(body).unwrap_or(Value::Undefined)],
            container: None,
        });
    };
    let at = layer.pointer(&iterate);
    let env = m.env(vars);
    let object = layer.spec.json.pointer(&at).is_some_and(|v| v.is_object());
    let container = if object {
        m.eval(layer.spec, &push(&at, "container"), &env)?
    } else {
        m.eval(layer.spec, &at, &env)?
    };
    let items = match container {
        Some(Value::Array(items)) => items,
        Some(Value::Undefined | Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    };
    let mut outputs = Vec::new();
    for item in &items {
        let mut with_item: Vec<(&str, Value)> = vars.to_vec();
        with_item.push(("item", item.clone()));
        if object {
            let env = m.env(&with_item);
            if let Some(keep) = m.eval(layer.spec, &push(&at, "condition"), &env)?
                && !keep.to_bool()
            {
                continue;
            }
        }
        let output = request.eval(m, &output_at, &with_item)?;
        outputs.push(output.unwrap_or_else(|| item.clone()));
    }
    Ok(Page {
        outputs,
        container: Some(items),
    })
}
