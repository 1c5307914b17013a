//! Rename: every occurrence of a key, RPC, module or custom function across
//! the app, with backticks added in IML where the new name needs them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use text_size::{TextRange, TextSize};

use super::names::{component_name_problem, iml_name, key_name_problem};
use super::resolve::{Entity, Form, Found, entity_at, manifest_member, occurrences};
use super::workspace_edit::{FileEdit, WorkspaceEdit};
use crate::diagnostics::TextEdit;
use crate::host::Analysis;
use crate::roles::ComponentKind;

impl Analysis {
    /// Whether the symbol at `offset` can be renamed, and the range of its name.
    pub fn prepare_rename(
        &self,
        path: &Path,
        offset: TextSize,
    ) -> Result<PrepareRename, RenameError> {
        prepare_rename(self, path, offset)
    }

    /// The edits that rename the symbol at `offset` to `new_name` everywhere.
    pub fn rename(
        &self,
        path: &Path,
        offset: TextSize,
        new_name: &str,
    ) -> Result<WorkspaceEdit, RenameError> {
        rename(self, path, offset, new_name)
    }
}

/// What a rename at a cursor would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepareRename {
    /// The name under the cursor (no quotes, no backticks).
    pub range: TextRange,
    /// The current name.
    pub placeholder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    #[error(
        "nothing to rename here: place the cursor on a parameter, a connection data, `temp` or \
         common data key, an `rpc://` reference, a module id or a custom function"
    )]
    NoSymbol,
    #[error("{0}")]
    InvalidName(String),
    #[error("{0}")]
    Unsupported(String),
}

const MAX_RPC_NAME: usize = 64;
const MAX_MODULE_NAME: usize = 64;
const MAX_FUNCTION_NAME: usize = 96;

fn found_at(analysis: &Analysis, file: &Path, offset: TextSize) -> Result<Found, RenameError> {
    let found = entity_at(analysis, file, offset).ok_or(RenameError::NoSymbol)?;
    let component = match &found.entity {
        Entity::Key { .. } => return Ok(found),
        Entity::Rpc(name) => (ComponentKind::Rpc, name, "RPC"),
        Entity::Module(name) => (ComponentKind::Module, name, "module"),
        Entity::Function(name) => (ComponentKind::Function, name, "function"),
    };
    let (kind, name, what) = component;
    if manifest_member(analysis, file, kind, name).is_none() {
        return Err(RenameError::Unsupported(format!(
            "the {what} `{name}` is not declared in `makecomapp.json`: its name comes from its \
             folder and file names, so rename those instead"
        )));
    }
    Ok(found)
}

pub(crate) fn prepare_rename(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
) -> Result<PrepareRename, RenameError> {
    let found = found_at(analysis, file, offset)?;
    Ok(PrepareRename {
        range: found.origin,
        placeholder: found.entity.name().to_owned(),
    })
}

pub(crate) fn rename(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
    new_name: &str,
) -> Result<WorkspaceEdit, RenameError> {
    let found = found_at(analysis, file, offset)?;
    let problem = match &found.entity {
        Entity::Key { .. } => key_name_problem(new_name),
        Entity::Rpc(_) => component_name_problem(new_name, "RPC", MAX_RPC_NAME),
        Entity::Module(_) => component_name_problem(new_name, "module", MAX_MODULE_NAME),
        Entity::Function(_) => component_name_problem(new_name, "function", MAX_FUNCTION_NAME),
    };
    if let Some(problem) = problem {
        return Err(RenameError::InvalidName(problem));
    }
    if let Entity::Module(old_name) = &found.entity
        && new_name != old_name
        && manifest_member(analysis, file, ComponentKind::Module, new_name).is_some()
    {
        return Err(RenameError::InvalidName(format!(
            "the app already has a module `{new_name}`; choose another id"
        )));
    }
    if let Entity::Function(_) = &found.entity
        && iml_catalogue::function(new_name).is_some()
    {
        return Err(RenameError::InvalidName(format!(
            "`{new_name}` is a built-in IML function; choose another name"
        )));
    }
    let mut by_file: BTreeMap<PathBuf, Vec<TextEdit>> = BTreeMap::new();
    for occurrence in occurrences(analysis, file, &found.entity) {
        let new_text = match occurrence.form {
            Form::JsonLiteral => format!("\"{new_name}\""),
            Form::ImlName => iml_name(new_name),
            Form::Raw => new_name.to_owned(),
        };
        by_file.entry(occurrence.file).or_default().push(TextEdit {
            range: occurrence.edit_range,
            new_text,
        });
    }
    let files = by_file
        .into_iter()
        .map(|(file, mut edits)| {
            edits.sort_by_key(|edit| (edit.range.start(), edit.range.end()));
            // Two occurrences never overlap; keep the first should a file hold the same range twice.
            edits.dedup_by(|next, previous| next.range.start() < previous.range.end());
            FileEdit { file, edits }
        })
        .collect();
    Ok(WorkspaceEdit { files })
}
