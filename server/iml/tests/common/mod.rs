//! Rendering helpers shared by the test files: trees as S-expressions,
//! diagnostics as `CODE start..end message` lines.

#![allow(dead_code)]

use iml_lang::{ImlError, Template, parse_expression, parse_template, to_sexpr};
use text_size::{TextRange, TextSize};

pub fn range(r: TextRange) -> String {
    format!("{}..{}", u32::from(r.start()), u32::from(r.end()))
}

pub fn render_errors(out: &mut String, errors: &[ImlError]) {
    for e in errors {
        out.push_str(&format!("  {} {} {}\n", e.code, range(e.range), e.message));
    }
}

/// One line per block (range, body, closed), its tree, then its errors.
pub fn render_template(text: &str) -> String {
    let template: Template = parse_template(text);
    let mut out = String::new();
    for block in &template.blocks {
        out.push_str(&format!(
            "block {} body {}{}\n  {}\n",
            range(block.range),
            range(block.body),
            if block.closed { "" } else { " unclosed" },
            to_sexpr(&block.expr),
        ));
        render_errors(&mut out, &block.errors);
    }
    let segments: Vec<String> = template
        .text_segments()
        .into_iter()
        .map(|r| format!("{:?}", &text[r]))
        .collect();
    if segments.is_empty() {
        out.push_str("no text\n");
    } else {
        out.push_str(&format!("text {}\n", segments.join(" ")));
    }
    if template.is_single_expression() {
        out.push_str("single expression\n");
    }
    out
}

/// The tree of a bare expression, then its errors.
pub fn render_expr(text: &str) -> String {
    let (expr, errors) = parse_expression(text);
    let mut out = to_sexpr(&expr);
    out.push('\n');
    render_errors(&mut out, &errors);
    out
}

/// Removes the `$0` cursor marker and returns its offset.
pub fn cursor(fixture: &str) -> (String, TextSize) {
    let at = fixture.find("$0").expect("fixture has a $0 cursor");
    let text = fixture.replacen("$0", "", 1);
    (text, TextSize::try_from(at).unwrap())
}
