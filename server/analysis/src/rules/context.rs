//! What every rule needs while checking one file: the snapshot, the file's
//! text and role, the places its requests may run in, and the diagnostic sink.

use std::path::Path;

use iml_catalogue::{Directive, KeyAvailability, Place, PlaceSet, Severity};
use iml_jsonc::{JsonString, Member, Value, ValueKind};
use text_size::{TextRange, TextSize};

use crate::diagnostics::{Diagnostic, Fix};
use crate::host::Analysis;
use crate::roles::FileRole;

pub(crate) struct Ctx<'a> {
    pub(crate) analysis: &'a Analysis,
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    pub(crate) role: FileRole,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// The first character of `value` (its opening bracket or quote, or
    /// whatever stands where a value was expected): a short anchor for a
    /// diagnostic about the whole value.
    pub(crate) fn opening(&self, value: &Value) -> TextRange {
        let start = usize::from(value.range.start());
        let width = self
            .text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        TextRange::at(value.range.start(), TextSize::from(width as u32))
            .intersect(value.range)
            .unwrap_or(value.range)
    }

    pub(crate) fn new(
        analysis: &'a Analysis,
        path: &'a Path,
        text: &'a str,
        role: FileRole,
    ) -> Self {
        Ctx {
            analysis,
            path,
            text,
            role,
            out: Vec::new(),
        }
    }

    /// Reports `code` with its catalogue severity; returns the diagnostic so
    /// the caller can add a fix, a help line or a different severity.
    pub(crate) fn emit(
        &mut self,
        code: &'static str,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let severity = iml_catalogue::rule(code).map_or(Severity::Warning, |rule| rule.severity);
        self.out.push(Diagnostic {
            code,
            severity,
            message: message.into(),
            range,
            help: None,
            fixes: Vec::new(),
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Small builder helpers on a freshly emitted diagnostic.
pub(crate) trait DiagnosticExt {
    fn fix(&mut self, fix: Option<Fix>) -> &mut Self;
    fn severity(&mut self, severity: Severity) -> &mut Self;
}

impl DiagnosticExt for Diagnostic {
    fn fix(&mut self, fix: Option<Fix>) -> &mut Self {
        self.fixes.extend(fix);
        self
    }
    fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

/// How a key stands in any of `places` (a file whose module type is unknown
/// may run in several): allowed if one place allows it, restricted if one
/// place restricts it, otherwise not a key there.
pub(crate) fn availability_in(directive: &Directive, places: PlaceSet) -> KeyAvailability {
    if places.iter().any(|place| directive.places.contains(place)) {
        return KeyAvailability::Allowed;
    }
    let restricted = places
        .iter()
        .find_map(|place| match directive.availability(place) {
            KeyAvailability::Restricted(restriction) => Some(restriction),
            _ => None,
        });
    restricted.map_or(KeyAvailability::NotAllowed, KeyAvailability::Restricted)
}

/// The one place of a set, when the set names exactly one.
pub(crate) fn single_place(places: PlaceSet) -> Option<Place> {
    let mut iter = places.iter();
    let first = iter.next()?;
    iter.next().is_none().then_some(first)
}

pub(crate) fn members(value: &Value) -> &[Member] {
    match &value.kind {
        ValueKind::Object(members) => members,
        _ => &[],
    }
}

/// The last member named `key` (Make keeps the last of duplicates).
pub(crate) fn member<'v>(value: &'v Value, key: &str) -> Option<&'v Member> {
    members(value)
        .iter()
        .rev()
        .find(|m| m.key.decoded.as_str() == key)
}

pub(crate) fn get<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    member(value, key).and_then(|m| m.value.as_ref())
}

pub(crate) fn string(value: &Value) -> Option<&JsonString> {
    match &value.kind {
        ValueKind::String(s) => Some(s),
        _ => None,
    }
}

pub(crate) fn as_str(value: &Value) -> Option<&str> {
    string(value).map(|s| s.decoded.as_str())
}

/// A string holding `{{`: its value is computed, so its literal form says
/// nothing about its type or enumeration.
pub(crate) fn is_iml(value: &Value) -> bool {
    as_str(value).is_some_and(|s| s.contains("{{"))
}

/// The literal text a value compares against an enumeration: a string's
/// content, a number's or boolean's source text.
pub(crate) fn literal_text(value: &Value) -> Option<String> {
    match &value.kind {
        ValueKind::String(s) => Some(s.decoded.as_str().to_owned()),
        ValueKind::Number(n) => Some(n.clone()),
        ValueKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a value is certainly falsy in IML (`false`, `null`, `""`, `0`, or
/// the same written as a string literal without an expression).
pub(crate) fn is_literal_falsy(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Bool(b) => !b,
        ValueKind::Null => true,
        ValueKind::Number(n) => n.parse::<f64>().is_ok_and(|n| n == 0.0),
        ValueKind::String(s) => {
            let s = s.decoded.as_str().trim();
            s.is_empty()
                || s == "false"
                || s == "{{false}}"
                || s == "{{null}}"
                || s == "{{undefined}}"
        }
        _ => false,
    }
}

/// How a JSON kind is named in messages.
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value.kind {
        ValueKind::Object(_) => "an object",
        ValueKind::Array(_) => "an array",
        ValueKind::String(_) => "a string",
        ValueKind::Number(_) => "a number",
        ValueKind::Bool(_) => "a boolean",
        ValueKind::Null => "null",
        ValueKind::Error => "an unreadable value",
    }
}
