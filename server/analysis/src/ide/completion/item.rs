//! What completion proposes: the public item and its kind, and the builder
//! the completion sources fill before the replace range is known.

use iml_catalogue::Status;
use text_size::TextRange;

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

/// A proposal before its replace range is known.
pub(super) struct Item {
    pub(super) label: String,
    pub(super) kind: CompletionKind,
    pub(super) detail: String,
    pub(super) documentation: Option<String>,
    pub(super) insert_text: String,
    pub(super) is_snippet: bool,
    pub(super) group: u8,
    pub(super) rank: usize,
    pub(super) filter_text: Option<String>,
}

impl Item {
    pub(super) fn plain(label: &str, kind: CompletionKind, detail: String) -> Item {
        Item {
            label: label.to_owned(),
            kind,
            detail,
            documentation: None,
            insert_text: label.to_owned(),
            is_snippet: false,
            group: 1,
            rank: 0,
            filter_text: None,
        }
    }

    pub(super) fn finish(self, range: TextRange) -> CompletionItem {
        CompletionItem {
            sort_text: format!("{}{:04}{}", self.group, self.rank, self.label),
            filter_text: self.filter_text.unwrap_or_else(|| self.label.clone()),
            label: self.label,
            kind: self.kind,
            detail: self.detail,
            documentation: self.documentation,
            insert_text: self.insert_text,
            is_snippet: self.is_snippet,
            replace_range: range,
        }
    }
}

/// The sort group of a catalogue entry: documented entries first.
pub(super) fn status_group(status: Status) -> u8 {
    match status {
        Status::Documented => 1,
        Status::DocsOnly => 2,
        _ => 3,
    }
}
