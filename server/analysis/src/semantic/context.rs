//! What a JSON path means: the place, OAuth section, request and region an
//! expression there is evaluated in.

use iml_catalogue::{ExprContext, OAuthFlavour, Place, Region, Section, section};
use iml_jsonc::{Value, ValueKind};

use super::path::{JsonPath, PathSegment};
use crate::json::has_key;
use crate::roles::{
    ComponentKind, ConnectionKind, FileRole, ModuleType, RoleKind, connection_kind_from_content,
};

/// The meaning of one position of a file (a string value, a key, or a cursor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteContext {
    /// The file's role.
    pub role: RoleKind,
    /// The place the file's expressions run in (`None` when the role or the
    /// module type is unknown, or the file holds no evaluated IML).
    pub place: Option<Place>,
    /// What variable checks need; `None` whenever `place` is `None`.
    pub expr: Option<ExprContext>,
    /// The OAuth section (`token`, `refresh`, …) in OAuth communication.
    pub section: Option<Section>,
    /// The request's index when the communication (or an OAuth section) is an
    /// array of requests.
    pub request_index: Option<usize>,
    /// The path of the enclosing request object, if the position is inside one.
    pub request_path: Option<JsonPath>,
    /// The keys below the request (or below the root of a file that is not a
    /// request, such as webhook communication), joined with dots, up to the
    /// first array index: `qs.redirect_uri`, `response.data.accessToken`.
    pub directive: Option<String>,
    /// Whether the position is an object key rather than a value.
    pub is_key: bool,
}

impl SiteContext {
    /// A position whose place is not known: nothing but the role.
    pub(super) fn unplaced(role: RoleKind, is_key: bool) -> SiteContext {
        SiteContext {
            role,
            place: None,
            expr: None,
            section: None,
            request_index: None,
            request_path: None,
            directive: None,
            is_key,
        }
    }

    pub fn region(&self) -> Option<Region> {
        self.expr.map(|expr| expr.region)
    }

    /// Whether the file declares parameters or output fields (a list of
    /// parameter objects), whether or not its component's place is known.
    pub fn is_parameter_file(&self) -> bool {
        is_parameter_role(self.role)
    }

    /// The directive's keys as a list (`["response", "data", "accessToken"]`).
    pub fn directive_keys(&self) -> Vec<&str> {
        self.directive
            .as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| d.split('.').collect())
            .unwrap_or_default()
    }
}

pub(crate) fn module_place(module_type: ModuleType) -> Place {
    use iml_catalogue::ModuleType as M;
    Place::Module(match module_type {
        ModuleType::Trigger => M::Trigger,
        ModuleType::Action => M::Action,
        ModuleType::Search => M::Search,
        ModuleType::InstantTrigger => M::InstantTrigger,
        ModuleType::Responder => M::Responder,
        ModuleType::Universal => M::Universal,
    })
}

pub(crate) fn connection_place(kind: ConnectionKind) -> Place {
    match kind {
        ConnectionKind::Basic => Place::ConnectionBasic,
        ConnectionKind::OAuth1 => Place::ConnectionOAuth1,
        ConnectionKind::OAuth2 => Place::ConnectionOAuth2,
    }
}

/// The place of the component a file belongs to (its communication's place).
fn component_place(
    role: &FileRole,
    connection_kind: Option<ConnectionKind>,
    root: &Value,
) -> Option<Place> {
    let component = role.component.as_ref()?;
    match component.kind {
        ComponentKind::Connection => {
            let kind = connection_kind.or(role.connection_kind).or_else(|| {
                (role.kind == RoleKind::Communication)
                    .then(|| connection_kind_from_content(root))
                    .flatten()
            })?;
            Some(connection_place(kind))
        }
        ComponentKind::Module => component.module_type.map(module_place),
        ComponentKind::Rpc => Some(Place::Rpc),
        ComponentKind::Webhook => Some(Place::WebhookCommunication),
        ComponentKind::Function | ComponentKind::Endpoint => None,
    }
}

/// The place and whether the file is a parameter file.
pub(crate) fn file_place(
    role: &FileRole,
    connection_kind: Option<ConnectionKind>,
    root: &Value,
) -> Option<(Place, bool)> {
    match role.kind {
        RoleKind::Base => Some((Place::Base, false)),
        RoleKind::Epoch => Some((Place::Epoch, false)),
        RoleKind::Attach => Some((Place::WebhookAttach, false)),
        RoleKind::Detach => Some((Place::WebhookDetach, false)),
        RoleKind::Update => Some((Place::WebhookUpdate, false)),
        RoleKind::Communication => Some((component_place(role, connection_kind, root)?, false)),
        kind if is_parameter_role(kind) => {
            Some((component_place(role, connection_kind, root)?, true))
        }
        _ => None,
    }
}

/// Files that declare parameters or fields (their IML runs in the editor's
/// forms, not in a request).
fn is_parameter_role(kind: RoleKind) -> bool {
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

/// Where the request object containing `path` starts: its path, its section
/// (OAuth) and its index in an array of requests. `None` outside requests.
fn locate_request(
    place: Place,
    root: &Value,
    path: &JsonPath,
) -> Option<(JsonPath, Option<Section>, Option<usize>)> {
    let segments = path.segments();
    let flavour = match place {
        Place::ConnectionOAuth2 => Some(OAuthFlavour::OAuth2),
        Place::ConnectionOAuth1 => Some(OAuthFlavour::OAuth1),
        _ => None,
    };
    if let Some(flavour) = flavour {
        let key = path.key(0)?;
        let info = section(flavour, key)?;
        let section_path = JsonPath(segments[..1].to_vec());
        let is_array = section_path
            .resolve(root)
            .is_some_and(|v| matches!(v.kind, ValueKind::Array(_)));
        if is_array {
            let Some(PathSegment::Index(index)) = segments.get(1) else {
                return Some((section_path, Some(info.section), None));
            };
            return Some((
                JsonPath(segments[..2].to_vec()),
                Some(info.section),
                Some(*index),
            ));
        }
        return Some((section_path, Some(info.section), None));
    }
    if place == Place::WebhookCommunication {
        return None;
    }
    match &root.kind {
        ValueKind::Array(_) => match segments.first() {
            Some(PathSegment::Index(index)) => {
                Some((JsonPath(segments[..1].to_vec()), None, Some(*index)))
            }
            _ => None,
        },
        _ => Some((JsonPath::root(), None, None)),
    }
}

/// The context of `path` in a file with `role` and top-level value `root`.
///
/// `connection_kind` overrides the role's for connection files (the app
/// model's answer, which also weighs the declared type). Pure: no snapshot
/// needed, so it also serves tests and tools.
pub fn context_for(
    role: &FileRole,
    connection_kind: Option<ConnectionKind>,
    root: &Value,
    path: &JsonPath,
    is_key: bool,
) -> SiteContext {
    let mut context = SiteContext::unplaced(role.kind, is_key);
    let Some((place, parameter_file)) = file_place(role, connection_kind, root) else {
        return context;
    };
    context.place = Some(place);
    if parameter_file {
        context.expr = Some(ExprContext {
            place,
            section: None,
            region: Region::ParameterFile,
            iterating: false,
        });
        return context;
    }
    if place == Place::WebhookCommunication {
        context.directive = Some(path.dotted_keys_from(0));
        context.expr = Some(ExprContext {
            place,
            section: None,
            region: Region::Response,
            // Official shared-webhook examples read `item` without `iterate`.
            iterating: true,
        });
        return context;
    }
    let Some((request_path, section, request_index)) = locate_request(place, root, path) else {
        return context;
    };
    let below = request_path.len();
    let directive = path.dotted_keys_from(below);
    let (region, iterating) = region_of(place, root, &request_path, path, below);
    context.section = section;
    context.request_index = request_index;
    context.request_path = Some(request_path);
    context.directive = Some(directive);
    context.expr = Some(ExprContext {
        place,
        section,
        region,
        iterating,
    });
    context
}

fn region_of(
    place: Place,
    root: &Value,
    request_path: &JsonPath,
    path: &JsonPath,
    below: usize,
) -> (Region, bool) {
    // An epoch runs with its module's request: its own keys beyond the
    // request directives are response-side (`get`, `output`, …).
    const REQUEST_KEYS: &[&str] = &[
        "url",
        "method",
        "qs",
        "headers",
        "body",
        "temp",
        "condition",
    ];
    if place == Place::Epoch
        && !matches!(path.key(below), Some("pagination" | "response"))
        && !path
            .key(below)
            .is_some_and(|key| REQUEST_KEYS.contains(&key))
    {
        return (Region::Response, true);
    }
    let region = match path.key(below) {
        Some("response") if path.key(below + 1) == Some("wrapper") => Region::Wrapper,
        Some("response") => Region::Response,
        Some("pagination") => Region::Pagination,
        // Evaluated after each execution; what it sees beyond `temp` is unclear.
        Some("repeat") => Region::Response,
        _ => Region::Request,
    };
    if place.is_connection() || region == Region::Request {
        return (region, false);
    }
    // An epoch runs with its module's request and `iterate`, which this file does not show.
    if place == Place::Epoch {
        return (region, true);
    }
    let has_iterate = request_path
        .resolve(root)
        .and_then(|request| crate::json::get(request, "response"))
        .is_some_and(|response| has_key(response, "iterate"));
    // The container itself is evaluated before any item exists.
    let is_container = path.keys_start_with(below, &["response", "iterate"])
        && matches!(path.key(below + 2), None | Some("container"));
    (region, has_iterate && !is_container)
}

/// One request object of a communication.
#[derive(Debug, Clone)]
pub(crate) struct RequestRef<'a> {
    pub(crate) path: JsonPath,
    pub(crate) section: Option<Section>,
    /// Position in the initial OAuth flow (`preauthorize` = 1 …); `None` for
    /// `refresh`, `invalidate` and non-OAuth requests.
    pub(crate) flow_order: Option<u8>,
    pub(crate) index: Option<usize>,
    pub(crate) value: &'a Value,
}

/// The request objects of a communication in `place`, in file order.
pub(crate) fn requests(place: Place, root: &Value) -> Vec<RequestRef<'_>> {
    let mut out = Vec::new();
    let flavour = match place {
        Place::ConnectionOAuth2 => Some(OAuthFlavour::OAuth2),
        Place::ConnectionOAuth1 => Some(OAuthFlavour::OAuth1),
        Place::WebhookCommunication => return out,
        _ => None,
    };
    match flavour {
        Some(flavour) => {
            for member in crate::json::members(root) {
                let Some(info) = section(flavour, member.key.decoded.as_str()) else {
                    continue;
                };
                let Some(value) = &member.value else { continue };
                if !info.is_request {
                    continue;
                }
                let path = JsonPath::root().child_key(info.key);
                push_requests(&mut out, value, path, Some(info.section), info.flow_order);
            }
        }
        None => push_requests(&mut out, root, JsonPath::root(), None, None),
    }
    out
}

fn push_requests<'a>(
    out: &mut Vec<RequestRef<'a>>,
    value: &'a Value,
    path: JsonPath,
    section: Option<Section>,
    flow_order: Option<u8>,
) {
    match &value.kind {
        ValueKind::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if matches!(item.kind, ValueKind::Object(_)) {
                    out.push(RequestRef {
                        path: path.child_index(index),
                        section,
                        flow_order,
                        index: Some(index),
                        value: item,
                    });
                }
            }
        }
        ValueKind::Object(_) => out.push(RequestRef {
            path,
            section,
            flow_order,
            index: None,
            value,
        }),
        _ => {}
    }
}
