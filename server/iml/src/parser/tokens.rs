//! Token access for the parser and the classes tokens get for
//! highlighting when the grammar gives them no role of its own.

use text_size::{TextRange, TextSize};

use crate::ast::BinaryOp;
use crate::lexer::{RawKind, RawToken};
use crate::token::{Token, TokenKind};

use super::state::Parser;

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<RawToken> {
        self.tokens.get(self.pos).copied()
    }

    pub(super) fn peek_kind(&self) -> Option<RawKind> {
        self.peek().map(|t| t.kind)
    }

    pub(super) fn nth_kind(&self, n: usize) -> Option<RawKind> {
        self.tokens.get(self.pos + n).map(|t| t.kind)
    }

    pub(super) fn bump(&mut self, class: Option<TokenKind>) -> RawToken {
        let token = self.tokens[self.pos];
        if class.is_some() {
            self.classes[self.pos] = class;
        }
        self.pos += 1;
        token
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// Where a missing piece goes: the start of the next token, or the end
    /// of the body.
    pub(super) fn hole(&self) -> TextSize {
        self.peek().map_or(self.end, |t| t.range.start())
    }

    pub(super) fn source(&self, range: TextRange) -> &str {
        self.text
            .get(std::ops::Range::<usize>::from(range))
            .unwrap_or("")
    }

    pub(super) fn classified_tokens(&self) -> Vec<Token> {
        self.tokens
            .iter()
            .zip(&self.classes)
            .map(|(token, class)| Token {
                kind: class.unwrap_or_else(|| default_class(token.kind)),
                range: token.range,
            })
            .collect()
    }
}

pub(super) fn can_start_operand(kind: RawKind) -> bool {
    matches!(
        kind,
        RawKind::Ident
            | RawKind::Backtick { .. }
            | RawKind::Number
            | RawKind::Str { .. }
            | RawKind::LParen
            | RawKind::LBracket
            | RawKind::LBrace
            | RawKind::Bang
            | RawKind::Op(BinaryOp::Sub)
            | RawKind::Ellipsis
            | RawKind::Unknown
    )
}

pub(super) fn default_class(kind: RawKind) -> TokenKind {
    match kind {
        RawKind::Ident | RawKind::Backtick { .. } => TokenKind::Name,
        RawKind::Number => TokenKind::Number,
        RawKind::Str { .. } => TokenKind::String,
        RawKind::Op(_) | RawKind::Bang => TokenKind::Operator,
        RawKind::Ellipsis => TokenKind::Spread,
        RawKind::Unknown => TokenKind::Unknown,
        RawKind::Dot
        | RawKind::Comma
        | RawKind::Semi
        | RawKind::LParen
        | RawKind::RParen
        | RawKind::LBracket
        | RawKind::RBracket
        | RawKind::LBrace
        | RawKind::RBrace
        | RawKind::Question
        | RawKind::Colon => TokenKind::Punct,
    }
}
