//! Builds the value model and the syntax diagnostics in one pass over the
//! tokens, recovering from errors the way a person reads broken JSON: a
//! missing comma is assumed, a key without a value still becomes a member,
//! a closer that belongs to an outer container closes the inner ones.
//!
//! Nesting is kept on an explicit stack, so depth costs heap, not call stack.

use std::sync::Arc;

use text_size::{TextRange, TextSize};

use crate::diagnostics::{SyntaxError, code};
use crate::lexer::{self, StringEnd, Token, TokenKind};
use crate::{JsonString, Member, Value};

mod containers;
mod entries;
mod reports;
#[cfg(test)]
mod tests;

pub(crate) struct Parsed {
    pub root: Option<Value>,
    pub errors: Vec<SyntaxError>,
    pub comments: Vec<TextRange>,
}

/// Parses `text`; the strings of the model share it.
pub(crate) fn parse(text: &Arc<str>) -> Parsed {
    let lexed = lexer::lex(text);
    let mut parser = Parser {
        source: text,
        text,
        tokens: &lexed.tokens,
        pos: 0,
        errors: lexed.errors,
        stack: Vec::new(),
        members: Vec::new(),
        items: Vec::new(),
        root: None,
        top_level_values: 0,
        extra_values_start: None,
        prev_end: TextSize::from(0),
        prev_unterminated: false,
    };
    while parser.pos < parser.tokens.len() {
        let token = parser.tokens[parser.pos];
        parser.pos += 1;
        parser.step(token);
        parser.prev_end = token.range.end();
        parser.prev_unterminated =
            matches!(token.kind, TokenKind::String(end) if end != StringEnd::Quote);
    }
    parser.finish();
    let mut errors = parser.errors;
    errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    Parsed {
        root: parser.root,
        errors,
        comments: lexed.comments,
    }
}

struct Parser<'a> {
    source: &'a Arc<str>,
    text: &'a str,
    tokens: &'a [Token],
    pos: usize,
    errors: Vec<SyntaxError>,
    stack: Vec<Frame>,
    /// The members of the open objects, innermost last.
    members: Vec<Member>,
    /// The elements of the open arrays, innermost last.
    items: Vec<Value>,
    root: Option<Value>,
    top_level_values: usize,
    extra_values_start: Option<TextSize>,
    /// End of the previous token: where a missing token is reported.
    prev_end: TextSize,
    /// The previous token was a string without its closing quote; whatever
    /// follows on the next line was probably meant to be outside it.
    prev_unterminated: bool,
}

struct Frame {
    open: TextRange,
    container: Container,
    state: State,
    /// The comma that moved the frame to `State::Entry`, for trailing commas.
    last_comma: Option<TextRange>,
    /// Skipping to the next `,` or closer after an error already reported.
    recovering: bool,
    /// Nested deeper than [`MAX_MODEL_DEPTH`]: checked, but not modelled.
    too_deep: bool,
}

/// Containers nested deeper than this become [`ValueKind::Error`] in the
/// model (their syntax is still checked). Real spec files nest a few levels;
/// the limit lets every consumer walk the model recursively, and keeps the
/// derived `Clone`, `PartialEq`, `Debug` and `Drop` of [`Value`] shallow.
///
/// [`ValueKind::Error`]: crate::ValueKind::Error
pub const MAX_MODEL_DEPTH: usize = 128;

/// An open container. Its entries so far sit on the parser's scratch stacks
/// from `first` on: entries of inner containers only land there once those
/// close, so each container's entries stay contiguous, and each finished
/// container is moved into a vector of exactly its size (no growth slack
/// kept in the model, no regrowth while parsing).
enum Container {
    Object {
        /// Index of its first member in `Parser::members`.
        first: usize,
        key: Option<PendingKey>,
    },
    Array {
        /// Index of its first element in `Parser::items`.
        first: usize,
    },
}

struct PendingKey {
    /// `None` when the key was not a string (already reported): the member is
    /// parsed but left out of the model.
    key: Option<JsonString>,
    range: TextRange,
    colon_end: Option<TextSize>,
}

impl PendingKey {
    /// The member for a key whose value never came: it spans the key and the
    /// colon, if any.
    fn into_member_without_value(self) -> Option<Member> {
        let key = self.key?;
        let end = self.colon_end.unwrap_or(self.range.end());
        Some(Member {
            range: TextRange::new(self.range.start(), end),
            key,
            value: None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// After the opener or a comma: a key (object) or a value (array) or the closer.
    Entry,
    /// After a key: the colon.
    Colon,
    /// After the colon: the value.
    Value,
    /// After a member or element: a comma or the closer.
    Next,
}

impl Parser<'_> {
    fn error(&mut self, code: &'static str, range: TextRange, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            code,
            message: message.into(),
            range,
        });
    }

    fn syntax_error(&mut self, range: TextRange, message: impl Into<String>) {
        self.error(code::SYNTAX, range, message);
    }

    fn missing_here(&self) -> TextRange {
        TextRange::empty(self.prev_end)
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.tokens.get(self.pos).map(|t| t.kind)
    }

    fn step(&mut self, token: Token) {
        let Some(frame) = self.stack.last() else {
            return self.step_top_level(token);
        };
        match frame.container {
            Container::Object { .. } => self.step_object(token),
            Container::Array { .. } => self.step_array(token),
        }
    }

    fn step_top_level(&mut self, token: Token) {
        let kind = token.kind;
        if kind.starts_value() {
            if self.top_level_values > 0 && self.extra_values_start.is_none() {
                self.extra_values_start = Some(token.range.start());
            }
            self.top_level_values += 1;
            // Extra values are reported once as a whole (J004).
            let first = self.top_level_values == 1;
            return self.begin_value(token, first);
        }
        let message = match kind {
            TokenKind::RBrace => "unexpected '}': no object is open here".to_owned(),
            TokenKind::RBracket => "unexpected ']': no array is open here".to_owned(),
            _ if self.top_level_values > 0 => {
                format!("unexpected {} after the top-level value", self.quote(token))
            }
            _ => format!("unexpected {}; expected a value", self.quote(token)),
        };
        self.syntax_error(token.range, message);
    }
}
