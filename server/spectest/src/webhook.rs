//! A webhook's flows. `incoming` (the default) hands a payload to the
//! webhook's communication, which sends nothing (webhooks page):
//! `verification` answers a handshake, `condition` drops a payload,
//! `iterate` and `output` make the bundles, `uid` names the user and
//! `respond` is the answer to the caller. `attach` and `detach` are the
//! dedicated webhook's requests (webhooks/dedicated/attached page), Base
//! merged: attach's `response.data` is the webhook data, which detach reads
//! as `webhook.*`.
//!
//! Choices where the docs are silent, written down in docs/testing.md: a
//! `verification` without `condition` answers every payload, as the
//! schema's default `true` says; without `output` a bundle is the item,
//! or the payload's body when nothing iterates.

use iml_eval::Value;

use crate::machine::{Machine, Stop, merge_into, result_json};
use crate::request::{Layer, Request};
use crate::response::items_at;
use crate::step::{Sent, note_keys, send};
use crate::{Spec, Subject};

pub(crate) fn run_webhook<'a>(
    m: &mut Machine<'a>,
    subject: &'a Subject,
    flow: &str,
) -> Result<(), Stop> {
    match flow {
        "attach" => send_registration(m, subject, subject.attach.as_ref(), "attach"),
        "detach" => send_registration(m, subject, subject.detach.as_ref(), "detach"),
        _ => incoming(m, subject),
    }
}

fn send_registration<'a>(
    m: &mut Machine<'a>,
    subject: &'a Subject,
    spec: Option<&'a Spec>,
    step: &str,
) -> Result<(), Stop> {
    let Some(spec) = spec else {
        return Err(Stop {
            message: format!(
                "{} has no `{step}` file; a dedicated webhook registers itself with one",
                subject.label
            ),
            origin: None,
        });
    };
    let own = Layer {
        spec,
        at: String::new(),
    };
    let request = Request {
        own: own.clone(),
        base: subject.base.as_ref().map(|spec| Layer {
            spec,
            at: String::new(),
        }),
    };
    let vars = match send(m, &request, step, &[], None, true)? {
        Sent::Skipped(_) => return Ok(()),
        Sent::Answered(vars) => vars,
    };
    m.steps.push(step.to_owned());
    if m.error.is_some() {
        return Ok(());
    }
    let pointer = own.pointer("/response/data");
    if let Some(data) = m.eval(spec, &pointer, &m.env(&vars))? {
        m.note_origin("/data".into(), spec, pointer.clone());
        note_keys(m, "/data", &data, &own, &pointer);
        merge_into(&mut m.data, data);
    }
    Ok(())
}

fn incoming<'a>(m: &mut Machine<'a>, subject: &'a Subject) -> Result<(), Stop> {
    let spec = &subject.communication;
    let vars = payload_vars(m);
    let env = m.env(&vars);
    if spec.json().get("verification").is_some() {
        let handshake = m
            .eval(spec, "/verification/condition", &env)?
            .is_none_or(|condition| condition.to_bool());
        if handshake {
            m.steps.push("verification".into());
            if let Some(respond) = m.eval(spec, "/verification/respond", &env)? {
                m.results.insert("respond".into(), result_json(&respond));
                m.note_origin("/respond".into(), spec, "/verification/respond".into());
            }
            return Ok(());
        }
    }
    if m.eval(spec, "/condition", &env)?
        .is_some_and(|condition| !condition.to_bool())
    {
        return Ok(());
    }
    m.steps.push("incoming".into());
    let communication = Request {
        own: Layer {
            spec,
            at: String::new(),
        },
        base: None,
    };
    let page = items_at(m, &communication, &vars, "")?;
    let output = match page.container {
        Some(_) => Value::Array(page.outputs),
        None => page.outputs.into_iter().next().unwrap_or(Value::Undefined),
    };
    m.results.insert("output".into(), result_json(&output));
    m.note_origin("/output".into(), spec, "/output".into());
    for key in ["uid", "respond"] {
        let pointer = format!("/{key}");
        if let Some(value) = m.eval(spec, &pointer, &env)? {
            m.results.insert(key.into(), result_json(&value));
            m.note_origin(pointer.clone(), spec, pointer);
        }
    }
    Ok(())
}

/// `body`, `query`, `headers` and `method` of the incoming request, from the
/// case's `incoming`.
fn payload_vars(m: &Machine) -> Vec<(&'static str, Value)> {
    let part = |name: &str| match &m.incoming {
        Value::Collection(props) => props
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone()),
        _ => None,
    };
    let empty = || Value::Collection(Vec::new());
    vec![
        ("body", part("body").unwrap_or_else(empty)),
        ("query", part("query").unwrap_or_else(empty)),
        ("headers", part("headers").unwrap_or_else(empty)),
        (
            "method",
            part("method").unwrap_or_else(|| Value::text("POST")),
        ),
    ]
}
