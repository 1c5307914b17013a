//! The analysis layer of iml-ls: file roles, the app model (which files make
//! up which component), the semantic model of IML expressions and every
//! feature the editor and the CLI show. Input: paths and texts. Output: plain
//! data with byte ranges. No LSP types, no async runtime.

pub use iml_catalogue::Severity;
pub use text_size::{TextRange, TextSize};

mod app;
pub mod app_files;
pub mod config;
mod diagnostics;
pub mod disk;
mod file_data;
mod file_diagnostics;
mod fix_all;
mod fix_choice;
mod fix_document;
pub mod graph;
mod host;
pub mod ide;
mod json;
mod jsonc_diagnostics;
mod manifest;
mod metadata;
mod paths;
mod review;
mod roles;
mod rules;
pub mod schema;
pub mod semantic;
mod spec_tests;
mod suggest;

#[cfg(test)]
mod tests;

pub use app::{AppLayout, AppModel, Component, OutsidePath};
pub use config::{CONFIG_FILE_NAME, RuleConfig, RuleLevel};
pub use diagnostics::{Diagnostic, Fix, MAX_DIAGNOSTICS_PER_FILE, Safety, TextEdit};
pub use file_data::MAX_FILE_BYTES;
pub use fix_all::{FixAll, FixedFile, MAX_FIX_ROUNDS, plan_fix_all, plan_fix_all_with};
pub use fix_choice::{FixMode, fix_all_choice};
pub use fix_document::DocumentFix;
pub use host::{Analysis, AnalysisHost, EditError};
pub use ide::{CompletionItem, CompletionKind, Hover, SignatureHelp, snippet_to_plain};
pub use manifest::{CodePath, Manifest, ManifestComponent};
pub use metadata::ComponentMetadata;
pub use roles::{
    ComponentKind, ComponentRef, ConnectionKind, FileRole, ModuleType, RoleKind, RoleSource,
    UnknownReason, WebhookType,
};
pub use spec_tests::{CaseRun, CaseStatus, SpecCase};
