//! Recursive-descent parser for one expression body, with precedence
//! climbing for binary operators. It never fails: whatever is missing
//! becomes an `ExprKind::Missing` hole and whatever cannot be used is
//! reported and skipped. Recursion and tree height are both bounded.

mod operands;
mod operators;
mod recovery;
mod state;
mod tokens;

use text_size::{TextRange, TextSize};

use crate::ast::{Expr, ExprKind};
use crate::error::ImlError;
use crate::lexer::{self, RawKind};
use crate::token::{Token, TokenKind};

use recovery::unexpected_message;
use state::{Node, Parser};
use tokens::can_start_operand;

/// The result of parsing one expression body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBody {
    pub expr: Expr,
    pub errors: Vec<ImlError>,
    pub tokens: Vec<Token>,
}

/// Parses `text[range]` as one expression; all ranges are offsets into `text`.
/// A range outside `text` or off a character boundary is treated as an
/// empty body at the end of `text`.
pub fn parse_body(text: &str, range: TextRange) -> ParsedBody {
    let range = if text.get(std::ops::Range::<usize>::from(range)).is_some() {
        range
    } else {
        TextRange::empty(TextSize::try_from(text.len()).unwrap_or(TextSize::new(u32::MAX)))
    };
    let tokens = lexer::lex(text, range);
    let mut parser = Parser {
        text,
        classes: vec![None; tokens.len()],
        tokens,
        pos: 0,
        end: range.end(),
        errors: Vec::new(),
        recursion: 0,
        too_deep: false,
    };
    let expr = parser.parse_root();
    let tokens = parser.classified_tokens();
    parser.errors.sort_by_key(|e| e.range.start());
    ParsedBody {
        expr,
        errors: parser.errors,
        tokens,
    }
}

impl Parser<'_> {
    // ---- grammar ------------------------------------------------------

    fn parse_root(&mut self) -> Expr {
        if self.tokens.len() == 1 && self.tokens[0].kind == RawKind::Ellipsis {
            let token = self.bump(Some(TokenKind::Spread));
            return Expr::new(ExprKind::Spread, token.range);
        }
        if self.at_end() {
            self.syntax(
                "empty expression: write an expression between `{{` and `}}`",
                TextRange::empty(self.end),
            );
            return Expr::missing(self.end);
        }
        let root = self.parse_expr();
        let mut reported = false;
        while let Some(token) = self.peek() {
            // The first leftover token is the error; the rest follow from it.
            if !reported {
                let message = unexpected_message(token.kind, self.source(token.range));
                self.syntax(message, token.range);
                reported = true;
            }
            if can_start_operand(token.kind) {
                // Parse what follows so its names are still classified;
                // the tree keeps the first expression only.
                let _ = self.parse_expr();
            } else {
                self.bump(None);
            }
        }
        root.expr
    }

    fn parse_expr(&mut self) -> Node {
        if !self.enter() {
            return self.give_up();
        }
        let node = self.parse_binary(0);
        self.leave();
        node
    }
}
