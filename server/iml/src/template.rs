//! Finding the `{{ … }}` blocks of a decoded string value.

use text_size::{TextRange, TextSize};

use crate::ast::{Expr, ExprKind};
use crate::error::{self, ImlError};
use crate::lexer::scan_quoted;
use crate::parser::parse_body;
use crate::token::{Token, TokenKind};

/// The blocks of one string, in order, and the length of the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub blocks: Vec<ExprBlock>,
    pub len: TextSize,
}

/// One `{{ … }}` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprBlock {
    /// From `{{` to after `}}`, or to where the block stops when unclosed.
    pub range: TextRange,
    /// Between the braces.
    pub body: TextRange,
    pub closed: bool,
    pub expr: Expr,
    /// Syntactic diagnostics, including an unclosed `{{`.
    pub errors: Vec<ImlError>,
    /// Classified tokens, the delimiters included.
    pub tokens: Vec<Token>,
}

impl ExprBlock {
    /// `{{...}}`, the spread key.
    pub fn is_spread(&self) -> bool {
        matches!(self.expr.kind, ExprKind::Spread)
    }

    /// Whether `offset` is inside the body, both ends included (a cursor
    /// right after `{{` or right before `}}` belongs to the block).
    pub fn body_contains(&self, offset: TextSize) -> bool {
        self.body.contains_inclusive(offset)
    }
}

impl Template {
    /// Exactly one block, closed, covering the whole string: the string
    /// then evaluates to the expression's own type, not to text.
    pub fn is_single_expression(&self) -> bool {
        matches!(self.blocks.as_slice(), [block]
            if block.closed && block.range == TextRange::up_to(self.len))
    }

    /// No block at all: the string is plain text.
    pub fn is_plain_text(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The non-empty stretches of plain text between and around the blocks.
    pub fn text_segments(&self) -> Vec<TextRange> {
        let mut segments = Vec::new();
        let mut at = TextSize::new(0);
        for block in &self.blocks {
            if block.range.start() > at {
                segments.push(TextRange::new(at, block.range.start()));
            }
            at = block.range.end();
        }
        if self.len > at {
            segments.push(TextRange::new(at, self.len));
        }
        segments
    }

    /// The block whose body contains `offset` (ends included).
    pub fn block_at(&self, offset: TextSize) -> Option<&ExprBlock> {
        self.blocks.iter().find(|b| b.body_contains(offset))
    }

    /// Every diagnostic of every block, in order.
    pub fn errors(&self) -> impl Iterator<Item = &ImlError> {
        self.blocks.iter().flat_map(|b| b.errors.iter())
    }
}

/// Finds and parses every `{{ … }}` block of `text`.
pub fn parse_template(text: &str) -> Template {
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut pos = 0usize;
    while let Some(found) = text[pos..].find("{{") {
        let open = pos + found;
        let body_start = open + 2;
        let end = find_block_end(bytes, body_start);
        let (body_end, block_end, closed) = match end {
            BlockEnd::Closed(at) => (at, at + 2, true),
            BlockEnd::Open(at) => (at, at, false),
        };
        blocks.push(build_block(
            text, open, body_start, body_end, block_end, closed,
        ));
        pos = block_end.max(body_start);
    }
    Template {
        blocks,
        len: offset(text.len()),
    }
}

fn build_block(
    text: &str,
    open: usize,
    body_start: usize,
    body_end: usize,
    block_end: usize,
    closed: bool,
) -> ExprBlock {
    let body = TextRange::new(offset(body_start), offset(body_end));
    let open_range = TextRange::new(offset(open), offset(body_start));
    let parsed = parse_body(text, body);
    let mut errors = Vec::new();
    let mut tokens = vec![Token {
        kind: TokenKind::Delimiter,
        range: open_range,
    }];
    tokens.extend(parsed.tokens);
    if closed {
        tokens.push(Token {
            kind: TokenKind::Delimiter,
            range: TextRange::new(offset(body_end), offset(block_end)),
        });
    } else {
        errors.push(ImlError::new(
            error::SYNTAX,
            "unclosed `{{`: add `}}` after the expression",
            open_range,
        ));
    }
    // The unclosed `{{` starts the block, so the order stays by position.
    errors.extend(parsed.errors);
    ExprBlock {
        range: TextRange::new(offset(open), offset(block_end)),
        body,
        closed,
        expr: parsed.expr,
        errors,
        tokens,
    }
}

enum BlockEnd {
    /// The body ends at this `}}`.
    Closed(usize),
    /// No `}}`: the body runs to here (the end of the text or the next `{{`).
    Open(usize),
}

/// The first `}}` that is not inside a string literal or a backtick
/// name. If a quote never closes, the quote is most likely the error, so
/// the first `}}` at all is taken instead of swallowing the rest.
fn find_block_end(bytes: &[u8], start: usize) -> BlockEnd {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => {
                let (end, terminated) = scan_quoted(bytes, i, quote, quote != b'`');
                if !terminated {
                    return find_block_end_ignoring_quotes(bytes, i);
                }
                i = end;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => return BlockEnd::Closed(i),
            b'{' if bytes.get(i + 1) == Some(&b'{') => return BlockEnd::Open(i),
            _ => i += 1,
        }
    }
    BlockEnd::Open(bytes.len())
}

fn find_block_end_ignoring_quotes(bytes: &[u8], start: usize) -> BlockEnd {
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'}', b'}') => return BlockEnd::Closed(i),
            (b'{', b'{') => return BlockEnd::Open(i),
            _ => i += 1,
        }
    }
    BlockEnd::Open(bytes.len())
}

fn offset(n: usize) -> TextSize {
    TextSize::try_from(n).unwrap_or(TextSize::new(u32::MAX))
}
