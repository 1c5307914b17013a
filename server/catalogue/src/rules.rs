//! Every diagnostic code with its default severity and documentation.
//! `docs/rules.md` is rendered from this table (see `docs.rs`).

use crate::Severity;
use crate::urls;

use crate::rule_entry::r;
pub use crate::rule_entry::{RULES_DOC_PATH, Rule, RuleCategory};

use RuleCategory::{
    Connection as C, CrossFile as X, File as F, Iml as I, Jsonc as J, Parameter as P, Request as R,
    SpecTest as T,
};
use Severity::{Error as E, Hint as H, Warning as W};

pub static RULES: &[Rule] = &[
    // ---------------- J: JSONC ----------------
    r("J001", "syntax-error", J, E,
        "The file is not valid JSONC.",
        "A token is missing or unexpected, so the document cannot be read as JSON with \
         comments. Everything after the error may be misread.",
        r#"{ "url": "/items" "method": "GET" }"#,
        r#"{ "url": "/items", "method": "GET" }"#,
        "JSON grammar"),
    r("J002", "unterminated-string", J, E,
        "A string literal has no closing quote.",
        "The string runs to the end of the line or file; add the closing `\"`.",
        r#"{ "url": "/items }"#,
        r#"{ "url": "/items" }"#,
        "JSON grammar"),
    r("J003", "trailing-comma", J, W,
        "A comma follows the last member of an object or array.",
        "Make's editors accept trailing commas in IML JSON only as a warning, and strict JSON \
         files reject them. Remove the comma.",
        r#"{ "url": "/items", }"#,
        r#"{ "url": "/items" }"#,
        "Schema (Make's extension reports it); spec §1.1")
        .why("It is unclear whether Make's backend accepts trailing commas; its editor warns, so do we."),
    r("J004", "multiple-top-level-values", J, E,
        "The file holds more than one top-level value.",
        "A spec file is exactly one JSON value. Wrap several requests in an array.",
        r#"{ "url": "/a" } { "url": "/b" }"#,
        r#"[{ "url": "/a" }, { "url": "/b" }]"#,
        "JSON grammar"),
    r("J005", "duplicate-key", J, W,
        "The same key appears twice in one object.",
        "Only one of the values survives, usually the last; the other is silently lost.",
        r#"{ "method": "GET", "method": "POST" }"#,
        r#"{ "method": "POST" }"#,
        "JSON semantics"),
    r("J006", "comment-in-strict-json", J, W,
        "A comment in a file that must be strict JSON.",
        "Common data is uploaded as plain JSON and may be encrypted, so it cannot keep comments \
         (`common.json`, `<id>.common.json`, `groups.json`, `makecomapp.json`).",
        "{\n  // client credentials\n  \"clientId\": \"abc\"\n}",
        "{\n  \"clientId\": \"abc\"\n}",
        "Doc (uploads); spec §1.1"),
    r("J007", "invalid-escape", J, E,
        "A backslash escape that JSON does not define.",
        "JSON knows `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX` only. \
         Write a literal backslash as `\\\\`.",
        r#"{ "pattern": "\d+" }"#,
        r#"{ "pattern": "\\d+" }"#,
        "JSON grammar"),
    // ---------------- I: IML ----------------
    r("I001", "iml-syntax-error", I, E,
        "An IML expression cannot be parsed.",
        "Braces `{{ }}`, parentheses, brackets, quotes or backticks are unbalanced, or an \
         operator lacks an operand. Make evaluates the whole string as text or fails.",
        r#"{ "url": "/items/{{parameters.id}" }"#,
        r#"{ "url": "/items/{{parameters.id}}" }"#,
        "Doc (IML syntax); spec §12.3 I1")
        .url(urls::IML),
    r("I002", "unavailable-variable", I, W,
        "A root variable that does not exist, or is not set, at this place.",
        "Which variables an expression sees depends on the component and on where the \
         expression sits: `body` only in `response` and `pagination`, `item` only while \
         `iterate` runs, `payload` only in instant triggers, and so on. Outside, the value is \
         undefined. In a module of no known type only names that are no variable anywhere are \
         reported.",
        r#"{ "url": "/items/{{body.id}}" }"#,
        r#"{ "url": "/items/{{parameters.id}}", "response": { "output": "{{body}}" } }"#,
        "Doc (variables tables) and examples; spec §7.6, §12.3 I2")
        .why("The spec allows E or W. Each availability cell carries its own severity (errors \
              only where the variable can never exist, such as `oauth` in modules); the default \
              is a warning because several tables disagree with official examples.")
        .url(urls::IML),
    r("I003", "unknown-function", I, W,
        "A function that is neither built in nor a custom function of this app.",
        "Check the spelling. Apps may define custom IML functions, and Make may have built-ins \
         that no list documents, so this is a warning. A name that is no near-miss of a \
         built-in is reported only where the app's functions are all known: a manifest lists \
         them, their code is loaded (`functions/<name>/code.js` of an export), or an export \
         whose folder was read has no `functions/` folder; a lone file stays silent.",
        r#"{ "qs": { "since": "{{formatdate(now, 'YYYY-MM-DD')}}" } }"#,
        r#"{ "qs": { "since": "{{formatDate(now, 'YYYY-MM-DD')}}" } }"#,
        "Doc (function lists); spec §7.4, §12.3 I3")
        .url(urls::IML_FUNCTIONS),
    r("I004", "wrong-argument-count", I, W,
        "A built-in function is called with too few or too many arguments.",
        "For example `if` takes exactly three arguments, `ifempty` two and `formatDate` two or \
         three.",
        r#"{ "qs": { "limit": "{{if(parameters.limit, 100)}}" } }"#,
        r#"{ "qs": { "limit": "{{if(parameters.limit, parameters.limit, 100)}}" } }"#,
        "Doc (signatures); spec §12.3 I4")
        .url(urls::IML_FUNCTIONS),
    r("I005", "semicolon-separator", I, W,
        "Arguments separated by `;` instead of `,`.",
        "The scenario editor separates arguments with semicolons; app specs use commas in every \
         documented example.",
        r#"{ "qs": { "q": "{{ifempty(parameters.q; '*')}}" } }"#,
        r#"{ "qs": { "q": "{{ifempty(parameters.q, '*')}}" } }"#,
        "Doc (examples); spec §7.2, §12.3 I5")
        .why("Whether the engine accepts `;` in apps is unclear, so it is a warning, not an error."),
    r("I006", "zero-index", I, H,
        "Array index `[0]`; IML arrays start at 1.",
        "`[1]` is the first element, `[-1]` the last and `[]` the first. `[0]` yields nothing.",
        r#"{ "output": "{{body.items[0]}}" }"#,
        r#"{ "output": "{{body.items[1]}}" }"#,
        "Doc; spec §7.2, §12.3 I6")
        .url(urls::IML),
    r("I007", "property-needs-backticks", I, W,
        "A property name with `-`, a space or `.` written without backticks.",
        "`headers.X-Api-Key` reads as `headers.X` minus `Api` minus `Key`. Quote such names \
         with backticks.",
        r#"{ "output": "{{headers.X-Rate-Limit}}" }"#,
        r#"{ "output": "{{headers.`X-Rate-Limit`}}" }"#,
        "Doc; spec §7.2, §12.3 I7")
        .url(urls::IML),
    r("I008", "literal-in-expression", I, W,
        "An object or array literal inside `{{ }}`.",
        "IML documents no object or array literals. Build the value in the JSON structure or in \
         `temp`, then refer to it.",
        r#"{ "body": "{{ {name: parameters.name} }}" }"#,
        r#"{ "body": { "name": "{{parameters.name}}" } }"#,
        "Doc (silence) and third-party reports; spec §2.5, §12.3 I8"),
    r("I009", "undeclared-parameter", I, W,
        "`parameters.<name>` is not declared by the component.",
        "The name matches no parameter of the connection, module (static or mappable) or RPC. \
         Check the spelling or declare the parameter. Not reported when parameters are dynamic \
         (`rpc://`). In Base, whose `parameters` are the calling module's, a name that no \
         module, RPC or webhook declares is reported, with a fix to `connection.<name>` when \
         the connection has that name (a connection field copied with the wrong root).",
        r#"{ "qs": { "q": "{{parameters.serach}}" } }"#,
        r#"{ "qs": { "q": "{{parameters.search}}" } }"#,
        "Derived; spec §12.3 I9")
        .url(urls::PARAMETERS),
    r("I010", "spread-value-not-expression", I, W,
        "The value of a `\"{{...}}\"` spread key is not one expression.",
        "The spread key merges an object into its parent; its value must be a single `{{ }}` \
         expression that yields an object.",
        r#"{ "body": { "{{...}}": "id-{{parameters.id}}" } }"#,
        r#"{ "body": { "{{...}}": "{{omit(parameters, 'id')}}" } }"#,
        "Doc (advanced inheritance); spec §7.3, §12.3 I10")
        .url(urls::BASE_ADVANCED_INHERITANCE),
    r("I011", "expression-in-enum-directive", I, H,
        "An IML expression where a directive expects one of a few literals.",
        "Make's schemas accept expressions for `method`, `type`, `response.type`, error types, \
         trigger `type`/`order`, `metadata.type`, `aws.sign_version` and the OAuth 1 methods. \
         This is fine; the code exists to record that such values are not checked.",
        r#"{ "method": "{{parameters.method}}" }"#,
        r#"{ "method": "{{parameters.method}}" }"#,
        "Schema; spec §12.3 I11")
        .why("The spec says never to report this; the code is kept for numbering and disabled.")
        .off(),
    r("I012", "double-quotes-in-iml", I, H,
        "A string literal inside IML written with escaped double quotes.",
        "Inside JSON, `\\\"` is needed for every double quote; single quotes read better and \
         mean the same.",
        r#"{ "qs": { "q": "{{ifempty(parameters.q, \"*\")}}" } }"#,
        r#"{ "qs": { "q": "{{ifempty(parameters.q, '*')}}" } }"#,
        "Style; spec §12.3 I12"),
    // ---------------- C: connections ----------------
    r("C001", "unknown-oauth-section", C, E,
        "An OAuth communication key that is not a section of its flavour, or a mix of OAuth 1 \
         and OAuth 2 sections.",
        "OAuth 2 uses `preauthorize`, `authorize`, `token`, `info`, `refresh`, `invalidate`; \
         OAuth 1 uses `oauth`, `requestToken`, `authorize`, `accessToken`, `info`. The flavour is \
         read from the keys; mixing both cannot work.",
        r#"{ "authorize": { "url": "https://auth.example.com/a" }, "tokens": { "url": "https://auth.example.com/t" } }"#,
        r#"{ "authorize": { "url": "https://auth.example.com/a" }, "token": { "url": "https://auth.example.com/t" } }"#,
        "Doc + Schema (`additionalProperties: false`); spec §2.6, §2.7, §12.1 C1")
        .url(urls::OAUTH2),
    r("C002", "token-without-authorize", C, W,
        "`token` without `authorize` and without a truthy `condition` never runs.",
        "Make runs `token` unconditionally only after `authorize`. Client-credentials and \
         password flows have no `authorize`, so `token` needs a `condition` such as `true` or an \
         expiry check.",
        r#"{ "token": { "url": "https://auth.example.com/token", "method": "POST" } }"#,
        r#"{ "token": { "condition": "{{if(data.accessToken, data.expires < addMinutes(now, 1), true)}}", "url": "https://auth.example.com/token", "method": "POST" } }"#,
        "Doc (OAuth 2 page); spec §2.6.1, §12.1 C2")
        .why("The spec allows E or W. Whether an expression is truthy cannot be decided \
              statically, so a warning avoids flagging computed conditions as broken.")
        .url(urls::OAUTH2),
    r("C003", "directive-not-in-connection", C, E,
        "A directive that connections do not support.",
        "Connection requests cannot use `aws` or `pagination`, and their `response` cannot use \
         `limit`, `iterate`, `output` or `wrapper`: a connection validates an account and \
         produces no module output.",
        r#"{ "url": "https://api.example.com/me", "response": { "output": "{{body}}" } }"#,
        r#"{ "url": "https://api.example.com/me", "response": { "data": { "userId": "{{body.id}}" } } }"#,
        "Doc (connection pages); spec §2.3, §12.1 C3")
        .url(urls::CONNECTIONS),
    r("C004", "misplaced-connection-response-key", C, H,
        "`response.expires` outside OAuth 2, or `uid`/`metadata` outside `info` in OAuth.",
        "`expires` is the connection's expiry and only OAuth 2 `token` and `refresh` set it. In \
         OAuth connections `uid` and `metadata` belong to `info`, which describes the account.",
        r#"{ "token": { "url": "https://auth.example.com/token", "response": { "metadata": { "type": "text", "value": "{{body.name}}" } } } }"#,
        r#"{ "info": { "url": "https://api.example.com/me", "response": { "metadata": { "type": "text", "value": "{{body.name}}" } } } }"#,
        "Doc / Legacy; spec §2.3, §12.1 C4")
        .why("The spec allows W or H; the keys are at worst ignored, so a hint.")
        .url(urls::OAUTH2),
    r("C005", "connection-request-without-url", C, E,
        "A connection request with directives but no `url`.",
        "Connections have no request-less mode; every request (or OAuth section) must call an \
         URL. An entirely empty communication `{}` is fine (no validation call).",
        r#"{ "headers": { "x-api-key": "{{parameters.apiKey}}" } }"#,
        r#"{ "url": "https://api.example.com/me", "headers": { "x-api-key": "{{parameters.apiKey}}" } }"#,
        "Legacy + Derived; spec §2.3, §12.1 C5")
        .url(urls::BASIC_CONNECTION),
    r("C006", "basic-connection-array", C, W,
        "A basic connection written as an array of requests.",
        "The current docs describe one request. Older docs and Make's tooling accept an array, \
         so it probably works, but consider a single validation request. An array of one \
         request is a hint: only its brackets differ from the documented form.",
        r#"[{ "url": "https://api.example.com/token" }, { "url": "https://api.example.com/me" }]"#,
        r#"{ "url": "https://api.example.com/me" }"#,
        "Doc vs Legacy conflict; spec §2.3, §13.1")
        .url(urls::BASIC_CONNECTION),
    r("C007", "redirect-uri-choice", C, H,
        "Redirect URI: legacy variable, or `authorize` and `token` disagree.",
        "New apps should send `oauth.localRedirectUri` (the make.com callback). `authorize` and \
         `token` must send the same redirect URI or the provider rejects the exchange.",
        r#"{ "authorize": { "qs": { "redirect_uri": "{{oauth.redirectUri}}" } }, "token": { "body": { "redirect_uri": "{{oauth.localRedirectUri}}" } } }"#,
        r#"{ "authorize": { "qs": { "redirect_uri": "{{oauth.localRedirectUri}}" } }, "token": { "body": { "redirect_uri": "{{oauth.localRedirectUri}}" } } }"#,
        "Doc; spec §2.6.3, §12.1 C7")
        .why("The spec allows H or W; official examples use the legacy variable, so a hint.")
        .url(urls::OAUTH2),
    r("C008", "refresh-without-condition", C, W,
        "`refresh` without a `condition`, or with nothing stored to refresh.",
        "Without a condition the refresh may run on every execution. A refresh is also pointless \
         when `token` stores neither a refresh token nor an expiry in `response.data`.",
        r#"{ "refresh": { "url": "https://auth.example.com/token", "method": "POST" } }"#,
        r#"{ "refresh": { "condition": "{{data.expires < addMinutes(now, 15)}}", "url": "https://auth.example.com/token", "method": "POST" } }"#,
        "Derived; spec §2.6.1, §12.1 C8")
        .why("The missing condition (the main case) is a likely bug; the second case may be \
              emitted at hint level by the analysis.")
        .url(urls::OAUTH2),
    r("C009", "unwritten-connection-data", C, W,
        "`data.<key>` or `connection.<key>` that nothing writes.",
        "Connection data holds the connection's parameters plus the keys saved with \
         `response.data`. A key that appears in neither is undefined.",
        r#"{ "refresh": { "body": { "refresh_token": "{{data.refresh_token}}" } } }"#,
        r#"{ "refresh": { "body": { "refresh_token": "{{data.refreshToken}}" } } }"#,
        "Derived; spec §2.8, §12.1 C9")
        .url(urls::CONNECTIONS),
    r("C010", "unwritten-temp", C, W,
        "`temp.<key>` read but never written before.",
        "`temp` values come from request `temp` or `response.temp` of an earlier request or OAuth \
         section (`preauthorize → authorize → token → info`).",
        r#"{ "token": { "body": { "code": "{{temp.authCode}}" } } }"#,
        r#"{ "authorize": { "response": { "temp": { "authCode": "{{query.code}}" } } }, "token": { "body": { "code": "{{temp.authCode}}" } } }"#,
        "Derived; spec §3.2, §12.1 C10")
        .url(urls::MAKING_REQUESTS),
    r("C011", "query-outside-authorize", C, W,
        "`query` used in a connection outside `authorize.response`.",
        "`query` holds the provider's callback query string and exists only while `authorize`'s \
         response is processed. Copy what you need into `temp` there.",
        r#"{ "token": { "body": { "code": "{{query.code}}" } } }"#,
        r#"{ "authorize": { "response": { "temp": { "code": "{{query.code}}" } } }, "token": { "body": { "code": "{{temp.code}}" } } }"#,
        "Legacy / Derived; spec §2.6.6, §12.1 C11")
        .url(urls::OAUTH2),
    r("C012", "oauth-variable-misplaced", C, E,
        "`oauth.*` outside OAuth connections, or an OAuth 2-only member in OAuth 1.",
        "`oauth.scope` and the redirect URIs are prepared by Make inside OAuth connections only. \
         OAuth 1 documents `oauth.scope` and `oauth.redirectUri` (reported as a warning).",
        r#"{ "qs": { "scope": "{{join(oauth.scope, ' ')}}" } }"#,
        r#"{ "authorize": { "qs": { "scope": "{{join(oauth.scope, ' ')}}" } } }"#,
        "Doc; spec §2.6.6, §2.7, §12.1 C12")
        .why("Error outside connections (the variable never exists); the OAuth 1 member case \
              carries warning severity in the variable table.")
        .url(urls::OAUTH2),
    r("C013", "unsanitized-secret", C, W,
        "A connection request, or Base, sends or receives secrets without `log.sanitize`.",
        "Credentials (password parameters, client secrets, codes, tokens) appear in request and \
         response logs unless each path is listed in `log.sanitize`. Base's headers go with \
         every module's request, so a key sent there shows in every module's log. App review \
         requires it.",
        r#"{ "url": "https://api.example.com/me", "headers": { "x-api-key": "{{parameters.apiKey}}" } }"#,
        r#"{ "url": "https://api.example.com/me", "headers": { "x-api-key": "{{parameters.apiKey}}" }, "log": { "sanitize": ["request.headers.x-api-key"] } }"#,
        "Doc (sanitization page); spec §9.3, §12.1 C13")
        .url(urls::BASE_SANITIZATION),
    r("C014", "invalid-metadata-type", C, E,
        "`response.metadata.type` is a literal other than `text` or `email`.",
        "Metadata labels the connection; Make knows only these two display types.",
        r#"{ "response": { "metadata": { "type": "name", "value": "{{body.name}}" } } }"#,
        r#"{ "response": { "metadata": { "type": "text", "value": "{{body.name}}" } } }"#,
        "Doc + Schema; spec §4.10, §12.1 C14")
        .url(urls::BASIC_CONNECTION),
    r("C015", "reserved-connection-parameter", C, W,
        "A connection parameter named `accountName` or `teamID`.",
        "Make fills these names with the connection's name and the team id; a parameter with \
         the same name mirrors that internal value instead of user input.",
        r#"[{ "name": "teamID", "type": "text", "label": "Team" }]"#,
        r#"[{ "name": "workspaceId", "type": "text", "label": "Workspace" }]"#,
        "Doc; spec §2.3, §12.1 C15")
        .url(urls::CONNECTIONS),
    r("C016", "editable-outside-connection", C, H,
        "`editable: true` on a parameter that is not a connection parameter.",
        "`editable` lets users change a connection parameter later; modules use `mappable`.",
        r#"[{ "name": "status", "type": "select", "editable": true, "options": [] }]"#,
        r#"[{ "name": "status", "type": "select", "mappable": true, "options": [] }]"#,
        "Doc; spec §8.1, §12.1 C16")
        .why("Same check as the first half of P012, which is the one reported.")
        .off(),
    r("C017", "invalid-scope-entry", C, E,
        "A default-scope entry that is not a non-empty string of at most 512 characters, or a \
         scope list that is not an object of strings.",
        "The default scope is an array of scope names; the scope list maps each scope to a \
         readable description.",
        r#"["read", "", 42]"#,
        r#"["read", "write"]"#,
        "Schema; spec §2.6.4, §12.1 C17")
        .url(urls::SCOPES),
    r("C018", "shared-webhook-connection-without-uid", C, W,
        "A connection used by shared webhooks does not set `response.uid`.",
        "Make routes shared-webhook events to the connection whose `uid` matches the id the \
         webhook extracts. Without it, events reach nobody.",
        r#"{ "url": "https://api.example.com/me", "response": { "metadata": { "type": "text", "value": "{{body.name}}" } } }"#,
        r#"{ "url": "https://api.example.com/me", "response": { "uid": "{{body.id}}", "metadata": { "type": "text", "value": "{{body.name}}" } } }"#,
        "Doc (shared webhooks); spec §6.3, §12.1 C18")
        .url(urls::WEBHOOKS_SHARED),
    // ---------------- R: requests and responses ----------------
    r("R001", "unknown-key", R, E,
        "A key that the request spec or `response` does not have here.",
        "Make's schemas close these objects, so a typo such as `header`, `querystring` or \
         `respose` is rejected and the intended directive never applies.",
        r#"{ "url": "/items", "header": { "accept": "application/json" } }"#,
        r#"{ "url": "/items", "headers": { "accept": "application/json" } }"#,
        "Schema (`additionalProperties: false`); spec §3.1, §12.2 R1")
        .url(urls::MAKING_REQUESTS),
    r("R002", "unusual-method", R, W,
        "`method` is not one of GET, POST, PUT, PATCH, DELETE.",
        "Make's schema knows those five. Other real methods (OPTIONS, HEAD) may work; lower-case \
         or invented methods do not.",
        r#"{ "url": "/items", "method": "post" }"#,
        r#"{ "url": "/items", "method": "POST" }"#,
        "Schema / Doc conflict; spec §3.1, §13.5, §12.2 R2")
        .why("The spec allows E or W; since the docs mention other methods, the default is a \
              warning.")
        .url(urls::MAKING_REQUESTS),
    r("R003", "invalid-request-type", R, E,
        "Request `type` is not a known serialisation.",
        "Allowed: `json`, `urlencoded`, `multipart/form-data`, `text` (also `string`, `raw`), \
         `binary`.",
        r#"{ "url": "/items", "method": "POST", "type": "form" }"#,
        r#"{ "url": "/items", "method": "POST", "type": "urlencoded" }"#,
        "Doc + Schema; spec §3.1, §12.2 R3")
        .url(urls::MAKING_REQUESTS),
    r("R004", "invalid-response-type", R, E,
        "`response.type` is unknown, or a status key of its object form is malformed.",
        "Allowed: `automatic`, `json`, `urlencoded`, `text`, `string`, `xml`, `binary`, `raw`. \
         Status keys are `*`, `NNN` or `NNN-NNN`; include `*` for every other status.",
        r#"{ "response": { "type": { "2xx": "json" } } }"#,
        r#"{ "response": { "type": { "*": "json", "400-499": "text" } } }"#,
        "Doc + Schema; spec §4.1, §12.2 R4")
        .why("Invalid literals and keys are errors; a missing `*` is emitted at hint level.")
        .url(urls::RESPONSE_TYPE),
    r("R005", "nested-value-in-flat-object", R, E,
        "`headers` or `qs` holds a nested object.",
        "Headers and query strings are flat: primitives or arrays only. A single expression or \
         the spread key may supply the whole object.",
        r#"{ "qs": { "filter": { "status": "open" } } }"#,
        r#"{ "qs": { "filter[status]": "open" } }"#,
        "Doc + Schema; spec §1.2, §12.2 R5")
        .url(urls::MAKING_REQUESTS),
    r("R006", "body-with-get", R, W,
        "A `body` on a GET request.",
        "Make ignores the body of GET requests. Send the values in `qs`, or change the method.",
        r#"{ "url": "/search", "body": { "q": "{{parameters.q}}" } }"#,
        r#"{ "url": "/search", "qs": { "q": "{{parameters.q}}" } }"#,
        "Doc; spec §3.1, §12.2 R6")
        .url(urls::MAKING_REQUESTS),
    r("R007", "type-with-get", R, H,
        "A request `type` on a GET request.",
        "`type` only controls how the body is serialised, and GET sends no body.",
        r#"{ "url": "/items", "type": "json" }"#,
        r#"{ "url": "/items" }"#,
        "Doc; spec §3.1, §12.2 R7")
        .url(urls::MAKING_REQUESTS),
    r("R008", "expression-in-static-directive", R, E,
        "IML in `encodeUrl`, `followRedirects`, `followAllRedirects` or `gzip`.",
        "These switches are read as literal booleans; mapping is not supported.",
        r#"{ "url": "/items", "followRedirects": "{{parameters.follow}}" }"#,
        r#"{ "url": "/items", "followRedirects": false }"#,
        "Doc + Schema; spec §3.1, §12.2 R8")
        .url(urls::MAKING_REQUESTS),
    r("R009", "repeat-misuse", R, W,
        "`repeat` with computed `delay`/`limit`, no `limit`, or a condition that reads `body`.",
        "`delay` and `limit` must be literal numbers; without `limit` the loop may never end; \
         the condition sees `temp` only, so copy response values into `response.temp` first.",
        r#"{ "repeat": { "condition": "{{body.status != 'done'}}", "delay": 1000 } }"#,
        r#"{ "response": { "temp": { "status": "{{body.status}}" } }, "repeat": { "condition": "{{temp.status != 'done'}}", "delay": 1000, "limit": 10 } }"#,
        "Doc; spec §3.1, §12.2 R9")
        .why("The spec allows E or W; the literal-only rule is documented but its enforcement \
              by Make is not, so one warning-level code covers all three problems.")
        .url(urls::MAKING_REQUESTS),
    r("R010", "condition-object-keys", R, E,
        "A `condition` object with keys other than `condition` and `default`.",
        "The object form names the test and the output used when the request is skipped.",
        r#"{ "condition": { "if": "{{parameters.id}}", "default": {} } }"#,
        r#"{ "condition": { "condition": "{{parameters.id}}", "default": {} } }"#,
        "Schema; spec §3.1, §12.2 R10")
        .url(urls::MAKING_REQUESTS),
    r("R011", "invalid-error-object", R, W,
        "An `error` object without `message`, with an unknown `type`, or with a bad status key.",
        "The object form needs `message`; `type` is one of Make's error types; status keys have \
         three digits and each needs its own `message`.",
        r#"{ "response": { "error": { "type": "AuthError", "40": { "type": "DataError" } } } }"#,
        r#"{ "response": { "error": { "message": "[{{statusCode}}] {{body.error}}", "type": "InvalidAccessTokenError", "404": { "message": "Not found" } } } }"#,
        "Doc + Schema; spec §4.3, §12.2 R11")
        .why("The spec allows E or W; the sources disagree on the list of error types, so a \
              warning.")
        .url(urls::RESPONSE_ERROR),
    r("R012", "valid-object-keys", R, E,
        "A `valid` object with keys other than `condition`, `message`, `type`.",
        "The object form names the test, the message and the error type.",
        r#"{ "response": { "valid": { "when": "{{body.ok}}" } } }"#,
        r#"{ "response": { "valid": { "condition": "{{body.ok}}", "message": "{{body.error}}" } } }"#,
        "Schema; spec §4.2, §12.2 R12")
        .url(urls::RESPONSE_VALID),
    r("R013", "iterate-object-keys", R, E,
        "An `iterate` object without `container`, or with other keys than `container` and \
         `condition`.",
        "`container` names the array; `condition` filters its items.",
        r#"{ "response": { "iterate": { "items": "{{body.data}}" } } }"#,
        r#"{ "response": { "iterate": { "container": "{{body.data}}", "condition": "{{item.active}}" } } }"#,
        "Doc + Schema; spec §4.5, §12.2 R13")
        .url(urls::RESPONSE_ITERATE),
    r("R014", "invalid-trigger-object", R, E,
        "`response.trigger` lacks `type`, `order` or `id` (or `date` for date triggers), or \
         uses an unknown value.",
        "`type` is `id` or `date`, `order` is `asc`, `desc` or `unordered`. Prefer `desc`: Make \
         reads at most 3200 items, so ascending order misses the newest.",
        r#"{ "response": { "trigger": { "type": "date", "order": "desc", "id": "{{item.id}}" } } }"#,
        r#"{ "response": { "trigger": { "type": "date", "order": "desc", "id": "{{item.id}}", "date": "{{item.created}}" } } }"#,
        "Doc + Schema; spec §4.9, §12.2 R14")
        .why("Missing or invalid keys are errors; `asc` is emitted at hint level.")
        .url(urls::MODULE_TRIGGER),
    r("R015", "trigger-outside-polling-trigger", R, W,
        "`response.trigger` outside a polling trigger.",
        "Only polling triggers track new items; elsewhere the object is ignored.",
        r#"{ "response": { "output": "{{item}}", "trigger": { "type": "id", "order": "desc", "id": "{{item.id}}" } } }"#,
        r#"{ "response": { "output": "{{item}}" } }"#,
        "Doc; spec §4.9, §12.2 R15")
        .url(urls::MODULE_TRIGGER),
    r("R016", "pagination-misuse", R, W,
        "An unknown `pagination` key, or `pagination` where nothing paginates; also `iterate` \
         in an instant trigger.",
        "Pagination keys are `mergeWithParent`, `url`, `method`, `headers`, `qs`, `body`, \
         `condition` (and `endpoint`, `input` in a request that calls an Endpoint). Actions, \
         instant triggers and webhook requests do not paginate (connections: see C003). An \
         instant trigger does not iterate either: each webhook item is already one bundle \
         (spec §4.5, §6.4).",
        r#"{ "pagination": { "query": { "page": "{{pagination.page}}" } } }"#,
        r#"{ "pagination": { "qs": { "page": "{{pagination.page}}" } } }"#,
        "Doc + Schema; spec §5, §12.2 R16")
        .why("The spec allows E or W; a misplaced block is at worst ignored, so one \
              warning-level code covers both cases.")
        .url(urls::PAGINATION),
    r("R017", "invalid-aws-object", R, W,
        "`aws` with an unknown key, or a `sign_version` other than 2 or 4.",
        "Keys: `key`, `secret`, `session`, `bucket`, `sign_version`, and `service` for \
         version 4.",
        r#"{ "aws": { "key": "{{connection.key}}", "sign_version": "3" } }"#,
        r#"{ "aws": { "key": "{{connection.key}}", "secret": "{{connection.secret}}", "sign_version": "4", "service": "s3" } }"#,
        "Doc / Schema conflict; spec §3.1, §12.2 R17")
        .why("The spec allows E or W; `service` and `region` are disputed, so a warning.")
        .url(urls::MAKING_REQUESTS),
    r("R018", "invalid-oauth1-signing", R, E,
        "An OAuth 1 signing object with an unknown key or method.",
        "Keys are listed in the OAuth 1 docs; `signature_method` is `HMAC-SHA1`, `RSA-SHA1` or \
         `PLAINTEXT`; `transport_method` is `header`, `query` or `body`.",
        r#"{ "oauth": { "consumer_key": "{{common.key}}", "signature_method": "HMAC-SHA256" } }"#,
        r#"{ "oauth": { "consumer_key": "{{common.key}}", "signature_method": "HMAC-SHA1" } }"#,
        "Doc + Schema; spec §2.7, §12.2 R18")
        .url(urls::OAUTH1),
    r("R019", "invalid-log-object", R, W,
        "`log` with keys other than `sanitize`, or sanitize paths that are not strings starting \
         with `request.` or `response.`.",
        "Sanitize paths point into the logged request or response; a wrong path hides nothing.",
        r#"{ "log": { "sanitize": ["headers.authorization"] } }"#,
        r#"{ "log": { "sanitize": ["request.headers.authorization"] } }"#,
        "Schema / Doc; spec §9.3, §12.2 R19")
        .why("The spec allows E or W; a bad path leaks a secret but breaks nothing, so a warning.")
        .url(urls::BASE_SANITIZATION),
    r("R020", "ignored-without-request", R, W,
        "HTTP directives where no request is sent.",
        "A request-less item (no `url`), webhook communication and a responder send no request, \
         so `method`, `qs`, `headers`, `body`, `type` and `pagination` there are ignored. \
         Webhook communication has no `response` either: what it outputs is its top-level \
         `output`, and a reply to the sender belongs in `respond`. The quick fix removes the \
         key; move what it held first.",
        r#"{ "method": "POST", "response": { "output": { "ok": true } } }"#,
        r#"{ "response": { "output": { "ok": true } } }"#,
        "Doc; spec §3.4, §12.2 R20")
        .url(urls::REQUEST_LESS),
    r("R021", "url-too-long", R, W,
        "The literal part of `url` is longer than 512 characters.",
        "Make's schema limits `url` to 512 characters; move long values to `qs`.",
        r#"{ "url": "/search?ids=1,2,3,…(600 characters)" }"#,
        r#"{ "url": "/search", "qs": { "ids": "{{join(parameters.ids, ',')}}" } }"#,
        "Schema; spec §3.1, §12.2 R21"),
    r("R022", "relative-url-without-base", R, W,
        "A relative `url` in a connection, or where Base has no `baseUrl`.",
        "Paths starting with `/` are appended to Base `baseUrl`; connections do not inherit Base, \
         so they need absolute URLs.",
        r#"{ "url": "/me" }"#,
        r#"{ "url": "https://api.example.com/me" }"#,
        "Derived; spec §2.3, §9.2, §12.2 R22")
        .url(urls::BASE_URL),
    r("R023", "output-before-last-request", R, H,
        "`output` or `limit` in a request that a later request without a `condition` always follows.",
        "Only the last request's output and limit count. A request followed only by requests \
         with a `condition` may be the last one run, as in the docs' pattern of gated requests \
         that each bring their own output, so it is not reported.",
        r#"[{ "url": "/a", "response": { "output": "{{body}}" } }, { "url": "/b" }]"#,
        r#"[{ "url": "/a", "response": { "temp": { "a": "{{body}}" } } }, { "url": "/b", "response": { "output": "{{body}}" } }]"#,
        "Doc; spec §3.3, §12.2 R23")
        .url(urls::MULTIPLE_REQUESTS),
    r("R024", "write-method-without-body", R, H,
        "POST, PUT or PATCH (DELETE in Base and Epoch) without `body`.",
        "Make's schema requires a body for these methods. Real APIs often accept none, so this \
         is only a hint.",
        r#"{ "url": "/items/{{parameters.id}}/archive", "method": "POST" }"#,
        r#"{ "url": "/items/{{parameters.id}}/archive", "method": "POST", "body": {} }"#,
        "Schema only; spec §3.1, §12.2 R24")
        .why("The docs never require a body, and on public apps nearly every report was an \
              endpoint that takes none (pause, start, archive): enable it where an API wants \
              one on every write.")
        .off(),
    r("R025", "invalid-respond", R, E,
        "Webhook `respond.type` is unknown, or an integer `status` is outside 100–999.",
        "`type` is `json`, `urlencoded` or `text`.",
        r#"{ "respond": { "type": "xml", "status": 20 } }"#,
        r#"{ "respond": { "type": "json", "status": 200, "body": { "ok": true } } }"#,
        "Doc + Schema; spec §6.1, §12.2 R25")
        .url(urls::WEBHOOKS),
    r("R026", "epoch-output-fields", R, W,
        "Epoch `response.output` without `label` and `date`.",
        "The epoch panel lists items by `label`; `date` lets users start from a point in time.",
        r#"{ "response": { "output": { "label": "{{item.name}}" } } }"#,
        r#"{ "response": { "output": { "label": "{{item.name}}", "date": "{{item.created}}" } } }"#,
        "Doc / Schema conflict; spec §10.2, §13.15, §12.2 R26")
        .url(urls::EPOCH),
    r("R027", "action-outputs-array", R, H,
        "An action module's output is an array.",
        "Actions must output one object; an array fails with \"Expected Object, but found \
         Array\". Wrap it, or make the module a search.",
        r#"{ "url": "/items", "method": "POST", "response": { "output": "{{body.items}}" } }"#,
        r#"{ "url": "/items", "method": "POST", "response": { "output": { "items": "{{body.items}}" } } }"#,
        "Doc; spec §4.7, §12.2 R27")
        .url(urls::RESPONSE_OUTPUT),
    r("R028", "value-type", R, E,
        "A directive's value has a JSON type Make does not accept.",
        "Each directive takes certain JSON kinds: `url` a string, `qs` and `headers` an object \
         (or a `{{ }}` expression that computes it), `response` and `pagination` an object. \
         Make's schemas reject any other kind. Values that another rule already checks (static \
         booleans, `repeat` numbers, enumerated literals, `log.sanitize`) are reported there.",
        r#"{ "url": 123, "qs": "page=1", "method": ["GET"] }"#,
        r#"{ "url": "/items/123", "qs": { "page": 1 }, "method": "GET" }"#,
        "Schema; spec §3.1, §4, §5")
        .why("Make's schemas reject the file, so an error; `null` is never reported because the \
              sources do not say how Make reads it.")
        .url(urls::MAKING_REQUESTS),
    r("R029", "http-directive-in-endpoint-call", R, E,
        "A request that calls an Endpoint also sets HTTP directives, or `pagination` keys other \
         than `mergeWithParent`, `endpoint`, `input` and `condition`.",
        "With `endpoint` the module or RPC sends no HTTP request of its own: the Endpoint does. \
         Make's schema then forbids `url`, `method`, `headers`, `qs`, `body`, `type` and the \
         other HTTP directives, and pagination fetches the next page through `endpoint` and \
         `input` instead of `url`, `method`, `headers`, `qs` and `body`.",
        r#"{ "endpoint": "listItems", "input": { "limit": 100 }, "url": "/items" }"#,
        r#"{ "endpoint": "listItems", "input": { "limit": 100 } }"#,
        "Schema (extension 2.7+); spec §3.1, §11.5"),
    r("R030", "input-without-endpoint", R, E,
        "`input` in a request that calls no Endpoint.",
        "`input` is what a module or RPC passes to the Endpoint named by `endpoint`; Make's \
         schema requires `endpoint` next to it.",
        r#"{ "url": "/items", "input": { "limit": 100 } }"#,
        r#"{ "endpoint": "listItems", "input": { "limit": 100 } }"#,
        "Schema (extension 2.7+); spec §3.1, §11.5"),
    r("R031", "invalid-endpoint-communication", R, E,
        "An Endpoint's communication calls another Endpoint, or is an array of requests.",
        "An Endpoint's communication is one request object, validated like a module's, except \
         that it may not call another Endpoint (`endpoint`): Endpoints nest one level only.",
        r#"{ "endpoint": "listItems", "input": { "limit": 100 } }"#,
        r#"{ "url": "/items", "qs": { "limit": 100 }, "response": { "output": "{{body}}" } }"#,
        "Schema (extension 2.7+, `endpoint-api.json`); spec §11.2, §11.3, §11.5"),
    r("R032", "instant-trigger-requests", R, W,
        "An instant trigger's communication is an array of several requests.",
        "An instant trigger may make one request per webhook item, to fetch what the item lacks; \
         Make's docs allow only a single request there. Merge the calls into one, or move the \
         rest to an action.",
        r#"[{ "url": "/orders/{{payload.id}}" }, { "url": "/customers/{{payload.customer}}" }]"#,
        r#"{ "url": "/orders/{{payload.id}}", "response": { "output": "{{body}}" } }"#,
        "Doc; spec §6.4")
        .url(urls::MODULE_INSTANT_TRIGGER),
    // ---------------- P: parameters ----------------
    r("P001", "missing-parameter-name-or-type", P, E,
        "A parameter without `type`, or without `name` (banners excepted).",
        "`type` decides the field; `name` is how the value is read as `parameters.<name>`. In an \
         interface, which describes the output in the same syntax and which nothing reads at \
         run time, it is a warning about an output field.",
        r#"[{ "label": "Search" }]"#,
        r#"[{ "name": "search", "type": "text", "label": "Search" }]"#,
        "Doc + Schema; spec §8.1, §12.4 P1")
        .url(urls::PARAMETERS),
    r("P002", "unknown-parameter-type", P, E,
        "A parameter `type` that Make does not know.",
        "Types are lower case: `text`, `number`, `select`, `collection`, and so on (31 in all).",
        r#"[{ "name": "count", "type": "Integer" }]"#,
        r#"[{ "name": "count", "type": "integer" }]"#,
        "Doc + Schema; spec §8.2, §12.4 P2")
        .url(urls::PARAMETERS),
    r("P003", "unknown-parameter-key", P, W,
        "A parameter key that Make's schema does not know.",
        "Usually a typo (`lable`, `require`). `disabled` is documented and accepted although \
         Make's schema lacks it.",
        r#"[{ "name": "q", "type": "text", "lable": "Query" }]"#,
        r#"[{ "name": "q", "type": "text", "label": "Query" }]"#,
        "Schema (closed); spec §8.1, §12.4 P3")
        .url(urls::PARAMETERS),
    r("P004", "validate-keys-mismatch", P, E,
        "`validate` keys that do not fit the parameter type.",
        "Arrays take `minItems`, `maxItems`, `enum`; other types `min`, `max`, `pattern` (and \
         `minItems`/`maxItems` for a multiple select).",
        r#"[{ "name": "tags", "type": "array", "validate": { "max": 5 } }]"#,
        r#"[{ "name": "tags", "type": "array", "validate": { "maxItems": 5 } }]"#,
        "Schema; spec §8.3, §12.4 P4")
        .url(urls::PARAMETERS),
    r("P005", "select-options-problem", P, W,
        "A select without `options`, an option without `value`, or a `default` that matches no \
         option.",
        "Users can only choose what `options` offers, and each option needs a `value`.",
        r#"[{ "name": "status", "type": "select", "default": "open", "options": [{ "label": "Closed", "value": "closed" }] }]"#,
        r#"[{ "name": "status", "type": "select", "default": "open", "options": [{ "label": "Open", "value": "open" }, { "label": "Closed", "value": "closed" }] }]"#,
        "Doc + Schema; spec §8.3, §12.4 P5")
        .why("The spec allows E or W; options may come from elsewhere (dynamic RPCs, mapping), \
              so a warning.")
        .url(urls::PARAMETERS),
    r("P006", "options-need-store", P, W,
        "An `options` object with `nested` or `placeholder` but the options outside `store`, or \
         a select with `nested` beside `options` that are no object.",
        "To combine options with `nested` or `placeholder`, put the options themselves in `store`. \
         A select shows nested parameters through its options (spec §8.3 lists no `nested` of its \
         own), so a `nested` next to a list or `rpc://` string of options belongs inside \
         `\"options\": { \"store\": …, \"nested\": … }`.",
        r#"{ "options": "rpc://listProjects", "nested": [] }"#,
        r#"{ "options": { "store": "rpc://listProjects", "nested": [] } }"#,
        "Doc; spec §8.3, §12.4 P6")
        .url(urls::PARAMETERS),
    r("P007", "invalid-parameter-enum-value", P, E,
        "An unknown value for `tags`, `sort`, `mode` or filter `logic`.",
        "`tags`: `strip`, `stripall`, `escape`; `sort`: `text`, `number`; `mode`: `edit`, \
         `choose`; `logic`: `both`, `and`, `or`.",
        r#"[{ "name": "html", "type": "text", "tags": "remove" }]"#,
        r#"[{ "name": "html", "type": "text", "tags": "strip" }]"#,
        "Doc; spec §8.3, §12.4 P7")
        .url(urls::PARAMETERS),
    r("P008", "unknown-rpc", P, W,
        "An `rpc://` reference to an RPC the app does not have.",
        "The name after `rpc://` must be an RPC of this app. In an export, an RPC folder named \
         by a slug of the RPC's name (`list-teams/` for `listTeams`) counts as that RPC, since \
         the name may be kept in a file the checker does not read.",
        r#"{ "options": "rpc://listProjcts" }"#,
        r#"{ "options": "rpc://listProjects" }"#,
        "Derived; spec §8.3, §12.4 P8")
        .url(urls::RPCS),
    r("P009", "missing-spec", P, W,
        "A `collection` without `spec`, or an `array` whose `spec` items lack `name`.",
        "A collection's fields are defined by `spec`; array item fields need names.",
        r#"[{ "name": "address", "type": "collection" }]"#,
        r#"[{ "name": "address", "type": "collection", "spec": [{ "name": "city", "type": "text" }] }]"#,
        "Doc; spec §8.3, §12.4 P9")
        .url(urls::PARAMETERS),
    r("P010", "duplicate-parameter-name", P, W,
        "Two sibling parameters share a `name`.",
        "Both write `parameters.<name>`; one value is lost. In an interface the two fields \
         describe the same output key.",
        r#"[{ "name": "id", "type": "text" }, { "name": "id", "type": "number" }]"#,
        r#"[{ "name": "id", "type": "text" }, { "name": "count", "type": "number" }]"#,
        "Derived; spec §12.4 P10"),
    r("P011", "password-outside-connection", P, H,
        "A `password` parameter outside a connection.",
        "Outside connections it behaves like plain text; secrets belong in the connection.",
        r#"[{ "name": "apiKey", "type": "password" }]"#,
        r#"[{ "name": "apiKey", "type": "text" }]"#,
        "Doc; spec §8.2, §12.4 P11")
        .url(urls::PARAMETERS),
    r("P012", "editable-mappable-misuse", P, H,
        "`editable` on module parameters, or `mappable` on connection parameters.",
        "Connections use `editable`; modules use `mappable` (for selects and booleans `editable` \
         is the deprecated spelling).",
        r#"[{ "name": "status", "type": "select", "editable": true, "options": [] }]"#,
        r#"[{ "name": "status", "type": "select", "mappable": true, "options": [] }]"#,
        "Doc; spec §8.1, §12.4 P12")
        .url(urls::PARAMETERS),
    r("P013", "trigger-with-mappable-parameters", P, W,
        "A polling trigger with mappable parameters.",
        "A polling trigger starts the scenario, so there is nothing to map; use static \
         parameters.",
        r#"// trigger's mappable parameters
[{ "name": "folder", "type": "text" }]"#,
        r#"// trigger's static parameters
[{ "name": "folder", "type": "text" }]"#,
        "Doc; spec §8.4, §12.4 P13")
        .url(urls::MODULE_TRIGGER),
    r("P014", "reserved-parameter-name", P, W,
        "A connection parameter named `accountName` or `teamID`.",
        "The same check as C015, seen from the parameter rules.",
        r#"[{ "name": "accountName", "type": "text" }]"#,
        r#"[{ "name": "accountLabel", "type": "text" }]"#,
        "Doc; spec §2.3, §12.4 P14")
        .why("Duplicates C015, which is the one reported; kept for numbering.")
        .off(),
    r("P015", "endpoint-parameter-without-help", P, E,
        "An Endpoint input or output parameter without `help`.",
        "Make's schema for Endpoint parameters requires a `help` description on every \
         parameter, nested ones included.",
        r#"// endpoint input
[{ "name": "query", "type": "text", "label": "Query" }]"#,
        r#"// endpoint input
[{ "name": "query", "type": "text", "label": "Query", "help": "Words to search for." }]"#,
        "Schema (extension 2.7+, endpoint parameters); spec §11.3"),
    r("P016", "banner-in-endpoint-parameters", P, E,
        "A `banner` in Endpoint input or output parameters.",
        "A banner is only a visual note in a form; Endpoint parameters describe data, and Make's \
         schema does not offer the `banner` type there.",
        r#"// endpoint input
[{ "type": "banner", "text": "Uses the v2 API" }, { "name": "id", "type": "text", "help": "Item id." }]"#,
        r#"// endpoint input
[{ "name": "id", "type": "text", "help": "Item id (v2 API)." }]"#,
        "Schema (extension 2.7+, endpoint parameters); spec §11.3"),
    r("P017", "endpoint-json-parameter-name", P, E,
        "A top-level `json` parameter of an Endpoint not named `inputSchema` (input) or \
         `outputSchema` (output).",
        "Make's schema fixes the name of a top-level `json` field so that the schema an Endpoint \
         exposes is consistent; nested `json` fields may have any name.",
        r#"// endpoint input
[{ "name": "schema", "type": "json", "help": "JSON Schema of the input." }]"#,
        r#"// endpoint input
[{ "name": "inputSchema", "type": "json", "help": "JSON Schema of the input." }]"#,
        "Schema (extension 2.7+, endpoint parameters); spec §11.3"),
    // ---------------- X: cross-file ----------------
    r("X001", "code-file-registration", X, W,
        "A `codeFiles` path that does not exist, or a component file that is not registered.",
        "Make's tools find code through `makecomapp.json`; an unregistered file is never \
         deployed and a missing one breaks deploys.",
        r#"{ "codeFiles": { "communication": "modules/list/list.comunication.iml.json" } }"#,
        r#"{ "codeFiles": { "communication": "modules/list/list.communication.iml.json" } }"#,
        "Derived (local development); spec §11.4, §12.5 X1")
        .url(urls::LOCAL_DEVELOPMENT),
    r("X002", "unknown-connection-reference", X, E,
        "A module, RPC or webhook names a connection id that does not exist.",
        "`connection` and `altConnection` in `makecomapp.json` must be ids under \
         `components.connection`.",
        r#"{ "moduleType": "search", "connection": "acme-oauht", "codeFiles": {} }"#,
        r#"{ "moduleType": "search", "connection": "acme-oauth", "codeFiles": {} }"#,
        "Derived; spec §11.4, §12.5 X2")
        .url(urls::LOCAL_DEVELOPMENT),
    r("X003", "unknown-connection-key", X, W,
        "`connection.<key>` that the linked connection neither declares nor stores.",
        "Connection values are its parameters plus `response.data` keys.",
        r#"{ "headers": { "authorization": "Bearer {{connection.token}}" } }"#,
        r#"{ "headers": { "authorization": "Bearer {{connection.accessToken}}" } }"#,
        "Derived; spec §2.8, §12.5 X3")
        .url(urls::CONNECTIONS),
    r("X004", "scope-not-in-scope-list", X, H,
        "A module scope that the connection's scope list does not contain.",
        "The scope list describes every scope the app may request; unlisted scopes show no \
         description to users.",
        r#"["contacts.write"]"#,
        r#"["contacts.read"]"#,
        "Derived; spec §10.3, §12.5 X4")
        .url(urls::SCOPE),
    r("X005", "shared-webhook-without-uid", X, W,
        "A shared webhook whose communication or connection does not define `uid`.",
        "Events of a shared webhook are routed by matching the webhook's `uid` with the \
         connection's `response.uid`; both are needed.",
        r#"{ "output": "{{body}}" }"#,
        r#"{ "uid": "{{body.accountId}}", "output": "{{body}}" }"#,
        "Doc (shared webhooks); spec §6.3, §12.5 X5")
        .url(urls::WEBHOOKS_SHARED),
    r("X006", "instant-trigger-without-webhook", X, E,
        "An instant trigger that references no webhook.",
        "Instant triggers are fed by a webhook; set `webhook` in `makecomapp.json`.",
        r#"{ "moduleType": "instant_trigger", "codeFiles": {} }"#,
        r#"{ "moduleType": "instant_trigger", "webhook": "acme-events", "codeFiles": {} }"#,
        "Schema (local development); spec §11.4, §12.5 X6")
        .url(urls::MODULE_INSTANT_TRIGGER),
    r("X007", "invalid-module-group", X, W,
        "A `groups.json` group that is not `{ \"label\": string, \"modules\": [ids] }`, or that \
         lists a module the app does not have.",
        "Groups sort the app's modules under headings in the module list. Each group needs a \
         `label` and a `modules` array, and each entry of `modules` must be the id of one of \
         the app's modules (`components.module` in `makecomapp.json`, or a module folder of an \
         exported app). Checked only in a groups file that belongs to an app.",
        r#"[{ "label": "Tasks", "modules": ["listTsks", "createTask"] }]"#,
        r#"[{ "label": "Tasks", "modules": ["listTasks", "createTask"] }]"#,
        "Schema (groups); spec §10.7, §11.4")
        .why("A warning: the sources say what the file must look like but not whether Make \
              rejects the file or drops the entry.")
        .url(urls::MODULES),
    r("X008", "unknown-endpoint", X, W,
        "`endpoint` names an Endpoint the app does not have.",
        "A module or RPC calls one of its app's Endpoints by name (`\"endpoint\": \"name\"` or \
         `{ \"name\": … }`): an id under `components.endpoint` in `makecomapp.json`, or an \
         Endpoint folder of an exported app.",
        r#"{ "endpoint": "listItem", "input": {} }"#,
        r#"{ "endpoint": "listItems", "input": {} }"#,
        "Derived; spec §11.4, §11.5")
        .why("A warning, like P008: Make's schema accepts any name, and an expression may \
              compute it."),
    // ---------------- F: files ----------------
    r("F001", "unreadable-file", F, E,
        "The file could not be read.",
        "It may have been removed, or permissions forbid reading it.",
        "// (file missing or not readable)",
        "// (a readable file)",
        "Tooling"),
    r("F002", "not-utf8", F, E,
        "The file is not UTF-8 text.",
        "Spec files are UTF-8 JSON; binary content or other encodings cannot be analysed.",
        "// (bytes that are not valid UTF-8)",
        "{ \"url\": \"/items\" }",
        "Tooling"),
    r("F003", "file-too-large", F, W,
        "The file is too large to analyse.",
        "Files over 10 MiB are skipped, on disk and open in the editor, to keep the editor responsive and memory bounded.",
        "// (a spec file of many megabytes)",
        "// (split large samples or data out of spec files)",
        "Tooling")
        .why("Nothing is wrong with the app; only the analysis is skipped."),
    r("F004", "invalid-config", F, E,
        "`iml-ls.toml` cannot be read or has unknown settings.",
        "Fix the setting named in the message; defaults are used meanwhile.",
        "[rules]\nC013 = \"loud\"",
        "[rules]\nC013 = \"error\"",
        "Tooling"),
    r("F005", "path-outside-root", F, W,
        "A path points outside the app root or workspace.",
        "Files outside the project are not analysed, and deploys cannot reach them.",
        r#"{ "generalCodeFiles": { "base": "../other-app/base.iml.json" } }"#,
        r#"{ "generalCodeFiles": { "base": "general/base.iml.json" } }"#,
        "Tooling"),
    r("F006", "not-a-regular-file", F, E,
        "The path is not a regular file.",
        "A FIFO, socket or device named like an app file is never opened: reading one can \
         wait forever or never end. Replace it with the file it stands for.",
        "// (a FIFO named x.iml.json)",
        "// (a regular file named x.iml.json)",
        "Tooling"),
    r("F007", "too-many-diagnostics", F, W,
        "A file has more problems than are reported.",
        "Only the first 1,000 diagnostics of a file are kept; this one says how many more there \
         are and which rule gives most of them. Fix those shown, or turn that rule off, to see \
         the rest.",
        "// (a file with thousands of problems of one kind)",
        "// (the same file with the repeated mistake fixed)",
        "Tooling")
        .why("Keeps the editor and CI logs usable; nothing is wrong beyond the problems counted."),
    // ---------------- T: spec tests (docs/testing.md) ----------------
    r("T001", "test-file-shape", T, E,
        "The spec-test file does not have the documented shape.",
        "A test file is an object with a `cases` array; each case has a `name` and only the \
         documented keys, and each recorded response only `step`, `status`, `headers` and \
         `body`. The message names what is wrong.",
        r#"{ "cases": [ { "name": "token", "respones": [] } ] }"#,
        r#"{ "cases": [ { "name": "token", "responses": [] } ] }"#,
        "Tooling: the iml-ls spec-test format (docs/testing.md)"),
    r("T002", "test-without-component", T, E,
        "No component's communication file is beside the test file.",
        "A test file sits in the folder of the component it tests; move it there, or name it \
         after the component when the folder holds several.",
        "// connections/tests.iml.json, in a folder with no communication file",
        "// connections/acme/acme.tests.iml.json, beside acme.communication.iml.json",
        "Tooling: the iml-ls spec-test format (docs/testing.md)"),
    r("T003", "unknown-test-flow", T, E,
        "The case names a flow this component does not have.",
        "An OAuth 2 connection runs `authorize`, `refresh`, `invalidate` or `info`; a basic \
         connection `verify`; a module or RPC `run`.",
        r#"{ "cases": [ { "name": "renew", "flow": "refesh" } ] }"#,
        r#"{ "cases": [ { "name": "renew", "flow": "refresh" } ] }"#,
        "Tooling: the iml-ls spec-test format (docs/testing.md)"),
    r("T004", "unreachable-test-step", T, W,
        "A recorded response names a step the flow never reaches.",
        "The step is not part of the case's flow, or the component has no such section or \
         request, so the response would never be used and the case would fail.",
        r#"{ "cases": [ { "name": "renew", "flow": "refresh", "responses": [ { "step": "token" } ] } ] }"#,
        r#"{ "cases": [ { "name": "renew", "flow": "refresh", "responses": [ { "step": "refresh" } ] } ] }"#,
        "Tooling: the iml-ls spec-test format (docs/testing.md)"),
    r("T005", "unwritten-test-result", T, W,
        "The case expects a result that nothing in the flow writes.",
        "No section of the component writes this key (a connection's `response.data`, `uid`, \
         `metadata` or `expires`; a module's `output`), and the case does not give it as \
         input, so the expectation can never hold.",
        r#"{ "cases": [ { "name": "token", "expect": { "data": { "acessToken": "at-1" } } } ] }"#,
        r#"{ "cases": [ { "name": "token", "expect": { "data": { "accessToken": "at-1" } } } ] }"#,
        "Tooling: the iml-ls spec-test format (docs/testing.md)"),
    r("T006", "test-case-failed", T, E,
        "The case failed when it was run.",
        "Shown after \"Run\" on a case in the editor: an expectation that did not hold, at \
         the expectation, or the reason the flow stopped. `iml-ls test` prints the same.",
        r#"{ "cases": [ { "name": "token", "expect": { "uid": 41 } } ] }"#,
        r#"{ "cases": [ { "name": "token", "expect": { "uid": 42 } } ] }"#,
        "Tooling: the iml-ls spec-test runner (docs/testing.md)"),
];

/// Every rule: this table, then the review profile's (`review.rs`).
static ALL_RULES: std::sync::LazyLock<Vec<Rule>> = std::sync::LazyLock::new(|| {
    RULES
        .iter()
        .chain(crate::review::REVIEW_RULES)
        .copied()
        .collect()
});

pub fn rules() -> &'static [Rule] {
    &ALL_RULES
}

/// The rules by code as the table writes it: every diagnostic asks for its
/// rule, so a scan of the table would cost per diagnostic.
static BY_CODE: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static Rule>> =
    std::sync::LazyLock::new(|| rules().iter().map(|rule| (rule.code, rule)).collect());

/// Rules whose outcome a file's own text decides, whatever the app around
/// it: JSONC syntax, IML syntax, and a text too large to analyse (F003). Until an editor has loaded the app a
/// file belongs to, these are all it is shown, since every other rule may
/// read a file not loaded yet (a listed file looks missing, a parameter
/// looks undeclared). Our choice: the docs say nothing about editors.
pub const TEXT_ONLY_RULES: &[&str] = &[
    "J001", "J002", "J003", "J004", "J005", "J006", "J007", "I001", "F003",
];

/// The rule with `code`, in any letter case.
pub fn rule(code: &str) -> Option<&'static Rule> {
    BY_CODE.get(code).copied().or_else(|| {
        rules()
            .iter()
            .find(|rule| rule.code.eq_ignore_ascii_case(code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert_eq!(rule.code.len(), 4, "{}", rule.code);
            assert!(
                rule.code.starts_with(rule.category.prefix()),
                "{}",
                rule.code
            );
            assert!(
                rule.code[1..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case",
                rule.name
            );
        }
    }

    #[test]
    fn the_code_scheme_is_complete() {
        let expected = [
            ('J', 7),
            ('I', 12),
            ('C', 18),
            ('R', 32),
            ('P', 17),
            ('X', 8),
            ('F', 7),
            ('T', 6),
        ];
        for (prefix, count) in expected {
            for n in 1..=count {
                let code = format!("{prefix}{n:03}");
                assert!(rule(&code).is_some(), "{code} missing");
            }
            let actual = RULES.iter().filter(|r| r.code.starts_with(prefix)).count();
            assert_eq!(actual, count, "{prefix}");
        }
        assert_eq!(RULES.len(), 107);
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            assert!(!rule.summary.is_empty(), "{}", rule.code);
            assert!(!rule.explanation.is_empty(), "{}", rule.code);
            assert!(
                !rule.bad.trim().is_empty(),
                "{} has no bad example",
                rule.code
            );
            assert!(
                !rule.good.trim().is_empty(),
                "{} has no good example",
                rule.code
            );
            assert!(!rule.basis.is_empty(), "{}", rule.code);
            if rule.category != RuleCategory::File && rule.enabled_by_default {
                assert_ne!(rule.bad, rule.good, "{}: examples are identical", rule.code);
            }
            if !rule.enabled_by_default {
                assert!(
                    rule.rationale.is_some(),
                    "{} is off without a reason",
                    rule.code
                );
            }
            if let Some(url) = rule.url {
                assert!(
                    url.starts_with("https://developers.make.com/"),
                    "{}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn the_text_only_rules_are_syntax_rules() {
        for code in TEXT_ONLY_RULES {
            let rule = rule(code).unwrap_or_else(|| panic!("{code} is not a rule"));
            assert!(
                rule.category == RuleCategory::Jsonc
                    || ["iml-syntax-error", "file-too-large"].contains(&rule.name),
                "{code} reads more than its file's syntax"
            );
        }
    }

    #[test]
    fn lookups_and_anchors() {
        let c002 = rule("C002").map(|r| (r.name, r.anchor(), r.doc_link()));
        assert_eq!(
            c002,
            Some((
                "token-without-authorize",
                "c002".to_string(),
                "docs/rules.md#c002".to_string()
            ))
        );
        assert_eq!(rule("c002").map(|r| r.code), Some("C002"));
        assert!(rule("C019").is_none());
        assert_eq!(rule("J003").map(|r| r.severity), Some(Severity::Warning));
        assert_eq!(rule("C003").map(|r| r.severity), Some(Severity::Error));
    }

    #[test]
    fn restrictions_and_table_rules_exist() {
        for d in crate::directives::DIRECTIVES {
            for restriction in d.restrictions {
                assert!(
                    rule(restriction.rule).is_some(),
                    "{}: {}",
                    d.name,
                    restriction.rule
                );
            }
        }
    }
}
