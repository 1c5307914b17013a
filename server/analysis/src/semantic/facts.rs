//! Facts one file offers to the others: declared parameters, connection data
//! and `temp` writes, common-data keys.

use std::path::Path;
use std::sync::Arc;

use iml_catalogue::{OAuthFlavour, Place, Region, Section, sections};
use iml_jsonc::{Member, Value, ValueKind};
use iml_lang::ExprKind;
use text_size::TextRange;

use super::cache;
use super::context::{RequestRef, SiteContext, requests};
use super::path::JsonPath;
use super::sites::{FileSites, is_spread_key};
use crate::json::{as_str, get, get_str, members};
use crate::{Analysis, FileRole, RoleKind};

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

/// The facts of `path`, computed once per file version.
pub fn facts(analysis: &Analysis, path: &Path) -> Option<Arc<FileFacts>> {
    Some(cache::semantics(analysis, path)?.facts(analysis, path))
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

fn param_facts(root: &Value) -> ParamFacts {
    let mut facts = ParamFacts::default();
    match &root.kind {
        ValueKind::String(_) => facts.open_ended = true,
        ValueKind::Array(items) => collect_params(items, "", false, &mut facts, 0),
        // Not a parameter list: nothing certain can be said about its names.
        _ => facts.open_ended = true,
    }
    facts
}

/// Parameters nest (spec, nested, options); deeper than this is not a real file.
const MAX_PARAM_DEPTH: usize = 32;

fn is_rpc(value: &Value) -> bool {
    as_str(value).is_some_and(|s| s.trim_start().starts_with("rpc://"))
}

fn collect_params(
    items: &[Value],
    prefix: &str,
    nested: bool,
    facts: &mut ParamFacts,
    depth: usize,
) {
    if depth > MAX_PARAM_DEPTH {
        facts.open_ended = true;
        return;
    }
    for item in items {
        match &item.kind {
            ValueKind::String(_) if is_rpc(item) => facts.open_ended = true,
            ValueKind::Object(_) => collect_param(item, prefix, nested, facts, depth),
            _ => {}
        }
    }
}

fn collect_param(param: &Value, prefix: &str, nested: bool, facts: &mut ParamFacts, depth: usize) {
    let name_member = members(param)
        .iter()
        .rev()
        .find(|member| member.key.decoded.as_str() == "name");
    let name_value = name_member.and_then(|member| member.value.as_ref());
    let name = name_value.and_then(as_str).map(str::to_owned);
    let param_type = get_str(param, "type").map(str::to_owned);
    if let Some(name) = &name {
        facts.params.push(DeclaredParam {
            name: name.clone(),
            path: format!("{prefix}{name}"),
            label: get_str(param, "label").map(str::to_owned),
            param_type: param_type.clone(),
            help: get_str(param, "help").map(str::to_owned),
            name_range: name_value.map(|value| value.range),
            key_range: name_member.map(|member: &Member| member.key.range),
            range: param.range,
            nested,
        });
    }
    // `nested` parameters appear beside their parent, at the same level.
    if let Some(value) = get(param, "nested") {
        collect_nested(value, prefix, facts, depth);
    }
    if let Some(options) = get(param, "options") {
        match &options.kind {
            ValueKind::Array(options) => {
                for option in options {
                    collect_option(option, prefix, facts, depth);
                    if let Some(group) = get(option, "options").and_then(array_items) {
                        for option in group {
                            collect_option(option, prefix, facts, depth);
                        }
                    }
                }
            }
            ValueKind::Object(_) => {
                if let Some(nested) = get(options, "nested") {
                    collect_nested(nested, prefix, facts, depth);
                }
                if let Some(store) = get(options, "store").and_then(array_items) {
                    for option in store {
                        collect_option(option, prefix, facts, depth);
                    }
                }
                if let Some(nested) = get(options, "placeholder").and_then(|p| get(p, "nested")) {
                    collect_nested(nested, prefix, facts, depth);
                }
            }
            _ => {}
        }
    }
    if let (Some(name), Some(spec)) = (&name, get(param, "spec")) {
        let child_prefix = match param_type.as_deref() {
            Some("array") => format!("{prefix}{name}[]."),
            _ => format!("{prefix}{name}."),
        };
        match &spec.kind {
            ValueKind::Array(children) => {
                let mut children_facts = ParamFacts::default();
                collect_params(
                    children,
                    &child_prefix,
                    false,
                    &mut children_facts,
                    depth + 1,
                );
                // Dynamic children only make the children unknown, not the top level.
                facts.params.extend(children_facts.params);
            }
            ValueKind::Object(_) => collect_param(spec, &child_prefix, false, facts, depth + 1),
            _ => {}
        }
    }
}

fn array_items(value: &Value) -> Option<&[Value]> {
    match &value.kind {
        ValueKind::Array(items) => Some(items),
        _ => None,
    }
}

fn collect_option(option: &Value, prefix: &str, facts: &mut ParamFacts, depth: usize) {
    if let Some(nested) = get(option, "nested") {
        collect_nested(nested, prefix, facts, depth);
    }
}

fn collect_nested(nested: &Value, prefix: &str, facts: &mut ParamFacts, depth: usize) {
    match &nested.kind {
        ValueKind::Array(items) => collect_params(items, prefix, true, facts, depth + 1),
        ValueKind::String(_) if is_rpc(nested) => facts.open_ended = true,
        ValueKind::Object(_) => match get(nested, "store") {
            Some(store) if is_rpc(store) => facts.open_ended = true,
            Some(store) => {
                if let Some(items) = array_items(store) {
                    collect_params(items, prefix, true, facts, depth + 1);
                }
            }
            None => {}
        },
        _ => {}
    }
}

fn step(request: &RequestRef<'_>, phase: Phase) -> FlowStep {
    FlowStep {
        section: request.section,
        flow_order: request.flow_order,
        request_index: request.index,
        phase,
    }
}

/// Nested written objects deeper than this are not followed.
const MAX_WRITTEN_DEPTH: usize = 16;

/// The named keys of an object that writes values (spread keys left out),
/// each with the named keys of its own object value.
fn named_keys(
    object: &Value,
    path: &JsonPath,
    section: Option<Section>,
    request_index: Option<usize>,
    depth: usize,
) -> Vec<WrittenKey> {
    members(object)
        .iter()
        .filter(|member| !is_spread_key(member.key.decoded.as_str()))
        .map(|member| {
            let name = member.key.decoded.as_str().to_owned();
            let path = path.child_shared_key(member.key.decoded.shared());
            let children = match &member.value {
                Some(value) if depth < MAX_WRITTEN_DEPTH => {
                    named_keys(value, &path, section, request_index, depth + 1)
                }
                _ => Vec::new(),
            };
            WrittenKey {
                name,
                range: member.key.range,
                section,
                request_index,
                path,
                children,
            }
        })
        .collect()
}

/// The keys an object writes in file order, `None` for those that cannot be
/// known (a spread key, or the whole object written by an expression).
fn written_keys(
    value: &Value,
    path: &JsonPath,
    request: &RequestRef<'_>,
) -> Vec<(Option<WrittenKey>, TextRange)> {
    match &value.kind {
        ValueKind::Object(members) => {
            let mut named = named_keys(value, path, request.section, request.index, 0).into_iter();
            members
                .iter()
                .map(|member| {
                    let written = if is_spread_key(member.key.decoded.as_str()) {
                        None
                    } else {
                        named.next()
                    };
                    (written, member.key.range)
                })
                .collect()
        }
        ValueKind::String(_) => vec![(None, value.range)],
        _ => Vec::new(),
    }
}

fn temp_writes(requests: &[RequestRef<'_>]) -> Vec<TempWrite> {
    let mut writes = Vec::new();
    for request in requests {
        let sources = [
            (&["temp"][..], Phase::RequestTemp),
            (&["response", "temp"][..], Phase::ResponseTemp),
        ];
        for (keys, phase) in sources {
            let path = keys
                .iter()
                .fold(request.path.clone(), |p, k| p.child_key(k));
            let Some(value) = keys
                .iter()
                .try_fold(request.value, |value, key| get(value, key))
            else {
                continue;
            };
            for (written, range) in written_keys(value, &path, request) {
                writes.push(TempWrite {
                    key: written.as_ref().map(|w| w.name.clone()),
                    range,
                    step: step(request, phase),
                    written,
                });
            }
        }
    }
    writes
}

fn connection_facts(
    requests: &[RequestRef<'_>],
    _root: &Value,
    sites: &FileSites,
    place: Place,
) -> ConnectionFacts {
    let mut facts = ConnectionFacts::default();
    for request in requests {
        let Some(data) = get(request.value, "response").and_then(|r| get(r, "data")) else {
            continue;
        };
        let path = request.path.child_key("response").child_key("data");
        for (written, _) in written_keys(data, &path, request) {
            let Some(key) = written else {
                facts.data_open = true;
                continue;
            };
            facts.writes_expires |= key.name == "expires";
            facts.writes_refresh_token |= key.name.to_ascii_lowercase().contains("refresh");
            facts.data_keys.push(key);
        }
    }
    if matches!(place, Place::ConnectionOAuth2 | Place::ConnectionOAuth1) {
        facts.redirect_uses = redirect_uses(requests, sites);
    }
    facts
}

fn redirect_uses(requests: &[RequestRef<'_>], sites: &FileSites) -> Vec<RedirectUse> {
    let mut uses = Vec::new();
    for site in sites.sites() {
        let Some(request) = requests
            .iter()
            .filter(|r| starts_with(&site.string.path, &r.path))
            .max_by_key(|r| r.path.len())
        else {
            continue;
        };
        for expr in site.block.expr.walk() {
            let ExprKind::Member {
                object,
                name: Some(member),
            } = &expr.kind
            else {
                continue;
            };
            let ExprKind::Name(root) = &object.kind else {
                continue;
            };
            if root.text != "oauth" || !member.text.ends_with("edirectUri") {
                continue;
            }
            uses.push(RedirectUse {
                variable: member.text.clone(),
                section: request.section,
                directive: site.string.path.dotted_keys_from(request.path.len()),
                range: site.to_source(expr.range),
            });
        }
    }
    uses
}

pub(crate) fn starts_with(path: &JsonPath, prefix: &JsonPath) -> bool {
    path.segments().starts_with(prefix.segments())
}
