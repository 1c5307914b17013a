//! Selection ranges: from an IML sub-expression out through its `{{ }}`
//! block, the string's contents, the string, the member, the object, … up
//! to the whole document.

use std::path::Path;

use iml_jsonc::{JsonString, Value, ValueKind};
use iml_lang::{Expr, ExprKind};
use text_size::{TextRange, TextSize};

use crate::host::Analysis;
use crate::semantic::sites;

impl Analysis {
    /// For each offset, the ranges around it from innermost to the whole document.
    pub fn selection_ranges(&self, path: &Path, offsets: &[TextSize]) -> Vec<Vec<TextRange>> {
        offsets
            .iter()
            .map(|&offset| selection_range(self, path, offset))
            .collect()
    }
}

/// The ranges around `offset`, innermost first, each containing the one before.
pub(crate) fn selection_range(
    analysis: &Analysis,
    file: &Path,
    offset: TextSize,
) -> Vec<TextRange> {
    let Some(text) = analysis.file_text(file) else {
        return Vec::new();
    };
    let whole = TextRange::up_to(TextSize::try_from(text.len()).unwrap_or_default());
    // Outermost first, reversed at the end.
    let mut outer_first = vec![whole];
    if let Some(root) = analysis.root_value(file)
        && root.range.contains_inclusive(offset)
    {
        descend(analysis, file, root, offset, &mut outer_first);
    }
    let mut chain: Vec<TextRange> = Vec::with_capacity(outer_first.len());
    // An offset inside an escape sequence maps to the escape's start, so an
    // IML range may end just before it: such ranges are left out.
    for range in outer_first.into_iter().rev() {
        if !range.contains_inclusive(offset)
            || chain
                .last()
                .is_some_and(|inner| *inner == range || !range.contains_range(*inner))
        {
            continue;
        }
        chain.push(range);
    }
    chain
}

fn descend(
    analysis: &Analysis,
    file: &Path,
    root: &Value,
    offset: TextSize,
    out: &mut Vec<TextRange>,
) {
    let mut value = root;
    loop {
        out.push(value.range);
        match &value.kind {
            ValueKind::Object(members) => {
                let Some(member) = members.iter().find(|m| m.range.contains_inclusive(offset))
                else {
                    return;
                };
                out.push(member.range);
                if member.key.range.contains_inclusive(offset) {
                    string(analysis, file, &member.key, offset, out);
                    return;
                }
                match &member.value {
                    Some(next) if next.range.contains_inclusive(offset) => value = next,
                    _ => return,
                }
            }
            ValueKind::Array(items) => {
                match items
                    .iter()
                    .find(|item| item.range.contains_inclusive(offset))
                {
                    Some(next) => value = next,
                    None => return,
                }
            }
            ValueKind::String(literal) => {
                string(analysis, file, literal, offset, out);
                return;
            }
            _ => return,
        }
    }
}

/// The string's contents, then inside `{{ }}` the block and the expressions.
fn string(
    analysis: &Analysis,
    file: &Path,
    literal: &JsonString,
    offset: TextSize,
    out: &mut Vec<TextRange>,
) {
    let content = literal.decoded.content_range();
    if !content.contains_inclusive(offset) {
        return;
    }
    out.push(content);
    let Some(sites) = sites(analysis, file) else {
        return;
    };
    let Some(string) = sites.strings.iter().find(|s| s.range == literal.range) else {
        return;
    };
    let Some(at) = string.from_source(offset) else {
        return;
    };
    let Some(block) = string
        .template
        .blocks
        .iter()
        .find(|b| b.range.contains_inclusive(at))
    else {
        return;
    };
    out.push(string.to_source(block.range));
    if !block.body_contains(at) {
        return;
    }
    out.push(string.to_source(block.body));
    for expr in ancestors(&block.expr, at) {
        out.push(string.to_source(expr.range));
        let name = match &expr.kind {
            ExprKind::Member {
                name: Some(name), ..
            } => Some(name.range),
            ExprKind::Call { callee, .. } => Some(callee.range),
            _ => None,
        };
        if let Some(name) = name.filter(|n| n.contains_inclusive(at)) {
            out.push(string.to_source(name));
        }
    }
}

/// The expressions containing `at`, outermost first (the path `expr_at` walks).
fn ancestors(root: &Expr, at: TextSize) -> Vec<&Expr> {
    let mut out = Vec::new();
    if !root.range.contains_inclusive(at) {
        return out;
    }
    let mut current = root;
    loop {
        out.push(current);
        let children = current.children();
        let strict = children.iter().find(|c| c.range.contains(at));
        let inclusive = children
            .iter()
            .rev()
            .find(|c| c.range.contains_inclusive(at));
        match strict.or(inclusive) {
            Some(child) if !child.is_missing() => current = child,
            _ => return out,
        }
    }
}
