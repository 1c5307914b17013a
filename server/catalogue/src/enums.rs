//! Closed (or nearly closed) value sets of §14: every literal Make accepts
//! for an enumerated directive or key, each with a one-line doc.

use crate::urls;

/// How well a fact is backed by the sources. Shared by every table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// In the developer docs and in Make's schemas.
    Documented,
    /// Only in Make's JSON schemas (the extension accepts it; the docs are silent).
    SchemaOnly,
    /// Documented, but missing from Make's schemas (Make's extension reports it).
    DocsOnly,
    /// Documented as deprecated.
    Deprecated,
    /// Another spelling of the named value.
    Alias(&'static str),
    /// Seen in official material, but its status is not settled.
    Unclear,
}

/// One allowed literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue {
    pub value: &'static str,
    pub doc: &'static str,
    pub status: Status,
}

const fn v(value: &'static str, doc: &'static str) -> EnumValue {
    EnumValue {
        value,
        doc,
        status: Status::Documented,
    }
}

const fn vs(value: &'static str, doc: &'static str, status: Status) -> EnumValue {
    EnumValue { value, doc, status }
}

/// Names of the enumerations; [`enumeration`] gives the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumId {
    Method,
    RequestType,
    ResponseType,
    ErrorType,
    TriggerType,
    TriggerOrder,
    MetadataType,
    RespondType,
    SignatureMethod,
    TransportMethod,
    AwsSignVersion,
    ParameterType,
    TextTags,
    SelectSort,
    ParameterMode,
    FilterLogic,
    Semantic,
    BannerTheme,
    ModuleType,
    ActionCrud,
    WebhookType,
    ConnectionTemplate,
    ConnectionType,
    CodeFilesKey,
    ComponentKind,
    JwtAlgorithm,
    SortOrder,
}

/// A value set with its rules of use.
#[derive(Debug, Clone, Copy)]
pub struct Enumeration {
    pub id: EnumId,
    /// Where the set applies, e.g. `request type` or `trigger.order`.
    pub name: &'static str,
    pub values: &'static [EnumValue],
    /// Whether an IML expression may stand in for a literal (rule I011: never
    /// report an expression here).
    pub iml_allowed: bool,
    /// Whether a literal outside `values` is wrong (false: other literals are
    /// plausible and at most hinted at).
    pub closed: bool,
    /// For an open set: other literals known to be real members of it
    /// (HTTP methods Make's schema leaves out), hinted at rather than
    /// treated as typos.
    pub others: &'static [&'static str],
    pub url: &'static str,
    /// The choice made where the sources disagree.
    pub note: Option<&'static str>,
}

impl Enumeration {
    pub fn value(&self, literal: &str) -> Option<&'static EnumValue> {
        self.values.iter().find(|v| v.value == literal)
    }

    pub fn contains(&self, literal: &str) -> bool {
        self.value(literal).is_some()
    }

    /// The values Make's schemas list: those of `values` that are not
    /// documented-only.
    pub fn schema_values(&self) -> impl Iterator<Item = &'static EnumValue> {
        self.values.iter().filter(|v| v.status != Status::DocsOnly)
    }

    /// A value that differs only in letter case, for "did you mean" fixes.
    pub fn case_insensitive_match(&self, literal: &str) -> Option<&'static EnumValue> {
        self.values
            .iter()
            .find(|v| v.value.eq_ignore_ascii_case(literal))
    }
}

pub fn enumerations() -> &'static [Enumeration] {
    ENUMERATIONS
}

pub fn enumeration(id: EnumId) -> &'static Enumeration {
    // Every id has an entry; the consistency test guarantees it.
    ENUMERATIONS
        .iter()
        .find(|e| e.id == id)
        .unwrap_or(&ENUMERATIONS[0])
}

pub const METHODS: &[EnumValue] = &[
    v("GET", "Read a resource; a body is ignored."),
    v("POST", "Create a resource or run an operation."),
    v("PUT", "Replace a resource."),
    v("PATCH", "Update part of a resource."),
    v("DELETE", "Remove a resource."),
    vs(
        "OPTIONS",
        "Ask which methods a resource allows; mentioned by the docs, absent from Make's schema.",
        Status::DocsOnly,
    ),
];

pub const REQUEST_TYPES: &[EnumValue] = &[
    v(
        "json",
        "Serialise `body` as JSON and set the JSON content type (default).",
    ),
    v(
        "urlencoded",
        "Serialise `body` as a form (`a=1&b=2`) and set the form content type.",
    ),
    v(
        "multipart/form-data",
        "Send `body` as multipart form data, for file uploads.",
    ),
    v(
        "text",
        "Send `body` as plain text; a non-string body is turned into text.",
    ),
    vs("string", "Same as `text`.", Status::Alias("text")),
    vs("raw", "Same as `text`.", Status::Alias("text")),
    v("binary", "Send `body` as raw binary data (a buffer)."),
];

pub const RESPONSE_TYPES: &[EnumValue] = &[
    v(
        "automatic",
        "Pick the parser from the Content-Type header (default).",
    ),
    v("json", "Parse the body as JSON."),
    v("urlencoded", "Parse the body as form data."),
    v("text", "Keep the body as text."),
    vs("string", "Same as `text`.", Status::Alias("text")),
    v("xml", "Parse the body as XML; every node becomes an array."),
    v("binary", "Keep the body as a buffer."),
    vs(
        "raw",
        "Keep the body unparsed; accepted by the schema and the spec outline.",
        Status::SchemaOnly,
    ),
];

pub const ERROR_TYPES: &[EnumValue] = &[
    vs(
        "UnknownError",
        "An error of unknown origin.",
        Status::DocsOnly,
    ),
    v(
        "RuntimeError",
        "Interrupts the execution and rolls it back (default).",
    ),
    vs(
        "InconsistencyError",
        "The remote data is inconsistent.",
        Status::DocsOnly,
    ),
    v(
        "DataError",
        "Incoming data is invalid; the run may be kept for repair.",
    ),
    v(
        "RateLimitError",
        "The service is rate limiting; the next run is postponed.",
    ),
    v("OutOfSpaceError", "The user has no space left."),
    v(
        "ConnectionError",
        "The service is unreachable; the next run is postponed.",
    ),
    v(
        "InvalidConfigurationError",
        "The configuration is wrong; the scenario is deactivated.",
    ),
    v(
        "InvalidAccessTokenError",
        "The credentials are rejected; the scenario is deactivated.",
    ),
    vs(
        "UnexpectedError",
        "Something happened that the app did not expect.",
        Status::DocsOnly,
    ),
    vs(
        "MaxResultsExceededError",
        "More results than allowed were requested.",
        Status::DocsOnly,
    ),
    v("IncompleteDataError", "Incoming data is incomplete."),
    v(
        "DuplicateDataError",
        "A duplicate was detected; reported as a warning, the run goes on.",
    ),
];

pub const TRIGGER_TYPES: &[EnumValue] = &[
    v("id", "New items are detected by their id."),
    v(
        "date",
        "New items are detected by their creation or update date.",
    ),
];

pub const TRIGGER_ORDERS: &[EnumValue] = &[
    v(
        "asc",
        "The API returns oldest items first (risks missing the newest ones).",
    ),
    v("desc", "The API returns newest items first (recommended)."),
    v("unordered", "The API returns items in no particular order."),
];

pub const METADATA_TYPES: &[EnumValue] = &[
    v(
        "text",
        "Show the value as plain text next to the connection name.",
    ),
    v(
        "email",
        "Show the value as an e-mail address next to the connection name.",
    ),
];

pub const RESPOND_TYPES: &[EnumValue] = &[
    v("json", "Reply with a JSON body (default)."),
    v("urlencoded", "Reply with a form-encoded body."),
    v("text", "Reply with a plain-text body."),
];

pub const SIGNATURE_METHODS: &[EnumValue] = &[
    v(
        "HMAC-SHA1",
        "Sign with HMAC-SHA1 using the consumer and token secrets (default).",
    ),
    v("RSA-SHA1", "Sign with RSA-SHA1 using `private_key`."),
    v(
        "PLAINTEXT",
        "Send the secrets without a signature (TLS only).",
    ),
];

pub const TRANSPORT_METHODS: &[EnumValue] = &[
    v(
        "header",
        "Send OAuth parameters in the Authorization header (default).",
    ),
    v("query", "Send OAuth parameters in the query string."),
    v("body", "Send OAuth parameters in the form body."),
];

pub const AWS_SIGN_VERSIONS: &[EnumValue] = &[
    v("2", "AWS signature version 2 (default)."),
    v("4", "AWS signature version 4; use with `service`."),
];

pub const PARAMETER_TYPES: &[EnumValue] = &[
    vs(
        "any",
        "Value of whatever type the data has (universal modules).",
        Status::SchemaOnly,
    ),
    v("array", "A list of items of one type."),
    v("banner", "An informational banner without a value."),
    v("boolean", "Yes/no."),
    v("buffer", "Binary data, e.g. file content."),
    v("cert", "A PEM certificate."),
    v("collection", "An object with named sub-fields."),
    v("color", "A hex colour, `#RGB` or `#RRGGBB`."),
    v("date", "A date or date-time (ISO 8601)."),
    v("email", "A validated e-mail address."),
    v("file", "A file chosen through an RPC-backed picker."),
    v("filename", "A file name with extension."),
    v("filter", "A filter builder (OR of AND conditions)."),
    v("folder", "A folder chosen through an RPC-backed picker."),
    v("hidden", "An invisible text value set through `default`."),
    v("integer", "A whole number."),
    v("json", "JSON text, delivered parsed."),
    v("number", "A number with decimals."),
    v("password", "A masked secret; meaningful in connections."),
    v("path", "A path to a file or folder (not validated)."),
    v("pkey", "A PEM private key."),
    v("port", "A whole number from 1 to 65535."),
    v("select", "A choice among options."),
    v("text", "Plain text."),
    v("time", "A time of day, `hh:mm`."),
    v("timestamp", "Unix time in seconds."),
    v("timezone", "An IANA time-zone name."),
    v("uinteger", "A whole number of at least 0."),
    vs(
        "udt",
        "Universal data type; meaning not documented.",
        Status::SchemaOnly,
    ),
    v("url", "A validated URL."),
    v("uuid", "A UUID."),
];

pub const TEXT_TAGS: &[EnumValue] = &[
    v("strip", "Remove HTML tags."),
    v("stripall", "Remove all tags, unclosed ones too."),
    v("escape", "Turn `<`, `>` and `&` into entities."),
];

pub const SELECT_SORTS: &[EnumValue] = &[
    v("text", "Sort options alphabetically."),
    v("number", "Sort options numerically."),
];

pub const PARAMETER_MODES: &[EnumValue] = &[
    v("edit", "Start in mapping (edit) mode."),
    v("choose", "Start in choosing mode."),
];

pub const FILTER_LOGICS: &[EnumValue] = &[
    v("both", "Allow both AND and OR groups."),
    v("and", "Allow only AND conditions."),
    v("or", "Allow only OR conditions."),
];

pub const SEMANTICS: &[EnumValue] = &[
    v("file:data", "The parameter holds a file's content."),
    v("file:name", "The parameter holds a file's name."),
];

pub const BANNER_THEMES: &[EnumValue] = &[
    vs(
        "light",
        "Light banner; in Make's schema.",
        Status::SchemaOnly,
    ),
    vs("dark", "Dark banner; in Make's schema.", Status::SchemaOnly),
    vs(
        "info",
        "Blue informational banner; seen in the docs' examples.",
        Status::DocsOnly,
    ),
    vs(
        "warning",
        "Yellow warning banner; seen in the docs' examples.",
        Status::DocsOnly,
    ),
];

pub const MODULE_TYPES: &[EnumValue] = &[
    v("trigger", "Polling trigger (type id 1)."),
    v("action", "Action (type id 4); outputs one object."),
    v("search", "Search (type id 9); outputs many bundles."),
    v(
        "instant_trigger",
        "Instant trigger (type id 10), fed by a webhook.",
    ),
    v(
        "responder",
        "Responder (type id 11), replies to the webhook caller.",
    ),
    v("universal", "Universal module (type id 12)."),
];

pub const ACTION_CRUDS: &[EnumValue] = &[
    v("create", "The action creates something."),
    v("read", "The action reads something."),
    v("update", "The action updates something."),
    v("delete", "The action deletes something."),
];

pub const WEBHOOK_TYPES: &[EnumValue] = &[
    v(
        "web",
        "Dedicated webhook: one URL per user, attached through `attach`.",
    ),
    v(
        "web-shared",
        "Shared webhook: one URL for all users, routed by `uid`.",
    ),
];

pub const CONNECTION_TEMPLATES: &[EnumValue] = &[
    v("oauth", "OAuth 2 authorization code."),
    v(
        "oauth-refresh",
        "OAuth 2 authorization code with refresh token.",
    ),
    v(
        "oauth-resowncre",
        "OAuth 2 resource-owner password credentials.",
    ),
    v("oauth-clicre", "OAuth 2 client credentials."),
    v("oauth-1", "OAuth 1.0."),
    v("apikey", "API key (basic connection)."),
    v("basic", "Basic authentication (basic connection)."),
    v("other", "Empty communication (basic connection)."),
];

pub const CONNECTION_TYPES: &[EnumValue] = &[
    v(
        "basic",
        "Basic connection: API key, basic auth, JWT and the like.",
    ),
    v(
        "oauth",
        "OAuth connection (OAuth 2, and presumably OAuth 1).",
    ),
];

pub const CODE_FILES_KEYS: &[EnumValue] = &[
    v("attach", "Webhook attach request."),
    v("code", "Custom function JavaScript source."),
    v("common", "Connection common data."),
    v("communication", "Communication (`api`) of any component."),
    v("context", "Endpoint context (Markdown)."),
    v("defaultScope", "Connection default scope."),
    v("detach", "Webhook detach request."),
    v("epoch", "Polling trigger epoch."),
    v("inputParameters", "Endpoint input parameters."),
    v("installDirectives", "Connection install directives."),
    v("installSpec", "Connection install spec."),
    v("interface", "Module interface (output description)."),
    v("mappableParams", "Module mappable parameters (`expect`)."),
    v("outputParameters", "Endpoint output parameters."),
    v("params", "Parameters of a connection, webhook or RPC."),
    v("requiredScope", "Scope required by a webhook or endpoint."),
    v("samples", "Module samples."),
    v("scope", "Module scope."),
    v("scopeList", "Connection scope list."),
    v("staticParams", "Module static parameters."),
    v("test", "Custom function tests."),
    v("update", "Webhook update request."),
];

pub const COMPONENT_KINDS: &[EnumValue] = &[
    v("connection", "How users authenticate against the service."),
    v("webhook", "Receives events pushed by the service."),
    v("module", "A step users place in scenarios."),
    v(
        "rpc",
        "A helper call for dynamic options, fields or samples.",
    ),
    v("function", "A custom IML function written in JavaScript."),
    vs(
        "endpoint",
        "An MCP-oriented operation; known from Make's schema only.",
        Status::SchemaOnly,
    ),
];

pub const JWT_ALGORITHMS: &[EnumValue] = &[
    v("HS256", "HMAC with SHA-256 (default)."),
    v("HS384", "HMAC with SHA-384."),
    v("HS512", "HMAC with SHA-512."),
    v("RS256", "RSA signature with SHA-256; needs a private key."),
];

pub const SORT_ORDERS: &[EnumValue] = &[
    v("asc", "Ascending (default)."),
    v("desc", "Descending."),
    v("asc ci", "Ascending, ignoring case."),
    v("desc ci", "Descending, ignoring case."),
];

const fn e(
    id: EnumId,
    name: &'static str,
    values: &'static [EnumValue],
    iml_allowed: bool,
    url: &'static str,
) -> Enumeration {
    Enumeration {
        id,
        name,
        values,
        iml_allowed,
        closed: true,
        others: &[],
        url,
        note: None,
    }
}

const fn noted(mut en: Enumeration, closed: bool, note: &'static str) -> Enumeration {
    en.closed = closed;
    en.note = Some(note);
    en
}

const fn with_others(mut en: Enumeration, others: &'static [&'static str]) -> Enumeration {
    en.others = others;
    en
}

/// The methods of HTTP's registry (RFC 9110 §9, and PATCH of RFC 5789) that
/// `METHODS` does not hold.
const OTHER_HTTP_METHODS: &[&str] = &["HEAD", "TRACE", "CONNECT"];

static ENUMERATIONS: &[Enumeration] = &[
    with_others(
        noted(
            e(
                EnumId::Method,
                "method",
                METHODS,
                true,
                urls::MAKING_REQUESTS,
            ),
            false,
            "Sources disagree on OPTIONS/HEAD (§13.5). The schema's five methods are certain; \
             the other methods of HTTP are plausible (the docs speak of \"other HTTP \
             methods\"), so they get a hint. A literal that is no HTTP method at all (`GTE`) \
             cannot work and is a warning with the nearest method.",
        ),
        OTHER_HTTP_METHODS,
    ),
    e(
        EnumId::RequestType,
        "request type",
        REQUEST_TYPES,
        true,
        urls::MAKING_REQUESTS,
    ),
    e(
        EnumId::ResponseType,
        "response type",
        RESPONSE_TYPES,
        true,
        urls::RESPONSE_TYPE,
    ),
    noted(
        e(
            EnumId::ErrorType,
            "error type",
            ERROR_TYPES,
            true,
            urls::BASE_ERROR_HANDLING,
        ),
        true,
        "The error-handling page lists 13 types, Make's schema 9 (§13.4). All 13 are \
         accepted; the four missing from the schema are marked DocsOnly.",
    ),
    e(
        EnumId::TriggerType,
        "trigger.type",
        TRIGGER_TYPES,
        true,
        urls::MODULE_TRIGGER,
    ),
    e(
        EnumId::TriggerOrder,
        "trigger.order",
        TRIGGER_ORDERS,
        true,
        urls::MODULE_TRIGGER,
    ),
    e(
        EnumId::MetadataType,
        "metadata.type",
        METADATA_TYPES,
        true,
        urls::BASIC_CONNECTION,
    ),
    e(
        EnumId::RespondType,
        "respond.type",
        RESPOND_TYPES,
        true,
        urls::WEBHOOKS,
    ),
    e(
        EnumId::SignatureMethod,
        "oauth.signature_method",
        SIGNATURE_METHODS,
        true,
        urls::OAUTH1,
    ),
    e(
        EnumId::TransportMethod,
        "oauth.transport_method",
        TRANSPORT_METHODS,
        true,
        urls::OAUTH1,
    ),
    e(
        EnumId::AwsSignVersion,
        "aws.sign_version",
        AWS_SIGN_VERSIONS,
        true,
        urls::MAKING_REQUESTS,
    ),
    e(
        EnumId::ParameterType,
        "parameter type",
        PARAMETER_TYPES,
        true,
        urls::PARAMETERS,
    ),
    e(
        EnumId::TextTags,
        "text tags",
        TEXT_TAGS,
        false,
        urls::PARAMETERS,
    ),
    e(
        EnumId::SelectSort,
        "select sort",
        SELECT_SORTS,
        false,
        urls::PARAMETERS,
    ),
    e(
        EnumId::ParameterMode,
        "parameter mode",
        PARAMETER_MODES,
        false,
        urls::PARAMETERS,
    ),
    e(
        EnumId::FilterLogic,
        "filter logic",
        FILTER_LOGICS,
        false,
        urls::PARAMETERS,
    ),
    noted(
        e(
            EnumId::Semantic,
            "semantic",
            SEMANTICS,
            false,
            urls::PARAMETERS,
        ),
        false,
        "`semantic` is free-form `type:meaning`; only the file pair is documented.",
    ),
    noted(
        e(
            EnumId::BannerTheme,
            "banner theme",
            BANNER_THEMES,
            false,
            urls::PARAMETERS,
        ),
        false,
        "Schema says light/dark, the docs' examples show info/warning and a third level \
         whose name could not be confirmed (§13.8). Both families are listed and the set \
         is left open so neither side is reported.",
    ),
    e(
        EnumId::ModuleType,
        "moduleType",
        MODULE_TYPES,
        false,
        urls::MODULES,
    ),
    e(
        EnumId::ActionCrud,
        "actionCrud",
        ACTION_CRUDS,
        false,
        urls::MODULE_ACTION,
    ),
    e(
        EnumId::WebhookType,
        "webhookType",
        WEBHOOK_TYPES,
        false,
        urls::WEBHOOKS,
    ),
    e(
        EnumId::ConnectionTemplate,
        "connection template",
        CONNECTION_TEMPLATES,
        false,
        urls::CONNECTIONS,
    ),
    noted(
        e(
            EnumId::ConnectionType,
            "connectionType",
            CONNECTION_TYPES,
            false,
            urls::CONNECTIONS,
        ),
        true,
        "Templates collapse to `basic` or `oauth` once stored; whether OAuth 1 is stored as \
         `oauth` is unclear (§13.3), so the OAuth flavour is read from the section keys.",
    ),
    e(
        EnumId::CodeFilesKey,
        "codeFiles key",
        CODE_FILES_KEYS,
        false,
        urls::LOCAL_DEVELOPMENT,
    ),
    e(
        EnumId::ComponentKind,
        "component kind",
        COMPONENT_KINDS,
        false,
        urls::LOCAL_DEVELOPMENT,
    ),
    e(
        EnumId::JwtAlgorithm,
        "jwt algorithm",
        JWT_ALGORITHMS,
        true,
        urls::JWT,
    ),
    e(
        EnumId::SortOrder,
        "sort order",
        SORT_ORDERS,
        true,
        urls::HELP_ARRAY_FUNCTIONS,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const ALL_IDS: &[EnumId] = &[
        EnumId::Method,
        EnumId::RequestType,
        EnumId::ResponseType,
        EnumId::ErrorType,
        EnumId::TriggerType,
        EnumId::TriggerOrder,
        EnumId::MetadataType,
        EnumId::RespondType,
        EnumId::SignatureMethod,
        EnumId::TransportMethod,
        EnumId::AwsSignVersion,
        EnumId::ParameterType,
        EnumId::TextTags,
        EnumId::SelectSort,
        EnumId::ParameterMode,
        EnumId::FilterLogic,
        EnumId::Semantic,
        EnumId::BannerTheme,
        EnumId::ModuleType,
        EnumId::ActionCrud,
        EnumId::WebhookType,
        EnumId::ConnectionTemplate,
        EnumId::ConnectionType,
        EnumId::CodeFilesKey,
        EnumId::ComponentKind,
        EnumId::JwtAlgorithm,
        EnumId::SortOrder,
    ];

    #[test]
    fn every_id_has_exactly_one_table() {
        for id in ALL_IDS {
            let count = ENUMERATIONS.iter().filter(|e| e.id == *id).count();
            assert_eq!(count, 1, "{id:?}");
            assert_eq!(enumeration(*id).id, *id);
        }
        assert_eq!(ENUMERATIONS.len(), ALL_IDS.len());
    }

    #[test]
    fn values_are_unique_and_documented() {
        for en in ENUMERATIONS {
            let mut seen = HashSet::new();
            for value in en.values {
                assert!(
                    seen.insert(value.value),
                    "{} repeats {}",
                    en.name,
                    value.value
                );
                assert!(
                    !value.doc.is_empty(),
                    "{}.{} has no doc",
                    en.name,
                    value.value
                );
                if let Status::Alias(target) = value.status {
                    assert!(en.contains(target), "{} alias target {target}", en.name);
                }
            }
        }
    }

    fn literals(id: EnumId) -> Vec<&'static str> {
        enumeration(id).values.iter().map(|v| v.value).collect()
    }

    #[test]
    fn value_sets_match_section_14() {
        assert_eq!(
            literals(EnumId::RequestType),
            [
                "json",
                "urlencoded",
                "multipart/form-data",
                "text",
                "string",
                "raw",
                "binary"
            ]
        );
        assert_eq!(
            literals(EnumId::ResponseType),
            [
                "automatic",
                "json",
                "urlencoded",
                "text",
                "string",
                "xml",
                "binary",
                "raw"
            ]
        );
        assert_eq!(
            literals(EnumId::Method),
            ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        );
        assert_eq!(
            literals(EnumId::ErrorType),
            [
                "UnknownError",
                "RuntimeError",
                "InconsistencyError",
                "DataError",
                "RateLimitError",
                "OutOfSpaceError",
                "ConnectionError",
                "InvalidConfigurationError",
                "InvalidAccessTokenError",
                "UnexpectedError",
                "MaxResultsExceededError",
                "IncompleteDataError",
                "DuplicateDataError",
            ]
        );
        let in_schema = ERROR_TYPES
            .iter()
            .filter(|v| v.status == Status::Documented)
            .count();
        assert_eq!(in_schema, 9);
        assert_eq!(literals(EnumId::TriggerType), ["id", "date"]);
        assert_eq!(literals(EnumId::TriggerOrder), ["asc", "desc", "unordered"]);
        assert_eq!(literals(EnumId::MetadataType), ["text", "email"]);
        assert_eq!(
            literals(EnumId::RespondType),
            ["json", "urlencoded", "text"]
        );
        assert_eq!(
            literals(EnumId::SignatureMethod),
            ["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"]
        );
        assert_eq!(
            literals(EnumId::TransportMethod),
            ["header", "query", "body"]
        );
        assert_eq!(literals(EnumId::AwsSignVersion), ["2", "4"]);
        assert_eq!(
            literals(EnumId::ParameterType),
            [
                "any",
                "array",
                "banner",
                "boolean",
                "buffer",
                "cert",
                "collection",
                "color",
                "date",
                "email",
                "file",
                "filename",
                "filter",
                "folder",
                "hidden",
                "integer",
                "json",
                "number",
                "password",
                "path",
                "pkey",
                "port",
                "select",
                "text",
                "time",
                "timestamp",
                "timezone",
                "uinteger",
                "udt",
                "url",
                "uuid",
            ]
        );
        assert_eq!(literals(EnumId::TextTags), ["strip", "stripall", "escape"]);
        assert_eq!(literals(EnumId::SelectSort), ["text", "number"]);
        assert_eq!(literals(EnumId::ParameterMode), ["edit", "choose"]);
        assert_eq!(literals(EnumId::FilterLogic), ["both", "and", "or"]);
        assert_eq!(literals(EnumId::Semantic), ["file:data", "file:name"]);
        assert_eq!(
            literals(EnumId::ConnectionTemplate),
            [
                "oauth",
                "oauth-refresh",
                "oauth-resowncre",
                "oauth-clicre",
                "oauth-1",
                "apikey",
                "basic",
                "other",
            ]
        );
        assert_eq!(literals(EnumId::ConnectionType), ["basic", "oauth"]);
        assert_eq!(
            literals(EnumId::ModuleType),
            [
                "trigger",
                "action",
                "search",
                "instant_trigger",
                "responder",
                "universal"
            ]
        );
        assert_eq!(
            literals(EnumId::ActionCrud),
            ["create", "read", "update", "delete"]
        );
        assert_eq!(literals(EnumId::WebhookType), ["web", "web-shared"]);
        assert_eq!(
            literals(EnumId::CodeFilesKey),
            [
                "attach",
                "code",
                "common",
                "communication",
                "context",
                "defaultScope",
                "detach",
                "epoch",
                "inputParameters",
                "installDirectives",
                "installSpec",
                "interface",
                "mappableParams",
                "outputParameters",
                "params",
                "requiredScope",
                "samples",
                "scope",
                "scopeList",
                "staticParams",
                "test",
                "update",
            ]
        );
        assert_eq!(
            literals(EnumId::ComponentKind),
            [
                "connection",
                "webhook",
                "module",
                "rpc",
                "function",
                "endpoint"
            ]
        );
    }

    #[test]
    fn module_type_names_agree_with_places() {
        let from_places: Vec<_> = crate::ModuleType::ALL.iter().map(|m| m.name()).collect();
        assert_eq!(literals(EnumId::ModuleType), from_places);
    }

    #[test]
    fn lookups() {
        let method = enumeration(EnumId::Method);
        assert!(method.contains("PATCH"));
        assert!(!method.contains("patch"));
        assert_eq!(
            method.case_insensitive_match("patch").map(|v| v.value),
            Some("PATCH")
        );
        assert_eq!(
            enumeration(EnumId::RequestType)
                .value("raw")
                .map(|v| v.status),
            Some(Status::Alias("text"))
        );
    }
}
