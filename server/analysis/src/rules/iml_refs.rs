//! Variable references inside a string's `{{ … }}` blocks, as root name plus
//! member path with the source range of the whole chain.

use iml_jsonc::JsonString;
use iml_lang::{Expr, ExprKind, parse_template};
use text_size::TextRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// `parameters`, `body`, `oauth`, …
    pub(crate) root: String,
    /// Member names after the root (indexes are skipped): `body.data[1].id` → `data`, `id`.
    pub(crate) path: Vec<String>,
    /// Source range of the chain in the file.
    pub(crate) range: TextRange,
}

impl Reference {
    pub(crate) fn first(&self) -> Option<&str> {
        self.path.first().map(String::as_str)
    }
}

/// Every maximal member chain of every block of `string`.
pub(crate) fn references(string: &JsonString) -> Vec<Reference> {
    let decoded = string.decoded.as_str();
    if !decoded.contains("{{") {
        return Vec::new();
    }
    let template = parse_template(decoded);
    let mut out = Vec::new();
    for block in &template.blocks {
        let mut stack: Vec<&Expr> = vec![&block.expr];
        while let Some(expr) = stack.pop() {
            if let Some((root, path, inner)) = chain(expr) {
                out.push(Reference {
                    root,
                    path,
                    range: string.decoded.range_to_source(expr.range),
                });
                stack.extend(inner);
                continue;
            }
            stack.extend(expr.children());
        }
    }
    out.sort_by_key(|r| r.range.start());
    out
}

/// A member/index chain down to a root name: the root, the member names and
/// the index expressions (still to visit).
fn chain(expr: &Expr) -> Option<(String, Vec<String>, Vec<&Expr>)> {
    let mut names = Vec::new();
    let mut indexes = Vec::new();
    let mut current = expr;
    loop {
        match &current.kind {
            ExprKind::Name(name) => {
                names.reverse();
                return Some((name.text.clone(), names, indexes));
            }
            ExprKind::Member { object, name } => {
                if let Some(name) = name {
                    names.push(name.text.clone());
                }
                current = object;
            }
            ExprKind::Index { object, index } => {
                indexes.extend(index.as_deref());
                current = object;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use iml_jsonc::{JsonDocument, ValueKind};

    use super::*;

    #[test]
    fn chains_and_nested_arguments() {
        let text = r#""Bearer {{connection.accessToken}} {{ifempty(parameters.key, common.apiKey)}} {{body.items[temp.i].id}}""#;
        let doc = JsonDocument::parse(text.to_owned());
        let Some(ValueKind::String(s)) = doc.root().map(|v| &v.kind) else {
            panic!("a string")
        };
        let found: Vec<String> = references(s)
            .iter()
            .map(|r| {
                format!(
                    "{}.{} @{}",
                    r.root,
                    r.path.join("."),
                    &text[usize::from(r.range.start())..usize::from(r.range.end())]
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                "connection.accessToken @connection.accessToken",
                "parameters.key @parameters.key",
                "common.apiKey @common.apiKey",
                "body.items.id @body.items[temp.i].id",
                "temp.i @temp.i",
            ]
        );
    }
}
