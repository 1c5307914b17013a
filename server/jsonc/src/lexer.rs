//! Splits JSONC text into tokens. Context-free, so a broken token never
//! changes how the rest of the file is read: a string ends at its closing
//! quote or at the end of its line, a comment at its end marker.

use text_size::{TextRange, TextSize};

use crate::diagnostics::{SyntaxError, code};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Comma,
    Colon,
    String(StringEnd),
    Number,
    True,
    False,
    Null,
    /// Bare text that is neither a literal nor a valid number.
    Word,
    /// `'text'`: a string in the wrong quotes.
    SingleQuoted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StringEnd {
    Quote,
    LineBreak,
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

impl TokenKind {
    pub fn starts_value(self) -> bool {
        !matches!(
            self,
            TokenKind::RBrace | TokenKind::RBracket | TokenKind::Comma | TokenKind::Colon
        )
    }
}

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<TextRange>,
    pub errors: Vec<SyntaxError>,
}

pub(crate) fn lex(text: &str) -> Lexed {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut comments = Vec::new();
    let mut errors = Vec::new();
    let range = |start: usize, end: usize| {
        TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
    };
    // A byte order mark is an encoding artefact, not content.
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while pos < bytes.len() {
        let start = pos;
        let punctuation = match bytes[pos] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                pos += 1;
                continue;
            }
            b'{' => Some(TokenKind::LBrace),
            b'}' => Some(TokenKind::RBrace),
            b'[' => Some(TokenKind::LBracket),
            b']' => Some(TokenKind::RBracket),
            b',' => Some(TokenKind::Comma),
            b':' => Some(TokenKind::Colon),
            _ => None,
        };
        if let Some(kind) = punctuation {
            pos += 1;
            tokens.push(Token {
                kind,
                range: range(start, pos),
            });
            continue;
        }
        match bytes[pos] {
            b'"' => {
                let (end, how) = string_end(bytes, pos + 1);
                pos = end;
                tokens.push(Token {
                    kind: TokenKind::String(how),
                    range: range(start, pos),
                });
            }
            b'\'' => {
                pos = single_quoted_end(bytes, pos + 1);
                tokens.push(Token {
                    kind: TokenKind::SingleQuoted,
                    range: range(start, pos),
                });
            }
            b'/' if bytes.get(pos + 1) == Some(&b'/') => {
                pos = bytes[pos..]
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .map_or(bytes.len(), |n| pos + n);
                comments.push(range(start, pos));
            }
            b'/' if bytes.get(pos + 1) == Some(&b'*') => {
                match text[pos + 2..].find("*/") {
                    Some(n) => pos += 2 + n + 2,
                    None => {
                        pos = bytes.len();
                        errors.push(SyntaxError {
                            code: code::SYNTAX,
                            message: "unterminated block comment; close it with '*/'".into(),
                            range: range(start, start + 2),
                        });
                    }
                }
                comments.push(range(start, pos));
            }
            _ => {
                let c = text[pos..].chars().next().unwrap_or_default();
                if let Some(what) = invisible(c) {
                    pos += c.len_utf8();
                    errors.push(SyntaxError {
                        code: code::SYNTAX,
                        message: format!(
                            "unexpected {what} U+{:04X}; only spaces, tabs and line breaks may \
                             separate JSON tokens",
                            c as u32
                        ),
                        range: range(start, pos),
                    });
                    continue;
                }
                pos = word_end(text, pos);
                tokens.push(Token {
                    kind: classify_word(&text[start..pos]),
                    range: range(start, pos),
                });
            }
        }
    }
    Lexed {
        tokens,
        comments,
        errors,
    }
}

/// End of a string whose content starts at `pos`, and how it ends.
fn string_end(bytes: &[u8], mut pos: usize) -> (usize, StringEnd) {
    while pos < bytes.len() {
        match bytes[pos] {
            b'"' => return (pos + 1, StringEnd::Quote),
            b'\n' | b'\r' => return (pos, StringEnd::LineBreak),
            // An escaped quote or backslash is content; a backslash right
            // before a line break still leaves the string open.
            b'\\' if !matches!(bytes.get(pos + 1), None | Some(b'\n' | b'\r')) => pos += 2,
            _ => pos += 1,
        }
    }
    (bytes.len(), StringEnd::Eof)
}

fn single_quoted_end(bytes: &[u8], pos: usize) -> usize {
    bytes[pos..]
        .iter()
        .position(|&b| matches!(b, b'\'' | b'\n' | b'\r'))
        .map_or(bytes.len(), |n| {
            let end = pos + n;
            if bytes[end] == b'\'' { end + 1 } else { end }
        })
}

/// Chars that look like nothing (or like a space) but are not JSON whitespace.
fn invisible(c: char) -> Option<&'static str> {
    match c {
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Some("invisible character"),
        c if c.is_control() => Some("control character"),
        c if c.is_whitespace() => Some("space character"),
        _ => None,
    }
}

/// A maximal run of chars that cannot start any other token.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        let delimiter = matches!(
            c,
            ' ' | '\t' | '\n' | '\r' | '{' | '}' | '[' | ']' | ',' | ':' | '"' | '\''
        ) || (c == '/' && i > 0)
            || invisible(c).is_some();
        if delimiter {
            break;
        }
        end = start + i + c.len_utf8();
    }
    if end == start {
        // Unreachable for callers that checked the first char, but never stall.
        end = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    end
}

fn classify_word(word: &str) -> TokenKind {
    match word {
        "true" => TokenKind::True,
        "false" => TokenKind::False,
        "null" => TokenKind::Null,
        _ if is_json_number(word) => TokenKind::Number,
        _ => TokenKind::Word,
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
pub(crate) fn is_json_number(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(text: &str, expect: Expect) {
        let lexed = lex(text);
        let mut out = String::new();
        for t in &lexed.tokens {
            out += &format!("{:?} {:?}\n", t.kind, &text[t.range]);
        }
        for c in &lexed.comments {
            out += &format!("comment {:?}\n", &text[*c]);
        }
        for e in &lexed.errors {
            out += &format!("{} {:?} {}\n", e.code, &text[e.range], e.message);
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn tokens_of_every_kind() {
        check(
            "\u{feff}{\"a\\\"b\": [1, -2.5e+3, true, false, null, tru, 01, 'x'], // c\r\n/* d */}",
            expect![[r#"
                LBrace "{"
                String(Quote) "\"a\\\"b\""
                Colon ":"
                LBracket "["
                Number "1"
                Comma ","
                Number "-2.5e+3"
                Comma ","
                True "true"
                Comma ","
                False "false"
                Comma ","
                Null "null"
                Comma ","
                Word "tru"
                Comma ","
                Word "01"
                Comma ","
                SingleQuoted "'x'"
                RBracket "]"
                Comma ","
                RBrace "}"
                comment "// c"
                comment "/* d */"
            "#]],
        );
    }

    #[test]
    fn strings_end_at_line_breaks_and_eof() {
        check(
            "\"ab\\\n\"c\\\"",
            expect![[r#"
                String(LineBreak) "\"ab\\"
                String(Eof) "\"c\\\""
            "#]],
        );
    }

    #[test]
    fn stray_chars_and_open_comments() {
        check(
            "1\u{200b}\u{a0}2 שלום😀 a/b /* open",
            expect![[r#"
                Number "1"
                Number "2"
                Word "שלום😀"
                Word "a"
                Word "/b"
                comment "/* open"
                J001 "\u{200b}" unexpected invisible character U+200B; only spaces, tabs and line breaks may separate JSON tokens
                J001 "\u{a0}" unexpected space character U+00A0; only spaces, tabs and line breaks may separate JSON tokens
                J001 "/*" unterminated block comment; close it with '*/'
            "#]],
        );
    }

    #[test]
    fn numbers_follow_the_json_grammar() {
        for ok in ["0", "-0", "12", "1.5", "1e5", "1E-5", "-1.25e+10"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x1F", "1.2.3", "NaN",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
