//! IML root variables, keyword constants, and which variable is visible
//! where (§7.5, §7.6).
//!
//! Availability is a table: one row per root variable, one cell per column
//! of the §7.6 table, plus a few per-place overrides. [`check_variable`]
//! turns a cell into a verdict for one expression position.

use crate::Severity;
use crate::enums::Status;
use crate::places::{ModuleType, Place, PlaceSet};
use crate::sections::{OAuthFlavour, Section, sections};
use crate::urls;

/// A known property below a root variable.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub name: &'static str,
    pub doc: &'static str,
    pub children: &'static [Member],
    /// Places where this member is wrong although its root is fine.
    pub restriction: Option<MemberRestriction>,
    /// The value Make gives this member everywhere, when the docs fix one
    /// (the OAuth redirect URIs); offline runs use it.
    pub value: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberRestriction {
    pub places: PlaceSet,
    pub severity: Severity,
    pub rule: &'static str,
    pub reason: &'static str,
}

const fn m(name: &'static str, doc: &'static str) -> Member {
    Member {
        name,
        doc,
        children: &[],
        restriction: None,
        value: None,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RootVariable {
    pub name: &'static str,
    pub doc: &'static str,
    pub url: &'static str,
    pub members: &'static [Member],
    /// Whether members other than `members` are expected (user data such as
    /// `parameters.*`); false means an unlisted member is suspicious.
    pub open: bool,
    pub note: Option<&'static str>,
}

const fn var(name: &'static str, doc: &'static str, url: &'static str) -> RootVariable {
    RootVariable {
        name,
        doc,
        url,
        members: &[],
        open: true,
        note: None,
    }
}

impl RootVariable {
    const fn members(mut self, members: &'static [Member], open: bool) -> Self {
        self.members = members;
        self.open = open;
        self
    }
    const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }

    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

const OAUTH_MEMBERS: &[Member] = &[
    m(
        "scope",
        "Array of scopes to request; usually sent joined, e.g. `{{join(oauth.scope, ' ')}}`.",
    ),
    Member {
        restriction: Some(MemberRestriction {
            places: PlaceSet::CONNECTION_OAUTH1,
            severity: Severity::Warning,
            rule: "C012",
            reason: "OAuth 1 connections only document `oauth.scope` and `oauth.redirectUri`",
        }),
        value: Some("https://www.make.com/oauth/cb/app"),
        ..m(
            "localRedirectUri",
            "`https://www.make.com/oauth/cb/app` (or the private instance's host); the \
             callback to register for apps submitted for approval.",
        )
    },
    Member {
        restriction: Some(MemberRestriction {
            places: PlaceSet::CONNECTION_OAUTH1,
            severity: Severity::Warning,
            rule: "C012",
            reason: "OAuth 1 connections only document `oauth.scope` and `oauth.redirectUri`",
        }),
        value: Some("https://www.make.com/oauth/cb/app"),
        ..m("makeRedirectUri", "`https://www.make.com/oauth/cb/app`.")
    },
    Member {
        // The OAuth 2 value; OAuth 1 registers `…/app-oauth1` (see the doc).
        value: Some("https://www.integromat.com/oauth/cb/app"),
        ..m(
            "redirectUri",
            "Legacy `https://www.integromat.com/oauth/cb/app`; prefer `oauth.localRedirectUri` \
             in new OAuth 2 apps. OAuth 1 registers `https://www.integromat.com/oauth/cb/app-oauth1`.",
        )
    },
];

const ITERATE_CONTAINER: &[Member] = &[
    m("first", "First element of the iterated array."),
    m(
        "last",
        "Last element of the iterated array (e.g. for a cursor).",
    ),
];

pub static ROOT_VARIABLES: &[RootVariable] = &[
    var(
        "now",
        "Current date and time (UTC, ISO 8601 with milliseconds).",
        urls::IML,
    ),
    var("timestamp", "Current Unix time in seconds.", urls::JWT)
        .note("Missing from the variables tables; the JWT example uses it. Treated like `now`."),
    var(
        "uuid",
        "A random UUID (written without parentheses).",
        urls::OAUTH2,
    )
    .note("Seen only in the PKCE example; treated like `now`."),
    var(
        "environment",
        "Environment information; documented only as \"TBD\".",
        urls::IML,
    ),
    var(
        "scenario",
        "Scenario information in modules and RPCs; documented only as \"TBD\".",
        urls::IML,
    ),
    var(
        "temp",
        "Scratch values of the request chain, set with `temp` and `response.temp`.",
        urls::MAKING_REQUESTS,
    ),
    var(
        "parameters",
        "The component's input: connection parameters in a connection, static plus mappable \
         parameters in a module, RPC or webhook parameters elsewhere.",
        urls::PARAMETERS,
    ),
    var(
        "connection",
        "The connection's parameters plus every key saved with `response.data` in the \
         connection.",
        urls::CONNECTIONS,
    ),
    var(
        "common",
        "Common data: the connection's inside a connection, the app's elsewhere.",
        urls::CONNECTIONS,
    ),
    var(
        "data",
        "Inside a connection: the connection's saved data. In modules: module state (polling \
         cursor). In webhook communication: the webhook's parameters.",
        urls::CONNECTIONS,
    )
    .members(
        &[
            m(
                "lastDate",
                "Polling trigger: date of the newest item seen in the previous run.",
            ),
            m(
                "lastID",
                "Polling trigger: id of the newest item seen in the previous run.",
            ),
        ],
        true,
    )
    .note("Legacy docs spell `data.lastId`; the current `lastID` is listed (§13.11)."),
    var(
        "trigger",
        "Polling-trigger run information (legacy docs).",
        urls::MODULE_TRIGGER,
    )
    .members(
        &[m(
            "matchEqual",
            "True when the user chose the first item in the epoch panel (use `>=` on dates).",
        )],
        false,
    )
    .note("Legacy only; availability today is unclear, so it is never reported in triggers."),
    var(
        "metadata",
        "The component's configuration as written.",
        urls::MAPPABLE_PARAMETERS,
    )
    .members(
        &[
            m("expect", "The raw mappable-parameter array."),
            m("interface", "The raw interface array."),
        ],
        false,
    ),
    var(
        "oauth",
        "OAuth values prepared by Make inside OAuth connections.",
        urls::OAUTH2,
    )
    .members(OAUTH_MEMBERS, false),
    var(
        "query",
        "Query string of the OAuth callback (in `authorize.response`), or of the incoming \
         webhook request.",
        urls::OAUTH2,
    )
    .note("Only legacy docs list it for OAuth, but every example uses it (§13.10)."),
    var(
        "method",
        "HTTP method of the incoming webhook request.",
        urls::WEBHOOKS,
    ),
    var(
        "body",
        "Parsed response body (in `response` and `pagination`), or the incoming webhook body.",
        urls::HANDLING_RESPONSES,
    ),
    var(
        "headers",
        "Response headers, or the incoming webhook headers.",
        urls::HANDLING_RESPONSES,
    ),
    var(
        "statusCode",
        "HTTP status code of the response.",
        urls::HANDLING_RESPONSES,
    ),
    var(
        "item",
        "The current element while `iterate` runs.",
        urls::RESPONSE_ITERATE,
    )
    .note("Some doc tables write `items`; `item` is the name (§13.11)."),
    var(
        "iterate",
        "Information about the iterated array.",
        urls::RESPONSE_ITERATE,
    )
    .members(
        &[Member {
            children: ITERATE_CONTAINER,
            ..m("container", "The iterated array.")
        }],
        false,
    ),
    var(
        "output",
        "Inside `wrapper`: the collected result of `output`.",
        urls::HANDLING_RESPONSES,
    ),
    var("pagination", "Pagination state.", urls::PAGINATION).members(
        &[m(
            "page",
            "Page counter: 1 for the first request, 2 when the first next-page request is built.",
        )],
        false,
    ),
    var(
        "payload",
        "The current webhook item in an instant trigger.",
        urls::MODULE_INSTANT_TRIGGER,
    ),
    var(
        "webhook",
        "In `attach`: the webhook's `id` and `url`. In `detach`, and in RPCs and parameter \
         files of instant triggers: the data saved by `attach`.",
        urls::WEBHOOKS_ATTACHED,
    )
    .members(
        &[
            m("id", "Make's internal id of the webhook (attach)."),
            m(
                "url",
                "The webhook URL to register with the remote service (attach).",
            ),
        ],
        true,
    ),
    var(
        "response",
        "Known to Make's grammar; meaning undocumented.",
        urls::IML,
    )
    .note("Undocumented; never reported."),
];

pub fn root_variables() -> &'static [RootVariable] {
    ROOT_VARIABLES
}

pub fn root_variable(name: &str) -> Option<&'static RootVariable> {
    ROOT_VARIABLES.iter().find(|v| v.name == name)
}

/// Documentation of the keyword constants.
pub const KEYWORDS_URL: &str = urls::IML;

/// A bare-word constant of IML.
#[derive(Debug, Clone, Copy)]
pub struct Keyword {
    pub name: &'static str,
    pub doc: &'static str,
    pub status: Status,
}

pub static KEYWORDS: &[Keyword] = &[
    Keyword {
        name: "true",
        doc: "Boolean true.",
        status: Status::Documented,
    },
    Keyword {
        name: "false",
        doc: "Boolean false.",
        status: Status::Documented,
    },
    Keyword {
        name: "null",
        doc: "No value.",
        status: Status::Documented,
    },
    Keyword {
        name: "undefined",
        doc: "Undefined; `\"{{undefined}}\"` means \"no output\".",
        status: Status::Documented,
    },
    Keyword {
        name: "emptyarray",
        doc: "An empty array.",
        status: Status::Documented,
    },
    Keyword {
        name: "emptystring",
        doc: "An empty string.",
        status: Status::Documented,
    },
    Keyword {
        name: "space",
        doc: "A space character (scenario keyword).",
        status: Status::Unclear,
    },
    Keyword {
        name: "tab",
        doc: "A tab character (scenario keyword).",
        status: Status::Unclear,
    },
    Keyword {
        name: "newline",
        doc: "A line feed (scenario keyword).",
        status: Status::Unclear,
    },
    Keyword {
        name: "nbsp",
        doc: "A non-breaking space (scenario keyword).",
        status: Status::Unclear,
    },
    Keyword {
        name: "carriagereturn",
        doc: "A carriage return (scenario keyword).",
        status: Status::Unclear,
    },
    Keyword {
        name: "erase",
        doc: "Clears a field in update modules; handled by Make for users.",
        status: Status::Unclear,
    },
    Keyword {
        name: "ignore",
        doc: "Ignores a value (scenario keyword).",
        status: Status::Unclear,
    },
];

pub fn keywords() -> &'static [Keyword] {
    KEYWORDS
}

pub fn keyword(name: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.name == name)
}

/// Whether a root variable may be used in a place, and under which condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Available,
    /// Inside `response` (and `pagination`, `wrapper`), not in the request part.
    ResponseOnly,
    /// Only in the `response` of the OAuth `authorize` section.
    AuthorizeResponseOnly,
    /// Only while `iterate` runs (in `response` or `pagination`).
    IterateOnly,
    /// After iteration: in `wrapper` and `pagination`.
    AfterIterate,
    /// Only inside `wrapper`.
    WrapperOnly,
    /// Only in OAuth sections that run after the token exchange.
    AfterToken,
    Unavailable {
        severity: Severity,
        rule: &'static str,
        reason: &'static str,
    },
    /// Not documented either way: never report.
    Unknown,
}

const fn no(severity: Severity, rule: &'static str, reason: &'static str) -> Availability {
    Availability::Unavailable {
        severity,
        rule,
        reason,
    }
}

/// The columns of the §7.6 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Basic,
    OAuth2,
    OAuth1,
    Base,
    /// Action, search, universal (and responder).
    Module,
    /// Polling trigger and epoch.
    Trigger,
    Instant,
    Rpc,
    Webhook,
    /// Attach, detach, update.
    Attach,
}

const COLUMNS: usize = 10;

impl Column {
    const fn of(place: Place) -> Column {
        match place {
            Place::ConnectionBasic => Column::Basic,
            Place::ConnectionOAuth2 => Column::OAuth2,
            Place::ConnectionOAuth1 => Column::OAuth1,
            Place::Base => Column::Base,
            Place::Module(ModuleType::Trigger) | Place::Epoch => Column::Trigger,
            Place::Module(ModuleType::InstantTrigger) => Column::Instant,
            // Docs silent on responders (§7.6 has no column for them); we use
            // the module column and override the cells that make no sense.
            Place::Module(_) => Column::Module,
            Place::Rpc => Column::Rpc,
            Place::WebhookCommunication => Column::Webhook,
            // `update` is undocumented (§6.2); we give it the attach/detach
            // column, since it is the same kind of request to the remote service.
            Place::WebhookAttach | Place::WebhookDetach | Place::WebhookUpdate => Column::Attach,
        }
    }
}

use Availability::{
    AfterIterate as AI, AfterToken as AT, AuthorizeResponseOnly as AR, Available as A,
    IterateOnly as IT, ResponseOnly as R, Unknown as U, WrapperOnly as WO,
};
use Severity::{Error as E, Warning as W};

const IN_CONNECTION: Availability = no(W, "I002", "not available in connection communication");
const NO_ITERATE_IN_CONNECTION: Availability = no(
    E,
    "I002",
    "connections cannot use `iterate`, so iteration variables are never set there",
);
const NOT_IN_INSTANT: Availability = no(W, "I002", "instant triggers do not iterate or paginate");
const NOT_IN_WEBHOOK: Availability = no(W, "I002", "not available in webhook communication");
const NOT_IN_ATTACH: Availability = no(
    W,
    "I002",
    "not available in webhook attach, detach or update requests",
);
const NOT_IN_MODULES: Availability = no(W, "I002", "not available in this component");
const OAUTH_OUTSIDE: Availability = no(E, "C012", "`oauth.*` exists only inside OAuth connections");
const QUERY_OUTSIDE: Availability = no(
    W,
    "I002",
    "`query` exists only in OAuth `authorize.response` and in webhook communication",
);
const METHOD_OUTSIDE: Availability = no(
    W,
    "I002",
    "`method` is the incoming request's method and exists only in webhook communication",
);
const PAYLOAD_OUTSIDE: Availability = no(
    W,
    "I002",
    "`payload` exists only in instant-trigger modules",
);
const WEBHOOK_OUTSIDE: Availability = no(
    W,
    "I002",
    "`webhook.*` exists only in attach/detach/update and instant-trigger contexts",
);
const TRIGGER_OUTSIDE: Availability = no(W, "I002", "`trigger.*` exists only in polling triggers");

/// One row per root variable; cells follow [`Column`] order:
/// basic, OAuth 2, OAuth 1, Base, action/search/universal, polling trigger and
/// epoch, instant trigger, RPC, webhook communication, attach/detach/update.
///
/// Base has no column of its own in the sources; it is merged into module and
/// RPC requests, so where the §7.6 table marks Base "—" for a variable that
/// those requests do have, the cell is `Unknown` (never reported) rather than
/// an error, except where the variable can never exist there (`oauth`,
/// `query`, `method`). Where §7.6 marks Base "—" for `item`, `iterate`
/// and `output`, Base takes the module cell instead: its response may iterate
/// (§4), and the note below the table says the module scope applies.
static AVAILABILITY: &[(&str, [Availability; COLUMNS])] = &[
    ("now", [A; COLUMNS]),
    ("timestamp", [A; COLUMNS]),
    ("uuid", [A; COLUMNS]),
    ("environment", [A; COLUMNS]),
    // §7.6 marks webhook communication "?" for `temp` and `common`: docs
    // silent; we stay quiet there.
    ("temp", [A, A, A, A, A, A, A, A, U, A]),
    ("parameters", [A; COLUMNS]),
    ("common", [A, A, A, A, A, A, A, A, U, A]),
    // Attach writes `data`, detach reads attach data through `webhook`;
    // whether `data` can be read there is not said, so we stay quiet.
    ("data", [A, A, A, U, A, A, A, A, A, U]),
    (
        "connection",
        [
            no(
                W,
                "I002",
                "a basic connection reads its own values as `parameters.*` and `data.*`; \
                 `connection.*` is for other components",
            ),
            AT,
            AT,
            A,
            A,
            A,
            A,
            A,
            // Sources conflict (§13.17): warn, never error.
            no(
                W,
                "I002",
                "webhook communication has no access to the connection",
            ),
            A,
        ],
    ),
    (
        "oauth",
        [
            no(W, "C012", "`oauth.*` exists only in OAuth connections"),
            A,
            A,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
            OAUTH_OUTSIDE,
        ],
    ),
    (
        "query",
        [
            no(
                W,
                "C011",
                "`query` exists only in the `authorize.response` of OAuth connections",
            ),
            AR,
            AR,
            QUERY_OUTSIDE,
            QUERY_OUTSIDE,
            QUERY_OUTSIDE,
            QUERY_OUTSIDE,
            QUERY_OUTSIDE,
            A,
            QUERY_OUTSIDE,
        ],
    ),
    ("body", [R, R, R, R, R, R, R, R, A, R]),
    ("headers", [R, R, R, R, R, R, R, R, A, R]),
    (
        "statusCode",
        [
            R,
            R,
            R,
            R,
            R,
            R,
            R,
            R,
            no(W, "I002", "incoming webhook requests have no status code"),
            R,
        ],
    ),
    (
        "item",
        [
            NO_ITERATE_IN_CONNECTION,
            NO_ITERATE_IN_CONNECTION,
            NO_ITERATE_IN_CONNECTION,
            IT,
            IT,
            IT,
            NOT_IN_INSTANT,
            IT,
            IT,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "iterate",
        [
            IN_CONNECTION,
            IN_CONNECTION,
            IN_CONNECTION,
            AI,
            AI,
            AI,
            NOT_IN_INSTANT,
            AI,
            NOT_IN_WEBHOOK,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "output",
        [
            IN_CONNECTION,
            IN_CONNECTION,
            IN_CONNECTION,
            WO,
            WO,
            WO,
            NOT_IN_INSTANT,
            WO,
            NOT_IN_WEBHOOK,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "pagination",
        [
            IN_CONNECTION,
            IN_CONNECTION,
            IN_CONNECTION,
            A,
            A,
            A,
            NOT_IN_INSTANT,
            A,
            NOT_IN_WEBHOOK,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "scenario",
        [
            IN_CONNECTION,
            IN_CONNECTION,
            IN_CONNECTION,
            U,
            A,
            A,
            A,
            A,
            NOT_IN_WEBHOOK,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "metadata",
        [
            IN_CONNECTION,
            IN_CONNECTION,
            IN_CONNECTION,
            U,
            A,
            A,
            A,
            A,
            NOT_IN_WEBHOOK,
            NOT_IN_ATTACH,
        ],
    ),
    (
        "payload",
        [
            PAYLOAD_OUTSIDE,
            PAYLOAD_OUTSIDE,
            PAYLOAD_OUTSIDE,
            U,
            PAYLOAD_OUTSIDE,
            PAYLOAD_OUTSIDE,
            A,
            PAYLOAD_OUTSIDE,
            PAYLOAD_OUTSIDE,
            PAYLOAD_OUTSIDE,
        ],
    ),
    (
        "webhook",
        [
            WEBHOOK_OUTSIDE,
            WEBHOOK_OUTSIDE,
            WEBHOOK_OUTSIDE,
            U,
            WEBHOOK_OUTSIDE,
            WEBHOOK_OUTSIDE,
            // Documented for the instant trigger's parameter files; its
            // communication is not covered either way.
            U,
            // Visible when the RPC runs for an instant trigger, which the RPC
            // file cannot tell.
            U,
            WEBHOOK_OUTSIDE,
            A,
        ],
    ),
    (
        "method",
        [
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            METHOD_OUTSIDE,
            A,
            METHOD_OUTSIDE,
        ],
    ),
    (
        "trigger",
        [
            TRIGGER_OUTSIDE,
            TRIGGER_OUTSIDE,
            TRIGGER_OUTSIDE,
            U,
            TRIGGER_OUTSIDE,
            U,
            TRIGGER_OUTSIDE,
            TRIGGER_OUTSIDE,
            TRIGGER_OUTSIDE,
            TRIGGER_OUTSIDE,
        ],
    ),
    ("response", [U; COLUMNS]),
];

/// Cells that differ from their column for one place.
static OVERRIDES: &[(&str, Place, Availability)] = &[
    // §7.6 gives `pagination.page` to searches ("search/list") only.
    (
        "pagination",
        Place::Module(ModuleType::Action),
        no(W, "I002", "action modules do not paginate"),
    ),
    // Universal modules are not named by "search/list": docs silent; we
    // accept the `pagination` key there and never report the variable.
    ("pagination", Place::Module(ModuleType::Universal), U),
    (
        "pagination",
        Place::Module(ModuleType::Responder),
        NOT_IN_MODULES,
    ),
    // A responder's `response` is the reply it sends; no remote response
    // exists. Docs silent on its variables; we stay quiet.
    ("body", Place::Module(ModuleType::Responder), U),
    ("headers", Place::Module(ModuleType::Responder), U),
    ("statusCode", Place::Module(ModuleType::Responder), U),
];

/// The availability of root variable `name` in `place`; `None` for names
/// that are not root variables.
pub fn variable_availability(name: &str, place: Place) -> Option<Availability> {
    if let Some((_, _, cell)) = OVERRIDES.iter().find(|(n, p, _)| *n == name && *p == place) {
        return Some(*cell);
    }
    let (_, row) = AVAILABILITY.iter().find(|(n, _)| *n == name)?;
    Some(row[Column::of(place) as usize])
}

/// The part of a component an expression sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Request directives (url, qs, headers, body, temp, condition, …).
    Request,
    /// Inside `response`, except `wrapper`.
    Response,
    /// Inside `response.wrapper`.
    Wrapper,
    /// Inside `pagination`.
    Pagination,
    /// A parameter file (parameters, expect, interface): the visible variable
    /// set is undocumented, so nothing is reported.
    ParameterFile,
}

/// Where an expression sits, as far as variable visibility is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExprContext {
    pub place: Place,
    /// The OAuth section, in OAuth connection communication.
    pub section: Option<Section>,
    pub region: Region,
    /// Whether the enclosing response (or the webhook communication) has `iterate`.
    pub iterating: bool,
}

/// What to do about one variable use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Report {
        severity: Severity,
        rule: &'static str,
        reason: &'static str,
    },
    /// Unknown root, or not documented either way: stay quiet.
    Silent,
}

fn report(severity: Severity, rule: &'static str, reason: &'static str) -> Verdict {
    Verdict::Report {
        severity,
        rule,
        reason,
    }
}

fn runs_after_token(place: Place, section: Section) -> bool {
    let flavour = match place {
        Place::ConnectionOAuth1 => OAuthFlavour::OAuth1,
        _ => OAuthFlavour::OAuth2,
    };
    sections(flavour)
        .iter()
        .any(|s| s.section == section && s.after_token)
}

/// Whether root variable `name` may be used at `ctx`. Unknown names are
/// `Silent`: rule I002 for unknown roots is the analysis layer's call, since
/// it also knows custom names.
pub fn check_variable(name: &str, ctx: &ExprContext) -> Verdict {
    let Some(cell) = variable_availability(name, ctx.place) else {
        return Verdict::Silent;
    };
    if ctx.region == Region::ParameterFile {
        return Verdict::Silent;
    }
    let in_response = matches!(
        ctx.region,
        Region::Response | Region::Wrapper | Region::Pagination
    );
    match cell {
        Availability::Available => Verdict::Allowed,
        Availability::Unknown => Verdict::Silent,
        Availability::Unavailable {
            severity,
            rule,
            reason,
        } => report(severity, rule, reason),
        Availability::ResponseOnly if in_response => Verdict::Allowed,
        Availability::ResponseOnly => report(
            W,
            "I002",
            "only set inside `response` and `pagination`, after the request has run",
        ),
        Availability::AuthorizeResponseOnly
            if ctx.section == Some(Section::Authorize) && in_response =>
        {
            Verdict::Allowed
        }
        Availability::AuthorizeResponseOnly => report(
            W,
            "C011",
            "`query` holds the OAuth callback and exists only in `authorize.response`",
        ),
        Availability::IterateOnly
            if ctx.iterating && matches!(ctx.region, Region::Response | Region::Pagination) =>
        {
            Verdict::Allowed
        }
        Availability::IterateOnly => report(
            W,
            "I002",
            "`item` is only set while `iterate` runs (in `response` or `pagination`)",
        ),
        Availability::AfterIterate
            if matches!(ctx.region, Region::Wrapper | Region::Pagination) =>
        {
            Verdict::Allowed
        }
        Availability::AfterIterate => report(
            W,
            "I002",
            "`iterate.container.*` is only set in `wrapper` and `pagination`",
        ),
        Availability::WrapperOnly if ctx.region == Region::Wrapper => Verdict::Allowed,
        Availability::WrapperOnly => report(W, "I002", "`output` is only set inside `wrapper`"),
        Availability::AfterToken => match ctx.section {
            None => Verdict::Silent,
            Some(section) if runs_after_token(ctx.place, section) => Verdict::Allowed,
            Some(_) => report(
                W,
                "I002",
                "connection data exists only in sections that run after the token exchange",
            ),
        },
    }
}

/// A member-level restriction (`oauth.localRedirectUri` in OAuth 1), if any.
pub fn member_restriction(root: &str, member: &str, place: Place) -> Option<MemberRestriction> {
    root_variable(root)?
        .member(member)?
        .restriction
        .filter(|r| r.places.contains(place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_row_names_a_root_variable_and_every_root_has_a_row() {
        let roots: HashSet<_> = ROOT_VARIABLES.iter().map(|v| v.name).collect();
        let rows: HashSet<_> = AVAILABILITY.iter().map(|(n, _)| *n).collect();
        assert_eq!(roots, rows);
        assert_eq!(rows.len(), AVAILABILITY.len(), "duplicate row");
        assert_eq!(roots.len(), ROOT_VARIABLES.len(), "duplicate root");
        for (name, _, _) in OVERRIDES {
            assert!(roots.contains(name), "override for unknown {name}");
        }
    }

    #[test]
    fn keywords_and_roots_do_not_collide() {
        let mut seen = HashSet::new();
        for k in KEYWORDS {
            assert!(seen.insert(k.name), "duplicate keyword {}", k.name);
            assert!(root_variable(k.name).is_none(), "{} is both", k.name);
        }
        assert!(keyword("emptyarray").is_some());
        assert!(keyword("now").is_none());
        assert!(
            root_variable("scope").is_none(),
            "bare `scope` is not a variable"
        );
    }

    #[test]
    fn unavailable_cells_name_real_rules() {
        for (_, row) in AVAILABILITY {
            for cell in row {
                if let Availability::Unavailable { rule, reason, .. } = cell {
                    assert!(crate::rule(rule).is_some(), "{rule}");
                    assert!(!reason.is_empty());
                }
            }
        }
    }

    const ALL_CONNECTIONS: [Place; 3] = [
        Place::ConnectionBasic,
        Place::ConnectionOAuth2,
        Place::ConnectionOAuth1,
    ];

    fn ctx(place: Place, region: Region) -> ExprContext {
        ExprContext {
            place,
            section: None,
            region,
            iterating: false,
        }
    }

    fn is_reported(v: Verdict) -> bool {
        matches!(v, Verdict::Report { .. })
    }

    #[test]
    fn item_is_unavailable_in_connections() {
        for place in ALL_CONNECTIONS {
            let mut c = ctx(place, Region::Response);
            c.iterating = true;
            assert!(
                matches!(
                    check_variable("item", &c),
                    Verdict::Report {
                        severity: Severity::Error,
                        ..
                    }
                ),
                "{place:?}"
            );
        }
        let search = Place::Module(ModuleType::Search);
        let mut c = ctx(search, Region::Response);
        assert!(is_reported(check_variable("item", &c)), "no iterate");
        c.iterating = true;
        assert_eq!(check_variable("item", &c), Verdict::Allowed);
    }

    #[test]
    fn oauth_only_in_oauth_connections() {
        for place in Place::ALL {
            let verdict = check_variable("oauth", &ctx(place, Region::Request));
            match place {
                Place::ConnectionOAuth2 | Place::ConnectionOAuth1 => {
                    assert_eq!(verdict, Verdict::Allowed, "{place:?}")
                }
                Place::ConnectionBasic => assert!(is_reported(verdict)),
                _ => assert!(
                    matches!(
                        verdict,
                        Verdict::Report {
                            severity: Severity::Error,
                            rule: "C012",
                            ..
                        }
                    ),
                    "{place:?}: {verdict:?}"
                ),
            }
        }
        assert!(member_restriction("oauth", "localRedirectUri", Place::ConnectionOAuth1).is_some());
        assert!(member_restriction("oauth", "localRedirectUri", Place::ConnectionOAuth2).is_none());
        assert!(member_restriction("oauth", "redirectUri", Place::ConnectionOAuth1).is_none());
    }

    #[test]
    fn query_only_in_authorize_response() {
        let mut c = ctx(Place::ConnectionOAuth2, Region::Response);
        c.section = Some(Section::Authorize);
        assert_eq!(check_variable("query", &c), Verdict::Allowed);
        c.region = Region::Request;
        assert!(matches!(
            check_variable("query", &c),
            Verdict::Report { rule: "C011", .. }
        ));
        c.region = Region::Response;
        c.section = Some(Section::Token);
        assert!(matches!(
            check_variable("query", &c),
            Verdict::Report { rule: "C011", .. }
        ));
        assert_eq!(
            check_variable("query", &ctx(Place::WebhookCommunication, Region::Request)),
            Verdict::Allowed
        );
        assert!(is_reported(check_variable(
            "query",
            &ctx(Place::Module(ModuleType::Action), Region::Response)
        )));
    }

    #[test]
    fn body_is_response_only() {
        let action = Place::Module(ModuleType::Action);
        assert!(is_reported(check_variable(
            "body",
            &ctx(action, Region::Request)
        )));
        assert_eq!(
            check_variable("body", &ctx(action, Region::Response)),
            Verdict::Allowed
        );
        assert_eq!(
            check_variable("body", &ctx(Place::Rpc, Region::Pagination)),
            Verdict::Allowed
        );
        assert_eq!(
            check_variable("body", &ctx(Place::WebhookCommunication, Region::Request)),
            Verdict::Allowed
        );
        assert!(is_reported(check_variable(
            "statusCode",
            &ctx(Place::WebhookCommunication, Region::Request)
        )));
    }

    #[test]
    fn connection_after_token_only() {
        let mut c = ctx(Place::ConnectionOAuth2, Region::Request);
        c.section = Some(Section::Info);
        assert_eq!(check_variable("connection", &c), Verdict::Allowed);
        c.section = Some(Section::Authorize);
        assert!(is_reported(check_variable("connection", &c)));
        c.section = None;
        assert_eq!(check_variable("connection", &c), Verdict::Silent);
        let mut c1 = ctx(Place::ConnectionOAuth1, Region::Request);
        c1.section = Some(Section::Info);
        assert_eq!(check_variable("connection", &c1), Verdict::Allowed);
        c1.section = Some(Section::RequestToken);
        assert!(is_reported(check_variable("connection", &c1)));
        // Sources conflict for webhook communication: a warning, never an error.
        assert!(matches!(
            check_variable(
                "connection",
                &ctx(Place::WebhookCommunication, Region::Request)
            ),
            Verdict::Report {
                severity: Severity::Warning,
                ..
            }
        ));
    }

    #[test]
    fn unknown_cells_and_parameter_files_stay_silent() {
        assert_eq!(
            check_variable("temp", &ctx(Place::WebhookCommunication, Region::Request)),
            Verdict::Silent
        );
        assert_eq!(
            check_variable("response", &ctx(Place::Rpc, Region::Response)),
            Verdict::Silent
        );
        assert_eq!(
            check_variable("oauth", &ctx(Place::Rpc, Region::ParameterFile)),
            Verdict::Silent
        );
        assert_eq!(
            check_variable("noSuchRoot", &ctx(Place::Rpc, Region::Request)),
            Verdict::Silent
        );
    }

    #[test]
    fn wrapper_and_pagination_variables() {
        let search = Place::Module(ModuleType::Search);
        assert_eq!(
            check_variable("output", &ctx(search, Region::Wrapper)),
            Verdict::Allowed
        );
        assert!(is_reported(check_variable(
            "output",
            &ctx(search, Region::Response)
        )));
        assert_eq!(
            check_variable("iterate", &ctx(search, Region::Pagination)),
            Verdict::Allowed
        );
        assert_eq!(
            check_variable("pagination", &ctx(search, Region::Pagination)),
            Verdict::Allowed
        );
        assert!(is_reported(check_variable(
            "pagination",
            &ctx(Place::Module(ModuleType::Action), Region::Request)
        )));
        assert_eq!(
            check_variable(
                "payload",
                &ctx(Place::Module(ModuleType::InstantTrigger), Region::Request)
            ),
            Verdict::Allowed
        );
        assert!(is_reported(check_variable(
            "payload",
            &ctx(search, Region::Request)
        )));
        assert_eq!(
            check_variable("webhook", &ctx(Place::WebhookAttach, Region::Request)),
            Verdict::Allowed
        );
        assert_eq!(
            check_variable("now", &ctx(Place::Epoch, Region::Request)),
            Verdict::Allowed
        );
    }
}
