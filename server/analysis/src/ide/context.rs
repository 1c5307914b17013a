//! What a position means for Make: which component place the file is, which
//! kind of object a container is (an OAuth section list, a request, a
//! response, a nested directive object, a parameter, …) and which IML
//! variables an expression there sees.

use std::path::Path;

use iml_catalogue::{
    self as catalogue, ExprContext, KeyLevel, NestedObject, OAuthFlavour, Place, Region, Section,
    ValueShape,
};
use iml_jsonc::{Value, ValueKind};

use crate::json;
use crate::roles::{ComponentKind, ConnectionKind, FileRole, RoleKind};
use crate::{Analysis, ModuleType};

use super::cursor::Seg;

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

/// The component place and section of a file position, and the region of
/// the expression for variable visibility.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope {
    pub(crate) place: Option<Place>,
    pub(crate) section: Option<Section>,
    pub(crate) region: Region,
    pub(crate) iterating: bool,
    /// Which request of a multi-request communication (0 for a single one).
    pub(crate) request_index: usize,
}

impl Scope {
    pub(crate) fn expr_context(&self) -> Option<ExprContext> {
        Some(ExprContext {
            place: self.place?,
            section: self.section,
            region: self.region,
            iterating: self.iterating,
        })
    }
}

pub(crate) fn module_place(module_type: Option<ModuleType>) -> Place {
    let name = module_type.map_or("action", ModuleType::name);
    Place::Module(catalogue::ModuleType::from_name(name).unwrap_or(catalogue::ModuleType::Action))
}

/// The request place of a communication-like file, from its role.
pub(crate) fn place_of(analysis: &Analysis, path: &Path, role: &FileRole) -> Option<Place> {
    let component = role.component.as_ref();
    let module_type = component.and_then(|c| c.module_type).or_else(|| {
        let (_, component) = analysis.component_of(path)?;
        component.module_type
    });
    Some(match role.kind {
        RoleKind::Base => Place::Base,
        RoleKind::Epoch => Place::Epoch,
        RoleKind::Attach => Place::WebhookAttach,
        RoleKind::Detach => Place::WebhookDetach,
        RoleKind::Update => Place::WebhookUpdate,
        RoleKind::Communication => match component.map(|c| c.kind) {
            Some(ComponentKind::Connection) => match connection_kind(analysis, path, role) {
                ConnectionKind::OAuth2 => Place::ConnectionOAuth2,
                ConnectionKind::OAuth1 => Place::ConnectionOAuth1,
                ConnectionKind::Basic => Place::ConnectionBasic,
            },
            Some(ComponentKind::Webhook) => Place::WebhookCommunication,
            Some(ComponentKind::Rpc) => Place::Rpc,
            Some(ComponentKind::Module) => module_place(module_type),
            _ => return None,
        },
        _ => return None,
    })
}

fn connection_kind(analysis: &Analysis, path: &Path, role: &FileRole) -> ConnectionKind {
    if let Some(kind) = role.connection_kind {
        return kind;
    }
    // An empty or half-written file: its name may still say OAuth.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let from_keys = analysis.root_value(path).and_then(|root| {
        json::members(root)
            .iter()
            .find_map(|m| catalogue::flavour_of_key(m.key.decoded.as_str()))
    });
    match from_keys {
        Some(OAuthFlavour::OAuth1) => ConnectionKind::OAuth1,
        Some(OAuthFlavour::OAuth2) => ConnectionKind::OAuth2,
        None if name.contains("oauth") => ConnectionKind::OAuth2,
        None => ConnectionKind::Basic,
    }
}

pub(crate) fn is_parameter_file(kind: RoleKind) -> bool {
    matches!(
        kind,
        RoleKind::Params
            | RoleKind::StaticParams
            | RoleKind::MappableParams
            | RoleKind::Interface
            | RoleKind::InputParams
            | RoleKind::OutputParams
    )
}

/// The kind of the root value of a file.
pub(crate) fn root_kind(role: &FileRole, place: Option<Place>, root: &Value) -> ObjectKind {
    if is_parameter_file(role.kind) {
        return match root.kind {
            ValueKind::Array(_) => ObjectKind::Parameters,
            _ => ObjectKind::Free,
        };
    }
    let Some(place) = place else {
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

/// The kind of the child reached from a container of kind `parent` (value
/// `parent_value`) by `seg`, whose value is `child`; updates `scope`.
pub(crate) fn child_kind(
    parent: ObjectKind,
    parent_value: &Value,
    seg: &Seg,
    child: &Value,
    scope: &mut Scope,
) -> ObjectKind {
    let is_array = matches!(child.kind, ValueKind::Array(_));
    let is_object = matches!(child.kind, ValueKind::Object(_));
    match (parent, seg) {
        (ObjectKind::Sections(flavour), Seg::Key(key)) => match catalogue::section(flavour, key) {
            Some(info) => {
                scope.section = Some(info.section);
                if info.is_request {
                    ObjectKind::Request
                } else {
                    ObjectKind::Nested(NestedObject::OAuth1Signing)
                }
            }
            None => ObjectKind::Free,
        },
        (ObjectKind::Requests, Seg::Index(index)) if is_object => {
            scope.request_index = *index;
            ObjectKind::Request
        }
        (ObjectKind::Request, Seg::Key(key)) => {
            if key == "response" && is_object {
                scope.region = Region::Response;
                scope.iterating = json::has_key(child, "iterate");
                return ObjectKind::Response;
            }
            if key == "pagination" {
                scope.region = Region::Pagination;
            }
            match catalogue::directive(key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Response, Seg::Key(key)) => {
            if key == "wrapper" {
                scope.region = Region::Wrapper;
            }
            if key == "type" && is_object {
                return ObjectKind::ResponseTypeMap;
            }
            match catalogue::response_directive(key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Nested(NestedObject::Error), Seg::Key(key))
            if catalogue::is_status_code(key) && is_object =>
        {
            ObjectKind::Nested(NestedObject::ErrorStatus)
        }
        (ObjectKind::Nested(object), Seg::Key(key)) => {
            match catalogue::lookup(KeyLevel::Nested(object), key) {
                Some(directive) => nested_kind(directive.shape, child),
                None => ObjectKind::Free,
            }
        }
        (ObjectKind::Parameters, Seg::Index(_)) if is_object => ObjectKind::Parameter,
        (ObjectKind::Parameter, Seg::Key(key)) => match key.as_str() {
            "spec" if is_array => ObjectKind::Parameters,
            "spec" if is_object => ObjectKind::Parameter,
            "nested" if is_array => ObjectKind::Parameters,
            "options" if is_array => ObjectKind::SelectOptions,
            "options" if is_object => ObjectKind::OptionsObject,
            "rpc" if is_object => ObjectKind::ParameterRpc,
            "validate" if is_object => ObjectKind::Validate,
            _ => ObjectKind::Free,
        },
        (ObjectKind::SelectOptions, Seg::Index(_)) if is_object => {
            // A group of a grouped select holds `options` itself.
            let _ = parent_value;
            ObjectKind::SelectOption
        }
        (ObjectKind::SelectOption, Seg::Key(key)) => match key.as_str() {
            "nested" if is_array => ObjectKind::Parameters,
            "options" if is_array => ObjectKind::SelectOptions,
            _ => ObjectKind::Free,
        },
        (ObjectKind::OptionsObject, Seg::Key(key)) => match key.as_str() {
            "store" if is_array => ObjectKind::SelectOptions,
            "nested" if is_array => ObjectKind::Parameters,
            _ => ObjectKind::Free,
        },
        (ObjectKind::ParameterRpc, Seg::Key(key)) if key == "parameters" && is_array => {
            ObjectKind::Parameters
        }
        _ => ObjectKind::Free,
    }
}

/// The kind of every container of `chain`, and the scope at its end.
pub(crate) fn classify(
    root_kind: ObjectKind,
    place: Option<Place>,
    parameter_file: bool,
    chain: &[(Option<Seg>, &Value)],
) -> (Vec<ObjectKind>, Scope) {
    let mut scope = Scope {
        place,
        section: None,
        region: if parameter_file {
            Region::ParameterFile
        } else {
            Region::Request
        },
        iterating: false,
        request_index: 0,
    };
    // Webhook communication iterates at its top level.
    if place == Some(Place::WebhookCommunication)
        && let Some((_, root)) = chain.first()
    {
        scope.iterating = json::has_key(root, "iterate");
    }
    let mut kinds = Vec::with_capacity(chain.len());
    kinds.push(root_kind);
    for window in chain.windows(2) {
        let (_, parent_value) = window[0];
        let (Some(seg), child) = &window[1] else {
            break;
        };
        let parent = *kinds.last().unwrap_or(&ObjectKind::Free);
        kinds.push(child_kind(parent, parent_value, seg, child, &mut scope));
    }
    (kinds, scope)
}
