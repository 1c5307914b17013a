//! Rules that read several files: manifest references, shared webhooks routed
//! by uid, and spec files the manifest does not list.

use expect_test::expect;

use super::{check, check_clean};

#[test]
fn manifest_references() {
    check(
        r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": "general/base.iml.json", "common": "../secrets/common.json", "readme": null, "groups": null },
          "components": {
            "connection": { "acme-oauth": { "connectionType": "oauth", "codeFiles": { "communication": "connections/acme/acme.oauth-communication.iml.json" } } },
            "module": {
              "listItems": { "moduleType": "search", "connection": "acme-oauht", "codeFiles": { "communication": "modules/list/list.comunication.iml.json" } },
              "watchItems": { "moduleType": "instant_trigger", "webhook": null, "codeFiles": {} }
            },
            "webhook": { "events": { "webhookType": "web-shared", "connection": null, "codeFiles": {} } },
            "rpc": {}, "function": {}, "endpoint": {}
          },
          "origins": []
        }
        //- /app/general/base.iml.json
        { "baseUrl": "https://api.example.com" }
        //- /app/connections/acme/acme.oauth-communication.iml.json
        {}
        //- /app/modules/list/list.communication.iml.json
        { "url": "/items" }
        "#,
        expect![[r#"
            /app/makecomapp.json
              F005 Warning "\"../secrets/common.json\"": `../secrets/common.json` points outside the app root, so it is neither read nor deployed; keep code files inside the app folder
              X002 Error "\"acme-oauht\"": `acme-oauht` is not a connection of this app (no `components.connection.acme-oauht`); did you mean `acme-oauth`?
                fix: Use `acme-oauth`
                | {
                |   "fileVersion": 1,
                |   "generalCodeFiles": { "base": "general/base.iml.json", "common": "../secrets/common.json", "readme": null, "groups": null },
                |   "components": {
                |     "connection": { "acme-oauth": { "connectionType": "oauth", "codeFiles": { "communication": "connections/acme/acme.oauth-communication.iml.json" } } },
                |     "module": {
                |       "listItems": { "moduleType": "search", "connection": "acme-oauth", "codeFiles": { "communication": "modules/list/list.comunication.iml.json" } },
                |       "watchItems": { "moduleType": "instant_trigger", "webhook": null, "codeFiles": {} }
                |     },
                |     "webhook": { "events": { "webhookType": "web-shared", "connection": null, "codeFiles": {} } },
                |     "rpc": {}, "function": {}, "endpoint": {}
                |   },
                |   "origins": []
                | }
              X001 Warning "\"modules/list/list.comunication.iml.json\"": `modules/list/list.comunication.iml.json` does not exist; create the file or correct the path; did you mean `list.communication.iml.json`?
                fix: Use `modules/list/list.communication.iml.json`
                | {
                |   "fileVersion": 1,
                |   "generalCodeFiles": { "base": "general/base.iml.json", "common": "../secrets/common.json", "readme": null, "groups": null },
                |   "components": {
                |     "connection": { "acme-oauth": { "connectionType": "oauth", "codeFiles": { "communication": "connections/acme/acme.oauth-communication.iml.json" } } },
                |     "module": {
                |       "listItems": { "moduleType": "search", "connection": "acme-oauht", "codeFiles": { "communication": "modules/list/list.communication.iml.json" } },
                |       "watchItems": { "moduleType": "instant_trigger", "webhook": null, "codeFiles": {} }
                |     },
                |     "webhook": { "events": { "webhookType": "web-shared", "connection": null, "codeFiles": {} } },
                |     "rpc": {}, "function": {}, "endpoint": {}
                |   },
                |   "origins": []
                | }
              X006 Error "\"moduleType\"": instant trigger `watchItems` references no webhook; set `"webhook"` to the id of the webhook that feeds it
              X005 Warning "\"webhookType\"": shared webhook `events` has no connection: events are routed by the connection's `response.uid`; set `"connection"`
        "#]],
    );
}

#[test]
fn shared_webhooks_route_by_uid() {
    check(
        r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1, "generalCodeFiles": {},
          "components": {
            "connection": { "acme": { "connectionType": "basic", "codeFiles": { "communication": "acme.communication.iml.json", "scopeList": "acme.scope-list.iml.json", "defaultScope": "acme.default-scope.iml.json" } } },
            "webhook": { "events": { "webhookType": "web-shared", "connection": "acme", "codeFiles": { "communication": "events.communication.iml.json" } } },
            "module": { "list": { "moduleType": "search", "connection": "acme", "codeFiles": { "scope": "list.scope.iml.json" } } },
            "rpc": {}, "function": {}, "endpoint": {}
          },
          "origins": []
        }
        //- /app/acme.communication.iml.json
        { "url": "https://api.example.com/me", "response": { "metadata": { "type": "text", "value": "{{body.name}}" } } }
        //- /app/events.communication.iml.json
        { "output": "{{body}}" }
        //- /app/acme.scope-list.iml.json
        { "items.read": "Read items", "items.write": "" }
        //- /app/acme.default-scope.iml.json
        ["items.read", "", 42]
        //- /app/list.scope.iml.json
        ["items.raed", "items.read"]
        "#,
        expect![[r#"
            /app/acme.communication.iml.json
              C018 Warning "{": shared webhook `events` routes events by this connection's `response.uid`, which is never set; add `"uid"` to the `info` response (or the request's response)
            /app/events.communication.iml.json
              X005 Warning "{": a shared webhook routes each event to the connection whose `response.uid` matches its own `uid`, and this communication sets none; add `"uid": "{{body.accountId}}"` (the id in the payload)
            /app/acme.scope-list.iml.json
              C017 Error "\"\"": a scope description must not be empty; describe `items.write` in words
            /app/acme.default-scope.iml.json
              C017 Error "\"\"": a scope must not be empty; list scope names such as `"read"`
              C017 Error "42": a scope must be a string, not a number; list scope names such as `"read"`
            /app/list.scope.iml.json
              X004 Hint "\"items.raed\"": scope `items.raed` is not in the scope list of connection `acme`, so users see no description for it; did you mean `items.read`?
                fix: Use `items.read`
                | ["items.read", "items.read"]
        "#]],
    );
    check_clean(
        r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1, "generalCodeFiles": {},
          "components": {
            "connection": { "acme": { "connectionType": "basic", "codeFiles": { "communication": "acme.communication.iml.json", "scopeList": "acme.scope-list.iml.json" } } },
            "webhook": { "events": { "webhookType": "web-shared", "connection": "acme", "codeFiles": { "communication": "events.communication.iml.json" } } },
            "module": { "list": { "moduleType": "search", "connection": "acme", "codeFiles": { "scope": "list.scope.iml.json" } },
                        "watch": { "moduleType": "instant_trigger", "webhook": "events", "codeFiles": {} } },
            "rpc": {}, "function": {}, "endpoint": {}
          },
          "origins": []
        }
        //- /app/acme.communication.iml.json
        { "url": "https://api.example.com/me", "response": { "uid": "{{body.id}}" } }
        //- /app/events.communication.iml.json
        { "uid": "{{body.accountId}}", "output": "{{body}}" }
        //- /app/acme.scope-list.iml.json
        { "items.read": "Read items" }
        //- /app/list.scope.iml.json
        ["items.read"]
        "#,
    );
}

#[test]
fn spec_files_a_manifest_does_not_list() {
    let manifest = r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": null, "common": null, "readme": null, "groups": null },
          "components": {
            "connection": {}, "webhook": {}, "rpc": {}, "function": {}, "endpoint": {},
            "module": { "listItems": { "moduleType": "search", "codeFiles": {
              "communication": "modules/list-items/list-items.communication.iml.json" } } }
          },
          "origins": []
        }
        //- /app/modules/list-items/list-items.communication.iml.json
        { "url": "https://api.example.com/items", "response": { "output": "{{body}}" } }
    "#;
    check_clean(manifest);
    check(
        &format!(
            "{manifest}
        //- /app/modules/list-items/list-items.interface.iml.json
        [{{ \"name\": \"id\", \"type\": \"text\" }}]
        "
        ),
        expect![[r#"
            /app/modules/list-items/list-items.interface.iml.json
              X001 Warning "[": this file sits with the module `listItems` but `makecomapp.json` does not list it in `codeFiles`, so it is neither deployed nor pulled; add it there or move it out of the component folder
        "#]],
    );
}
