//! Fixture tests of the semantic model.

mod context;
mod corpus_scan;
mod cursor;
mod diagnostics;
mod example_app;
mod facts;
mod quote_style;

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::semantic::SiteContext;

pub(crate) use crate::tests::host_from;

fn show_context(context: &SiteContext) -> String {
    let mut out = String::new();
    match context.place {
        Some(place) => write!(out, "{place:?}").unwrap(),
        None => out.push_str("no place"),
    }
    if let Some(section) = context.section {
        write!(out, " {section:?}").unwrap();
    }
    if let Some(expr) = context.expr {
        write!(out, " {:?}", expr.region).unwrap();
        if expr.iterating {
            out.push_str(" iterating");
        }
    }
    if let Some(index) = context.request_index {
        write!(out, " request[{index}]").unwrap();
    }
    if let Some(directive) = &context.directive {
        write!(out, " directive={directive}").unwrap();
    }
    if context.is_key {
        out.push_str(" key");
    }
    out
}

fn show_diagnostics(text: &str, path: &Path, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let start = usize::from(d.range.start());
        let end = usize::from(d.range.end());
        writeln!(
            out,
            "{} {} {} {:?}: {}",
            path.display(),
            d.code,
            d.severity.as_str(),
            &text[start..end],
            d.message
        )
        .unwrap();
        for fix in &d.fixes {
            writeln!(out, "    fix: {}", fix.title).unwrap();
        }
    }
    out
}
