use text_size::{TextRange, TextSize};

/// The decoded content of a JSON string literal (escapes resolved) together
/// with a map from every decoded byte offset back to its source byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedString {
    text: String,
    // implementation detail of the map is free
}

impl DecodedString {
    /// Decodes the literal `raw` (quotes included) found at `start` in the file.
    pub fn decode(raw: &str, start: TextSize) -> Self {
        todo!()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Source offset of the decoded offset `offset` (0..=len). An offset inside
    /// an escape's expansion maps to the escape's start; `len` maps to the
    /// closing quote.
    pub fn to_source(&self, offset: TextSize) -> TextSize {
        todo!()
    }

    pub fn range_to_source(&self, range: TextRange) -> TextRange {
        TextRange::new(self.to_source(range.start()), self.to_source(range.end()))
    }

    /// Decoded offset of a source offset inside the literal (the inverse, for cursors).
    pub fn from_source(&self, offset: TextSize) -> Option<TextSize> {
        todo!()
    }
}
