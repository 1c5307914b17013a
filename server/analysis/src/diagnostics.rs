use text_size::TextRange;

use crate::Severity;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code from the catalogue, e.g. `J003` or `C002`.
    pub code: &'static str,
    pub severity: Severity,
    /// Names the problem and the fix.
    pub message: String,
    /// Byte range in the file the diagnostic belongs to.
    pub range: TextRange,
    /// A longer hint, shown as a help line.
    pub help: Option<String>,
    /// Quick fixes that are clear enough to offer.
    pub fixes: Vec<Fix>,
}

/// A quick fix: edits to the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}
