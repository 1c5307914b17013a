//! Rules of connection files: OAuth sections of one flavour, the token flow,
//! redirect URIs and refresh, sanitised secrets, request URLs and account keys.

use expect_test::expect;

use super::{check, check_clean};

#[test]
fn oauth_sections_come_from_one_flavour() {
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
            "tokne": { "url": "https://auth.example.com/token" },
            "token": { "url": "https://auth.example.com/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "log": { "sanitize": ["request.body.code"] } },
            "requestToken": { "url": "https://auth.example.com/request" }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C001 Error "\"tokne\"": `tokne` is not a section of an OAuth 2 connection; sections are `preauthorize`, `authorize`, `token`, `info`, `refresh`, `invalidate`; did you mean `token`?
                fix: Rename to `token`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": { "url": "https://auth.example.com/token" },
                |     "token": { "url": "https://auth.example.com/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "log": { "sanitize": ["request.body.code"] } },
                |     "requestToken": { "url": "https://auth.example.com/request" }
                | }
              C001 Error "\"requestToken\"": `requestToken` is an OAuth 1 section, but this communication is OAuth 2 (its other sections say so); use one flavour only
        "#]],
    );
}

#[test]
fn token_without_authorize_needs_a_condition() {
    check(
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        {
            "token": {
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "grant_type": "client_credentials" },
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitize": ["response.body.access_token"] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/cc/cc.oauth-communication.iml.json
              C002 Warning "\"token\"": `token` never runs: there is no `authorize` section and no `condition`; add `"condition": true` (or an expiry check)
                fix: Add `"condition": true`
                | {
                |     "token": {
                |         "condition": true,
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "grant_type": "client_credentials" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["response.body.access_token"] }
                |     }
                | }
        "#]],
    );
    check_clean(
        r#"
        //- /app/connections/cc/cc.oauth-communication.iml.json
        {
            "token": {
                "condition": "{{if(data.accessToken, data.expires < addMinutes(now, 1), true)}}",
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "grant_type": "client_credentials" },
                "response": { "data": { "accessToken": "{{body.access_token}}", "expires": "{{addSeconds(now, body.expires_in)}}" } },
                "log": { "sanitize": ["response.body.access_token"] }
            }
        }
        "#,
    );
}

#[test]
fn redirect_uris_and_refresh() {
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "authorize": { "url": "https://auth.example.com/authorize", "qs": { "redirect_uri": "{{oauth.redirectUri}}" }, "response": { "temp": { "code": "{{query.code}}" } } },
            "token": {
                "url": "https://auth.example.com/token", "method": "POST",
                "body": { "code": "{{temp.code}}", "redirect_uri": "{{oauth.localRedirectUri}}" },
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitize": ["request.body.code", "response.body.access_token"] }
            },
            "refresh": {
                "url": "https://auth.example.com/token", "method": "POST",
                "body": { "refresh_token": "{{data.accessToken}}" },
                "log": { "sanitize": ["request.body"] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C007 Hint "oauth.redirectUri": `oauth.redirectUri` is the legacy integromat.com callback; new apps use `oauth.localRedirectUri` (register https://www.make.com/oauth/cb/app at the provider)
                fix: Replace with `oauth.localRedirectUri`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "qs": { "redirect_uri": "{{oauth.localRedirectUri}}" }, "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token", "method": "POST",
                |         "body": { "code": "{{temp.code}}", "redirect_uri": "{{oauth.localRedirectUri}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code", "response.body.access_token"] }
                |     },
                |     "refresh": {
                |         "url": "https://auth.example.com/token", "method": "POST",
                |         "body": { "refresh_token": "{{data.accessToken}}" },
                |         "log": { "sanitize": ["request.body"] }
                |     }
                | }
              C007 Warning "oauth.localRedirectUri": `token` sends `oauth.localRedirectUri` but `authorize` sends `oauth.redirectUri`; the provider rejects a code exchange whose redirect URI differs, so use the same variable
                fix: Use `oauth.redirectUri` as `authorize` does
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "qs": { "redirect_uri": "{{oauth.redirectUri}}" }, "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token", "method": "POST",
                |         "body": { "code": "{{temp.code}}", "redirect_uri": "{{oauth.redirectUri}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code", "response.body.access_token"] }
                |     },
                |     "refresh": {
                |         "url": "https://auth.example.com/token", "method": "POST",
                |         "body": { "refresh_token": "{{data.accessToken}}" },
                |         "log": { "sanitize": ["request.body"] }
                |     }
                | }
              C008 Warning "\"refresh\"": `refresh` has no `condition`, so it may run on every execution; add one such as `"{{data.expires < addMinutes(now, 15)}}"`
              C008 Hint "\"refresh\"": `refresh` is defined, but no `response.data` stores an expiry or a refresh token; store `expires` (and the refresh token) in `token`'s `response.data`
        "#]],
    );
}

#[test]
fn secrets_need_sanitising() {
    check(
        r#"
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "pin", "type": "password" }]
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
            "token": {
                "url": "https://auth.example.com/token",
                "method": "POST",
                "body": { "code": "{{temp.code}}", "client_secret": "{{common.clientSecret}}" },
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitize": ["request.body.code"] }
            },
            "info": {
                "url": "https://api.example.com/me",
                "headers": { "Authorization": "Bearer {{connection.accessToken}}", "X-Pin": "{{parameters.pin}}" }
            }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C013 Warning "\"client_secret\"": this value sends a secret (`common.clientSecret`), and `log.sanitize` does not hide it; add "request.body.client_secret" to `log.sanitize`
                fix: Add "request.body.client_secret" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "code": "{{temp.code}}", "client_secret": "{{common.clientSecret}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code", "request.body.client_secret"] }
                |     },
                |     "info": {
                |         "url": "https://api.example.com/me",
                |         "headers": { "Authorization": "Bearer {{connection.accessToken}}", "X-Pin": "{{parameters.pin}}" }
                |     }
                | }
              C013 Warning "body.access_token": `body.access_token` is a secret received in the response, and `log.sanitize` does not hide it; add "response.body.access_token" to `log.sanitize`
                fix: Add "response.body.access_token" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "code": "{{temp.code}}", "client_secret": "{{common.clientSecret}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code", "response.body.access_token"] }
                |     },
                |     "info": {
                |         "url": "https://api.example.com/me",
                |         "headers": { "Authorization": "Bearer {{connection.accessToken}}", "X-Pin": "{{parameters.pin}}" }
                |     }
                | }
              C013 Warning "\"Authorization\"": this value sends a secret (`connection.accessToken`), and `log.sanitize` does not hide it; add "request.headers.Authorization" to `log.sanitize`
                fix: Add "request.headers.Authorization" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "code": "{{temp.code}}", "client_secret": "{{common.clientSecret}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code"] }
                |     },
                |     "info": {
                |         "url": "https://api.example.com/me",
                |         "headers": { "Authorization": "Bearer {{connection.accessToken}}", "X-Pin": "{{parameters.pin}}" },
                |         "log": { "sanitize": ["request.headers.Authorization"] }
                |     }
                | }
              C013 Warning "\"X-Pin\"": this value sends a secret (`parameters.pin`), and `log.sanitize` does not hide it; add "request.headers.`X-Pin`" to `log.sanitize`
                fix: Add "request.headers.`X-Pin`" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "method": "POST",
                |         "body": { "code": "{{temp.code}}", "client_secret": "{{common.clientSecret}}" },
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": ["request.body.code"] }
                |     },
                |     "info": {
                |         "url": "https://api.example.com/me",
                |         "headers": { "Authorization": "Bearer {{connection.accessToken}}", "X-Pin": "{{parameters.pin}}" },
                |         "log": { "sanitize": ["request.headers.`X-Pin`"] }
                |     }
                | }
        "#]],
    );
}

#[test]
fn connection_requests_need_urls() {
    check(
        r#"
        //- /app/connections/key/key.communication.iml.json
        {
            "headers": { "x-api-key": "{{parameters.apiKey}}" },
            "log": { "sanitize": ["request.headers.x-api-key"] }
        }
        //- /app/connections/two/two.communication.iml.json
        [{ "url": "https://api.example.com/token" }, { "url": "/me" }]
        //- /app/connections/other/other.communication.iml.json
        {}
        "#,
        expect![[r#"
            /app/connections/key/key.communication.iml.json
              C005 Error "{": this connection request has no `url`; connections have no request-less mode, so add the URL to call
                fix: Add `"url": ""`
                | {
                |     "url": "",
                |     "headers": { "x-api-key": "{{parameters.apiKey}}" },
                |     "log": { "sanitize": ["request.headers.x-api-key"] }
                | }
            /app/connections/two/two.communication.iml.json
              C006 Warning "[": a basic connection is described by one request in the current docs; Make's tools still run an array, but consider a single validation request
              R022 Warning "\"url\"": `url` is relative, but connections do not inherit Base's `baseUrl`; write the full URL
        "#]],
    );
    check_clean(
        r#"
        //- /app/connections/key/key.communication.iml.json
        {
            "url": "https://api.example.com/me",
            "headers": { "x-api-key": "{{parameters.apiKey}}" },
            "response": { "metadata": { "type": "email", "value": "{{body.email}}" }, "uid": "{{body.id}}" },
            "log": { "sanitize": ["request.headers.x-api-key"] }
        }
        "#,
    );
}

#[test]
fn account_keys_belong_in_info() {
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "authorize": { "url": "https://auth.example.com/authorize", "response": { "temp": { "code": "{{query.code}}" } } },
            "token": {
                "url": "https://auth.example.com/token", "method": "POST", "body": { "code": "{{temp.code}}" },
                "response": { "uid": "{{body.user_id}}", "metadata": { "type": "name", "value": "{{body.user}}" } },
                "log": { "sanitize": ["request.body.code"] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C004 Hint "\"uid\"": `response.uid` describes the account and belongs in the `info` section; move it there
              C004 Hint "\"metadata\"": `response.metadata` describes the account and belongs in the `info` section; move it there
              C014 Error "\"name\"": `name` is not a valid `type` (metadata.type); use `text`, `email`
        "#]],
    );
    check_clean(
        r#"
        //- /app/connections/one/one.oauth-communication.iml.json
        {
            "oauth": { "consumer_key": "{{common.consumerKey}}", "consumer_secret": "{{common.consumerSecret}}" },
            "requestToken": { "url": "https://api.example.com/oauth/request_token", "method": "POST", "response": { "type": "urlencoded", "temp": { "token": "{{body.oauth_token}}" } }, "log": { "sanitize": ["response.body.oauth_token"] } },
            "authorize": { "url": "https://api.example.com/oauth/authorize", "qs": { "oauth_token": "{{temp.token}}" } },
            "info": { "url": "https://api.example.com/me", "response": { "uid": "{{body.id}}", "metadata": { "type": "text", "value": "{{body.name}}" } } }
        }
        "#,
    );
}

#[test]
fn no_log_key_is_added_beside_a_misspelling_of_it() {
    // The rename of `sanitze` (R019) and of `lgo` (R001) is offered; C013
    // adds nothing beside them, which would leave the key twice once the
    // rename is taken.
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "token": {
                "url": "https://auth.example.com/token",
                "condition": true,
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "log": { "sanitze": [] }
            },
            "refresh": {
                "url": "https://auth.example.com/token",
                "condition": true,
                "response": { "data": { "accessToken": "{{body.access_token}}" } },
                "lgo": { "sanitize": [] }
            }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C013 Warning "body.access_token": `body.access_token` is a secret received in the response, and `log.sanitize` does not hide it; add "response.body.access_token" to `log.sanitize`
              R019 Warning "\"sanitze\"": `sanitze` is not a key of `log`; use `sanitize`; did you mean `sanitize`?
                fix: Rename to `sanitize`
                | {
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "condition": true,
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": [] }
                |     },
                |     "refresh": {
                |         "url": "https://auth.example.com/token",
                |         "condition": true,
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "lgo": { "sanitize": [] }
                |     }
                | }
              C008 Hint "\"refresh\"": `refresh` is defined, but no `response.data` stores an expiry or a refresh token; store `expires` (and the refresh token) in `token`'s `response.data`
              C013 Warning "body.access_token": `body.access_token` is a secret received in the response, and `log.sanitize` does not hide it; add "response.body.access_token" to `log.sanitize`
              R001 Error "\"lgo\"": `lgo` is not a request key in an OAuth 2 connection; did you mean `log`?
                fix: Rename to `log`
                | {
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "condition": true,
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitze": [] }
                |     },
                |     "refresh": {
                |         "url": "https://auth.example.com/token",
                |         "condition": true,
                |         "response": { "data": { "accessToken": "{{body.access_token}}" } },
                |         "log": { "sanitize": [] }
                |     }
                | }
        "#]],
    );
}

#[test]
fn a_credential_display_name_is_not_a_secret() {
    // `token_name` labels the connection in `metadata`; only the token
    // itself needs `log.sanitize`.
    check(
        r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {
            "token": {
                "url": "https://auth.example.com/token",
                "condition": true,
                "response": {
                    "data": { "accessToken": "{{body.access_token}}" },
                    "metadata": { "type": "text", "value": "{{body.token_name}}" }
                }
            }
        }
        "#,
        expect![[r#"
            /app/connections/acme/acme.oauth-communication.iml.json
              C013 Warning "body.access_token": `body.access_token` is a secret received in the response, and `log.sanitize` does not hide it; add "response.body.access_token" to `log.sanitize`
                fix: Add "response.body.access_token" to `log.sanitize`
                | {
                |     "token": {
                |         "url": "https://auth.example.com/token",
                |         "condition": true,
                |         "response": {
                |             "data": { "accessToken": "{{body.access_token}}" },
                |             "metadata": { "type": "text", "value": "{{body.token_name}}" }
                |         },
                |         "log": { "sanitize": ["response.body.access_token"] }
                |     }
                | }
              C004 Hint "\"metadata\"": `response.metadata` describes the account and belongs in the `info` section; move it there
        "#]],
    );
}

/// A connection told by its content alone (no manifest, no metadata, a file
/// directly in `connections/`) gets every connection rule.
#[test]
fn a_connection_told_by_content_gets_the_connection_rules() {
    check(
        r#"
        //- /app/connections/acme.iml.json
        {
            "authorize": { "url": "https://x/auth", "response": { "temp": { "code": "{{query.code}}" } } },
            "token": { "url": "https://x/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "response": { "data": { "accessToken": "{{body.access_token}}" } } },
            "infoo": { "url": "https://x/me" }
        }
        "#,
        expect![[r#"
            /app/connections/acme.iml.json
              C013 Warning "\"code\"": this value sends a secret (`temp.code`), and `log.sanitize` does not hide it; add "request.body.code" to `log.sanitize`
                fix: Add "request.body.code" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://x/auth", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": { "url": "https://x/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "response": { "data": { "accessToken": "{{body.access_token}}" } }, "log": { "sanitize": ["request.body.code"] } },
                |     "infoo": { "url": "https://x/me" }
                | }
              C013 Warning "body.access_token": `body.access_token` is a secret received in the response, and `log.sanitize` does not hide it; add "response.body.access_token" to `log.sanitize`
                fix: Add "response.body.access_token" to `log.sanitize`
                | {
                |     "authorize": { "url": "https://x/auth", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": { "url": "https://x/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "response": { "data": { "accessToken": "{{body.access_token}}" } }, "log": { "sanitize": ["response.body.access_token"] } },
                |     "infoo": { "url": "https://x/me" }
                | }
              C001 Error "\"infoo\"": `infoo` is not a section of an OAuth 2 connection; sections are `preauthorize`, `authorize`, `token`, `info`, `refresh`, `invalidate`; did you mean `info`?
                fix: Rename to `info`
                | {
                |     "authorize": { "url": "https://x/auth", "response": { "temp": { "code": "{{query.code}}" } } },
                |     "token": { "url": "https://x/token", "method": "POST", "body": { "code": "{{temp.code}}" }, "response": { "data": { "accessToken": "{{body.access_token}}" } } },
                |     "info": { "url": "https://x/me" }
                | }
        "#]],
    );
}

/// An array of one request differs from the documented form only by its
/// brackets: a hint, where several requests stay a warning.
#[test]
fn a_basic_connection_of_one_request_in_brackets_is_a_hint() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        [{ "url": "https://api.example.com/me" }]
        "#,
        expect![[r#"
            /app/connections/acme/acme.communication.iml.json
              C006 Hint "[": a basic connection written as an array of one request; the current docs describe the request object alone, so the brackets can go
        "#]],
    );
}
