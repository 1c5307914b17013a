//! Loading the app of a document opened before indexing ends, so features
//! that read the app's other files answer from the start, and holding back
//! requests about that app until it is loaded.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use iml_analysis::Analysis;
use iml_analysis::app_files::MANIFEST_FILE_NAME;
use iml_loader::{AppsOf, listed_unloaded};

use crate::server::Server;
use crate::session::SharedSession;
use crate::workspace::Roots;

use super::disk::load_batch;
use super::pending::LoadInProgress;

/// An app is a few hundred files; a folder with more than this many is not
/// one app, and is left to indexing rather than read on `didOpen`.
const EAGER_LIMIT: usize = 2_000;

/// Loads the app of a document opened before indexing loaded it, off
/// the serve task, so features that read the app's other files (the
/// params behind `parameters.`, the connection behind `connection.`, a
/// definition in another file) answer from the start; then publishes
/// diagnostics again for the app's open documents.
///
/// The load is registered before this returns, that is before the
/// client's next message is looked at, so a request sent right after
/// `didOpen` waits for it.
pub(crate) fn load_app_of(server: &Server, opened: PathBuf) {
    let in_progress = {
        let mut session = server.session.lock();
        if session.indexed {
            return;
        }
        session.pending_loads.begin(opened.clone())
    };
    let session = server.session.clone();
    let publisher = server.publisher.clone();
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
                let in_app = {
                    let mut session = session.lock();
                    session.loaded_ahead(root.clone());
                    let open = session.open_paths();
                    open.into_iter().filter(|path| path.starts_with(&root))
                };
                publisher.schedule(in_app.collect());
            }
            Ok(None) => {}
            Err(error) => tracing::error!("loading the app of an open file failed: {error}"),
        }
    });
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
/// another document of the app did it first; returns the app root it loaded,
/// or `opened` itself when it belongs to no app within the workspace folders
/// (indexing would add nothing it reads). Once the root is known, `load`
/// covers the whole app.
pub(super) fn load_app_eagerly(
    session: &SharedSession,
    opened: &Path,
    load: &LoadInProgress,
) -> Option<PathBuf> {
    let (roots, analysis) = {
        let session = session.lock();
        (session.roots.clone(), session.analysis()?)
    };
    let Some(root) = app_root(&roots, &analysis, opened) else {
        return Some(opened.to_path_buf());
    };
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
    let listed = load_batch(session, listed_unloaded(&analysis, AppsOf::Under(&root)));
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
pub(super) fn app_root(roots: &Roots, analysis: &Analysis, path: &Path) -> Option<PathBuf> {
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
