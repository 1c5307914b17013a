//! Module ids in `groups.json`: completion and hover.

use expect_test::{Expect, expect};

use iml_fixture::apps::{GROUPS_APP, join};

use super::{completions, load, render};

fn check(groups: &str, expect: Expect) {
    let (text, items) = completions(&join(&[GROUPS_APP, groups]));
    expect.assert_eq(&render(&text, &items, 10));
}

#[test]
fn module_ids_in_a_string_skip_those_already_in_the_group() {
    check(
        r#"
        //- /app/modules/groups.json
        [
          { "label": "Tasks", "modules": ["listTasks", "cr$0"] },
          { "label": "Other", "modules": ["createTask"] }
        ]
        "#,
        expect![[r#"
            createTask [component] action module · Create a task => createTask (replaces "cr")
            watchTasks [component] trigger module => watchTasks (replaces "cr")
        "#]],
    );
}

#[test]
fn module_ids_where_an_element_goes_come_with_quotes() {
    check(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Tasks", "modules": [$0] }]
        "#,
        expect![[r#"
            createTask [component] action module · Create a task => "createTask" (replaces "")
            listTasks [component] search module · List tasks => "listTasks" (replaces "")
            watchTasks [component] trigger module => "watchTasks" (replaces "")
        "#]],
    );
    check(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Tasks", "modules": ["watchTasks", $0] }]
        "#,
        expect![[r#"
            createTask [component] action module · Create a task => "createTask" (replaces "")
            listTasks [component] search module · List tasks => "listTasks" (replaces "")
        "#]],
    );
}

#[test]
fn no_module_ids_outside_a_modules_array() {
    check(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Ta$0", "modules": [] }]
        "#,
        expect![""],
    );
    check(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Tasks", "modules": [["cr$0"]] }]
        "#,
        expect![""],
    );
    check(
        r#"
        //- /app/modules/other.json
        [{ "label": "Tasks", "modules": ["cr$0"] }]
        "#,
        expect![""],
    );
}

/// An app whose modules have files, some of them missing, and use other
/// components; shared with the hover tests of manifest keys.
pub(super) const CRM_APP: &str = r#"
//- /app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "groups": "modules/groups.json" },
  "components": {
    "connection": { "crm": { "label": "CRM account", "connectionType": "basic", "codeFiles": {
      "communication": "connections/crm/crm.communication.iml.json" } } },
    "module": {
      "findContacts": { "label": "Find contacts", "moduleType": "search", "connection": "crm", "codeFiles": {
        "communication": "modules/find-contacts/find-contacts.communication.iml.json",
        "mappableParams": "modules/find-contacts/find-contacts.mappable-params.iml.json",
        "interface": "modules/find-contacts/find-contacts.interface.iml.json" } },
      "contactCreated": { "moduleType": "instant_trigger", "webhook": "contactEvents", "codeFiles": {} }
    },
    "webhook": { "contactEvents": { "webhookType": "web-shared", "connection": "crm", "codeFiles": {} } },
    "rpc": { "listOwners": { "label": "List owners", "connection": "crm", "codeFiles": {
      "communication": "rpcs/list-owners/list-owners.communication.iml.json" } } }
  }
}
//- /app/connections/crm/crm.communication.iml.json
{ "url": "https://crm.example.com/me" }
//- /app/modules/find-contacts/find-contacts.communication.iml.json
{ "url": "/contacts", "response": { "output": "{{item}}" } }
//- /app/modules/find-contacts/find-contacts.interface.iml.json
[{ "name": "id", "type": "uinteger" }]
//- /app/rpcs/list-owners/list-owners.communication.iml.json
{ "url": "/owners" }
"#;

/// The hovered text (the whole literal) and the markdown, or `no hover`.
pub(super) fn hover(fixture: &str) -> String {
    let (analysis, path, offset) = load(fixture);
    let text = analysis.file_text(&path).unwrap_or_default();
    match analysis.hover(&path, offset) {
        Some(hover) => format!("{}\n{}", &text[hover.range], hover.markdown),
        None => "no hover".to_owned(),
    }
}

fn check_hover(groups: &str, expect: Expect) {
    expect.assert_eq(&hover(&join(&[CRM_APP, groups])));
}

#[test]
fn hover_on_a_module_id_shows_its_label_type_connection_and_files() {
    check_hover(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Contacts", "modules": ["contactCreated", "find$0Contacts"] }]
        "#,
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
fn hover_on_an_instant_trigger_names_its_webhook() {
    check_hover(
        r#"
        //- /app/modules/groups.json
        [{ "label": "Contacts", "modules": ["contact$0Created"] }]
        "#,
        expect![[r#"
            "contactCreated"
            **Module `contactCreated`**

            Type: instant_trigger · Webhook: `contactEvents`

            No files"#]],
    );
}

#[test]
fn no_hover_for_an_unknown_module_or_outside_a_modules_array() {
    for groups in [
        r#"
        //- /app/modules/groups.json
        [{ "label": "Contacts", "modules": ["findCont$0" ] }]
        "#,
        r#"
        //- /app/modules/groups.json
        [{ "label": "findCon$0tacts", "modules": [] }]
        "#,
        r#"
        //- /app/modules/groups.json
        [{ "label": "Contacts", "modules": [["findCon$0tacts"]] }]
        "#,
        r#"
        //- /app/modules/other.json
        [{ "label": "Contacts", "modules": ["findCon$0tacts"] }]
        "#,
    ] {
        assert_eq!(hover(&join(&[CRM_APP, groups])), "no hover", "{groups}");
    }
}
