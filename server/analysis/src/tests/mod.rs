//! Fixture-driven tests of roles, the host and the app model.

mod app;
mod example_app;
mod host;
mod roles;

use std::path::{Path, PathBuf};

use iml_fixture::Fixture;

use crate::host::AnalysisHost;
use crate::roles::FileRole;

/// Loads every file of a fixture into a fresh host.
pub(crate) fn host_from(fixture: &str) -> (AnalysisHost, Fixture) {
    let fixture = Fixture::parse(fixture, "/main.iml.json");
    let mut host = AnalysisHost::new();
    for file in &fixture.files {
        host.set_file(PathBuf::from(&file.path), file.text.clone());
    }
    (host, fixture)
}

pub(crate) fn show_role(path: &Path, role: &FileRole) -> String {
    let mut line = format!("{} => {}", path.display(), role.kind.code());
    if let crate::roles::RoleKind::Unknown(reason) = role.kind {
        line.push_str(&format!(" ({reason:?})"));
    }
    if let Some(component) = &role.component {
        line.push_str(&format!(" [{:?} {}", component.kind, component.id));
        if let Some(module_type) = component.module_type {
            line.push_str(&format!(" {}", module_type.name()));
        }
        if let Some(webhook_type) = component.webhook_type {
            line.push_str(&format!(" {webhook_type:?}"));
        }
        line.push(']');
    }
    if let Some(kind) = role.connection_kind {
        line.push_str(&format!(" {kind:?}"));
    }
    line.push_str(&format!(" via {:?}", role.source));
    line
}
