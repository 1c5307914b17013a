//! What a flow can reach and write, read statically from the component's
//! spec: the steps that consume a recorded response, and the `data` and
//! `temp` keys and results its sections write. The runner is the truth;
//! this is what the editor can say before anything runs.

use iml_spectest::{Subject, SubjectKind, flows_of, oauth2_sections};
use serde_json::Value;

/// Keys an object directive writes; `open` when it is built by an IML
/// string or a `{{…}}` spread key, so any key may appear.
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    pub(crate) keys: Vec<String>,
    pub(crate) open: bool,
}

impl KeySet {
    pub(crate) fn allows(&self, key: &str) -> bool {
        self.open || self.keys.iter().any(|k| k == key)
    }

    fn add(&mut self, value: Option<&Value>) {
        match value {
            None => {}
            Some(Value::Object(map)) => {
                for key in map.keys() {
                    if key.contains("{{") {
                        self.open = true;
                    } else if !self.keys.contains(key) {
                        self.keys.push(key.clone());
                    }
                }
            }
            Some(_) => self.open = true,
        }
    }
}

/// The flow a case names, or the kind's default.
pub(crate) fn flow_or_default(kind: SubjectKind, flow: Option<&str>) -> Option<String> {
    flow.map(str::to_owned)
        .or_else(|| flows_of(kind).first().map(|f| (*f).to_owned()))
}

/// The requests a flow sends, as (step name, request object).
fn requests<'a>(subject: &'a Subject, flow: &str) -> Vec<(String, &'a Value)> {
    let json = subject.communication.json();
    let mut out = Vec::new();
    let mut push_all = |name: &str, value: &'a Value| match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                out.push((format!("{name} {}", index + 1), item));
            }
        }
        other => out.push((name.to_owned(), other)),
    };
    match subject.kind {
        SubjectKind::OAuth2Connection => {
            for section in oauth2_sections(flow) {
                if let Some(value) = json.get(section) {
                    push_all(section, value);
                }
            }
        }
        SubjectKind::BasicConnection | SubjectKind::Module(_) | SubjectKind::Rpc => {
            push_all("request", json)
        }
        // A webhook's communication receives; only attach and detach send.
        SubjectKind::Webhook => {
            let spec = match flow {
                "attach" => subject.attach.as_ref(),
                "detach" => subject.detach.as_ref(),
                _ => None,
            };
            if let Some(spec) = spec {
                out.push((flow.to_owned(), spec.json()));
            }
        }
        _ => {}
    }
    out
}

/// The steps that consume a recorded response (`authorize` is a browser
/// redirect and consumes none).
pub(crate) fn answered_steps(subject: &Subject, flow: &str) -> Vec<String> {
    requests(subject, flow)
        .into_iter()
        .filter(|(step, _)| step != "authorize")
        .map(|(step, _)| step)
        .collect()
}

/// What a flow writes.
#[derive(Debug, Default)]
pub(crate) struct Writes {
    pub(crate) data: KeySet,
    pub(crate) temp: KeySet,
    /// Results other than `steps`, `requests`, `temp` and `error`, which
    /// every flow has.
    pub(crate) results: Vec<&'static str>,
}

pub(crate) fn writes(subject: &Subject, flow: &str) -> Writes {
    let mut writes = Writes::default();
    let sent = requests(subject, flow);
    let base = subject.base.as_ref().map(|spec| spec.json());
    for (_, request) in &sent {
        writes.temp.add(request.get("temp"));
        writes.temp.add(request.pointer("/response/temp"));
        writes.data.add(request.pointer("/response/data"));
    }
    if !sent.is_empty()
        && let Some(base) = base
    {
        writes.temp.add(base.get("temp"));
        writes.temp.add(base.pointer("/response/temp"));
    }
    if subject.kind == SubjectKind::Webhook {
        if flow == "attach" {
            writes.results.push("data");
        } else if flow == "incoming" {
            let json = subject.communication.json();
            writes.results.push("output");
            for key in ["uid", "respond"] {
                if json.get(key).is_some() {
                    writes.results.push(key);
                }
            }
            if json.pointer("/verification/respond").is_some()
                && !writes.results.contains(&"respond")
            {
                writes.results.push("respond");
            }
        }
    } else if subject.kind.is_connection() {
        writes.results.push("data");
        for key in ["expires", "uid", "metadata"] {
            let pointer = format!("/response/{key}");
            if sent.iter().any(|(_, r)| r.pointer(&pointer).is_some()) {
                writes.results.push(key);
            }
        }
    } else if !sent.is_empty() {
        // Without `output` a module outputs `body`, so it always outputs.
        writes.results.push("output");
    }
    writes
}
