//! Error recovery: skipping what the grammar cannot use, so that one
//! mistake yields one diagnostic and the rest of the body still parses.

use text_size::TextSize;

use crate::lexer::RawKind;
use crate::token::TokenKind;

use super::state::Parser;
use super::tokens::{can_start_operand, default_class};

impl Parser<'_> {
    /// Skips the rest of a broken argument: up to the next `,`, `;` or
    /// `)` that is not nested in brackets of its own. Returns the end of
    /// what was skipped.
    pub(super) fn skip_to_separator(&mut self) -> TextSize {
        let mut depth = 0usize;
        let mut end = self.hole();
        while let Some(token) = self.peek() {
            match token.kind {
                RawKind::Comma | RawKind::Semi | RawKind::RParen if depth == 0 => break,
                RawKind::LParen | RawKind::LBracket | RawKind::LBrace => depth += 1,
                RawKind::RParen | RawKind::RBracket | RawKind::RBrace => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            end = self.bump(None).range.end();
        }
        end
    }

    /// Skips a bracketed group starting at the current opening token and
    /// returns the end of what was skipped. Reports an unclosed group.
    pub(super) fn skip_balanced(&mut self) -> TextSize {
        let open = self.bump(Some(TokenKind::Punct));
        let mut stack = vec![open.kind];
        let mut end = open.range.end();
        while let Some(token) = self.peek() {
            let class = match token.kind {
                RawKind::LParen | RawKind::LBracket | RawKind::LBrace => {
                    stack.push(token.kind);
                    TokenKind::Punct
                }
                RawKind::RParen | RawKind::RBracket | RawKind::RBrace => {
                    if stack.last().copied().map(closer_of) != Some(token.kind) {
                        break;
                    }
                    stack.pop();
                    TokenKind::Punct
                }
                _ => default_class(token.kind),
            };
            end = self.bump(Some(class)).range.end();
            if stack.is_empty() {
                return end;
            }
        }
        let expected = stack.last().copied().map_or(RawKind::RParen, closer_of);
        self.syntax(
            format!(
                "unclosed `{}`: add `{}`",
                opener_text(open.kind),
                closer_text(expected)
            ),
            open.range,
        );
        end
    }
}

pub(super) fn unexpected_message(kind: RawKind, text: &str) -> String {
    match kind {
        RawKind::RParen => "unmatched `)`: remove it or add the missing `(`".to_owned(),
        RawKind::RBracket => "unmatched `]`: remove it or add the missing `[`".to_owned(),
        RawKind::RBrace => "unmatched `}`: remove it".to_owned(),
        RawKind::Question => {
            "IML has no `? :` operator: use if(condition, value1, value2)".to_owned()
        }
        RawKind::Colon => {
            "unexpected `:`: quote text such as a date format ('YYYY-MM-DDTHH:mm:ss')".to_owned()
        }
        RawKind::Comma | RawKind::Semi => {
            format!("unexpected `{text}` outside a function call's arguments")
        }
        RawKind::Unknown => format!("unexpected character `{text}` in an expression"),
        kind if can_start_operand(kind) => {
            format!("missing operator before `{text}`: join values with `+` (or another operator)")
        }
        _ => format!("unexpected `{text}`: expected an operator or the end of the expression"),
    }
}

fn closer_of(kind: RawKind) -> RawKind {
    match kind {
        RawKind::LBracket => RawKind::RBracket,
        RawKind::LBrace => RawKind::RBrace,
        _ => RawKind::RParen,
    }
}

fn opener_text(kind: RawKind) -> &'static str {
    match kind {
        RawKind::LBracket => "[",
        RawKind::LBrace => "{",
        _ => "(",
    }
}

fn closer_text(kind: RawKind) -> &'static str {
    match kind {
        RawKind::RBracket => "]",
        RawKind::RBrace => "}",
        _ => ")",
    }
}
