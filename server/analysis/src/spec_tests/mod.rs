//! Spec-test files in the workspace: which component a test file tests
//! (the one whose communication sits beside it), what its flows can reach
//! and write, and on that the file's diagnostics (`T001`–`T005`) and
//! completion. Running a case is `iml_spectest`'s job; this module gives
//! it the component.

mod completion;
mod diagnostics;
mod reach;
mod run;

use std::path::Path;

use iml_spectest::{Spec, Subject, SubjectKind, TEST_SUFFIXES};

use crate::host::Analysis;
use crate::roles::{ComponentKind, ConnectionKind, RoleKind};

pub(crate) use completion::completions;
pub(crate) use diagnostics::file_diagnostics;
pub use run::{CaseRun, CaseStatus, SpecCase};

impl Analysis {
    /// The component the spec-test file `path` tests, ready to run: the one
    /// whose communication is in the test file's folder, and when several
    /// are, the one whose file names start like the test file's
    /// (`acme-oauth.tests.iml.json` tests
    /// `acme-oauth.oauth-communication.iml.json`).
    pub fn spec_test_subject(&self, path: &Path) -> Result<Subject, String> {
        let folder = path.parent().unwrap_or(Path::new(""));
        let stem = test_stem(path);
        let mut candidates = Vec::new();
        for app in self.apps_list() {
            for component in &app.components {
                if let Some(communication) = component.communication()
                    && communication.parent() == Some(folder)
                {
                    candidates.push((app, component, communication));
                }
            }
        }
        let chosen = match candidates.len() {
            0 => None,
            1 => candidates.pop(),
            _ => candidates.into_iter().find(|(_, _, file)| {
                file.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|name| name.starts_with(&format!("{stem}.")))
            }),
        };
        let Some((app, component, communication)) = chosen else {
            return Err(format!(
                "no component's communication file is in `{}`; a test file sits beside the component it tests",
                folder.display()
            ));
        };
        let kind = match component.kind {
            ComponentKind::Connection => match self.connection_kind(app, &component.id) {
                Some(ConnectionKind::OAuth2) => SubjectKind::OAuth2Connection,
                Some(ConnectionKind::OAuth1) => SubjectKind::OAuth1Connection,
                _ => SubjectKind::BasicConnection,
            },
            ComponentKind::Module => SubjectKind::Module(component.module_type),
            ComponentKind::Rpc => SubjectKind::Rpc,
            ComponentKind::Webhook => SubjectKind::Webhook,
            ComponentKind::Function | ComponentKind::Endpoint => SubjectKind::Other,
        };
        let spec_of = |path: &Path| -> Option<Spec> {
            let text = self.file_text(path)?;
            Some(Spec::new(path.to_path_buf(), text.to_owned()))
        };
        let json_of = |path: Option<&Path>| -> Option<serde_json::Value> {
            path.and_then(&spec_of).map(|spec| spec.json().clone())
        };
        let is_connection = component.kind == ComponentKind::Connection;
        let common = if is_connection {
            json_of(component.files_with_role(RoleKind::Common).next())
        } else {
            json_of(app.common.as_deref())
        };
        let communication = spec_of(communication)
            .ok_or_else(|| format!("`{}` could not be read", communication.display()))?;
        Ok(Subject {
            kind,
            label: format!("{} {}", component.kind.manifest_key(), component.id),
            communication,
            base: if is_connection {
                None
            } else {
                app.base.as_deref().and_then(spec_of)
            },
            common: common.unwrap_or_else(|| serde_json::Value::Object(Default::default())),
            default_scope: json_of(component.files_with_role(RoleKind::DefaultScope).next())
                .unwrap_or_else(|| serde_json::Value::Array(Vec::new())),
            attach: component
                .files_with_role(RoleKind::Attach)
                .next()
                .and_then(spec_of),
            detach: component
                .files_with_role(RoleKind::Detach)
                .next()
                .and_then(spec_of),
        })
    }
}

/// `acme-oauth` for `acme-oauth.tests.iml.json`.
fn test_stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let lower = name.to_ascii_lowercase();
    TEST_SUFFIXES
        .iter()
        .find(|suffix| lower.ends_with(*suffix))
        .map_or(name, |suffix| &name[..name.len() - suffix.len()])
        .to_owned()
}

#[cfg(test)]
mod tests;
