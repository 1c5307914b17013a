//! Classified tokens of an expression block, for semantic highlighting.

use text_size::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// The `{{` and `}}` around a block.
    Delimiter,
    /// A root variable name (`parameters`); backticked names include the backticks.
    Name,
    /// A property name after `.`; backticked names include the backticks.
    Property,
    /// The name of a called function.
    Function,
    /// `true`, `false`, `null`, `undefined`, `emptyarray`, `emptystring`.
    Keyword,
    Number,
    String,
    /// Arithmetic, comparison, equality, logical and unary operators.
    Operator,
    /// `( ) [ ] { } . , ; : ?`
    Punct,
    /// The `...` of the spread key.
    Spread,
    /// A character that starts no IML token.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}
