//! One cursor position as the features see it: the semantic model's cursor
//! context plus the kind of each object around it.

use std::path::Path;

use iml_catalogue::{ExprContext, Place};
use iml_jsonc::Value;

use crate::host::Analysis;
use crate::roles::{ComponentKind, FileRole, ModuleType};
use crate::semantic::{CursorContext, context_for, position_at};

use super::objects::{ObjectKind, classify};

pub(crate) struct Site<'a> {
    pub(crate) analysis: &'a Analysis,
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    pub(crate) cursor: CursorContext<'a>,
    /// The kind of each of `cursor.containers()`.
    kinds: Vec<ObjectKind>,
    role: FileRole,
}

impl<'a> Site<'a> {
    pub(crate) fn new(
        analysis: &'a Analysis,
        path: &'a Path,
        offset: text_size::TextSize,
    ) -> Option<Site<'a>> {
        let text = analysis.file_text(path)?;
        let mut cursor = position_at(analysis, path, offset)?;
        let role = analysis.role(path);
        if cursor.context.place.is_none()
            && let Some(assumed) = assume_action_module(&role)
            && let Some(root) = analysis.root_value(path)
        {
            cursor.context = context_for(&assumed, None, root, &cursor.path, cursor.context.is_key);
        }
        let kinds = classify(&cursor.context, cursor.containers(), cursor.path.segments());
        Some(Site {
            analysis,
            path,
            text,
            cursor,
            kinds,
            role,
        })
    }

    /// The place whose keys and variables apply.
    pub(crate) fn place(&self) -> Option<Place> {
        self.cursor.context.place
    }

    /// The expression context of an IML expression at the cursor.
    pub(crate) fn expr(&self) -> Option<ExprContext> {
        self.cursor.context.expr
    }

    /// The kind of the innermost object or array holding the cursor.
    pub(crate) fn kind(&self) -> ObjectKind {
        self.kinds.last().copied().unwrap_or(ObjectKind::Free)
    }

    /// The innermost object or array holding the cursor.
    pub(crate) fn container(&self) -> Option<&'a Value> {
        self.cursor.container()
    }

    /// The container holding the innermost one.
    pub(crate) fn parent(&self) -> Option<&'a Value> {
        let containers = self.cursor.containers();
        containers.len().checked_sub(2).map(|i| containers[i])
    }

    /// Whether parameters here belong to a connection (`editable` applies).
    pub(crate) fn is_connection_file(&self) -> bool {
        self.role
            .component
            .as_ref()
            .is_some_and(|c| c.kind == ComponentKind::Connection)
    }

    pub(crate) fn app_root(&self) -> &'a Path {
        self.analysis
            .app(self.path)
            .map_or(Path::new("/"), |app| app.root.as_path())
    }
}

/// A module whose type is not known yet is written like an action: its
/// keys and variables are offered rather than none.
fn assume_action_module(role: &FileRole) -> Option<FileRole> {
    let component = role.component.as_ref()?;
    if component.kind != ComponentKind::Module || component.module_type.is_some() {
        return None;
    }
    let mut assumed = role.clone();
    if let Some(component) = assumed.component.as_mut() {
        component.module_type = Some(ModuleType::Action);
    }
    Some(assumed)
}
