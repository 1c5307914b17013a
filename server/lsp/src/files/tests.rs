//! Tests of indexing, eager loads, watchers and disk reads, sharing one
//! set of workspace fixtures.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use iml_loader::{AppsOf, is_listed, listed_files, listed_unloaded, normalize};
use tower_lsp_server::ls_types::{
    FileSystemWatcher, GlobPattern, OneOf, RelativePattern, TextDocumentItem, Uri,
};

use crate::capabilities::relative_patterns_supported;
use crate::session::SharedSession;
use crate::workspace::{Roots, is_app_file, watch_globs};

use super::disk::{load_batch, load_batch_returning, read_texts, take_texts};
use super::eager::{app_root, load_app_eagerly};
use super::indexing::{drop_unheld, files_outside};
#[cfg(unix)]
use super::watchers::literal_glob;
use super::watchers::{MAX_LISTED_WATCHERS, app_file_watchers, listed_watchers};
use super::{PendingLoads, forget_deleted, reload_from_disk};

const MANIFEST: &str = iml_fixture::apps::LISTED_MODULE_MANIFEST;
const COMMUNICATION: &str = "modules/list/list.communication.iml.json";
const PARAMS: &str = r#"[{ "name": "status", "type": "text" }]"#;

fn write(root: &Path, relative: &str, text: &str) -> PathBuf {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// Two apps side by side in one workspace folder.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let acme = dir.path().join("acme");
    write(&acme, "makecomapp.json", MANIFEST);
    write(&acme, COMMUNICATION, r#"{ "url": "/tasks" }"#);
    write(&acme, "modules/list/list.static-params.iml.json", PARAMS);
    write(&acme, "README.md", "# Acme");
    write(&acme, "node_modules/x/y.iml.json", "{}");
    let other = dir.path().join("other");
    write(&other, "makecomapp.json", MANIFEST);
    write(&other, COMMUNICATION, "{}");
    dir
}

fn session_in(folder: &Path) -> SharedSession {
    let session = SharedSession::default();
    session.lock().roots = Roots::new([folder.to_path_buf()]);
    session
}

fn open(session: &SharedSession, path: &Path, text: &str) {
    let uri: Uri = format!("file://{}", path.display()).parse().unwrap();
    session.lock().open(TextDocumentItem {
        uri,
        language_id: "imljson".to_owned(),
        version: 1,
        text: text.to_owned(),
    });
}

/// An eager load as `didOpen` starts it, run to its end.
fn load_eagerly(session: &SharedSession, opened: &Path) -> Option<PathBuf> {
    let load = session.lock().pending_loads.begin(opened.to_path_buf());
    load_app_eagerly(session, opened, &load)
}

fn known(session: &SharedSession, under: &Path) -> Vec<String> {
    let analysis = session.lock().analysis().unwrap();
    analysis
        .files()
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(under).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

#[test]
fn an_opened_file_loads_its_own_app_and_keeps_the_editor_text() {
    let dir = workspace();
    let session = session_in(dir.path());
    let opened = dir.path().join("acme").join(COMMUNICATION);
    let editor_text = r#"{ "url": "/tasks/{{parameters.status}}" }"#;
    open(&session, &opened, editor_text);

    let root = load_eagerly(&session, &opened);

    assert_eq!(root, Some(dir.path().join("acme")));
    // The listed readme too; not the other app, not node_modules.
    assert_eq!(
        known(&session, dir.path()),
        [
            "acme/README.md",
            "acme/makecomapp.json",
            "acme/modules/list/list.communication.iml.json",
            "acme/modules/list/list.static-params.iml.json",
        ]
    );
    let analysis = session.lock().analysis().unwrap();
    assert_eq!(analysis.file_text(&opened), Some(editor_text));
    assert_eq!(
        analysis.params_files(&opened),
        [dir.path()
            .join("acme/modules/list/list.static-params.iml.json")]
    );
    assert!(analysis.diagnostics(&opened).is_empty());
}

#[test]
fn each_app_is_loaded_once_and_not_after_indexing() {
    let dir = workspace();
    let session = session_in(dir.path());
    let acme = dir.path().join("acme").join(COMMUNICATION);
    open(&session, &acme, "{}");
    assert!(load_eagerly(&session, &acme).is_some());
    assert_eq!(load_eagerly(&session, &acme), None);

    session.lock().indexed = true;
    let other = dir.path().join("other").join(COMMUNICATION);
    open(&session, &other, "{}");
    assert_eq!(load_eagerly(&session, &other), None);
    assert!(
        !session
            .lock()
            .analysis()
            .unwrap()
            .contains(&dir.path().join("other/makecomapp.json"))
    );
}

#[test]
fn nothing_outside_the_workspace_folders_is_loaded() {
    let dir = workspace();
    // Only the other app is a workspace folder.
    let session = session_in(&dir.path().join("other"));
    let outside = dir.path().join("acme").join(COMMUNICATION);
    open(&session, &outside, "{}");
    // The file is all of its app that will ever be loaded.
    assert_eq!(load_eagerly(&session, &outside), Some(outside.clone()));
    assert_eq!(
        known(&session, dir.path()),
        [format!("acme/{COMMUNICATION}")]
    );
}

#[test]
fn an_export_app_root_is_the_analysis_one_within_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    write(&app, "base.imljson", "{}");
    let api = write(&app, "modules/list/api.imljson", "{}");
    write(&app, "modules/list/parameters.imljson", PARAMS);

    let session = session_in(dir.path());
    open(&session, &api, "{}");
    let analysis = session.lock().analysis().unwrap();
    let roots = session.lock().roots.clone();
    assert_eq!(app_root(&roots, &analysis, &api), Some(app.clone()));

    // A workspace folder inside the app bounds the root.
    let modules = app.join("modules");
    let inner = Roots::new([modules.clone()]);
    assert_eq!(app_root(&inner, &analysis, &api), Some(modules));
}

#[tokio::test]
async fn a_request_in_the_app_waits_until_the_load_ends() {
    let dir = workspace();
    let session = session_in(dir.path());
    let opened = dir.path().join("acme").join(COMMUNICATION);
    open(&session, &opened, "{}");
    let load = session.lock().pending_loads.begin(opened.clone());
    let params = dir
        .path()
        .join("acme/modules/list/list.static-params.iml.json");
    // Before the root is known only the opened document is covered.
    assert!(session.lock().pending_loads.covering(&opened).is_some());
    assert!(session.lock().pending_loads.covering(&params).is_none());

    assert!(load_app_eagerly(&session, &opened, &load).is_some());
    let waiting = session.lock().pending_loads.covering(&params).unwrap();
    let request = tokio::spawn(waiting.finish_within(Duration::from_secs(10)));
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!request.is_finished());

    drop(load);
    assert!(request.await.unwrap());
    assert!(session.lock().pending_loads.covering(&params).is_none());
}

#[test]
fn a_document_whose_app_another_load_claimed_waits_for_that_load() {
    let dir = workspace();
    let session = session_in(dir.path());
    let first = dir.path().join("acme").join(COMMUNICATION);
    let second = dir
        .path()
        .join("acme/modules/list/list.static-params.iml.json");
    open(&session, &first, "{}");
    open(&session, &second, PARAMS);
    let first_load = session.lock().pending_loads.begin(first.clone());
    let second_load = session.lock().pending_loads.begin(second.clone());
    assert!(load_app_eagerly(&session, &first, &first_load).is_some());
    assert_eq!(load_app_eagerly(&session, &second, &second_load), None);
    drop(second_load);
    assert!(session.lock().pending_loads.covering(&second).is_some());
    drop(first_load);
    assert!(session.lock().pending_loads.covering(&second).is_none());
}

#[test]
fn requests_about_other_apps_do_not_wait() {
    let dir = workspace();
    let session = session_in(dir.path());
    let opened = dir.path().join("acme").join(COMMUNICATION);
    open(&session, &opened, "{}");
    let load = session.lock().pending_loads.begin(opened.clone());
    assert!(load_app_eagerly(&session, &opened, &load).is_some());
    let mut session = session.lock();
    let pending = &mut session.pending_loads;
    assert!(
        pending
            .covering(&dir.path().join("other").join(COMMUNICATION))
            .is_none()
    );
    // A sibling folder whose name extends the root's is another app.
    assert!(
        pending
            .covering(&dir.path().join("acme-2/a.iml.json"))
            .is_none()
    );
    assert!(
        pending
            .covering(&dir.path().join("acme/base.iml.json"))
            .is_some()
    );
}

#[tokio::test]
async fn a_load_that_panics_releases_its_waiters() {
    let mut pending = PendingLoads::default();
    let load = pending.begin(PathBuf::from("/ws/app"));
    let waiting = pending.covering(Path::new("/ws/app/a.iml.json")).unwrap();
    let failed = std::thread::spawn(move || {
        let _load = load;
        panic!("reading the app failed");
    });
    assert!(failed.join().is_err());
    assert!(waiting.finish_within(Duration::from_secs(10)).await);
    assert!(pending.covering(Path::new("/ws/app/a.iml.json")).is_none());
}

#[tokio::test]
async fn a_load_that_never_ends_holds_a_request_only_until_the_bound() {
    let mut pending = PendingLoads::default();
    let _load = pending.begin(PathBuf::from("/ws/app"));
    let waiting = pending.covering(Path::new("/ws/app/a.iml.json")).unwrap();
    let started = std::time::Instant::now();
    assert!(!waiting.finish_within(Duration::from_millis(50)).await);
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[tokio::test]
async fn a_request_waits_for_every_load_covering_it() {
    let mut pending = PendingLoads::default();
    let first = pending.begin(PathBuf::from("/ws/app"));
    let second = pending.begin(PathBuf::from("/ws/app/a.iml.json"));
    let waiting = pending.covering(Path::new("/ws/app/a.iml.json")).unwrap();
    let request = tokio::spawn(waiting.finish_within(Duration::from_secs(10)));
    drop(second);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!request.is_finished());
    drop(first);
    assert!(request.await.unwrap());
}

/// An app listing a readme, a present and a missing function code file,
/// kept outside `functions/<name>/` so that only the manifest makes them app files.
fn app_with_code_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "makecomapp.json",
        r#"{
            "fileVersion": 1,
            "generalCodeFiles": { "readme": "README.md" },
            "components": { "function": {
                "hash": { "codeFiles": { "code": "scripts/hash.code.js" } },
                "sign": { "codeFiles": { "code": "scripts/sign.code.js" } }
            } }
        }"#,
    );
    write(dir.path(), "README.md", "# Acme");
    write(dir.path(), "scripts/hash.code.js", "function hash() {}");
    write(dir.path(), "notes.md", "not listed");
    dir
}

fn indexed(dir: &Path) -> SharedSession {
    let session = session_in(dir);
    let roots = session.lock().roots.clone();
    load_batch(&session, roots.discover());
    let analysis = session.lock().analysis().unwrap();
    load_batch(&session, listed_unloaded(&analysis, AppsOf::All));
    session
}

#[test]
fn listed_files_under_other_names_are_watched_loaded_or_missing() {
    let dir = app_with_code_files();
    let session = indexed(dir.path());
    let analysis = session.lock().analysis().unwrap();
    assert!(analysis.contains(&dir.path().join("README.md")));
    assert!(analysis.contains(&dir.path().join("scripts/hash.code.js")));

    let root = dir.path().display();
    assert_eq!(
        plain_globs(&listed_watchers(&watched_listed(&session), false)),
        [
            format!("{root}/README.md"),
            format!("{root}/scripts/hash.code.js"),
            // Watched so that creating it clears X001.
            format!("{root}/scripts/sign.code.js"),
        ]
    );
    assert!(listed_unloaded(&analysis, AppsOf::All).is_empty());
}

/// What `watch_listed_files` watches: the listed files the app-file
/// globs miss.
fn watched_listed(session: &SharedSession) -> BTreeMap<PathBuf, PathBuf> {
    let analysis = session.lock().analysis().unwrap();
    let mut listed = listed_files(&analysis, AppsOf::All);
    listed.retain(|path, _| !is_app_file(path));
    listed
}

fn plain_globs(watchers: &[FileSystemWatcher]) -> Vec<String> {
    watchers
        .iter()
        .map(|watcher| match &watcher.glob_pattern {
            GlobPattern::String(glob) => glob.clone(),
            other => panic!("a relative pattern where a plain glob was wanted: {other:?}"),
        })
        .collect()
}

/// Each relative pattern as `(base folder, pattern)`.
fn relative_patterns(watchers: &[FileSystemWatcher]) -> Vec<(PathBuf, String)> {
    watchers
        .iter()
        .map(|watcher| match &watcher.glob_pattern {
            GlobPattern::Relative(RelativePattern {
                base_uri: OneOf::Right(base),
                pattern,
            }) => (base.to_file_path().unwrap().into_owned(), pattern.clone()),
            other => panic!("not a pattern relative to a folder URI: {other:?}"),
        })
        .collect()
}

#[test]
fn a_listed_readme_missing_when_indexed_is_watched_and_counts_as_listed() {
    let dir = app_with_code_files();
    fs::remove_file(dir.path().join("README.md")).unwrap();
    // One more in a folder that does not exist yet, written with `./`;
    // a key Make does not define lists nothing.
    let manifest = fs::read_to_string(dir.path().join("makecomapp.json")).unwrap();
    let manifest = manifest.replace(
        r#""readme": "README.md""#,
        r#""readme": "README.md", "groups": "./docs/groups.md", "license": "LICENSE.md""#,
    );
    write(dir.path(), "makecomapp.json", &manifest);
    let session = indexed(dir.path());
    let analysis = session.lock().analysis().unwrap();
    let readme = dir.path().join("README.md");
    assert!(!analysis.contains(&readme));

    let root = dir.path().display();
    assert_eq!(
        plain_globs(&listed_watchers(&watched_listed(&session), false)),
        [
            format!("{root}/README.md"),
            format!("{root}/docs/groups.md"),
            format!("{root}/scripts/hash.code.js"),
            format!("{root}/scripts/sign.code.js"),
        ]
    );
    // A `Created` event for it is loaded, since the manifest lists it.
    assert!(is_listed(&analysis, &readme));
    write(dir.path(), "README.md", "# Acme");
    assert_eq!(listed_unloaded(&analysis, AppsOf::All), [readme]);
}

#[test]
fn listed_general_files_that_leave_the_app_or_name_nothing_are_not_watched() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    write(
        &app,
        "makecomapp.json",
        r#"{
            "fileVersion": 1,
            "generalCodeFiles": {
                "readme": "../README.md",
                "base": "",
                "common": 7,
                "groups": "/etc/groups.md"
            },
            "components": {}
        }"#,
    );
    write(dir.path(), "README.md", "# outside the app");
    let session = indexed(dir.path());
    assert_eq!(watched_listed(&session), BTreeMap::new());
}

#[test]
fn relative_patterns_are_used_only_when_the_client_supports_them() {
    let supports = |capabilities: serde_json::Value| {
        relative_patterns_supported(&serde_json::from_value(capabilities).unwrap())
    };
    let watched = |relative: serde_json::Value| {
        serde_json::json!({ "workspace": { "didChangeWatchedFiles": {
            "dynamicRegistration": true, "relativePatternSupport": relative
        } } })
    };
    assert!(supports(watched(true.into())));
    assert!(!supports(watched(false.into())));
    assert!(!supports(watched(serde_json::Value::Null)));
    assert!(!supports(serde_json::json!({})));
}

#[test]
fn app_files_are_watched_relative_to_each_workspace_folder_when_supported() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let inner = first.path().join("inner");
    fs::create_dir_all(&inner).unwrap();
    let roots = Roots::new([
        first.path().to_path_buf(),
        inner,
        second.path().to_path_buf(),
    ]);
    let globs = watch_globs();

    let relative = relative_patterns(&app_file_watchers(&roots, true));
    let mut expected: Vec<(PathBuf, String)> = Vec::new();
    let mut folders = [first.path().to_path_buf(), second.path().to_path_buf()];
    folders.sort();
    for folder in &folders {
        expected.extend(globs.iter().map(|glob| (folder.clone(), glob.clone())));
    }
    assert_eq!(relative, expected);

    assert_eq!(plain_globs(&app_file_watchers(&roots, false)), globs);
    // No folder to be relative to: the plain globs.
    assert_eq!(
        plain_globs(&app_file_watchers(&Roots::default(), true)),
        globs
    );
}

#[test]
fn listed_files_are_watched_relative_to_their_app_root_when_supported() {
    let dir = app_with_code_files();
    fs::remove_file(dir.path().join("README.md")).unwrap();
    let session = indexed(dir.path());
    let root = dir.path().to_path_buf();
    assert_eq!(
        relative_patterns(&listed_watchers(&watched_listed(&session), true)),
        [
            (root.clone(), "README.md".to_owned()),
            (root.clone(), "scripts/hash.code.js".to_owned()),
            (root, "scripts/sign.code.js".to_owned()),
        ]
    );
}

#[test]
fn only_files_a_manifest_lists_count_as_listed() {
    let dir = app_with_code_files();
    let session = indexed(dir.path());
    let analysis = session.lock().analysis().unwrap();
    for listed in ["README.md", "scripts/sign.code.js"] {
        assert!(is_listed(&analysis, &dir.path().join(listed)), "{listed}");
    }
    for other in ["notes.md", "functions/sign/other.js", "../README.md"] {
        let path = normalize(&dir.path().join(other));
        assert!(!is_listed(&analysis, &path), "{other}");
    }
}

#[cfg(unix)]
#[test]
fn glob_characters_in_a_path_match_themselves_through_a_wildcard() {
    assert_eq!(
        literal_glob(Path::new("/ws/acme app/README.md")).as_deref(),
        Some("/ws/acme app/README.md")
    );
    assert_eq!(
        literal_glob(Path::new("/ws/a[1]/{x},*?.md")).as_deref(),
        Some("/ws/a?1?/?x?,??.md")
    );
}

#[test]
fn the_listed_watchers_are_bounded() {
    let many: BTreeMap<PathBuf, PathBuf> = (0..MAX_LISTED_WATCHERS + 5)
        .map(|n| {
            let path = PathBuf::from(format!("/ws/app/docs/{n}.md"));
            (path, PathBuf::from("/ws/app"))
        })
        .collect();
    for relative in [false, true] {
        assert_eq!(listed_watchers(&many, relative).len(), MAX_LISTED_WATCHERS);
    }
}

#[test]
fn a_removed_folder_takes_its_files_along_but_not_its_open_documents() {
    let dir = workspace();
    let (acme, other) = (dir.path().join("acme"), dir.path().join("other"));
    let session = SharedSession::default();
    session.lock().roots = Roots::new([acme.clone(), other.clone()]);
    let roots = session.lock().roots.clone();
    load_batch(&session, roots.discover());
    let opened = other.join(COMMUNICATION);
    let editor_text = r#"{ "url": "/edited" }"#;
    open(&session, &opened, editor_text);

    session.lock().roots.change(vec![], vec![other.clone()]);
    let analysis = session.lock().analysis().unwrap();
    let outside = files_outside(&analysis, &session.lock().roots);
    assert_eq!(outside, [other.join("makecomapp.json"), opened.clone()]);
    let dropped = drop_unheld(&session, &outside);
    assert_eq!(dropped, [other.join("makecomapp.json")]);
    assert_eq!(
        known(&session, dir.path()),
        [
            "acme/makecomapp.json",
            "acme/modules/list/list.communication.iml.json",
            "acme/modules/list/list.static-params.iml.json",
            "other/modules/list/list.communication.iml.json",
        ]
    );
    let analysis = session.lock().analysis().unwrap();
    assert_eq!(analysis.file_text(&opened), Some(editor_text));
}

#[test]
fn a_folder_added_again_before_its_files_are_dropped_keeps_them() {
    let dir = workspace();
    let other = dir.path().join("other");
    let session = session_in(&other);
    let roots = session.lock().roots.clone();
    load_batch(&session, roots.discover());
    session.lock().roots.change(vec![], vec![other.clone()]);
    let analysis = session.lock().analysis().unwrap();
    let outside = files_outside(&analysis, &session.lock().roots);
    assert_eq!(outside.len(), 2);
    session.lock().roots.change(vec![other.clone()], vec![]);
    assert!(drop_unheld(&session, &outside).is_empty());
    assert_eq!(known(&session, &other).len(), 2);
}

#[test]
fn a_batch_read_before_its_folder_was_removed_is_not_loaded() {
    let dir = workspace();
    let other = dir.path().join("other");
    let session = session_in(&other);
    let roots = session.lock().roots.clone();
    // The batch reads with the folders it started with…
    let texts = read_texts(&session, roots.discover());
    assert_eq!(texts.texts.len(), 2);
    // …and loads under the lock after the folder went.
    session.lock().roots.change(vec![], vec![other.clone()]);
    assert!(take_texts(&session, texts).is_empty());
    assert!(session.lock().analysis().unwrap().files().is_empty());
}

#[test]
fn a_batch_read_before_a_watcher_event_keeps_the_newer_text() {
    let dir = workspace();
    let other = dir.path().join("other");
    let session = session_in(&other);
    let (older, newer, newest) = (
        r#"{ "url": "/v1" }"#,
        r#"{ "url": "/v2" }"#,
        r#"{ "url": "/v3" }"#,
    );
    let path = write(&other, COMMUNICATION, older);
    // Indexing reads the file without the lock…
    let batch = read_texts(&session, vec![path.clone()]);
    assert_eq!(batch.texts, [(path.clone(), older.to_owned())]);
    // …the file is saved again and its watcher event loads the new text…
    write(&other, COMMUNICATION, newer);
    let reloaded = reload_from_disk(&session, vec![path.clone()]);
    assert_eq!(reloaded, std::slice::from_ref(&path));
    // …and the batch, committed last, leaves it alone.
    assert!(take_texts(&session, batch).is_empty());
    let text_of = |path: &Path| {
        let analysis = session.lock().analysis().unwrap();
        analysis.file_text(path).map(str::to_owned)
    };
    assert_eq!(text_of(&path).as_deref(), Some(newer));
    // The file's other neighbours in the batch load as before, and a
    // read that begins later takes the disk as it is then.
    write(&other, COMMUNICATION, newest);
    let manifest = other.join("makecomapp.json");
    assert_eq!(
        load_batch_returning(&session, vec![manifest, path.clone()]).len(),
        2
    );
    assert_eq!(text_of(&path).as_deref(), Some(newest));
}

#[test]
fn a_batch_read_before_a_deletion_event_does_not_bring_the_file_back() {
    let dir = workspace();
    let other = dir.path().join("other");
    let session = session_in(&other);
    let path = other.join(COMMUNICATION);
    load_batch(&session, vec![path.clone()]);
    let batch = read_texts(&session, vec![path.clone()]);
    fs::remove_file(&path).unwrap();
    let forgotten = forget_deleted(&mut session.lock(), vec![path.clone()]);
    assert_eq!(forgotten, std::slice::from_ref(&path));
    assert!(take_texts(&session, batch).is_empty());
    assert!(!session.lock().analysis().unwrap().contains(&path));
}

#[test]
fn a_batch_read_before_its_file_was_opened_keeps_the_editor_text() {
    let dir = workspace();
    let other = dir.path().join("other");
    let session = session_in(&other);
    let path = other.join(COMMUNICATION);
    let batch = read_texts(&session, vec![path.clone()]);
    let editor_text = r#"{ "url": "/edited" }"#;
    open(&session, &path, editor_text);
    assert!(take_texts(&session, batch).is_empty());
    let analysis = session.lock().analysis().unwrap();
    assert_eq!(analysis.file_text(&path), Some(editor_text));
}

#[test]
fn an_exports_function_code_is_indexed_with_the_app() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "metadata.json",
        r#"{ "name": "acme", "version": 1 }"#,
    );
    write(dir.path(), "base.imljson", "{}");
    write(dir.path(), "functions/pad/code.js", "function pad() {}");
    write(dir.path(), "scripts/build.js", "// not the app's");
    let session = indexed(dir.path());
    let analysis = session.lock().analysis().unwrap();
    assert!(analysis.contains(&dir.path().join("functions/pad/code.js")));
    assert!(!analysis.contains(&dir.path().join("scripts/build.js")));
    assert_eq!(
        analysis.custom_function_names(&dir.path().join("base.imljson")),
        ["pad"]
    );
}
