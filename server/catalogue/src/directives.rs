//! Keys of request specs, of `response`, and of the nested objects they hold
//! (§3.1, §4, §5, §6, §9, §14): one table, filtered by level and place.

use crate::enums::{EnumId, Status};
use crate::places::{Place, PlaceSet};
use crate::urls;

/// Which object a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLevel {
    /// Top level of a request spec (or of webhook communication, or Base).
    Request,
    /// Inside `response`.
    Response,
    /// Inside a nested object value.
    Nested(NestedObject),
}

/// Objects with a closed key set that appear as directive values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NestedObject {
    Pagination,
    /// The object form of a request `condition`.
    Condition,
    /// The object form of `response.valid`.
    Valid,
    /// The object form of `response.error`.
    Error,
    /// A `"<3-digit status>"` entry inside the error object.
    ErrorStatus,
    /// The object form of `iterate`.
    Iterate,
    Trigger,
    Metadata,
    Repeat,
    Log,
    Aws,
    /// The OAuth 1 signing object (`oauth`).
    OAuth1Signing,
    /// Webhook `respond`.
    Respond,
    /// Webhook `verification`.
    Verification,
    /// The object form of `endpoint`.
    EndpointReference,
}

/// The JSON kinds a value may have, for type checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonKind {
    String,
    Number,
    Bool,
    Null,
    Object,
    Array,
}

impl JsonKind {
    pub const ALL: [JsonKind; 6] = [
        JsonKind::String,
        JsonKind::Number,
        JsonKind::Bool,
        JsonKind::Null,
        JsonKind::Object,
        JsonKind::Array,
    ];
}

/// Which strings a shape that lists [`JsonKind::String`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StringForm {
    /// Any string; `{{ }}` inside is evaluated where the shape allows IML.
    Text,
    /// Only a string holding a `{{ }}` expression: it computes a value of
    /// the shape's other kinds, which plain text cannot stand for.
    Expression,
}

/// What a directive's value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueShape {
    /// A string that may hold `{{ }}`.
    ImlString,
    /// A literal boolean; IML is not evaluated here.
    StaticBool,
    /// A literal number; IML is not evaluated here.
    StaticNumber,
    /// An IML string or a boolean.
    ImlStringOrBool,
    /// An IML string or a number.
    ImlStringOrNumber,
    /// An object of primitives (or arrays of primitives) whose strings may hold
    /// IML; a lone expression may replace the whole object.
    ImlFlatObject,
    /// An object whose values may be IML strings, arrays or objects.
    ImlObject,
    /// Any JSON value, with IML in strings.
    Any,
    /// An object with a closed key set.
    Object(NestedObject),
    /// An IML string, or the object form.
    ImlStringOrObject(NestedObject),
    /// An IML string, a boolean, or the object form.
    ImlStringOrBoolOrObject(NestedObject),
    /// An array of literal strings.
    StringArray,
    /// An IML string, or an object keyed by status (`*`, `NNN`, `NNN-NNN`).
    ImlStringOrStatusMap,
    /// The `response` object.
    Response,
}

impl ValueShape {
    /// The JSON kinds Make accepts for the value, in the order the schema
    /// export lists them. Where a string only stands for a computed value,
    /// [`ValueShape::string_form`] says so.
    pub const fn json_kinds(self) -> &'static [JsonKind] {
        use JsonKind::*;
        match self {
            ValueShape::ImlString => &[String],
            ValueShape::StaticBool => &[Bool],
            ValueShape::StaticNumber => &[Number],
            ValueShape::ImlStringOrBool => &[Bool, String],
            ValueShape::ImlStringOrNumber => &[Number, String],
            // A lone expression may stand for the whole object.
            ValueShape::ImlFlatObject | ValueShape::ImlObject => &[Object, String],
            ValueShape::Any => &[String, Number, Bool, Null, Object, Array],
            ValueShape::Object(_) | ValueShape::Response => &[Object],
            ValueShape::ImlStringOrObject(_) | ValueShape::ImlStringOrStatusMap => {
                &[String, Object]
            }
            ValueShape::ImlStringOrBoolOrObject(_) => &[String, Bool, Object],
            ValueShape::StringArray => &[Array],
        }
    }

    /// Which strings the shape accepts, when [`ValueShape::json_kinds`]
    /// lists [`JsonKind::String`].
    pub const fn string_form(self) -> StringForm {
        match self {
            ValueShape::ImlStringOrBool
            | ValueShape::ImlStringOrNumber
            | ValueShape::ImlFlatObject
            | ValueShape::ImlObject => StringForm::Expression,
            _ => StringForm::Text,
        }
    }

    /// The nested object this shape may hold.
    pub const fn nested(self) -> Option<NestedObject> {
        match self {
            ValueShape::Object(o)
            | ValueShape::ImlStringOrObject(o)
            | ValueShape::ImlStringOrBoolOrObject(o) => Some(o),
            _ => None,
        }
    }

    const fn allows_iml(self) -> bool {
        !matches!(
            self,
            ValueShape::StaticBool | ValueShape::StaticNumber | ValueShape::StringArray
        )
    }

    /// The value part of a completion snippet.
    pub const fn value_snippet(self) -> &'static str {
        match self {
            ValueShape::ImlString | ValueShape::ImlStringOrStatusMap => "\"$1\"",
            ValueShape::StaticBool => "${1|true,false|}",
            ValueShape::StaticNumber => "${1:0}",
            ValueShape::ImlStringOrBool => "\"{{$1}}\"",
            ValueShape::ImlStringOrNumber => "\"{{$1}}\"",
            ValueShape::StringArray => "[$0]",
            ValueShape::Any => "$0",
            ValueShape::ImlStringOrObject(_) => "\"{{$1}}\"",
            ValueShape::ImlStringOrBoolOrObject(_) => "\"{{$1}}\"",
            ValueShape::ImlFlatObject
            | ValueShape::ImlObject
            | ValueShape::Object(_)
            | ValueShape::Response => "{$0}",
        }
    }
}

/// Whether a key must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Optional,
    Required,
    /// Required in these places only.
    RequiredIn(PlaceSet),
    /// Required under a condition stated in words.
    RequiredWhen(&'static str),
}

/// A place where a key is known but wrong, with the rule that reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restriction {
    pub places: PlaceSet,
    /// Rule code (see [`crate::rule`]); its severity applies.
    pub rule: &'static str,
    pub message: &'static str,
}

/// One key of a request, response or nested object.
#[derive(Debug, Clone, Copy)]
pub struct Directive {
    pub name: &'static str,
    pub level: KeyLevel,
    pub shape: ValueShape,
    /// Whether `{{ }}` is evaluated in the value.
    pub iml: bool,
    /// The default, as JSON text.
    pub default: Option<&'static str>,
    /// The allowed literals, when the value is enumerated.
    pub values: Option<EnumId>,
    /// Places where the key is accepted. For nested keys this is
    /// [`PlaceSet::ALL`]: the parent decides.
    pub places: PlaceSet,
    /// Places where the key is known but reported by a specific rule. Places
    /// in neither set make it an unknown key (R001).
    pub restrictions: &'static [Restriction],
    pub required: Requirement,
    /// Upper bound on the length of a literal string value.
    pub max_len: Option<u32>,
    pub status: Status,
    pub doc: &'static str,
    pub url: &'static str,
    /// The choice made where the sources disagree.
    pub note: Option<&'static str>,
}

/// How a key stands in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAvailability {
    Allowed,
    Restricted(&'static Restriction),
    /// Not a key of this object in this place (R001 for request and response
    /// keys).
    NotAllowed,
}

impl Directive {
    pub fn availability(&self, place: Place) -> KeyAvailability {
        if self.places.contains(place) {
            return KeyAvailability::Allowed;
        }
        match self.restrictions.iter().find(|r| r.places.contains(place)) {
            Some(r) => KeyAvailability::Restricted(r),
            None => KeyAvailability::NotAllowed,
        }
    }

    pub fn is_required_in(&self, place: Place) -> bool {
        match self.required {
            Requirement::Required => true,
            Requirement::RequiredIn(set) => set.contains(place),
            Requirement::Optional | Requirement::RequiredWhen(_) => false,
        }
    }

    /// A completion snippet for the whole member, e.g. `"method": "$1"`.
    pub fn snippet(&self) -> String {
        format!("\"{}\": {}", self.name, self.shape.value_snippet())
    }
}

const fn d(
    name: &'static str,
    level: KeyLevel,
    shape: ValueShape,
    places: PlaceSet,
    doc: &'static str,
    url: &'static str,
) -> Directive {
    Directive {
        name,
        level,
        shape,
        iml: shape.allows_iml(),
        default: None,
        values: None,
        places,
        restrictions: &[],
        required: Requirement::Optional,
        max_len: None,
        status: Status::Documented,
        doc,
        url,
        note: None,
    }
}

impl Directive {
    const fn default(mut self, json: &'static str) -> Self {
        self.default = Some(json);
        self
    }
    const fn values(mut self, id: EnumId) -> Self {
        self.values = Some(id);
        self
    }
    const fn restrict(mut self, restrictions: &'static [Restriction]) -> Self {
        self.restrictions = restrictions;
        self
    }
    const fn required(mut self, required: Requirement) -> Self {
        self.required = required;
        self
    }
    const fn max_len(mut self, n: u32) -> Self {
        self.max_len = Some(n);
        self
    }
    const fn status(mut self, status: Status) -> Self {
        self.status = status;
        self
    }
    const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
}

const fn req(
    name: &'static str,
    shape: ValueShape,
    places: PlaceSet,
    doc: &'static str,
    url: &'static str,
) -> Directive {
    d(name, KeyLevel::Request, shape, places, doc, url)
        .restrict(&[IGNORED_IN_WEBHOOK_COMMUNICATION, IGNORED_IN_RESPONDER])
}

/// A key of webhook communication only (no request is sent there).
const fn webhook(
    name: &'static str,
    shape: ValueShape,
    places: PlaceSet,
    doc: &'static str,
    url: &'static str,
) -> Directive {
    d(name, KeyLevel::Request, shape, places, doc, url)
}

const fn resp(
    name: &'static str,
    shape: ValueShape,
    places: PlaceSet,
    doc: &'static str,
    url: &'static str,
) -> Directive {
    d(name, KeyLevel::Response, shape, places, doc, url)
}

const fn nested(
    object: NestedObject,
    name: &'static str,
    shape: ValueShape,
    doc: &'static str,
    url: &'static str,
) -> Directive {
    d(
        name,
        KeyLevel::Nested(object),
        shape,
        PlaceSet::ALL,
        doc,
        url,
    )
}

const IGNORED_IN_WEBHOOK_COMMUNICATION: Restriction = Restriction {
    places: PlaceSet::WEBHOOK_COMMUNICATION,
    rule: "R020",
    message: "webhook communication processes incoming payloads and sends no request, so this \
              directive is ignored",
};

const IGNORED_IN_RESPONDER: Restriction = Restriction {
    places: PlaceSet::RESPONDER,
    rule: "R020",
    message: "a responder's communication only describes the reply in `response`, so this \
              directive is ignored",
};

const NOT_IN_CONNECTIONS: Restriction = Restriction {
    places: PlaceSet::CONNECTIONS,
    rule: "C003",
    message: "this directive is not available in connection communication",
};

/// Request-level HTTP directives: allowed wherever a request is sent.
const HTTP: PlaceSet = PlaceSet::REQUESTS;
/// Places with a `response` that processes a reply from the remote service.
const RESPONSES: PlaceSet = PlaceSet::REQUESTS;
const NON_CONN: PlaceSet = PlaceSet::NON_CONNECTION_REQUESTS;
/// Where `response.data`, `uid` and `metadata` are accepted: not Epoch.
const DATA_PLACES: PlaceSet = RESPONSES.minus(PlaceSet::EPOCH);
const PAGINATION_PLACES: PlaceSet = PlaceSet::BASE
    .union(PlaceSet::TRIGGER)
    .union(PlaceSet::SEARCH)
    .union(PlaceSet::UNIVERSAL)
    .union(PlaceSet::RPC)
    .union(PlaceSet::EPOCH);
const OAUTH_SIGNING_PLACES: PlaceSet = PlaceSet::CONNECTION_OAUTH1.union(NON_CONN);
const ENDPOINT_PLACES: PlaceSet = PlaceSet::MODULES_AND_RPC;

/// Request directives that only shape an HTTP request; forbidden once the
/// request calls an Endpoint with `endpoint` (§11.5).
pub const HTTP_ONLY_DIRECTIVES: &[&str] = &[
    "url",
    "encodeUrl",
    "method",
    "headers",
    "qs",
    "body",
    "type",
    "ca",
    "aws",
    "oauth",
    "followRedirects",
    "followAllRedirects",
    "gzip",
    "shareCookies",
    "rejectUnauthorized",
];

/// The `pagination` keys of a request that calls an Endpoint (§11.5).
/// `endpoint` and `input` there take the values of the request directives
/// of the same names.
pub const ENDPOINT_PAGINATION_KEYS: &[&str] =
    &["mergeWithParent", "endpoint", "input", "condition"];

use NestedObject as O;
use ValueShape as S;

pub static DIRECTIVES: &[Directive] = &[
    // ---- request level (§3.1) ----
    req(
        "url",
        S::ImlString,
        HTTP,
        "Address of the request: a full URL, or a path starting with `/` appended to Base \
         `baseUrl`. Without it the communication is request-less.",
        urls::MAKING_REQUESTS,
    )
    .required(Requirement::RequiredIn(
        PlaceSet::CONNECTIONS.union(PlaceSet::TRIGGER),
    ))
    .max_len(512)
    .note(
        "Connections and polling triggers have no request-less mode, so `url` is required \
           there; an entirely empty connection communication `{}` is still legitimate.",
    ),
    req(
        "encodeUrl",
        S::StaticBool,
        HTTP,
        "Whether Make percent-encodes special characters of the URL. Set `false` when you \
         encode it yourself.",
        urls::MAKING_REQUESTS,
    )
    .default("true"),
    req(
        "method",
        S::ImlString,
        HTTP,
        "HTTP method of the request.",
        urls::MAKING_REQUESTS,
    )
    .default("\"GET\"")
    .values(EnumId::Method),
    req(
        "headers",
        S::ImlFlatObject,
        HTTP,
        "Request headers. Names are case-insensitive; module headers are combined with Base \
         headers.",
        urls::MAKING_REQUESTS,
    ),
    req(
        "qs",
        S::ImlFlatObject,
        HTTP,
        "Query-string parameters. An array value becomes repeated keys.",
        urls::MAKING_REQUESTS,
    ),
    req(
        "body",
        S::Any,
        HTTP,
        "Request body, serialised according to `type`. Ignored for GET.",
        urls::MAKING_REQUESTS,
    ),
    req(
        "type",
        S::ImlString,
        HTTP,
        "How `body` is serialised (and which Content-Type is set). Ignored for GET.",
        urls::MAKING_REQUESTS,
    )
    .default("\"json\"")
    .values(EnumId::RequestType),
    req(
        "ca",
        S::ImlString,
        HTTP,
        "PEM certificate of a custom or self-signed certificate authority.",
        urls::MAKING_REQUESTS,
    )
    .max_len(8192),
    req(
        "condition",
        S::ImlStringOrBoolOrObject(O::Condition),
        HTTP.union(PlaceSet::WEBHOOK_COMMUNICATION),
        "Whether the request runs; when false it is skipped. In webhook communication: \
         whether the incoming payload is processed.",
        urls::MAKING_REQUESTS,
    )
    .default("true")
    .restrict(&[IGNORED_IN_RESPONDER]),
    req(
        "temp",
        S::ImlObject,
        HTTP.union(PlaceSet::WEBHOOK_COMMUNICATION),
        "Scratch values evaluated before anything else in the request, merged into `temp`.",
        urls::MAKING_REQUESTS,
    )
    .restrict(&[IGNORED_IN_RESPONDER])
    .note(
        "Whether `temp` works in webhook communication is undocumented; it is accepted so \
           nothing correct is reported.",
    ),
    req(
        "aws",
        S::Object(O::Aws),
        NON_CONN,
        "AWS request signing parameters.",
        urls::MAKING_REQUESTS,
    )
    .restrict(&[
        NOT_IN_CONNECTIONS,
        IGNORED_IN_WEBHOOK_COMMUNICATION,
        IGNORED_IN_RESPONDER,
    ]),
    req(
        "oauth",
        S::Object(O::OAuth1Signing),
        OAUTH_SIGNING_PLACES,
        "OAuth 1 request signing parameters; only meaningful with an OAuth 1 connection.",
        urls::OAUTH1,
    ),
    req(
        "followRedirects",
        S::StaticBool,
        HTTP,
        "Whether 3xx responses to GET requests are followed. Mapping is not supported.",
        urls::MAKING_REQUESTS,
    )
    .default("true")
    .note(
        "The docs heading says `followRedirect`; schema and legacy docs use the plural, \
           which is the spelling kept here (§13.6).",
    ),
    req(
        "followAllRedirects",
        S::StaticBool,
        HTTP,
        "Whether 3xx responses to non-GET requests are followed. Mapping is not supported.",
        urls::MAKING_REQUESTS,
    )
    .default("true")
    .note("The docs heading says `followAllRedirect`; the plural is kept (§13.6)."),
    req(
        "gzip",
        S::StaticBool,
        HTTP.minus(PlaceSet::BASE),
        "Ask for compressed responses and decode them.",
        urls::MAKING_REQUESTS,
    )
    .default("false")
    .note("Make's schema writes the default as the string \"false\"; the boolean is meant."),
    req(
        "log",
        S::Object(O::Log),
        HTTP,
        "Logging options; `sanitize` hides secrets from request and response logs.",
        urls::BASE_SANITIZATION,
    ),
    req(
        "repeat",
        S::Object(O::Repeat),
        HTTP.minus(PlaceSet::BASE),
        "Runs the request again while `condition` holds; always set `limit`.",
        urls::MAKING_REQUESTS,
    )
    .note(
        "No source says whether connections honour `repeat`; it is accepted there so \
           nothing correct is reported.",
    ),
    req(
        "pagination",
        S::Object(O::Pagination),
        PAGINATION_PLACES,
        "How to request further pages of results.",
        urls::PAGINATION,
    )
    .restrict(&[
        NOT_IN_CONNECTIONS,
        Restriction {
            places: PlaceSet::ACTION
                .union(PlaceSet::INSTANT_TRIGGER)
                .union(PlaceSet::WEBHOOK_REQUESTS),
            rule: "R016",
            message: "pagination is only used by searches, polling triggers, universal \
                      modules, RPCs, Base and epochs",
        },
        IGNORED_IN_WEBHOOK_COMMUNICATION,
        IGNORED_IN_RESPONDER,
    ]),
    req(
        "response",
        S::Response,
        RESPONSES.union(PlaceSet::RESPONDER),
        "How the reply is parsed, validated and turned into output (in a responder: the \
         reply sent to the webhook caller).",
        urls::HANDLING_RESPONSES,
    )
    .restrict(&[IGNORED_IN_WEBHOOK_COMMUNICATION]),
    req(
        "shareCookies",
        S::StaticBool,
        NON_CONN,
        "Keep cookies for later requests.",
        urls::MAKING_REQUESTS,
    )
    .default("false")
    .status(Status::DocsOnly)
    .note("Documented but missing from Make's schema (§13.7); accepted."),
    req(
        "rejectUnauthorized",
        S::StaticBool,
        NON_CONN,
        "Whether TLS certificates are verified.",
        urls::MAKING_REQUESTS,
    )
    .default("true")
    .status(Status::Deprecated)
    .note("Documented as deprecated and missing from Make's schema (§13.7); accepted."),
    req(
        "endpoint",
        S::ImlStringOrObject(O::EndpointReference),
        ENDPOINT_PLACES,
        "Call a sibling Endpoint of the app instead of making an HTTP request.",
        urls::MAKING_REQUESTS,
    )
    .status(Status::SchemaOnly),
    req(
        "input",
        S::ImlObject,
        ENDPOINT_PLACES,
        "Input passed to the called Endpoint; requires `endpoint`.",
        urls::MAKING_REQUESTS,
    )
    .status(Status::SchemaOnly),
    req(
        "baseUrl",
        S::ImlString,
        PlaceSet::BASE,
        "URL that module and RPC paths starting with `/` are appended to.",
        urls::BASE_URL,
    )
    .max_len(512),
    req(
        "timeout",
        S::StaticNumber,
        PlaceSet::BASE,
        "Request timeout in milliseconds (1 to 300000).",
        urls::BASE,
    )
    .status(Status::SchemaOnly)
    .note(
        "Only Make's Base schema has it; the docs set the timeout through common data \
           instead (§13.7). Accepted in Base.",
    ),
    webhook(
        "respond",
        S::Object(O::Respond),
        PlaceSet::WEBHOOK_COMMUNICATION,
        "The reply Make sends to the caller of the webhook.",
        urls::WEBHOOKS,
    ),
    webhook(
        "verification",
        S::Object(O::Verification),
        PlaceSet::WEBHOOK_COMMUNICATION,
        "Handles verification (challenge) requests of the remote service.",
        urls::WEBHOOKS,
    ),
    webhook(
        "iterate",
        S::ImlStringOrObject(O::Iterate),
        PlaceSet::WEBHOOK_COMMUNICATION,
        "Splits a batched payload into items, each becoming a bundle.",
        urls::WEBHOOKS,
    ),
    webhook(
        "output",
        S::Any,
        PlaceSet::WEBHOOK_COMMUNICATION,
        "Shape of each bundle produced from the payload.",
        urls::WEBHOOKS,
    ),
    webhook(
        "uid",
        S::ImlString,
        PlaceSet::WEBHOOK_COMMUNICATION,
        "Remote user id taken from the payload; routes shared-webhook events to the \
         connection with the same `uid`.",
        urls::WEBHOOKS_SHARED,
    )
    .required(Requirement::RequiredWhen(
        "the webhook is shared (`web-shared`)",
    )),
    // ---- response (§4) ----
    resp(
        "type",
        S::ImlStringOrStatusMap,
        RESPONSES,
        "How the body is parsed; an object maps statuses (`*`, `NNN`, `NNN-NNN`) to types.",
        urls::RESPONSE_TYPE,
    )
    .default("\"automatic\"")
    .values(EnumId::ResponseType),
    resp(
        "valid",
        S::ImlStringOrBoolOrObject(O::Valid),
        RESPONSES,
        "Whether the response counts as a success; a falsy value raises an error.",
        urls::RESPONSE_VALID,
    )
    .default("true"),
    resp(
        "error",
        S::ImlStringOrObject(O::Error),
        RESPONSES,
        "Error message (and type) shown when the response is an error.",
        urls::RESPONSE_ERROR,
    ),
    resp(
        "limit",
        S::ImlStringOrNumber,
        NON_CONN,
        "Maximum number of items returned; pagination stops when reached.",
        urls::RESPONSE_LIMIT,
    )
    .restrict(&[NOT_IN_CONNECTIONS]),
    // §4.5 and §6.4 state that instant triggers cannot iterate: each webhook
    // item already is one bundle. The schema still accepts the key, so it is a
    // warning (R016, the code that already covers the other half of §6.4's
    // sentence, pagination), not an unknown key.
    resp(
        "iterate",
        S::ImlStringOrObject(O::Iterate),
        NON_CONN.minus(PlaceSet::INSTANT_TRIGGER),
        "Array to split into items; `output` then runs once per item with `item`.",
        urls::RESPONSE_ITERATE,
    )
    .max_len(512)
    .restrict(&[
        NOT_IN_CONNECTIONS,
        Restriction {
            places: PlaceSet::INSTANT_TRIGGER,
            rule: "R016",
            message: "instant triggers cannot iterate: every webhook item is already one \
                      bundle",
        },
    ])
    .note(
        "Make's schema accepts `iterate` in instant triggers, but the docs rule it out, so \
           it is reported there as a warning.",
    ),
    resp(
        "temp",
        S::ImlObject,
        RESPONSES,
        "Scratch values evaluated right after the request, before other response directives.",
        urls::RESPONSE_TEMP,
    ),
    resp(
        "output",
        S::Any,
        NON_CONN,
        "The module's output (per item with `iterate`). Defaults to `body`, or `item`.",
        urls::RESPONSE_OUTPUT,
    )
    .required(Requirement::RequiredIn(PlaceSet::EPOCH))
    .restrict(&[NOT_IN_CONNECTIONS]),
    resp(
        "wrapper",
        S::Any,
        NON_CONN.minus(PlaceSet::EPOCH),
        "Final post-processing run once; `output` holds the collected output.",
        urls::HANDLING_RESPONSES,
    )
    .default("\"{{output}}\"")
    .restrict(&[Restriction {
        places: PlaceSet::CONNECTIONS,
        rule: "C003",
        message: "connections produce no module output, so `wrapper` has nothing to wrap",
    }]),
    resp(
        "trigger",
        S::Object(O::Trigger),
        PlaceSet::TRIGGER,
        "How a polling trigger recognises new items (by id or date) and their order.",
        urls::MODULE_TRIGGER,
    )
    .restrict(&[Restriction {
        places: RESPONSES.minus(PlaceSet::TRIGGER),
        rule: "R015",
        message: "`trigger` is only used by polling triggers",
    }]),
    resp(
        "data",
        S::ImlObject,
        DATA_PLACES,
        "Data to persist: into the connection (read later as `connection.*`, or `data.*` \
         inside it), or as webhook data in `attach`.",
        urls::CONNECTIONS,
    ),
    resp(
        "uid",
        S::ImlStringOrNumber,
        DATA_PLACES,
        "Remote user id of the connection; required when shared webhooks route by it.",
        urls::BASIC_CONNECTION,
    )
    .note("In OAuth connections it belongs in `info` (rule C004)."),
    resp(
        "metadata",
        S::Object(O::Metadata),
        DATA_PLACES,
        "Label shown next to the connection name so users can tell accounts apart.",
        urls::BASIC_CONNECTION,
    )
    .note("In OAuth connections it belongs in `info` (rule C004)."),
    resp(
        "expires",
        S::ImlString,
        PlaceSet::CONNECTION_OAUTH2
            .union(PlaceSet::MODULES_AND_RPC)
            .union(PlaceSet::WEBHOOK_REQUESTS),
        "When the whole connection (refresh token) expires; the user must reauthorize after.",
        urls::OAUTH2,
    )
    .max_len(512)
    .restrict(&[Restriction {
        places: PlaceSet::CONNECTION_BASIC.union(PlaceSet::CONNECTION_OAUTH1),
        rule: "C004",
        message: "`response.expires` is only meaningful in OAuth 2 `token` and `refresh`",
    }])
    .note(
        "Module and RPC schemas accept it (§4), so it is allowed there; Base and Epoch \
           schemas do not.",
    ),
    // §4.10 marks the meaning UNCLEAR: docs silent; we accept it wherever the
    // schema does (§4 intro) and mark it schema-only.
    resp(
        "oauth",
        S::Object(O::OAuth1Signing),
        NON_CONN,
        "OAuth 1 signing object inside `response`; accepted by Make's schema, meaning unclear.",
        urls::OAUTH1,
    )
    .status(Status::SchemaOnly),
    resp(
        "status",
        S::ImlStringOrNumber,
        PlaceSet::RESPONDER,
        "HTTP status of the reply sent to the webhook caller.",
        urls::MODULE_RESPONDER,
    ),
    resp(
        "headers",
        S::ImlFlatObject,
        PlaceSet::RESPONDER,
        "Headers of the reply sent to the webhook caller.",
        urls::MODULE_RESPONDER,
    ),
    resp(
        "body",
        S::Any,
        PlaceSet::RESPONDER,
        "Body of the reply sent to the webhook caller.",
        urls::MODULE_RESPONDER,
    ),
    // ---- pagination (§5) ----
    nested(
        O::Pagination,
        "mergeWithParent",
        S::StaticBool,
        "Merge the page request with the original request; `false` uses only these keys.",
        urls::PAGINATION,
    )
    .default("true"),
    nested(
        O::Pagination,
        "url",
        S::ImlString,
        "URL of the next-page request.",
        urls::PAGINATION,
    ),
    nested(
        O::Pagination,
        "method",
        S::ImlString,
        "Method of the next-page request.",
        urls::PAGINATION,
    )
    .values(EnumId::Method),
    nested(
        O::Pagination,
        "headers",
        S::ImlFlatObject,
        "Headers merged key by key into the original ones.",
        urls::PAGINATION,
    ),
    nested(
        O::Pagination,
        "qs",
        S::ImlFlatObject,
        "Query parameters merged key by key into the original ones.",
        urls::PAGINATION,
    ),
    nested(
        O::Pagination,
        "body",
        S::Any,
        "Body of the next-page request.",
        urls::PAGINATION,
    ),
    nested(
        O::Pagination,
        "condition",
        S::ImlStringOrBool,
        "Whether to request another page; sees the last response.",
        urls::PAGINATION,
    ),
    // ---- condition object ----
    nested(
        O::Condition,
        "condition",
        S::ImlStringOrBool,
        "Whether the request runs.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Condition,
        "default",
        S::Any,
        "Output used when the request is skipped.",
        urls::MAKING_REQUESTS,
    ),
    // ---- valid object ----
    nested(
        O::Valid,
        "condition",
        S::ImlStringOrBool,
        "The validity test.",
        urls::RESPONSE_VALID,
    ),
    nested(
        O::Valid,
        "message",
        S::ImlString,
        "Message shown when the response is invalid.",
        urls::RESPONSE_VALID,
    ),
    nested(
        O::Valid,
        "type",
        S::ImlString,
        "Error type raised when invalid.",
        urls::RESPONSE_VALID,
    )
    .values(EnumId::ErrorType),
    // ---- error object ----
    nested(
        O::Error,
        "message",
        S::ImlString,
        "Error message shown to the user.",
        urls::RESPONSE_ERROR,
    )
    .required(Requirement::Required)
    .max_len(1024),
    nested(
        O::Error,
        "type",
        S::ImlString,
        "Error type.",
        urls::RESPONSE_ERROR,
    )
    .default("\"RuntimeError\"")
    .values(EnumId::ErrorType),
    nested(
        O::ErrorStatus,
        "message",
        S::ImlString,
        "Message for this status.",
        urls::RESPONSE_ERROR,
    )
    .required(Requirement::Required),
    nested(
        O::ErrorStatus,
        "type",
        S::ImlString,
        "Error type for this status.",
        urls::RESPONSE_ERROR,
    )
    .values(EnumId::ErrorType),
    // ---- iterate object ----
    nested(
        O::Iterate,
        "container",
        S::ImlString,
        "The array to iterate.",
        urls::RESPONSE_ITERATE,
    )
    .required(Requirement::Required)
    .max_len(512),
    nested(
        O::Iterate,
        "condition",
        S::ImlStringOrBool,
        "Filter: only items for which it holds are kept (uses `item`).",
        urls::RESPONSE_ITERATE,
    )
    .default("true")
    .max_len(512),
    // ---- trigger ----
    nested(
        O::Trigger,
        "type",
        S::ImlString,
        "Whether new items are found by id or by date.",
        urls::MODULE_TRIGGER,
    )
    .values(EnumId::TriggerType)
    .required(Requirement::Required),
    nested(
        O::Trigger,
        "order",
        S::ImlString,
        "Order in which the API returns items.",
        urls::MODULE_TRIGGER,
    )
    .values(EnumId::TriggerOrder)
    .required(Requirement::Required),
    nested(
        O::Trigger,
        "id",
        S::ImlString,
        "The item's id, e.g. `{{item.id}}`.",
        urls::MODULE_TRIGGER,
    )
    .required(Requirement::Required)
    .max_len(512),
    nested(
        O::Trigger,
        "date",
        S::ImlString,
        "The item's creation or update date.",
        urls::MODULE_TRIGGER,
    )
    .required(Requirement::RequiredWhen("`type` is `date`")),
    // ---- metadata ----
    nested(
        O::Metadata,
        "type",
        S::ImlString,
        "How the value is shown.",
        urls::BASIC_CONNECTION,
    )
    .values(EnumId::MetadataType),
    nested(
        O::Metadata,
        "value",
        S::ImlString,
        "Account label, e.g. the user's e-mail.",
        urls::BASIC_CONNECTION,
    )
    .max_len(512),
    // ---- repeat ----
    nested(
        O::Repeat,
        "condition",
        S::ImlString,
        "Repeat while this holds; sees `temp`, not `body`.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Repeat,
        "delay",
        S::StaticNumber,
        "Milliseconds between runs; must be a literal.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Repeat,
        "limit",
        S::StaticNumber,
        "Maximum number of runs; must be a literal.",
        urls::MAKING_REQUESTS,
    ),
    // ---- log ----
    nested(
        O::Log,
        "sanitize",
        S::StringArray,
        "Paths (`request.headers.authorization`, `response.body.token`, …) hidden in logs.",
        urls::BASE_SANITIZATION,
    ),
    // ---- aws ----
    nested(
        O::Aws,
        "key",
        S::ImlString,
        "AWS access key id.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Aws,
        "secret",
        S::ImlString,
        "AWS secret access key.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Aws,
        "session",
        S::ImlString,
        "AWS session token.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Aws,
        "bucket",
        S::ImlString,
        "S3 bucket name.",
        urls::MAKING_REQUESTS,
    ),
    nested(
        O::Aws,
        "sign_version",
        S::ImlString,
        "Signature version.",
        urls::MAKING_REQUESTS,
    )
    .default("\"2\"")
    .values(EnumId::AwsSignVersion),
    nested(
        O::Aws,
        "service",
        S::ImlString,
        "AWS service name, for version 4.",
        urls::MAKING_REQUESTS,
    )
    .status(Status::DocsOnly)
    .note("Documented for signature version 4, missing from the schema; accepted."),
    // ---- OAuth 1 signing (§2.7) ----
    nested(
        O::OAuth1Signing,
        "consumer_key",
        S::ImlString,
        "Consumer key.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "consumer_secret",
        S::ImlString,
        "Consumer secret.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "private_key",
        S::ImlString,
        "PEM private key, used instead of the consumer secret.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "token",
        S::ImlString,
        "The `oauth_token`.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "token_secret",
        S::ImlString,
        "The `oauth_token_secret`.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "verifier",
        S::ImlString,
        "The `oauth_verifier`.",
        urls::OAUTH1,
    )
    .max_len(512),
    nested(
        O::OAuth1Signing,
        "signature_method",
        S::ImlString,
        "How requests are signed.",
        urls::OAUTH1,
    )
    .default("\"HMAC-SHA1\"")
    .values(EnumId::SignatureMethod),
    nested(
        O::OAuth1Signing,
        "transport_method",
        S::ImlString,
        "Where OAuth parameters are sent.",
        urls::OAUTH1,
    )
    .default("\"header\"")
    .values(EnumId::TransportMethod),
    nested(
        O::OAuth1Signing,
        "body_hash",
        S::ImlStringOrBool,
        "Body hash; `true` computes it.",
        urls::OAUTH1,
    )
    .default("true")
    .max_len(512),
    // ---- webhook respond / verification (§6.1) ----
    nested(
        O::Respond,
        "type",
        S::ImlString,
        "Format of the reply body.",
        urls::WEBHOOKS,
    )
    .default("\"json\"")
    .values(EnumId::RespondType),
    nested(
        O::Respond,
        "status",
        S::ImlStringOrNumber,
        "HTTP status of the reply (100–999).",
        urls::WEBHOOKS,
    ),
    nested(
        O::Respond,
        "headers",
        S::ImlFlatObject,
        "Headers of the reply.",
        urls::WEBHOOKS,
    ),
    nested(
        O::Respond,
        "body",
        S::Any,
        "Body of the reply.",
        urls::WEBHOOKS,
    ),
    nested(
        O::Verification,
        "condition",
        S::ImlStringOrBool,
        "Whether the incoming request is a verification request.",
        urls::WEBHOOKS,
    )
    .default("true"),
    nested(
        O::Verification,
        "respond",
        S::Object(O::Respond),
        "The reply to a verification request.",
        urls::WEBHOOKS,
    ),
    // ---- endpoint reference (§11.5) ----
    nested(
        O::EndpointReference,
        "name",
        S::ImlString,
        "Endpoint to call.",
        urls::MAKING_REQUESTS,
    )
    .status(Status::SchemaOnly),
    nested(
        O::EndpointReference,
        "connection",
        S::ImlString,
        "Connection to call the endpoint with.",
        urls::MAKING_REQUESTS,
    )
    .status(Status::SchemaOnly),
];

/// Which extra keys an object accepts besides its listed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraKeys {
    None,
    /// Three-digit HTTP status keys, each an [`NestedObject::ErrorStatus`].
    StatusCodes,
    /// Any key (Make's schema leaves the object open).
    Any,
}

#[derive(Debug, Clone, Copy)]
pub struct NestedObjectInfo {
    pub object: NestedObject,
    /// Path as users see it, e.g. `response.error`.
    pub name: &'static str,
    pub extra_keys: ExtraKeys,
    pub doc: &'static str,
    pub url: &'static str,
}

pub static NESTED_OBJECTS: &[NestedObjectInfo] = &[
    NestedObjectInfo {
        object: O::Pagination,
        name: "pagination",
        extra_keys: ExtraKeys::None,
        doc: "Next-page requests.",
        url: urls::PAGINATION,
    },
    NestedObjectInfo {
        object: O::Condition,
        name: "condition",
        extra_keys: ExtraKeys::None,
        doc: "Condition with an output used when the request is skipped.",
        url: urls::MAKING_REQUESTS,
    },
    NestedObjectInfo {
        object: O::Valid,
        name: "response.valid",
        extra_keys: ExtraKeys::None,
        doc: "Validity test with its own message and error type.",
        url: urls::RESPONSE_VALID,
    },
    NestedObjectInfo {
        object: O::Error,
        name: "response.error",
        extra_keys: ExtraKeys::StatusCodes,
        doc: "Error message and type, optionally per HTTP status.",
        url: urls::RESPONSE_ERROR,
    },
    NestedObjectInfo {
        object: O::ErrorStatus,
        name: "response.error.<status>",
        extra_keys: ExtraKeys::None,
        doc: "Error message and type for one HTTP status.",
        url: urls::RESPONSE_ERROR,
    },
    NestedObjectInfo {
        object: O::Iterate,
        name: "iterate",
        extra_keys: ExtraKeys::None,
        doc: "Array to iterate with an item filter.",
        url: urls::RESPONSE_ITERATE,
    },
    NestedObjectInfo {
        object: O::Trigger,
        name: "response.trigger",
        extra_keys: ExtraKeys::None,
        doc: "How a polling trigger detects new items.",
        url: urls::MODULE_TRIGGER,
    },
    NestedObjectInfo {
        object: O::Metadata,
        name: "response.metadata",
        extra_keys: ExtraKeys::Any,
        doc: "Account label shown next to the connection name.",
        url: urls::BASIC_CONNECTION,
    },
    NestedObjectInfo {
        object: O::Repeat,
        name: "repeat",
        extra_keys: ExtraKeys::None,
        doc: "Repeat the request while a condition holds.",
        url: urls::MAKING_REQUESTS,
    },
    NestedObjectInfo {
        object: O::Log,
        name: "log",
        extra_keys: ExtraKeys::None,
        doc: "Log options.",
        url: urls::BASE_SANITIZATION,
    },
    NestedObjectInfo {
        object: O::Aws,
        name: "aws",
        extra_keys: ExtraKeys::None,
        doc: "AWS request signing.",
        url: urls::MAKING_REQUESTS,
    },
    NestedObjectInfo {
        object: O::OAuth1Signing,
        name: "oauth",
        extra_keys: ExtraKeys::None,
        doc: "OAuth 1 request signing.",
        url: urls::OAUTH1,
    },
    NestedObjectInfo {
        object: O::Respond,
        name: "respond",
        extra_keys: ExtraKeys::None,
        doc: "Reply to the webhook caller.",
        url: urls::WEBHOOKS,
    },
    NestedObjectInfo {
        object: O::Verification,
        name: "verification",
        extra_keys: ExtraKeys::None,
        doc: "Verification (challenge) handling.",
        url: urls::WEBHOOKS,
    },
    NestedObjectInfo {
        object: O::EndpointReference,
        name: "endpoint",
        extra_keys: ExtraKeys::None,
        doc: "Endpoint call with an explicit connection.",
        url: urls::MAKING_REQUESTS,
    },
];

pub fn directives() -> &'static [Directive] {
    DIRECTIVES
}

fn at_level(level: KeyLevel) -> impl Iterator<Item = &'static Directive> {
    DIRECTIVES.iter().filter(move |d| d.level == level)
}

/// Request-level keys accepted in `place` (for completion and closed-set checks).
pub fn request_keys(place: Place) -> impl Iterator<Item = &'static Directive> {
    at_level(KeyLevel::Request).filter(move |d| d.places.contains(place))
}

/// `response` keys accepted in `place`.
pub fn response_keys(place: Place) -> impl Iterator<Item = &'static Directive> {
    at_level(KeyLevel::Response).filter(move |d| d.places.contains(place))
}

/// Keys of a nested object.
pub fn nested_keys(object: NestedObject) -> impl Iterator<Item = &'static Directive> {
    at_level(KeyLevel::Nested(object))
}

pub fn nested_object(object: NestedObject) -> &'static NestedObjectInfo {
    NESTED_OBJECTS
        .iter()
        .find(|n| n.object == object)
        .unwrap_or(&NESTED_OBJECTS[0])
}

/// A key by level and name, whatever the place.
pub fn lookup(level: KeyLevel, name: &str) -> Option<&'static Directive> {
    at_level(level).find(|d| d.name == name)
}

/// A request-level directive by name.
pub fn directive(name: &str) -> Option<&'static Directive> {
    lookup(KeyLevel::Request, name)
}

pub fn response_directive(name: &str) -> Option<&'static Directive> {
    lookup(KeyLevel::Response, name)
}

pub fn nested_key(object: NestedObject, name: &str) -> Option<&'static Directive> {
    lookup(KeyLevel::Nested(object), name)
}

/// How `name` stands at `level` in `place`; `NotAllowed` for unknown names too.
pub fn key_availability(level: KeyLevel, name: &str, place: Place) -> KeyAvailability {
    lookup(level, name).map_or(KeyAvailability::NotAllowed, |d| d.availability(place))
}

/// Whether `key` is a valid key of a status-keyed `response.type` object
/// (`*`, `NNN` or `NNN-NNN`).
pub fn is_status_pattern(key: &str) -> bool {
    let digits = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
    key == "*"
        || digits(key)
        || key
            .split_once('-')
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Whether `key` is a three-digit status key of the error object.
pub fn is_status_code(key: &str) -> bool {
    key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit())
}
