//! Editor features that answer one question about one cursor position:
//! completion, hover and signature help. Every answer is plain data with
//! byte ranges into the file's text; converting to protocol positions is the
//! protocol layer's job.
//!
//! They read the snapshot only: the semantic model (where the cursor is,
//! what the position means, which names the app declares and writes, all
//! cached per file version), the app model and the catalogue. Nothing is
//! parsed on the request path.

mod completion;
mod hover;
mod keys;
mod markdown;
mod members;
mod objects;
mod signature;
mod site;
mod snippet;

pub use snippet::snippet_to_plain;

#[cfg(test)]
mod tests;

use std::path::Path;

use text_size::{TextRange, TextSize};

use crate::Analysis;

/// What a completion item stands for; the protocol layer maps it to an icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CompletionKind {
    /// A key of a request, response or nested object.
    Property,
    /// A top-level section of an OAuth communication.
    Section,
    /// A literal of an enumerated value (`GET`, `urlencoded`, …).
    EnumMember,
    /// A literal `true` or `false` for a static boolean.
    Value,
    /// An IML root variable (`parameters`, `body`, …).
    Variable,
    /// A member below a variable (`parameters.clientId`, `temp.code`, …).
    Field,
    /// A built-in IML function.
    Function,
    /// A custom IML function of the app.
    CustomFunction,
    /// An IML keyword constant (`emptyarray`, `undefined`, …).
    Keyword,
    /// A component of the app by its id: an RPC in an `rpc://` reference,
    /// a module in `groups.json`.
    Component,
    /// A key of a parameter object.
    ParameterKey,
    /// A whole value written out, such as a new parameter of a given type.
    Snippet,
}

impl CompletionKind {
    /// A stable lower-case name, for tests and logs.
    pub fn code(self) -> &'static str {
        match self {
            CompletionKind::Property => "property",
            CompletionKind::Section => "section",
            CompletionKind::EnumMember => "enum",
            CompletionKind::Value => "value",
            CompletionKind::Variable => "variable",
            CompletionKind::Field => "field",
            CompletionKind::Function => "function",
            CompletionKind::CustomFunction => "custom-function",
            CompletionKind::Keyword => "keyword",
            CompletionKind::Component => "component",
            CompletionKind::ParameterKey => "param-key",
            CompletionKind::Snippet => "snippet",
        }
    }
}

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the list shows, e.g. `response` or `addDays`.
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown next to the label (a type, a signature, a source).
    pub detail: String,
    /// Markdown shown beside the list.
    pub documentation: Option<String>,
    /// The text that replaces `replace_range`; a snippet (`$1`, `${1:x}`,
    /// `$0`) when `is_snippet` is true, plain text otherwise.
    pub insert_text: String,
    pub is_snippet: bool,
    /// Byte range of the file text replaced on accept; it contains the cursor.
    pub replace_range: TextRange,
    /// Ordering key: items sort by it, likeliest first.
    pub sort_text: String,
    /// What the editor filters against the text in `replace_range` (starts
    /// with `"` when the range starts with a quote).
    pub filter_text: String,
}

/// Hover text for the thing under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Byte range of the hovered word in the file text.
    pub range: TextRange,
    pub markdown: String,
}

/// The call around the cursor and where the cursor is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHelp {
    /// `name(a, b, [c]): type`.
    pub label: String,
    /// Byte ranges into `label`, one per parameter, in order.
    pub parameters: Vec<TextRange>,
    /// Index into `parameters`; `None` past the last parameter of a
    /// function that takes no more.
    pub active_parameter: Option<usize>,
    pub documentation: String,
}

impl Analysis {
    /// Completion proposals at byte `offset` of `path`, best first.
    pub fn completions(&self, path: &Path, offset: TextSize) -> Vec<CompletionItem> {
        if self.role(path).kind == crate::RoleKind::SpecTest {
            return crate::spec_tests::completions(self, path, offset);
        }
        completion::completions(self, path, offset)
    }

    /// What the word at byte `offset` of `path` is.
    pub fn hover(&self, path: &Path, offset: TextSize) -> Option<Hover> {
        hover::hover(self, path, offset)
    }

    /// The IML function call around byte `offset` of `path`.
    pub fn signature_help(&self, path: &Path, offset: TextSize) -> Option<SignatureHelp> {
        signature::signature_help(self, path, offset)
    }
}
