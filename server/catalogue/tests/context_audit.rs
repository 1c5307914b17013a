//! Audit of the spec reference's availability facts (§4 response keys, §5
//! pagination, §6 webhooks and webhook-fed modules, §7.6 variables per
//! context) against the catalogue: one test per row or statement, each
//! citing the section it checks.

use iml_catalogue::{
    Availability, ExprContext, KeyAvailability, KeyLevel, ModuleType, Place, Region, Requirement,
    Section, Severity, Status, Verdict, check_variable, key_availability, member_restriction,
    request_keys, response_directive, response_keys, root_variable, rule, variable_availability,
};
use std::collections::BTreeSet;

// ---------------------------------------------------------------- helpers

const ACTION: Place = Place::Module(ModuleType::Action);
const SEARCH: Place = Place::Module(ModuleType::Search);
const UNIVERSAL: Place = Place::Module(ModuleType::Universal);
const TRIGGER: Place = Place::Module(ModuleType::Trigger);
const INSTANT: Place = Place::Module(ModuleType::InstantTrigger);
const RESPONDER: Place = Place::Module(ModuleType::Responder);

const CONNECTIONS: [Place; 3] = [
    Place::ConnectionBasic,
    Place::ConnectionOAuth2,
    Place::ConnectionOAuth1,
];
const WEBHOOK_REQUESTS: [Place; 3] = [
    Place::WebhookAttach,
    Place::WebhookDetach,
    Place::WebhookUpdate,
];

/// A §7.6 cell as the catalogue states it, without the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Yes,
    Resp,
    AuthorizeResp,
    WithIterate,
    AfterIterate,
    InWrapper,
    AfterToken,
    Warn,
    Error,
    /// Not documented either way: never reported.
    Quiet,
}

fn cell(name: &str, place: Place) -> Cell {
    match variable_availability(name, place) {
        Some(Availability::Available) => Cell::Yes,
        Some(Availability::ResponseOnly) => Cell::Resp,
        Some(Availability::AuthorizeResponseOnly) => Cell::AuthorizeResp,
        Some(Availability::IterateOnly) => Cell::WithIterate,
        Some(Availability::AfterIterate) => Cell::AfterIterate,
        Some(Availability::WrapperOnly) => Cell::InWrapper,
        Some(Availability::AfterToken) => Cell::AfterToken,
        Some(Availability::Unavailable {
            severity: Severity::Warning,
            ..
        }) => Cell::Warn,
        Some(Availability::Unavailable {
            severity: Severity::Error,
            ..
        }) => Cell::Error,
        Some(Availability::Unknown) => Cell::Quiet,
        other => panic!("`{name}` in {place:?}: unexpected {other:?}"),
    }
}

/// The §7.6 columns, in the table's order, with the places each stands for.
const COLUMNS: [&[Place]; 10] = [
    &[Place::ConnectionBasic],
    &[Place::ConnectionOAuth2],
    &[Place::ConnectionOAuth1],
    &[Place::Base],
    &[ACTION, SEARCH, UNIVERSAL],
    &[TRIGGER, Place::Epoch],
    &[INSTANT],
    &[Place::Rpc],
    &[Place::WebhookCommunication],
    &WEBHOOK_REQUESTS,
];

/// Asserts one §7.6 row, cell by cell.
fn assert_row(name: &str, cells: [Cell; 10]) {
    for (places, expected) in COLUMNS.iter().zip(cells) {
        for place in *places {
            assert_eq!(cell(name, *place), expected, "`{name}` in {place:?}");
        }
    }
}

fn ctx(place: Place, region: Region) -> ExprContext {
    ExprContext {
        place,
        section: None,
        region,
        iterating: false,
    }
}

fn iterating(place: Place, region: Region) -> ExprContext {
    ExprContext {
        iterating: true,
        ..ctx(place, region)
    }
}

fn in_section(place: Place, section: Section, region: Region) -> ExprContext {
    ExprContext {
        section: Some(section),
        ..ctx(place, region)
    }
}

fn is_warning(verdict: Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Report {
            severity: Severity::Warning,
            ..
        }
    )
}

fn response_key(name: &str, place: Place) -> KeyAvailability {
    key_availability(KeyLevel::Response, name, place)
}

fn request_key(name: &str, place: Place) -> KeyAvailability {
    key_availability(KeyLevel::Request, name, place)
}

/// The rule and its default severity, when the key is restricted.
fn restricted(availability: KeyAvailability) -> Option<(&'static str, Severity)> {
    match availability {
        KeyAvailability::Restricted(r) => Some((r.rule, rule(r.rule)?.severity)),
        _ => None,
    }
}

fn response_set(place: Place) -> BTreeSet<&'static str> {
    response_keys(place).map(|d| d.name).collect()
}

fn request_set(place: Place) -> BTreeSet<&'static str> {
    request_keys(place).map(|d| d.name).collect()
}

fn set(keys: &[&'static str]) -> BTreeSet<&'static str> {
    keys.iter().copied().collect()
}

/// §4: the keys Make's schema gives `response` in module, RPC and webhook
/// `api.json` files, `trigger` aside.
const API_RESPONSE_KEYS: &[&str] = &[
    "type", "valid", "limit", "error", "iterate", "temp", "output", "data", "metadata", "uid",
    "oauth", "wrapper", "expires",
];

// ------------------------------------------------------- §4 the response

#[test]
fn module_and_rpc_responses_have_the_schema_key_set() {
    // §4 intro. Instant triggers are left out: §4.5 removes `iterate` there.
    for place in [ACTION, SEARCH, UNIVERSAL, Place::Rpc] {
        assert_eq!(response_set(place), set(API_RESPONSE_KEYS), "{place:?}");
    }
    let mut trigger = set(API_RESPONSE_KEYS);
    trigger.insert("trigger");
    assert_eq!(response_set(TRIGGER), trigger);
}

#[test]
fn webhook_requests_are_validated_as_api_files() {
    // §4 intro ("webhook api.json") and §6.2: attach, detach and update use
    // the `api.json` schema, so their response keys are the module ones.
    for place in WEBHOOK_REQUESTS {
        assert_eq!(response_set(place), set(API_RESPONSE_KEYS), "{place:?}");
    }
}

#[test]
fn base_response_has_module_keys_except_trigger_and_expires() {
    // §4 intro.
    let mut expected = set(API_RESPONSE_KEYS);
    expected.remove("expires");
    assert_eq!(response_set(Place::Base), expected);
    assert_eq!(
        response_key("expires", Place::Base),
        KeyAvailability::NotAllowed
    );
    assert!(restricted(response_key("trigger", Place::Base)).is_some());
}

#[test]
fn epoch_response_allows_few_keys_and_requires_output() {
    // §4 intro: type, valid, limit, error, iterate, temp, output (required), oauth.
    assert_eq!(
        response_set(Place::Epoch),
        set(&[
            "type", "valid", "limit", "error", "iterate", "temp", "output", "oauth"
        ])
    );
    assert!(
        response_directive("output")
            .is_some_and(|d| d.is_required_in(Place::Epoch) && !d.is_required_in(SEARCH))
    );
    for key in ["wrapper", "data", "uid", "metadata", "expires"] {
        assert_eq!(
            response_key(key, Place::Epoch),
            KeyAvailability::NotAllowed,
            "{key}"
        );
    }
}

#[test]
fn responder_response_is_the_reply_to_the_caller() {
    // §4 intro and §6.5: `{status, body, headers}` and nothing else.
    assert_eq!(response_set(RESPONDER), set(&["status", "headers", "body"]));
    for key in ["output", "iterate", "valid", "type"] {
        assert_eq!(
            response_key(key, RESPONDER),
            KeyAvailability::NotAllowed,
            "{key}"
        );
    }
    // The reply keys belong to the responder alone.
    assert_eq!(response_key("status", ACTION), KeyAvailability::NotAllowed);
}

#[test]
fn base_error_applies_to_every_module() {
    // §4.3: a `response.error` in Base is inherited by modules without their own.
    assert_eq!(response_key("error", Place::Base), KeyAvailability::Allowed);
    for place in [ACTION, SEARCH, UNIVERSAL, TRIGGER, INSTANT, Place::Rpc] {
        assert_eq!(
            response_key("error", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
}

#[test]
fn limit_is_not_available_in_connections() {
    // §4.4 (and C3 of §12.1).
    for place in CONNECTIONS {
        assert_eq!(
            restricted(response_key("limit", place)),
            Some(("C003", Severity::Error)),
            "{place:?}"
        );
    }
    for place in [SEARCH, TRIGGER] {
        assert_eq!(response_key("limit", place), KeyAvailability::Allowed);
    }
}

#[test]
fn iterate_is_not_available_in_connections() {
    // §4.5.
    for place in CONNECTIONS {
        assert_eq!(
            restricted(response_key("iterate", place)),
            Some(("C003", Severity::Error)),
            "{place:?}"
        );
    }
}

#[test]
fn iterate_is_not_available_in_instant_triggers() {
    // §4.5 and §6.4: reported, as a warning, rather than accepted.
    assert_eq!(
        restricted(response_key("iterate", INSTANT)),
        Some(("R016", Severity::Warning))
    );
    assert!(!response_set(INSTANT).contains("iterate"));
    assert_eq!(response_key("iterate", SEARCH), KeyAvailability::Allowed);
}

#[test]
fn iterate_container_is_visible_in_wrapper_and_pagination() {
    // §4.5: after iteration, `iterate.container.first` / `.last`.
    let iterate = root_variable("iterate").and_then(|v| v.member("container"));
    let children: Vec<_> = iterate.map_or(vec![], |c| c.children.iter().map(|m| m.name).collect());
    assert_eq!(children, ["first", "last"]);
    for region in [Region::Wrapper, Region::Pagination] {
        assert_eq!(
            check_variable("iterate", &iterating(SEARCH, region)),
            Verdict::Allowed,
            "{region:?}"
        );
    }
    assert!(is_warning(check_variable(
        "iterate",
        &iterating(SEARCH, Region::Response)
    )));
}

#[test]
fn item_is_set_while_iterate_runs() {
    // §4.5: `iterate` puts `output` into per-item mode with `item`.
    assert_eq!(
        check_variable("item", &iterating(SEARCH, Region::Response)),
        Verdict::Allowed
    );
    assert!(is_warning(check_variable(
        "item",
        &ctx(SEARCH, Region::Response)
    )));
    assert!(is_warning(check_variable(
        "item",
        &iterating(SEARCH, Region::Request)
    )));
}

#[test]
fn response_temp_is_accepted_wherever_a_response_is_parsed() {
    // §4.6 names no restriction: every request place has `response.temp`.
    for place in CONNECTIONS
        .into_iter()
        .chain([
            Place::Base,
            ACTION,
            TRIGGER,
            INSTANT,
            Place::Rpc,
            Place::Epoch,
        ])
        .chain(WEBHOOK_REQUESTS)
    {
        assert_eq!(
            response_key("temp", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
}

#[test]
fn output_key_is_not_available_in_connections() {
    // §4.7.
    for place in CONNECTIONS {
        assert_eq!(
            restricted(response_key("output", place)),
            Some(("C003", Severity::Error)),
            "{place:?}"
        );
    }
    assert_eq!(response_key("output", ACTION), KeyAvailability::Allowed);
}

#[test]
fn output_variable_is_set_only_inside_wrapper() {
    // §4.8: inside `wrapper`, `output` holds the collected output.
    assert_eq!(
        check_variable("output", &ctx(SEARCH, Region::Wrapper)),
        Verdict::Allowed
    );
    for region in [Region::Request, Region::Response, Region::Pagination] {
        assert!(
            is_warning(check_variable("output", &ctx(SEARCH, region))),
            "{region:?}"
        );
    }
    assert!(response_directive("wrapper").is_some_and(|d| d.default == Some("\"{{output}}\"")));
}

#[test]
fn trigger_key_is_for_polling_triggers_only() {
    // §4.9.
    assert_eq!(response_key("trigger", TRIGGER), KeyAvailability::Allowed);
    for place in [ACTION, SEARCH, UNIVERSAL, INSTANT, Place::Rpc, Place::Epoch]
        .into_iter()
        .chain(WEBHOOK_REQUESTS)
    {
        assert_eq!(
            restricted(response_key("trigger", place)),
            Some(("R015", Severity::Warning)),
            "{place:?}"
        );
    }
}

#[test]
fn data_key_persists_in_connections_attach_and_polling_triggers() {
    // §4.10 `data`: saved into the connection, saved by attach as webhook data,
    // and the polling trigger's state (`data.lastDate`, `data.lastID`).
    for place in CONNECTIONS
        .into_iter()
        .chain([Place::WebhookAttach, TRIGGER])
    {
        assert_eq!(
            response_key("data", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
    let data = root_variable("data").expect("data");
    assert!(data.member("lastDate").is_some() && data.member("lastID").is_some());
}

#[test]
fn expires_key_belongs_to_oauth2_connections() {
    // §4.10 `expires`: OAuth 2 `token` / `refresh`.
    assert_eq!(
        response_key("expires", Place::ConnectionOAuth2),
        KeyAvailability::Allowed
    );
    for place in [Place::ConnectionBasic, Place::ConnectionOAuth1] {
        assert_eq!(
            restricted(response_key("expires", place)),
            Some(("C004", Severity::Hint)),
            "{place:?}"
        );
    }
}

#[test]
fn uid_key_identifies_the_remote_user_of_a_connection() {
    // §4.10 `uid`: connections (response) and shared-webhook communication
    // (top level, §6.1).
    for place in CONNECTIONS {
        assert_eq!(
            response_key("uid", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
    assert_eq!(
        request_key("uid", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
}

#[test]
fn metadata_key_labels_connections() {
    // §4.10 `metadata`.
    for place in CONNECTIONS {
        assert_eq!(
            response_key("metadata", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
}

#[test]
fn response_oauth_key_is_accepted_where_the_schema_has_it() {
    // §4.10 `oauth`: meaning UNCLEAR. The catalogue follows the schema (§4
    // intro): accepted outside connections, marked schema-only.
    let oauth = response_directive("oauth").expect("oauth");
    assert_eq!(oauth.status, Status::SchemaOnly);
    for place in [
        Place::Base,
        ACTION,
        Place::Rpc,
        Place::Epoch,
        Place::WebhookAttach,
    ] {
        assert_eq!(
            response_key("oauth", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
    assert_eq!(
        response_key("oauth", Place::ConnectionOAuth1),
        KeyAvailability::NotAllowed
    );
}

// ----------------------------------------------------------- §5 pagination

#[test]
fn pagination_is_a_request_key_where_lists_are_read() {
    // §5: a top-level request key; §7.6 gives `pagination.page` to Base,
    // searches, polling triggers (and epochs) and RPCs.
    for place in [
        SEARCH,
        UNIVERSAL,
        TRIGGER,
        Place::Epoch,
        Place::Rpc,
        Place::Base,
    ] {
        assert_eq!(
            request_key("pagination", place),
            KeyAvailability::Allowed,
            "{place:?}"
        );
    }
}

#[test]
fn pagination_is_not_available_in_connections() {
    // §5.
    for place in CONNECTIONS {
        assert_eq!(
            restricted(request_key("pagination", place)),
            Some(("C003", Severity::Error)),
            "{place:?}"
        );
    }
}

#[test]
fn pagination_is_not_available_in_instant_triggers_or_actions() {
    // §5 (searches paginate, actions do not) and §6.4.
    for place in [ACTION, INSTANT] {
        assert_eq!(
            restricted(request_key("pagination", place)),
            Some(("R016", Severity::Warning)),
            "{place:?}"
        );
    }
}

#[test]
fn pagination_sees_the_last_response() {
    // §5 "Variables": `pagination.page`, `body`, `headers`, `item`, `temp`,
    // `iterate.container.*`.
    let page = iterating(SEARCH, Region::Pagination);
    for name in ["pagination", "body", "headers", "item", "temp", "iterate"] {
        assert_eq!(check_variable(name, &page), Verdict::Allowed, "{name}");
    }
    assert!(root_variable("pagination").is_some_and(|v| v.member("page").is_some()));
}

// ------------------------------------------------------------ §6 webhooks

#[test]
fn respond_is_a_webhook_communication_key() {
    // §6.1 table, `respond`.
    assert_eq!(
        request_key("respond", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
    assert_eq!(request_key("respond", ACTION), KeyAvailability::NotAllowed);
}

#[test]
fn verification_is_a_webhook_communication_key() {
    // §6.1 table, `verification`.
    assert_eq!(
        request_key("verification", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
    assert_eq!(
        request_key("verification", Place::Rpc),
        KeyAvailability::NotAllowed
    );
}

#[test]
fn iterate_splits_a_batched_webhook_payload() {
    // §6.1 table, `iterate`: top level in webhook communication, where there
    // is no `response`.
    assert_eq!(
        request_key("iterate", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
    assert_eq!(request_key("iterate", SEARCH), KeyAvailability::NotAllowed);
}

#[test]
fn output_shapes_the_webhook_bundle() {
    // §6.1 table, `output`.
    assert_eq!(
        request_key("output", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
    assert_eq!(request_key("output", SEARCH), KeyAvailability::NotAllowed);
}

#[test]
fn condition_decides_whether_a_webhook_payload_is_processed() {
    // §6.1 table, `condition`.
    assert_eq!(
        request_key("condition", Place::WebhookCommunication),
        KeyAvailability::Allowed
    );
}

#[test]
fn uid_is_required_in_shared_webhook_communication() {
    // §6.1 table, `uid`, and §6.3.
    let uid = iml_catalogue::directive("uid").expect("uid");
    assert!(uid.places.contains(Place::WebhookCommunication));
    assert!(matches!(uid.required, Requirement::RequiredWhen(_)));
    assert!(!uid.is_required_in(Place::WebhookCommunication));
}

#[test]
fn webhook_communication_sends_no_request() {
    // §6.1: it processes incoming payloads; request directives are ignored.
    for key in [
        "url",
        "method",
        "qs",
        "headers",
        "body",
        "pagination",
        "response",
    ] {
        assert_eq!(
            restricted(request_key(key, Place::WebhookCommunication)),
            Some(("R020", Severity::Warning)),
            "{key}"
        );
    }
    assert!(response_set(Place::WebhookCommunication).is_empty());
}

#[test]
fn webhook_communication_has_no_connection() {
    // §6.1 and §7.6 (`connection` "—"); §13.17 records a conflict, so a warning.
    assert!(is_warning(check_variable(
        "connection",
        &iterating(Place::WebhookCommunication, Region::Response)
    )));
}

#[test]
fn webhook_communication_sees_the_incoming_request() {
    // §6.1 "Variables in webhook communication".
    let webhook = iterating(Place::WebhookCommunication, Region::Response);
    for name in [
        "now",
        "environment",
        "parameters",
        "data",
        "body",
        "query",
        "method",
        "headers",
        "item",
    ] {
        assert_eq!(check_variable(name, &webhook), Verdict::Allowed, "{name}");
    }
}

#[test]
fn attach_sees_webhook_id_and_url() {
    // §6.2: in attach, `webhook.id` and `webhook.url`.
    assert_eq!(
        check_variable("webhook", &ctx(Place::WebhookAttach, Region::Request)),
        Verdict::Allowed
    );
    let webhook = root_variable("webhook").expect("webhook");
    assert!(webhook.member("id").is_some() && webhook.member("url").is_some());
}

#[test]
fn attach_saves_webhook_data_with_response_data() {
    // §6.2: attach stores the remote id and similar with `response.data`.
    assert_eq!(
        response_key("data", Place::WebhookAttach),
        KeyAvailability::Allowed
    );
}

#[test]
fn detach_reads_attach_data_through_webhook() {
    // §6.2: in detach, `webhook` holds what attach saved, so any member goes.
    assert_eq!(
        check_variable("webhook", &ctx(Place::WebhookDetach, Region::Request)),
        Verdict::Allowed
    );
    assert!(root_variable("webhook").is_some_and(|v| v.open));
}

#[test]
fn webhook_in_instant_trigger_context_is_never_reported() {
    // §6.2: visible to the instant trigger's `expect` / `interface` and to
    // RPCs run for it. An RPC file cannot tell, so it stays quiet.
    assert_eq!(
        check_variable("webhook", &ctx(INSTANT, Region::ParameterFile)),
        Verdict::Silent
    );
    assert_eq!(
        check_variable("webhook", &ctx(Place::Rpc, Region::Request)),
        Verdict::Silent
    );
}

#[test]
fn update_is_treated_like_attach() {
    // §6.2: `update` is UNDOCUMENTED; the catalogue gives it attach's keys and
    // variables.
    assert_eq!(
        request_set(Place::WebhookUpdate),
        request_set(Place::WebhookAttach)
    );
    for name in [
        "webhook",
        "connection",
        "parameters",
        "body",
        "item",
        "payload",
    ] {
        assert_eq!(
            cell(name, Place::WebhookUpdate),
            cell(name, Place::WebhookAttach),
            "{name}"
        );
    }
}

#[test]
fn shared_webhooks_route_by_uid_on_both_sides() {
    // §6.3: the connection defines `response.uid`, the communication `uid`.
    assert_eq!(
        response_key("uid", Place::ConnectionBasic),
        KeyAvailability::Allowed
    );
    for code in ["C018", "X005"] {
        assert_eq!(
            rule(code).map(|r| r.severity),
            Some(Severity::Warning),
            "{code}"
        );
    }
}

#[test]
fn instant_trigger_communication_may_be_empty() {
    // §6.4: the communication is optional (usually `{}`).
    let url = iml_catalogue::directive("url").expect("url");
    assert!(!url.is_required_in(INSTANT));
    assert!(url.is_required_in(TRIGGER));
}

#[test]
fn instant_trigger_cannot_iterate_or_paginate() {
    // §6.4: keys and the variables they would set.
    for (level, key) in [
        (KeyLevel::Response, "iterate"),
        (KeyLevel::Request, "pagination"),
    ] {
        assert_eq!(
            restricted(key_availability(level, key, INSTANT)),
            Some(("R016", Severity::Warning)),
            "{key}"
        );
    }
    for name in ["item", "iterate", "pagination"] {
        assert_eq!(cell(name, INSTANT), Cell::Warn, "{name}");
    }
}

#[test]
fn payload_is_available_in_instant_triggers() {
    // §6.4: the extra variable `payload`.
    assert_eq!(
        check_variable("payload", &ctx(INSTANT, Region::Request)),
        Verdict::Allowed
    );
    assert!(is_warning(check_variable(
        "payload",
        &ctx(ACTION, Region::Request)
    )));
}

#[test]
fn responder_has_only_response() {
    // §6.5: only `response` is allowed; request directives are ignored.
    assert_eq!(request_set(RESPONDER), set(&["response"]));
    for key in ["url", "method", "body", "pagination"] {
        assert_eq!(
            restricted(request_key(key, RESPONDER)),
            Some(("R020", Severity::Warning)),
            "{key}"
        );
    }
}

// ------------------------------------------------- §7.6 variables per context

use Cell::{
    AfterIterate as AI, AfterToken as AT, AuthorizeResp as AR, Error as E, InWrapper as WO,
    Quiet as Q, Resp as R, Warn as W, WithIterate as IT, Yes as Y,
};

#[test]
fn now_and_environment_are_everywhere() {
    // §7.6 row `now`, `environment`.
    assert_row("now", [Y; 10]);
    assert_row("environment", [Y; 10]);
}

#[test]
fn temp_is_everywhere_but_undocumented_in_webhook_communication() {
    // §7.6 row `temp`: "?" for webhook communication.
    assert_row("temp", [Y, Y, Y, Y, Y, Y, Y, Y, Q, Y]);
}

#[test]
fn parameters_are_everywhere() {
    // §7.6 row `parameters`.
    assert_row("parameters", [Y; 10]);
}

#[test]
fn common_is_everywhere_but_undocumented_in_webhook_communication() {
    // §7.6 row `common`: "?" for webhook communication.
    assert_row("common", [Y, Y, Y, Y, Y, Y, Y, Y, Q, Y]);
}

#[test]
fn data_is_module_or_connection_data() {
    // §7.6 row `data`. Base "—" and attach/detach are quiet: Base runs inside
    // modules (the note below the table), and attach/detach use it only as
    // `response.data` and `webhook.*`.
    assert_row("data", [Y, Y, Y, Q, Y, Y, Y, Y, Y, Q]);
}

#[test]
fn connection_is_for_components_that_use_the_connection() {
    // §7.6 row `connection`: not in basic connections or webhook
    // communication, after `token` in OAuth 2, in `info` in OAuth 1.
    assert_row("connection", [W, AT, AT, Y, Y, Y, Y, Y, W, Y]);
    let oauth2 = |s| {
        check_variable(
            "connection",
            &in_section(Place::ConnectionOAuth2, s, Region::Request),
        )
    };
    assert_eq!(oauth2(Section::Info), Verdict::Allowed);
    assert_eq!(oauth2(Section::Refresh), Verdict::Allowed);
    assert!(is_warning(oauth2(Section::Token)));
    let oauth1 = |s| {
        check_variable(
            "connection",
            &in_section(Place::ConnectionOAuth1, s, Region::Request),
        )
    };
    assert_eq!(oauth1(Section::Info), Verdict::Allowed);
    assert!(is_warning(oauth1(Section::RequestToken)));
}

#[test]
fn oauth_is_for_oauth_connections_only() {
    // §7.6 row `oauth.*`: OAuth 2 has scope and three redirect URIs, OAuth 1
    // only scope and redirectUri.
    assert_row("oauth", [W, Y, Y, E, E, E, E, E, E, E]);
    for member in ["localRedirectUri", "makeRedirectUri"] {
        assert!(member_restriction("oauth", member, Place::ConnectionOAuth1).is_some());
        assert!(member_restriction("oauth", member, Place::ConnectionOAuth2).is_none());
    }
    for member in ["scope", "redirectUri"] {
        assert!(member_restriction("oauth", member, Place::ConnectionOAuth1).is_none());
    }
}

#[test]
fn query_is_the_oauth_callback_or_the_incoming_query() {
    // §7.6 row `query`.
    assert_row("query", [W, AR, AR, W, W, W, W, W, Y, W]);
    assert_eq!(
        check_variable(
            "query",
            &in_section(
                Place::ConnectionOAuth1,
                Section::Authorize,
                Region::Response
            )
        ),
        Verdict::Allowed
    );
}

#[test]
fn body_and_headers_are_response_values_or_the_incoming_request() {
    // §7.6 row `body`, `headers`.
    for name in ["body", "headers"] {
        assert_row(name, [R, R, R, R, R, R, R, R, Y, R]);
        assert!(is_warning(check_variable(
            name,
            &ctx(SEARCH, Region::Request)
        )));
        assert_eq!(
            check_variable(name, &ctx(SEARCH, Region::Pagination)),
            Verdict::Allowed
        );
    }
}

#[test]
fn status_code_is_a_response_value_except_in_webhook_communication() {
    // §7.6 row `statusCode`.
    assert_row("statusCode", [R, R, R, R, R, R, R, R, W, R]);
}

#[test]
fn item_exists_only_with_iterate() {
    // §7.6 row `item`. Base "—" is taken as the module scope (the note below
    // the table), where `iterate` sets it.
    assert_row("item", [E, E, E, IT, IT, IT, W, IT, IT, W]);
}

#[test]
fn iterate_container_and_output_are_module_and_rpc_variables() {
    // §7.6 row `iterate.container.*`, `output`.
    assert_row("iterate", [W, W, W, AI, AI, AI, W, AI, W, W]);
    assert_row("output", [W, W, W, WO, WO, WO, W, WO, W, W]);
}

#[test]
fn pagination_page_is_for_components_that_paginate() {
    // §7.6 row `pagination.page`: the module column says "search/list".
    for (i, places) in COLUMNS.iter().enumerate() {
        if i == 4 {
            continue;
        }
        let expected = [W, W, W, Y, Y, Y, W, Y, W, W][i];
        for place in *places {
            assert_eq!(cell("pagination", *place), expected, "{place:?}");
        }
    }
    assert_eq!(cell("pagination", SEARCH), Y);
    assert_eq!(cell("pagination", ACTION), W);
    // Universal modules are not named: never reported.
    assert_eq!(cell("pagination", UNIVERSAL), Q);
}

#[test]
fn scenario_and_metadata_are_module_and_rpc_variables() {
    // §7.6 row `scenario`, `metadata.*`.
    for name in ["scenario", "metadata"] {
        assert_row(name, [W, W, W, Q, Y, Y, Y, Y, W, W]);
    }
    let metadata = root_variable("metadata").expect("metadata");
    assert!(metadata.member("expect").is_some() && metadata.member("interface").is_some());
}

#[test]
fn payload_is_for_instant_triggers_only() {
    // §7.6 row `payload`.
    assert_row("payload", [W, W, W, Q, W, W, Y, W, W, W]);
}

#[test]
fn webhook_is_for_attach_detach_and_instant_trigger_context() {
    // §7.6 row `webhook.*`: instant triggers only in expect/interface, RPCs
    // only for an instant trigger; neither is decidable from the file.
    assert_row("webhook", [W, W, W, Q, W, W, Q, Q, W, Y]);
}

#[test]
fn method_is_for_webhook_communication_only() {
    // §7.6 row `method`.
    assert_row("method", [W, W, W, W, W, W, W, W, Y, W]);
}

#[test]
fn responder_follows_the_module_column_except_for_reply_values() {
    // §7.6 has no responder column. The catalogue uses the module column,
    // quiet on the remote-response variables and without pagination.
    assert_eq!(cell("payload", RESPONDER), W);
    assert_eq!(cell("pagination", RESPONDER), W);
    for name in ["body", "headers", "statusCode"] {
        assert_eq!(cell(name, RESPONDER), Q, "{name}");
    }
}

#[test]
fn legacy_trigger_match_equal_is_quiet_in_polling_triggers() {
    // §7.5 `trigger.matchEqual`: legacy only, UNCLEAR today.
    assert_eq!(cell("trigger", TRIGGER), Q);
    assert_eq!(cell("trigger", Place::Epoch), Q);
    assert_eq!(cell("trigger", SEARCH), W);
}
