//! Rules of parameter definitions: their keys and types, triggers with
//! mappable parameters, and undocumented types as warnings.

use expect_test::expect;

use super::{check, check_clean};

#[test]
fn parameter_definitions() {
    check(
        r#"
        //- /app/rpcs/listProjects/listProjects.communication.iml.json
        { "url": "https://api.example.com/projects" }
        //- /app/modules/create/create.mappable-params.iml.json
        [
            { "name": "title", "type": "Text", "lable": "Title" },
            { "label": "Missing" },
            { "name": "tags", "type": "array", "validate": { "max": 5 }, "spec": [{ "type": "text" }] },
            { "name": "status", "type": "select", "default": "open", "editable": true, "options": [{ "label": "Closed", "value": "closed" }, { "label": "No value" }] },
            { "name": "project", "type": "select", "options": "rpc://listProjcts", "nested": [] },
            { "name": "kind", "type": "select" },
            { "name": "html", "type": "text", "tags": "remove" },
            { "name": "address", "type": "collection" },
            { "name": "secret", "type": "password" },
            { "name": "title", "type": "text" },
            "not a parameter"
        ]
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "teamID", "type": "text", "mappable": true }]
        "#,
        expect![[r#"
            /app/modules/create/create.mappable-params.iml.json
              P002 Error "\"Text\"": `Text` is not a valid parameter type: values are case-sensitive; write `text`
                fix: Write `text`
                | [
                |     { "name": "title", "type": "text", "lable": "Title" },
                |     { "label": "Missing" },
                |     { "name": "tags", "type": "array", "validate": { "max": 5 }, "spec": [{ "type": "text" }] },
                |     { "name": "status", "type": "select", "default": "open", "editable": true, "options": [{ "label": "Closed", "value": "closed" }, { "label": "No value" }] },
                |     { "name": "project", "type": "select", "options": "rpc://listProjcts", "nested": [] },
                |     { "name": "kind", "type": "select" },
                |     { "name": "html", "type": "text", "tags": "remove" },
                |     { "name": "address", "type": "collection" },
                |     { "name": "secret", "type": "password" },
                |     { "name": "title", "type": "text" },
                |     "not a parameter"
                | ]
              P003 Warning "\"lable\"": `lable` is not a parameter key; did you mean `label`?
                fix: Rename to `label`
                | [
                |     { "name": "title", "type": "Text", "label": "Title" },
                |     { "label": "Missing" },
                |     { "name": "tags", "type": "array", "validate": { "max": 5 }, "spec": [{ "type": "text" }] },
                |     { "name": "status", "type": "select", "default": "open", "editable": true, "options": [{ "label": "Closed", "value": "closed" }, { "label": "No value" }] },
                |     { "name": "project", "type": "select", "options": "rpc://listProjcts", "nested": [] },
                |     { "name": "kind", "type": "select" },
                |     { "name": "html", "type": "text", "tags": "remove" },
                |     { "name": "address", "type": "collection" },
                |     { "name": "secret", "type": "password" },
                |     { "name": "title", "type": "text" },
                |     "not a parameter"
                | ]
              P001 Error "{": this parameter has no `type`; add one such as `"type": "text"`
              P001 Error "{": this parameter has no `name`, so its value cannot be read; add `"name"`
              P004 Error "\"max\"": `validate.max` does not apply to `array` parameters; use `minItems`, `maxItems`, `enum`
              P009 Warning "{": an array `spec` given as a list describes the fields of each item, and this field has no `name`; add one
              P005 Warning "\"open\"": the default `open` matches no option's `value`; use one of the option values
              P012 Hint "\"editable\"": `editable` only applies to connection parameters; use `"mappable"` here
              P005 Warning "{": this option has no `value`, so choosing it stores nothing; add `"value"`
              P008 Warning "\"rpc://listProjcts\"": `rpc://listProjcts` names no RPC of this app; did you mean `listProjects`?
                fix: Use `rpc://listProjects`
                | [
                |     { "name": "title", "type": "Text", "lable": "Title" },
                |     { "label": "Missing" },
                |     { "name": "tags", "type": "array", "validate": { "max": 5 }, "spec": [{ "type": "text" }] },
                |     { "name": "status", "type": "select", "default": "open", "editable": true, "options": [{ "label": "Closed", "value": "closed" }, { "label": "No value" }] },
                |     { "name": "project", "type": "select", "options": "rpc://listProjects", "nested": [] },
                |     { "name": "kind", "type": "select" },
                |     { "name": "html", "type": "text", "tags": "remove" },
                |     { "name": "address", "type": "collection" },
                |     { "name": "secret", "type": "password" },
                |     { "name": "title", "type": "text" },
                |     "not a parameter"
                | ]
              P006 Warning "\"nested\"": a select shows `nested` parameters through its options: write `"options": { "store": …, "nested": … }`
              P005 Warning "\"type\"": a `select` without `options` offers nothing to choose; add `options` (a list, `rpc://…`, or `{ "store": … }`)
              P007 Error "\"remove\"": `remove` is not a valid `tags` (text tags); use `strip`, `stripall`, `escape`
              P009 Warning "\"type\"": a `collection` without `spec` has no fields; add `"spec": [ … ]`
              P011 Hint "\"type\"": a `password` parameter outside a connection behaves like plain text; keep secrets in the connection
              P010 Warning "\"title\"": another parameter in this list is also named `title`; both write `parameters.title`, so rename one
              P001 Error "\"not a parameter\"": a parameter list holds parameter objects or `rpc://` references only; write `{ "name": …, "type": … }`
            /app/connections/acme/acme.params.iml.json
              C015 Warning "\"teamID\"": `teamID` is reserved: Make fills it with its own value instead of the user's input; rename the parameter
              P012 Hint "\"mappable\"": `mappable` has no effect on connection parameters (nothing is mapped there); use `"editable"` to allow later changes
        "#]],
    );
    check_clean(
        r#"
        //- /app/rpcs/listProjects/listProjects.communication.iml.json
        { "url": "https://api.example.com/projects" }
        //- /app/modules/create/create.mappable-params.iml.json
        [
            { "name": "title", "type": "text", "label": "Title", "disabled": false },
            { "type": "banner", "title": "Heads up", "text": "Read this." },
            { "name": "tags", "type": "array", "validate": { "maxItems": 5 }, "spec": { "type": "text" } },
            { "name": "status", "type": "select", "default": "open", "mappable": true, "options": [{ "label": "Open", "value": "open" }, { "label": "Closed", "value": "closed", "nested": [{ "name": "reason", "type": "text" }] }] },
            { "name": "project", "type": "select", "options": { "store": "rpc://listProjects", "nested": "rpc://listProjects" } },
            { "name": "html", "type": "text", "tags": "strip", "type": "{{'text'}}" },
            { "name": "address", "type": "collection", "spec": [{ "name": "city", "type": "text" }] },
            "rpc://listProjects"
        ]
        //- /app/connections/acme/acme.params.iml.json
        [{ "name": "apiKey", "type": "password", "editable": true }]
        "#,
    );
}

#[test]
fn trigger_with_mappable_parameters() {
    check(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "generalCodeFiles": {}, "components": { "module": {
            "watch": { "moduleType": "trigger", "codeFiles": { "mappableParams": "watch.expect.iml.json", "staticParams": "watch.params.iml.json" } }
          }, "connection": {}, "webhook": {}, "rpc": {}, "function": {}, "endpoint": {} }, "origins": [] }
        //- /app/watch.expect.iml.json
        [{ "name": "folder", "type": "text" }]
        //- /app/watch.params.iml.json
        [{ "name": "limit", "type": "uinteger" }]
        "#,
        expect![[r#"
            /app/watch.expect.iml.json
              P013 Warning "[": a polling trigger starts the scenario, so nothing can be mapped into it; move these parameters to the static parameters
        "#]],
    );
}

#[test]
fn undocumented_types_are_warnings_not_errors() {
    check(
        r#"
        //- /app/modules/m/m.mappable-params.iml.json
        [
            { "type": "html", "label": "<b>Read me</b>" },
            { "type": "hidden" },
            { "name": "count", "type": "integr" }
        ]
        //- /app/modules/m/m.interface.iml.json
        [{ "name": "raw", "type": "collection", "label": "Raw response" }]
        "#,
        expect![[r#"
            /app/modules/m/m.mappable-params.iml.json
              P002 Warning "\"html\"": `html` is not a documented parameter type, so Make may not render it as intended
              P001 Warning "\"type\"": this parameter has no `name`, so its value cannot be read; add `"name"`
              P002 Warning "\"integr\"": `integr` is not a documented parameter type, so Make may not render it as intended; did you mean `integer`?
                fix: Write `integer`
                | [
                |     { "type": "html", "label": "<b>Read me</b>" },
                |     { "type": "hidden" },
                |     { "name": "count", "type": "integer" }
                | ]
        "#]],
    );
}

/// An export's RPC folder may be a slug of the RPC's name, which then lives
/// in a file the checker does not read: only a reference that matches no
/// folder, whatever its case and separators, is reported. A manifest names
/// each RPC exactly, so there the slug is no excuse.
#[test]
fn an_export_rpc_named_by_a_slug_of_its_folder_is_found() {
    let export = r#"
        //- /exp/base.imljson
        { "baseUrl": "https://api.example.com" }
        //- /exp/rpcs/list-teams/api.imljson
        { "url": "/teams" }
        //- /exp/modules/get/metadata.json
        { "name": "get", "type": "action" }
        //- /exp/modules/get/expect.imljson
        [{ "name": "team", "type": "select", "options": "rpc://listTeams" }]
        "#;
    check_clean(export);
    check(
        &export.replace("rpc://listTeams", "rpc://listTeam"),
        expect![[r#"
            /exp/modules/get/expect.imljson
              P008 Warning "\"rpc://listTeam\"": `rpc://listTeam` names no RPC of this app
        "#]],
    );
    check(
        r#"
        //- /app/makecomapp.json
        { "fileVersion": 1, "components": {
          "rpc": { "listTeams": { "codeFiles": { "communication": "rpcs/listTeams/listTeams.communication.iml.json" } } },
          "module": { "get": { "moduleType": "action", "codeFiles": { "mappableParams": "modules/get/get.mappable-params.iml.json" } } } } }
        //- /app/rpcs/listTeams/listTeams.communication.iml.json
        { "url": "/teams" }
        //- /app/modules/get/get.mappable-params.iml.json
        [{ "name": "team", "type": "select", "options": "rpc://list_teams" }]
        "#,
        expect![[r#"
            /app/modules/get/get.mappable-params.iml.json
              P008 Warning "\"rpc://list_teams\"": `rpc://list_teams` names no RPC of this app; did you mean `listTeams`?
                fix: Use `rpc://listTeams`
                | [{ "name": "team", "type": "select", "options": "rpc://listTeams" }]
        "#]],
    );
}

/// An interface describes the output in the parameters' syntax: its
/// messages speak of output fields, and a nameless field is a warning, as
/// nothing reads the interface at run time.
#[test]
fn interface_fields_are_described_as_output() {
    check(
        r#"
        //- /app/modules/get/get.interface.iml.json
        [
            { "name": "id", "type": "text" },
            { "name": "id", "type": "number" },
            { "label": "Created", "type": "date" },
            { "name": "owner", "type": "collection", "spec": [{ "name": "email" }] }
        ]
        "#,
        expect![[r#"
            /app/modules/get/get.interface.iml.json
              P010 Warning "\"id\"": another output field in this interface is also named `id`; each field describes one key of the output, so rename or remove one
              P001 Warning "\"type\"": this output field has no `name`, so it describes no key of the output; add `"name"`
              P001 Warning "\"name\"": this output field has no `type`, so the mapping panel cannot tell what it holds; add one such as `"type": "text"`
        "#]],
    );
}
