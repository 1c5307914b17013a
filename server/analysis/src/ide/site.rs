//! Everything the features need to know about one cursor position,
//! computed once per request from the snapshot.

use std::path::Path;

use iml_catalogue::{ExprContext, Place, Region};
use iml_jsonc::Value;
use text_size::TextSize;

use crate::Analysis;
use crate::roles::{ComponentKind, FileRole};

use super::context::{self, ObjectKind, Scope};
use super::cursor::{self, At, Located};

pub(crate) struct Site<'a> {
    pub(crate) analysis: &'a Analysis,
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    pub(crate) root: &'a Value,
    pub(crate) role: FileRole,
    pub(crate) place: Option<Place>,
    pub(crate) located: Located<'a>,
    /// The kind of each container of `located.chain`.
    pub(crate) kinds: Vec<ObjectKind>,
    pub(crate) scope: Scope,
    pub(crate) offset: TextSize,
}

impl<'a> Site<'a> {
    pub(crate) fn new(
        analysis: &'a Analysis,
        path: &'a Path,
        offset: TextSize,
    ) -> Option<Site<'a>> {
        let text = analysis.file_text(path)?;
        let root = analysis.root_value(path)?;
        let role = analysis.role(path);
        let place = context::place_of(analysis, path, &role);
        let located = cursor::locate(text, root, offset)?;
        let root_kind = context::root_kind(&role, place, root);
        let parameter_file = context::is_parameter_file(role.kind);
        let (kinds, scope) = context::classify(root_kind, place, parameter_file, &located.chain);
        Some(Site {
            analysis,
            path,
            text,
            root,
            role,
            place,
            located,
            kinds,
            scope,
            offset,
        })
    }

    pub(crate) fn kind(&self) -> ObjectKind {
        self.kinds.last().copied().unwrap_or(ObjectKind::Free)
    }

    pub(crate) fn container(&self) -> &'a Value {
        self.located
            .chain
            .last()
            .map_or(self.root, |(_, value)| *value)
    }

    /// The container holding the innermost one.
    pub(crate) fn parent(&self) -> Option<&'a Value> {
        let n = self.located.chain.len();
        (n >= 2).then(|| self.located.chain[n - 2].1)
    }

    pub(crate) fn at(&self) -> &At<'a> {
        &self.located.at
    }

    /// Whether parameters here belong to a connection (`editable` applies).
    pub(crate) fn is_connection_file(&self) -> bool {
        self.role
            .component
            .as_ref()
            .is_some_and(|c| c.kind == ComponentKind::Connection)
    }

    /// The expression context of a string value under `key` of the container.
    pub(crate) fn expr_context(&self, key: Option<&str>) -> Option<ExprContext> {
        let mut scope = self.scope;
        if self.kind() == ObjectKind::Response && key == Some("wrapper") {
            scope.region = Region::Wrapper;
        }
        if self.kind() == ObjectKind::Request && key == Some("pagination") {
            scope.region = Region::Pagination;
        }
        scope.expr_context()
    }

    pub(crate) fn app_root(&self) -> &'a Path {
        self.analysis
            .app(self.path)
            .map_or(Path::new("/"), |app| app.root.as_path())
    }
}
