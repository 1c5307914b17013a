//! A compact S-expression rendering of trees with their ranges, for test
//! snapshots and debugging.

use std::fmt::Write;

use text_size::TextRange;

use crate::ast::{Expr, ExprKind, Name};

/// Renders `expr` as one line, e.g. `(+ (name a 0..1) (num 1 4..5) 0..5)`.
/// The tree's height is bounded by the parser, so recursion is safe.
pub fn to_sexpr(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr);
    out
}

fn range(r: TextRange) -> String {
    format!("{}..{}", u32::from(r.start()), u32::from(r.end()))
}

fn name(n: &Name) -> String {
    if n.backticked {
        format!("`{}` {}", n.text, range(n.range))
    } else {
        format!("{} {}", n.text, range(n.range))
    }
}

fn write_expr(out: &mut String, expr: &Expr) {
    let r = range(expr.range);
    match &expr.kind {
        ExprKind::Missing => {
            let _ = write!(out, "(missing {r})");
        }
        ExprKind::Number(text) => {
            let _ = write!(out, "(num {text} {r})");
        }
        ExprKind::String {
            value, terminated, ..
        } => {
            let tag = if *terminated {
                "str"
            } else {
                "str-unterminated"
            };
            let _ = write!(out, "({tag} {value:?} {r})");
        }
        ExprKind::Keyword(k) => {
            let _ = write!(out, "(kw {} {r})", k.as_str());
        }
        ExprKind::Name(n) => {
            let _ = write!(out, "(name {})", name(n));
        }
        ExprKind::Member { object, name: n } => {
            out.push_str("(. ");
            write_expr(out, object);
            match n {
                Some(n) => {
                    let _ = write!(out, " {}", name(n));
                }
                None => out.push_str(" <hole>"),
            }
            let _ = write!(out, " {r})");
        }
        ExprKind::Index { object, index } => {
            out.push_str("([] ");
            write_expr(out, object);
            out.push(' ');
            match index {
                Some(index) => write_expr(out, index),
                None => out.push_str("<first>"),
            }
            let _ = write!(out, " {r})");
        }
        ExprKind::Call {
            callee,
            args,
            closed,
            ..
        } => {
            let _ = write!(out, "(call {}", name(callee));
            for arg in args {
                out.push(' ');
                write_expr(out, arg);
            }
            if !closed {
                out.push_str(" <unclosed>");
            }
            let _ = write!(out, " {r})");
        }
        ExprKind::Unary { op, operand } => {
            let _ = write!(out, "(unary{} ", op.as_str());
            write_expr(out, operand);
            let _ = write!(out, " {r})");
        }
        ExprKind::Binary { op, lhs, rhs, .. } => {
            let _ = write!(out, "({} ", op.as_str());
            write_expr(out, lhs);
            out.push(' ');
            write_expr(out, rhs);
            let _ = write!(out, " {r})");
        }
        ExprKind::Paren(inner) => {
            out.push_str("(paren ");
            write_expr(out, inner);
            let _ = write!(out, " {r})");
        }
        ExprKind::Spread => {
            let _ = write!(out, "(spread {r})");
        }
        ExprKind::ObjectLiteral => {
            let _ = write!(out, "(object-literal {r})");
        }
        ExprKind::ArrayLiteral => {
            let _ = write!(out, "(array-literal {r})");
        }
        ExprKind::Error => {
            let _ = write!(out, "(error {r})");
        }
    }
}
