use text_size::TextRange;

/// A JSONC syntax problem. `code` is a stable rule code registered in the
/// catalogue (which also owns its severity and documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub code: &'static str,
    pub message: String,
    pub range: TextRange,
}
