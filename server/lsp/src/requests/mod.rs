//! One file per request the server answers, each a free function over a
//! snapshot (or, for commands, over the server's handles). `server.rs`
//! registers them with how they run; `capabilities.rs` announces them.

pub(crate) mod code_action;
pub(crate) mod code_lens;
pub(crate) mod completion;
mod completion_data;
pub(crate) mod completion_resolve;
pub(crate) mod definition;
pub(crate) mod document_highlight;
pub(crate) mod document_links;
pub(crate) mod document_symbols;
pub(crate) mod execute_command;
pub(crate) mod file_rename;
pub(crate) mod folding;
pub(crate) mod formatting;
pub(crate) mod hover;
pub(crate) mod inlay_hints;
pub(crate) mod references;
pub(crate) mod rename;
pub(crate) mod selection;
pub(crate) mod semantic_tokens;
pub(crate) mod signature_help;
pub(crate) mod view_file_text;
pub(crate) mod workspace_symbols;
