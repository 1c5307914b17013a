//! Unary and binary operators: precedence climbing, and the hint for
//! hyphenated property names that the grammar reads as subtraction.

use text_size::{TextRange, TextSize};

use crate::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::error;
use crate::lexer::RawKind;
use crate::token::TokenKind;

use super::state::{Node, Parser};
use super::tokens::can_start_operand;

impl Parser<'_> {
    fn peek_binary_op(&mut self) -> Option<BinaryOp> {
        let token = self.peek()?;
        match token.kind {
            RawKind::Op(op) => Some(op),
            RawKind::Unknown => {
                let (op, text) = match self.source(token.range) {
                    "&" => (BinaryOp::And, "&"),
                    "|" => (BinaryOp::Or, "|"),
                    _ => return None,
                };
                self.syntax(
                    format!("unknown operator `{text}`: use `{}`", op.as_str()),
                    token.range,
                );
                Some(op)
            }
            _ => None,
        }
    }

    pub(super) fn parse_binary(&mut self, min_precedence: u8) -> Node {
        let mut lhs = self.parse_unary();
        while let Some(op) = self.peek_binary_op() {
            if op.precedence() < min_precedence {
                break;
            }
            let op_token = self.bump(Some(TokenKind::Operator));
            let rhs = if self.peek_kind().is_some_and(can_start_operand) {
                if !self.enter() {
                    return self.give_up();
                }
                let rhs = self.parse_binary(op.precedence() + 1);
                self.leave();
                rhs
            } else {
                let at = self.hole();
                self.syntax(
                    format!("expected an operand after `{}`", op.as_str()),
                    TextRange::new(op_token.range.start(), at.max(op_token.range.end())),
                );
                Node::leaf(ExprKind::Missing, TextRange::empty(at))
            };
            self.check_needs_backticks(op, op_token.range, &lhs.expr, &rhs.expr);
            let range = lhs.expr.range.cover(rhs.expr.range).cover(op_token.range);
            let height = lhs.height.max(rhs.height) + 1;
            lhs = self.checked(Node {
                expr: Expr::new(
                    ExprKind::Binary {
                        op,
                        op_range: op_token.range,
                        lhs: Box::new(lhs.expr),
                        rhs: Box::new(rhs.expr),
                    },
                    range,
                ),
                height,
            });
            if self.too_deep {
                break;
            }
        }
        lhs
    }

    fn parse_unary(&mut self) -> Node {
        let op = match self.peek_kind() {
            Some(RawKind::Bang) => UnaryOp::Not,
            Some(RawKind::Op(BinaryOp::Sub)) => UnaryOp::Neg,
            _ => return self.parse_postfix(),
        };
        let op_token = self.bump(Some(TokenKind::Operator));
        let operand = if self.peek_kind().is_some_and(can_start_operand) {
            if !self.enter() {
                return self.give_up();
            }
            let operand = self.parse_unary();
            self.leave();
            operand
        } else {
            let at = self.hole();
            self.syntax(
                format!("expected an operand after `{}`", op.as_str()),
                TextRange::new(op_token.range.start(), at.max(op_token.range.end())),
            );
            Node::leaf(ExprKind::Missing, TextRange::empty(at))
        };
        let range = op_token.range.cover(operand.expr.range);
        let height = operand.height + 1;
        self.checked(Node {
            expr: Expr::new(
                ExprKind::Unary {
                    op,
                    operand: Box::new(operand.expr),
                },
                range,
            ),
            height,
        })
    }

    /// `headers.X-Api-Key` parses as `headers.X - Api - Key`; when the
    /// minus signs touch names on both sides, the author meant one
    /// property name.
    fn check_needs_backticks(&mut self, op: BinaryOp, op_range: TextRange, lhs: &Expr, rhs: &Expr) {
        if op != BinaryOp::Sub
            || lhs.range.end() != op_range.start()
            || rhs.range.start() != op_range.end()
        {
            return;
        }
        let ExprKind::Name(rhs_name) = &rhs.kind else {
            return;
        };
        if rhs_name.backticked {
            return;
        }
        let Some((object, name_start)) = hyphenated_member(lhs) else {
            return;
        };
        let name_range = TextRange::new(name_start, rhs.range.end());
        let name_text = self.source(name_range).to_owned();
        let object_text = self.source(object.range).to_owned();
        // The shorter chain reported for the previous `-` is superseded.
        if let Some(last) = self.errors.last()
            && last.code == error::NEEDS_BACKTICKS
            && last.range.start() == name_start
        {
            self.errors.pop();
        }
        self.error(
            error::NEEDS_BACKTICKS,
            format!(
                "`{name_text}` is read as a subtraction: a property name containing `-` needs backticks: {object_text}.`{name_text}`"
            ),
            name_range,
        );
    }
}

/// For `obj.name` or a `obj.a-b` chain already read as subtraction,
/// returns `obj` and where the hyphenated property name starts.
fn hyphenated_member(expr: &Expr) -> Option<(&Expr, TextSize)> {
    let mut current = expr;
    loop {
        match &current.kind {
            ExprKind::Member {
                object,
                name: Some(name),
            } if !name.backticked => return Some((object, name.range.start())),
            ExprKind::Binary {
                op: BinaryOp::Sub,
                op_range,
                lhs,
                rhs,
            } if lhs.range.end() == op_range.start()
                && rhs.range.start() == op_range.end()
                && matches!(&rhs.kind, ExprKind::Name(n) if !n.backticked) =>
            {
                current = lhs
            }
            _ => return None,
        }
    }
}
