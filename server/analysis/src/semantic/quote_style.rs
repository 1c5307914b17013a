//! I012: a string literal inside IML written with double quotes. In a JSON
//! string each of those quotes costs a backslash (`\"`); single quotes mean
//! the same and need none.

use iml_catalogue::Severity;
use iml_lang::{Expr, ExprKind, Quote};
use text_size::{TextRange, TextSize};

use super::sites::Site;
use crate::diagnostics::{Diagnostic, Fix, TextEdit};

pub(super) const CODE: &str = "I012";

/// The hint for `expr` if it is a closed double-quoted string literal.
pub(super) fn double_quoted_literal(
    site: &Site<'_>,
    expr: &Expr,
    severity: Severity,
) -> Option<Diagnostic> {
    let ExprKind::String {
        value,
        terminated: true,
        quote: Quote::Double,
    } = &expr.kind
    else {
        return None;
    };
    // A literal that holds `'` would need an escape in single quotes, which
    // is no easier to read than the double quotes it has: nothing to advise.
    if value.contains('\'') {
        return None;
    }
    let message = "string literal in double quotes, which JSON makes you escape as `\\\"`: write \
                   it in single quotes, e.g. 'text', which mean the same and need no escaping"
        .to_owned();
    let fixes = vec![single_quote_fix(site, expr.range)];
    Some(Diagnostic {
        code: CODE,
        severity,
        message,
        range: site.to_source(expr.range),
        help: None,
        fixes,
    })
}

/// Swaps the two quotes for `'` and drops the IML escape from every `\"`
/// inside, which single quotes do not need. Every other byte of the source
/// (JSON escapes included) stays as written.
fn single_quote_fix(site: &Site<'_>, literal: TextRange) -> Fix {
    let one = TextSize::from(1);
    let open = TextRange::at(literal.start(), one);
    let close = TextRange::new(literal.end() - one, literal.end());
    let mut edits = vec![TextEdit {
        range: site.to_source(open),
        new_text: "'".to_owned(),
    }];
    let decoded = site.string.decoded.as_str();
    let inner = &decoded[usize::from(open.end())..usize::from(close.start())];
    let mut chars = inner.char_indices();
    while let Some((offset, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        if let Some((_, '"')) = chars.next() {
            let start = open.end() + TextSize::from(offset as u32);
            edits.push(TextEdit {
                range: site.to_source(TextRange::at(start, TextSize::from(2))),
                // A lone `"` as it is written inside a JSON string.
                new_text: "\\\"".to_owned(),
            });
        }
    }
    edits.push(TextEdit {
        range: site.to_source(close),
        new_text: "'".to_owned(),
    });
    Fix {
        title: "Use single quotes".to_owned(),
        edits,
    }
}
