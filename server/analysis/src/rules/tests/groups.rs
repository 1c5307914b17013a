//! Rules of `groups.json`: module ids that name the app's modules, the file's
//! shape, files outside any app, and the module ids of an export app.

use expect_test::expect;
use iml_fixture::apps::with_groups;

use super::{check, check_clean};

#[test]
fn groups_naming_the_apps_modules_are_clean() {
    check_clean(&with_groups(
        r#"[
  { "label": "Tasks", "modules": ["listTasks", "createTask"] },
  { "label": "Empty for now", "modules": [] }
]"#,
    ));
}

#[test]
fn unknown_module_ids_suggest_the_nearest_module() {
    check(
        &with_groups(
            r#"[{ "label": "Tasks", "modules": ["listTsks", "listProjects", "archive"] }]"#,
        ),
        expect![[r#"
            /app/modules/groups.json
              X007 Warning "\"listTsks\"": `listTsks` names no module of this app; list the id of one of its modules or remove the entry; did you mean `listTasks`?
                fix: Use `listTasks`
                | [{ "label": "Tasks", "modules": ["listTasks", "listProjects", "archive"] }]
              X007 Warning "\"listProjects\"": `listProjects` names no module of this app; list the id of one of its modules or remove the entry
              X007 Warning "\"archive\"": `archive` names no module of this app; list the id of one of its modules or remove the entry
        "#]],
    );
}

#[test]
fn groups_of_the_wrong_shape() {
    check(
        &with_groups(
            r#"[
  "listTasks",
  { "modules": ["listTasks"] },
  { "label": 3, "modules": "createTask" },
  { "label": "Tasks", "modules": [7, "createTask"] },
  { "label": "Tasks" }
]"#,
        ),
        expect![[r#"
            /app/modules/groups.json
              X007 Warning "\"listTasks\"": a group must be an object with `label` and `modules`, not a string, e.g. `[{ "label": "Tasks", "modules": ["listTasks"] }]`
              X007 Warning "{": this group has no `label`; add the heading shown above its modules, e.g. `"label": "Tasks"`
              X007 Warning "3": a group's `label` must be a string, not a number; write the heading in quotes
              X007 Warning "\"createTask\"": a group's `modules` must be an array of module ids, not a string, e.g. `["listTasks"]`
              X007 Warning "7": a module entry must be a module id in quotes, not a number
              X007 Warning "{": this group has no `modules`; add `"modules": [...]` with the ids of the modules it holds
        "#]],
    );
    check(
        &with_groups(r#"{ "label": "Tasks", "modules": ["listTasks"] }"#),
        expect![[r#"
            /app/modules/groups.json
              X007 Warning "{": the groups file must be an array of groups, not an object, e.g. `[{ "label": "Tasks", "modules": ["listTasks"] }]`
        "#]],
    );
}

#[test]
fn a_groups_file_outside_any_app_is_not_checked() {
    check_clean(
        r#"
        //- /elsewhere/groups.json
        [{ "label": "Tasks", "modules": ["listTsks"] }, "stray"]
        "#,
    );
}

#[test]
fn an_export_app_takes_its_module_ids_from_folders_and_listed_ids_are_not_suggested() {
    check(
        r#"
        //- /export/modules/listTasks/api.imljson
        { "url": "https://api.example.com/tasks", "response": { "output": "{{body}}" } }
        //- /export/modules/createTask/api.imljson
        { "url": "https://api.example.com/tasks", "method": "POST", "body": {}, "response": { "output": "{{body}}" } }
        //- /export/groups.json
        [{ "label": "Tasks", "modules": ["listTasks", "listTask2", "creatTask"] }]
        "#,
        expect![[r#"
            /export/groups.json
              X007 Warning "\"listTask2\"": `listTask2` names no module of this app; list the id of one of its modules or remove the entry
              X007 Warning "\"creatTask\"": `creatTask` names no module of this app; list the id of one of its modules or remove the entry; did you mean `createTask`?
                fix: Use `createTask`
                | [{ "label": "Tasks", "modules": ["listTasks", "listTask2", "createTask"] }]
        "#]],
    );
}
