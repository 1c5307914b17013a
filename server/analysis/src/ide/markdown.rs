//! Markdown shown by completion documentation and hover, built from the
//! catalogue's entries and the app's facts.

use std::path::Path;

use iml_catalogue::{
    self as catalogue, EnumValue, Enumeration, ExprContext, Function, Place, PlaceSet,
    RootVariable, Status, Verdict,
};

use crate::semantic::DeclaredParam;

use super::keys::{self, KeyInfo};

fn link(url: &str) -> String {
    format!("[Make documentation]({url})")
}

fn status_note(status: Status) -> Option<String> {
    match status {
        Status::Documented => None,
        Status::SchemaOnly => Some("Only in Make's JSON schemas; the docs are silent.".to_owned()),
        Status::DocsOnly => Some("Documented, but missing from Make's schemas.".to_owned()),
        Status::Deprecated => Some("Deprecated.".to_owned()),
        Status::Alias(of) => Some(format!("Another spelling of `{of}`.")),
        Status::Unclear => Some("Seen in official material; its status is not settled.".to_owned()),
    }
}

/// The places of a set, in words (`a basic connection, an OAuth 2 connection, …`).
fn places(set: PlaceSet) -> String {
    if set == PlaceSet::ALL {
        return "everywhere".to_owned();
    }
    set.iter()
        .map(Place::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key: what it does, its value type, where it is allowed, an example.
pub(crate) fn key(key: &KeyInfo, place: Option<Place>) -> String {
    let mut out = format!("**`{}`** — {}", key.name(), key.doc());
    match key {
        KeyInfo::Directive(d) => {
            out.push_str(&format!("\n\nValue: {}", keys::shape_label(d.shape)));
            if let Some(default) = d.default {
                out.push_str(&format!(", default `{default}`"));
            }
            if let Some(id) = d.values {
                out.push_str(&values_line(id));
            }
            if matches!(
                d.level,
                catalogue::KeyLevel::Request | catalogue::KeyLevel::Response
            ) {
                out.push_str(&format!("\n\nAllowed in: {}", places(d.places)));
            }
            if let Some(problem) = keys::restriction_at(key, place) {
                out.push_str(&format!("\n\n⚠ Here: {problem}"));
            }
            out.push_str(&format!("\n\n```json\n{}\n```", example(&d.snippet())));
            if let Some(note) = d.note {
                out.push_str(&format!("\n\n{note}"));
            }
        }
        KeyInfo::Section(s) => {
            let role = match s.flow_order {
                Some(n) => format!("Step {n} of the initial authorization flow."),
                None if s.is_request => "Runs outside the initial authorization flow.".to_owned(),
                None => "Merged into every section's request.".to_owned(),
            };
            out.push_str(&format!("\n\n{role}"));
            if s.after_token {
                out.push_str(" Runs after the token exchange, so `connection.*` is set.");
            }
        }
        KeyInfo::Param(k) => {
            if let Some(default) = k.default {
                out.push_str(&format!("\n\nDefault `{default}`"));
            }
            if let Some(id) = k.values {
                out.push_str(&values_line(id));
            }
        }
        KeyInfo::Validate(_) | KeyInfo::AnyStatus => {}
    }
    if let Some(note) = status_note(key.status()) {
        out.push_str(&format!("\n\n{note}"));
    }
    out.push_str(&format!("\n\n{}", link(key.url())));
    out
}

/// `Values: `a`, `b``, after a blank line.
fn values_line(id: catalogue::EnumId) -> String {
    let values: Vec<&str> = catalogue::enumeration(id)
        .values
        .iter()
        .map(|v| v.value)
        .collect();
    format!("\n\nValues: `{}`", values.join("`, `"))
}

/// A snippet as an example: placeholders replaced by what they stand for.
fn example(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut rest = snippet;
    while let Some(start) = rest.find('$') {
        out.push_str(&rest[..start]);
        let tail = &rest[start + 1..];
        if let Some(inner) = tail.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            let body = &inner[..end];
            let shown = match body.split_once([':', '|']) {
                Some((_, choice)) => choice.split(',').next().unwrap_or("").trim_end_matches('|'),
                None => "",
            };
            out.push_str(shown);
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let digits = tail.chars().take_while(char::is_ascii_digit).count();
            rest = &tail[digits..];
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn enum_value(enumeration: &Enumeration, value: &EnumValue) -> String {
    let mut out = format!(
        "**`{}`** ({}) — {}",
        value.value, enumeration.name, value.doc
    );
    if let Some(note) = status_note(value.status) {
        out.push_str(&format!("\n\n{note}"));
    }
    out.push_str(&format!("\n\n{}", link(enumeration.url)));
    out
}

pub(crate) fn variable(variable: &RootVariable, ctx: Option<&ExprContext>) -> String {
    let mut out = format!("**`{}`** — {}", variable.name, variable.doc);
    if let Some(ctx) = ctx {
        match catalogue::check_variable(variable.name, ctx) {
            Verdict::Report { reason, rule, .. } => {
                out.push_str(&format!("\n\n⚠ Not available here: {reason} ({rule})"));
            }
            Verdict::Allowed => {
                out.push_str(&format!("\n\nAvailable in {}.", ctx.place.describe()));
            }
            Verdict::Silent => {}
        }
    }
    if !variable.members.is_empty() {
        let members: Vec<&str> = variable.members.iter().map(|m| m.name).collect();
        out.push_str(&format!("\n\nMembers: `{}`", members.join("`, `")));
    }
    if let Some(note) = variable.note {
        out.push_str(&format!("\n\n{note}"));
    }
    out.push_str(&format!("\n\n{}", link(variable.url)));
    out
}

pub(crate) fn function(function: &Function) -> String {
    let mut out = format!("```iml\n{}\n```\n\n{}", function.signature(), function.doc);
    out.push_str(&format!("\n\nCategory: {}", function.category.label()));
    match function.availability {
        catalogue::FunctionAvailability::AppsDoc => {}
        catalogue::FunctionAvailability::HelpOnly => {
            out.push_str("\n\nDocumented for scenarios only; availability in apps is assumed.")
        }
        catalogue::FunctionAvailability::Unclear => {
            out.push_str("\n\nSeen in official material but in no function list.")
        }
    }
    if let Some(note) = function.note {
        out.push_str(&format!("\n\n{note}"));
    }
    out.push_str(&format!("\n\n{}", link(function.url)));
    out
}

/// A path relative to the app root, for messages.
pub(crate) fn shown_path(file: &Path, root: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// One line for a declared parameter: its type and label.
pub(crate) fn param_detail(param: &DeclaredParam) -> String {
    let type_name = param.param_type.as_deref().unwrap_or("parameter");
    match &param.label {
        Some(label) => format!("{type_name} · {label}"),
        None => type_name.to_owned(),
    }
}

/// A declared parameter read as `variable`, declared in `file`.
pub(crate) fn param(param: &DeclaredParam, variable: &str, file: &Path, app_root: &Path) -> String {
    let mut out = format!(
        "**{}** `{variable}`",
        param.label.as_deref().unwrap_or(&param.name)
    );
    if let Some(type_name) = &param.param_type {
        out.push_str(&format!("\n\nType: `{type_name}`"));
    }
    if let Some(help) = &param.help {
        out.push_str(&format!("\n\n{help}"));
    }
    out.push_str(&format!("\n\nDeclared in `{}`", shown_path(file, app_root)));
    out
}

/// A key written by `origin` in `file`, with the string it is set to.
pub(crate) fn written_key(
    name: &str,
    origin: &str,
    value: Option<&str>,
    file: &Path,
    app_root: &Path,
) -> String {
    let mut out = format!(
        "**`{name}`** — written by `{origin}` in `{}`",
        shown_path(file, app_root)
    );
    if let Some(value) = value {
        out.push_str(&format!("\n\n```iml\n{value}\n```"));
    }
    out
}
