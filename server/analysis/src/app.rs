//! The app model: which files make up which component of which app, and the
//! links between components (module → connection, instant trigger → webhook).
//! Built from roles and manifests only, so an ordinary edit never rebuilds it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::manifest::{CodePath, Manifest};
use crate::metadata::ComponentMetadata;
use crate::paths::{ancestor_dirs, dir_name};
use crate::roles::{
    ComponentKind, FileRole, ModuleType, RoleKind, WebhookType, component_kind_of_folder,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppLayout {
    /// A folder with `makecomapp.json` (local development).
    LocalDevelopment,
    /// No manifest: the export / online layout or a home-grown one.
    Export,
}

/// A `codeFiles` path that leaves the app root; recorded, never read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsidePath {
    /// `None` for `generalCodeFiles`.
    pub component: Option<(ComponentKind, String)>,
    pub role: RoleKind,
    pub written: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub kind: ComponentKind,
    pub id: String,
    pub label: Option<String>,
    pub module_type: Option<ModuleType>,
    pub webhook_type: Option<WebhookType>,
    /// The connection's declared type (`basic`, `oauth`, …) as written.
    pub declared_connection_type: Option<String>,
    /// Id of the connection a module, RPC or webhook uses.
    pub connection: Option<String>,
    pub alt_connection: Option<String>,
    /// Id of the webhook an instant trigger uses.
    pub webhook: Option<String>,
    /// Known files of the component with their roles, sorted by path.
    pub files: Vec<(RoleKind, PathBuf)>,
    /// Files the manifest declares but the workspace does not hold.
    pub missing_files: Vec<(RoleKind, PathBuf)>,
}

impl Component {
    fn new(kind: ComponentKind, id: String) -> Component {
        Component {
            kind,
            id,
            label: None,
            module_type: None,
            webhook_type: None,
            declared_connection_type: None,
            connection: None,
            alt_connection: None,
            webhook: None,
            files: Vec::new(),
            missing_files: Vec::new(),
        }
    }

    /// The component's files of one role.
    pub fn files_with_role(&self, role: RoleKind) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(move |(kind, _)| *kind == role)
            .map(|(_, path)| path.as_path())
    }

    pub fn communication(&self) -> Option<&Path> {
        self.files_with_role(RoleKind::Communication).next()
    }

    /// Every parameter file: parameters, static and mappable parameters, endpoint input.
    pub fn params_files(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(|(kind, _)| kind.is_params())
            .map(|(_, path)| path.as_path())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppModel {
    /// The folder of `makecomapp.json`, or the export root.
    pub root: PathBuf,
    pub layout: AppLayout,
    pub base: Option<PathBuf>,
    pub common: Option<PathBuf>,
    pub groups: Option<PathBuf>,
    pub readme: Option<PathBuf>,
    /// Sorted by kind, then id.
    pub components: Vec<Component>,
    pub outside_paths: Vec<OutsidePath>,
    /// Every known file of the app with a role, sorted.
    pub files: Vec<PathBuf>,
    /// General files (readme, base, …) the manifest lists but the workspace
    /// does not hold, in manifest order.
    pub missing_general_files: Vec<(RoleKind, PathBuf)>,
    /// Index into `components` of the first component holding each file:
    /// rules ask this for every file, so a scan would make an app's
    /// analysis quadratic in its modules.
    component_by_file: HashMap<PathBuf, usize>,
}

impl AppModel {
    pub fn component(&self, kind: ComponentKind, id: &str) -> Option<&Component> {
        // `components` is sorted by kind, then id.
        let index = self
            .components
            .binary_search_by(|component| (component.kind, component.id.as_str()).cmp(&(kind, id)))
            .ok()?;
        Some(&self.components[index])
    }

    pub fn component_of(&self, path: &Path) -> Option<&Component> {
        let &index = self.component_by_file.get(path)?;
        Some(&self.components[index])
    }

    pub fn components_of_kind(&self, kind: ComponentKind) -> impl Iterator<Item = &Component> {
        self.components
            .iter()
            .filter(move |component| component.kind == kind)
    }

    /// The connection a module, RPC or webhook uses (its `connection`).
    pub fn connection_of(&self, component: &Component) -> Option<&Component> {
        self.component(ComponentKind::Connection, component.connection.as_deref()?)
    }

    /// The webhook an instant trigger uses.
    pub fn webhook_of(&self, component: &Component) -> Option<&Component> {
        self.component(ComponentKind::Webhook, component.webhook.as_deref()?)
    }

    /// RPC names, for `rpc://` completion and checks.
    pub fn rpc_names(&self) -> Vec<&str> {
        self.components_of_kind(ComponentKind::Rpc)
            .map(|rpc| rpc.id.as_str())
            .collect()
    }

    /// Custom IML function names (manifest `function` components and `functions/` folders).
    pub fn function_names(&self) -> Vec<&str> {
        self.components_of_kind(ComponentKind::Function)
            .map(|f| f.id.as_str())
            .collect()
    }
}

/// Every app of a snapshot.
#[derive(Debug, Default)]
pub(crate) struct Apps {
    pub(crate) apps: Vec<AppModel>,
    by_file: HashMap<PathBuf, usize>,
}

/// What the builder needs from the snapshot.
pub(crate) trait AppSource {
    /// Every known file with its role, sorted by path.
    fn roles(&self) -> Vec<(&Path, &FileRole)>;
    fn manifest_in(&self, dir: &Path) -> Option<&Manifest>;
    fn metadata_in(&self, dir: &Path) -> Option<&ComponentMetadata>;
    fn contains(&self, path: &Path) -> bool;
}

impl Apps {
    pub(crate) fn app_of(&self, path: &Path) -> Option<&AppModel> {
        self.by_file.get(path).map(|&index| &self.apps[index])
    }

    pub(crate) fn build(source: &impl AppSource) -> Apps {
        let roles = source.roles();
        let mut builders: BTreeMap<PathBuf, Builder> = BTreeMap::new();
        for (path, role) in &roles {
            if role.kind == RoleKind::Manifest
                && let Some(dir) = path.parent()
                && let Some(manifest) = source.manifest_in(dir)
            {
                let builder = builders
                    .entry(dir.to_path_buf())
                    .or_insert_with(|| Builder::new(dir));
                builder.app.layout = AppLayout::LocalDevelopment;
                builder.add_manifest(manifest, source);
            }
        }
        for (path, role) in &roles {
            if !role.is_known() {
                continue;
            }
            let root = ancestor_dirs(path)
                .find(|dir| source.manifest_in(dir).is_some())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| export_root(path));
            let builder = builders
                .entry(root.clone())
                .or_insert_with(|| Builder::new(&root));
            builder.add_file(path, role, source);
        }
        let mut apps = Apps::default();
        for (_, builder) in builders {
            let app = builder.finish();
            let index = apps.apps.len();
            for file in &app.files {
                apps.by_file.insert(file.clone(), index);
            }
            apps.apps.push(app);
        }
        apps
    }
}

/// The root of an app without a manifest: the folder holding the component
/// folders (`modules/`, `connections/`, …), or the file's own folder.
fn export_root(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new(""));
    for dir in ancestor_dirs(path).take(3) {
        if component_kind_of_folder(dir_name(dir)).is_some() {
            return dir.parent().unwrap_or(dir).to_path_buf();
        }
    }
    parent.to_path_buf()
}

struct Builder {
    app: AppModel,
    components: BTreeMap<(ComponentKind, String), Component>,
}

impl Builder {
    fn new(root: &Path) -> Builder {
        Builder {
            app: AppModel {
                root: root.to_path_buf(),
                layout: AppLayout::Export,
                base: None,
                common: None,
                groups: None,
                readme: None,
                components: Vec::new(),
                outside_paths: Vec::new(),
                files: Vec::new(),
                missing_general_files: Vec::new(),
                component_by_file: HashMap::new(),
            },
            components: BTreeMap::new(),
        }
    }

    fn add_manifest(&mut self, manifest: &Manifest, source: &impl AppSource) {
        for (code, path) in manifest.general_files() {
            match path {
                CodePath::Inside(path) if !source.contains(path) => {
                    self.app
                        .missing_general_files
                        .push((code.role(None), path.clone()));
                }
                CodePath::Inside(_) => {}
                CodePath::Outside(written) => self.app.outside_paths.push(OutsidePath {
                    component: None,
                    role: code.role(None),
                    written: written.clone(),
                }),
            }
        }
        for declared in &manifest.components {
            let component = self.component(declared.kind, &declared.id);
            component.label = declared.label.clone();
            component.module_type = declared.module_type;
            component.webhook_type = declared.webhook_type;
            component.declared_connection_type = declared.connection_type.clone();
            component.connection = declared.connection.clone();
            component.alt_connection = declared.alt_connection.clone();
            component.webhook = declared.webhook.clone();
            let mut outside = Vec::new();
            for (code, path) in declared.code_files() {
                let role = code.role(Some(declared.kind));
                match path {
                    CodePath::Inside(path) if !source.contains(path) => {
                        component.missing_files.push((role, path.clone()));
                    }
                    CodePath::Inside(_) => {}
                    CodePath::Outside(written) => outside.push(OutsidePath {
                        component: Some((declared.kind, declared.id.clone())),
                        role,
                        written: written.clone(),
                    }),
                }
            }
            self.app.outside_paths.extend(outside);
        }
    }

    fn component(&mut self, kind: ComponentKind, id: &str) -> &mut Component {
        self.components
            .entry((kind, id.to_owned()))
            .or_insert_with(|| Component::new(kind, id.to_owned()))
    }

    fn add_file(&mut self, path: &Path, role: &FileRole, source: &impl AppSource) {
        self.app.files.push(path.to_path_buf());
        let Some(component_ref) = &role.component else {
            let slot = match role.kind {
                RoleKind::Base => &mut self.app.base,
                RoleKind::Common => &mut self.app.common,
                RoleKind::Groups => &mut self.app.groups,
                RoleKind::Readme => &mut self.app.readme,
                _ => return,
            };
            slot.get_or_insert_with(|| path.to_path_buf());
            return;
        };
        let from_manifest = self.app.layout == AppLayout::LocalDevelopment
            && self
                .components
                .contains_key(&(component_ref.kind, component_ref.id.clone()));
        let metadata = path
            .parent()
            .and_then(|dir| source.metadata_in(dir))
            .cloned();
        let component = self.component(component_ref.kind, &component_ref.id);
        if role.kind != RoleKind::ExportMetadata {
            component.files.push((role.kind, path.to_path_buf()));
        }
        if !from_manifest {
            component.module_type = component.module_type.or(component_ref.module_type);
            component.webhook_type = component.webhook_type.or(component_ref.webhook_type);
            if let Some(metadata) = metadata {
                component.label = component.label.take().or(metadata.label);
                component.connection = component.connection.take().or(metadata.connection);
                component.webhook = component.webhook.take().or(metadata.webhook);
                if component.kind == ComponentKind::Connection {
                    component.declared_connection_type = component
                        .declared_connection_type
                        .take()
                        .or(metadata.type_name);
                }
            }
        }
    }

    fn finish(mut self) -> AppModel {
        let mut components: Vec<Component> = self.components.into_values().collect();
        for (index, component) in components.iter_mut().enumerate() {
            component.files.sort_by(|a, b| a.1.cmp(&b.1));
            for (_, file) in &component.files {
                self.app
                    .component_by_file
                    .entry(file.clone())
                    .or_insert(index);
            }
        }
        self.app.components = components;
        self.app.files.sort();
        self.app.files.dedup();
        self.app
    }
}
