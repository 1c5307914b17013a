//! Operands and their postfix chains: literals, names, keywords,
//! parentheses, calls, member access and indexing.

use text_size::TextRange;

use crate::ast::{Expr, ExprKind, Keyword, Name, Quote};
use crate::error;
use crate::lexer::{self, RawKind, RawToken};
use crate::token::TokenKind;

use super::recovery::unexpected_message;
use super::state::{Node, Parser};
use super::tokens::can_start_operand;

impl Parser<'_> {
    pub(super) fn parse_postfix(&mut self) -> Node {
        let mut node = self.parse_primary();
        loop {
            match self.peek_kind() {
                Some(RawKind::Dot) => {
                    let dot = self.bump(Some(TokenKind::Punct));
                    let name = self.parse_property_name(dot.range, &node.expr);
                    let end = name.as_ref().map_or(dot.range.end(), |n| n.range.end());
                    let range = TextRange::new(node.expr.range.start(), end);
                    node = Node {
                        expr: Expr::new(
                            ExprKind::Member {
                                object: Box::new(node.expr),
                                name,
                            },
                            range,
                        ),
                        height: node.height + 1,
                    };
                }
                Some(RawKind::LBracket) => node = self.parse_index(node),
                Some(RawKind::LParen) => {
                    let open = self.peek().map_or(TextRange::empty(self.end), |t| t.range);
                    self.syntax(
                        "only named functions can be called: write fn(value, …) instead of value.fn(…)",
                        open,
                    );
                    let end = self.skip_balanced();
                    let range = TextRange::new(node.expr.range.start(), end);
                    node = Node::leaf(ExprKind::Error, range);
                }
                _ => return node,
            }
            node = self.checked(node);
            if self.too_deep {
                return node;
            }
        }
    }

    fn parse_property_name(&mut self, dot: TextRange, object: &Expr) -> Option<Name> {
        match self.peek_kind() {
            Some(RawKind::Ident) => {
                let token = self.bump(Some(TokenKind::Property));
                let text = self.source(token.range).to_owned();
                if text.starts_with(|c: char| c.is_ascii_digit()) {
                    let object_text = self.source(object.range).to_owned();
                    self.error(
                        error::NEEDS_BACKTICKS,
                        format!(
                            "a property name starting with a digit needs backticks: {object_text}.`{text}`"
                        ),
                        token.range,
                    );
                }
                Some(Name {
                    text,
                    range: token.range,
                    backticked: false,
                })
            }
            Some(RawKind::Backtick { terminated }) => {
                let token = self.bump(Some(TokenKind::Property));
                Some(self.backtick_name(token, terminated))
            }
            _ => {
                self.syntax(
                    "expected a property name after `.`: write a name, or a `backticked name`",
                    dot,
                );
                None
            }
        }
    }

    fn backtick_name(&mut self, token: RawToken, terminated: bool) -> Name {
        let source = self.source(token.range);
        let inner_end = if terminated {
            source.len() - 1
        } else {
            source.len()
        };
        let text = source.get(1..inner_end).unwrap_or("").to_owned();
        if !terminated {
            self.syntax(
                "unterminated backtick name: add the closing `` ` ``",
                token.range,
            );
        }
        Name {
            text,
            range: token.range,
            backticked: true,
        }
    }

    fn parse_index(&mut self, object: Node) -> Node {
        let open = self.bump(Some(TokenKind::Punct));
        let index = if self.peek_kind() == Some(RawKind::RBracket) {
            None
        } else if self.peek_kind().is_some_and(can_start_operand) {
            Some(self.parse_expr())
        } else {
            let at = self.hole();
            self.syntax(
                "expected an index or `]`",
                TextRange::new(open.range.start(), at.max(open.range.end())),
            );
            Some(Node::leaf(ExprKind::Missing, TextRange::empty(at)))
        };
        let mut end = index
            .as_ref()
            .map_or(open.range.end(), |i| i.expr.range.end());
        if self.peek_kind() == Some(RawKind::RBracket) {
            end = self.bump(Some(TokenKind::Punct)).range.end();
        } else {
            self.syntax("unclosed `[`: add `]`", open.range);
        }
        if let Some(index) = &index
            && let ExprKind::Number(text) = &index.expr.kind
            && text
                .trim_start_matches('0')
                .trim_start_matches('.')
                .trim_matches('0')
                .is_empty()
        {
            self.error(
                error::ZERO_INDEX,
                "IML arrays start at 1 (`[-1]` is the last item): did you mean [1]?",
                index.expr.range,
            );
        }
        let height = object.height.max(index.as_ref().map_or(0, |i| i.height)) + 1;
        let range = TextRange::new(object.expr.range.start(), end);
        Node {
            expr: Expr::new(
                ExprKind::Index {
                    object: Box::new(object.expr),
                    index: index.map(|i| Box::new(i.expr)),
                },
                range,
            ),
            height,
        }
    }

    fn parse_primary(&mut self) -> Node {
        let Some(token) = self.peek() else {
            self.syntax("expected an expression", TextRange::empty(self.end));
            return Node::leaf(ExprKind::Missing, TextRange::empty(self.end));
        };
        match token.kind {
            RawKind::Number => {
                self.bump(Some(TokenKind::Number));
                let text = self.source(token.range).to_owned();
                Node::leaf(ExprKind::Number(text), token.range)
            }
            RawKind::Str { terminated } => {
                self.bump(Some(TokenKind::String));
                let source = self.source(token.range);
                let value = lexer::decode_string(source, terminated);
                let quote = if source.starts_with('"') {
                    Quote::Double
                } else {
                    Quote::Single
                };
                if !terminated {
                    let quote = source.chars().next().unwrap_or('\'');
                    self.syntax(
                        format!("unterminated string: add the closing `{quote}`"),
                        token.range,
                    );
                }
                Node::leaf(
                    ExprKind::String {
                        value,
                        terminated,
                        quote,
                    },
                    token.range,
                )
            }
            RawKind::Ident => {
                let text = self.source(token.range).to_owned();
                if self.nth_kind(1) == Some(RawKind::LParen) {
                    self.bump(Some(TokenKind::Function));
                    let callee = Name {
                        text,
                        range: token.range,
                        backticked: false,
                    };
                    return self.parse_call(callee);
                }
                if let Some(keyword) = Keyword::from_text(&text) {
                    self.bump(Some(TokenKind::Keyword));
                    return Node::leaf(ExprKind::Keyword(keyword), token.range);
                }
                self.bump(Some(TokenKind::Name));
                let name = Name {
                    text,
                    range: token.range,
                    backticked: false,
                };
                Node::leaf(ExprKind::Name(name), token.range)
            }
            RawKind::Backtick { terminated } => {
                let is_call = self.nth_kind(1) == Some(RawKind::LParen);
                let class = if is_call {
                    TokenKind::Function
                } else {
                    TokenKind::Name
                };
                self.bump(Some(class));
                let name = self.backtick_name(token, terminated);
                if is_call {
                    return self.parse_call(name);
                }
                Node::leaf(ExprKind::Name(name), token.range)
            }
            RawKind::LParen => self.parse_paren(),
            RawKind::LBrace | RawKind::LBracket => {
                let (kind, message) = if token.kind == RawKind::LBrace {
                    (
                        ExprKind::ObjectLiteral,
                        "object literals are not supported in IML: build the object in the JSON structure (or in `temp`)",
                    )
                } else {
                    (
                        ExprKind::ArrayLiteral,
                        "array literals are not supported in IML: use `emptyarray`, or build the array with functions or in the JSON structure",
                    )
                };
                let end = self.skip_balanced();
                let range = TextRange::new(token.range.start(), end);
                self.error(error::LITERAL_COLLECTION, message, range);
                Node::leaf(kind, range)
            }
            RawKind::Ellipsis => {
                self.bump(Some(TokenKind::Spread));
                self.syntax(
                    "`...` is only valid as the whole spread key `{{...}}`",
                    token.range,
                );
                Node::leaf(ExprKind::Error, token.range)
            }
            RawKind::Unknown => {
                self.bump(Some(TokenKind::Unknown));
                let text = self.source(token.range).to_owned();
                self.syntax(
                    format!("unexpected character `{text}` in an expression"),
                    token.range,
                );
                Node::leaf(ExprKind::Error, token.range)
            }
            _ => {
                let text = self.source(token.range).to_owned();
                self.syntax(
                    format!("expected an expression before `{text}`"),
                    TextRange::empty(token.range.start()),
                );
                Node::leaf(ExprKind::Missing, TextRange::empty(token.range.start()))
            }
        }
    }

    fn parse_paren(&mut self) -> Node {
        let open = self.bump(Some(TokenKind::Punct));
        let inner = if self.peek_kind().is_some_and(can_start_operand) {
            self.parse_expr()
        } else {
            let at = self.hole();
            self.syntax(
                "expected an expression inside `( )`",
                TextRange::new(open.range.start(), at.max(open.range.end())),
            );
            Node::leaf(ExprKind::Missing, TextRange::empty(at))
        };
        let mut end = inner.expr.range.end().max(open.range.end());
        if self.peek_kind() == Some(RawKind::RParen) {
            end = self.bump(Some(TokenKind::Punct)).range.end();
        } else {
            self.syntax("unclosed `(`: add `)`", open.range);
        }
        Node {
            expr: Expr::new(
                ExprKind::Paren(Box::new(inner.expr)),
                TextRange::new(open.range.start(), end),
            ),
            height: inner.height + 1,
        }
    }

    fn parse_call(&mut self, callee: Name) -> Node {
        let open = self.bump(Some(TokenKind::Punct)).range;
        let mut args: Vec<Expr> = Vec::new();
        let mut separators: Vec<TextRange> = Vec::new();
        let mut height = 1;
        let mut closed = false;
        let mut end = open.end();
        if self.peek_kind() == Some(RawKind::RParen) {
            end = self.bump(Some(TokenKind::Punct)).range.end();
            closed = true;
        }
        'args: while !closed && !self.too_deep {
            // `f(a, b,)`: a trailing comma is tolerated (apps in use
            // have them); the cursor after it still maps to a new
            // argument through `separators`.
            if !separators.is_empty() && self.peek_kind() == Some(RawKind::RParen) {
                end = self.bump(Some(TokenKind::Punct)).range.end();
                closed = true;
                break;
            }
            let arg = if self.peek_kind().is_some_and(can_start_operand) {
                self.parse_expr()
            } else {
                let at = self.hole();
                let after = separators.last().copied().unwrap_or(open);
                self.syntax(
                    format!("expected an argument after `{}`", self.source(after)),
                    TextRange::new(after.start(), at.max(after.end())),
                );
                Node::leaf(ExprKind::Missing, TextRange::empty(at))
            };
            height = height.max(arg.height + 1);
            end = end.max(arg.expr.range.end());
            args.push(arg.expr);
            loop {
                let Some(token) = self.peek() else {
                    self.syntax(
                        format!("unclosed `(` in the call to {}: add `)`", callee.text),
                        open,
                    );
                    break 'args;
                };
                match token.kind {
                    RawKind::Comma => {
                        self.bump(Some(TokenKind::Punct));
                        separators.push(token.range);
                        end = token.range.end();
                        continue 'args;
                    }
                    RawKind::Semi => {
                        self.bump(Some(TokenKind::Punct));
                        self.error(
                            error::SEMICOLON_SEPARATOR,
                            "use ',' to separate arguments: custom-app IML separates arguments with commas",
                            token.range,
                        );
                        separators.push(token.range);
                        end = token.range.end();
                        continue 'args;
                    }
                    RawKind::RParen => {
                        end = self.bump(Some(TokenKind::Punct)).range.end();
                        closed = true;
                        break 'args;
                    }
                    kind if can_start_operand(kind) => {
                        let text = self.source(token.range).to_owned();
                        self.syntax(
                            format!("missing `,` or operator before `{text}`: separate arguments with `,` and join text with `+`"),
                            TextRange::empty(token.range.start()),
                        );
                        separators.push(TextRange::empty(token.range.start()));
                        continue 'args;
                    }
                    kind => {
                        let message = unexpected_message(kind, self.source(token.range));
                        self.syntax(message, token.range);
                        end = self.skip_to_separator();
                    }
                }
            }
        }
        let range = TextRange::new(callee.range.start(), end.max(callee.range.end()));
        self.checked(Node {
            expr: Expr::new(
                ExprKind::Call {
                    callee,
                    args,
                    closed,
                    open,
                    separators,
                },
                range,
            ),
            height,
        })
    }
}
