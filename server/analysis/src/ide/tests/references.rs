//! Find references across the app, with and without the declarations.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_APP, with_cursor};

use super::{cursor, show, snapshot};

fn check(fixture: &str, include_declaration: bool, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out: String = analysis
        .find_references(&file, offset, include_declaration)
        .iter()
        .map(|r| format!("{:?} {}\n", r.access, show(&analysis, &r.file, r.range)))
        .collect();
    expect.assert_eq(&out);
}

const CONNECTION: &str = "/app/connections/acme/acme.oauth-communication.iml.json";

#[test]
fn connection_parameter_across_the_app() {
    check(
        &with_cursor(
            ACME_APP,
            "/app/connections/acme/acme.params.iml.json",
            "domain",
            2,
        ),
        true,
        expect![[r#"
            Read /app/connections/acme/acme.oauth-communication.iml.json 338..344 "domain"
            Read /app/connections/acme/acme.oauth-communication.iml.json 584..590 "domain"
            Read /app/connections/acme/acme.oauth-communication.iml.json 776..782 "domain"
            Write /app/connections/acme/acme.params.iml.json 12..18 "domain"
            Read /app/modules/list-tasks/list-tasks.communication.iml.json 33..39 "domain"
            Read /app/rpcs/list-projects/list-projects.communication.iml.json 33..39 "domain"
        "#]],
    );
}

#[test]
fn response_data_key_read_as_data_and_connection() {
    check(
        &with_cursor(ACME_APP, CONNECTION, "\"accessToken\"", 3),
        true,
        expect![[r#"
            Write /app/connections/acme/acme.oauth-communication.iml.json 447..458 "accessToken"
            Write /app/connections/acme/acme.oauth-communication.iml.json 688..699 "accessToken"
            Read /app/connections/acme/acme.oauth-communication.iml.json 841..852 "accessToken"
            Read /app/modules/list-tasks/list-tasks.communication.iml.json 103..114 "accessToken"
        "#]],
    );
}

#[test]
fn reads_only_without_declarations() {
    check(
        &with_cursor(ACME_APP, CONNECTION, "temp.state", 6),
        false,
        expect![[r#"
        Read /app/connections/acme/acme.oauth-communication.iml.json 181..186 "state"
    "#]],
    );
}

#[test]
fn rpc_references_and_manifest_entry() {
    check(
        &with_cursor(ACME_APP, "/app/makecomapp.json", "\"listProjects\"", 2),
        true,
        expect![[r#"
        Write /app/makecomapp.json 670..682 "listProjects"
        Read /app/modules/list-tasks/list-tasks.mappable-params.iml.json 83..95 "listProjects"
    "#]],
    );
}

#[test]
fn custom_function_references() {
    check(
        &with_cursor(
            ACME_APP,
            "/app/modules/list-tasks/list-tasks.communication.iml.json",
            "addTax",
            0,
        ),
        true,
        expect![[r#"
            Write /app/functions/add-tax/add-tax.code.js 9..15 "addTax"
            Write /app/makecomapp.json 831..837 "addTax"
            Read /app/modules/list-tasks/list-tasks.communication.iml.json 182..188 "addTax"
        "#]],
    );
}

#[test]
fn collection_child_parameter() {
    check(
        r#"
        //- /app/modules/m/m.static-params.iml.json
        [{ "name": "filter", "type": "collection", "spec": [{ "name": "sta$0tus", "type": "text" }, { "name": "owner", "type": "text" }] }]
        //- /app/modules/m/m.communication.iml.json
        { "url": "/items", "qs": { "status": "{{parameters.filter.status}}", "owner": "{{parameters.filter.owner}}", "raw": "{{parameters.status}}" } }
        "#,
        true,
        expect![[r#"
            Read /app/modules/m/m.communication.iml.json 58..64 "status"
            Write /app/modules/m/m.static-params.iml.json 63..69 "status"
        "#]],
    );
}

#[test]
fn what_attach_saves_is_read_in_detach() {
    check(
        r#"
        //- /app/webhooks/hook/hook.attach.iml.json
        { "url": "/hooks", "method": "POST", "response": { "data": { "external$0HookId": "{{body.id}}" } } }
        //- /app/webhooks/hook/hook.detach.iml.json
        { "url": "/hooks/{{webhook.externalHookId}}", "method": "DELETE" }
        "#,
        true,
        expect![[r#"
            Write /app/webhooks/hook/hook.attach.iml.json 62..76 "externalHookId"
            Read /app/webhooks/hook/hook.detach.iml.json 27..41 "externalHookId"
        "#]],
    );
}
