//! The parser's state and the guards every grammar function goes through:
//! the tokens and position, the errors so far (with cascades dropped), and
//! the bounds on recursion and tree height. It lives apart from the grammar
//! files so that they and the entry point share it without naming each
//! other.

use text_size::{TextRange, TextSize};

use crate::ast::{Expr, ExprKind};
use crate::error::{self, ImlError};
use crate::lexer::RawToken;
use crate::token::TokenKind;

/// Deepest recursion of the parser functions.
const MAX_RECURSION: u32 = 200;
/// Highest tree the parser builds; keeps every later recursive pass over
/// the tree (including `Drop`) shallow, whatever the input.
const MAX_HEIGHT: u32 = 256;

/// An expression with the height of its tree, so that the height bound is
/// checked without walking the tree again.
pub(super) struct Node {
    pub(super) expr: Expr,
    pub(super) height: u32,
}

impl Node {
    pub(super) fn leaf(kind: ExprKind, range: TextRange) -> Node {
        Node {
            expr: Expr::new(kind, range),
            height: 1,
        }
    }
}

/// Where the parser is in one body's tokens, and what it has found so far.
pub(super) struct Parser<'t> {
    pub(super) text: &'t str,
    pub(super) tokens: Vec<RawToken>,
    pub(super) classes: Vec<Option<TokenKind>>,
    pub(super) pos: usize,
    pub(super) end: TextSize,
    pub(super) errors: Vec<ImlError>,
    pub(super) recursion: u32,
    pub(super) too_deep: bool,
}

impl Parser<'_> {
    pub(super) fn error(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        range: TextRange,
    ) {
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

    pub(super) fn syntax(&mut self, message: impl Into<String>, range: TextRange) {
        self.error(error::SYNTAX, message, range);
    }

    // ---- depth guards -------------------------------------------------

    pub(super) fn enter(&mut self) -> bool {
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

    pub(super) fn leave(&mut self) {
        self.recursion = self.recursion.saturating_sub(1);
    }

    /// Reports the nesting error once and drops the rest of the body.
    pub(super) fn give_up(&mut self) -> Node {
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

    pub(super) fn checked(&mut self, node: Node) -> Node {
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
}
