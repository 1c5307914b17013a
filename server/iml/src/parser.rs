//! Recursive-descent parser for one expression body, with precedence
//! climbing for binary operators. It never fails: whatever is missing
//! becomes an `ExprKind::Missing` hole and whatever cannot be used is
//! reported and skipped. Recursion and tree height are both bounded.

use text_size::{TextRange, TextSize};

use crate::ast::{BinaryOp, Expr, ExprKind, Keyword, Name, Quote, UnaryOp};
use crate::error::{self, ImlError};
use crate::lexer::{self, RawKind, RawToken};
use crate::token::{Token, TokenKind};

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
    // ---- token access -------------------------------------------------

    fn peek(&self) -> Option<RawToken> {
        self.tokens.get(self.pos).copied()
    }

    fn peek_kind(&self) -> Option<RawKind> {
        self.peek().map(|t| t.kind)
    }

    fn nth_kind(&self, n: usize) -> Option<RawKind> {
        self.tokens.get(self.pos + n).map(|t| t.kind)
    }

    fn bump(&mut self, class: Option<TokenKind>) -> RawToken {
        let token = self.tokens[self.pos];
        if class.is_some() {
            self.classes[self.pos] = class;
        }
        self.pos += 1;
        token
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// Where a missing piece goes: the start of the next token, or the end
    /// of the body.
    fn hole(&self) -> TextSize {
        self.peek().map_or(self.end, |t| t.range.start())
    }

    fn source(&self, range: TextRange) -> &str {
        self.text
            .get(std::ops::Range::<usize>::from(range))
            .unwrap_or("")
    }

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

    fn parse_binary(&mut self, min_precedence: u8) -> Node {
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

    fn parse_postfix(&mut self) -> Node {
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

    /// Skips the rest of a broken argument: up to the next `,`, `;` or
    /// `)` that is not nested in brackets of its own. Returns the end of
    /// what was skipped.
    fn skip_to_separator(&mut self) -> TextSize {
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
    fn skip_balanced(&mut self) -> TextSize {
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

    fn classified_tokens(&self) -> Vec<Token> {
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

fn can_start_operand(kind: RawKind) -> bool {
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

fn unexpected_message(kind: RawKind, text: &str) -> String {
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

fn default_class(kind: RawKind) -> TokenKind {
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
