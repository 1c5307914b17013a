//! Diagnostics that need more than the token order (string escapes and
//! termination, trailing commas, duplicate keys) and the wording that quotes
//! source text back to the reader.

use std::collections::HashSet;

use text_size::TextRange;

use super::Parser;
use crate::diagnostics::{SyntaxError, code};
use crate::lexer::{StringEnd, Token, TokenKind};
use crate::{DecodedString, JsonString, Member};

impl Parser<'_> {
    pub(super) fn string(&mut self, token: Token) -> JsonString {
        let mut invalid = Vec::new();
        let decoded =
            DecodedString::decode_literal(self.source, token.range, &mut |r| invalid.push(r));
        for range in invalid {
            let escape = &self.text[range];
            let message = if escape.starts_with("\\u") {
                format!(
                    "invalid escape sequence '{escape}'; '\\u' must be followed by four hex digits"
                )
            } else {
                format!(
                    "invalid escape sequence '{escape}'; valid escapes are \\\" \\\\ \\/ \\b \\f \
                     \\n \\r \\t and \\uXXXX (write \\\\ for a backslash)"
                )
            };
            self.error(code::INVALID_ESCAPE, range, message);
        }
        match token.kind {
            TokenKind::String(StringEnd::LineBreak) => self.error(
                code::UNTERMINATED_STRING,
                token.range,
                "unterminated string: a string cannot continue on the next line; close it with \
                 '\"' (write \\n for a line break inside the text)",
            ),
            TokenKind::String(StringEnd::Eof) => self.error(
                code::UNTERMINATED_STRING,
                token.range,
                "unterminated string; close it with '\"'",
            ),
            _ => {}
        }
        JsonString {
            range: token.range,
            decoded,
        }
    }

    pub(super) fn trailing_comma(&mut self, comma: TextRange) {
        self.error(
            code::TRAILING_COMMA,
            comma,
            "trailing comma; remove it, because Make's tools reject trailing commas",
        );
    }

    pub(super) fn report_duplicate_keys(&mut self, members: &[Member]) {
        let report = |member: &Member, errors: &mut Vec<SyntaxError>| {
            errors.push(SyntaxError {
                code: code::DUPLICATE_KEY,
                message: format!(
                    "duplicate key {}: an earlier property of this object has the same name, \
                     and only one of the two values takes effect",
                    shorten(member.key.decoded.as_str(), true)
                ),
                range: member.key.range,
            });
        };
        if members.len() < 2 {
            return;
        }
        if members.len() <= 16 {
            for (i, member) in members.iter().enumerate().skip(1) {
                let key = member.key.decoded.as_str();
                if members[..i].iter().any(|m| m.key.decoded.as_str() == key) {
                    report(member, &mut self.errors);
                }
            }
        } else {
            let mut seen = HashSet::with_capacity(members.len());
            for member in members {
                if !seen.insert(member.key.decoded.as_str()) {
                    report(member, &mut self.errors);
                }
            }
        }
    }

    pub(super) fn quote(&self, token: Token) -> String {
        shorten(&self.text[token.range], false)
    }

    pub(super) fn unexpected_value_message(&self, token: Token) -> String {
        let text = &self.text[token.range];
        if token.kind == TokenKind::SingleQuoted {
            return "strings must be enclosed in double quotes, not single quotes".to_owned();
        }
        let lower = text.to_ascii_lowercase();
        if matches!(lower.as_str(), "true" | "false" | "null") {
            return format!(
                "{} is not valid JSON; write it in lowercase: {lower}",
                self.quote(token)
            );
        }
        if text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
            return format!(
                "invalid number {}; JSON numbers look like 12, -3.5 or 1e6 (no leading zeros, \
                 '+' signs or bare dots)",
                self.quote(token)
            );
        }
        format!(
            "unexpected text {}; text values must be double-quoted strings",
            self.quote(token)
        )
    }
}

/// Quotes `text` for a message, cutting it short on a char boundary.
fn shorten(text: &str, double_quotes: bool) -> String {
    const MAX_CHARS: usize = 40;
    let mut short: String = text.chars().take(MAX_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    if double_quotes {
        format!("\"{short}\"")
    } else {
        format!("'{short}'")
    }
}
