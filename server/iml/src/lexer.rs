//! Splits the body of one `{{ }}` block into tokens. Never fails: any
//! character that starts no token becomes an `Unknown` token.

use text_size::{TextRange, TextSize};

use crate::ast::BinaryOp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Ident,
    Backtick { terminated: bool },
    Number,
    Str { terminated: bool },
    Dot,
    Ellipsis,
    Comma,
    Semi,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Op(BinaryOp),
    Bang,
    Question,
    Colon,
    Unknown,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct RawToken {
    pub kind: RawKind,
    pub range: TextRange,
}

/// Lexes `text[range]`; token ranges are offsets into `text`.
pub(crate) fn lex(text: &str, range: TextRange) -> Vec<RawToken> {
    let body = &text[range];
    let base = range.start();
    let bytes = body.as_bytes();
    let mut tokens: Vec<RawToken> = Vec::new();
    let mut pos = 0usize;
    while pos < body.len() {
        let ch = body[pos..].chars().next().unwrap_or(' ');
        if ch.is_whitespace() {
            pos += ch.len_utf8();
            continue;
        }
        let start = pos;
        let after_dot = matches!(tokens.last(), Some(t) if t.kind == RawKind::Dot);
        let kind = match ch {
            '\'' | '"' => {
                let (end, terminated) = scan_quoted(bytes, pos, ch as u8, true);
                pos = end;
                RawKind::Str { terminated }
            }
            '`' => {
                let (end, terminated) = scan_quoted(bytes, pos, b'`', false);
                pos = end;
                RawKind::Backtick { terminated }
            }
            // A property name may start with a digit (`a.1st`): it is a
            // name in the tree and the parser reports that it needs
            // backticks.
            c if after_dot && is_ident_continue(c) => {
                pos = scan_ident(body, pos);
                RawKind::Ident
            }
            c if is_ident_start(c) => {
                pos = scan_ident(body, pos);
                RawKind::Ident
            }
            '0'..='9' => {
                pos = scan_number(bytes, pos);
                RawKind::Number
            }
            '.' => {
                if body[pos..].starts_with("...") {
                    pos += 3;
                    RawKind::Ellipsis
                } else {
                    pos += 1;
                    RawKind::Dot
                }
            }
            _ => {
                let (kind, len) = punct(&body[pos..]);
                pos += len;
                kind
            }
        };
        tokens.push(RawToken {
            kind,
            range: TextRange::new(base + size(start), base + size(pos)),
        });
    }
    tokens
}

fn size(n: usize) -> TextSize {
    TextSize::try_from(n).unwrap_or(TextSize::new(u32::MAX))
}

fn punct(rest: &str) -> (RawKind, usize) {
    const TABLE: &[(&str, RawKind)] = &[
        ("===", RawKind::Op(BinaryOp::StrictEq)),
        ("!==", RawKind::Op(BinaryOp::StrictNe)),
        ("==", RawKind::Op(BinaryOp::Eq)),
        ("!=", RawKind::Op(BinaryOp::Ne)),
        ("<=", RawKind::Op(BinaryOp::Le)),
        (">=", RawKind::Op(BinaryOp::Ge)),
        ("&&", RawKind::Op(BinaryOp::And)),
        ("||", RawKind::Op(BinaryOp::Or)),
        ("=", RawKind::Op(BinaryOp::EqSingle)),
        ("<", RawKind::Op(BinaryOp::Lt)),
        (">", RawKind::Op(BinaryOp::Gt)),
        ("+", RawKind::Op(BinaryOp::Add)),
        ("-", RawKind::Op(BinaryOp::Sub)),
        ("*", RawKind::Op(BinaryOp::Mul)),
        ("/", RawKind::Op(BinaryOp::Div)),
        ("%", RawKind::Op(BinaryOp::Rem)),
        ("!", RawKind::Bang),
        ("?", RawKind::Question),
        (":", RawKind::Colon),
        (",", RawKind::Comma),
        (";", RawKind::Semi),
        ("(", RawKind::LParen),
        (")", RawKind::RParen),
        ("[", RawKind::LBracket),
        ("]", RawKind::RBracket),
        ("{", RawKind::LBrace),
        ("}", RawKind::RBrace),
    ];
    for (text, kind) in TABLE {
        if rest.starts_with(text) {
            return (*kind, text.len());
        }
    }
    let len = rest.chars().next().map_or(1, char::len_utf8);
    (RawKind::Unknown, len)
}

/// Whether `c` may start a bare IML name.
pub fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphabetic())
}

/// Whether `c` may continue a bare IML name.
pub fn is_ident_continue(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphanumeric())
}

fn scan_ident(body: &str, start: usize) -> usize {
    let mut pos = start;
    for c in body[start..].chars() {
        if !is_ident_continue(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn scan_number(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos + 1 < bytes.len() && bytes[pos] == b'.' && bytes[pos + 1].is_ascii_digit() {
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
    }
    pos
}

/// Scans a quoted run starting at the opening quote; returns the end
/// (after the closing quote, or the end of input) and whether it closed.
/// Quotes are ASCII, so byte positions stay on character boundaries.
pub(crate) fn scan_quoted(bytes: &[u8], start: usize, quote: u8, escapes: bool) -> (usize, bool) {
    let mut pos = start + 1;
    while pos < bytes.len() {
        let b = bytes[pos];
        if escapes && b == b'\\' {
            pos += 2;
            continue;
        }
        pos += 1;
        if b == quote {
            return (pos, true);
        }
    }
    (bytes.len(), false)
}

/// The value of a string literal's source text (quotes included).
pub(crate) fn decode_string(source: &str, terminated: bool) -> String {
    let inner_end = if terminated && source.len() >= 2 {
        source.len() - 1
    } else {
        source.len()
    };
    let inner = source.get(1..inner_end).unwrap_or("");
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
