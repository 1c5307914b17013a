//! The `review` profile's rules (`V…`): Make's app-review guidelines checked
//! on the spec files. They always run; the rule configuration drops them
//! unless the profile is on (see `config.rs` and the catalogue's `review.rs`).

mod base;
mod communication;
mod manifest;
mod params;
mod text;

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::host::Analysis;
use crate::roles::{ComponentKind, RoleKind};
use crate::rules::context::Ctx;

pub(crate) fn file_diagnostics(analysis: &Analysis, path: &Path) -> Vec<Diagnostic> {
    let (Some(text), Some(root)) = (analysis.file_text(path), analysis.root_value(path)) else {
        return Vec::new();
    };
    let role = analysis.role(path);
    let kind = role.kind;
    let component = role.component.as_ref().map(|c| c.kind);
    let mut ctx = Ctx::new(analysis, path, text, role);
    match (kind, component) {
        (RoleKind::Manifest, _) => manifest::check(&mut ctx, root),
        (RoleKind::Base, _) => base::check(&mut ctx, root),
        (RoleKind::Communication, Some(ComponentKind::Connection)) => {
            communication::check_connection(&mut ctx, root)
        }
        (RoleKind::Communication, None) if ctx.role.connection_kind.is_some() => {
            communication::check_connection(&mut ctx, root)
        }
        (RoleKind::Communication, Some(ComponentKind::Module)) => {
            communication::check_module(&mut ctx, root)
        }
        (RoleKind::Communication, Some(ComponentKind::Rpc)) => {
            communication::check_rpc(&mut ctx, root)
        }
        (RoleKind::Params | RoleKind::StaticParams | RoleKind::MappableParams, _) => {
            params::check(&mut ctx, root)
        }
        _ => {}
    }
    ctx.out
}
