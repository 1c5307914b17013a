//! Opening and closing containers and handing finished values to their
//! parent: the only place entries move from the scratch stacks into the
//! model, and where unclosed or mismatched closers are resolved.

use text_size::TextRange;

use super::{Container, Frame, MAX_MODEL_DEPTH, Parser, PendingKey, State};
use crate::diagnostics::code;
use crate::lexer::{StringEnd, Token, TokenKind};
use crate::{Member, Value, ValueKind};

impl Parser<'_> {
    pub(super) fn begin_value(&mut self, token: Token, report: bool) {
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

    pub(super) fn close(&mut self, closer: Token) {
        self.close_frame(Some(closer));
    }

    /// A `}` inside an array or a `]` inside an object: closes the inner
    /// containers up to one it matches, or is a stray closer.
    pub(super) fn close_mismatched(&mut self, closer: Token) {
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

    pub(super) fn finish(&mut self) {
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
}
