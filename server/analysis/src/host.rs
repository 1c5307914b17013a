//! The workspace and its snapshots: `AnalysisHost` owns every known file and
//! applies changes; `Analysis` is the cheap, immutable view every query reads,
//! with each file's role and the app model built on first use.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use iml_jsonc::{JsonDocument, Value};
use text_size::TextRange;

use crate::app::{AppModel, AppSource, Apps, Component};
use crate::app_files;
use crate::config::{self, RuleConfig};
use crate::file_data::{FileContent, FileData};
use crate::manifest::Manifest;
use crate::metadata::ComponentMetadata;
use crate::paths::{dir_name, file_name};
use crate::roles::{
    ComponentKind, ConnectionKind, FileRole, LayoutLookup, RoleKind, RoleSource,
    connection_kind_from_content, resolve_role,
};

type FileMap = HashMap<Arc<Path>, Arc<FileData>>;

/// The mutable side: owns every known file of the workspace (open documents
/// override the disk) and applies changes. Cheap to snapshot.
#[derive(Default)]
pub struct AnalysisHost {
    files: Arc<FileMap>,
    apps: Arc<OnceLock<Apps>>,
    /// Rule levels from the editor settings (`iml-ls.toml` files add to them).
    config: Arc<RuleConfig>,
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("unknown file {0}")]
    UnknownFile(PathBuf),
    #[error("edit range {0:?} is outside the document or not on a character boundary")]
    BadRange(TextRange),
}

/// Files whose content shapes the roles of the files around them.
fn is_layout_file(path: &Path) -> bool {
    app_files::is_layout_file_name(file_name(path))
}

/// Whether two versions of a layout file (`makecomapp.json` or a metadata
/// file) say the same about the app: the same components with the same code
/// files, connections and types. Roles and the app model are built from
/// exactly that.
fn same_layout(path: &Path, before: &FileContent, after: &FileContent) -> bool {
    let dir = path.parent().unwrap_or(Path::new(""));
    if file_name(path) == app_files::MANIFEST_FILE_NAME {
        before.manifest(dir).declares_same_app(after.manifest(dir))
    } else {
        before.metadata() == after.metadata()
    }
}

/// Whether a role was decided (or could be decided) by the file's own content,
/// which makes the app model depend on that content.
fn role_depends_on_content(role: &FileRole) -> bool {
    role.source == RoleSource::Content
        || (role.kind == RoleKind::Communication && role.component.is_none())
}

impl AnalysisHost {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file (full parse). A file that already has this
    /// text is left as it is, with its parse, role and the app model, and
    /// `false` is returned.
    pub fn set_file(&mut self, path: PathBuf, text: String) -> bool {
        if self
            .files
            .get(path.as_path())
            .is_some_and(|data| data.content.text() == text)
        {
            return false;
        }
        let content = Arc::new(FileContent::new(&path, text));
        let layout = is_layout_file(&path);
        let files = Arc::make_mut(&mut self.files);
        let data = match files.get(path.as_path()) {
            // A whole-text replacement of a known file still shares most strings.
            Some(previous) => previous.next_version(content),
            None => FileData::new(content),
        };
        files.insert(Arc::from(path.as_path()), Arc::new(data));
        if layout {
            self.forget_roles_under(&path);
        }
        self.apps = Arc::default();
        true
    }

    /// Applies one edit to a known file; reparses incrementally.
    pub fn apply_edit(
        &mut self,
        path: &Path,
        range: TextRange,
        replacement: &str,
    ) -> Result<(), EditError> {
        let files = Arc::make_mut(&mut self.files);
        let Some(data) = files.get_mut(path) else {
            return Err(EditError::UnknownFile(path.to_path_buf()));
        };
        let text_len = data.content.text().len();
        let (start, end) = (usize::from(range.start()), usize::from(range.end()));
        let text = data.content.text();
        if start > end
            || end > text_len
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return Err(EditError::BadRange(range));
        }
        let app_may_change = data.role.get().is_none_or(role_depends_on_content);
        let old_role = data.role.get().cloned();
        let layout = is_layout_file(path);
        // Kept to compare what the layout says before and after the edit;
        // holding it also makes the edit build the new version beside it.
        let previous = layout.then(|| Arc::clone(&data.content));
        let unshared = Arc::get_mut(data).and_then(|data| Arc::get_mut(&mut data.content));
        let content = match unshared {
            // Nobody else holds this version: edit the tree in place (incremental reparse).
            Some(content) => {
                content.apply_edit(range, replacement);
                Arc::clone(&data.content)
            }
            // A snapshot still reads the old version: build the new one beside it.
            None => Arc::new(data.content.edited(range, replacement)),
        };
        *data = Arc::new(data.next_version(Arc::clone(&content)));
        if layout {
            // Most keystrokes in a manifest (a label, a description) leave the
            // files it lists and the components it declares as they were:
            // then every role and the app model stand, and a keystroke in a
            // manifest of thousands of modules costs what it changes.
            let same = previous.is_some_and(|previous| same_layout(path, &previous, &content));
            if !same {
                self.forget_roles_under(path);
                self.apps = Arc::default();
            }
        } else if app_may_change && !self.role_unchanged(path, old_role.as_ref()) {
            self.apps = Arc::default();
        }
        Ok(())
    }

    pub fn remove_file(&mut self, path: &Path) {
        if !self.files.contains_key(path) {
            return;
        }
        Arc::make_mut(&mut self.files).remove(path);
        if is_layout_file(path) {
            self.forget_roles_under(path);
        }
        self.apps = Arc::default();
    }

    /// Whether the file at `path` (just edited) still has the role it had:
    /// the app model is built from roles and layout files alone, so a
    /// keystroke that leaves the role as it was keeps the app model.
    fn role_unchanged(&self, path: &Path, old_role: Option<&FileRole>) -> bool {
        let Some(old_role) = old_role else {
            return false;
        };
        // Roles resolve from layout files and content only, never from the
        // app model, so the current snapshot can decide the new one.
        self.snapshot().cached_role(path) == Some(old_role)
    }

    /// A layout file changed: every role below its folder may change.
    fn forget_roles_under(&mut self, layout_file: &Path) {
        let Some(dir) = layout_file.parent() else {
            return;
        };
        let files = Arc::make_mut(&mut self.files);
        for (path, data) in files.iter_mut() {
            if path.starts_with(dir) && data.role.get().is_some() {
                *data = Arc::new(data.with_fresh_role());
            }
        }
    }

    /// Rule levels from the editor settings; each app's `iml-ls.toml` still
    /// overrides them for its files.
    pub fn set_config(&mut self, config: RuleConfig) {
        self.config = Arc::new(config);
    }

    /// A host that starts where `snapshot` stands: edits to it build new
    /// versions beside the snapshot's files, which stay as they are.
    pub(crate) fn from_snapshot(snapshot: &Analysis) -> Self {
        Self {
            files: Arc::clone(&snapshot.files),
            apps: Arc::clone(&snapshot.apps),
            config: Arc::clone(&snapshot.config),
        }
    }

    /// An immutable view of the current state, safe to move to another thread.
    pub fn snapshot(&self) -> Analysis {
        Analysis {
            files: Arc::clone(&self.files),
            apps: Arc::clone(&self.apps),
            config: Arc::clone(&self.config),
        }
    }
}

/// The read side: an immutable snapshot that features query.
#[derive(Clone)]
pub struct Analysis {
    files: Arc<FileMap>,
    apps: Arc<OnceLock<Apps>>,
    config: Arc<RuleConfig>,
}

impl Analysis {
    pub(crate) fn data(&self, path: &Path) -> Option<&FileData> {
        self.files.get(path).map(|data| &**data)
    }

    /// The shared version of a file; the semantic cache keys on its identity.
    pub(crate) fn file_data_arc(&self, path: &Path) -> Option<&Arc<FileData>> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// Every known file, sorted.
    pub fn files(&self) -> Vec<&Path> {
        let mut files: Vec<&Path> = self.files.keys().map(|path| &**path).collect();
        files.sort();
        files
    }

    pub fn file_text(&self, path: &Path) -> Option<&str> {
        self.data(path).map(|data| data.content.text())
    }

    /// The JSONC document of a JSON file (`None` for other files).
    pub fn document(&self, path: &Path) -> Option<&JsonDocument> {
        self.data(path)?.content.document()
    }

    /// The value model of a JSON file's top-level value.
    pub fn root_value(&self, path: &Path) -> Option<&Value> {
        self.data(path)?.content.root()
    }

    /// The file's role; a file the snapshot does not hold is judged by its path alone.
    ///
    /// For a connection's other files (parameters, scopes, common data) the
    /// connection kind is the connection's, told by its communication's keys.
    pub fn role(&self, path: &Path) -> FileRole {
        let mut role = match self.cached_role(path) {
            Some(role) => role.clone(),
            None => resolve_role(path, self),
        };
        if role.kind != RoleKind::Communication
            && let Some(component) = &role.component
            && component.kind == ComponentKind::Connection
            && let Some(app) = self.app(path)
            && let Some(kind) = self.connection_kind(app, &component.id)
        {
            role.connection_kind = Some(kind);
        }
        role
    }

    fn cached_role(&self, path: &Path) -> Option<&FileRole> {
        let data = self.data(path)?;
        Some(data.role.get_or_init(|| resolve_role(path, self)))
    }

    /// Files whose diagnostics may change when `path` changes (besides `path`):
    /// the other files of its app.
    pub fn dependents(&self, path: &Path) -> Vec<PathBuf> {
        // A configuration file affects every file below its folder.
        if config::is_config_file(path) {
            let dir = path.parent().unwrap_or(Path::new(""));
            return self
                .files()
                .into_iter()
                .filter(|file| file.starts_with(dir) && *file != path)
                .map(Path::to_path_buf)
                .collect();
        }
        let apps = self.apps();
        let app = apps.app_of(path).or_else(|| {
            // A removed or new file: the app whose root holds it.
            apps.apps
                .iter()
                .filter(|app| path.starts_with(&app.root))
                .max_by_key(|app| app.root.as_os_str().len())
        });
        app.map(|app| {
            app.files
                .iter()
                .filter(|file| file.as_path() != path)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
    }

    /// The rule configuration for `path`: the editor settings, then the
    /// nearest `iml-ls.toml` above it that the snapshot holds.
    pub fn rule_config(&self, path: &Path) -> RuleConfig {
        let file = path
            .ancestors()
            .skip(1)
            .map(|dir| dir.join(config::CONFIG_FILE_NAME))
            .find_map(|candidate| self.file_text(&candidate));
        match file {
            Some(text) => self.config.merged(&RuleConfig::from_toml(text).0),
            None => (*self.config).clone(),
        }
    }

    fn apps(&self) -> &Apps {
        self.apps.get_or_init(|| Apps::build(self))
    }

    /// Whether the app model is built. Until it is, the first question
    /// about any file builds it for the whole workspace.
    pub fn apps_ready(&self) -> bool {
        self.apps.get().is_some()
    }

    /// Every app of the workspace, sorted by root.
    pub fn apps_list(&self) -> &[AppModel] {
        &self.apps().apps
    }

    /// The app a file belongs to.
    pub fn app(&self, path: &Path) -> Option<&AppModel> {
        self.apps().app_of(path)
    }

    /// The component a file belongs to, with its app.
    pub fn component_of(&self, path: &Path) -> Option<(&AppModel, &Component)> {
        let app = self.app(path)?;
        Some((app, app.component_of(path)?))
    }

    /// The parameter files of the component `path` belongs to.
    pub fn params_files(&self, path: &Path) -> Vec<&Path> {
        self.component_of(path)
            .map(|(_, component)| component.params_files().collect())
            .unwrap_or_default()
    }

    /// The connection a module, RPC or webhook file's component uses.
    pub fn linked_connection(&self, path: &Path) -> Option<&Component> {
        let (app, component) = self.component_of(path)?;
        app.connection_of(component)
    }

    /// The communication file of that connection.
    pub fn linked_connection_communication(&self, path: &Path) -> Option<&Path> {
        self.linked_connection(path)?.communication()
    }

    /// A connection's flavour: its communication's keys, else its declared type.
    pub fn connection_kind(&self, app: &AppModel, connection_id: &str) -> Option<ConnectionKind> {
        let connection = app.component(ComponentKind::Connection, connection_id)?;
        let declared = connection
            .declared_connection_type
            .as_deref()
            .and_then(crate::metadata::declared_connection_kind);
        let communication = connection.communication();
        let from_content = communication
            .and_then(|path| self.root_value(path))
            .and_then(connection_kind_from_content);
        match (from_content, declared) {
            (Some(ConnectionKind::Basic), Some(declared)) if declared != ConnectionKind::Basic => {
                Some(declared)
            }
            (Some(found), _) => Some(found),
            (None, declared) => declared,
        }
    }

    /// RPC names of the app `path` belongs to.
    pub fn rpc_names(&self, path: &Path) -> Vec<&str> {
        self.app(path).map(AppModel::rpc_names).unwrap_or_default()
    }

    /// Custom IML function names of the app `path` belongs to.
    pub fn custom_function_names(&self, path: &Path) -> Vec<&str> {
        self.app(path)
            .map(AppModel::function_names)
            .unwrap_or_default()
    }

    /// The app's Base file, for the app `path` belongs to.
    pub fn base_file(&self, path: &Path) -> Option<&Path> {
        self.app(path)?.base.as_deref()
    }
}

impl LayoutLookup for Analysis {
    fn manifest_in(&self, dir: &Path) -> Option<&Manifest> {
        let data = self.data(&dir.join(app_files::MANIFEST_FILE_NAME))?;
        Some(data.content.manifest(dir))
    }

    fn metadata_in(&self, dir: &Path) -> Option<&ComponentMetadata> {
        app_files::metadata_file_names(dir_name(dir))
            .iter()
            .find_map(|name| self.data(&dir.join(name.as_ref())))
            .map(|data| data.content.metadata())
    }

    fn content(&self, path: &Path) -> Option<&Value> {
        self.root_value(path)
    }
}

impl AppSource for Analysis {
    fn roles(&self) -> Vec<(&Path, &FileRole)> {
        self.files()
            .into_iter()
            .filter_map(|path| Some((path, self.cached_role(path)?)))
            .collect()
    }

    fn manifest_in(&self, dir: &Path) -> Option<&Manifest> {
        LayoutLookup::manifest_in(self, dir)
    }

    fn metadata_in(&self, dir: &Path) -> Option<&ComponentMetadata> {
        LayoutLookup::metadata_in(self, dir)
    }

    fn contains(&self, path: &Path) -> bool {
        Analysis::contains(self, path)
    }
}
