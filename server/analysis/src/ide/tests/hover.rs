//! Hover on directive and section keys, enumerated values, declared
//! parameters, connection data, `temp` keys, variables and functions.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_MANIFEST, ACME_OAUTH2, join};

use super::groups_completion::{CRM_APP, hover};
use super::load;

fn check(parts: &[&str], expect: Expect) {
    let (analysis, path, offset) = load(&join(parts));
    let text = analysis.file_text(&path).unwrap_or_default().to_owned();
    let rendered = match analysis.hover(&path, offset) {
        Some(hover) => format!(
            "{:?}\n{}",
            &text[usize::from(hover.range.start())..usize::from(hover.range.end())],
            hover.markdown
        ),
        None => "no hover".to_owned(),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn directive_key() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { "url": "https://x", "met$0hod": "POST" } }
        "#,
        ],
        expect![[r#"
            "\"method\""
            **`method`** — HTTP method of the request.

            Value: IML string, default `"GET"`

            Values: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `OPTIONS`

            Allowed in: a basic connection, an OAuth 2 connection, an OAuth 1 connection, Base, a polling trigger, an action module, a search module, an instant trigger, a universal module, an RPC, a webhook attach request, a webhook detach request, a webhook update request, an epoch

            ```json
            "method": ""
            ```

            [Make documentation](https://developers.make.com/custom-apps-documentation/component-blocks/api/making-requests)"#]],
    );
}

#[test]
fn section_key() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "ref$0resh": {} }
        "#,
        ],
        expect![[r#"
            "\"refresh\""
            **`refresh`** — Renews the access token when its `condition` holds; stores new tokens with `response.data`.

            Runs outside the initial authorization flow. Runs after the token exchange, so `connection.*` is set.

            [Make documentation](https://developers.make.com/custom-apps-documentation/app-components/connections/oauth2)"#]],
    );
}

#[test]
fn restricted_directive_says_why() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { "url": "https://x", "pagin$0ation": {} } }
        "#,
        ],
        expect![[r#"
            "\"pagination\""
            **`pagination`** — How to request further pages of results.

            Value: object

            Allowed in: Base, a polling trigger, a search module, a universal module, an RPC, an epoch

            ⚠ Here: this directive is not available in connection communication (C003)

            ```json
            "pagination": {}
            ```

            [Make documentation](https://developers.make.com/custom-apps-documentation/component-blocks/api/pagination)"#]],
    );
}

#[test]
fn enum_value() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "token": { "url": "https://x", "type": "url$0encoded" } }
        "#,
        ],
        expect![[r#"
            "\"urlencoded\""
            **`urlencoded`** (request type) — Serialise `body` as a form (`a=1&b=2`) and set the form content type.

            [Make documentation](https://developers.make.com/custom-apps-documentation/component-blocks/api/making-requests)"#]],
    );
}

#[test]
fn declared_parameter() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/authorize\"",
                    "\"{{parameters.clie$0ntId}}\"",
                )
                .as_str(),
        ],
        expect![[r#"
            "clientId"
            **Client ID** `parameters.clientId`

            Type: `text`

            From the developer console.

            Declared in `connections/acme/acme.params.iml.json`"#]],
    );
}

#[test]
fn connection_data_in_a_module_names_its_writers() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "headers": { "authorization": "Bearer {{connection.access$0Token}}" } }
        "#,
        ],
        expect![[r#"
            "accessToken"
            `connection.accessToken`

            **`accessToken`** — written by `token.response.data` in `connections/acme/acme.oauth-communication.iml.json`

            ```iml
            {{body.access_token}}
            ```

            **`accessToken`** — written by `refresh.response.data` in `connections/acme/acme.oauth-communication.iml.json`

            ```iml
            {{body.access_token}}
            ```"#]],
    );
}

#[test]
fn temp_key_and_variable_and_function() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"method\"",
                    "\"{{temp.co$0de}}\",\n    \"method\"",
                )
                .as_str(),
        ],
        expect![[r#"
            "code"
            `temp.code`

            **`code`** — written by `authorize.response.temp` in `connections/acme/acme.oauth-communication.iml.json`

            ```iml
            {{query.code}}
            ```"#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"method\"",
                    "\"{{com$0mon.clientId}}\",\n    \"method\"",
                )
                .as_str(),
        ],
        expect![[r#"
            "common"
            **`common`** — Common data: the connection's inside a connection, the app's elsewhere.

            Available in an OAuth 2 connection.

            [Make documentation](https://developers.make.com/custom-apps-documentation/app-components/connections)

            Read from `connections/acme/acme.common.json`"#]],
    );
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2
                .replace(
                    "\"https://auth.example.com/token\",\n    \"method\"",
                    "\"{{addSec$0onds(now, 1)}}\",\n    \"method\"",
                )
                .as_str(),
        ],
        expect![[r#"
            "addSeconds"
            ```iml
            addSeconds(date, n): date
            ```

            Adds seconds (negative subtracts).

            Category: date and time

            [Make documentation](https://developers.make.com/custom-apps-documentation/app-components/iml-functions)"#]],
    );
}

#[test]
fn item_member_from_the_interface() {
    check(
        &[
            ACME_MANIFEST,
            r#"
        //- /app/modules/list-tasks/list-tasks.interface.iml.json
        [ { "name": "title", "type": "text", "label": "Title" } ]
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "response": { "iterate": "{{body.tasks}}", "output": "{{item.ti$0tle}}" } }
        "#,
        ],
        expect![[r#"
            "title"
            Output field.

            **Title** `item.title`

            Type: `text`

            Declared in `modules/list-tasks/list-tasks.interface.iml.json`"#]],
    );
}

#[test]
fn nested_connection_data_names_its_object() {
    check(
        &[
            ACME_MANIFEST,
            ACME_OAUTH2,
            r#"
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        { "url": "/tasks", "headers": { "x": "{{connection.account.i$0d}}" } }
        "#,
        ],
        expect![[r#"
            "id"
            `connection.account.id`

            **`id`** — written by `token.response.data.account` in `connections/acme/acme.oauth-communication.iml.json`

            ```iml
            {{body.account.id}}
            ```"#]],
    );
}

/// The CRM app with the cursor in the first member key `key` of the
/// manifest (after its first character, so inside the literal).
fn check_manifest_key(key: &str, expect: Expect) {
    let literal = format!("\"{key}\":");
    let at = CRM_APP.find(&literal).expect("the key is in the manifest") + 2;
    let fixture = format!("{}$0{}", &CRM_APP[..at], &CRM_APP[at..]);
    expect.assert_eq(&hover(&fixture));
}

#[test]
fn manifest_module_key() {
    check_manifest_key(
        "findContacts",
        expect![[r#"
            "findContacts"
            **Module `findContacts`** — Find contacts

            Type: search · Connection: `crm`

            Files:
            - `modules/find-contacts/find-contacts.communication.iml.json` (communication)
            - `modules/find-contacts/find-contacts.interface.iml.json` (interface)
            - `modules/find-contacts/find-contacts.mappable-params.iml.json` (mappable-params, missing)"#]],
    );
}

#[test]
fn manifest_rpc_connection_and_webhook_keys() {
    check_manifest_key(
        "listOwners",
        expect![[r#"
            "listOwners"
            **RPC `listOwners`** — List owners

            Connection: `crm`

            Files:
            - `rpcs/list-owners/list-owners.communication.iml.json` (communication)"#]],
    );
    check_manifest_key(
        "crm",
        expect![[r#"
            "crm"
            **Connection `crm`** — CRM account

            Type: `basic`

            Files:
            - `connections/crm/crm.communication.iml.json` (communication)"#]],
    );
    check_manifest_key(
        "contactEvents",
        expect![[r#"
        "contactEvents"
        **Webhook `contactEvents`**

        Type: shared (`web-shared`) · Connection: `crm`

        No files"#]],
    );
}

#[test]
fn manifest_keys_that_are_not_components() {
    for key in ["module", "codeFiles", "moduleType"] {
        check_manifest_key(key, expect![["no hover"]]);
    }
}

#[test]
fn rpc_reference_shows_the_rpc_like_its_manifest_key() {
    let params = r#"
        //- /app/modules/find-contacts/find-contacts.mappable-params.iml.json
        [{ "name": "owner", "type": "select", "label": "Owner", "options": "rpc://list$0Owners" }]
        "#;
    expect![[r#"
        "rpc://listOwners"
        **RPC `listOwners`** — List owners

        Connection: `crm`

        Files:
        - `rpcs/list-owners/list-owners.communication.iml.json` (communication)"#]]
    .assert_eq(&hover(&join(&[CRM_APP, params])));
}
