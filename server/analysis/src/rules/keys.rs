//! Closed key sets: request directives and `response` keys per place (R001,
//! and the keys the catalogue restricts: C003, C004, R015, R016, R020), the
//! nested objects (R009–R019, R025, C014), enumerated values, static
//! switches (R008) and value kinds (R028). Every key list comes from the
//! catalogue.

use iml_catalogue::{
    Directive, EnumId, Enumeration, ExtraKeys, KeyAvailability, KeyLevel, NestedObject, PlaceSet,
    Requirement, ValueShape, enumeration, is_status_code, lookup, nested_key, nested_keys,
    nested_object, request_keys, response_keys,
};
use iml_catalogue::{Severity, Status, directives::ENDPOINT_PAGINATION_KEYS};
use iml_jsonc::{Member, Value, ValueKind};
use text_size::TextRange;

use super::context::{Ctx, DiagnosticExt, as_str, availability_in, is_iml, literal_text, members};
use super::fixes::{quote, remove_member, rename_key, replace_value};
use super::suggest::{closest, did_you_mean};

/// The rule that reports problems inside a nested object.
pub(crate) fn nested_rule(object: NestedObject) -> &'static str {
    match object {
        NestedObject::Pagination => "R016",
        NestedObject::Condition => "R010",
        NestedObject::Valid => "R012",
        NestedObject::Error | NestedObject::ErrorStatus => "R011",
        NestedObject::Iterate => "R013",
        NestedObject::Trigger => "R014",
        NestedObject::Metadata => "C014",
        NestedObject::Repeat => "R009",
        NestedObject::Log => "R019",
        NestedObject::Aws => "R017",
        NestedObject::OAuth1Signing => "R018",
        NestedObject::Respond | NestedObject::Verification => "R025",
        NestedObject::EndpointReference => "R001",
    }
}

/// The rule that reports a literal outside an enumeration.
pub(crate) fn enum_rule(id: EnumId) -> &'static str {
    match id {
        EnumId::Method => "R002",
        EnumId::RequestType => "R003",
        EnumId::ResponseType => "R004",
        EnumId::ErrorType => "R011",
        EnumId::TriggerType | EnumId::TriggerOrder => "R014",
        EnumId::MetadataType => "C014",
        EnumId::RespondType => "R025",
        EnumId::SignatureMethod | EnumId::TransportMethod => "R018",
        EnumId::AwsSignVersion => "R017",
        EnumId::ParameterType => "P002",
        _ => "P007",
    }
}

/// Checks every key of a request object (and what it holds) against `places`.
pub(crate) fn check_request_keys(ctx: &mut Ctx, request: &Value, places: PlaceSet) {
    check_level(ctx, request, KeyLevel::Request, places);
}

fn level_keys(level: KeyLevel, places: PlaceSet) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for place in places.iter() {
        let keys: Vec<&'static Directive> = match level {
            KeyLevel::Request => request_keys(place).collect(),
            KeyLevel::Response => response_keys(place).collect(),
            KeyLevel::Nested(object) => nested_keys(object).collect(),
        };
        for key in keys {
            if !names.contains(&key.name) {
                names.push(key.name);
            }
        }
    }
    names
}

fn check_level(ctx: &mut Ctx, object: &Value, level: KeyLevel, places: PlaceSet) {
    let where_ = match level {
        KeyLevel::Request => "request",
        _ => "`response`",
    };
    for (index, member) in members(object).iter().enumerate() {
        let name = member.key.decoded.as_str();
        let Some(directive) = lookup(level, name) else {
            if let Some(spelled) = documented_spelling(level, name) {
                ctx.emit(
                    "R001",
                    member.key.range,
                    format!("`{name}` is a spelling the docs use, but Make's schema and tools read `{}`; rename it", spelled.name),
                )
                .severity(Severity::Warning)
                .fix(Some(rename_key(&member.key, spelled.name)));
                continue;
            }
            let suggestion = closest(name, level_keys(level, places));
            let place = super::places::describe_places(places);
            let fix = suggestion.map(|s| rename_key(&member.key, s));
            ctx.emit(
                "R001",
                member.key.range,
                format!(
                    "`{name}` is not a {where_} key in {place}{}",
                    did_you_mean(suggestion)
                ),
            )
            .fix(fix);
            continue;
        };
        match availability_in(directive, places) {
            KeyAvailability::Allowed => {
                if let Some(value) = &member.value {
                    check_value(ctx, directive, member, value, places);
                }
            }
            KeyAvailability::Restricted(restriction) => {
                let fix = remove_member(ctx.text, object, index, format!("Remove `{name}`"));
                ctx.emit(
                    restriction.rule,
                    member.key.range,
                    format!("`{name}`: {}; remove it", restriction.message),
                )
                .fix(fix);
            }
            KeyAvailability::NotAllowed => {
                let suggestion = closest(name, level_keys(level, places));
                let fix = remove_member(ctx.text, object, index, format!("Remove `{name}`"));
                let place = super::places::describe_places(places);
                ctx.emit(
                    "R001",
                    member.key.range,
                    format!(
                        "`{name}` is not a {where_} key in {place}{}",
                        did_you_mean(suggestion)
                    ),
                )
                .fix(suggestion.map(|s| rename_key(&member.key, s)))
                .fix(fix);
            }
        }
    }
}

/// The directive whose catalogue note records `name` as another spelling
/// found in the docs (e.g. a heading's singular form).
fn documented_spelling(level: KeyLevel, name: &str) -> Option<&'static Directive> {
    let quoted = format!("`{name}`");
    iml_catalogue::directives().iter().find(|d| {
        d.level == level && d.name != name && d.note.is_some_and(|note| note.contains(&quoted))
    })
}

/// Checks one directive's value: static switches, enumerated literals and
/// nested objects each by their own rule, and whatever none of them reads
/// by its JSON kind (R028), so a value is reported by one rule only.
pub(crate) fn check_value(
    ctx: &mut Ctx,
    directive: &Directive,
    member: &Member,
    value: &Value,
    places: PlaceSet,
) {
    let shape = directive.shape;
    match (shape, &value.kind, shape.nested(), directive.values) {
        // Literal booleans only: R008, R016 in `pagination`.
        (ValueShape::StaticBool, ..) => check_static_bool(ctx, directive, member, value),
        // `repeat.delay` and `repeat.limit` must be literal numbers (R009,
        // with the rest of `repeat` in `request.rs`).
        (ValueShape::StaticNumber, ..)
            if directive.level == KeyLevel::Nested(NestedObject::Repeat) => {}
        // `log.sanitize`'s array of paths (R019, `sanitize.rs`).
        (ValueShape::StringArray, ..) => {}
        (ValueShape::Response, ValueKind::Object(_), ..) => {
            check_level(ctx, value, KeyLevel::Response, places);
        }
        (_, ValueKind::Object(_), Some(object), _) => {
            check_nested(ctx, object, member.key.range, value, places);
        }
        (_, ValueKind::String(_) | ValueKind::Number(_) | ValueKind::Bool(_), _, Some(id)) => {
            check_enum(ctx, id, directive.name, value);
        }
        _ => super::value_types::check(ctx, directive, value),
    }
}

fn check_static_bool(ctx: &mut Ctx, directive: &Directive, member: &Member, value: &Value) {
    if matches!(value.kind, ValueKind::Bool(_)) {
        return;
    }
    let name = directive.name;
    let fix = match as_str(value).map(str::trim) {
        Some("true") => Some(replace_value(value, "true", "Write the literal `true`")),
        Some("false") => Some(replace_value(value, "false", "Write the literal `false`")),
        _ => None,
    };
    let what = if is_iml(value) {
        "an IML expression"
    } else {
        super::context::kind_name(value)
    };
    let code = if directive.level == KeyLevel::Nested(NestedObject::Pagination) {
        "R016"
    } else {
        "R008"
    };
    ctx.emit(code, member.key.range, format!("`{name}` is {what}, but it is read as a literal boolean (mapping is not supported); write `true` or `false`"))
        .fix(fix);
}

/// Checks the keys of a nested object, and its required keys.
pub(crate) fn check_nested(
    ctx: &mut Ctx,
    object: NestedObject,
    key_range: TextRange,
    value: &Value,
    places: PlaceSet,
) {
    let info = nested_object(object);
    let code = nested_rule(object);
    let known: Vec<&'static str> = nested_keys(object).map(|d| d.name).collect();
    for member in members(value) {
        let name = member.key.decoded.as_str();
        if let Some(directive) = nested_key(object, name) {
            if let Some(inner) = &member.value {
                check_value(ctx, directive, member, inner, places);
            }
            continue;
        }
        // The next-page Endpoint call; `endpoints.rs` checks it.
        if object == NestedObject::Pagination && ENDPOINT_PAGINATION_KEYS.contains(&name) {
            continue;
        }
        match info.extra_keys {
            ExtraKeys::Any => continue,
            ExtraKeys::StatusCodes if is_status_code(name) => {
                if let Some(inner) = member
                    .value
                    .as_ref()
                    .filter(|v| matches!(v.kind, ValueKind::Object(_)))
                {
                    check_nested(
                        ctx,
                        NestedObject::ErrorStatus,
                        member.key.range,
                        inner,
                        places,
                    );
                }
                continue;
            }
            ExtraKeys::StatusCodes | ExtraKeys::None => {}
        }
        let suggestion = closest(name, known.iter().copied());
        let expected = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let extra = if info.extra_keys == ExtraKeys::StatusCodes {
            " or a three-digit HTTP status"
        } else {
            ""
        };
        ctx.emit(
            code,
            member.key.range,
            format!(
                "`{name}` is not a key of `{}`; use {expected}{extra}{}",
                info.name,
                did_you_mean(suggestion)
            ),
        )
        .fix(suggestion.map(|s| rename_key(&member.key, s)));
    }
    for directive in nested_keys(object) {
        if matches!(directive.required, Requirement::Required)
            && !members(value)
                .iter()
                .any(|m| m.key.decoded.as_str() == directive.name)
        {
            ctx.emit(
                code,
                key_range,
                format!("`{}` needs `{}`; add it", info.name, directive.name),
            );
        }
    }
}

/// A literal outside an enumeration. Expressions are never reported (I011).
pub(crate) fn check_enum(ctx: &mut Ctx, id: EnumId, name: &str, value: &Value) {
    if is_iml(value) {
        return;
    }
    let Some(literal) = literal_text(value) else {
        return;
    };
    let en = enumeration(id);
    let documented_only = match en.value(&literal) {
        Some(known) if en.closed || known.status != Status::DocsOnly => return,
        Some(_) => true,
        None => false,
    };
    let code = enum_rule(id);
    let is_string = matches!(value.kind, ValueKind::String(_));
    if !documented_only && let Some(same) = en.case_insensitive_match(&literal) {
        let fix = is_string
            .then(|| replace_value(value, &quote(same.value), format!("Write `{}`", same.value)));
        ctx.emit(
            code,
            value.range,
            format!(
                "`{literal}` is not a valid {}: values are case-sensitive; write `{}`",
                en.name, same.value
            ),
        )
        .fix(fix);
        return;
    }
    let allowed = en
        .values
        .iter()
        .map(|v| format!("`{}`", v.value))
        .collect::<Vec<_>>()
        .join(", ");
    if !en.closed {
        check_open_literal(ctx, en, &literal, value, documented_only);
        return;
    }
    let suggestion = closest(&literal, en.values.iter().map(|v| v.value));
    let fix = suggestion
        .filter(|_| is_string)
        .map(|s| replace_value(value, &quote(s), format!("Write `{s}`")));
    ctx.emit(
        code,
        value.range,
        format!(
            "`{literal}` is not a valid `{name}` ({}); use {allowed}{}",
            en.name,
            did_you_mean(suggestion)
        ),
    )
    .fix(fix);
}

/// A literal outside an open set: a real member that Make's schema leaves
/// out gets a hint, anything else cannot work and gets a warning with the
/// nearest schema value.
fn check_open_literal(
    ctx: &mut Ctx,
    en: &Enumeration,
    literal: &str,
    value: &Value,
    documented_only: bool,
) {
    let code = enum_rule(en.id);
    let schema: Vec<&'static str> = en.schema_values().map(|v| v.value).collect();
    let listed = schema
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if documented_only || en.others.contains(&literal) {
        ctx.emit(
            code,
            value.range,
            format!("`{literal}` is a {} that Make's schema does not list ({listed}); check that Make and the service accept it", en.name),
        )
        .severity(Severity::Hint);
        return;
    }
    let suggestion = closest(literal, schema.iter().copied());
    let fix = suggestion
        .filter(|_| matches!(value.kind, ValueKind::String(_)))
        .map(|s| replace_value(value, &quote(s), format!("Write `{s}`")));
    ctx.emit(
        code,
        value.range,
        format!(
            "`{literal}` is not a {}: Make's schema lists {listed}{}",
            en.name,
            did_you_mean(suggestion)
        ),
    )
    .fix(fix);
}
