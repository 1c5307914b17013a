//! Questions features ask about a position: which expression, which call
//! argument, which member chain is under the cursor. Offsets are in the
//! same decoded string as the tree's ranges; range ends count as inside,
//! so a cursor right after a name still finds it.

use text_size::{TextRange, TextSize};

use crate::ast::{Expr, ExprKind, Name};

/// The innermost expression whose range contains `offset`. Where two
/// siblings touch at `offset`, a non-empty one starting there wins;
/// otherwise the last one ending there (a zero-width hole included).
pub fn expr_at(root: &Expr, offset: TextSize) -> Option<&Expr> {
    if !root.range.contains_inclusive(offset) {
        return None;
    }
    let mut current = root;
    loop {
        let children = current.children();
        let strict = children.iter().find(|c| c.range.contains(offset));
        let inclusive = children
            .iter()
            .rev()
            .find(|c| c.range.contains_inclusive(offset));
        match strict.or(inclusive) {
            Some(child) => current = child,
            None => return Some(current),
        }
    }
}

/// The call whose argument list contains a cursor, and which argument the
/// cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallAt<'a> {
    pub call: &'a Expr,
    pub callee: &'a Name,
    /// 0-based index of the argument under the cursor (counting the
    /// separators before it, so it is right even on a missing argument).
    pub arg_index: usize,
    /// The argument at `arg_index`, when the tree has one.
    pub arg: Option<&'a Expr>,
}

/// The innermost call whose parentheses contain `offset`: after its `(`
/// and before its `)` (or anywhere after `(` when it is unclosed).
pub fn call_at(root: &Expr, offset: TextSize) -> Option<CallAt<'_>> {
    let mut best: Option<CallAt<'_>> = None;
    for expr in root.walk() {
        let ExprKind::Call {
            callee,
            args,
            closed,
            open,
            separators,
        } = &expr.kind
        else {
            continue;
        };
        let inside = offset >= open.end()
            && if *closed {
                offset < expr.range.end()
            } else {
                offset <= expr.range.end()
            };
        if !inside || best.is_some_and(|b| call_open(b.call) > open.start()) {
            continue;
        }
        let arg_index = separators.iter().filter(|s| s.end() <= offset).count();
        best = Some(CallAt {
            call: expr,
            callee,
            arg_index,
            arg: args.get(arg_index),
        });
    }
    best
}

fn call_open(call: &Expr) -> TextSize {
    match &call.kind {
        ExprKind::Call { open, .. } => open.start(),
        _ => call.range.start(),
    }
}

/// One step of a member chain between its root and the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// `.name`
    Property(Name),
    /// `[…]`: an element of an array.
    Index,
}

/// The member chain a cursor on a property name (or right after a `.`)
/// belongs to: `parameters.input.da|` → root `parameters`, path
/// `[input]`, partial `da`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChain {
    pub root: Name,
    /// Complete steps between the root and the property under the cursor.
    pub path: Vec<PathSegment>,
    /// The property name under the cursor; `None` for the hole after a dangling `.`.
    pub partial: Option<Name>,
    /// What a completion replaces: the partial name, or an empty range at the hole.
    pub replace: TextRange,
}

/// The member chain whose last property name contains `offset`. `None`
/// when the cursor is not on a property name (the root name included:
/// use [`expr_at`] for that) or the chain does not start at a name
/// (e.g. `first(x).y`).
pub fn member_chain_at(root: &Expr, offset: TextSize) -> Option<MemberChain> {
    let member = root.walk().find(|expr| match &expr.kind {
        ExprKind::Member {
            name: Some(name), ..
        } => name.range.contains_inclusive(offset),
        ExprKind::Member { name: None, .. } => expr.range.end() == offset,
        _ => false,
    })?;
    let ExprKind::Member { object, name } = &member.kind else {
        return None;
    };
    let (partial, replace) = match name {
        Some(name) => (Some(name.clone()), name.range),
        None => (None, TextRange::empty(offset)),
    };
    let mut path = Vec::new();
    let mut current: &Expr = object;
    let root = loop {
        match &current.kind {
            ExprKind::Name(name) => break name.clone(),
            ExprKind::Member {
                object,
                name: Some(name),
            } => {
                path.push(PathSegment::Property(name.clone()));
                current = object;
            }
            ExprKind::Index { object, .. } => {
                path.push(PathSegment::Index);
                current = object;
            }
            _ => return None,
        }
    };
    path.reverse();
    Some(MemberChain {
        root,
        path,
        partial,
        replace,
    })
}
