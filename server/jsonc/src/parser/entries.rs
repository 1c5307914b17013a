//! What each token means inside an open object or array, given where the
//! container is in its entry cycle: the missing-comma, missing-colon and
//! missing-value recoveries live here, so a broken entry still yields a
//! member or element where a reader would see one.

use text_size::TextRange;

use super::{Container, Parser, PendingKey, State};
use crate::lexer::{Token, TokenKind};

impl Parser<'_> {
    pub(super) fn step_object(&mut self, token: Token) {
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

    pub(super) fn step_array(&mut self, token: Token) {
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
}
