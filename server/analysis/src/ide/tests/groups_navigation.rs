//! Module ids in `groups.json`: definition, references, highlights and rename.

use std::fmt::Write as _;

use expect_test::{Expect, expect};
use iml_fixture::apps::with_groups;

use super::{cursor, show, snapshot};

/// The groups file: two groups listing the app's two first modules. `LIST`
/// marks where each test puts its cursor.
const GROUPS: &str = r#"[
  { "label": "Tasks", "modules": ["LIST", "createTask"] },
  { "label": "Reading", "modules": ["listTasks"] }
]"#;

/// The shared groups app with the first entry of [`GROUPS`] set to `first` (which
/// may hold `$0`).
fn app(first: &str) -> String {
    with_groups(&GROUPS.replacen("\"LIST\"", first, 1))
}

fn definition(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out = match analysis.goto_definition(&file, offset) {
        None => "none\n".to_owned(),
        Some(definition) => {
            let mut out = format!("origin {}\n", show(&analysis, &file, definition.origin));
            for target in &definition.targets {
                writeln!(
                    out,
                    "{:?} {} -> {}",
                    target.kind,
                    target.name,
                    show(&analysis, &target.file, target.focus_range)
                )
                .unwrap();
            }
            out
        }
    };
    expect.assert_eq(&out);
}

fn references(fixture: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let mut out = String::new();
    for reference in analysis.find_references(&file, offset, true) {
        writeln!(
            out,
            "{:?} {}",
            reference.access,
            show(&analysis, &reference.file, reference.range)
        )
        .unwrap();
    }
    out.push_str("highlights:");
    for highlight in analysis.document_highlights(&file, offset) {
        write!(out, " {:?} {:?}", highlight.kind, highlight.range).unwrap();
    }
    out.push('\n');
    expect.assert_eq(&out);
}

fn rename(fixture: &str, new_name: &str, expect: Expect) {
    let (analysis, fixture) = snapshot(fixture);
    let (file, offset) = cursor(&fixture);
    let out = match analysis.rename(&file, offset, new_name) {
        Err(error) => format!("refused: {error}\n"),
        Ok(edit) => {
            let mut out = String::new();
            for file_edit in &edit.files {
                for edit in &file_edit.edits {
                    writeln!(
                        out,
                        "{} -> {:?}",
                        show(&analysis, &file_edit.file, edit.range),
                        edit.new_text
                    )
                    .unwrap();
                }
            }
            out
        }
    };
    expect.assert_eq(&out);
}

#[test]
fn a_groups_entry_goes_to_the_modules_manifest_entry() {
    definition(
        &app(r#""list$0Tasks""#),
        expect![[r#"
            origin /app/modules/groups.json 37..46 "listTasks"
            Module listTasks -> /app/makecomapp.json 189..200 "\"listTasks\""
        "#]],
    );
}

#[test]
fn an_unknown_or_non_entry_string_goes_nowhere() {
    definition(&app(r#""listTsks$0""#), expect!["none\n"]);
    definition(
        &with_groups(GROUPS).replacen("\"Tasks\"", "\"Ta$0sks\"", 1),
        expect!["none\n"],
    );
}

#[test]
fn an_exported_app_goes_to_the_modules_communication() {
    definition(
        r#"
        //- /export/modules/listTasks/api.imljson
        { "url": "https://api.example.com/tasks" }
        //- /export/groups.json
        [{ "label": "Tasks", "modules": ["$0listTasks"] }]
        "#,
        expect![[r#"
            origin /export/groups.json 34..43 "listTasks"
            Module listTasks -> /export/modules/listTasks/api.imljson 0..0 ""
        "#]],
    );
}

#[test]
fn references_of_a_module_include_its_groups_entries() {
    let from_groups = expect![[r#"
        Write /app/makecomapp.json 190..199 "listTasks"
        Read /app/makecomapp.json 932..941 "listTasks"
        Read /app/modules/groups.json 37..46 "listTasks"
        Read /app/modules/groups.json 103..112 "listTasks"
        highlights: Read 37..46 Read 103..112
    "#]];
    references(&app(r#""$0listTasks""#), from_groups);
    references(
        &app(r#""listTasks""#).replacen("\"listTasks\": {", "\"list$0Tasks\": {", 1),
        expect![[r#"
            Write /app/makecomapp.json 190..199 "listTasks"
            Read /app/makecomapp.json 932..941 "listTasks"
            Read /app/modules/groups.json 37..46 "listTasks"
            Read /app/modules/groups.json 103..112 "listTasks"
            highlights: Write 190..199 Read 932..941
        "#]],
    );
}

#[test]
fn renaming_a_module_rewrites_its_groups_entries() {
    rename(
        &app(r#""listTasks$0""#),
        "searchTasks",
        expect![[r#"
            /app/makecomapp.json 189..200 "\"listTasks\"" -> "\"searchTasks\""
            /app/makecomapp.json 931..942 "\"listTasks\"" -> "\"searchTasks\""
            /app/modules/groups.json 36..47 "\"listTasks\"" -> "\"searchTasks\""
            /app/modules/groups.json 102..113 "\"listTasks\"" -> "\"searchTasks\""
        "#]],
    );
}

#[test]
fn a_module_rename_keeps_ids_valid_and_distinct() {
    rename(
        &app(r#""listTasks$0""#),
        "createTask",
        expect![[r#"
            refused: the app already has a module `createTask`; choose another id
        "#]],
    );
    rename(
        &app(r#""listTasks$0""#),
        "list-tasks",
        expect![[r#"
            refused: `list-tasks` is not a valid module name: use a letter followed by letters and digits (3–64 characters, no dashes or spaces)
        "#]],
    );
}
