//! The keys an object of each kind accepts, as one list that completion and
//! hover share: directives, sections and parameter keys look alike here.

use iml_catalogue::parameters::{
    self as params, OPTIONS_OBJECT_KEYS, ParamKey, RPC_KEYS, SELECT_OPTION_KEYS,
};
use iml_catalogue::{
    self as catalogue, Directive, EnumId, KeyAvailability, KeyLevel, OAuthFlavour, Place,
    SectionInfo, Status, ValueShape,
};
use iml_jsonc::Value;

use crate::json;

use super::objects::ObjectKind;

/// One key an object may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum KeyInfo {
    Directive(&'static Directive),
    Section(&'static SectionInfo),
    Param(&'static ParamKey),
    /// A key of `validate`.
    Validate(&'static str),
    /// `*` in a status-keyed `response.type`.
    AnyStatus,
}

impl KeyInfo {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            KeyInfo::Directive(d) => d.name,
            KeyInfo::Section(s) => s.key,
            KeyInfo::Param(k) => k.name,
            KeyInfo::Validate(name) => name,
            KeyInfo::AnyStatus => "*",
        }
    }

    pub(crate) fn doc(&self) -> &'static str {
        match self {
            KeyInfo::Directive(d) => d.doc,
            KeyInfo::Section(s) => s.doc,
            KeyInfo::Param(k) => k.doc,
            KeyInfo::Validate(_) => "Validation rule of the parameter.",
            KeyInfo::AnyStatus => "Body type for every status without a narrower entry.",
        }
    }

    pub(crate) fn url(&self) -> &'static str {
        match self {
            KeyInfo::Directive(d) => d.url,
            KeyInfo::Section(s) => s.url,
            KeyInfo::Param(_) | KeyInfo::Validate(_) => params::DOCS_URL,
            KeyInfo::AnyStatus => catalogue::urls::RESPONSE_TYPE,
        }
    }

    pub(crate) fn status(&self) -> Status {
        match self {
            KeyInfo::Directive(d) => d.status,
            KeyInfo::Param(k) => k.status,
            _ => Status::Documented,
        }
    }

    pub(crate) fn values(&self) -> Option<EnumId> {
        match self {
            KeyInfo::Directive(d) => d.values,
            KeyInfo::Param(k) => k.values,
            KeyInfo::AnyStatus => Some(EnumId::ResponseType),
            _ => None,
        }
    }

    /// Whether the value is a literal boolean (offered as `true`/`false`).
    pub(crate) fn is_boolean(&self) -> bool {
        match self {
            KeyInfo::Directive(d) => matches!(
                d.shape,
                ValueShape::StaticBool
                    | ValueShape::ImlStringOrBool
                    | ValueShape::ImlStringOrBoolOrObject(_)
            ),
            KeyInfo::Param(k) => matches!(k.default, Some("true" | "false")),
            _ => false,
        }
    }

    /// The value part of the snippet inserted with the key.
    pub(crate) fn value_snippet(&self) -> &'static str {
        match self {
            KeyInfo::Directive(d) => d.shape.value_snippet(),
            KeyInfo::Section(_) => "{$0}",
            KeyInfo::Param(k) => param_value_snippet(k),
            KeyInfo::Validate(name) => match *name {
                "enum" => "[$0]",
                "pattern" => "\"$1\"",
                _ => "${1:0}",
            },
            KeyInfo::AnyStatus => "\"$1\"",
        }
    }

    /// One line: the value's type and default.
    pub(crate) fn detail(&self) -> String {
        match self {
            KeyInfo::Directive(d) => {
                let mut out = shape_label(d.shape).to_owned();
                if let Some(default) = d.default {
                    out.push_str(&format!(" = {default}"));
                }
                out
            }
            KeyInfo::Section(s) => match (s.flavour, s.flow_order, s.is_request) {
                (_, _, false) => "OAuth 1 signing object".to_owned(),
                (OAuthFlavour::OAuth2, Some(n), _) => {
                    format!("OAuth 2 section, step {n} of the flow")
                }
                (OAuthFlavour::OAuth1, Some(n), _) => {
                    format!("OAuth 1 section, step {n} of the flow")
                }
                (_, None, _) => "section outside the initial flow".to_owned(),
            },
            KeyInfo::Param(k) => match (k.default, k.values) {
                (Some(default), _) => format!("parameter key = {default}"),
                (None, Some(id)) => format!("parameter key: {}", catalogue::enumeration(id).name),
                (None, None) => "parameter key".to_owned(),
            },
            KeyInfo::Validate(_) => "validate rule".to_owned(),
            KeyInfo::AnyStatus => "every status".to_owned(),
        }
    }

    pub(crate) fn is_required(&self, place: Option<Place>) -> bool {
        match self {
            KeyInfo::Directive(d) => place.is_some_and(|p| d.is_required_in(p)),
            KeyInfo::Param(k) => k.required,
            KeyInfo::AnyStatus => true,
            _ => false,
        }
    }
}

/// The value snippet of a parameter key, from the forms the catalogue lists.
fn param_value_snippet(key: &ParamKey) -> &'static str {
    match key.name {
        _ if matches!(key.default, Some("true" | "false")) => "${1|true,false|}",
        "options" | "nested" | "spec" => "[$0]",
        "rpc" | "validate" | "labels" | "convert" | "metadata" | "schema" => "{$0}",
        "default" => "$0",
        _ => "\"$1\"",
    }
}

pub(crate) fn shape_label(shape: ValueShape) -> &'static str {
    match shape {
        ValueShape::ImlString => "IML string",
        ValueShape::StaticBool => "boolean (no IML)",
        ValueShape::StaticNumber => "number (no IML)",
        ValueShape::ImlStringOrBool => "IML string or boolean",
        ValueShape::ImlStringOrNumber => "IML string or number",
        ValueShape::ImlFlatObject => "object of IML values",
        ValueShape::ImlObject => "IML object",
        ValueShape::Any => "any IML value",
        ValueShape::Object(_) => "object",
        ValueShape::ImlStringOrObject(_) => "IML string or object",
        ValueShape::ImlStringOrBoolOrObject(_) => "IML string, boolean or object",
        ValueShape::StringArray => "array of strings",
        ValueShape::ImlStringOrStatusMap => "IML string or object by status",
        ValueShape::Response => "response object",
    }
}

/// Keys that belong to one parameter type only (the rest are common keys).
fn is_type_specific(name: &str) -> bool {
    params::parameter_types()
        .iter()
        .any(|t| t.options.contains(&name))
}

/// Every key an object of `kind` accepts at `place`. `value` is the object
/// itself and `parent` the object holding it (for type-dependent keys).
pub(crate) fn keys_for(
    kind: ObjectKind,
    place: Option<Place>,
    value: &Value,
    parent: Option<&Value>,
    connection_params: bool,
) -> Vec<KeyInfo> {
    match kind {
        ObjectKind::Sections(flavour) => catalogue::sections(flavour)
            .iter()
            .map(KeyInfo::Section)
            .collect(),
        ObjectKind::Request => match place {
            Some(place) => catalogue::request_keys(place)
                .map(KeyInfo::Directive)
                .collect(),
            None => Vec::new(),
        },
        ObjectKind::Response => match place {
            Some(place) => catalogue::response_keys(place)
                .map(KeyInfo::Directive)
                .collect(),
            None => Vec::new(),
        },
        ObjectKind::Nested(object) => catalogue::nested_keys(object)
            .map(KeyInfo::Directive)
            .collect(),
        ObjectKind::ResponseTypeMap => vec![KeyInfo::AnyStatus],
        ObjectKind::Parameter => {
            let type_name = json::get_str(value, "type");
            let own = type_name.and_then(params::parameter_type);
            params::parameter_keys()
                .iter()
                .filter(|k| {
                    let specific = is_type_specific(k.name);
                    let common = !specific || (k.name == "editable" && connection_params);
                    common || own.is_some_and(|t| t.options.contains(&k.name))
                })
                .map(KeyInfo::Param)
                .collect()
        }
        ObjectKind::SelectOption => SELECT_OPTION_KEYS.iter().map(KeyInfo::Param).collect(),
        ObjectKind::OptionsObject => OPTIONS_OBJECT_KEYS.iter().map(KeyInfo::Param).collect(),
        ObjectKind::ParameterRpc => RPC_KEYS.iter().map(KeyInfo::Param).collect(),
        ObjectKind::Validate => {
            let type_name = parent
                .and_then(|p| json::get_str(p, "type"))
                .unwrap_or("text");
            params::validate_keys(type_name)
                .iter()
                .map(|k| KeyInfo::Validate(k))
                .collect()
        }
        ObjectKind::Requests
        | ObjectKind::Parameters
        | ObjectKind::SelectOptions
        | ObjectKind::Free => Vec::new(),
    }
}

/// The key `name` of an object of `kind`, known anywhere (not only at `place`).
pub(crate) fn key_named(
    kind: ObjectKind,
    place: Option<Place>,
    value: &Value,
    parent: Option<&Value>,
    name: &str,
) -> Option<KeyInfo> {
    let found = keys_for(kind, place, value, parent, true)
        .into_iter()
        .find(|k| k.name() == name);
    if found.is_some() {
        return found;
    }
    // Known but not accepted here: still worth describing (with a warning).
    match kind {
        ObjectKind::Request => catalogue::lookup(KeyLevel::Request, name).map(KeyInfo::Directive),
        ObjectKind::Response => catalogue::lookup(KeyLevel::Response, name).map(KeyInfo::Directive),
        ObjectKind::Parameter => params::parameter_key(name).map(KeyInfo::Param),
        ObjectKind::Nested(catalogue::NestedObject::ErrorStatus) => None,
        ObjectKind::ResponseTypeMap if catalogue::is_status_pattern(name) => {
            Some(KeyInfo::AnyStatus)
        }
        _ => None,
    }
}

/// Whether a directive is accepted at `place` (else the restriction's message).
pub(crate) fn restriction_at(key: &KeyInfo, place: Option<Place>) -> Option<String> {
    let (KeyInfo::Directive(d), Some(place)) = (key, place) else {
        return None;
    };
    match d.availability(place) {
        KeyAvailability::Allowed => None,
        KeyAvailability::Restricted(r) => Some(format!("{} ({})", r.message, r.rule)),
        KeyAvailability::NotAllowed => Some(format!("not a key here in {}", place.describe())),
    }
}
