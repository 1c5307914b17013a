//! Recursive-descent parser for one expression body, with precedence
//! climbing for binary operators. It never fails: whatever is missing
//! becomes an `ExprKind::Missing` hole and whatever cannot be used is
//! reported and skipped. Recursion and tree height are both bounded.

mod operands;
mod operators;
mod recovery;
mod tokens;

use text_size::{TextRange, TextSize};

use crate::ast::{Expr, ExprKind};
use crate::error::{self, ImlError};
use crate::lexer::{self, RawKind, RawToken};
use crate::token::{Token, TokenKind};

use recovery::unexpected_message;
use tokens::can_start_operand;

/// Deepest recursion of the parser functions.
const MAX_RECURSION: u32 = 200;
/// Highest tree the parser builds; keeps every later recursive pass over
/// the tree (including `Drop`) shallow, whatever the input.
const MAX_HEIGHT: u32 = 256;

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

struct Node {
    expr: Expr,
    height: u32,
}

impl Node {
    fn leaf(kind: ExprKind, range: TextRange) -> Node {
        Node {
            expr: Expr::new(kind, range),
            height: 1,
        }
    }
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<RawToken>,
    classes: Vec<Option<TokenKind>>,
    pos: usize,
    end: TextSize,
    errors: Vec<ImlError>,
    recursion: u32,
    too_deep: bool,
}

impl Parser<'_> {
    fn error(&mut self, code: &'static str, message: impl Into<String>, range: TextRange) {
        if self.too_deep {
            return;
        }
        // A second syntax error on the same text is a cascade. Cascades
        // are reported back to back, so only the latest few are compared
        // (keeping error reporting linear on long broken input).
        if code == error::SYNTAX
            && self
                .errors
                .iter()
                .rev()
                .take(4)
                .any(|e| e.code == error::SYNTAX && e.range == range)
        {
            return;
        }
        self.errors.push(ImlError::new(code, message, range));
    }

    fn syntax(&mut self, message: impl Into<String>, range: TextRange) {
        self.error(error::SYNTAX, message, range);
    }

    // ---- depth guards -------------------------------------------------

    fn enter(&mut self) -> bool {
        if self.too_deep {
            return false;
        }
        if self.recursion >= MAX_RECURSION {
            self.give_up();
            return false;
        }
        self.recursion += 1;
        true
    }

    fn leave(&mut self) {
        self.recursion = self.recursion.saturating_sub(1);
    }

    /// Reports the nesting error once and drops the rest of the body.
    fn give_up(&mut self) -> Node {
        let at = self.hole();
        if !self.too_deep {
            self.syntax(
                "expression nested too deeply: split it into smaller expressions",
                TextRange::new(at, self.end.max(at)),
            );
            self.too_deep = true;
        }
        self.pos = self.tokens.len();
        Node::leaf(ExprKind::Error, TextRange::empty(at))
    }

    fn checked(&mut self, node: Node) -> Node {
        if node.height > MAX_HEIGHT && !self.too_deep {
            let at = self.hole();
            self.syntax(
                "expression nested too deeply: split it into smaller expressions",
                TextRange::new(node.expr.range.start().min(at), self.end.max(at)),
            );
            self.too_deep = true;
            self.pos = self.tokens.len();
            return Node::leaf(ExprKind::Error, node.expr.range);
        }
        node
    }

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
