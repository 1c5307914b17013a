//! The app model: manifest and export layouts, outside paths, and the queries
//! a file asks of its app.

use std::fmt::Write;
use std::path::Path;

use expect_test::{Expect, expect};

use super::host_from;

fn check(fixture: &str, expect: Expect) {
    let (host, _) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for app in analysis.apps_list() {
        writeln!(out, "app {} {:?}", app.root.display(), app.layout).unwrap();
        for (name, slot) in [
            ("base", &app.base),
            ("common", &app.common),
            ("groups", &app.groups),
        ] {
            if let Some(path) = slot {
                writeln!(out, "  {name}: {}", path.display()).unwrap();
            }
        }
        for component in &app.components {
            write!(out, "  {:?} {}", component.kind, component.id).unwrap();
            if let Some(module_type) = component.module_type {
                write!(out, " ({})", module_type.name()).unwrap();
            }
            if let Some(connection) = app.connection_of(component) {
                write!(out, " -> connection {}", connection.id).unwrap();
            } else if let Some(connection) = &component.connection {
                write!(out, " -> missing connection {connection}").unwrap();
            }
            if let Some(webhook) = app.webhook_of(component) {
                write!(out, " -> webhook {}", webhook.id).unwrap();
            }
            if component.kind == crate::roles::ComponentKind::Connection {
                write!(
                    out,
                    " kind={:?}",
                    analysis.connection_kind(app, &component.id)
                )
                .unwrap();
            }
            writeln!(out).unwrap();
            for (role, path) in &component.files {
                writeln!(out, "    {} {}", role.code(), path.display()).unwrap();
            }
            for (role, path) in &component.missing_files {
                writeln!(out, "    missing {} {}", role.code(), path.display()).unwrap();
            }
        }
        for outside in &app.outside_paths {
            writeln!(
                out,
                "  outside {:?} {} {:?}",
                outside.component,
                outside.role.code(),
                outside.written
            )
            .unwrap();
        }
        writeln!(out, "  rpcs: {:?}", app.rpc_names()).unwrap();
        writeln!(out, "  functions: {:?}", app.function_names()).unwrap();
    }
    expect.assert_eq(&out);
}

#[test]
fn manifest_app_links_and_outside_paths() {
    check(
        r#"
        //- /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": "general/base.iml.json", "common": "../secrets/common.json", "readme": null, "groups": "modules/groups.json" },
          "components": {
            "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
              "communication": "connections/acme/acme.oauth-communication.iml.json",
              "params": "connections/acme/acme.params.iml.json",
              "common": "/etc/acme.common.json" } } },
            "webhook": { "events": { "webhookType": "web", "connection": "acme", "codeFiles": {
              "communication": "webhooks/events/events.communication.iml.json" } } },
            "module": {
              "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
                "communication": "modules/list-tasks/list-tasks.communication.iml.json",
                "staticParams": "modules/list-tasks/list-tasks.static-params.iml.json",
                "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json",
                "interface": "modules/list-tasks/list-tasks.interface.iml.json" } },
              "watchEvents": { "moduleType": "instant_trigger", "webhook": "events", "connection": "gone", "codeFiles": {} }
            },
            "rpc": { "listProjects": { "connection": "acme", "codeFiles": {
              "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
            "function": { "formatDue": { "codeFiles": { "code": "functions/format-due/format-due.code.js" } } },
            "endpoint": {}
          },
          "origins": []
        }
        //- /app/general/base.iml.json
        {}
        //- /app/modules/groups.json
        []
        //- /app/connections/acme/acme.oauth-communication.iml.json
        { "authorize": {}, "token": {} }
        //- /app/connections/acme/acme.params.iml.json
        []
        //- /app/webhooks/events/events.communication.iml.json
        {}
        //- /app/modules/list-tasks/list-tasks.communication.iml.json
        {}
        //- /app/modules/list-tasks/list-tasks.static-params.iml.json
        []
        //- /app/modules/list-tasks/list-tasks.mappable-params.iml.json
        []
        //- /app/rpcs/list-projects/list-projects.communication.iml.json
        {}
        //- /app/functions/format-due/format-due.code.js
        function formatDue(date) { return date; }
        "#,
        expect![[r#"
            app /app LocalDevelopment
              base: /app/general/base.iml.json
              groups: /app/modules/groups.json
              Connection acme kind=Some(OAuth2)
                communication /app/connections/acme/acme.oauth-communication.iml.json
                params /app/connections/acme/acme.params.iml.json
              Webhook events -> connection acme
                communication /app/webhooks/events/events.communication.iml.json
              Module listTasks (search) -> connection acme
                communication /app/modules/list-tasks/list-tasks.communication.iml.json
                mappable-params /app/modules/list-tasks/list-tasks.mappable-params.iml.json
                static-params /app/modules/list-tasks/list-tasks.static-params.iml.json
                missing interface /app/modules/list-tasks/list-tasks.interface.iml.json
              Module watchEvents (instant_trigger) -> missing connection gone -> webhook events
              Rpc listProjects -> connection acme
                communication /app/rpcs/list-projects/list-projects.communication.iml.json
              Function formatDue
                function-code /app/functions/format-due/format-due.code.js
              outside None common "../secrets/common.json"
              outside Some((Connection, "acme")) common "/etc/acme.common.json"
              rpcs: ["listProjects"]
              functions: ["formatDue"]
        "#]],
    );
}

#[test]
fn export_app_links_through_metadata() {
    check(
        r#"
        //- /exp/metadata.json
        { "name": "acme", "version": 1 }
        //- /exp/base.imljson
        {}
        //- /exp/connections/acme-1/metadata.json
        { "name": "acme-1", "type": "basic" }
        //- /exp/connections/acme-1/api.imljson
        { "url": "https://example.com/me" }
        //- /exp/modules/getTask/metadata.json
        { "name": "getTask", "type": "action", "connection": "acme-1" }
        //- /exp/modules/getTask/api.imljson
        {}
        //- /exp/modules/getTask/expect.imljson
        []
        //- /exp/rpcs/listA/api.imljson
        {}
        //- /exp/rpcs/listB/api.imljson
        {}
        //- /exp/functions/pad/code.js
        function pad() {}
        "#,
        expect![[r#"
            app /exp Export
              base: /exp/base.imljson
              Connection acme-1 kind=Some(Basic)
                communication /exp/connections/acme-1/api.imljson
              Module getTask (action) -> connection acme-1
                communication /exp/modules/getTask/api.imljson
                mappable-params /exp/modules/getTask/expect.imljson
              Rpc listA
                communication /exp/rpcs/listA/api.imljson
              Rpc listB
                communication /exp/rpcs/listB/api.imljson
              Function pad
                function-code /exp/functions/pad/code.js
              rpcs: ["listA", "listB"]
              functions: ["pad"]
        "#]],
    );
}

#[test]
fn queries_from_a_file() {
    let (host, _) = host_from(
        r#"
        //- /app/connections/c/c.communication.iml.json
        { "url": "https://example.com/me" }
        //- /app/modules/m/metadata.json
        { "name": "m", "type": "search", "connection": "c" }
        //- /app/modules/m/m.communication.iml.json
        {}
        //- /app/modules/m/m.static-params.iml.json
        []
        //- /app/modules/m/m.mappable-params.iml.json
        []
        //- /app/rpcs/r/r.communication.iml.json
        {}
        "#,
    );
    let analysis = host.snapshot();
    let module = Path::new("/app/modules/m/m.communication.iml.json");
    expect![[r#"
        [
            "/app/modules/m/m.mappable-params.iml.json",
            "/app/modules/m/m.static-params.iml.json",
        ]
    "#]]
    .assert_debug_eq(&analysis.params_files(module));
    assert_eq!(
        analysis.linked_connection_communication(module),
        Some(Path::new("/app/connections/c/c.communication.iml.json"))
    );
    assert_eq!(analysis.rpc_names(module), vec!["r"]);
    assert!(analysis.custom_function_names(module).is_empty());
}
