//! Make's rules as diagnostics (spec §12): closed key sets, value checks,
//! the OAuth flow, sanitisation, parameters, module groups and the links
//! between files.
//! The IML and variable rules live in `semantic`.
//!
//! Every rule reads the snapshot only, so a file's diagnostics are a
//! function of the snapshot and republishing the host's `dependents` is
//! enough to keep cross-file results consistent.

mod connection;
pub(crate) mod context;
mod endpoints;
pub(crate) mod fixes;
mod groups;
mod iml_refs;
mod keys;
mod manifest;
mod oauth_flow;
mod parameters;
mod places;
mod request;
mod response;
pub(crate) mod sanitize;
mod scopes;
mod suggest;
mod value_types;
mod webhooks;

#[cfg(test)]
mod tests;

use std::path::Path;

use iml_catalogue::PlaceSet;

use crate::diagnostics::Diagnostic;
use crate::host::Analysis;
use crate::roles::{ComponentKind, RoleKind};
use context::Ctx;

/// The diagnostics of Make's rules for one file (besides JSONC syntax and IML).
pub(crate) fn file_diagnostics(analysis: &Analysis, path: &Path) -> Vec<Diagnostic> {
    let (Some(text), Some(root)) = (analysis.file_text(path), analysis.root_value(path)) else {
        return Vec::new();
    };
    let role = analysis.role(path);
    let kind = role.kind;
    let mut ctx = Ctx::new(analysis, path, text, role);
    manifest::check_registered(&mut ctx, root);
    match kind {
        RoleKind::Communication => communication(&mut ctx, root),
        RoleKind::Base => {
            request::check_communication(&mut ctx, root, PlaceSet::BASE);
            // Base's headers reach every module's request, and its logs
            // every module's: the first case Make's sanitization page names.
            if matches!(root.kind, iml_jsonc::ValueKind::Object(_)) {
                sanitize::check_secrets_sanitized(&mut ctx, root, "C013");
            }
        }
        RoleKind::Epoch => request::check_communication(&mut ctx, root, PlaceSet::EPOCH),
        RoleKind::Attach => {
            request::check_communication(&mut ctx, root, iml_catalogue::Place::WebhookAttach.set())
        }
        RoleKind::Detach => {
            request::check_communication(&mut ctx, root, iml_catalogue::Place::WebhookDetach.set())
        }
        RoleKind::Update => {
            request::check_communication(&mut ctx, root, iml_catalogue::Place::WebhookUpdate.set())
        }
        RoleKind::Params
        | RoleKind::StaticParams
        | RoleKind::MappableParams
        | RoleKind::InputParams
        | RoleKind::OutputParams
        | RoleKind::Interface => parameters::check(&mut ctx, root),
        RoleKind::DefaultScope => scopes::check_default_scope(&mut ctx, root),
        RoleKind::ScopeList => scopes::check_scope_list(&mut ctx, root),
        RoleKind::Scope => scopes::check_module_scope(&mut ctx, root),
        RoleKind::Manifest => manifest::check(&mut ctx, root),
        RoleKind::Groups => groups::check(&mut ctx, root),
        _ => {}
    }
    ctx.out
}

fn communication(ctx: &mut Ctx, root: &iml_jsonc::Value) {
    let component_kind = ctx.role.component.as_ref().map(|c| c.kind);
    match component_kind {
        Some(ComponentKind::Connection) => connection::check(ctx, root),
        Some(ComponentKind::Module) => {
            let places = places::module_places(ctx);
            request::check_communication(ctx, root, places);
            if places
                == iml_catalogue::Place::Module(iml_catalogue::ModuleType::InstantTrigger).set()
                && matches!(&root.kind, iml_jsonc::ValueKind::Array(requests) if requests.len() > 1)
            {
                ctx.emit("R032", ctx.opening(root), "an instant trigger makes a single request per webhook item (Make's docs allow no more); merge these requests into one");
            }
        }
        Some(ComponentKind::Rpc) => request::check_communication(ctx, root, PlaceSet::RPC),
        // Validated like an RPC's request, plus what only Endpoints forbid.
        Some(ComponentKind::Endpoint) => {
            request::check_communication(ctx, root, PlaceSet::RPC);
            endpoints::check_communication(ctx, root);
        }
        Some(ComponentKind::Webhook) => {
            request::check_communication(ctx, root, PlaceSet::WEBHOOK_COMMUNICATION);
            webhooks::check(ctx, root);
        }
        Some(ComponentKind::Function) => {}
        None if ctx.role.connection_kind.is_some() => connection::check(ctx, root),
        // A communication told by its content alone: any non-connection place.
        None => request::check_communication(ctx, root, PlaceSet::ALL.minus(PlaceSet::CONNECTIONS)),
    }
}
