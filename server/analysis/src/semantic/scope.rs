//! App-level queries: which names an expression of a file can read below
//! `parameters`, `connection`, `common` and `data`.

use std::path::{Path, PathBuf};

use text_size::TextRange;

use super::facts::{ConnectionFacts, DeclaredParam, WrittenKey};
use super::lookup::facts;
use crate::app::{AppModel, Component};
use crate::host::Analysis;
use crate::roles::{ComponentKind, RoleKind};

/// Where a visible key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeySource {
    Parameter,
    ResponseData,
    Common,
}

/// One name readable below a root variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleKey {
    /// The name as read (`accessToken`; dotted for collection children).
    pub name: String,
    /// The file that declares or writes it.
    pub file: PathBuf,
    /// The declaring name or key literal in that file.
    pub range: TextRange,
    pub source: KeySource,
    /// The parameter, for keys that are parameters.
    pub param: Option<DeclaredParam>,
    /// The written key (its section, path and nested keys), for keys saved
    /// with `response.data`.
    pub written: Option<WrittenKey>,
}

/// The parameters a file reads as `parameters.*`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisibleParams {
    /// With the file each one is declared in, in file order.
    pub params: Vec<(PathBuf, DeclaredParam)>,
    /// Whether more parameters may exist than listed: an `rpc://` source, a
    /// parameter file the manifest names but the workspace lacks, or an RPC
    /// that also sees the calling module's parameters through an unknown one.
    pub open_ended: bool,
}

impl VisibleParams {
    /// Whether `name` is readable as `parameters.<name>`.
    pub fn has_top_level(&self, name: &str) -> bool {
        self.params.iter().any(|(_, p)| p.path == name)
    }
}

fn add_component_params(analysis: &Analysis, component: &Component, out: &mut VisibleParams) {
    if component
        .missing_files
        .iter()
        .any(|(role, _)| role.is_params())
    {
        out.open_ended = true;
    }
    for file in component.params_files() {
        let Some(facts) = facts(analysis, file) else {
            out.open_ended = true;
            continue;
        };
        let Some(params) = &facts.params else {
            continue;
        };
        out.open_ended |= params.open_ended;
        out.params.extend(
            params
                .params
                .iter()
                .map(|p| (file.to_path_buf(), p.clone())),
        );
    }
}

/// The parameters `file` reads as `parameters.*`: a connection's parameters
/// in its files, static plus mappable parameters in a module, the RPC's own
/// plus every module's (an RPC sees its caller's), a webhook's own.
///
/// `None` when that cannot be told: no component (Base, which runs with every
/// module's parameters), or a component without any known parameter file.
pub fn visible_parameters(analysis: &Analysis, file: &Path) -> Option<VisibleParams> {
    let (app, component) = analysis.component_of(file)?;
    let has_files = component.params_files().next().is_some()
        || component
            .missing_files
            .iter()
            .any(|(role, _)| role.is_params());
    if !has_files {
        return None;
    }
    let mut visible = VisibleParams::default();
    match component.kind {
        ComponentKind::Connection | ComponentKind::Module | ComponentKind::Webhook => {
            add_component_params(analysis, component, &mut visible);
        }
        ComponentKind::Rpc => {
            add_component_params(analysis, component, &mut visible);
            for module in app.components_of_kind(ComponentKind::Module) {
                add_component_params(analysis, module, &mut visible);
            }
        }
        ComponentKind::Function | ComponentKind::Endpoint => return None,
    }
    Some(visible)
}

/// What Base's `parameters.*` can be: Base runs inside every module, RPC and
/// webhook request, with the caller's parameters, so the union of theirs.
/// `None` when the app has no such component or one of them has parameters
/// that cannot be listed (no parameter file known, dynamic parameters): then
/// any name may be one.
pub fn base_parameters(analysis: &Analysis, file: &Path) -> Option<VisibleParams> {
    let app = analysis.app(file)?;
    let mut visible = VisibleParams::default();
    let mut callers = 0;
    for kind in [
        ComponentKind::Module,
        ComponentKind::Rpc,
        ComponentKind::Webhook,
    ] {
        for component in app.components_of_kind(kind) {
            callers += 1;
            add_component_params(analysis, component, &mut visible);
        }
    }
    (callers > 0 && !visible.open_ended).then_some(visible)
}

/// What `connection.*` holds for a file: the linked connection's parameters
/// plus every `response.data` key of its communication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionKeys {
    /// Ids of the connections considered (one, or every connection for Base).
    pub connections: Vec<String>,
    pub keys: Vec<VisibleKey>,
    /// Whether keys may exist that cannot be listed (dynamic parameters,
    /// `response.data` written by an expression, a missing file).
    pub open_ended: bool,
}

impl ConnectionKeys {
    pub fn has(&self, name: &str) -> bool {
        self.keys.iter().any(|key| key.name == name)
    }
}

/// The connections whose values `file` reads as `connection.*`: the linked
/// connection (and the alternative one) of a module, RPC or webhook; the
/// connection itself for its own files; every connection of the app for Base.
fn connections_for<'a>(
    analysis: &'a Analysis,
    file: &Path,
) -> Option<(&'a AppModel, Vec<&'a Component>)> {
    let app = analysis.app(file)?;
    if analysis.role(file).kind == RoleKind::Base {
        let all: Vec<&Component> = app.components_of_kind(ComponentKind::Connection).collect();
        return (!all.is_empty()).then_some((app, all));
    }
    let component = app.component_of(file)?;
    if component.kind == ComponentKind::Connection {
        return Some((app, vec![component]));
    }
    let mut found = Vec::new();
    for id in [&component.connection, &component.alt_connection]
        .into_iter()
        .flatten()
    {
        found.push(app.component(ComponentKind::Connection, id)?);
    }
    (!found.is_empty()).then_some((app, found))
}

/// `connection.*` for `file`; `None` when no connection is linked or known.
pub fn connection_keys(analysis: &Analysis, file: &Path) -> Option<ConnectionKeys> {
    let (_, connections) = connections_for(analysis, file)?;
    let mut out = ConnectionKeys::default();
    for connection in connections {
        out.connections.push(connection.id.clone());
        let mut params = VisibleParams::default();
        add_component_params(analysis, connection, &mut params);
        out.open_ended |= params.open_ended;
        out.keys
            .extend(params.params.into_iter().map(|(file, param)| VisibleKey {
                name: param.path.clone(),
                file,
                range: param.name_range.unwrap_or(param.range),
                source: KeySource::Parameter,
                param: Some(param),
                written: None,
            }));
        let Some(communication) = connection.communication() else {
            out.open_ended = true;
            continue;
        };
        let Some((_, data)) = data_facts(analysis, communication) else {
            out.open_ended = true;
            continue;
        };
        out.open_ended |= data.data_open;
        out.keys.extend(data.data_keys.iter().map(|key| VisibleKey {
            name: key.name.clone(),
            file: communication.to_path_buf(),
            range: key.range,
            source: KeySource::ResponseData,
            param: None,
            written: Some(key.clone()),
        }));
    }
    Some(out)
}

fn data_facts(analysis: &Analysis, communication: &Path) -> Option<(PathBuf, ConnectionFacts)> {
    let facts = facts(analysis, communication)?;
    Some((communication.to_path_buf(), facts.connection.clone()?))
}

/// The facts of the communication of the connection `file` belongs to (what
/// `data.*` reads inside the connection). `None` outside connections.
pub fn connection_data_keys(
    analysis: &Analysis,
    file: &Path,
) -> Option<(PathBuf, ConnectionFacts)> {
    let (_, component) = analysis.component_of(file)?;
    if component.kind != ComponentKind::Connection {
        return None;
    }
    data_facts(analysis, component.communication()?)
}

/// What `webhook.*` reads in `file` beyond `id` and `url`: the keys the
/// webhook's attach saved in `response.data`, with the attach file. The
/// webhook is the file's own (detach, update) or the one an instant trigger
/// module uses (its `expect` and `interface` see it, spec §6.2). `None`
/// elsewhere, or when the webhook has no attach.
pub fn webhook_data_keys(analysis: &Analysis, file: &Path) -> Option<(PathBuf, ConnectionFacts)> {
    let (app, component) = analysis.component_of(file)?;
    let webhook = match component.kind {
        ComponentKind::Webhook => component,
        ComponentKind::Module => {
            app.component(ComponentKind::Webhook, component.webhook.as_deref()?)?
        }
        _ => return None,
    };
    if webhook
        .files_with_role(RoleKind::Attach)
        .any(|attach| attach == file)
    {
        // Attach itself runs before anything is saved.
        return None;
    }
    let attach = webhook.files_with_role(RoleKind::Attach).next()?;
    let saved = facts(analysis, attach)?.attach_data.clone()?;
    Some((attach.to_path_buf(), saved))
}

/// The keys of `common.*` for `file`: the connection's common data inside a
/// connection, the app's common data elsewhere. `None` when that file is not
/// known.
pub fn common_keys(analysis: &Analysis, file: &Path) -> Option<(PathBuf, Vec<WrittenKey>)> {
    let app = analysis.app(file)?;
    let common = match app.component_of(file) {
        Some(component) if component.kind == ComponentKind::Connection => {
            component.files_with_role(RoleKind::Common).next()?
        }
        _ => app.common.as_deref()?,
    };
    let keys = facts(analysis, common)?.common_keys.clone()?;
    Some((common.to_path_buf(), keys))
}

/// The output fields of the component of `file` (what its interface files
/// declare), with the file each one is declared in.
pub fn interface_fields(analysis: &Analysis, file: &Path) -> Vec<(PathBuf, DeclaredParam)> {
    let Some((_, component)) = analysis.component_of(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for interface in component.files_with_role(RoleKind::Interface) {
        let Some(fields) = facts(analysis, interface).and_then(|f| f.interface.clone()) else {
            continue;
        };
        out.extend(
            fields
                .params
                .into_iter()
                .map(|field| (interface.to_path_buf(), field)),
        );
    }
    out
}

/// The keys of the samples of the component of `file`, with each samples file.
pub fn sample_keys(analysis: &Analysis, file: &Path) -> Vec<(PathBuf, Vec<WrittenKey>)> {
    let Some((_, component)) = analysis.component_of(file) else {
        return Vec::new();
    };
    component
        .files_with_role(RoleKind::Samples)
        .filter_map(|samples| {
            let keys = facts(analysis, samples)?.sample_keys.clone()?;
            Some((samples.to_path_buf(), keys))
        })
        .collect()
}
