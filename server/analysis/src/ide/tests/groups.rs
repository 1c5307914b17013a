//! Completion of module ids in `groups.json`.

use expect_test::{Expect, expect};

use super::{completions, fixture, render};

const APP: &str = r#"
//- /app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "base": null, "common": null, "readme": null, "groups": "modules/groups.json" },
  "components": {
    "connection": {},
    "module": {
      "listTasks": { "label": "List tasks", "moduleType": "search", "codeFiles": {} },
      "createTask": { "label": "Create a task", "moduleType": "action", "codeFiles": {} },
      "watchTasks": { "moduleType": "trigger", "codeFiles": {} }
    },
    "rpc": { "listProjects": { "codeFiles": {} } },
    "webhook": {}, "function": {}, "endpoint": {}
  },
  "origins": []
}
"#;

fn check(groups: &str, expect: Expect) {
    let (text, items) = completions(&fixture(&[APP, groups]));
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
