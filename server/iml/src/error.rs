//! Syntactic diagnostics of IML. Only the code and the exact range are
//! fixed here; severity belongs to the rule catalogue.

use text_size::TextRange;

/// Syntax error: unbalanced delimiters, quotes or backticks, a missing
/// operand, an unexpected token, nesting beyond the parser's limit.
pub const SYNTAX: &str = "I001";
/// `;` used where custom-app IML separates arguments with `,`.
pub const SEMICOLON_SEPARATOR: &str = "I005";
/// `[0]`: IML arrays are 1-based.
pub const ZERO_INDEX: &str = "I006";
/// A property name that needs backticks (it contains `-`, starts with a digit, …).
pub const NEEDS_BACKTICKS: &str = "I007";
/// Object or array literal inside an expression.
pub const LITERAL_COLLECTION: &str = "I008";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImlError {
    pub code: &'static str,
    pub message: String,
    pub range: TextRange,
}

impl ImlError {
    pub fn new(code: &'static str, message: impl Into<String>, range: TextRange) -> Self {
        ImlError {
            code,
            message: message.into(),
            range,
        }
    }

    pub fn is_syntax(&self) -> bool {
        self.code == SYNTAX
    }
}
