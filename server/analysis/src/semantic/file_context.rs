//! The context of a JSON path in a file of the snapshot: the file's role and,
//! for a connection's files, the flavour the app model gives the connection
//! decide the place the path is read in.

use std::path::Path;

use super::context::{SiteContext, context_for};
use super::path::JsonPath;
use crate::host::Analysis;
use crate::roles::{ComponentKind, ConnectionKind, FileRole};

/// The context of `path` in file `file` of the snapshot.
pub fn context_at_path(
    analysis: &Analysis,
    file: &Path,
    path: &JsonPath,
    is_key: bool,
) -> SiteContext {
    let role = analysis.role(file);
    let connection_kind = connection_kind_of(analysis, file, &role);
    match analysis.root_value(file) {
        Some(root) => context_for(&role, connection_kind, root, path, is_key),
        None => SiteContext::unplaced(role.kind, is_key),
    }
}

/// The app model's flavour for a connection file, when the file belongs to one.
pub(crate) fn connection_kind_of(
    analysis: &Analysis,
    file: &Path,
    role: &FileRole,
) -> Option<ConnectionKind> {
    let component = role.component.as_ref()?;
    if component.kind != ComponentKind::Connection {
        return None;
    }
    let app = analysis.app(file)?;
    analysis.connection_kind(app, &component.id)
}
