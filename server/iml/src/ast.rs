//! The IML syntax tree. Every node carries its byte range in the decoded
//! string the expression was found in.

use text_size::{TextRange, TextSize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// A hole where an operand, argument or name was expected; zero-width,
    /// placed where the missing text would go (the cursor while typing).
    Missing,
    /// The literal text of a number, e.g. `1.5`.
    Number(String),
    /// A quoted string with its escapes resolved.
    String {
        value: String,
        terminated: bool,
        quote: Quote,
    },
    Keyword(Keyword),
    /// A root identifier such as `parameters` or `` `my var` ``.
    Name(Name),
    /// `object.name`; `name` is `None` for a dangling `object.`.
    Member {
        object: Box<Expr>,
        name: Option<Name>,
    },
    /// `object[index]`; `index` is `None` for the empty `[]`.
    Index {
        object: Box<Expr>,
        index: Option<Box<Expr>>,
    },
    /// `callee(args…)`. `open` is the `(`; `separators` are the `,` (or
    /// `;`) between arguments, so a cursor can be mapped to an argument
    /// index even when an argument is still missing.
    Call {
        callee: Name,
        args: Vec<Expr>,
        closed: bool,
        open: TextRange,
        separators: Vec<TextRange>,
    },
    /// `!x` or `-x`; the operator is the first byte of the range.
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        op_range: TextRange,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `( expr )`.
    Paren(Box<Expr>),
    /// The spread key body `...` of `{{...}}`.
    Spread,
    /// `{ … }` inside an expression; its contents are skipped.
    ObjectLiteral,
    /// `[ … ]` in operand position; its contents are skipped.
    ArrayLiteral,
    /// Text that could not be parsed (an error has been reported for it).
    Error,
}

/// The quote a string literal is written with. Both mean the same; inside
/// a JSON string a double quote costs an escape (`\"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quote {
    Single,
    Double,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name without backticks.
    pub text: String,
    /// The range of the name in the source, backticks included.
    pub range: TextRange,
    pub backticked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    True,
    False,
    Null,
    Undefined,
    EmptyArray,
    EmptyString,
}

impl Keyword {
    pub const ALL: [Keyword; 6] = [
        Keyword::True,
        Keyword::False,
        Keyword::Null,
        Keyword::Undefined,
        Keyword::EmptyArray,
        Keyword::EmptyString,
    ];

    pub fn from_text(text: &str) -> Option<Keyword> {
        Keyword::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::True => "true",
            Keyword::False => "false",
            Keyword::Null => "null",
            Keyword::Undefined => "undefined",
            Keyword::EmptyArray => "emptyarray",
            Keyword::EmptyString => "emptystring",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `!`
    Not,
    /// `-`
    Neg,
}

impl UnaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Not => "!",
            UnaryOp::Neg => "-",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    /// `==`
    Eq,
    /// `=` (same meaning as `==` in IML)
    EqSingle,
    /// `===`
    StrictEq,
    /// `!=`
    Ne,
    /// `!==`
    StrictNe,
    And,
    Or,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Eq => "==",
            BinaryOp::EqSingle => "=",
            BinaryOp::StrictEq => "===",
            BinaryOp::Ne => "!=",
            BinaryOp::StrictNe => "!==",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
        }
    }

    /// Binding power; higher binds tighter. All binary operators are
    /// left-associative.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq
            | BinaryOp::EqSingle
            | BinaryOp::StrictEq
            | BinaryOp::Ne
            | BinaryOp::StrictNe => 3,
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => 4,
            BinaryOp::Add | BinaryOp::Sub => 5,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => 6,
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, range: TextRange) -> Expr {
        Expr { kind, range }
    }

    pub fn missing(at: TextSize) -> Expr {
        Expr::new(ExprKind::Missing, TextRange::empty(at))
    }

    pub fn is_missing(&self) -> bool {
        matches!(self.kind, ExprKind::Missing)
    }

    /// The direct sub-expressions, in source order.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Member { object, .. } => vec![object],
            ExprKind::Index { object, index } => {
                let mut out: Vec<&Expr> = vec![object];
                out.extend(index.as_deref());
                out
            }
            ExprKind::Call { args, .. } => args.iter().collect(),
            ExprKind::Unary { operand, .. } => vec![operand],
            ExprKind::Binary { lhs, rhs, .. } => vec![lhs, rhs],
            ExprKind::Paren(inner) => vec![inner],
            ExprKind::Missing
            | ExprKind::Number(_)
            | ExprKind::String { .. }
            | ExprKind::Keyword(_)
            | ExprKind::Name(_)
            | ExprKind::Spread
            | ExprKind::ObjectLiteral
            | ExprKind::ArrayLiteral
            | ExprKind::Error => Vec::new(),
        }
    }

    /// Every expression of the tree, this one first, in pre-order (parents
    /// before children, children in source order). Uses an explicit stack,
    /// so tree depth never touches the call stack.
    pub fn walk(&self) -> Walk<'_> {
        Walk { stack: vec![self] }
    }

    /// The root name this expression is a member/index chain of, if any:
    /// `parameters.a[1].b` → `parameters`.
    pub fn chain_root(&self) -> Option<&Name> {
        let mut current = self;
        loop {
            match &current.kind {
                ExprKind::Name(name) => return Some(name),
                ExprKind::Member { object, .. } | ExprKind::Index { object, .. } => {
                    current = object
                }
                _ => return None,
            }
        }
    }
}

/// Pre-order iterator over an expression tree; see [`Expr::walk`].
pub struct Walk<'a> {
    stack: Vec<&'a Expr>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Expr;

    fn next(&mut self) -> Option<&'a Expr> {
        let expr = self.stack.pop()?;
        let children = expr.children();
        self.stack.extend(children.into_iter().rev());
        Some(expr)
    }
}
