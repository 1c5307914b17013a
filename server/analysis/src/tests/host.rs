//! The host and its snapshots: diagnostics of JSON and other files, edits,
//! snapshot independence, in-place edits and refused edits.

use std::path::{Path, PathBuf};
use std::thread;

use expect_test::{Expect, expect};
use text_size::{TextRange, TextSize};

use super::host_from;
use crate::host::{Analysis, AnalysisHost, EditError};

fn show_diagnostics(analysis: &Analysis, path: &Path) -> String {
    let text = analysis.file_text(path).unwrap_or_default();
    analysis
        .diagnostics(path)
        .iter()
        .map(|d| {
            let covered = &text[usize::from(d.range.start())..usize::from(d.range.end())];
            format!(
                "{} {:?} {:?} {:?}: {}\n",
                d.code, d.severity, d.range, covered, d.message
            )
        })
        .collect()
}

fn check_diagnostics(fixture: &str, expect: Expect) {
    let (host, fixture) = host_from(fixture);
    let analysis = host.snapshot();
    let mut out = String::new();
    for file in &fixture.files {
        out.push_str(&format!("{}\n", file.path));
        out.push_str(&show_diagnostics(&analysis, Path::new(&file.path)));
    }
    expect.assert_eq(&out);
}

fn range(start: u32, end: u32) -> TextRange {
    TextRange::new(TextSize::from(start), TextSize::from(end))
}

#[test]
fn comments_are_fine_in_iml_but_not_in_common_data() {
    check_diagnostics(
        r#"
        //- /app/general/base.iml.json
        // shared by every module
        { "baseUrl": "https://api.example.com" }
        //- /app/general/common.json
        { /* secret */ "clientId": "x" }
        //- /app/connections/c/c.common.json
        {
          // not allowed here
          "clientSecret": "y"
        }
        "#,
        expect![[r#"
            /app/general/base.iml.json
            /app/general/common.json
            J006 Warning 2..14 "/* secret */": comments are not allowed in common data: it is uploaded as strict JSON; remove the comment
            /app/connections/c/c.common.json
            J006 Warning 4..23 "// not allowed here": comments are not allowed in common data: it is uploaded as strict JSON; remove the comment
        "#]],
    );
}

#[test]
fn broken_json_reports_syntax_errors() {
    check_diagnostics(
        r#"
        //- /app/modules/m/m.communication.iml.json
        { "url": "/items", "method": "GET", }
        //- /app/modules/m/m.interface.iml.json
        [ { "name": "id" "type": "text" } ]
        "#,
        expect![[r#"
            /app/modules/m/m.communication.iml.json
            J003 Warning 34..35 ",": trailing comma; remove it, because Make's tools reject trailing commas
            /app/modules/m/m.interface.iml.json
            J001 Error 16..16 "": expected ',' or '}' after a property value
        "#]],
    );
}

#[test]
fn non_json_files_have_no_jsonc_diagnostics() {
    check_diagnostics(
        "//- /app/functions/f/f.code.js\nfunction f( {\n//- /app/README.md\n# {\n",
        expect![[r#"
            /app/functions/f/f.code.js
            /app/README.md
        "#]],
    );
}

#[test]
fn edits_update_text_and_diagnostics() {
    let path = PathBuf::from("/app/general/common.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), "{ \"a\": 1 }".to_owned());
    assert!(host.snapshot().diagnostics(&path).is_empty());

    host.apply_edit(&path, range(1, 1), " // note").unwrap();
    let analysis = host.snapshot();
    assert_eq!(analysis.file_text(&path), Some("{ // note \"a\": 1 }"));
    expect![[r#"
        J001 Error 0..1 "{": missing '}' to close the object opened here
        J006 Warning 2..18 "// note \"a\": 1 }": comments are not allowed in common data: it is uploaded as strict JSON; remove the comment
    "#]]
    .assert_eq(&show_diagnostics(&analysis, &path));
}

#[test]
fn snapshots_are_independent_of_later_edits() {
    let path = PathBuf::from("/app/modules/m/m.communication.iml.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), "{ \"url\": \"/a\" }".to_owned());
    let before = host.snapshot();
    assert!(before.root_value(&path).is_some());

    host.apply_edit(&path, range(10, 12), "/items").unwrap();
    host.apply_edit(&path, range(0, 1), "[").unwrap();
    let after = host.snapshot();

    assert_eq!(before.file_text(&path), Some("{ \"url\": \"/a\" }"));
    assert!(before.diagnostics(&path).is_empty());
    assert_eq!(after.file_text(&path), Some("[ \"url\": \"/items\" }"));
    assert!(!after.diagnostics(&path).is_empty());

    // A snapshot works on another thread while the host moves on.
    let worker = thread::spawn({
        let before = before.clone();
        let path = path.clone();
        move || before.file_text(&path).map(str::to_owned)
    });
    host.remove_file(&path);
    assert_eq!(
        worker.join().unwrap().as_deref(),
        Some("{ \"url\": \"/a\" }")
    );
    assert!(host.snapshot().file_text(&path).is_none());
}

#[test]
fn in_place_edits_match_a_fresh_parse() {
    let path = PathBuf::from("/a/x.iml.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), "{\"a\": [1, 2]}".to_owned());
    // No snapshot alive: the document is edited in place.
    host.apply_edit(&path, range(7, 8), "10").unwrap();
    host.apply_edit(&path, range(13, 13), ", \"b\": {}")
        .unwrap();
    let analysis = host.snapshot();
    let text = analysis.file_text(&path).unwrap();
    assert_eq!(text, "{\"a\": [10, 2], \"b\": {}}");
    let fresh = iml_jsonc::JsonDocument::parse(text.to_owned());
    assert_eq!(analysis.root_value(&path), fresh.root());
}

#[test]
fn bad_edits_are_refused() {
    let path = PathBuf::from("/a/x.iml.json");
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), "\"é\"".to_owned());
    assert!(matches!(
        host.apply_edit(Path::new("/a/missing.iml.json"), range(0, 0), "x"),
        Err(EditError::UnknownFile(_))
    ));
    assert!(matches!(
        host.apply_edit(&path, range(2, 3), "x"),
        Err(EditError::BadRange(_))
    ));
    assert!(matches!(
        host.apply_edit(&path, range(0, 9), "x"),
        Err(EditError::BadRange(_))
    ));
    assert_eq!(host.snapshot().file_text(&path), Some("\"é\""));
}

#[test]
fn manifest_edit_changes_roles() {
    let (mut host, _) = host_from(
        r#"
        //- /app/makecomapp.json
        { "components": { "module": { "listTasks": { "moduleType": "search", "codeFiles": { "communication": "m/api.iml.json" } } } } }
        //- /app/m/api.iml.json
        {}
        "#,
    );
    let file = Path::new("/app/m/api.iml.json");
    let before = host.snapshot();
    assert_eq!(
        before.role(file).component.map(|c| c.id),
        Some("listTasks".to_owned())
    );
    let manifest = Path::new("/app/makecomapp.json");
    let text = before.file_text(manifest).unwrap();
    let at = u32::try_from(text.find("listTasks").unwrap()).unwrap();
    host.apply_edit(manifest, range(at, at + 9), "findTasks")
        .unwrap();
    let after = host.snapshot();
    assert_eq!(
        after.role(file).component.map(|c| c.id),
        Some("findTasks".to_owned())
    );
    assert_eq!(
        before.role(file).component.map(|c| c.id),
        Some("listTasks".to_owned())
    );
}

#[test]
fn dependents_are_the_other_files_of_the_app() {
    let (host, _) = host_from(
        r#"
        //- /one/makecomapp.json
        { "components": {} }
        //- /one/general/base.iml.json
        {}
        //- /one/modules/m/m.communication.iml.json
        {}
        //- /two/base.imljson
        {}
        "#,
    );
    let analysis = host.snapshot();
    expect![[r#"
        [
            "/one/general/base.iml.json",
            "/one/makecomapp.json",
        ]
    "#]]
    .assert_debug_eq(&analysis.dependents(Path::new("/one/modules/m/m.communication.iml.json")));
    assert!(
        analysis
            .dependents(Path::new("/two/base.imljson"))
            .is_empty()
    );
}

#[test]
fn analysis_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Analysis>();
}

#[test]
fn edits_reuse_the_parse_of_untouched_strings() {
    let path = PathBuf::from("/main.iml.json");
    let text = r#"{ "url": "/{{parameters.a}}", "qs": { "b": "{{parameters.b}}" } }"#;
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), text.to_owned());
    let before = crate::semantic::sites(&host.snapshot(), &path).unwrap();
    // An unshared version (edited in place) and one a snapshot still reads.
    let held = host.snapshot();
    let at = TextSize::from(text.find("/{{").unwrap() as u32 + 1);
    host.apply_edit(&path, TextRange::empty(at), "x").unwrap();
    // A version whose sites were never asked for still passes the parses on.
    host.apply_edit(&path, TextRange::empty(at), "y").unwrap();
    let analysis = host.snapshot();
    let after = crate::semantic::sites(&analysis, &path).unwrap();
    let fresh = crate::semantic::FileSites::collect(analysis.root_value(&path).unwrap());
    assert_eq!(*after, fresh);
    assert_eq!(after.strings[0].decoded.as_str(), "/yx{{parameters.a}}");
    assert!(!std::sync::Arc::ptr_eq(
        &before.strings[0].template,
        &after.strings[0].template
    ));
    assert!(std::sync::Arc::ptr_eq(
        &before.strings[1].template,
        &after.strings[1].template
    ));
    drop(held);
}

#[test]
fn setting_a_file_to_the_text_it_has_keeps_the_app_model() {
    let mut host = AnalysisHost::new();
    let path = PathBuf::from("/app/modules/list/list.communication.iml.json");
    let text = r#"{"url": "/items", "method": "GET"}"#.to_owned();
    assert!(host.set_file(path.clone(), text.clone()));
    let built = host.snapshot();
    assert!(!built.apps_list().is_empty());
    assert!(built.apps_ready());

    assert!(!host.set_file(path.clone(), text.clone()));
    assert!(
        host.snapshot().apps_ready(),
        "an unchanged text rebuilt the app model"
    );

    assert!(host.set_file(path.clone(), format!("{text} ")));
    let changed = host.snapshot();
    assert!(!changed.apps_ready());
    assert_eq!(changed.file_text(&path), Some(format!("{text} ").as_str()));
}

#[test]
fn a_file_reports_at_most_a_thousand_diagnostics_and_counts_the_rest() {
    let mut host = AnalysisHost::new();
    let path = PathBuf::from("/app/general/base.iml.json");
    let expressions = "{{a.b}} ".repeat(1500);
    host.set_file(
        path.clone(),
        format!("{{ \"baseUrl\": \"{expressions}\" }}"),
    );
    let diagnostics = host.snapshot().diagnostics(&path);
    assert_eq!(
        diagnostics.len(),
        crate::diagnostics::MAX_DIAGNOSTICS_PER_FILE + 1
    );
    let summary = diagnostics.last().unwrap();
    assert_eq!(summary.code, "F007");
    let codes: Vec<_> = diagnostics[..10].iter().map(|d| d.code).collect();
    let repeated = codes[0];
    assert!(codes.iter().all(|code| *code == repeated), "{codes:?}");
    expect![[r#"500 more problems in this file are not shown, 500 of them I002; only the first 1000 are reported"#]]
        .assert_eq(&summary.message);
    // It sits where the first problem left out would have been.
    assert!(
        summary.range.start()
            > diagnostics[crate::diagnostics::MAX_DIAGNOSTICS_PER_FILE - 1]
                .range
                .start()
    );
}

#[test]
fn a_text_over_the_size_limit_is_kept_but_not_analysed_until_it_shrinks() {
    let mut host = AnalysisHost::new();
    let path = PathBuf::from("/app/general/base.iml.json");
    let padding = " ".repeat(crate::file_data::MAX_FILE_BYTES as usize);
    host.set_file(
        path.clone(),
        format!("{{ \"baseUrl\": \"{{{{a.b}}}}\" }}{padding}"),
    );
    let diagnostics = host.snapshot().diagnostics(&path);
    assert_eq!(
        diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["F003"]
    );
    assert!(
        diagnostics[0].message.contains("not analysed"),
        "{}",
        diagnostics[0].message
    );

    // Edits still apply to the kept text; once it is small enough it is parsed.
    let end = TextSize::try_from(host.snapshot().file_text(&path).unwrap().len()).unwrap();
    let start = end - TextSize::try_from(padding.len()).unwrap();
    host.apply_edit(&path, TextRange::new(start, end), "")
        .unwrap();
    let analysis = host.snapshot();
    assert_eq!(
        analysis.file_text(&path).unwrap(),
        "{ \"baseUrl\": \"{{a.b}}\" }"
    );
    let codes: Vec<_> = analysis.diagnostics(&path).iter().map(|d| d.code).collect();
    assert!(!codes.is_empty() && !codes.contains(&"F003"), "{codes:?}");
}

const SMALL_MANIFEST_APP: &str = r#"
    //- /app/makecomapp.json
    { "components": {
        "connection": { "main": { "connectionType": "basic", "codeFiles": { "communication": "c/main.communication.iml.json" } } },
        "module": { "listTasks": { "label": "List", "description": "Lists tasks.", "moduleType": "search", "connection": "main",
            "codeFiles": { "communication": "m/api.iml.json" } } } } }
    //- /app/m/api.iml.json
    {}
    //- /app/m/other.iml.json
    {}
    //- /app/c/main.communication.iml.json
    {}
    "#;

fn edit_manifest(host: &mut AnalysisHost, find: &str, replacement: &str) {
    let manifest = Path::new("/app/makecomapp.json");
    let text = host.snapshot().file_text(manifest).unwrap().to_owned();
    let at = u32::try_from(text.find(find).unwrap()).unwrap();
    let end = at + u32::try_from(find.len()).unwrap();
    host.apply_edit(manifest, range(at, end), replacement)
        .unwrap();
}

#[test]
fn manifest_edits_that_declare_the_same_app_keep_the_app_model() {
    let (mut host, _) = host_from(SMALL_MANIFEST_APP);
    let file = Path::new("/app/m/api.iml.json");
    let built = host.snapshot();
    assert_eq!(
        built.role(file).component.map(|c| c.id),
        Some("listTasks".to_owned())
    );
    assert!(built.app(file).is_some());
    assert!(built.apps_ready());
    // A description, then a comment that moves every entry below it.
    edit_manifest(&mut host, "Lists tasks.", "Lists the tasks.");
    edit_manifest(
        &mut host,
        "{ \"components\"",
        "// the app\n{ \"components\"",
    );
    let after = host.snapshot();
    assert!(
        after.apps_ready(),
        "an edit that declares the same app rebuilt the app model"
    );
    assert_eq!(
        after.role(file).component.map(|c| c.id),
        Some("listTasks".to_owned())
    );
}

#[test]
fn manifest_edits_of_files_or_links_rebuild_the_app_model() {
    let (mut host, _) = host_from(SMALL_MANIFEST_APP);
    let moved = Path::new("/app/m/other.iml.json");
    assert_eq!(host.snapshot().role(moved).component, None);
    edit_manifest(&mut host, "m/api.iml.json", "m/other.iml.json");
    let after = host.snapshot();
    assert_eq!(
        after.role(moved).component.map(|c| c.id),
        Some("listTasks".to_owned())
    );

    edit_manifest(
        &mut host,
        "\"connection\": \"main\"",
        "\"connection\": \"gone\"",
    );
    let relinked = host.snapshot();
    let module = relinked.app(moved).unwrap().component_of(moved).unwrap();
    assert_eq!(module.connection.as_deref(), Some("gone"));

    edit_manifest(&mut host, "\"label\": \"List\"", "\"label\": \"Search\"");
    let relabelled = host.snapshot();
    let module = relabelled.app(moved).unwrap().component_of(moved).unwrap();
    assert_eq!(module.label.as_deref(), Some("Search"));
}

/// Over many strings the IML checks stop once the cap is certain to cut
/// the rest: the diagnostics shown are the ones a full run would show, and
/// rules turned off do not count towards the cap.
#[test]
fn iml_checks_stop_where_the_cap_cuts_and_count_only_rules_left_on() {
    let path = PathBuf::from("/app/general/base.iml.json");
    let members: Vec<String> = (0..1500)
        .map(|index| {
            let expression = if index % 2 == 0 {
                "a.b"
            } else {
                "frobnicat(1)"
            };
            format!("\"h{index}\": \"{{{{{expression}}}}}\"")
        })
        .collect();
    let text = format!(
        "{{ \"baseUrl\": \"https://x\", \"headers\": {{ {} }} }}",
        members.join(", ")
    );
    let mut host = AnalysisHost::new();
    host.set_file(path.clone(), text);
    let analysis = host.snapshot();
    let shown = analysis.diagnostics(&path);
    let full = crate::semantic::iml_diagnostics(&analysis, &path);
    assert_eq!(full.len(), 1500, "one problem per string");
    assert_eq!(
        shown.len(),
        crate::diagnostics::MAX_DIAGNOSTICS_PER_FILE + 1
    );
    let first: Vec<_> = shown[..crate::diagnostics::MAX_DIAGNOSTICS_PER_FILE].to_vec();
    let mut expected = full.clone();
    expected.sort_by_key(|d| (d.range.start(), d.range.end()));
    assert_eq!(
        first,
        expected[..crate::diagnostics::MAX_DIAGNOSTICS_PER_FILE]
    );
    expect![[r#"more problems in this file are not shown: only the first 1000 are reported, and the IML after this point was not checked"#]]
        .assert_eq(&shown.last().unwrap().message);

    // With I002 off only the unknown functions count, and all of them fit.
    host.set_file(
        PathBuf::from("/app/iml-ls.toml"),
        "[rules]\nI002 = \"off\"\n".to_owned(),
    );
    let shown = host.snapshot().diagnostics(&path);
    assert!(shown.iter().all(|d| d.code != "I002" && d.code != "F007"));
    assert_eq!(shown.iter().filter(|d| d.code == "I003").count(), 750);
}
