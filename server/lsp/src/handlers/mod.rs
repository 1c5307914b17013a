//! One file per protocol feature. Each adds methods to `ImlLanguageServer`;
//! `server.rs` dispatches to them and `capabilities.rs` announces them.

mod configuration;
mod text_document;
pub mod view_file_text;
mod watched_files;
