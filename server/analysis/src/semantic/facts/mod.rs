//! Facts one file offers to the others: declared parameters, connection data
//! and `temp` writes, common-data keys.

mod params;
mod writes;

use iml_catalogue::{OAuthFlavour, Place, Region, Section, sections};
use iml_jsonc::{Value, ValueKind};
use text_size::TextRange;

use super::context::{SiteContext, requests};
use super::path::JsonPath;
use super::sites::FileSites;
use crate::roles::{FileRole, RoleKind};

use params::param_facts;
use writes::{connection_facts, named_keys, temp_writes};

/// One parameter a parameter file declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredParam {
    /// The parameter's own `name`.
    pub name: String,
    /// How it is read below `parameters`: the name for top-level parameters and
    /// for `nested` ones (Make lifts them to the top level), `parent.child`
    /// for collection `spec` children, `parent[].child` for array items.
    pub path: String,
    pub label: Option<String>,
    /// The `type` as written.
    pub param_type: Option<String>,
    pub help: Option<String>,
    /// Range of the `name` value's string literal.
    pub name_range: Option<TextRange>,
    /// Range of the `"name"` key.
    pub key_range: Option<TextRange>,
    /// Range of the whole parameter object.
    pub range: TextRange,
    /// Whether it was lifted from a `nested` list (or a select option's).
    pub nested: bool,
}

/// The parameters of one parameter file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamFacts {
    pub params: Vec<DeclaredParam>,
    /// Whether an `rpc://` source adds parameters that cannot be known
    /// (`"rpc://…"` in the list, as the whole file, or as a `nested` source).
    pub open_ended: bool,
}

impl DeclaredParam {
    /// Whether it is read as `<parent>.<name>` (as `<name>` when `parent` is
    /// empty); array items (`parent[].child`) are read through an index.
    pub fn is_child_of(&self, parent: &[&str]) -> bool {
        if parent.is_empty() {
            return self.path == self.name;
        }
        let Some(prefix) = self.path.strip_suffix(self.name.as_str()) else {
            return false;
        };
        prefix.strip_suffix('.') == Some(parent.join(".").as_str())
    }
}

impl ParamFacts {
    /// Whether `name` is readable as `parameters.<name>`.
    pub fn declares_top_level(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.path == name)
    }
}

/// A key written into an object (`response.data`, `temp`, common data,
/// samples), with the keys of its value when that is an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenKey {
    pub name: String,
    /// Range of the key literal.
    pub range: TextRange,
    /// The OAuth section it is written in.
    pub section: Option<Section>,
    /// The request index when the communication is an array.
    pub request_index: Option<usize>,
    /// The member's path in its file (`token.response.data.accessToken`);
    /// its parent is where the key is written.
    pub path: JsonPath,
    /// The named keys of an object value (`account.id`), read as
    /// `<name>.<child>`.
    pub children: Vec<WrittenKey>,
}

impl WrittenKey {
    /// The keys read as `<name>.<path…>.<key>`: the children reached by
    /// following `path` (`self`'s own children when it is empty).
    pub fn keys_below(&self, path: &[&str]) -> &[WrittenKey] {
        let mut keys = self.children.as_slice();
        for step in path {
            match keys.iter().find(|key| key.name == *step) {
                Some(key) => keys = &key.children,
                None => return &[],
            }
        }
        keys
    }
}

/// The keys read as `<path…>.<key>` among `keys` (`keys` itself when `path`
/// is empty). A key written several times (by `token` and `refresh`) is
/// followed in each writer.
pub fn keys_below<'k>(keys: &'k [WrittenKey], path: &[&str]) -> Vec<&'k WrittenKey> {
    match path.split_first() {
        None => keys.iter().collect(),
        Some((first, rest)) => keys
            .iter()
            .filter(|key| key.name == *first)
            .flat_map(|key| key.keys_below(rest))
            .collect(),
    }
}

/// When, in the evaluation of one request, something happens (spec §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// The request's own `temp`, evaluated first.
    RequestTemp,
    /// `condition`, `url`, `qs`, `headers`, `body`, …
    Request,
    /// `response.temp`, right after the request.
    ResponseTemp,
    /// The rest of `response`, and `pagination`.
    Response,
}

/// A position in the order requests and sections run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowStep {
    pub section: Option<Section>,
    /// Position in the initial OAuth flow; `None` for `refresh`/`invalidate`
    /// and non-OAuth communication.
    pub flow_order: Option<u8>,
    pub request_index: Option<usize>,
    pub phase: Phase,
}

impl FlowStep {
    /// Whether a `temp` write at `self` is certainly visible to a read at
    /// `read`; `None` when the order is not known (stay quiet then).
    pub fn visible_to(&self, read: &FlowStep) -> Option<bool> {
        if self.section != read.section {
            return match (self.flow_order, read.flow_order) {
                (Some(write), Some(read)) => Some(write < read),
                // `refresh`/`invalidate` run outside the flow: unknown.
                _ => None,
            };
        }
        let same_request = self.request_index == read.request_index;
        if !same_request {
            return match (self.request_index, read.request_index) {
                (Some(write), Some(read)) => Some(write < read),
                _ => None,
            };
        }
        Some(self.phase <= read.phase)
    }
}

/// The step at which an expression at `path`, with `context`, is evaluated;
/// `None` outside a request.
pub fn flow_step_at(context: &SiteContext, path: &JsonPath) -> Option<FlowStep> {
    let request_path = context.request_path.as_ref()?;
    let below = request_path.len();
    let phase = if path.key(below) == Some("temp") {
        Phase::RequestTemp
    } else if path.keys_start_with(below, &["response", "temp"]) {
        Phase::ResponseTemp
    } else if matches!(
        context.region(),
        Some(Region::Response | Region::Wrapper | Region::Pagination)
    ) {
        Phase::Response
    } else {
        Phase::Request
    };
    let flavour = match context.place {
        Some(Place::ConnectionOAuth1) => OAuthFlavour::OAuth1,
        _ => OAuthFlavour::OAuth2,
    };
    let flow_order = context
        .section
        .and_then(|s| sections(flavour).iter().find(|info| info.section == s))
        .and_then(|info| info.flow_order);
    Some(FlowStep {
        section: context.section,
        flow_order,
        request_index: context.request_index,
        phase,
    })
}

/// A `temp` key written by a request `temp` or a `response.temp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempWrite {
    /// `None` when the keys cannot be known (`"temp": "{{…}}"` or a spread key).
    pub key: Option<String>,
    pub range: TextRange,
    pub step: FlowStep,
    /// The written key with its nested keys and path; `None` with `key`.
    pub written: Option<WrittenKey>,
}

/// A use of `oauth.redirectUri`, `oauth.localRedirectUri` or `oauth.makeRedirectUri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectUse {
    /// `redirectUri`, `localRedirectUri` or `makeRedirectUri`.
    pub variable: String,
    pub section: Option<Section>,
    /// The directive it is sent under (`qs.redirect_uri`, `body.redirect_uri`).
    pub directive: String,
    /// Source range of the `oauth.<variable>` expression.
    pub range: TextRange,
}

/// What a connection's communication stores and uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionFacts {
    /// Every key of every `response.data`, in file order.
    pub data_keys: Vec<WrittenKey>,
    /// Whether some `response.data` writes keys that cannot be listed (an
    /// expression or a spread key).
    pub data_open: bool,
    pub redirect_uses: Vec<RedirectUse>,
    /// Whether `response.data.expires` is written somewhere.
    pub writes_expires: bool,
    /// Whether some `response.data` key looks like a refresh token.
    pub writes_refresh_token: bool,
}

impl ConnectionFacts {
    pub fn writes_data_key(&self, name: &str) -> bool {
        self.data_keys.iter().any(|key| key.name == name)
    }
}

/// Everything one file offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// For parameter files (params, static, mappable, endpoint input).
    pub params: Option<ParamFacts>,
    /// For connection communication.
    pub connection: Option<ConnectionFacts>,
    /// `temp` writes of any communication, in file order.
    pub temp_writes: Vec<TempWrite>,
    /// For common-data files: the top-level keys.
    pub common_keys: Option<Vec<WrittenKey>>,
    /// For interface files: the output fields, declared like parameters.
    pub interface: Option<ParamFacts>,
    /// For samples: the keys of the sample (the first one of a list).
    pub sample_keys: Option<Vec<WrittenKey>>,
}

pub(crate) fn extract_facts(
    role: &FileRole,
    place: Option<Place>,
    root: &Value,
    sites: &FileSites,
) -> FileFacts {
    let mut facts = FileFacts::default();
    match role.kind {
        RoleKind::Params
        | RoleKind::StaticParams
        | RoleKind::MappableParams
        | RoleKind::InputParams => {
            facts.params = Some(param_facts(root));
        }
        RoleKind::Interface => facts.interface = Some(param_facts(root)),
        RoleKind::Common => {
            facts.common_keys = Some(named_keys(root, &JsonPath::root(), None, None, 0));
        }
        RoleKind::Samples => {
            let (sample, path) = match &root.kind {
                ValueKind::Array(items) => (items.first(), JsonPath::root().child_index(0)),
                _ => (Some(root), JsonPath::root()),
            };
            facts.sample_keys = Some(
                sample
                    .map(|sample| named_keys(sample, &path, None, None, 0))
                    .unwrap_or_default(),
            );
        }
        _ => {}
    }
    let Some(place) = place else { return facts };
    if role.kind == RoleKind::Params || role.kind == RoleKind::Common {
        return facts;
    }
    let requests = requests(place, root);
    facts.temp_writes = temp_writes(&requests);
    if place.is_connection() && role.kind == RoleKind::Communication {
        facts.connection = Some(connection_facts(&requests, root, sites, place));
    }
    facts
}
