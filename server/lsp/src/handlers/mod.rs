//! One file per protocol feature. Each adds methods to `ImlLanguageServer`;
//! `server.rs` dispatches to them and `capabilities.rs` announces them.

mod code_action;
mod code_lens;
mod completion;
mod configuration;
mod definition;
mod document_highlight;
mod document_links;
mod document_symbols;
pub(crate) mod execute_command;
mod file_rename;
mod folding;
mod formatting;
mod hover;
mod inlay_hints;
pub(crate) mod references;
pub(crate) mod rename;
mod selection;
mod semantic_tokens;
mod signature_help;
mod text_document;
pub mod view_file_text;
mod watched_files;
mod workspace_folders;
mod workspace_symbols;
