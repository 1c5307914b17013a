//! The IML expression language: finding `{{ ... }}` blocks in a decoded
//! string, lexing and parsing them with error recovery. Spans are byte
//! offsets into the decoded string; callers map them back to the file.
//!
//! Nothing here fails or panics: every input yields a tree, with
//! `ExprKind::Missing` holes where something was expected and syntactic
//! diagnostics (`I001`, `I005`–`I008`) beside it.

mod ast;
pub mod error;
mod lexer;
mod names;
mod navigate;
mod parser;
mod sexpr;
mod template;
mod token;

pub use ast::{BinaryOp, Expr, ExprKind, Keyword, Name, Quote, UnaryOp, Walk};
pub use error::ImlError;
pub use names::{is_ident_continue, is_ident_start, needs_backticks, property_name};
pub use navigate::{CallAt, MemberChain, PathSegment, call_at, expr_at, member_chain_at};
pub use parser::{ParsedBody, parse_body};
pub use sexpr::to_sexpr;
pub use template::{ExprBlock, Template, parse_template};
pub use token::{Token, TokenKind};

use text_size::TextRange;

/// Parses all of `text` as one expression (no `{{ }}` around it).
pub fn parse_expression(text: &str) -> (Expr, Vec<ImlError>) {
    let len =
        text_size::TextSize::try_from(text.len()).unwrap_or(text_size::TextSize::new(u32::MAX));
    let parsed = parse_body(text, TextRange::up_to(len));
    (parsed.expr, parsed.errors)
}
