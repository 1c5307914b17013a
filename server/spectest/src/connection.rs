//! A connection's flows. OAuth 2 (connections/oauth2 page): the initial
//! flow `preauthorize → authorize → token → info`, and `refresh`,
//! `invalidate` and `info` on their own. A basic connection (API key,
//! basic auth, JWT, other) runs its request or array of requests. Each
//! section's `response.data` is merged into the connection's data, which
//! later sections read as `data.*` and, together with the parameters, as
//! `connection.*`.

use iml_catalogue::root_variable;
use iml_eval::Value;

use crate::Subject;
use crate::machine::{Machine, Stop, merge_into};
use crate::request::{Layer, Request};
use crate::step::{Sent, note_keys, send};

/// The response keys a connection section writes besides `temp` and `data`.
const CONNECTION_RESULTS: &[&str] = &["expires", "uid", "metadata"];

/// Runs an OAuth 2 flow.
pub(crate) fn run_oauth2<'a>(
    m: &mut Machine<'a>,
    subject: &'a Subject,
    flow: &str,
) -> Result<(), Stop> {
    for section in crate::subject::oauth2_sections(flow) {
        let pointer = format!("/{section}");
        match subject.communication.json().pointer(&pointer) {
            None => continue,
            // The legacy docs allow an array of requests in `preauthorize`.
            Some(serde_json::Value::Array(items)) => {
                for index in 0..items.len() {
                    let at = format!("{pointer}/{index}");
                    let step = format!("{section} {}", index + 1);
                    section_step(m, subject, &at, &step, section)?;
                    if m.error.is_some() {
                        return Ok(());
                    }
                }
            }
            Some(_) => section_step(m, subject, &pointer, section, section)?,
        }
        if m.error.is_some() {
            break;
        }
    }
    Ok(())
}

/// Runs a basic connection's request, or each of its array of requests.
pub(crate) fn run_basic<'a>(m: &mut Machine<'a>, subject: &'a Subject) -> Result<(), Stop> {
    match subject.communication.json() {
        serde_json::Value::Array(items) => {
            for index in 0..items.len() {
                let at = format!("/{index}");
                section_step(
                    m,
                    subject,
                    &at,
                    &format!("request {}", index + 1),
                    "request",
                )?;
                if m.error.is_some() {
                    break;
                }
            }
            Ok(())
        }
        _ => section_step(m, subject, "", "request", "request"),
    }
}

fn section_step<'a>(
    m: &mut Machine<'a>,
    subject: &'a Subject,
    at: &str,
    step: &str,
    section: &str,
) -> Result<(), Stop> {
    let own = Layer {
        spec: &subject.communication,
        at: at.to_owned(),
    };
    let request = Request {
        own: own.clone(),
        base: None,
    };
    set_connection_var(m);
    let mut extra: Vec<(&'static str, Value)> = Vec::new();
    if section == "authorize"
        && let Some(query) = m.get_var("query")
    {
        extra.push(("query", query.clone()));
    }
    let answered = section != "authorize";
    let vars = match send(m, &request, step, &extra, None, answered)? {
        Sent::Skipped(_) => return Ok(()),
        Sent::Answered(vars) => vars,
    };
    m.steps.push(step.to_owned());
    if m.error.is_some() {
        return Ok(());
    }
    let env = m.env(&vars);
    let data_pointer = own.pointer("/response/data");
    if let Some(data) = m.eval(own.spec, &data_pointer, &env)? {
        // A key the case expects but nothing wrote is looked up under the
        // latest section's `data`, where it most likely went missing.
        m.note_origin("/data".into(), own.spec, data_pointer.clone());
        note_keys(m, "/data", &data, &own, &data_pointer);
        merge_into(&mut m.data, data);
    }
    for key in CONNECTION_RESULTS {
        let pointer = own.pointer(&format!("/response/{key}"));
        if let Some(value) = m.eval(own.spec, &pointer, &env)? {
            m.results
                .insert((*key).to_owned(), crate::machine::result_json(&value));
            m.note_origin(format!("/{key}"), own.spec, pointer);
        }
    }
    Ok(())
}

/// `connection` inside a connection: its parameters and the data saved so
/// far (the connections page: "the keys are the parameters plus every key
/// saved with `response.data`").
fn set_connection_var(m: &mut Machine) {
    let mut connection = match m.get_var("parameters") {
        Some(Value::Collection(props)) => props.clone(),
        _ => Vec::new(),
    };
    merge_into(&mut connection, Value::Collection(m.data.clone()));
    m.var("connection", Value::Collection(connection));
}

/// `oauth` for an OAuth 2 run: the scope the case gives (else the
/// connection's default scope) and the redirect URIs whose values the
/// catalogue records from the docs.
pub(crate) fn oauth_var(scope: Value) -> Value {
    let mut props = vec![("scope".to_owned(), scope)];
    if let Some(oauth) = root_variable("oauth") {
        for member in oauth.members {
            if let Some(value) = member.value {
                props.push((member.name.to_owned(), Value::text(value)));
            }
        }
    }
    Value::Collection(props)
}
