//! Schemas of communication files: request specs, `response`, the nested
//! objects, and the section-keyed OAuth communication.

use std::collections::BTreeMap;

use iml_catalogue::{
    Directive, ExtraKeys, JsonKind, NestedObject, OAuthFlavour, Place, StringForm, ValueShape,
    is_status_pattern, nested_keys, nested_object, request_keys, response_keys, sections,
};
use serde_json::{Map, Value, json};

use super::values::{any_of, closed_object, describe, enumerated, iml_string, kind_name};

/// Shared definitions of one schema, referenced as `#/definitions/NAME`.
#[derive(Default)]
pub struct Definitions(BTreeMap<String, Value>);

impl Definitions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0.into_iter().collect())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Reserves `name` before its body is built, so recursive references end.
    pub fn reserve(&mut self, name: &str) {
        self.0.insert(name.to_owned(), Value::Bool(true));
    }

    pub fn insert(&mut self, name: &str, schema: Value) {
        self.0.insert(name.to_owned(), schema);
    }
}

pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

/// A communication file of `places`: one request, or (with `array`) an array
/// of requests run one after another.
pub fn communication(defs: &mut Definitions, places: &[Place], array: bool) -> Value {
    let request = request_definition(defs, places);
    let mut alternatives = vec![request.clone()];
    if array {
        alternatives.push(json!({ "type": "array", "items": request }));
    }
    if places.iter().all(|p| p.is_connection()) {
        // An empty connection communication is legitimate although `url` is required.
        alternatives.push(json!({ "type": "object", "maxProperties": 0 }));
    }
    any_of(alternatives)
}

/// An OAuth communication: an object keyed by flow section, each a request.
pub fn oauth_communication(defs: &mut Definitions, flavour: OAuthFlavour) -> Value {
    let place = match flavour {
        OAuthFlavour::OAuth1 => Place::ConnectionOAuth1,
        OAuthFlavour::OAuth2 => Place::ConnectionOAuth2,
    };
    let request = request_definition(defs, &[place]);
    let mut properties = Map::new();
    for section in sections(flavour) {
        let value = if section.is_request {
            request.clone()
        } else {
            nested_definition(defs, NestedObject::OAuth1Signing)
        };
        properties.insert(section.key.into(), describe(value, section.doc, None));
    }
    closed_object(properties, Vec::new())
}

fn places_name(places: &[Place]) -> String {
    places
        .iter()
        .map(|p| format!("{p:?}").replace(['(', ')'], ""))
        .collect::<Vec<_>>()
        .join("_")
}

/// Keys accepted in any of `places`, each once, in catalogue order.
fn union_keys<I>(places: &[Place], keys: impl Fn(Place) -> I) -> Vec<&'static Directive>
where
    I: Iterator<Item = &'static Directive>,
{
    let mut out: Vec<&'static Directive> = Vec::new();
    for place in places {
        for directive in keys(*place) {
            if !out.iter().any(|d| d.name == directive.name) {
                out.push(directive);
            }
        }
    }
    out
}

/// Keys required in every one of `places`.
fn required_in_all(keys: &[&'static Directive], places: &[Place]) -> Vec<String> {
    keys.iter()
        .filter(|d| places.iter().all(|p| d.is_required_in(*p)))
        .map(|d| d.name.to_owned())
        .collect()
}

fn request_definition(defs: &mut Definitions, places: &[Place]) -> Value {
    let name = format!("request_{}", places_name(places));
    if !defs.contains(&name) {
        defs.reserve(&name);
        let keys = union_keys(places, request_keys);
        let mut properties = Map::new();
        for directive in &keys {
            let schema = directive_schema(defs, directive, places);
            properties.insert(directive.name.into(), schema);
        }
        let schema = closed_object(properties, required_in_all(&keys, places));
        defs.insert(&name, schema);
    }
    reference(&name)
}

fn response_definition(defs: &mut Definitions, places: &[Place]) -> Value {
    let name = format!("response_{}", places_name(places));
    if !defs.contains(&name) {
        defs.reserve(&name);
        let keys = union_keys(places, response_keys);
        let mut properties = Map::new();
        for directive in &keys {
            let schema = directive_schema(defs, directive, places);
            properties.insert(directive.name.into(), schema);
        }
        let schema = closed_object(properties, required_in_all(&keys, places));
        defs.insert(&name, schema);
    }
    reference(&name)
}

fn nested_definition(defs: &mut Definitions, object: NestedObject) -> Value {
    let name = format!("{object:?}");
    if !defs.contains(&name) {
        defs.reserve(&name);
        let info = nested_object(object);
        let keys: Vec<&'static Directive> = nested_keys(object).collect();
        let mut properties = Map::new();
        for directive in &keys {
            // Nested keys are accepted wherever their parent is; no place narrows them.
            let schema = directive_schema(defs, directive, &[]);
            properties.insert(directive.name.into(), schema);
        }
        let required = keys
            .iter()
            .filter(|d| matches!(d.required, iml_catalogue::Requirement::Required))
            .map(|d| d.name.to_owned())
            .collect();
        let mut schema = closed_object(properties, required);
        match info.extra_keys {
            ExtraKeys::None => {}
            ExtraKeys::Any => schema["additionalProperties"] = Value::Bool(true),
            ExtraKeys::StatusCodes => {
                let status = nested_definition(defs, NestedObject::ErrorStatus);
                schema["patternProperties"] = json!({ "^[0-9]{3}$": status });
            }
        }
        let schema = describe(schema, info.doc, None);
        defs.insert(&name, schema);
    }
    reference(&name)
}

/// The value schema of one directive, with its description and default.
fn directive_schema(defs: &mut Definitions, directive: &Directive, places: &[Place]) -> Value {
    let schema = shape_schema(defs, directive, places);
    describe(schema, directive.doc, directive.default)
}

fn string_of(directive: &Directive) -> Value {
    if let Some(id) = directive.values {
        return enumerated(id, directive.iml);
    }
    match directive.max_len {
        // The limit is on literal text; an expression may evaluate to anything.
        Some(max) if directive.iml => {
            json!({ "type": "string", "anyOf": [{ "maxLength": max }, iml_string()] })
        }
        Some(max) => json!({ "type": "string", "maxLength": max }),
        None => json!({ "type": "string" }),
    }
}

/// One alternative per JSON kind the catalogue accepts for the directive
/// ([`ValueShape::json_kinds`]), so the schema and the value-type rule read
/// the same facts.
fn shape_schema(defs: &mut Definitions, directive: &Directive, places: &[Place]) -> Value {
    let kinds = directive.shape.json_kinds();
    if JsonKind::ALL.iter().all(|k| kinds.contains(k)) {
        return json!({});
    }
    let alternatives = kinds
        .iter()
        .map(|kind| kind_schema(defs, directive, *kind, places))
        .collect();
    any_of(alternatives)
}

fn kind_schema(
    defs: &mut Definitions,
    directive: &Directive,
    kind: JsonKind,
    places: &[Place],
) -> Value {
    let shape = directive.shape;
    match kind {
        JsonKind::String => match shape.string_form() {
            StringForm::Text => string_of(directive),
            // A lone expression computes a value of the other kinds.
            StringForm::Expression => iml_string(),
        },
        JsonKind::Object => object_schema(defs, directive, places),
        JsonKind::Array if shape == ValueShape::StringArray => {
            json!({ "type": "array", "items": { "type": "string" } })
        }
        JsonKind::Number | JsonKind::Bool | JsonKind::Null | JsonKind::Array => {
            json!({ "type": kind_name(kind) })
        }
    }
}

fn object_schema(defs: &mut Definitions, directive: &Directive, places: &[Place]) -> Value {
    let shape = directive.shape;
    match shape {
        ValueShape::ImlFlatObject => {
            let primitive = json!({ "type": ["string", "number", "boolean", "null"] });
            let member = any_of(vec![
                primitive.clone(),
                json!({ "type": "array", "items": primitive }),
            ]);
            json!({ "type": "object", "additionalProperties": member })
        }
        ValueShape::ImlStringOrStatusMap => json!({
            "type": "object",
            "propertyNames": { "pattern": status_key_pattern() },
            "additionalProperties": string_of(directive),
        }),
        ValueShape::Response => response_definition(defs, places),
        _ => shape
            .nested()
            .map(|o| nested_definition(defs, o))
            .unwrap_or_else(|| json!({ "type": "object" })),
    }
}

/// `*`, `NNN` or `NNN-NNN`, the keys [`is_status_pattern`] accepts.
fn status_key_pattern() -> &'static str {
    debug_assert!(is_status_pattern("*") && is_status_pattern("200-299"));
    r"^(\*|[0-9]{3}|[0-9]{3}-[0-9]{3})$"
}
