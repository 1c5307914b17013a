//! Loading the workspace's app files after `initialized`, loading the app
//! of a document opened before that ends (and holding back requests about
//! that app until it is loaded), and asking the client to tell us when app
//! files, and the files manifests list under other names, change on disk.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use iml_analysis::app_files::MANIFEST_FILE_NAME;
use iml_analysis::{Analysis, AppLayout, RoleSource};

use tokio::sync::{Mutex, watch};
use tower_lsp_server::ls_types::{
    ClientCapabilities, DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    OneOf, Registration, RelativePattern, Unregistration, Uri,
};

use crate::progress::Progress;
use crate::server::ImlLanguageServer;
use crate::session::{DiskRead, Session, SharedSession};
use crate::workspace::{Roots, is_app_file, watch_globs};

/// Files read per blocking step; progress is reported between steps.
const BATCH: usize = 64;

/// An app is a few hundred files; a folder with more than this many is not
/// one app, and is left to indexing rather than read on `didOpen`.
const EAGER_LIMIT: usize = 2_000;

/// How long a request about a document waits for the eager load of its app.
/// Loading an app takes milliseconds; a slow disk or a huge folder must not
/// hold an answer back for long, so after this the request is answered from
/// what is loaded.
pub const EAGER_LOAD_WAIT: Duration = Duration::from_secs(2);

const METHOD_WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";

/// The registrations of the app-file globs, each `#<n>` after this.
const APP_FILE_WATCHERS: &str = "iml-ls/watched-files";

/// The registrations of the files manifests list under other names: ids of
/// their own, so that a manifest change replaces them and leaves the globs
/// alone.
const LISTED_FILE_WATCHERS: &str = "iml-ls/listed-files";

/// An app lists a few hundred files; a workspace listing more under other
/// names has the rest unwatched rather than flood the client.
const MAX_LISTED_WATCHERS: usize = 1_000;

/// One set of watchers the client holds. A replacement registers the new
/// set under a fresh id before it unregisters the old one: no event is
/// missed in between, and a client that refuses the new set keeps watching
/// with the old.
#[derive(Debug, Default)]
pub(crate) struct WatcherRegistration {
    /// The id the client accepted last and what it watches; `None` before
    /// the first registration and after the watchers were dropped.
    accepted: Option<(String, Vec<FileSystemWatcher>)>,
    /// Registrations asked for so far; numbers the ids, which must differ
    /// while the old and the new set are both registered.
    generation: u64,
}

impl WatcherRegistration {
    fn watchers(&self) -> Option<&Vec<FileSystemWatcher>> {
        self.accepted.as_ref().map(|(_, watchers)| watchers)
    }

    /// The id for the next registration under `base`.
    fn next_id(&mut self, base: &str) -> String {
        self.generation += 1;
        format!("{base}#{}", self.generation)
    }
}

/// The app-file watchers. They follow the workspace folders when the client
/// takes relative patterns, so a change of folders replaces them; the lock
/// makes replacements take turns, as for [`ListedWatchers`].
pub(crate) type AppWatchers = std::sync::Arc<Mutex<WatcherRegistration>>;

/// The watchers of the files manifests list under other names. A
/// replacement registers and then unregisters, so replacements take turns
/// (the async lock is held across both): two interleaved could each
/// unregister what the other just registered.
pub(crate) type ListedWatchers = std::sync::Arc<Mutex<WatcherRegistration>>;

/// The eager loads in progress, each by the paths it covers: the opened
/// document from the moment it is opened, its whole app once the root is
/// known. Requests about a covered path wait (see [`PendingLoads::covering`]);
/// notifications never look here.
#[derive(Default)]
pub struct PendingLoads {
    covered: Vec<(PathBuf, watch::Receiver<()>)>,
}

/// Held by an eager load while it runs. Dropping it, whether the load
/// finished, gave up or panicked, closes the channel, which is what wakes
/// the requests waiting for it; nothing is ever sent.
pub struct LoadInProgress(watch::Sender<()>);

/// The loads a request waits for.
pub struct PendingForRequest(Vec<watch::Receiver<()>>);

impl PendingLoads {
    /// Registers a load covering `scope`.
    pub fn begin(&mut self, scope: PathBuf) -> LoadInProgress {
        self.forget_finished();
        let (sender, receiver) = watch::channel(());
        self.covered.push((scope, receiver));
        LoadInProgress(sender)
    }

    /// Extends `load` to every path under `scope`.
    pub fn widen(&mut self, load: &LoadInProgress, scope: PathBuf) {
        self.covered.push((scope, load.0.subscribe()));
    }

    /// The unfinished loads covering `path`; `None` when there are none,
    /// so requests about other apps go ahead at once.
    pub fn covering(&mut self, path: &Path) -> Option<PendingForRequest> {
        self.forget_finished();
        let waiting: Vec<_> = self
            .covered
            .iter()
            .filter(|(scope, _)| path.starts_with(scope))
            .map(|(_, done)| done.clone())
            .collect();
        (!waiting.is_empty()).then_some(PendingForRequest(waiting))
    }

    fn forget_finished(&mut self) {
        // A closed channel is a finished load.
        self.covered.retain(|(_, done)| done.has_changed().is_ok());
    }
}

impl PendingForRequest {
    /// Waits until every load has finished, at most `bound`; `false` when
    /// the bound ran out first.
    pub async fn finish_within(mut self, bound: Duration) -> bool {
        let all_done = async {
            for done in &mut self.0 {
                // Only the sender's drop ends this; a value sent would not.
                while done.changed().await.is_ok() {}
            }
        };
        tokio::time::timeout(bound, all_done).await.is_ok()
    }
}

impl ImlLanguageServer {
    /// Asks the client to watch the app files of the workspace folders as
    /// they are now; replaces the watchers registered before when the
    /// folders changed them.
    pub(crate) async fn register_file_watchers(&self) {
        let app_watchers = {
            let session = self.session.lock();
            if !session.client.watched_files_registration {
                return;
            }
            session.app_watchers.clone()
        };
        let mut registered = app_watchers.lock().await;
        // Read under the lock: the last replacement sees the last folders.
        let watchers = {
            let session = self.session.lock();
            app_file_watchers(&session.roots, session.relative_watch_patterns)
        };
        if registered.watchers() == Some(&watchers) {
            return;
        }
        self.replace_watchers(APP_FILE_WATCHERS, &mut registered, watchers)
            .await;
    }

    /// Asks the client to watch the files manifests list under names the
    /// app-file globs miss (the readme, custom function code), present or
    /// not, so a creation, change or deletion on disk reaches the analysis
    /// while they are not open. Replaces the watchers registered before
    /// when the list changed.
    pub(crate) async fn watch_listed_files(&self) {
        if !self.session.lock().client.watched_files_registration {
            return;
        }
        let mut registered = self.listed_watchers.lock().await;
        let (analysis, relative) = {
            let session = self.session.lock();
            (session.analysis(), session.relative_watch_patterns)
        };
        let Some(analysis) = analysis else {
            return;
        };
        let watched = tokio::task::spawn_blocking(move || {
            let mut listed = listed_files(&analysis, None);
            listed.retain(|path, _| !is_app_file(path));
            listed
        })
        .await;
        let watchers = match watched {
            Ok(watched) => listed_watchers(&watched, relative),
            Err(error) => {
                tracing::error!("listing the files to watch failed: {error}");
                return;
            }
        };
        let unchanged = match registered.watchers() {
            Some(before) => *before == watchers,
            None => watchers.is_empty(),
        };
        if unchanged {
            return;
        }
        self.replace_watchers(LISTED_FILE_WATCHERS, &mut registered, watchers)
            .await;
    }

    /// Replaces the watchers registered under `base` (if any) with
    /// `watchers` (none when empty). The new set is registered under a
    /// fresh id first and the old one unregistered only once the client
    /// took it; a refused set leaves the old one in place.
    async fn replace_watchers(
        &self,
        base: &str,
        registered: &mut WatcherRegistration,
        watchers: Vec<FileSystemWatcher>,
    ) {
        let previous = if watchers.is_empty() {
            registered.accepted.take()
        } else {
            let id = registered.next_id(base);
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: watchers.clone(),
            };
            let registration = Registration {
                id: id.clone(),
                method: METHOD_WATCHED_FILES.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                let kept = registered.accepted.as_ref().map_or("none", |(id, _)| id);
                tracing::warn!("client refused the watchers {id} (keeping {kept}): {error}");
                return;
            }
            registered.accepted.replace((id, watchers))
        };
        let Some((id, _)) = previous else {
            return;
        };
        let unregistration = Unregistration {
            id: id.clone(),
            method: METHOD_WATCHED_FILES.to_owned(),
        };
        if let Err(error) = self
            .client
            .unregister_capability(vec![unregistration])
            .await
        {
            // Both sets watched: an event may come twice, which reloading
            // the same text again absorbs.
            tracing::warn!("client kept the old watchers {id}: {error}");
        }
    }

    /// After a manifest changed on disk: loads the files it now lists and
    /// watches them instead of the ones listed before. Before indexing ends
    /// there is nothing to do; indexing reads the manifests as they are then.
    pub(crate) async fn manifest_changed(&self) {
        if !self.session.lock().indexed {
            return;
        }
        let loaded = self.load_listed_files().await;
        if !loaded.is_empty() {
            self.publisher.schedule(loaded);
        }
        self.watch_listed_files().await;
    }

    pub(crate) async fn index_workspace(&self) {
        let roots = self.session.lock().roots.clone();
        if roots.is_empty() {
            return;
        }
        self.load_discovered("Indexing app files", move || roots.discover())
            .await;
        self.session.lock().indexed = true;
        // Open documents may depend on files that were not known before.
        let open = self.session.lock().open_paths();
        self.publisher.schedule(open);
        self.watch_listed_files().await;
    }

    /// Loads the app files of workspace folders added while the server
    /// runs, as indexing does for the first ones.
    pub(crate) async fn index_folders(&self, folders: Vec<PathBuf>) {
        let roots = self.session.lock().roots.clone();
        self.load_discovered("Indexing added folders", move || {
            roots.discover_under(&folders)
        })
        .await;
        // A server started without folders is indexed from now on, so a
        // manifest change loads the files it newly lists.
        self.session.lock().indexed = true;
    }

    /// Walks the disk with `discover` and loads what it finds, in batches,
    /// all off the serve task, with a progress report between batches.
    async fn load_discovered(
        &self,
        title: &str,
        discover: impl FnOnce() -> Vec<PathBuf> + Send + 'static,
    ) {
        let progress_supported = self.session.lock().client.work_done_progress;
        let progress = Progress::begin(&self.client, progress_supported, title).await;
        let paths = match tokio::task::spawn_blocking(discover).await {
            Ok(paths) => paths,
            Err(error) => {
                tracing::error!("walking the workspace failed: {error}");
                progress.finish("failed".to_owned()).await;
                return;
            }
        };
        let total = paths.len();
        let mut loaded = 0;
        for (index, batch) in paths.chunks(BATCH).enumerate() {
            let batch = batch.to_vec();
            let session = self.session.clone();
            match tokio::task::spawn_blocking(move || load_batch(&session, batch)).await {
                Ok(count) => loaded += count,
                Err(error) => tracing::error!("loading app files failed: {error}"),
            }
            progress
                .report(((index + 1) * BATCH).min(total), total)
                .await;
        }
        loaded += self.load_listed_files().await.len();
        tracing::info!("indexed {loaded} of {total} app files");
        progress.finish(format!("{loaded} app files")).await;
    }

    /// After a workspace folder was removed: drops the files no remaining
    /// folder holds, in batches off the serve task. Open documents stay
    /// with the editor's text. Returns the files dropped.
    pub(crate) async fn drop_files_outside_folders(&self) -> Vec<PathBuf> {
        let session = self.session.clone();
        let dropped = tokio::task::spawn_blocking(move || {
            let (analysis, roots) = {
                let session = session.lock();
                (session.analysis(), session.roots.clone())
            };
            let Some(analysis) = analysis else {
                return Vec::new();
            };
            let outside = files_outside(&analysis, &roots);
            // A snapshot held while removing would make the first removal
            // of each batch copy the whole file map.
            drop(analysis);
            outside
                .chunks(BATCH)
                .flat_map(|batch| drop_unheld(&session, batch))
                .collect()
        })
        .await;
        dropped.unwrap_or_else(|error| {
            tracing::error!("dropping the files of removed folders failed: {error}");
            Vec::new()
        })
    }
}

/// The files the analysis holds that no workspace folder holds.
fn files_outside(analysis: &Analysis, roots: &Roots) -> Vec<PathBuf> {
    analysis
        .files()
        .into_iter()
        .filter(|path| !roots.holds(path))
        .map(Path::to_path_buf)
        .collect()
}

/// Drops the files of `batch` that the folders do not hold now (a folder
/// added again since they were listed keeps them) and that are not open.
fn drop_unheld(session: &SharedSession, batch: &[PathBuf]) -> Vec<PathBuf> {
    let mut session = session.lock();
    let read = session.begin_disk_read();
    batch
        .iter()
        .filter(|path| !session.roots.holds(path) && session.remove_from_disk(path, read))
        .cloned()
        .collect()
}

impl ImlLanguageServer {
    /// Files `makecomapp.json` lists that discovery does not load by name
    /// (the readme, custom function code): without them the analysis would
    /// report them missing (X001) although they exist. Returns the files
    /// the analysis took.
    async fn load_listed_files(&self) -> Vec<PathBuf> {
        let Some(snapshot) = self.session.lock().snapshot() else {
            return Vec::new();
        };
        let session = self.session.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            let listed = listed_but_unloaded(&snapshot.analysis, None);
            load_batch_returning(&session, listed)
        })
        .await;
        loaded.unwrap_or_else(|error| {
            tracing::error!("loading listed files failed: {error}");
            Vec::new()
        })
    }

    /// Loads the app of a document opened before indexing loaded it, off
    /// the serve task, so features that read the app's other files (the
    /// params behind `parameters.`, the connection behind `connection.`, a
    /// definition in another file) answer from the start; then publishes
    /// diagnostics again for the app's open documents.
    ///
    /// The load is registered before this returns, that is before the
    /// client's next message is looked at, so a request sent right after
    /// `didOpen` waits for it.
    pub(crate) fn load_app_of(&self, opened: PathBuf) {
        let in_progress = {
            let mut session = self.session.lock();
            if session.indexed {
                return;
            }
            session.pending_loads.begin(opened.clone())
        };
        let session = self.session.clone();
        let publisher = self.publisher.clone();
        tokio::spawn(async move {
            let task_session = session.clone();
            let loaded = tokio::task::spawn_blocking(move || {
                if let Some(delay) = test_delay() {
                    std::thread::sleep(delay);
                }
                let root = load_app_eagerly(&task_session, &opened, &in_progress);
                drop(in_progress);
                root
            })
            .await;
            match loaded {
                Ok(Some(root)) => {
                    let open = session.lock().open_paths();
                    let in_app = open.into_iter().filter(|path| path.starts_with(&root));
                    publisher.schedule(in_app.collect());
                }
                Ok(None) => {}
                Err(error) => tracing::error!("loading the app of an open file failed: {error}"),
            }
        });
    }
}

/// Test hook: `IML_LS_TEST_EAGER_LOAD_DELAY_MS=<n>` holds every eager load
/// back by that long before it reads a file, so end-to-end tests can check
/// that a request sent right after `didOpen` waits for the load, and no
/// longer than [`EAGER_LOAD_WAIT`], without depending on how fast the disk is.
const EAGER_LOAD_DELAY: &str = "IML_LS_TEST_EAGER_LOAD_DELAY_MS";

fn test_delay() -> Option<Duration> {
    static DELAY: OnceLock<Option<Duration>> = OnceLock::new();
    *DELAY.get_or_init(|| {
        let millis = std::env::var(EAGER_LOAD_DELAY).ok()?.parse().ok()?;
        Some(Duration::from_millis(millis))
    })
}

/// Reads and loads the app `opened` belongs to, unless indexing finished or
/// another document of the app did it first; returns the app root it loaded.
/// Once the root is known, `load` covers the whole app.
fn load_app_eagerly(
    session: &SharedSession,
    opened: &Path,
    load: &LoadInProgress,
) -> Option<PathBuf> {
    let (roots, analysis) = {
        let session = session.lock();
        (session.roots.clone(), session.analysis()?)
    };
    let root = app_root(&roots, &analysis, opened)?;
    {
        // Under one lock: whoever finds the app claimed finds it covered.
        let mut session = session.lock();
        if !session.claim_eager_load(&root) {
            return None;
        }
        session.pending_loads.widen(load, root.clone());
    }
    let files = roots.discover_in(&root, EAGER_LIMIT)?;
    let loaded = load_batch(session, files);
    let analysis = session.lock().analysis()?;
    let listed = load_batch(session, listed_but_unloaded(&analysis, Some(&root)));
    tracing::info!(
        "loaded {} files of {} ahead of indexing",
        loaded + listed,
        root.display()
    );
    Some(root)
}

/// The root of the app holding `path`, found as the analysis finds it: the
/// nearest folder above with `makecomapp.json` (looked for on disk, since
/// the manifest may not be loaded yet), else the export root the analysis
/// derives from the path. Only folders inside the workspace folder that
/// holds `path` are candidates.
fn app_root(roots: &Roots, analysis: &Analysis, path: &Path) -> Option<PathBuf> {
    let folder = roots.folder_of(path)?;
    let with_manifest = path
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(folder))
        .find(|dir| dir.join(MANIFEST_FILE_NAME).is_file());
    if let Some(root) = with_manifest {
        return Some(root.to_path_buf());
    }
    let root = &analysis.app(path)?.root;
    Some(if root.starts_with(folder) {
        root.clone()
    } else {
        folder.to_path_buf()
    })
}

/// Files the manifests list that the analysis does not hold although they
/// are on disk (discovery does not load them by name), of every app or of
/// the apps under `within`.
fn listed_but_unloaded(analysis: &Analysis, within: Option<&Path>) -> Vec<PathBuf> {
    // Reading checks again that each stays inside a workspace folder.
    listed_files(analysis, within)
        .into_keys()
        .filter(|path| !analysis.contains(path) && path.is_file())
        .collect()
}

/// Whether a manifest lists `path` (as a code file or a general file),
/// whatever its name, and whether it exists or not.
pub(crate) fn is_listed(analysis: &Analysis, path: &Path) -> bool {
    analysis.role(path).source == RoleSource::Manifest
}

/// Every file the manifests list inside their app roots, present or
/// missing, of every app or of the apps under `within`, each with the root
/// of the app that lists it.
fn listed_files(analysis: &Analysis, within: Option<&Path>) -> BTreeMap<PathBuf, PathBuf> {
    let mut listed = BTreeMap::new();
    for app in analysis.apps_list() {
        if app.layout != AppLayout::LocalDevelopment
            || within.is_some_and(|within| !app.root.starts_with(within))
        {
            continue;
        }
        // The readme and other general files under other names; the ones
        // on disk, and the missing ones, so that creating one is noticed.
        let missing_general = app
            .missing_general_files
            .iter()
            .map(|(_, path)| lexically_normal(path));
        let general = app
            .files
            .iter()
            .filter(|path| is_listed(analysis, path))
            .cloned()
            .chain(missing_general);
        // Component code files (custom function code, …), the missing too;
        // a component's files found by their names alone are not listed.
        let components = app.components.iter().flat_map(|component| {
            let present = component
                .files
                .iter()
                .map(|(_, path)| path)
                .filter(|path| is_listed(analysis, path));
            let missing = component.missing_files.iter().map(|(_, path)| path);
            present.chain(missing).map(|path| lexically_normal(path))
        });
        listed.extend(
            general
                .chain(components)
                .filter(|path| path.starts_with(&app.root))
                .map(|path| (path, app.root.clone())),
        );
    }
    listed
}

/// Whether the client takes watchers relative to a folder
/// (`RelativePattern`, LSP 3.17).
pub(crate) fn relative_patterns_supported(capabilities: &ClientCapabilities) -> bool {
    capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.relative_pattern_support)
        .unwrap_or(false)
}

fn string_watcher(glob: String) -> FileSystemWatcher {
    FileSystemWatcher {
        glob_pattern: GlobPattern::String(glob),
        kind: None,
    }
}

fn relative_watcher(base: Uri, pattern: String) -> FileSystemWatcher {
    FileSystemWatcher {
        glob_pattern: GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base),
            pattern,
        }),
        kind: None,
    }
}

/// The app-file globs. A client that takes relative patterns gets them once
/// per workspace folder and watches only there; any other client gets the
/// plain `**/` globs, which it matches against every path it sees.
fn app_file_watchers(roots: &Roots, relative: bool) -> Vec<FileSystemWatcher> {
    let globs = watch_globs();
    let bases: Vec<Uri> = if relative {
        roots
            .outermost_folders()
            .into_iter()
            .filter_map(Uri::from_file_path)
            .collect()
    } else {
        Vec::new()
    };
    if bases.is_empty() {
        // Without a folder to be relative to, the plain globs still serve
        // the files opened from anywhere.
        return globs.into_iter().map(string_watcher).collect();
    }
    bases
        .iter()
        .flat_map(|base| {
            globs
                .iter()
                .map(|glob| relative_watcher(base.clone(), glob.clone()))
        })
        .collect()
}

/// One watcher per listed file, at most [`MAX_LISTED_WATCHERS`]. Relative to
/// the root of the app that lists it where the client takes that: the root
/// exists (its manifest is there) while the folder of a missing file may
/// not, and the pattern reads as the manifest writes the path. Otherwise an
/// absolute glob, which every client that registers watchers takes.
fn listed_watchers(listed: &BTreeMap<PathBuf, PathBuf>, relative: bool) -> Vec<FileSystemWatcher> {
    if listed.len() > MAX_LISTED_WATCHERS {
        tracing::warn!(
            "manifests list {} files under other names; watching the first {MAX_LISTED_WATCHERS}",
            listed.len()
        );
    }
    listed
        .iter()
        .filter_map(|(path, root)| {
            let relative_to_root = relative
                .then(|| {
                    let base = Uri::from_file_path(root)?;
                    let pattern = literal_glob(path.strip_prefix(root).ok()?)?;
                    Some(relative_watcher(base, pattern))
                })
                .flatten();
            relative_to_root.or_else(|| literal_glob(path).map(string_watcher))
        })
        .take(MAX_LISTED_WATCHERS)
        .collect()
}

/// A glob pattern matching `path`. LSP glob patterns have no escape, so a
/// character with a meaning in them becomes `?`, which matches it too (and
/// lets a few look-alike names through, which the handler ignores unless a
/// manifest lists them). Globs separate with `/` on every system.
fn literal_glob(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let glob = text
        .chars()
        .map(|c| match c {
            '*' | '?' | '[' | ']' | '{' | '}' => '?',
            '\\' if cfg!(windows) => '/',
            other => other,
        })
        .collect();
    Some(glob)
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads a batch without the lock, then loads it under the lock. Returns
/// how many of the files the analysis now holds as they are on disk (open
/// documents keep the editor's text and are not counted).
fn load_batch(session: &SharedSession, paths: Vec<PathBuf>) -> usize {
    load_batch_returning(session, paths).len()
}

/// [`load_batch`], returning the files it loaded.
fn load_batch_returning(session: &SharedSession, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    take_texts(session, read_texts(session, paths))
}

/// Texts read from disk without the lock, and when the reading began.
struct ReadBatch {
    read: DiskRead,
    texts: Vec<(PathBuf, String)>,
}

fn read_texts(session: &SharedSession, paths: Vec<PathBuf>) -> ReadBatch {
    let (roots, read) = {
        let mut session = session.lock();
        (session.roots.clone(), session.begin_disk_read())
    };
    let texts = paths
        .into_iter()
        .filter_map(|path| match roots.read(&path) {
            Ok(text) => Some((path, text)),
            Err(reason) => {
                tracing::warn!("{}: not loaded ({reason:?})", path.display());
                None
            }
        })
        .collect();
    ReadBatch { read, texts }
}

/// Loads texts read without the lock; returns the files whose text changed.
/// A file read again since the batch began (a watcher event) keeps that
/// newer text.
fn take_texts(session: &SharedSession, batch: ReadBatch) -> Vec<PathBuf> {
    let mut session = session.lock();
    let mut loaded = Vec::new();
    for (path, text) in batch.texts {
        // A folder removed while the batch was read takes its files along.
        if session.roots.holds(&path) && session.load_from_disk(&path, text, batch.read) {
            loaded.push(path);
        }
    }
    loaded
}

/// Drops the files the client reported deleted; returns those dropped.
pub(crate) fn forget_deleted(session: &mut Session, deleted: Vec<PathBuf>) -> Vec<PathBuf> {
    // The event is news of the disk as it is now: a read that began
    // before it does not bring the files back.
    let read = session.begin_disk_read();
    deleted
        .into_iter()
        .filter(|path| session.remove_from_disk(path, read))
        .collect()
}

/// Reads `paths` without the lock and takes what was read under it (see
/// `sync_from_disk`); returns the files that changed.
pub(crate) fn reload_from_disk(session: &SharedSession, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let (roots, analysis, read) = {
        let mut session = session.lock();
        let read = session.begin_disk_read();
        (session.roots.clone(), session.analysis(), read)
    };
    let wanted = |path: &Path| {
        is_app_file(path)
            || analysis
                .as_ref()
                .is_some_and(|analysis| is_listed(analysis, path))
    };
    let texts: Vec<_> = paths
        .into_iter()
        .map(|path| {
            let text = if wanted(&path) {
                roots.read(&path).ok()
            } else {
                None
            };
            (path, text)
        })
        .collect();
    // A snapshot held while loading would make the first change copy the
    // whole file map.
    drop(analysis);
    let mut session = session.lock();
    texts
        .into_iter()
        .filter_map(|(path, text)| {
            let changed = match text {
                // Its folder was removed while the file was read.
                Some(_) if !session.roots.holds(&path) => false,
                Some(text) => session.load_from_disk(&path, text, read),
                None => session.remove_from_disk(&path, read),
            };
            changed.then_some(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use tower_lsp_server::ls_types::{TextDocumentItem, Uri};

    use super::*;

    const MANIFEST: &str = r#"{
        "fileVersion": 1,
        "generalCodeFiles": { "readme": "README.md" },
        "components": { "module": { "listTasks": {
            "label": "List Tasks", "moduleType": "search",
            "codeFiles": {
                "communication": "modules/list/list.communication.iml.json",
                "staticParams": "modules/list/list.static-params.iml.json"
            }
        } } }
    }"#;
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
        assert_eq!(load_eagerly(&session, &outside), None);
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

    /// An app listing a readme, a present and a missing function code file.
    fn app_with_code_files() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "makecomapp.json",
            r#"{
                "fileVersion": 1,
                "generalCodeFiles": { "readme": "README.md" },
                "components": { "function": {
                    "hash": { "codeFiles": { "code": "functions/hash/hash.code.js" } },
                    "sign": { "codeFiles": { "code": "functions/sign/sign.code.js" } }
                } }
            }"#,
        );
        write(dir.path(), "README.md", "# Acme");
        write(
            dir.path(),
            "functions/hash/hash.code.js",
            "function hash() {}",
        );
        write(dir.path(), "notes.md", "not listed");
        dir
    }

    fn indexed(dir: &Path) -> SharedSession {
        let session = session_in(dir);
        let roots = session.lock().roots.clone();
        load_batch(&session, roots.discover());
        let analysis = session.lock().analysis().unwrap();
        load_batch(&session, listed_but_unloaded(&analysis, None));
        session
    }

    #[test]
    fn listed_files_under_other_names_are_watched_loaded_or_missing() {
        let dir = app_with_code_files();
        let session = indexed(dir.path());
        let analysis = session.lock().analysis().unwrap();
        assert!(analysis.contains(&dir.path().join("README.md")));
        assert!(analysis.contains(&dir.path().join("functions/hash/hash.code.js")));

        let root = dir.path().display();
        assert_eq!(
            plain_globs(&listed_watchers(&watched_listed(&session), false)),
            [
                format!("{root}/README.md"),
                format!("{root}/functions/hash/hash.code.js"),
                // Watched so that creating it clears X001.
                format!("{root}/functions/sign/sign.code.js"),
            ]
        );
        assert!(listed_but_unloaded(&analysis, None).is_empty());
    }

    /// What `watch_listed_files` watches: the listed files the app-file
    /// globs miss.
    fn watched_listed(session: &SharedSession) -> BTreeMap<PathBuf, PathBuf> {
        let analysis = session.lock().analysis().unwrap();
        let mut listed = listed_files(&analysis, None);
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
                format!("{root}/functions/hash/hash.code.js"),
                format!("{root}/functions/sign/sign.code.js"),
            ]
        );
        // A `Created` event for it is loaded, since the manifest lists it.
        assert!(is_listed(&analysis, &readme));
        write(dir.path(), "README.md", "# Acme");
        assert_eq!(listed_but_unloaded(&analysis, None), [readme]);
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
                (root.clone(), "functions/hash/hash.code.js".to_owned()),
                (root, "functions/sign/sign.code.js".to_owned()),
            ]
        );
    }

    #[test]
    fn only_files_a_manifest_lists_count_as_listed() {
        let dir = app_with_code_files();
        let session = indexed(dir.path());
        let analysis = session.lock().analysis().unwrap();
        for listed in ["README.md", "functions/sign/sign.code.js"] {
            assert!(is_listed(&analysis, &dir.path().join(listed)), "{listed}");
        }
        for other in ["notes.md", "functions/sign/other.js", "../README.md"] {
            let path = lexically_normal(&dir.path().join(other));
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
    fn manifest_paths_are_normalised_without_the_disk() {
        assert_eq!(
            lexically_normal(Path::new("/app/./functions/../general/readme.md")),
            PathBuf::from("/app/general/readme.md")
        );
    }
}
