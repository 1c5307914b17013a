//! The `review` profile: the `V…` rules that check Make's app-review
//! guidelines, which rules the profile turns on, which existing rules it
//! makes louder, and how safe the fixes of its rules are.
//!
//! The rules are off by default: they are style and review conventions, not
//! errors Make's engine would hit. `iml-ls check --profile review`,
//! `imlLs.profile: "review"` or `profile = "review"` in `iml-ls.toml` turn
//! them on. `docs/review.md` maps every guideline to its rule.

use crate::Severity;
use crate::rule_entry::{Rule, RuleCategory, r};
use crate::urls;

/// A named set of rules switched on together, and existing rules raised.
#[derive(Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: &'static str,
    pub summary: &'static str,
    /// Rules that are off by default and on in this profile.
    pub enables: &'static [&'static str],
    /// Existing rules reported at least this loud in this profile. A
    /// profile only ever raises: a rule already louder keeps its severity.
    pub raises: &'static [(&'static str, Severity)],
}

impl Profile {
    pub fn enables(&self, code: &str) -> bool {
        self.enables.iter().any(|c| c.eq_ignore_ascii_case(code))
    }

    /// The severity a diagnostic of `code` at `severity` has in the profile.
    pub fn raise(&self, code: &str, severity: Severity) -> Severity {
        self.raises
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map_or(severity, |(_, floor)| severity.max(*floor))
    }
}

/// The help text the limit fix writes. Our wording, matching the sentence
/// Make's own app documentation uses for Limit fields.
pub const LIMIT_HELP: &str =
    "Maximum number of results to be worked with during one execution cycle.";

/// The module description prefixes the module-descriptions page gives.
pub const TRIGGER_DESCRIPTION_PREFIX: &str = "Triggers when";
pub const SEARCH_DESCRIPTION_PREFIX: &str = "Returns a list of";

/// Labels the module-labels page gives universal modules.
pub const UNIVERSAL_LABELS: &[&str] = &[
    "Make an API call",
    "Make a SOAP API call",
    "Execute a GraphQL query",
];

/// Words that stay upper-case in sentence case: acronyms the
/// parameter-labels page names, and common ones of APIs. Our list.
pub const ACRONYMS: &[&str] = &[
    "ID", "IDs", "URL", "URLs", "API", "APIs", "GPS", "VAT", "HTTP", "HTTPS", "JSON", "XML", "CSV",
    "PDF", "SMS", "CRM", "SQL", "SOAP", "REST", "IP", "OAuth", "UUID", "HTML", "AI", "FAQ", "ZIP",
    "URI", "IBAN", "SKU", "GraphQL",
];

/// Connection parameter names that hold a secret (RV33). Our list.
pub const SECRET_PARAMETER_WORDS: &[&str] =
    &["key", "token", "secret", "password", "passwd", "pin", "pat"];

/// Connection parameter names that hold a per-user host (RV35). Our list.
pub const HOST_PARAMETER_WORDS: &[&str] = &[
    "domain",
    "subdomain",
    "url",
    "host",
    "baseurl",
    "instance",
    "server",
];

/// Hosts of hosting platforms and development tunnels (RV19). Our list.
pub const HOSTING_DOMAINS: &[&str] = &[
    "herokuapp.com",
    "amazonaws.com",
    "azurewebsites.net",
    "cloudfunctions.net",
    "run.app",
    "vercel.app",
    "netlify.app",
    "ngrok.io",
    "ngrok-free.app",
    "ngrok.app",
];

/// More than this many modules and the app needs groups (RV87).
pub const MODULES_WITHOUT_GROUPS: usize = 10;

use RuleCategory::Review as V;
use Severity::{Error as E, Warning as W};

const ON_IN_PROFILE: &str = "A review convention, not a runtime error: on in the `review` profile.";

pub static REVIEW_RULES: &[Rule] = &[
    r("V001", "module-label-sentence-case", V, W,
        "A module label is not in sentence case.",
        "Make's module-labels page asks for sentence case: only the first word is capitalised, \
         acronyms (ID, URL, API) and proper nouns keep theirs. Words of the app's own connection \
         labels, and words its module descriptions capitalise inside a sentence, count as proper \
         nouns. The fix lower-cases the other words.",
        r#"{ "label": "Create a New Contact" }"#,
        r#"{ "label": "Create a new contact" }"#,
        "Doc (module labels); guideline RV65")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_LABELS).off(),
    r("V002", "watch-label", V, W,
        "A trigger label does not follow `Watch [items]`.",
        "Triggers and instant triggers are labelled `Watch contacts`, `Watch new contacts`, \
         `Watch updated contacts`: plural, never `Watch a contact`.",
        r#"{ "label": "New contact created", "moduleType": "trigger" }"#,
        r#"{ "label": "Watch new contacts", "moduleType": "trigger" }"#,
        "Doc (module labels); guideline RV66")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_LABELS).off(),
    r("V003", "search-label", V, W,
        "A search module label does not start with `List` or `Search`.",
        "Searches are labelled `List [items]` when they take no filters and `Search [items]` when \
         they do.",
        r#"{ "label": "Get all contacts", "moduleType": "search" }"#,
        r#"{ "label": "List contacts", "moduleType": "search" }"#,
        "Doc (module labels); guideline RV68")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_LABELS).off(),
    r("V004", "universal-label", V, W,
        "A universal module is not labelled `Make an API call`.",
        "The module-labels page gives universal modules fixed labels: `Make an API call`, \
         `Make a SOAP API call` or `Execute a GraphQL query`.",
        r#"{ "label": "Universal request", "moduleType": "universal" }"#,
        r#"{ "label": "Make an API call", "moduleType": "universal" }"#,
        "Doc (module labels); guideline RV71")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_LABELS).off(),
    r("V005", "module-description-missing", V, E,
        "A module has no description.",
        "Reviewers reject modules without a description of their end result. Write one sentence \
         in the third person, e.g. `Creates a new contact.`",
        r#"{ "label": "Create a contact", "moduleType": "action" }"#,
        r#"{ "label": "Create a contact", "moduleType": "action", "description": "Creates a new contact." }"#,
        "Doc (module descriptions, prerequisites); guidelines RV11, RV72")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_DESCRIPTIONS).off(),
    r("V006", "module-description-prefix", V, W,
        "A trigger or search description does not start as Make's pages ask.",
        "Trigger descriptions start with `Triggers when`; search descriptions with \
         `Returns a list of`.",
        r#"{ "moduleType": "search", "description": "Lists all contacts." }"#,
        r#"{ "moduleType": "search", "description": "Returns a list of contacts." }"#,
        "Doc (module descriptions); guidelines RV73, RV75")
        .why(ON_IN_PROFILE).url(urls::BP_MODULE_DESCRIPTIONS).off(),
    r("V007", "universal-module-count", V, E,
        "The app has no universal module, or more than one.",
        "The review prerequisites ask every app to have a universal module (`Make an API call`), \
         and one is enough.",
        r#"{ "components": { "module": { "listContacts": { "moduleType": "search" } } } }"#,
        r#"{ "components": { "module": { "listContacts": { "moduleType": "search" }, "makeApiCall": { "moduleType": "universal" } } } }"#,
        "Doc (prerequisites, module types); guidelines RV12, RV40")
        .why(ON_IN_PROFILE).url(urls::REVIEW_PREREQUISITES).off(),
    r("V008", "universal-without-connection", V, E,
        "The universal module has no connection while the app has one.",
        "The universal module sends the user's own authorised calls; without the connection it \
         cannot authorise them.",
        r#"{ "makeApiCall": { "moduleType": "universal", "connection": null } }"#,
        r#"{ "makeApiCall": { "moduleType": "universal", "connection": "acme" } }"#,
        "Doc (universal module, prerequisites); guideline RV41")
        .why(ON_IN_PROFILE).url(urls::MODULE_UNIVERSAL).off(),
    r("V009", "limit-not-applied", V, E,
        "A search or polling trigger does not set `response.limit`.",
        "Searches and polling triggers must let users cap how many bundles a run returns: the \
         last request's `response` sets `\"limit\": \"{{parameters.limit}}\"`. A module that \
         iterates nothing and outputs one literal object returns one bundle and is not \
         reported.",
        r#"{ "url": "/contacts", "response": { "iterate": "{{body.items}}", "output": "{{item}}" } }"#,
        r#"{ "url": "/contacts", "response": { "iterate": "{{body.items}}", "output": "{{item}}", "limit": "{{parameters.limit}}" } }"#,
        "Doc (search modules, trigger modules, prerequisites); guideline RV15")
        .why(ON_IN_PROFILE).url(urls::BP_SEARCH_MODULES).off(),
    r("V010", "limit-parameter", V, W,
        "A search or polling trigger has no proper `limit` parameter.",
        "The `limit` parameter is a `uinteger` labelled `Limit`, with a help text, never \
         advanced; in searches it defaults to 10 and is optional, in polling triggers it is \
         required. The fix adds it with the standard help text (unsafe: users see a new field).",
        r#"[{ "name": "query", "type": "text", "label": "Query" }]"#,
        r#"[{ "name": "query", "type": "text", "label": "Query" }, { "name": "limit", "type": "uinteger", "label": "Limit", "default": 10, "help": "Maximum number of results to be worked with during one execution cycle." }]"#,
        "Doc (search modules, trigger modules); guidelines RV52, RV53")
        .why(ON_IN_PROFILE).url(urls::BP_SEARCH_MODULES).off(),
    r("V011", "iterate-in-action", V, W,
        "An action module iterates.",
        "An action returns one result; a module that returns several is a search. Move \
         `iterate` to a search module.",
        r#"{ "url": "/contacts", "response": { "iterate": "{{body.items}}" } }"#,
        r#"{ "url": "/contacts/{{parameters.id}}", "response": { "output": "{{body}}" } }"#,
        "Doc (search modules); guideline RV39")
        .why(ON_IN_PROFILE).url(urls::BP_SEARCH_MODULES).off(),
    r("V012", "connection-does-not-validate", V, E,
        "The connection never calls the API to test the credentials.",
        "A basic connection validates its credentials with a request that has a `url`; an OAuth \
         connection calls an account endpoint in `info`. Without it, wrong credentials are \
         accepted.",
        r#"{ "response": { "data": { "apiKey": "{{parameters.apiKey}}" } } }"#,
        r#"{ "url": "https://api.example.com/me", "headers": { "x-api-key": "{{parameters.apiKey}}" }, "log": { "sanitize": ["request.headers.x-api-key"] } }"#,
        "Doc (connections best practices, prerequisites); guidelines RV10, RV29")
        .why(ON_IN_PROFILE).url(urls::BP_CONNECTIONS).off(),
    r("V013", "connection-without-error-handling", V, E,
        "The connection's validating request has no `response.error`.",
        "Base's error handling does not apply to connections: the connection request (OAuth: \
         `info`) needs its own `response.error` so a rejected key shows the API's message.",
        r#"{ "url": "https://api.example.com/me" }"#,
        r#"{ "url": "https://api.example.com/me", "response": { "error": { "message": "[{{statusCode}}] {{body.message}}" } } }"#,
        "Doc (connections best practices, prerequisites); guidelines RV08, RV31")
        .why(ON_IN_PROFILE).url(urls::BP_CONNECTIONS).off(),
    r("V014", "base-without-error-handling", V, E,
        "Base has no `response.error`, or its message shows no status code.",
        "Base handles errors for every module: `response.error.message` built from the fields \
         the API returns, with `{{statusCode}}`.",
        r#"{ "baseUrl": "https://api.example.com" }"#,
        r#"{ "baseUrl": "https://api.example.com", "response": { "error": { "message": "[{{statusCode}}] {{body.message}}" } } }"#,
        "Doc (Base error handling, prerequisites); guidelines RV08, RV18, RV25")
        .why(ON_IN_PROFILE).url(urls::BP_BASE_ERRORS).off(),
    r("V015", "rate-limit-error", V, W,
        "Base does not map HTTP 429 to `RateLimitError`.",
        "A 429 reported as the default `RuntimeError` counts towards the consecutive errors that \
         turn a scenario off; `RateLimitError` makes Make retry later instead.",
        r#"{ "response": { "error": { "message": "{{body.message}}" } } }"#,
        r#"{ "response": { "error": { "429": { "type": "RateLimitError", "message": "{{body.message}}" }, "message": "{{body.message}}" } } }"#,
        "Doc (429 error handling); guideline RV28")
        .why(ON_IN_PROFILE).url(urls::BP_BASE_429).off(),
    // V016 (Base sends a secret its `log.sanitize` does not hide) was folded
    // into C013, which checks Base as well as connections and which this
    // profile raises to an error. The code is not reused.
    r("V017", "secret-field-not-password", V, W,
        "A connection field that holds a secret is not of type `password`.",
        "Keys, tokens and secrets typed `text` show in clear when a user edits the connection. \
         Use `\"type\": \"password\"`.",
        r#"[{ "name": "apiKey", "type": "text", "label": "API key" }]"#,
        r#"[{ "name": "apiKey", "type": "password", "label": "API key" }]"#,
        "Doc (editable connection); guideline RV33")
        .why(ON_IN_PROFILE).url(urls::BP_EDITABLE_CONNECTION).off(),
    r("V018", "host-field-editable", V, E,
        "A connection field holding a URL or domain is editable.",
        "If users can change the host of an existing connection, its credentials can be sent to \
         another server. Remove `editable: true` from URL and domain fields.",
        r#"[{ "name": "domain", "type": "text", "label": "Domain", "editable": true }]"#,
        r#"[{ "name": "domain", "type": "text", "label": "Domain" }]"#,
        "Doc (editable connection); guideline RV35")
        .why(ON_IN_PROFILE).url(urls::BP_EDITABLE_CONNECTION).off(),
    r("V019", "rpc-without-limit", V, E,
        "An RPC that iterates, or pages through a list of options, has no `response.limit`.",
        "An RPC must answer within Make's time limit; cap its records with `response.limit` \
         (300 to 500 for pages of 100 or more, else three pages). An RPC that pages without \
         `iterate` and builds its output with one expression (the fields of a dynamic interface) \
         is not reported: it must read every page.",
        r#"{ "url": "/projects", "response": { "iterate": "{{body.items}}", "output": { "label": "{{item.name}}", "value": "{{item.id}}" } } }"#,
        r#"{ "url": "/projects", "response": { "iterate": "{{body.items}}", "limit": 300, "output": { "label": "{{item.name}}", "value": "{{item.id}}" } } }"#,
        "Doc (RPC best practices); guideline RV63")
        .why(ON_IN_PROFILE).url(urls::BP_RPCS).off(),
    r("V020", "rpc-select-not-in-map-mode", V, W,
        "A select fed by an RPC in a Get, Update or Delete module does not start in map mode.",
        "In modules that act on an existing item, users usually map its ID; set \
         `\"mode\": \"edit\"` on the select so it starts as a mappable field.",
        r#"[{ "name": "taskId", "type": "select", "label": "Task ID", "options": "rpc://listTasks" }]"#,
        r#"[{ "name": "taskId", "type": "select", "label": "Task ID", "options": "rpc://listTasks", "mode": "edit" }]"#,
        "Doc (RPC best practices); guideline RV61")
        .why(ON_IN_PROFILE).url(urls::BP_RPCS).off(),
    r("V021", "parameter-label-style", V, W,
        "A parameter label is written like an API field name.",
        "Parameter labels are plain words in sentence case with acronyms upper case: \
         `User ID`, not `user_id`, `userId` or `User Id`.",
        r#"[{ "name": "user_id", "type": "text", "label": "user_id" }]"#,
        r#"[{ "name": "user_id", "type": "text", "label": "User ID" }]"#,
        "Doc (parameter labels); guideline RV77")
        .why(ON_IN_PROFILE).url(urls::BP_PARAMETER_LABELS).off(),
    r("V022", "modules-without-groups", V, W,
        "An app with more than 10 modules does not sort them into groups.",
        "Make's groups page asks apps with many modules to group them (triggers first, then \
         business groups, then Other).",
        r#"{ "generalCodeFiles": { "groups": null } }"#,
        r#"{ "generalCodeFiles": { "groups": "modules/groups.json" } }"#,
        "Doc (groups); guideline RV87")
        .why(ON_IN_PROFILE).url(urls::BP_GROUPS).off(),
    r("V023", "trigger-order-not-newest-first", V, W,
        "A polling trigger reads items oldest first or unordered.",
        "Make pages through at most a few thousand records per run; a trigger that does not \
         read newest first (`\"order\": \"desc\"`) may miss items.",
        r#"{ "response": { "trigger": { "id": "{{item.id}}", "type": "id", "order": "asc" } } }"#,
        r#"{ "response": { "trigger": { "id": "{{item.id}}", "type": "id", "order": "desc" } } }"#,
        "Doc (trigger modules); guideline RV54")
        .why(ON_IN_PROFILE).url(urls::BP_TRIGGER_MODULES).off(),
    r("V024", "universal-host-from-user", V, E,
        "The universal module lets users choose the host.",
        "A universal module sends the user's token; when an expression comes before the end of \
         the host, the token can go to any server. Fix the host, end it with `/`, and let users \
         give the path: a path right after the host (`https://api.example.com{{…}}`) can extend \
         it. A host built from the connection (`connection.*`) is the credentials' own and is \
         not reported.",
        r#"{ "url": "{{parameters.url}}" }"#,
        r#"{ "url": "https://api.example.com/{{parameters.url}}" }"#,
        "Doc (universal module, prerequisites); guideline RV42")
        .why(ON_IN_PROFILE).url(urls::MODULE_UNIVERSAL).off(),
    r("V025", "base-url-not-production", V, E,
        "`baseUrl` points at a hosting platform, a local address or a staging host.",
        "Apps are approved only with a production API on the service's own domain, not \
         `*.herokuapp.com`, `*.amazonaws.com`, localhost, an IP address or `dev.`/`staging.` \
         hosts.",
        r#"{ "baseUrl": "https://acme.herokuapp.com/api" }"#,
        r#"{ "baseUrl": "https://api.acme.com" }"#,
        "Doc (Base URL, prerequisites); guidelines RV04, RV19")
        .why(ON_IN_PROFILE).url(urls::BP_BASE_URL).off(),
];

/// The `review` profile.
pub static REVIEW: Profile = Profile {
    name: "review",
    summary: "Make's app-review guidelines: what reviewers ask for before they approve an app.",
    enables: &[
        "V001", "V002", "V003", "V004", "V005", "V006", "V007", "V008", "V009", "V010", "V011",
        "V012", "V013", "V014", "V015", "V017", "V018", "V019", "V020", "V021", "V022", "V023",
        "V024", "V025",
    ],
    raises: &[
        // Secrets in connection and Base logs: the prerequisites reject the
        // app (RV07, RV24).
        ("C013", Severity::Error),
        // A connection directive without `url` validates nothing (RV10).
        ("C005", Severity::Error),
        // Pagination in an action (RV39).
        ("R016", Severity::Warning),
        // `repeat` without `condition` or `limit` (RV47).
        ("R009", Severity::Warning),
        // An undeclared `parameters.limit` read by `response.limit` (RV15).
        ("I009", Severity::Warning),
    ],
};

pub static PROFILES: &[&Profile] = &[&REVIEW];

/// A profile by name (case-insensitive).
pub fn profile(name: &str) -> Option<&'static Profile> {
    PROFILES
        .iter()
        .copied()
        .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_enables_every_review_rule_and_only_raises() {
        let codes: Vec<&str> = REVIEW_RULES.iter().map(|r| r.code).collect();
        assert_eq!(REVIEW.enables, codes.as_slice());
        for rule in REVIEW_RULES {
            assert_eq!(rule.category, RuleCategory::Review);
            assert!(!rule.enabled_by_default, "{}", rule.code);
            assert!(rule.url.is_some(), "{} cites no page", rule.code);
            assert_ne!(rule.bad, rule.good, "{}", rule.code);
        }
        for (code, floor) in REVIEW.raises {
            let rule = crate::rule(code).expect("raised rule exists");
            assert!(*floor >= rule.severity, "{code} would be lowered");
            assert_eq!(REVIEW.raise(code, Severity::Hint), *floor);
            assert_eq!(REVIEW.raise(code, Severity::Error), Severity::Error);
        }
        for code in ["V001", "V010"] {
            assert!(REVIEW.enables(code), "{code}");
            assert!(
                crate::fix_safety(code).is_some(),
                "{code} has no fix safety"
            );
        }
        assert_eq!(profile("Review"), Some(&REVIEW));
        assert_eq!(profile("strict"), None);
    }
}
