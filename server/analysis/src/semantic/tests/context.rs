//! The context of every site: OAuth sections, module regions and iteration,
//! webhook, base and RPC places, and files the snapshot does not hold.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};

use super::{host_from, show_context};
use crate::semantic::{context_at_path, sites};

/// Every site of every file with its context.
fn check(fixture: &str, expect: Expect) {
    let (host, _) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for file in analysis.files() {
        let Some(sites) = sites(&analysis, file) else {
            continue;
        };
        for string in &sites.strings {
            let context = context_at_path(&analysis, file, &string.path, string.is_key);
            writeln!(
                out,
                "{} {}: {}",
                file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                string.path,
                show_context(&context)
            )
            .unwrap();
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn oauth2_sections() {
    check(
        r#"
        //- /app/connections/acme/acme.communication.iml.json
        {
          "preauthorize": [{ "url": "https://a.example/{{temp.x}}", "temp": { "x": "{{uuid}}" } }],
          "authorize": {
            "url": "https://a.example/auth",
            "qs": { "redirect_uri": "{{oauth.localRedirectUri}}" },
            "response": { "temp": { "code": "{{query.code}}" } }
          },
          "token": {
            "condition": "{{temp.code}}",
            "body": { "code": "{{temp.code}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}" }, "expires": "{{addDays(now, 1)}}" }
          },
          "refresh": { "condition": "{{data.expires < now}}" },
          "info": { "headers": { "authorization": "Bearer {{connection.accessToken}}" } }
        }
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "domain", "type": "text", "help": "Host {{x}}" }]
        "#,
        expect![[r#"
            acme.communication.iml.json preauthorize[0].url: ConnectionOAuth2 Preauthorize Request request[0] directive=url
            acme.communication.iml.json preauthorize[0].temp.x: ConnectionOAuth2 Preauthorize Request request[0] directive=temp.x
            acme.communication.iml.json authorize.qs.redirect_uri: ConnectionOAuth2 Authorize Request directive=qs.redirect_uri
            acme.communication.iml.json authorize.response.temp.code: ConnectionOAuth2 Authorize Response directive=response.temp.code
            acme.communication.iml.json token.condition: ConnectionOAuth2 Token Request directive=condition
            acme.communication.iml.json token.body.code: ConnectionOAuth2 Token Request directive=body.code
            acme.communication.iml.json token.response.data.accessToken: ConnectionOAuth2 Token Response directive=response.data.accessToken
            acme.communication.iml.json token.response.expires: ConnectionOAuth2 Token Response directive=response.expires
            acme.communication.iml.json refresh.condition: ConnectionOAuth2 Refresh Request directive=condition
            acme.communication.iml.json info.headers.authorization: ConnectionOAuth2 Info Request directive=headers.authorization
            acme.params.iml.json [0].help: ConnectionOAuth2 ParameterFile
        "#]],
    );
}

#[test]
fn module_regions_and_iteration() {
    check(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "generalCodeFiles": {}, "components": {
          "module": { "list": { "moduleType": "search", "codeFiles": {
             "communication": "modules/list/list.communication.iml.json" } } } } }
        //- /app/modules/list/list.communication.iml.json
        [
          { "url": "/first", "response": { "temp": { "n": "{{body.n}}" } } },
          {
            "url": "/items",
            "qs": { "{{...}}": "{{parameters}}" },
            "response": {
              "iterate": "{{body.items}}",
              "output": { "id": "{{item.id}}" },
              "wrapper": { "items": "{{output}}" }
            },
            "pagination": { "qs": { "page": "{{pagination.page}}" } }
          }
        ]
        "#,
        expect![[r#"
            list.communication.iml.json [0].response.temp.n: Module(Search) Response request[0] directive=response.temp.n
            list.communication.iml.json [1].qs.{{...}}: Module(Search) Request request[1] directive=qs.{{...}} key
            list.communication.iml.json [1].qs.{{...}}: Module(Search) Request request[1] directive=qs.{{...}}
            list.communication.iml.json [1].response.iterate: Module(Search) Response request[1] directive=response.iterate
            list.communication.iml.json [1].response.output.id: Module(Search) Response iterating request[1] directive=response.output.id
            list.communication.iml.json [1].response.wrapper.items: Module(Search) Wrapper iterating request[1] directive=response.wrapper.items
            list.communication.iml.json [1].pagination.qs.page: Module(Search) Pagination iterating request[1] directive=pagination.qs.page
        "#]],
    );
}

#[test]
fn webhook_base_rpc_and_unknown_places() {
    check(
        r#"
        //- /app/webhooks/hook/hook.communication.iml.json
        { "iterate": "{{body.events}}", "output": { "id": "{{item.id}}" } }
        //- /app/webhooks/hook/hook.attach.iml.json
        { "url": "/hooks", "body": { "url": "{{webhook.url}}" }, "response": { "data": { "id": "{{body.id}}" } } }
        //- /app/general/base.iml.json
        { "baseUrl": "https://{{connection.domain}}", "response": { "error": { "message": "{{body.error}}" } } }
        //- /app/rpcs/listUsers/listUsers.communication.iml.json
        { "url": "/users", "response": { "output": { "label": "{{item.name}}" } } }
        //- /app/modules/list/list.samples.iml.json
        { "id": "{{1}}" }
        "#,
        expect![[r#"
            base.iml.json baseUrl: Base Request directive=baseUrl
            base.iml.json response.error.message: Base Response directive=response.error.message
            list.samples.iml.json id: no place
            listUsers.communication.iml.json response.output.label: Rpc Response directive=response.output.label
            hook.attach.iml.json body.url: WebhookAttach Request directive=body.url
            hook.attach.iml.json response.data.id: WebhookAttach Response directive=response.data.id
            hook.communication.iml.json iterate: WebhookCommunication Response iterating directive=iterate
            hook.communication.iml.json output.id: WebhookCommunication Response iterating directive=output.id
        "#]],
    );
}

#[test]
fn context_without_snapshot_file_has_no_place() {
    let (host, _) = host_from("//- /app/x.iml.json\n{}\n");
    let analysis = host.snapshot();
    let context = context_at_path(
        &analysis,
        Path::new("/elsewhere.json"),
        &Default::default(),
        false,
    );
    assert_eq!(context.place, None);
    assert_eq!(context.expr, None);
}
