//! R028: a directive's value has a JSON kind Make does not accept. The
//! accepted kinds come from the catalogue's value shapes, the same facts the
//! JSON Schema export is built from. It runs where no other rule reads the
//! value (the last arm of `keys::check_value`), so it never repeats one.

use iml_catalogue::{Directive, JsonKind, KeyLevel, StringForm, ValueShape, nested_object};
use iml_jsonc::{Value, ValueKind};

use super::context::{Ctx, DiagnosticExt, is_iml, kind_name};
use super::fixes::{quote, replace_value};
use crate::diagnostics::Fix;

pub(crate) fn check(ctx: &mut Ctx, directive: &Directive, value: &Value) {
    let Some(found) = json_kind(value) else {
        return;
    };
    let shape = directive.shape;
    let kinds = shape.json_kinds();
    let plain_text = matches!(value.kind, ValueKind::String(_)) && !is_iml(value);
    let accepted = kinds.contains(&found)
        && !(found == JsonKind::String
            && shape.string_form() == StringForm::Expression
            && plain_text
            && !stands_for_scalar(kinds));
    if accepted {
        return;
    }
    let name = path(directive);
    let expected = expected(directive);
    let found_text = if plain_text {
        "plain text without `{{ }}`"
    } else {
        kind_name(value)
    };
    let (advice, fix) = advice(directive, value, found);
    ctx.emit(
        "R028",
        value.range,
        format!("`{name}` must be {expected}, found {found_text}; {advice}"),
    )
    .fix(fix);
}

fn json_kind(value: &Value) -> Option<JsonKind> {
    match value.kind {
        ValueKind::String(_) => Some(JsonKind::String),
        ValueKind::Number(_) => Some(JsonKind::Number),
        ValueKind::Bool(_) => Some(JsonKind::Bool),
        ValueKind::Object(_) => Some(JsonKind::Object),
        ValueKind::Array(_) => Some(JsonKind::Array),
        // The sources do not say how Make reads `null`; an unreadable value
        // is a syntax error already.
        ValueKind::Null | ValueKind::Error => None,
    }
}

/// A plain string where only an expression may stand for a number or a
/// boolean (`"limit": "10"`): Make's schema rejects it, but whether Make
/// converts the text when it runs is undocumented, so it is not reported.
/// A plain string where an object is expected is.
fn stands_for_scalar(kinds: &[JsonKind]) -> bool {
    !kinds.contains(&JsonKind::Object)
}

/// `pagination.url`, `response.limit`, `url`.
fn path(directive: &Directive) -> String {
    match directive.level {
        KeyLevel::Request => directive.name.to_owned(),
        KeyLevel::Response => format!("response.{}", directive.name),
        KeyLevel::Nested(object) => format!("{}.{}", nested_object(object).name, directive.name),
    }
}

/// "a string (IML allowed)", "an object or a `{{ }}` expression", …
fn expected(directive: &Directive) -> String {
    let shape = directive.shape;
    let parts: Vec<&str> = shape
        .json_kinds()
        .iter()
        .map(|kind| match kind {
            JsonKind::String => match shape.string_form() {
                StringForm::Expression => "a `{{ }}` expression",
                StringForm::Text if directive.iml => "a string (IML allowed)",
                StringForm::Text => "a string",
            },
            JsonKind::Number if directive.iml => "a number",
            JsonKind::Number => "a literal number",
            JsonKind::Bool => "a boolean",
            JsonKind::Null => "null",
            JsonKind::Object => "an object",
            JsonKind::Array if shape == ValueShape::StringArray => "an array of strings",
            JsonKind::Array => "an array",
        })
        .collect();
    match parts.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "a value".to_owned(),
    }
}

/// What to write instead, and a fix where the change is mechanical.
fn advice(directive: &Directive, value: &Value, found: JsonKind) -> (String, Option<Fix>) {
    let kinds = directive.shape.json_kinds();
    let only_text = kinds == [JsonKind::String];
    let literal = match &value.kind {
        ValueKind::Number(text) => Some(text.clone()),
        ValueKind::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match (literal, found) {
        (Some(text), _) if only_text => {
            let quoted = quote(&text);
            let fix = replace_value(value, &quoted, "Write the value as a string");
            (format!("write it as a string: `{quoted}`"), Some(fix))
        }
        (Some(_), JsonKind::Number) if kinds.contains(&JsonKind::Bool) => (
            "write `true` or `false`, or compute the value inside `{{ }}`".to_owned(),
            None,
        ),
        // Plain text where a string may only compute the object.
        (None, JsonKind::String) if kinds.contains(&JsonKind::String) => (
            "write an object of keys and values, or compute it inside `{{ }}`".to_owned(),
            None,
        ),
        (_, JsonKind::Array) if kinds.contains(&JsonKind::Object) => (
            "write an object of keys and values, not an array".to_owned(),
            None,
        ),
        (_, JsonKind::Array) => ("give a single value, not an array".to_owned(), None),
        _ if kinds.len() == 1 => (format!("replace it with {}", expected(directive)), None),
        _ => ("replace it with one of these".to_owned(), None),
    }
}
