//! The analysis layer of iml-ls: file roles, the app model (which files make
//! up which component), the semantic model of IML expressions and every
//! feature the editor and the CLI show. Input: paths and texts. Output: plain
//! data with byte ranges. No LSP types, no async runtime.

pub use iml_catalogue::Severity;
pub use text_size::{TextRange, TextSize};

mod diagnostics;
mod host;

pub use diagnostics::{Diagnostic, Fix, TextEdit};
pub use host::{Analysis, AnalysisHost, EditError};
