//! The syntax problems the parser reports, each with a catalogue rule code.

use text_size::TextRange;

/// A JSONC syntax problem. `code` is a stable rule code registered in the
/// catalogue (which also owns its severity and documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub code: &'static str,
    pub message: String,
    pub range: TextRange,
}

/// The rule codes this crate reports.
pub mod code {
    /// A missing or unexpected token.
    pub const SYNTAX: &str = "J001";
    /// A string without its closing quote (a raw line break or the end of the file came first).
    pub const UNTERMINATED_STRING: &str = "J002";
    /// A comma right before `}` or `]`.
    pub const TRAILING_COMMA: &str = "J003";
    /// Text after the first top-level value.
    pub const MULTIPLE_TOP_LEVEL_VALUES: &str = "J004";
    /// A key that an earlier property of the same object already uses.
    pub const DUPLICATE_KEY: &str = "J005";
    /// A comment in a file that must be strict JSON (reported by the analysis layer).
    pub const COMMENT_IN_STRICT_JSON: &str = "J006";
    /// A backslash escape JSON does not define.
    pub const INVALID_ESCAPE: &str = "J007";
}
