//! The server's mutable state behind one lock: open documents, the analysis
//! host and what was negotiated. Every method is synchronous so handlers can
//! apply a notification completely before their first `.await`; that is what
//! keeps edits in order although the framework runs handlers concurrently.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use iml_analysis::{Analysis, AnalysisHost, RuleConfig, TextRange, TextSize};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, TextDocumentItem, Uri, VersionedTextDocumentIdentifier,
};

use crate::capabilities::ClientSupport;
use crate::config::Config;
use crate::documents::{ByteChange, DocumentStore};
use crate::files::{AppWatchers, PendingLoads};
use crate::lsp_ext::FileText;
use crate::publish::{Computed, DiagnosticsJob};
use crate::snapshot::{DocumentSnapshot, OpenDocument, Snapshot, Twin};
use crate::spec_runs::SpecRuns;
use crate::workspace::Roots;

/// A document just opened: its path, and whether the analysis' text of it
/// changed (it differed from the disk's, or the file was not known).
pub struct Opened {
    pub path: PathBuf,
    pub content_changed: bool,
}

#[derive(Default)]
pub struct Session {
    pub documents: DocumentStore,
    host: AnalysisHost,
    /// Bumped on every change to the host, and when results of spec-test
    /// runs are kept; orders diagnostics results.
    revision: u64,
    /// Bumped on every change to the host alone: what a kept run result is
    /// checked against.
    host_changes: u64,
    /// Results of spec-test cases run from the editor.
    spec_runs: SpecRuns,
    /// For each open file, the spelling of its URI whose text the host holds
    /// (a file may be open under several spellings).
    host_text_of: HashMap<PathBuf, Uri>,
    pub client: ClientSupport,
    /// The client takes watchers relative to a folder (LSP 3.17).
    pub relative_watch_patterns: bool,
    pub config: Config,
    pub roots: Roots,
    /// Set once workspace indexing has loaded every app file.
    pub indexed: bool,
    /// App roots (or single files of no app) loaded ahead of indexing,
    /// whose documents' diagnostics may read the app model already.
    loaded_ahead: Vec<PathBuf>,
    /// App roots loaded ahead of indexing because a document of theirs was
    /// opened first; each is loaded once.
    pub eagerly_loaded: HashSet<PathBuf>,
    /// Those loads while they run, for requests to wait on.
    pub pending_loads: PendingLoads,
    /// The app-file watchers the client holds, replaced when the folders change.
    pub app_watchers: AppWatchers,
    /// The stamp the next read of the disk takes.
    next_disk_read: u64,
    /// Per file, the stamp of the latest read whose outcome the analysis
    /// took. Reads run without the lock, so an indexing batch may finish
    /// after a watcher event that read the file later; the stamp tells the
    /// older text from the newer one. Kept for removed files too, so an
    /// older read does not bring one back.
    disk_reads: HashMap<PathBuf, DiskRead>,
}

/// When a read of the disk started, relative to the others: taken under
/// the session lock before reading, handed back with what was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DiskRead(u64);

/// The session shared between handlers and background tasks.
#[derive(Clone, Default)]
pub struct SharedSession {
    session: Arc<Mutex<Session>>,
    /// How often the lock was taken: tests hold a keystroke to its budget.
    #[cfg(test)]
    pub locks_taken: Arc<std::sync::atomic::AtomicUsize>,
}

impl SharedSession {
    /// A panic elsewhere must not take the whole server down with a poisoned
    /// lock; the state it guards is still usable.
    pub fn lock(&self) -> MutexGuard<'_, Session> {
        #[cfg(test)]
        self.locks_taken
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The path the analysis knows a document by. Non-file URIs (unsaved
/// buffers) keep their URI text, which no file on disk can clash with.
pub fn path_of(uri: &Uri) -> PathBuf {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    match uri.to_file_path() {
        // Lexically normal, so that `//`, `/./` and a trailing `/` spell the
        // same file (`..` is left alone: a symlink may stand before it).
        Some(path) if is_file => path.components().collect(),
        _ => PathBuf::from(uri.as_str()),
    }
}

impl Session {
    pub fn open(&mut self, document: TextDocumentItem) -> Opened {
        let path = path_of(&document.uri);
        let revision = self.bump();
        self.host_text_of.insert(path.clone(), document.uri.clone());
        self.documents.open(
            document.uri,
            path.clone(),
            document.version,
            &document.text,
            revision,
        );
        let text = document.text;
        // Opening a file as it is on disk, the usual case, changes nothing
        // another file can see.
        let content_changed =
            guarded("set_file", || self.host.set_file(path.clone(), text)).unwrap_or(true);
        Opened {
            path,
            content_changed,
        }
    }

    /// Applies every content change, in order, to the rope and the host.
    /// Returns the document's path, or `None` for a document never opened.
    pub fn change(&mut self, params: DidChangeTextDocumentParams) -> Option<PathBuf> {
        let VersionedTextDocumentIdentifier { uri, version } = params.text_document;
        let revision = self.bump();
        let encoding = self.client.encoding;
        let Some(document) = self.documents.get_mut(&uri) else {
            tracing::warn!("change to {} which is not open; ignored", uri.as_str());
            return None;
        };
        if version <= document.version {
            tracing::warn!(
                "{}: version {version} after {}; applied anyway",
                uri.as_str(),
                document.version
            );
        }
        document.version = version;
        document.text_revision = revision;
        let path = document.path.clone();
        // With the file open under two spellings of its URI, the analysis
        // holds one of their texts; edits of the other are not replayed on it.
        let mut in_sync = self.host_text_of.get(&path) == Some(&uri);
        for change in &params.content_changes {
            let byte_change = document.apply(change, encoding);
            if in_sync {
                in_sync = apply_to_host(&mut self.host, &path, byte_change);
            }
        }
        if !in_sync {
            // The host refused an edit the rope took, or held another
            // spelling's text; the rope is the truth.
            let text = document.rope.to_string();
            guarded("set_file", || self.host.set_file(path.clone(), text));
            self.host_text_of.insert(path.clone(), uri);
        }
        Some(path)
    }

    /// Forgets an open document; the caller reloads the disk version.
    pub fn close(&mut self, uri: &Uri) -> Option<PathBuf> {
        let path = self.documents.close(uri).map(|document| document.path)?;
        self.spec_runs.forget(&path);
        match self.documents.by_path(&path) {
            // Still open under another spelling: the analysis takes its text.
            Some(other) if self.host_text_of.get(&path) != Some(&other.uri) => {
                let (other_uri, text) = (other.uri.clone(), other.rope.to_string());
                guarded("set_file", || self.host.set_file(path.clone(), text));
                self.host_text_of.insert(path.clone(), other_uri);
            }
            Some(_) => {}
            None => {
                self.host_text_of.remove(&path);
            }
        }
        Some(path)
    }

    /// The host's change count, taken with a snapshot that a spec-test run
    /// computes on.
    pub fn host_changes(&self) -> u64 {
        self.host_changes
    }

    /// Keeps the results of spec-test cases of `path` for publication,
    /// unless the host changed since the run began at `host_changes` (they
    /// would describe texts that are gone). Returns whether they were kept.
    pub fn record_spec_runs(
        &mut self,
        path: PathBuf,
        host_changes: u64,
        runs: Vec<iml_analysis::CaseRun>,
    ) -> bool {
        if host_changes != self.host_changes {
            return false;
        }
        // A new revision, so that the publication with the results is not
        // taken for one already sent.
        self.revision += 1;
        self.spec_runs.record(path, host_changes, runs);
        true
    }

    /// Starts a read of the disk: what it reads is taken with this stamp,
    /// and only if no read that started later was taken for the same file.
    pub fn begin_disk_read(&mut self) -> DiskRead {
        self.next_disk_read += 1;
        DiskRead(self.next_disk_read)
    }

    /// Takes a file's disk text, read since `read` began, unless the editor
    /// holds it open (the editor's text wins) or a later read of it was
    /// taken already (its text is newer). Returns whether the host changed:
    /// a file loaded again with the text the host has is left alone, since
    /// replacing it would drop its parse, its role and every app model.
    pub fn load_from_disk(&mut self, path: &Path, text: String, read: DiskRead) -> bool {
        if self.documents.is_open(path) || !self.take_disk_read(path, read) {
            return false;
        }
        let changed =
            guarded("set_file", || self.host.set_file(path.to_path_buf(), text)).unwrap_or(false);
        if changed {
            self.bump();
        }
        changed
    }

    /// Records `read` as the latest for `path`; `false` when a later one
    /// was recorded already.
    fn take_disk_read(&mut self, path: &Path, read: DiskRead) -> bool {
        match self.disk_reads.get_mut(path) {
            Some(latest) if *latest > read => false,
            Some(latest) => {
                *latest = read;
                true
            }
            None => {
                self.disk_reads.insert(path.to_path_buf(), read);
                true
            }
        }
    }

    /// Claims the eager load of the app at `root`: `false` when indexing
    /// has finished or the app was claimed already.
    pub fn claim_eager_load(&mut self, root: &Path) -> bool {
        !self.indexed && self.eagerly_loaded.insert(root.to_path_buf())
    }

    /// Drops a file found gone from disk since `read` began, unless the
    /// editor holds it open or a later read of it was taken already.
    pub fn remove_from_disk(&mut self, path: &Path, read: DiskRead) -> bool {
        if self.documents.is_open(path) || !self.take_disk_read(path, read) {
            return false;
        }
        self.bump();
        guarded("remove_file", || self.host.remove_file(path));
        true
    }

    /// Captures what a diagnostics run needs for `changed` and the open
    /// files that depend on them. Called under the lock of the change
    /// itself, so the run sees exactly the text the change made.
    pub fn diagnostics_job(
        &mut self,
        mut changed: Vec<PathBuf>,
        with_dependents: bool,
    ) -> Option<DiagnosticsJob> {
        let revision = self.revision;
        for stale in self.spec_runs.take_stale(self.host_changes) {
            if !changed.contains(&stale) {
                changed.push(stale);
            }
        }
        // Only a run that covers the dependents too supersedes older runs.
        for path in changed.iter().filter(|_| with_dependents) {
            if let Some(document) = self.documents.by_path(path) {
                document.publish.request(revision);
            }
        }
        Some(DiagnosticsJob {
            revision,
            snapshot: self.snapshot()?,
            changed,
            with_dependents,
        })
    }

    /// The results of a run at `revision` that go to the client, each
    /// recorded as sent (see `Ledger::accept`): one lock for the run.
    pub fn accept_results(&mut self, revision: u64, computed: Vec<Computed>) -> Vec<Computed> {
        computed
            .into_iter()
            .filter(|result| match self.documents.get_mut(&result.uri) {
                Some(document) => {
                    let text_revision = document.text_revision;
                    document.publish.accept(text_revision, revision, result)
                }
                None => false,
            })
            .collect()
    }

    /// Whether the app model `path`'s diagnostics read is loaded: indexing
    /// has finished, or the file's app was loaded ahead of it.
    pub fn app_ready(&self, path: &Path) -> bool {
        self.indexed
            || self
                .loaded_ahead
                .iter()
                .any(|scope| path.starts_with(scope))
    }

    /// Records that the app under `scope` (an app root, or a file that
    /// belongs to no app) was loaded ahead of indexing. A new revision, so
    /// that the full diagnostics it allows are not taken for ones sent.
    pub fn loaded_ahead(&mut self, scope: PathBuf) {
        self.loaded_ahead.push(scope);
        self.revision += 1;
    }

    /// Indexing has loaded every app file: every app model is ready.
    pub fn finish_indexing(&mut self) {
        self.indexed = true;
        self.revision += 1;
    }

    pub fn file_text(&self, uri: &Uri) -> Option<FileText> {
        let document = self.documents.get(uri)?;
        let analysis_text = guarded("snapshot", || {
            self.host
                .snapshot()
                .file_text(&document.path)
                .map(str::to_owned)
        })
        .flatten();
        Some(FileText {
            version: document.version,
            text: document.rope.to_string(),
            analysis_text,
        })
    }

    /// Hands the rule levels of the current settings to the analysis;
    /// returns what was wrong with them.
    pub fn apply_rule_settings(&mut self) -> Vec<String> {
        let (rules, problems) = RuleConfig::from_settings(self.config.settings());
        self.bump();
        guarded("set_config", || self.host.set_config(rules));
        problems
    }

    /// The analysis as it is now, without the open documents' texts.
    pub fn analysis(&self) -> Option<Analysis> {
        guarded("snapshot", || self.host.snapshot())
    }

    /// Everything a request needs, taken at once so texts and analysis agree.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let analysis = guarded("snapshot", || self.host.snapshot())?;
        // A file open under several spellings: the one whose text the host
        // holds speaks for it, and the others with that text share its results.
        let (primaries, others): (Vec<_>, Vec<_>) = self.documents.iter().partition(|document| {
            self.host_text_of
                .get(&document.path)
                .is_none_or(|uri| *uri == document.uri)
        });
        let mut open: HashMap<PathBuf, OpenDocument> = HashMap::new();
        for document in primaries.into_iter().chain(others) {
            match open.get_mut(&document.path) {
                Some(primary) if primary.rope == document.rope => primary.twins.push(Twin {
                    uri: document.uri.clone(),
                    version: document.version,
                    text_revision: document.text_revision,
                }),
                Some(_) => {}
                None => {
                    let entry = OpenDocument {
                        uri: document.uri.clone(),
                        version: document.version,
                        rope: document.rope.clone(),
                        text_revision: document.text_revision,
                        latest_request: document.publish.latest_request(),
                        spec_runs: self.spec_runs.diagnostics(&document.path),
                        app_ready: self.app_ready(&document.path),
                        twins: Vec::new(),
                    };
                    open.insert(document.path.clone(), entry);
                }
            }
        }
        Some(Snapshot::new(
            analysis,
            self.client,
            self.config.clone(),
            open,
        ))
    }

    /// A snapshot for a request about `uri`; `None` when the analysis does
    /// not know the document.
    pub fn document_snapshot(&self, uri: &Uri) -> Option<DocumentSnapshot> {
        self.snapshot()?.for_document(uri, self.document_path(uri))
    }

    /// The path of the document a request is about, open or not.
    pub fn document_path(&self, uri: &Uri) -> PathBuf {
        match self.documents.get(uri) {
            Some(document) => document.path.clone(),
            None => path_of(uri),
        }
    }

    pub fn open_paths(&self) -> Vec<PathBuf> {
        self.documents
            .iter()
            .map(|document| document.path.clone())
            .collect()
    }

    fn bump(&mut self) -> u64 {
        self.host_changes += 1;
        self.revision += 1;
        self.revision
    }
}

/// Replays one change on the host; `false` when the host would not take it.
fn apply_to_host(host: &mut AnalysisHost, path: &Path, change: ByteChange) -> bool {
    match change {
        ByteChange::Full(text) => {
            guarded("set_file", || host.set_file(path.to_path_buf(), text)).is_some()
        }
        ByteChange::Replace { start, end, text } => {
            let range = TextRange::new(to_size(start), to_size(end));
            match guarded("apply_edit", || host.apply_edit(path, range, &text)) {
                Some(Ok(())) => true,
                Some(Err(error)) => {
                    tracing::warn!("{}: {error}; reloading the whole text", path.display());
                    false
                }
                None => false,
            }
        }
    }
}

fn to_size(offset: usize) -> TextSize {
    TextSize::new(u32::try_from(offset).unwrap_or(u32::MAX))
}

/// Runs a host operation; a panic in the analysis is logged instead of
/// killing the server, and the caller decides how to recover.
fn guarded<T>(what: &str, operation: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(operation)) {
        Ok(value) => Some(value),
        Err(_) => {
            tracing::error!("analysis panicked in {what}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_the_text_the_host_has_changes_nothing() {
        let mut session = Session::default();
        let path = Path::new("/app/a.iml.json");
        let read = session.begin_disk_read();
        assert!(session.load_from_disk(path, "{}".to_owned(), read));
        let revision = session.revision;
        let read = session.begin_disk_read();
        assert!(!session.load_from_disk(path, "{}".to_owned(), read));
        assert_eq!(session.revision, revision);
        let read = session.begin_disk_read();
        assert!(session.load_from_disk(path, "{ }".to_owned(), read));
        assert!(session.revision > revision);
    }

    #[test]
    fn a_read_taken_after_a_later_one_changes_nothing() {
        let mut session = Session::default();
        let path = Path::new("/app/a.iml.json");
        let (earlier, later) = (session.begin_disk_read(), session.begin_disk_read());
        assert!(session.load_from_disk(path, "{\"v\": 2}".to_owned(), later));
        assert!(!session.load_from_disk(path, "{\"v\": 1}".to_owned(), earlier));
        assert!(!session.remove_from_disk(path, earlier));
        let analysis = session.analysis().unwrap();
        assert_eq!(analysis.file_text(path), Some("{\"v\": 2}"));

        // A removal is a read too: an earlier text does not bring the file back.
        let (earlier, later) = (session.begin_disk_read(), session.begin_disk_read());
        assert!(session.remove_from_disk(path, later));
        assert!(!session.load_from_disk(path, "{}".to_owned(), earlier));
        assert!(!session.analysis().unwrap().contains(path));
        // Other files keep their own order.
        let other = Path::new("/app/b.iml.json");
        assert!(session.load_from_disk(other, "{}".to_owned(), earlier));
    }

    #[test]
    fn the_disk_never_replaces_an_open_document() {
        let mut session = Session::default();
        let uri: Uri = "file:///app/a.iml.json".parse().unwrap();
        session.open(TextDocumentItem {
            uri,
            language_id: "imljson".to_owned(),
            version: 1,
            text: "{\"edited\": 1}".to_owned(),
        });
        let path = Path::new("/app/a.iml.json");
        let read = session.begin_disk_read();
        assert!(!session.load_from_disk(path, "{}".to_owned(), read));
        assert!(!session.remove_from_disk(path, read));
        let analysis = session.analysis().unwrap();
        assert_eq!(analysis.file_text(path), Some("{\"edited\": 1}"));
    }

    #[test]
    fn file_uris_map_to_paths_and_others_keep_their_text() {
        let file: Uri = "file:///app/a%20b.iml.json".parse().unwrap();
        assert_eq!(path_of(&file), PathBuf::from("/app/a b.iml.json"));
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(path_of(&untitled), PathBuf::from("untitled:Untitled-1"));
    }

    #[test]
    fn one_file_under_two_spellings_keeps_the_analysis_on_the_text_edited() {
        use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, TextDocumentItem};
        let mut session = Session::default();
        let open = |session: &mut Session, uri: &str| {
            session.open(TextDocumentItem {
                uri: uri.parse().unwrap(),
                language_id: "imljson".into(),
                version: 1,
                text: "{}".into(),
            })
        };
        let change = |session: &mut Session, uri: &str, text: &str| {
            session.change(DidChangeTextDocumentParams {
                text_document: VersionedTextDocumentIdentifier {
                    uri: uri.parse().unwrap(),
                    version: 2,
                },
                content_changes: vec![TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: text.into(),
                }],
            })
        };
        let (first, second) = ("file:///app/a.iml.json", "file:///app/./a.iml.json");
        let path = open(&mut session, first).path;
        let again = open(&mut session, second);
        assert_eq!(again.path, path);
        assert!(
            !again.content_changed,
            "the second spelling's text is the first's"
        );
        change(&mut session, second, "{\"b\": 1}");
        change(&mut session, first, "{\"a\": 1}");
        let analysis = session.analysis().unwrap();
        assert_eq!(analysis.file_text(&path), Some("{\"a\": 1}"));
        session.close(&first.parse().unwrap());
        let analysis = session.analysis().unwrap();
        assert_eq!(analysis.file_text(&path), Some("{\"b\": 1}"));
    }
}
