//! Rename and prepare rename: the edits across the app's files, and the
//! names a rename refuses.

use std::fmt::Write as _;

use expect_test::{Expect, expect};
use iml_fixture::apps::{ACME_APP, with_cursor};

use super::{cursor, snapshot};
use crate::host::Analysis;
use crate::ide::WorkspaceEdit;

/// Applies the edits and shows every edited file's new text.
fn show_edit(analysis: &Analysis, edit: &WorkspaceEdit) -> String {
    let mut out = String::new();
    for file in &edit.files {
        let mut text = analysis.file_text(&file.file).unwrap().to_owned();
        for edit in file.edits.iter().rev() {
            text.replace_range(
                usize::from(edit.range.start())..usize::from(edit.range.end()),
                &edit.new_text,
            );
        }
        writeln!(out, "=== {}\n{text}", file.file.display()).unwrap();
    }
    out
}

fn check(fixture: &str, new_name: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out = match analysis.prepare_rename(&file, offset) {
        Err(error) => format!("prepare refused: {error}\n"),
        Ok(prepare) => {
            let text = analysis.file_text(&file).unwrap();
            let mut out = format!(
                "prepare {:?} {:?}\n",
                &text[prepare.range], prepare.placeholder
            );
            match analysis.rename(&file, offset, new_name) {
                Err(error) => writeln!(out, "refused: {error}").unwrap(),
                Ok(edit) => out.push_str(&show_edit(&analysis, &edit)),
            }
            out
        }
    };
    expect.assert_eq(&out);
}

const CONNECTION: &str = "/app/connections/acme/acme.oauth-communication.iml.json";
const MODULE: &str = "/app/modules/list-tasks/list-tasks.communication.iml.json";

#[test]
fn connection_parameter_across_files() {
    check(
        &with_cursor(ACME_APP, MODULE, "connection.domain", 12),
        "host",
        expect![[r#"
        prepare "domain" "domain"
        === /app/connections/acme/acme.oauth-communication.iml.json
        {
          "authorize": {
            "url": "https://acme.example/oauth/authorize",
            "qs": { "client_id": "{{common.clientId}}", "redirect_uri": "{{oauth.localRedirectUri}}", "state": "{{temp.state}}" },
            "temp": { "state": "{{uuid}}" },
            "response": { "temp": { "code": "{{query.code}}" } }
          },
          "token": {
            "url": "https://{{parameters.host}}/token",
            "method": "POST",
            "body": { "code": "{{temp.code}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}", "refreshToken": "{{body.refresh_token}}" } }
          },
          "refresh": {
            "url": "https://{{parameters.host}}/token",
            "body": { "refresh_token": "{{data.refreshToken}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}" } }
          },
          "info": { "url": "https://{{parameters.host}}/me", "headers": { "authorization": "Bearer {{connection.accessToken}}" } }
        }

        === /app/connections/acme/acme.params.iml.json
        [{ "name": "host", "label": "Domain", "type": "text" }]

        === /app/modules/list-tasks/list-tasks.communication.iml.json
        {
          "url": "https://{{connection.host}}/tasks",
          "headers": { "authorization": "Bearer {{connection.accessToken}}" },
          "qs": { "project": "{{parameters.projectId}}", "total": "{{addTax(parameters.amount)}}" },
          "response": { "output": "{{body}}" }
        }

        === /app/rpcs/list-projects/list-projects.communication.iml.json
        {
          "url": "https://{{connection.host}}/projects",
          "response": { "iterate": "{{body}}", "output": { "label": "{{item.name}}", "value": "{{item.id}}" } }
        }

    "#]],
    );
}

#[test]
fn data_key_with_a_dash_gets_backticks_in_iml_only() {
    check(
        &with_cursor(ACME_APP, CONNECTION, "data.refreshToken", 6),
        "refresh-token",
        expect![[r#"
        prepare "refreshToken" "refreshToken"
        === /app/connections/acme/acme.oauth-communication.iml.json
        {
          "authorize": {
            "url": "https://acme.example/oauth/authorize",
            "qs": { "client_id": "{{common.clientId}}", "redirect_uri": "{{oauth.localRedirectUri}}", "state": "{{temp.state}}" },
            "temp": { "state": "{{uuid}}" },
            "response": { "temp": { "code": "{{query.code}}" } }
          },
          "token": {
            "url": "https://{{parameters.domain}}/token",
            "method": "POST",
            "body": { "code": "{{temp.code}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}", "refresh-token": "{{body.refresh_token}}" } }
          },
          "refresh": {
            "url": "https://{{parameters.domain}}/token",
            "body": { "refresh_token": "{{data.`refresh-token`}}" },
            "response": { "data": { "accessToken": "{{body.access_token}}" } }
          },
          "info": { "url": "https://{{parameters.domain}}/me", "headers": { "authorization": "Bearer {{connection.accessToken}}" } }
        }

    "#]],
    );
}

#[test]
fn refuses_invalid_names() {
    check(
        &with_cursor(ACME_APP, CONNECTION, "temp.code", 6),
        "my\"code",
        expect![[r#"
        prepare "code" "code"
        refused: `"` cannot be part of a name IML can read: choose a name without quotes, backslashes, backticks or control characters
    "#]],
    );
    check(
        &with_cursor(ACME_APP, CONNECTION, "temp.code", 6),
        "",
        expect![[r#"
        prepare "code" "code"
        refused: the new name is empty
    "#]],
    );
    check(
        &with_cursor(ACME_APP, MODULE, "addTax", 0),
        "add-tax",
        expect![[r#"
        prepare "addTax" "addTax"
        refused: `add-tax` is not a valid function name: use a letter followed by letters and digits (3–96 characters, no dashes or spaces)
    "#]],
    );
    check(
        &with_cursor(ACME_APP, MODULE, "addTax", 0),
        "formatDate",
        expect![[r#"
        prepare "addTax" "addTax"
        refused: `formatDate` is a built-in IML function; choose another name
    "#]],
    );
}

#[test]
fn refuses_where_nothing_is_renamable() {
    check(
        &with_cursor(ACME_APP, MODULE, "body}}", 1),
        "x",
        expect![[r#"
        prepare refused: nothing to rename here: place the cursor on a parameter, a connection data, `temp` or common data key, an `rpc://` reference, a module id or a custom function
    "#]],
    );
}

#[test]
fn rpc_rename_edits_references_and_manifest() {
    check(
        &with_cursor(
            ACME_APP,
            "/app/modules/list-tasks/list-tasks.mappable-params.iml.json",
            "listProjects",
            3,
        ),
        "projects",
        expect![[r#"
        prepare "listProjects" "listProjects"
        === /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": "general/base.iml.json", "common": "general/common.json" },
          "components": {
            "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
              "communication": "connections/acme/acme.oauth-communication.iml.json",
              "params": "connections/acme/acme.params.iml.json",
              "common": "connections/acme/acme.common.json" } } },
            "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
              "communication": "modules/list-tasks/list-tasks.communication.iml.json",
              "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } } },
            "rpc": { "projects": { "connection": "acme", "codeFiles": {
              "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
            "function": { "addTax": { "codeFiles": { "code": "functions/add-tax/add-tax.code.js" } } }
          }
        }

        === /app/modules/list-tasks/list-tasks.mappable-params.iml.json
        [
          { "name": "projectId", "label": "Project", "type": "select", "options": "rpc://projects" },
          { "name": "amount", "type": "number" }
        ]

    "#]],
    );
}

#[test]
fn custom_function_rename_edits_code_and_calls() {
    check(
        &with_cursor(ACME_APP, MODULE, "addTax", 3),
        "addVat",
        expect![[r#"
        prepare "addTax" "addTax"
        === /app/functions/add-tax/add-tax.code.js
        function addVat(amount) {
          return amount * 1.2;
        }

        === /app/makecomapp.json
        {
          "fileVersion": 1,
          "generalCodeFiles": { "base": "general/base.iml.json", "common": "general/common.json" },
          "components": {
            "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
              "communication": "connections/acme/acme.oauth-communication.iml.json",
              "params": "connections/acme/acme.params.iml.json",
              "common": "connections/acme/acme.common.json" } } },
            "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
              "communication": "modules/list-tasks/list-tasks.communication.iml.json",
              "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json" } } },
            "rpc": { "listProjects": { "connection": "acme", "codeFiles": {
              "communication": "rpcs/list-projects/list-projects.communication.iml.json" } } },
            "function": { "addVat": { "codeFiles": { "code": "functions/add-tax/add-tax.code.js" } } }
          }
        }

        === /app/modules/list-tasks/list-tasks.communication.iml.json
        {
          "url": "https://{{connection.domain}}/tasks",
          "headers": { "authorization": "Bearer {{connection.accessToken}}" },
          "qs": { "project": "{{parameters.projectId}}", "total": "{{addVat(parameters.amount)}}" },
          "response": { "output": "{{body}}" }
        }

    "#]],
    );
}

#[test]
fn rpc_without_manifest_is_refused() {
    check(
        r#"
        //- /app/rpcs/listProjects/listProjects.communication.iml.json
        { "url": "/projects" }
        //- /app/modules/m/m.mappable-params.iml.json
        [{ "name": "p", "type": "select", "options": "rpc://list$0Projects" }]
        "#,
        "projects",
        expect![[r#"
            prepare refused: the RPC `listProjects` is not declared in `makecomapp.json`: its name comes from its folder and file names, so rename those instead
        "#]],
    );
}
