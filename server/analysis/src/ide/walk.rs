//! Walks the features share: every string of a value tree, and the member
//! chains of an IML expression.

use iml_jsonc::{JsonString, Value, ValueKind};
use iml_lang::{Expr, ExprKind, Name};

/// Every string value (not key) below `root`, in source order. Uses an
/// explicit stack, so nesting depth never touches the call stack.
pub(crate) fn string_values(root: &Value) -> Vec<&JsonString> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match &value.kind {
            ValueKind::String(string) => out.push(string),
            ValueKind::Object(members) => {
                stack.extend(members.iter().rev().filter_map(|m| m.value.as_ref()));
            }
            ValueKind::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    out
}

/// One property read: `root.a.b` with the cursor (or the reference) on one
/// of its property names.
#[derive(Debug, Clone)]
pub(crate) struct ChainStep<'a> {
    pub(crate) root: &'a Name,
    /// How the property is read below the root: `a`, `a.b`, `a[].b`.
    pub(crate) path: String,
    /// The property name this step ends with.
    pub(crate) name: &'a Name,
}

/// For a `Member` expression with a name, the chain from its root name to
/// that name; `None` when the chain does not start at a name.
pub(crate) fn chain_step(expr: &Expr) -> Option<ChainStep<'_>> {
    let ExprKind::Member {
        object,
        name: Some(name),
    } = &expr.kind
    else {
        return None;
    };
    let mut segments: Vec<&str> = vec![&name.text];
    let mut current: &Expr = object;
    let root = loop {
        match &current.kind {
            ExprKind::Name(root) => break root,
            ExprKind::Member {
                object,
                name: Some(name),
            } => {
                segments.push(&name.text);
                current = object;
            }
            ExprKind::Index { object, .. } => {
                segments.push("[]");
                current = object;
            }
            _ => return None,
        }
    };
    segments.reverse();
    let mut path = String::new();
    for segment in segments {
        if segment != "[]" && !path.is_empty() {
            path.push('.');
        }
        path.push_str(segment);
    }
    // A leading index (`parameters[0]`) is no property path.
    if path.starts_with('[') {
        return None;
    }
    Some(ChainStep { root, path, name })
}

/// Every chain step of an expression tree, in pre-order.
pub(crate) fn chain_steps(expr: &Expr) -> impl Iterator<Item = ChainStep<'_>> {
    expr.walk().filter_map(chain_step)
}
