//! Which kind of object each container around a cursor is (an OAuth
//! section list, a request, a response, a nested directive object, a
//! parameter, …): what decides the keys an object accepts. The place and
//! the path come from the semantic model.

use iml_catalogue::{self as catalogue, KeyLevel, NestedObject, OAuthFlavour, Place, ValueShape};
use iml_jsonc::{Value, ValueKind};

use crate::semantic::{PathSegment, SiteContext};

/// The kind of object (or array) a container is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ObjectKind {
    /// The keyed sections of an OAuth communication.
    Sections(OAuthFlavour),
    /// An array of request specs (multiple requests).
    Requests,
    /// A request spec (or webhook communication, Base, a responder's root).
    Request,
    Response,
    Nested(NestedObject),
    /// The status-keyed object form of `response.type`.
    ResponseTypeMap,
    /// An array of parameters.
    Parameters,
    /// One parameter object.
    Parameter,
    /// An array of select options (or of option groups).
    SelectOptions,
    SelectOption,
    /// The object form of `options`.
    OptionsObject,
    /// The `rpc` search-button object of a parameter.
    ParameterRpc,
    /// `validate` of a parameter of the given type.
    Validate,
    /// An object or array with no closed key set (headers, body, temp, data, samples…).
    Free,
}

/// The kind of the root value of a file.
fn root_kind(context: &SiteContext, root: &Value) -> ObjectKind {
    if context.is_parameter_file() {
        return match root.kind {
            ValueKind::Array(_) => ObjectKind::Parameters,
            _ => ObjectKind::Free,
        };
    }
    let Some(place) = context.place else {
        return ObjectKind::Free;
    };
    let is_array = matches!(root.kind, ValueKind::Array(_));
    match place {
        Place::ConnectionOAuth2 if !is_array => ObjectKind::Sections(OAuthFlavour::OAuth2),
        Place::ConnectionOAuth1 if !is_array => ObjectKind::Sections(OAuthFlavour::OAuth1),
        _ if is_array => ObjectKind::Requests,
        _ => ObjectKind::Request,
    }
}

fn nested_kind(shape: ValueShape, value: &Value) -> ObjectKind {
    match (shape.nested(), &value.kind) {
        (Some(object), ValueKind::Object(_)) => ObjectKind::Nested(object),
        _ => ObjectKind::Free,
    }
}

/// The kind of the child `child` reached from a container of kind `parent`
/// by `segment`.
fn child_kind(parent: ObjectKind, segment: &PathSegment, child: &Value) -> ObjectKind {
    let is_array = matches!(child.kind, ValueKind::Array(_));
    let is_object = matches!(child.kind, ValueKind::Object(_));
    match (parent, segment) {
        (ObjectKind::Sections(flavour), PathSegment::Key(key)) => {
            match catalogue::section(flavour, key) {
                Some(info) => {
                    if info.is_request {
                        ObjectKind::Request
                    } else {
                        ObjectKind::Nested(NestedObject::OAuth1Signing)
                    }
                }
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Requests, PathSegment::Index(_)) if is_object => ObjectKind::Request,
        (ObjectKind::Request, PathSegment::Key(key)) => {
            if key == "response" && is_object {
                return ObjectKind::Response;
            }
            match catalogue::directive(key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Response, PathSegment::Key(key)) => {
            if key == "type" && is_object {
                return ObjectKind::ResponseTypeMap;
            }
            match catalogue::response_directive(key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Nested(NestedObject::Error), PathSegment::Key(key))
            if catalogue::is_status_code(key) && is_object =>
        {
            ObjectKind::Nested(NestedObject::ErrorStatus)
        }
        (ObjectKind::Nested(object), PathSegment::Key(key)) => {
            match catalogue::lookup(KeyLevel::Nested(object), key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Parameters, PathSegment::Index(_)) if is_object => ObjectKind::Parameter,
        (ObjectKind::Parameter, PathSegment::Key(key)) => match key.as_str() {
            "spec" if is_array => ObjectKind::Parameters,
            "spec" if is_object => ObjectKind::Parameter,
            "nested" if is_array => ObjectKind::Parameters,
            "options" if is_array => ObjectKind::SelectOptions,
            "options" if is_object => ObjectKind::OptionsObject,
            "rpc" if is_object => ObjectKind::ParameterRpc,
            "validate" if is_object => ObjectKind::Validate,
            _ => ObjectKind::Free,
        },
        // A group of a grouped select holds `options` itself.
        (ObjectKind::SelectOptions, PathSegment::Index(_)) if is_object => ObjectKind::SelectOption,
        (ObjectKind::SelectOption, PathSegment::Key(key)) => match key.as_str() {
            "nested" if is_array => ObjectKind::Parameters,
            "options" if is_array => ObjectKind::SelectOptions,
            _ => ObjectKind::Free,
        },
        (ObjectKind::OptionsObject, PathSegment::Key(key)) => match key.as_str() {
            "store" if is_array => ObjectKind::SelectOptions,
            "nested" if is_array => ObjectKind::Parameters,
            _ => ObjectKind::Free,
        },
        (ObjectKind::ParameterRpc, PathSegment::Key(key)) if key == "parameters" && is_array => {
            ObjectKind::Parameters
        }
        _ => ObjectKind::Free,
    }
}

/// The kind of each of `containers` (the objects and arrays from the root
/// down, `containers[i]` at the first `i` segments of `path`).
pub(crate) fn classify(
    context: &SiteContext,
    containers: &[&Value],
    path: &[PathSegment],
) -> Vec<ObjectKind> {
    let mut kinds = Vec::with_capacity(containers.len());
    let Some(root) = containers.first() else {
        return kinds;
    };
    kinds.push(root_kind(context, root));
    for (child, segment) in containers.iter().skip(1).zip(path) {
        let parent = kinds.last().copied().unwrap_or(ObjectKind::Free);
        kinds.push(child_kind(parent, segment, child));
    }
    kinds
}
