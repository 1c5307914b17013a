//! One request of a communication: its directives looked up in the
//! component's own spec and then in Base (modules and RPCs inherit Base;
//! connections do not), and the request it sends, built in the documented
//! order: `temp`, `condition`, then `url`, `method`, `qs`, `headers`, `body`.

use iml_eval::{Value, to_text};

use crate::Spec;
use crate::json::push;
use crate::machine::{Machine, Stop, merge_into, result_json};

/// A request object inside a spec file.
#[derive(Clone)]
pub(crate) struct Layer<'a> {
    pub spec: &'a Spec,
    /// JSON pointer of the request object (`/token`, `/0`, empty for the root).
    pub at: String,
}

impl Layer<'_> {
    pub fn has(&self, path: &str) -> bool {
        self.spec
            .json
            .pointer(&format!("{}{path}", self.at))
            .is_some()
    }

    pub fn pointer(&self, path: &str) -> String {
        format!("{}{path}", self.at)
    }
}

/// A request with what it inherits.
#[derive(Clone)]
pub(crate) struct Request<'a> {
    pub own: Layer<'a>,
    pub base: Option<Layer<'a>>,
}

/// What a request evaluated to before it is sent.
pub(crate) enum Built {
    /// `condition` was false; the object form's `default` is the output.
    Skipped(Option<Value>),
    /// No `url`: a request-less communication, answered by its `response`.
    Static,
    Sent(serde_json::Value),
}

impl<'a> Request<'a> {
    /// The layer that holds `path` (the component's own first, then Base).
    pub fn find(&self, path: &str) -> Option<Layer<'a>> {
        if self.own.has(path) {
            return Some(self.own.clone());
        }
        self.base.clone().filter(|base| base.has(path))
    }

    /// Evaluates the directive at `path` from the layer that holds it.
    pub fn eval(
        &self,
        m: &Machine,
        path: &str,
        extra: &[(&str, Value)],
    ) -> Result<Option<Value>, Stop> {
        match self.find(path) {
            Some(layer) => m.eval(layer.spec, &layer.pointer(path), &m.env(extra)),
            None => Ok(None),
        }
    }

    /// An object directive whose keys Base and the component both give
    /// (`headers`, `qs`): the component's keys win, key by key. An IML
    /// string in the component replaces Base's object (advanced-inheritance
    /// page); a deeper merge is not documented and not done.
    pub fn eval_merged(
        &self,
        m: &Machine,
        path: &str,
        extra: &[(&str, Value)],
    ) -> Result<Option<Value>, Stop> {
        let env = m.env(extra);
        let own = m.eval(self.own.spec, &self.own.pointer(path), &env)?;
        let base = match &self.base {
            Some(base) => m.eval(base.spec, &base.pointer(path), &env)?,
            None => None,
        };
        Ok(match (base, own) {
            (Some(Value::Collection(base)), Some(Value::Collection(own))) => {
                let mut merged = base;
                merge_into(&mut merged, Value::Collection(own));
                Some(Value::Collection(merged))
            }
            (base, None) => base,
            (_, own) => own,
        })
    }

    /// Runs the request's `temp` and `condition`, then builds what it sends.
    /// `paging` is the `pagination` object whose keys replace or merge into
    /// the request's for a page after the first.
    pub fn build(
        &self,
        m: &mut Machine,
        step: &str,
        extra: &[(&str, Value)],
        paging: Option<&Layer<'a>>,
    ) -> Result<Built, Stop> {
        if paging.is_none() {
            if let Some(temp) = self.eval(m, "/temp", extra)? {
                merge_into(&mut m.temp, temp);
            }
            if let Some(skipped) = self.condition(m, extra)? {
                return Ok(Built::Skipped(skipped));
            }
        }
        if !self.own.has("/url") && paging.is_none() {
            return Ok(Built::Static);
        }
        let merge_parent = match paging {
            Some(p) => !matches!(
                p.spec.json.pointer(&p.pointer("/mergeWithParent")),
                Some(serde_json::Value::Bool(false))
            ),
            None => true,
        };
        let pick = |key: &str| -> Option<&Layer<'a>> { paging.filter(|p| p.has(key)) };
        let url = match pick("/url") {
            Some(p) => m.eval(p.spec, &p.pointer("/url"), &m.env(extra))?,
            None if merge_parent => self.url(m, extra)?,
            None => None,
        };
        let method = match pick("/method") {
            Some(p) => m.eval(p.spec, &p.pointer("/method"), &m.env(extra))?,
            None if merge_parent => self.eval(m, "/method", extra)?,
            None => None,
        };
        let mut sent = serde_json::Map::new();
        sent.insert("step".into(), step.into());
        let method = method.map_or_else(|| "GET".to_owned(), |v| to_text(&v).to_ascii_uppercase());
        sent.insert("method".into(), method.clone().into());
        sent.insert(
            "url".into(),
            url.map_or(serde_json::Value::Null, |u| to_text(&u).into()),
        );
        for key in ["qs", "headers"] {
            let path = format!("/{key}");
            let mut value = if merge_parent {
                self.eval_merged(m, &path, extra)?
            } else {
                None
            };
            if let Some(p) = pick(&path) {
                let paged = m.eval(p.spec, &p.pointer(&path), &m.env(extra))?;
                value = match (value, paged) {
                    (Some(Value::Collection(mut own)), Some(page)) => {
                        merge_into(&mut own, page);
                        Some(Value::Collection(own))
                    }
                    (_, page) => page,
                };
            }
            if let Some(value) =
                value.filter(|v| !matches!(v, Value::Collection(c) if c.is_empty()))
            {
                sent.insert(key.into(), result_json(&value));
            }
        }
        // The docs: `body` is ignored, and no Content-Type set, for GET.
        if method != "GET" {
            let body = match pick("/body") {
                Some(p) => m.eval(p.spec, &p.pointer("/body"), &m.env(extra))?,
                None if merge_parent => self.eval(m, "/body", extra)?,
                None => None,
            };
            if let Some(body) = body {
                sent.insert("body".into(), result_json(&body));
            }
            if let Some(kind) = self.eval(m, "/type", extra)? {
                sent.insert("type".into(), to_text(&kind).into());
            }
        }
        Ok(Built::Sent(serde_json::Value::Object(sent)))
    }

    /// `None` when the request runs; `Some(default)` when it is skipped.
    fn condition(
        &self,
        m: &Machine,
        extra: &[(&str, Value)],
    ) -> Result<Option<Option<Value>>, Stop> {
        let Some(layer) = self.find("/condition") else {
            return Ok(None);
        };
        let at = layer.pointer("/condition");
        let env = m.env(extra);
        let object_form = layer.spec.json.pointer(&at).is_some_and(|v| v.is_object());
        let (test, default) = if object_form {
            (
                m.eval(layer.spec, &push(&at, "condition"), &env)?,
                m.eval(layer.spec, &push(&at, "default"), &env)?,
            )
        } else {
            (m.eval(layer.spec, &at, &env)?, None)
        };
        Ok(match test {
            Some(test) if !test.to_bool() => Some(default),
            _ => None,
        })
    }

    /// The URL, with Base's `baseUrl` before a path that starts with `/`.
    fn url(&self, m: &Machine, extra: &[(&str, Value)]) -> Result<Option<Value>, Stop> {
        let Some(own) = m.eval(self.own.spec, &self.own.pointer("/url"), &m.env(extra))? else {
            return Ok(None);
        };
        let text = to_text(&own);
        if !text.starts_with('/') {
            return Ok(Some(own));
        }
        let base_url = match &self.base {
            Some(base) => m.eval(base.spec, &base.pointer("/baseUrl"), &m.env(extra))?,
            None => None,
        };
        Ok(Some(match base_url {
            Some(base) => Value::Text(format!("{}{text}", to_text(&base).trim_end_matches('/'))),
            None => own,
        }))
    }
}
