//! Go to definition from reads, `rpc://` names, custom function calls and
//! manifest entries to the literals, components and code that declare them.

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_APP, with_cursor};

use super::{cursor, show, snapshot};

fn check(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out = match analysis.goto_definition(&file, offset) {
        None => "none\n".to_owned(),
        Some(definition) => {
            let mut out = format!("origin {}\n", show(&analysis, &file, definition.origin));
            for target in &definition.targets {
                out.push_str(&format!(
                    "{:?} {} -> {}\n",
                    target.kind,
                    target.name,
                    show(&analysis, &target.file, target.focus_range)
                ));
            }
            out
        }
    };
    expect.assert_eq(&out);
}

fn at(file: &str, needle: &str, skip: usize, expect: Expect) {
    check(&with_cursor(ACME_APP, file, needle, skip), expect);
}

const MODULE: &str = "/app/modules/list-tasks/list-tasks.communication.iml.json";
const CONNECTION: &str = "/app/connections/acme/acme.oauth-communication.iml.json";

#[test]
fn parameter_read_goes_to_its_name() {
    at(
        MODULE,
        "parameters.projectId",
        14,
        expect![[r#"
        origin /app/modules/list-tasks/list-tasks.communication.iml.json 156..165 "projectId"
        Parameter projectId -> /app/modules/list-tasks/list-tasks.mappable-params.iml.json 14..25 "\"projectId\""
    "#]],
    );
}

#[test]
fn connection_parameter_from_a_module() {
    at(
        MODULE,
        "connection.domain",
        12,
        expect![[r#"
        origin /app/modules/list-tasks/list-tasks.communication.iml.json 33..39 "domain"
        Parameter domain -> /app/connections/acme/acme.params.iml.json 11..19 "\"domain\""
    "#]],
    );
}

#[test]
fn connection_data_goes_to_every_writer() {
    at(
        MODULE,
        "connection.accessToken",
        13,
        expect![[r#"
        origin /app/modules/list-tasks/list-tasks.communication.iml.json 103..114 "accessToken"
        ConnectionData accessToken -> /app/connections/acme/acme.oauth-communication.iml.json 446..459 "\"accessToken\""
        ConnectionData accessToken -> /app/connections/acme/acme.oauth-communication.iml.json 687..700 "\"accessToken\""
    "#]],
    );
}

#[test]
fn data_inside_the_connection() {
    at(
        CONNECTION,
        "data.refreshToken",
        6,
        expect![[r#"
        origin /app/connections/acme/acme.oauth-communication.iml.json 640..652 "refreshToken"
        ConnectionData refreshToken -> /app/connections/acme/acme.oauth-communication.iml.json 486..500 "\"refreshToken\""
    "#]],
    );
}

#[test]
fn temp_goes_to_where_it_is_set() {
    at(
        CONNECTION,
        "temp.code",
        6,
        expect![[r#"
        origin /app/connections/acme/acme.oauth-communication.iml.json 407..411 "code"
        Temp code -> /app/connections/acme/acme.oauth-communication.iml.json 258..264 "\"code\""
    "#]],
    );
}

#[test]
fn temp_written_later_in_the_flow_is_no_definition() {
    // `authorize.response.temp` runs after the `authorize` request reads it,
    // so (as for completion and C010) that write does not define this read.
    let fixture = ACME_APP.replacen(
        r#""state": "{{temp.state}}""#,
        r#""state": "{{temp.$0code}}""#,
        1,
    );
    check(
        &fixture,
        expect![[r#"
        none
    "#]],
    );
}

#[test]
fn common_goes_to_the_connection_common_data() {
    at(
        CONNECTION,
        "common.clientId",
        8,
        expect![[r#"
        origin /app/connections/acme/acme.oauth-communication.iml.json 105..113 "clientId"
        Common clientId -> /app/connections/acme/acme.common.json 2..12 "\"clientId\""
    "#]],
    );
}

#[test]
fn rpc_reference_goes_to_the_rpc() {
    at(
        "/app/modules/list-tasks/list-tasks.mappable-params.iml.json",
        "rpc://listProjects",
        8,
        expect![[r#"
        origin /app/modules/list-tasks/list-tasks.mappable-params.iml.json 83..95 "listProjects"
        Rpc listProjects -> /app/rpcs/list-projects/list-projects.communication.iml.json 0..0 ""
    "#]],
    );
}

#[test]
fn custom_function_goes_to_its_code() {
    at(
        MODULE,
        "addTax(",
        2,
        expect![[r#"
        origin /app/modules/list-tasks/list-tasks.communication.iml.json 182..188 "addTax"
        Function addTax -> /app/functions/add-tax/add-tax.code.js 9..15 "addTax"
    "#]],
    );
}

#[test]
fn built_in_function_and_unknown_key_have_none() {
    check(
        r#"
        //- /app/modules/m/m.communication.iml.json
        { "url": "/x/{{add$0Days(now, 1)}}" }
        "#,
        expect![[r#"
            none
        "#]],
    );
    at(
        MODULE,
        "body}}",
        1,
        expect![[r#"
        none
    "#]],
    );
}

#[test]
fn a_webhook_key_read_in_detach_goes_to_what_attach_saved() {
    check(
        r#"
        //- /app/webhooks/hook/hook.attach.iml.json
        { "url": "/hooks", "method": "POST", "response": { "data": { "externalHookId": "{{body.id}}" } } }
        //- /app/webhooks/hook/hook.detach.iml.json
        { "url": "/hooks/{{webhook.external$0HookId}}", "method": "DELETE" }
        "#,
        expect![[r#"
            origin /app/webhooks/hook/hook.detach.iml.json 27..41 "externalHookId"
            WebhookData externalHookId -> /app/webhooks/hook/hook.attach.iml.json 61..77 "\"externalHookId\""
        "#]],
    );
}
