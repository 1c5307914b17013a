//! Folding ranges: multi-line objects, arrays and comments.

use std::path::Path;

use iml_jsonc::{Value, ValueKind};
use text_size::TextRange;

use crate::host::Analysis;

impl Analysis {
    /// Foldable objects, arrays and comment blocks of `path` (byte ranges
    /// from the opening to the closing bracket or comment end).
    pub fn folding_ranges(&self, path: &Path) -> Vec<FoldingRange> {
        folding_ranges(self, path)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FoldingKind {
    Object,
    Array,
    /// A block comment, or a run of line comments on consecutive lines.
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldingRange {
    /// From the opening bracket (or comment start) to the closing bracket
    /// (or comment end), both included.
    pub range: TextRange,
    pub kind: FoldingKind,
}

fn spans_lines(text: &str, range: TextRange) -> bool {
    text.get(usize::from(range.start())..usize::from(range.end()))
        .is_some_and(|covered| covered.contains('\n'))
}

pub(crate) fn folding_ranges(analysis: &Analysis, file: &Path) -> Vec<FoldingRange> {
    let Some(doc) = analysis.document(file) else {
        return Vec::new();
    };
    let text = doc.text();
    let mut out = Vec::new();
    if let Some(root) = doc.root() {
        let mut stack: Vec<&Value> = vec![root];
        while let Some(value) = stack.pop() {
            let kind = match &value.kind {
                ValueKind::Object(members) => {
                    stack.extend(members.iter().filter_map(|m| m.value.as_ref()));
                    FoldingKind::Object
                }
                ValueKind::Array(items) => {
                    stack.extend(items.iter());
                    FoldingKind::Array
                }
                _ => continue,
            };
            if spans_lines(text, value.range) {
                out.push(FoldingRange {
                    range: value.range,
                    kind,
                });
            }
        }
    }
    comment_folds(text, &doc.comments(), &mut out);
    out.sort_by_key(|fold| (fold.range.start(), std::cmp::Reverse(fold.range.end())));
    out
}

/// Block comments over several lines, and runs of `//` comments that each
/// stand alone on consecutive lines.
fn comment_folds(text: &str, comments: &[TextRange], out: &mut Vec<FoldingRange>) {
    let mut run: Option<TextRange> = None;
    let flush = |run: &mut Option<TextRange>, out: &mut Vec<FoldingRange>| {
        if let Some(range) = run.take()
            && spans_lines(text, range)
        {
            out.push(FoldingRange {
                range,
                kind: FoldingKind::Comment,
            });
        }
    };
    for &comment in comments {
        let body = &text[usize::from(comment.start())..usize::from(comment.end())];
        if !body.starts_with("//") {
            flush(&mut run, out);
            if spans_lines(text, comment) {
                out.push(FoldingRange {
                    range: comment,
                    kind: FoldingKind::Comment,
                });
            }
            continue;
        }
        let line_start = text[..usize::from(comment.start())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let alone = text[line_start..usize::from(comment.start())]
            .trim()
            .is_empty();
        match run {
            Some(previous) if alone && continues_run(text, previous, comment) => {
                run = Some(previous.cover(comment));
            }
            _ => {
                flush(&mut run, out);
                run = alone.then_some(comment);
            }
        }
    }
    flush(&mut run, out);
}

/// Whether only one line break and indentation lie between two comments.
fn continues_run(text: &str, previous: TextRange, next: TextRange) -> bool {
    let gap = &text[usize::from(previous.end())..usize::from(next.start())];
    gap.trim().is_empty() && gap.matches('\n').count() == 1
}
