//! Builds the value model and the syntax diagnostics in one pass over the
//! tokens, recovering from errors the way a person reads broken JSON: a
//! missing comma is assumed, a key without a value still becomes a member,
//! a closer that belongs to an outer container closes the inner ones.
//!
//! Nesting is kept on an explicit stack, so depth costs heap, not call stack.

use std::collections::HashSet;
use std::sync::Arc;

use text_size::{TextRange, TextSize};

use crate::diagnostics::{SyntaxError, code};
use crate::lexer::{self, StringEnd, Token, TokenKind};
use crate::{DecodedString, JsonString, Member, Value, ValueKind};

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

    fn step_object(&mut self, token: Token) {
        let kind = token.kind;
        let next_is_colon = self.peek_kind() == Some(TokenKind::Colon);
        let frame = self.stack.last_mut().expect("called with an open object");
        let Container::Object { key: pending, .. } = &mut frame.container else {
            unreachable!("called with an open object")
        };
        let key_was_reported = pending.as_ref().is_some_and(|k| k.key.is_none());
        match (frame.state, kind) {
            (_, TokenKind::RBracket) => self.close_mismatched(token),
            (State::Entry, TokenKind::RBrace) => {
                if let Some(comma) = frame.last_comma {
                    self.trailing_comma(comma);
                }
                self.close(token);
            }
            (State::Entry, TokenKind::String(_)) => self.begin_key(token),
            (State::Entry, TokenKind::Comma) => {
                frame.last_comma = None;
                self.syntax_error(token.range, "expected a property name before ','");
            }
            (State::Entry, TokenKind::Colon) => {
                *pending = Some(PendingKey {
                    key: None,
                    range: TextRange::empty(token.range.start()),
                    colon_end: Some(token.range.end()),
                });
                frame.state = State::Value;
                self.syntax_error(token.range, "expected a property name before ':'");
            }
            (State::Entry, TokenKind::LBrace | TokenKind::LBracket) => {
                *pending = Some(PendingKey {
                    key: None,
                    range: TextRange::empty(token.range.start()),
                    colon_end: None,
                });
                frame.state = State::Value;
                let message = format!("expected a property name, found {}", self.quote(token));
                self.syntax_error(token.range, message);
                self.begin_value(token, true);
            }
            (State::Entry, _) => {
                *pending = Some(PendingKey {
                    key: None,
                    range: token.range,
                    colon_end: None,
                });
                frame.state = State::Colon;
                let message = if kind == TokenKind::SingleQuoted {
                    "property names must be enclosed in double quotes, not single quotes".to_owned()
                } else {
                    format!(
                        "unexpected text {}; property names must be double-quoted strings",
                        self.quote(token)
                    )
                };
                self.syntax_error(token.range, message);
            }
            (State::Colon, TokenKind::Colon) => {
                if let Some(key) = pending {
                    key.colon_end = Some(token.range.end());
                }
                frame.state = State::Value;
            }
            (State::Colon, TokenKind::Comma | TokenKind::RBrace) => {
                if !key_was_reported {
                    let message = "expected ':' and a value after the property name";
                    self.syntax_error(self.missing_here(), message);
                }
                self.member_without_value();
                self.after_member(token);
            }
            (State::Colon, TokenKind::String(_)) if next_is_colon => {
                // `"a" "b": 1`: the first key lost its colon and value.
                if !key_was_reported {
                    let message = "expected ':' and a value after the property name";
                    self.syntax_error(self.missing_here(), message);
                }
                self.member_without_value();
                self.begin_key(token);
            }
            (State::Colon, _) => {
                frame.state = State::Value;
                if !key_was_reported {
                    self.syntax_error(self.missing_here(), "expected ':' after the property name");
                }
                self.begin_value(token, true);
            }
            (State::Value, TokenKind::Comma | TokenKind::RBrace) => {
                if !key_was_reported {
                    self.syntax_error(self.missing_here(), "expected a value after ':'");
                }
                self.member_without_value();
                self.after_member(token);
            }
            (State::Value, TokenKind::Colon) => {
                self.syntax_error(token.range, "unexpected ':'; expected a value");
            }
            (State::Value, _) => self.begin_value(token, true),
            (State::Next, TokenKind::Comma | TokenKind::RBrace) => self.after_member(token),
            (State::Next, TokenKind::String(_)) if next_is_colon => {
                if !frame.recovering && !self.prev_unterminated {
                    let message = "expected ',' or '}' after a property value";
                    self.syntax_error(self.missing_here(), message);
                }
                self.begin_key(token);
            }
            (State::Next, _) => {
                if !frame.recovering {
                    frame.recovering = true;
                    if !self.prev_unterminated {
                        let message = "expected ',' or '}' after a property value";
                        self.syntax_error(self.missing_here(), message);
                    }
                }
                if kind.starts_value() {
                    self.begin_value(token, false);
                }
            }
        }
    }

    fn step_array(&mut self, token: Token) {
        let kind = token.kind;
        let frame = self.stack.last_mut().expect("called with an open array");
        match (frame.state, kind) {
            (_, TokenKind::RBrace) => self.close_mismatched(token),
            (State::Entry, TokenKind::RBracket) => {
                if let Some(comma) = frame.last_comma {
                    self.trailing_comma(comma);
                }
                self.close(token);
            }
            (State::Next, TokenKind::RBracket) => self.close(token),
            (State::Next, TokenKind::Comma) => {
                frame.state = State::Entry;
                frame.last_comma = Some(token.range);
                frame.recovering = false;
            }
            (State::Entry, TokenKind::Comma) => {
                frame.last_comma = None;
                self.syntax_error(token.range, "expected a value before ','");
            }
            (_, TokenKind::Colon) => {
                if !frame.recovering {
                    frame.recovering = true;
                    let message = "unexpected ':'; arrays hold values, not properties";
                    self.syntax_error(token.range, message);
                }
            }
            (State::Next, _) if frame.recovering => self.begin_value(token, false),
            (State::Next, _) => {
                if !self.prev_unterminated {
                    let message = "expected ',' or ']' after an array element";
                    self.syntax_error(self.missing_here(), message);
                }
                self.begin_value(token, true);
            }
            (_, _) => self.begin_value(token, true),
        }
    }

    /// `token` is a `,` or `}` that ends the current member.
    fn after_member(&mut self, token: Token) {
        if token.kind == TokenKind::RBrace {
            return self.close(token);
        }
        let frame = self.stack.last_mut().expect("inside an object");
        frame.state = State::Entry;
        frame.last_comma = Some(token.range);
        frame.recovering = false;
    }

    fn begin_key(&mut self, token: Token) {
        let key = self.string(token);
        let frame = self.stack.last_mut().expect("inside an object");
        if let Container::Object { key: pending, .. } = &mut frame.container {
            *pending = Some(PendingKey {
                key: Some(key),
                range: token.range,
                colon_end: None,
            });
        }
        frame.state = State::Colon;
        frame.recovering = false;
    }

    fn member_without_value(&mut self) {
        let frame = self.stack.last_mut().expect("inside an object");
        if let Container::Object { key, .. } = &mut frame.container {
            self.members
                .extend(key.take().and_then(PendingKey::into_member_without_value));
        }
        frame.state = State::Next;
    }

    fn begin_value(&mut self, token: Token, report: bool) {
        let kind = match token.kind {
            TokenKind::LBrace | TokenKind::LBracket => {
                let container = if token.kind == TokenKind::LBrace {
                    Container::Object {
                        first: self.members.len(),
                        key: None,
                    }
                } else {
                    Container::Array {
                        first: self.items.len(),
                    }
                };
                let too_deep = self.stack.len() >= MAX_MODEL_DEPTH;
                self.stack.push(Frame {
                    open: token.range,
                    container,
                    state: State::Entry,
                    last_comma: None,
                    recovering: false,
                    too_deep,
                });
                return;
            }
            TokenKind::String(_) => ValueKind::String(self.string(token)),
            TokenKind::Number => ValueKind::Number(self.text[token.range].to_owned()),
            TokenKind::True => ValueKind::Bool(true),
            TokenKind::False => ValueKind::Bool(false),
            TokenKind::Null => ValueKind::Null,
            TokenKind::Word | TokenKind::SingleQuoted => {
                if report {
                    let message = self.unexpected_value_message(token);
                    self.syntax_error(token.range, message);
                }
                ValueKind::Error
            }
            TokenKind::RBrace | TokenKind::RBracket | TokenKind::Comma | TokenKind::Colon => {
                unreachable!("not the start of a value")
            }
        };
        self.finish_value(Value {
            kind,
            range: token.range,
        });
    }

    fn finish_value(&mut self, value: Value) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() && self.extra_values_start.is_none() {
                self.root = Some(value);
            }
            return;
        };
        let dropped = frame.recovering || frame.too_deep;
        frame.state = State::Next;
        match &mut frame.container {
            Container::Array { .. } if dropped => {}
            Container::Object { key, .. } if dropped => {
                key.take();
            }
            Container::Array { .. } => self.items.push(value),
            Container::Object { key, .. } => {
                if let Some(PendingKey {
                    key: Some(key),
                    range,
                    ..
                }) = key.take()
                {
                    self.members.push(Member {
                        range: TextRange::new(range.start(), value.range.end()),
                        key,
                        value: Some(value),
                    });
                }
            }
        }
    }

    /// Pops the innermost container, closed by `closer` (or unclosed when `None`).
    fn close_frame(&mut self, closer: Option<Token>) {
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        let end = closer.map_or(self.prev_end, |t| t.range.end());
        let kind = match frame.container {
            // A container too deep to model keeps no entries (members
            // without a value may have been set aside all the same).
            Container::Array { first } if frame.too_deep => {
                self.items.truncate(first);
                ValueKind::Error
            }
            Container::Object { first, .. } if frame.too_deep => {
                self.members.truncate(first);
                ValueKind::Error
            }
            Container::Array { first } => ValueKind::Array(self.items.drain(first..).collect()),
            Container::Object { first, ref mut key } => {
                self.members
                    .extend(key.take().and_then(PendingKey::into_member_without_value));
                let members: Vec<Member> = self.members.drain(first..).collect();
                self.report_duplicate_keys(&members);
                ValueKind::Object(members)
            }
        };
        self.finish_value(Value {
            kind,
            range: TextRange::new(frame.open.start(), end.max(frame.open.end())),
        });
    }

    fn close(&mut self, closer: Token) {
        self.close_frame(Some(closer));
    }

    /// A `}` inside an array or a `]` inside an object: closes the inner
    /// containers up to one it matches, or is a stray closer.
    fn close_mismatched(&mut self, closer: Token) {
        let wanted_object = closer.kind == TokenKind::RBrace;
        let matching = self
            .stack
            .iter()
            .rposition(|f| matches!(f.container, Container::Object { .. }) == wanted_object);
        let more_follows = self.pos < self.tokens.len();
        let typo = match matching {
            // Closing the outermost container early would leave the rest of
            // the file outside the top-level value.
            Some(0) => more_follows,
            Some(_) => false,
            None => self.stack.len() > 1 || !more_follows,
        };
        if typo {
            let (wanted, container) = match self.stack.last().map(|f| &f.container) {
                Some(Container::Object { .. }) => ("'}'", "object"),
                _ => ("']'", "array"),
            };
            let message = format!(
                "expected {wanted} to close the {container}, found {}",
                self.quote(closer)
            );
            self.syntax_error(closer.range, message);
            return self.close(closer);
        }
        let Some(matching) = matching else {
            let message = if wanted_object {
                "unexpected '}': no object is open here"
            } else {
                "unexpected ']': no array is open here"
            };
            return self.syntax_error(closer.range, message);
        };
        while self.stack.len() > matching + 1 {
            self.report_unclosed();
            self.close_frame(None);
        }
        self.step(closer);
    }

    fn report_unclosed(&mut self) {
        let Some(frame) = self.stack.last() else {
            return;
        };
        let message = match frame.container {
            Container::Object { .. } => "missing '}' to close the object opened here",
            Container::Array { .. } => "missing ']' to close the array opened here",
        };
        let range = frame.open;
        self.syntax_error(range, message);
    }

    fn finish(&mut self) {
        // The rest of the file is inside an open string: what is missing after
        // it is a consequence, and the string is already reported.
        let swallowed = matches!(
            self.tokens.last(),
            Some(Token {
                kind: TokenKind::String(StringEnd::Eof),
                ..
            })
        );
        while let Some(frame) = self.stack.last() {
            if !swallowed {
                if frame.state == State::Value
                    && let Container::Object {
                        key: Some(PendingKey { key: Some(_), .. }),
                        ..
                    } = frame.container
                {
                    self.syntax_error(self.missing_here(), "expected a value after ':'");
                }
                self.report_unclosed();
            }
            self.close_frame(None);
        }
        if let Some(start) = self.extra_values_start {
            self.error(
                code::MULTIPLE_TOP_LEVEL_VALUES,
                TextRange::new(start, self.prev_end),
                "more than one top-level value; a JSON file holds exactly one value, so remove \
                 the extra text or wrap the values in an array",
            );
        }
    }

    fn string(&mut self, token: Token) -> JsonString {
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

    fn trailing_comma(&mut self, comma: TextRange) {
        self.error(
            code::TRAILING_COMMA,
            comma,
            "trailing comma; remove it, because Make's tools reject trailing commas",
        );
    }

    fn report_duplicate_keys(&mut self, members: &[Member]) {
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

    fn quote(&self, token: Token) -> String {
        shorten(&self.text[token.range], false)
    }

    fn unexpected_value_message(&self, token: Token) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(value: &Value) -> Vec<&str> {
        match &value.kind {
            ValueKind::Object(members) => members.iter().map(|m| m.key.decoded.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// Members set aside inside a container too deep to model must not leak
    /// into the containers around it.
    #[test]
    fn entries_of_too_deep_containers_stay_out_of_the_model() {
        let depth = MAX_MODEL_DEPTH + 2;
        let text = format!(
            r#"{{"outer": {}{{"lost", "gone": 1}}{}, "kept": 2}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let parsed = parse(&Arc::from(text.as_str()));
        let root = parsed.root.expect("a root object");
        assert_eq!(keys(&root), ["outer", "kept"]);
        let ValueKind::Object(members) = &root.kind else {
            unreachable!()
        };
        let mut inner = members[0].value.as_ref().expect("outer has a value");
        let mut levels = 0;
        while let ValueKind::Array(items) = &inner.kind {
            assert_eq!(items.len(), 1);
            inner = &items[0];
            levels += 1;
        }
        assert_eq!(levels, MAX_MODEL_DEPTH - 1);
        assert_eq!(inner.kind, ValueKind::Error);
    }

    #[test]
    fn finished_containers_hold_no_spare_capacity() {
        let parsed = parse(&Arc::from(
            r#"{"a": [1, 2, 3], "b": {"c": 1, "d": 2, "e": 3}}"#,
        ));
        let root = parsed.root.expect("a root object");
        let ValueKind::Object(members) = &root.kind else {
            unreachable!()
        };
        assert_eq!(members.capacity(), 2);
        let Some(ValueKind::Array(items)) = members[0].value.as_ref().map(|v| &v.kind) else {
            unreachable!()
        };
        assert_eq!(items.capacity(), 3);
    }
}
