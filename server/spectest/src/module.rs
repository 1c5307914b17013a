//! A module's or RPC's run: its request or array of requests with Base
//! merged (Base is the template every module and RPC request starts from),
//! each paginated while `pagination` asks for more, and the last request's
//! items, cut at `limit` and passed through `wrapper`, as the output.
//!
//! Pagination (component-blocks/api/pagination page): `pagination.page` is
//! 1 for the first request and 2 when the first pagination request is
//! built; paging stops on a page with no items, when `limit` is reached,
//! when `pagination.condition` is false, and after 50 pagination requests.

use iml_eval::Value;

use crate::Subject;
use crate::machine::{Machine, Stop, result_json};
use crate::request::{Layer, Request};
use crate::response::page_items;
use crate::step::{Sent, send};

/// At most this many pagination requests per request (the docs' limit).
pub(crate) const MAX_PAGINATION_REQUESTS: u32 = 50;

pub(crate) fn run_module<'a>(m: &mut Machine<'a>, subject: &'a Subject) -> Result<(), Stop> {
    let requests: Vec<(String, String)> = match subject.communication.json() {
        serde_json::Value::Array(items) => (0..items.len())
            .map(|i| (format!("/{i}"), format!("request {}", i + 1)))
            .collect(),
        _ => vec![(String::new(), "request".to_owned())],
    };
    let base = subject.base.as_ref().map(|spec| Layer {
        spec,
        at: String::new(),
    });
    let mut output = None;
    for (at, step) in &requests {
        let request = Request {
            own: Layer {
                spec: &subject.communication,
                at: at.clone(),
            },
            base: base.clone(),
        };
        // The last request's output is the module's output.
        output = run_request(m, &request, step)?;
        if m.error.is_some() {
            return Ok(());
        }
    }
    if let Some(output) = output {
        m.results.insert("output".into(), result_json(&output));
    }
    Ok(())
}

/// Runs one request with its pages; its output, `None` when skipped
/// without a default.
fn run_request<'a>(
    m: &mut Machine<'a>,
    request: &Request<'a>,
    step: &str,
) -> Result<Option<Value>, Stop> {
    let mut page: u32 = 1;
    let mut vars = match send(m, request, step, &[page_var(page)], None, true)? {
        Sent::Skipped(default) => return Ok(default),
        Sent::Answered(vars) => vars,
    };
    m.steps.push(step.to_owned());
    let mut outputs = Vec::new();
    let mut iterated = false;
    let output_at = request
        .find("/response/output")
        .map(|layer| (layer.spec, layer.pointer("/response/output")));
    loop {
        if m.error.is_some() {
            return Ok(None);
        }
        let found = page_items(m, request, &vars)?;
        let page_size = found
            .container
            .as_ref()
            .map_or(found.outputs.len(), Vec::len);
        iterated |= found.container.is_some();
        outputs.extend(found.outputs);
        let limit = request
            .eval(m, "/response/limit", &vars)?
            .and_then(|limit| limit_of(&limit));
        if let Some(limit) = limit
            && outputs.len() >= limit
        {
            outputs.truncate(limit);
            break;
        }
        let Some(paging) = request.find("/pagination") else {
            break;
        };
        if page_size == 0 || page > MAX_PAGINATION_REQUESTS {
            break;
        }
        let paging = Layer {
            spec: paging.spec,
            at: paging.pointer("/pagination"),
        };
        vars.retain(|(name, _)| !matches!(*name, "iterate" | "pagination"));
        if let Some(container) = &found.container {
            vars.push(("iterate", container_var(container)));
        }
        let condition = m.eval(paging.spec, &paging.pointer("/condition"), &m.env(&vars))?;
        if condition.is_some_and(|c| !c.to_bool()) {
            break;
        }
        page += 1;
        vars.push(page_var(page));
        vars = match send(m, request, step, &vars, Some(&paging), true)? {
            Sent::Skipped(_) => break,
            Sent::Answered(next) => next,
        };
        if let Some(serde_json::Value::Object(sent)) = m.requests.last_mut() {
            sent.insert("page".into(), page.into());
        }
    }
    let wrapper = request.find("/response/wrapper");
    if let Some((spec, pointer)) = output_at.as_ref().filter(|_| wrapper.is_none()) {
        if iterated {
            for index in 0..outputs.len() {
                m.note_origin(format!("/output/{index}"), spec, pointer.clone());
            }
        } else {
            m.note_origin("/output".into(), spec, pointer.clone());
        }
    }
    let collected = if iterated {
        Value::Array(outputs)
    } else {
        outputs.pop().unwrap_or(Value::Undefined)
    };
    let mut with_output = vars.clone();
    with_output.push(("output", collected.clone()));
    match wrapper {
        Some(layer) => {
            let pointer = layer.pointer("/response/wrapper");
            m.note_origin("/output".into(), layer.spec, pointer.clone());
            Ok(m.eval(layer.spec, &pointer, &m.env(&with_output))?)
        }
        None => Ok(Some(collected)),
    }
}

fn page_var(page: u32) -> (&'static str, Value) {
    (
        "pagination",
        Value::Collection(vec![("page".into(), Value::Number(f64::from(page)))]),
    )
}

/// `iterate.container.first` and `.last`, for `pagination` and `wrapper`.
fn container_var(items: &[Value]) -> Value {
    let pick = |item: Option<&Value>| item.cloned().unwrap_or(Value::Undefined);
    Value::Collection(vec![(
        "container".into(),
        Value::Collection(vec![
            ("first".into(), pick(items.first())),
            ("last".into(), pick(items.last())),
        ]),
    )])
}

/// A `limit` as a count; text digits count too, as Make reads
/// `{{parameters.limit}}` from a number field.
fn limit_of(value: &Value) -> Option<usize> {
    let number = match value {
        Value::Number(n) => *n,
        Value::Text(text) => text.trim().parse().ok()?,
        _ => return None,
    };
    (number.is_finite() && number >= 0.0).then_some(number as usize)
}
