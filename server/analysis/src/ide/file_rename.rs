//! Files and folders renamed or moved in the editor: the `makecomapp.json`
//! entries that point at them (spec §11.4) rewritten to the new paths, so
//! the manifest still names every code file once the rename is done.
//!
//! The edits are computed before the rename happens (LSP's
//! `workspace/willRenameFiles`): they address each manifest at its current
//! path. Paths in a manifest are relative to its folder, so renaming the
//! manifest, the app root or a folder above it changes no entry.

use std::path::{Component, Path, PathBuf};

use super::workspace_edit::{FileEdit, WorkspaceEdit};
use crate::app_files::MANIFEST_FILE_NAME;
use crate::diagnostics::TextEdit;
use crate::host::Analysis;
use crate::manifest::{CodePath, ManifestPath};
use crate::paths::file_name;
use crate::roles::LayoutLookup;

impl Analysis {
    /// The edits that keep every `makecomapp.json` pointing at its files when
    /// the files or folders `renames` names (old path, new path; absolute)
    /// are renamed or moved. Each edit replaces a whole JSON string literal
    /// (quotes included) with the new one: the path relative to the app
    /// root, with forward slashes, keeping a leading `./`. An entry moved
    /// out of its app root is left as it is.
    pub fn manifest_edits_for_renames(&self, renames: &[(PathBuf, PathBuf)]) -> WorkspaceEdit {
        manifest_edits(self, renames)
    }
}

fn manifest_edits(analysis: &Analysis, renames: &[(PathBuf, PathBuf)]) -> WorkspaceEdit {
    let renames: Vec<(PathBuf, PathBuf)> = renames
        .iter()
        .filter_map(|(old, new)| Some((normalise(old)?, normalise(new)?)))
        .filter(|(old, new)| old != new)
        .collect();
    if renames.is_empty() {
        return WorkspaceEdit::default();
    }
    let mut files = Vec::new();
    for manifest in analysis.files() {
        if file_name(manifest) != MANIFEST_FILE_NAME {
            continue;
        }
        let Some(root) = manifest.parent() else {
            continue;
        };
        let Some(parsed) = analysis.manifest_in(root) else {
            continue;
        };
        let new_root = moved(root, &renames).unwrap_or_else(|| root.to_path_buf());
        let mut edits: Vec<TextEdit> = parsed
            .paths()
            .filter_map(|entry| {
                Some(TextEdit {
                    range: entry.range,
                    new_text: rewritten(root, &new_root, entry, &renames)?,
                })
            })
            .collect();
        if edits.is_empty() {
            continue;
        }
        edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
        files.push(FileEdit {
            file: manifest.to_path_buf(),
            edits,
        });
    }
    WorkspaceEdit { files }
}

/// The new JSON literal of an entry, `None` when it keeps its text: it
/// points at nothing renamed, leaves the app root before or after the
/// rename, or names the same relative path afterwards.
fn rewritten(
    root: &Path,
    new_root: &Path,
    entry: &ManifestPath,
    renames: &[(PathBuf, PathBuf)],
) -> Option<String> {
    let CodePath::Inside(target) = &entry.resolved else {
        return None;
    };
    let new_target = moved(target, renames)?;
    let before = target.strip_prefix(root).ok()?;
    let after = new_target.strip_prefix(new_root).ok()?;
    if before == after {
        return None;
    }
    let mut parts = Vec::new();
    for component in after.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            _ => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let prefix = if entry.written.starts_with("./") {
        "./"
    } else {
        ""
    };
    let path = format!("{prefix}{}", parts.join("/"));
    serde_json::to_string(&path).ok()
}

/// Where `path` ends up: the rename of the nearest of `path` and its
/// folders that is renamed, `None` when none is.
fn moved(path: &Path, renames: &[(PathBuf, PathBuf)]) -> Option<PathBuf> {
    let (old, new) = renames
        .iter()
        .filter(|(old, _)| path.starts_with(old))
        .max_by_key(|(old, _)| old.components().count())?;
    let rest = path.strip_prefix(old).ok()?;
    Some(if rest.as_os_str().is_empty() {
        new.clone()
    } else {
        new.join(rest)
    })
}

/// An absolute path with `.` and `..` resolved lexically, like the
/// manifest's own paths; `None` for a relative path or one climbing above the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    if !path.has_root() {
        return None;
    }
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() || !out.has_root() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use crate::ide::tests::snapshot;

    /// Each edited manifest with its edits: the range, the literal it
    /// replaces and the new literal.
    fn check(fixture: &str, renames: &[(&str, &str)], expect: Expect) {
        let (analysis, _) = snapshot(fixture);
        let renames: Vec<(PathBuf, PathBuf)> = renames
            .iter()
            .map(|(old, new)| (PathBuf::from(old), PathBuf::from(new)))
            .collect();
        let edit = analysis.manifest_edits_for_renames(&renames);
        let mut out = String::new();
        for file in &edit.files {
            let text = analysis.file_text(&file.file).unwrap();
            writeln!(out, "=== {}", file.file.display()).unwrap();
            for edit in &file.edits {
                let replaced = &text[edit.range];
                writeln!(out, "{:?} {replaced} -> {}", edit.range, edit.new_text).unwrap();
            }
        }
        if out.is_empty() {
            out.push_str("no edit\n");
        }
        expect.assert_eq(&out);
    }

    const APP: &str = r#"
//- /ws/app/makecomapp.json
{
  "fileVersion": 1,
  "generalCodeFiles": { "base": "general/base.iml.json", "common": null, "readme": "README.md", "groups": "modules/groups.json" },
  "components": {
    "connection": { "acme": { "connectionType": "oauth", "codeFiles": {
      "communication": "connections/acme/acme.oauth-communication.iml.json",
      "params": "connections/acme/acme.params.iml.json" } } },
    "module": { "listTasks": { "moduleType": "search", "connection": "acme", "codeFiles": {
      "communication": "modules/list-tasks/list-tasks.communication.iml.json",
      "mappableParams": "modules/list-tasks/list-tasks.mappable-params.iml.json",
      "interface": "./modules/list-tasks/list-tasks.interface.iml.json" } } },
    "webhook": {}, "rpc": {}, "function": {}, "endpoint": {}
  },
  "origins": [ { "baseUrl": "https://eu1.make.com/api", "appId": "acme", "appVersion": 1, "apikeyFile": ".secrets/apikey" } ]
}
//- /ws/app/general/base.iml.json
{ "baseUrl": "https://api.acme.example" }
//- /ws/app/README.md
# Acme
//- /ws/app/modules/list-tasks/list-tasks.communication.iml.json
{ "url": "/tasks" }
//- /ws/app/modules/list-tasks/notes.txt
not listed
"#;

    #[test]
    fn a_renamed_file() {
        check(
            APP,
            &[(
                "/ws/app/modules/list-tasks/list-tasks.communication.iml.json",
                "/ws/app/modules/list-tasks/list-tasks.comm.iml.json",
            )],
            expect![[r#"
                === /ws/app/makecomapp.json
                498..552 "modules/list-tasks/list-tasks.communication.iml.json" -> "modules/list-tasks/list-tasks.comm.iml.json"
            "#]],
        );
    }

    #[test]
    fn a_renamed_folder_moves_every_entry_under_it() {
        check(
            APP,
            &[("/ws/app/modules/list-tasks", "/ws/app/modules/tasks")],
            expect![[r#"
                === /ws/app/makecomapp.json
                498..552 "modules/list-tasks/list-tasks.communication.iml.json" -> "modules/tasks/list-tasks.communication.iml.json"
                578..634 "modules/list-tasks/list-tasks.mappable-params.iml.json" -> "modules/tasks/list-tasks.mappable-params.iml.json"
                655..707 "./modules/list-tasks/list-tasks.interface.iml.json" -> "./modules/tasks/list-tasks.interface.iml.json"
            "#]],
        );
    }

    #[test]
    fn a_general_code_file() {
        check(
            APP,
            &[("/ws/app/README.md", "/ws/app/docs/README.md")],
            expect![[r#"
                === /ws/app/makecomapp.json
                105..116 "README.md" -> "docs/README.md"
            "#]],
        );
    }

    #[test]
    fn a_leading_dot_slash_is_kept() {
        check(
            APP,
            &[(
                "/ws/app/modules/list-tasks/list-tasks.interface.iml.json",
                "/ws/app/general/list-tasks.interface.iml.json",
            )],
            expect![[r#"
                === /ws/app/makecomapp.json
                655..707 "./modules/list-tasks/list-tasks.interface.iml.json" -> "./general/list-tasks.interface.iml.json"
            "#]],
        );
    }

    #[test]
    fn an_entry_written_with_dot_dot_is_matched_and_rewritten_plainly() {
        check(
            r#"
//- /ws/app/makecomapp.json
{ "generalCodeFiles": { "base": "modules/../general/base.iml.json" } }
"#,
            &[("/ws/app/general", "/ws/app/common")],
            expect![[r#"
                === /ws/app/makecomapp.json
                32..66 "modules/../general/base.iml.json" -> "common/base.iml.json"
            "#]],
        );
    }

    #[test]
    fn an_entry_under_a_key_make_does_not_define_is_rewritten_too() {
        check(
            r#"
//- /ws/app/makecomapp.json
{ "generalCodeFiles": { "notes": "docs/notes.md", "base": "../shared/base.iml.json" },
  "components": { "rpc": { "list": { "codeFiles": { "sketch": "docs/list.md" } } } } }
"#,
            &[("/ws/app/docs", "/ws/app/notes")],
            expect![[r#"
                === /ws/app/makecomapp.json
                33..48 "docs/notes.md" -> "notes/notes.md"
                149..163 "docs/list.md" -> "notes/list.md"
            "#]],
        );
    }

    #[test]
    fn a_move_out_of_the_app_root_changes_nothing() {
        check(
            APP,
            &[(
                "/ws/app/modules/list-tasks/list-tasks.communication.iml.json",
                "/ws/elsewhere/list-tasks.communication.iml.json",
            )],
            expect![[r#"
                no edit
            "#]],
        );
    }

    #[test]
    fn a_file_the_manifest_does_not_list_changes_nothing() {
        check(
            APP,
            &[(
                "/ws/app/modules/list-tasks/notes.txt",
                "/ws/app/modules/list-tasks/notes.md",
            )],
            expect![[r#"
                no edit
            "#]],
        );
    }

    #[test]
    fn renaming_the_manifest_the_app_root_or_a_folder_above_changes_nothing() {
        for (old, new) in [
            ("/ws/app/makecomapp.json", "/ws/app/makecomapp.old.json"),
            ("/ws/app", "/ws/acme-app"),
            ("/ws", "/workspace"),
        ] {
            let (analysis, _) = snapshot(APP);
            let edit = analysis.manifest_edits_for_renames(&[(old.into(), new.into())]);
            assert!(edit.files.is_empty(), "{old} -> {new}: {edit:?}");
        }
    }

    #[test]
    fn the_app_root_and_a_file_in_it_renamed_together() {
        check(
            APP,
            &[
                ("/ws/app", "/ws/acme-app"),
                ("/ws/app/README.md", "/ws/acme-app/ABOUT.md"),
            ],
            expect![[r#"
                === /ws/app/makecomapp.json
                105..116 "README.md" -> "ABOUT.md"
            "#]],
        );
    }

    #[test]
    fn several_renames_in_one_request() {
        check(
            APP,
            &[
                ("/ws/app/README.md", "/ws/app/ABOUT.md"),
                ("/ws/app/connections/acme", "/ws/app/connections/acme-oauth"),
                ("/ws/app/.secrets", "/ws/app/.keys"),
            ],
            expect![[r#"
                === /ws/app/makecomapp.json
                105..116 "README.md" -> "ABOUT.md"
                266..318 "connections/acme/acme.oauth-communication.iml.json" -> "connections/acme-oauth/acme.oauth-communication.iml.json"
                336..375 "connections/acme/acme.params.iml.json" -> "connections/acme-oauth/acme.params.iml.json"
                885..902 ".secrets/apikey" -> ".keys/apikey"
            "#]],
        );
    }

    #[test]
    fn only_the_manifest_of_the_renamed_files_app_is_edited() {
        check(
            r#"
//- /ws/one/makecomapp.json
{ "components": { "rpc": { "list": { "codeFiles": { "communication": "rpcs/list/list.communication.iml.json" } } } } }
//- /ws/two/makecomapp.json
{ "components": { "rpc": { "list": { "codeFiles": { "communication": "rpcs/list/list.communication.iml.json" } } } } }
"#,
            &[(
                "/ws/two/rpcs/list/list.communication.iml.json",
                "/ws/two/rpcs/list/list-all.communication.iml.json",
            )],
            expect![[r#"
                === /ws/two/makecomapp.json
                69..108 "rpcs/list/list.communication.iml.json" -> "rpcs/list/list-all.communication.iml.json"
            "#]],
        );
    }

    #[test]
    fn non_ascii_names_and_characters_json_must_escape() {
        check(
            r#"
//- /ws/app/makecomapp.json
{ "generalCodeFiles": { "readme": "Übersicht.md" },
  "components": { "module": { "aufgaben": { "codeFiles": { "communication": "modules/aufgaben-\u00fcbersicht/a.communication.iml.json" } } } } }
"#,
            &[
                ("/ws/app/Übersicht.md", "/ws/app/docs/read \"me\"\\.md"),
                (
                    "/ws/app/modules/aufgaben-übersicht",
                    "/ws/app/modules/tâches ✓",
                ),
            ],
            expect![[r#"
                === /ws/app/makecomapp.json
                34..49 "Übersicht.md" -> "docs/read \"me\"\\.md"
                129..187 "modules/aufgaben-\u00fcbersicht/a.communication.iml.json" -> "modules/tâches ✓/a.communication.iml.json"
            "#]],
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever is renamed: edits replace whole string literals, in
        /// order, with a relative path inside the app.
        #[test]
        fn edits_are_sorted_literals_holding_relative_paths(
            renames in proptest::collection::vec(
                ("(/ws(/app(/modules(/list-tasks)?|/README.md|/\\.\\.)?)?)", "/[a-z./ ]{0,12}"),
                1..4,
            ),
        ) {
            let (analysis, _) = snapshot(APP);
            let renames: Vec<(PathBuf, PathBuf)> = renames
                .into_iter()
                .map(|(old, new)| (PathBuf::from(old), PathBuf::from(format!("/ws/app{new}"))))
                .collect();
            let edit = analysis.manifest_edits_for_renames(&renames);
            for file in &edit.files {
                let text = analysis.file_text(&file.file).unwrap();
                for pair in file.edits.windows(2) {
                    prop_assert!(pair[0].range.end() <= pair[1].range.start());
                }
                for edit in &file.edits {
                    let replaced = &text[edit.range];
                    prop_assert!(replaced.starts_with('"') && replaced.ends_with('"'));
                    let path: String = serde_json::from_str(&edit.new_text).unwrap();
                    prop_assert!(!path.is_empty() && !path.starts_with('/'), "{path}");
                    prop_assert!(path.split('/').all(|part| part != ".."), "{path}");
                }
            }
        }
    }

    #[test]
    fn relative_or_unchanged_renames_are_ignored() {
        check(
            APP,
            &[
                ("app/README.md", "app/ABOUT.md"),
                ("/ws/app/README.md", "/ws/app/./README.md"),
            ],
            expect![[r#"
                no edit
            "#]],
        );
    }
}
