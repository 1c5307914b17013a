//! The key sets of spec §14, written out literally: a key missing from the
//! catalogue, or one it has in excess, fails here.

use iml_catalogue::{
    EnumId, KeyAvailability, KeyLevel, ModuleType, NestedObject, Place, ValueShape, directive,
    directives, enumeration, key_availability, nested_keys, nested_object, request_keys,
    response_keys, rule,
};
use std::collections::BTreeSet;

fn set(keys: &[&'static str]) -> BTreeSet<&'static str> {
    let out: BTreeSet<_> = keys.iter().copied().collect();
    assert_eq!(out.len(), keys.len(), "expected list repeats a key");
    out
}

fn request(place: Place) -> BTreeSet<&'static str> {
    request_keys(place).map(|d| d.name).collect()
}

fn response(place: Place) -> BTreeSet<&'static str> {
    response_keys(place).map(|d| d.name).collect()
}

fn nested(object: NestedObject) -> BTreeSet<&'static str> {
    nested_keys(object).map(|d| d.name).collect()
}

/// §14 "Request object keys" for modules and RPCs (webhook-communication keys
/// excluded: they are "webhook `api` only").
const MODULE_REQUEST_KEYS: &[&str] = &[
    "url",
    "encodeUrl",
    "method",
    "headers",
    "qs",
    "body",
    "type",
    "ca",
    "condition",
    "temp",
    "aws",
    "oauth",
    "followRedirects",
    "followAllRedirects",
    "gzip",
    "log",
    "repeat",
    "pagination",
    "response",
    "shareCookies",
    "rejectUnauthorized",
    "endpoint",
    "input",
];

fn without(keys: &[&'static str], removed: &[&str]) -> BTreeSet<&'static str> {
    keys.iter()
        .copied()
        .filter(|k| !removed.contains(k))
        .collect()
}

#[test]
fn module_and_rpc_request_keys() {
    for place in [
        Place::Module(ModuleType::Search),
        Place::Module(ModuleType::Trigger),
        Place::Module(ModuleType::Universal),
        Place::Rpc,
    ] {
        assert_eq!(request(place), set(MODULE_REQUEST_KEYS), "{place:?}");
    }
    // §5 / §6.4: actions and instant triggers do not paginate (reported by R016).
    for place in [
        Place::Module(ModuleType::Action),
        Place::Module(ModuleType::InstantTrigger),
    ] {
        assert_eq!(
            request(place),
            without(MODULE_REQUEST_KEYS, &["pagination"]),
            "{place:?}"
        );
        assert!(matches!(
            key_availability(KeyLevel::Request, "pagination", place),
            KeyAvailability::Restricted(r) if r.rule == "R016"
        ));
    }
}

#[test]
fn webhook_request_keys() {
    // §3.1 "Where": pagination lists no W, endpoint/input are M and R only.
    let expected = without(MODULE_REQUEST_KEYS, &["pagination", "endpoint", "input"]);
    for place in [
        Place::WebhookAttach,
        Place::WebhookDetach,
        Place::WebhookUpdate,
    ] {
        assert_eq!(request(place), expected, "{place:?}");
    }
    assert_eq!(
        request(Place::WebhookCommunication),
        set(&[
            "respond",
            "verification",
            "iterate",
            "output",
            "uid",
            "condition",
            "temp"
        ])
    );
    assert!(matches!(
        key_availability(KeyLevel::Request, "url", Place::WebhookCommunication),
        KeyAvailability::Restricted(r) if r.rule == "R020"
    ));
}

#[test]
fn base_keys() {
    // §14: the request keys except repeat, gzip, endpoint, input; plus baseUrl, timeout.
    let mut expected = without(
        MODULE_REQUEST_KEYS,
        &["repeat", "gzip", "endpoint", "input"],
    );
    expected.extend(["baseUrl", "timeout"]);
    assert_eq!(request(Place::Base), expected);
}

#[test]
fn epoch_keys() {
    // §3.1 "Where" column: everything modules have except endpoint/input (M, R).
    assert_eq!(
        request(Place::Epoch),
        without(MODULE_REQUEST_KEYS, &["endpoint", "input"])
    );
}

#[test]
fn connection_request_keys() {
    // §14, plus `repeat` (UNCLEAR there; accepted so nothing correct is flagged).
    let basic = set(&[
        "url",
        "encodeUrl",
        "method",
        "headers",
        "qs",
        "body",
        "type",
        "ca",
        "condition",
        "temp",
        "followRedirects",
        "followAllRedirects",
        "gzip",
        "log",
        "response",
        "repeat",
    ]);
    assert_eq!(request(Place::ConnectionBasic), basic);
    assert_eq!(request(Place::ConnectionOAuth2), basic);
    let mut oauth1 = basic.clone();
    oauth1.insert("oauth");
    assert_eq!(request(Place::ConnectionOAuth1), oauth1);
    for place in [
        Place::ConnectionBasic,
        Place::ConnectionOAuth2,
        Place::ConnectionOAuth1,
    ] {
        for forbidden in ["aws", "pagination"] {
            assert!(
                matches!(
                    key_availability(KeyLevel::Request, forbidden, place),
                    KeyAvailability::Restricted(r) if r.rule == "C003"
                ),
                "{forbidden} in {place:?}"
            );
        }
    }
}

#[test]
fn responder_has_only_response() {
    let responder = Place::Module(ModuleType::Responder);
    assert_eq!(request(responder), set(&["response"]));
    assert_eq!(response(responder), set(&["status", "headers", "body"]));
    assert!(matches!(
        key_availability(KeyLevel::Request, "url", responder),
        KeyAvailability::Restricted(r) if r.rule == "R020"
    ));
}

#[test]
fn response_keys_per_place() {
    // §14 "modules and RPCs", with the schema-only `oauth` and `expires`.
    let modules = set(&[
        "type", "valid", "error", "limit", "iterate", "temp", "output", "wrapper", "trigger",
        "data", "uid", "metadata", "oauth", "expires",
    ]);
    assert_eq!(response(Place::Module(ModuleType::Trigger)), modules);
    let mut non_trigger = modules.clone();
    non_trigger.remove("trigger");
    for place in [
        Place::Module(ModuleType::Action),
        Place::Rpc,
        Place::WebhookAttach,
    ] {
        assert_eq!(response(place), non_trigger, "{place:?}");
        assert!(matches!(
            key_availability(KeyLevel::Response, "trigger", place),
            KeyAvailability::Restricted(r) if r.rule == "R015"
        ));
    }
    let connection = set(&["type", "valid", "error", "temp", "data", "uid", "metadata"]);
    assert_eq!(response(Place::ConnectionBasic), connection);
    assert_eq!(response(Place::ConnectionOAuth1), connection);
    let mut oauth2 = connection.clone();
    oauth2.insert("expires");
    assert_eq!(response(Place::ConnectionOAuth2), oauth2);
    for key in ["limit", "iterate", "output", "wrapper"] {
        assert!(
            matches!(
                key_availability(KeyLevel::Response, key, Place::ConnectionOAuth2),
                KeyAvailability::Restricted(r) if r.rule == "C003"
            ),
            "{key}"
        );
    }
    assert!(matches!(
        key_availability(KeyLevel::Response, "expires", Place::ConnectionBasic),
        KeyAvailability::Restricted(r) if r.rule == "C004"
    ));
    // §4: Base has the module keys except trigger and expires.
    assert_eq!(
        response(Place::Base),
        set(&[
            "type", "valid", "limit", "error", "iterate", "temp", "output", "data", "metadata",
            "uid", "oauth", "wrapper",
        ])
    );
    assert_eq!(
        response(Place::Epoch),
        set(&[
            "type", "valid", "error", "limit", "iterate", "temp", "output", "oauth"
        ])
    );
    assert!(response(Place::WebhookCommunication).is_empty());
}

#[test]
fn nested_key_sets() {
    use NestedObject as O;
    let expected: &[(NestedObject, &[&str])] = &[
        (
            O::Pagination,
            &[
                "mergeWithParent",
                "url",
                "method",
                "headers",
                "qs",
                "body",
                "condition",
            ],
        ),
        (O::Condition, &["condition", "default"]),
        (O::Valid, &["condition", "message", "type"]),
        (O::Error, &["message", "type"]),
        (O::ErrorStatus, &["message", "type"]),
        (O::Iterate, &["container", "condition"]),
        (O::Trigger, &["type", "order", "id", "date"]),
        (O::Metadata, &["type", "value"]),
        (O::Repeat, &["condition", "delay", "limit"]),
        (O::Log, &["sanitize"]),
        (
            O::Aws,
            &[
                "key",
                "secret",
                "session",
                "bucket",
                "sign_version",
                "service",
            ],
        ),
        (
            O::OAuth1Signing,
            &[
                "consumer_key",
                "consumer_secret",
                "private_key",
                "token",
                "token_secret",
                "verifier",
                "signature_method",
                "transport_method",
                "body_hash",
            ],
        ),
        (O::Respond, &["type", "status", "headers", "body"]),
        (O::Verification, &["condition", "respond"]),
        (O::EndpointReference, &["name", "connection"]),
    ];
    for (object, keys) in expected {
        assert_eq!(nested(*object), set(keys), "{object:?}");
        assert_eq!(nested_object(*object).object, *object);
    }
    assert_eq!(
        nested_object(O::Error).extra_keys,
        iml_catalogue::ExtraKeys::StatusCodes
    );
}

#[test]
fn table_is_consistent() {
    let mut seen = BTreeSet::new();
    for d in directives() {
        assert!(
            seen.insert((format!("{:?}", d.level), d.name)),
            "duplicate {}",
            d.name
        );
        assert!(!d.doc.is_empty(), "{} has no doc", d.name);
        assert!(
            d.url.starts_with("https://developers.make.com/"),
            "{}",
            d.name
        );
        for r in d.restrictions {
            assert!(rule(r.rule).is_some(), "{}: {}", d.name, r.rule);
            assert!(
                d.places.intersection(r.places).is_empty(),
                "{} is both allowed and restricted",
                d.name
            );
        }
        if let Some(id) = d.values {
            // The default, when enumerated, must be one of the values.
            if let Some(default) = d.default {
                let literal = default.trim_matches('"');
                assert!(
                    enumeration(id).contains(literal),
                    "{} default {default}",
                    d.name
                );
            }
        }
        if let Some(object) = d.shape.nested() {
            assert!(
                nested_keys(object).next().is_some(),
                "{} has an empty object",
                d.name
            );
        }
        assert!(!d.shape.json_kinds().is_empty());
        if matches!(d.shape, ValueShape::StaticBool | ValueShape::StaticNumber) {
            assert!(!d.iml, "{} is static but allows IML", d.name);
        }
    }
}

#[test]
fn directive_details() {
    let method = directive("method").map(|d| (d.values, d.default, d.snippet()));
    assert_eq!(
        method,
        Some((
            Some(EnumId::Method),
            Some("\"GET\""),
            "\"method\": \"$1\"".to_string()
        ))
    );
    assert_eq!(
        directive("response").map(|d| d.snippet()).as_deref(),
        Some("\"response\": {$0}")
    );
    assert!(directive("followRedirects").is_some_and(|d| !d.iml));
    assert!(
        directive("url").is_some_and(|d| d.is_required_in(Place::ConnectionBasic)
            && !d.is_required_in(Place::Module(ModuleType::Action)))
    );
    assert!(iml_catalogue::is_status_pattern("*"));
    assert!(iml_catalogue::is_status_pattern("400-499"));
    assert!(!iml_catalogue::is_status_pattern("4xx"));
    assert!(iml_catalogue::is_status_code("404"));
    assert!(!iml_catalogue::is_status_code("40"));
    assert_eq!(
        key_availability(KeyLevel::Request, "header", Place::Rpc),
        KeyAvailability::NotAllowed
    );
}
