//! "Did you mean …?" for IML names: the nearest declared name, and the fix
//! that writes it in place of a misspelt one.

use text_size::TextRange;

use crate::diagnostics::{Fix, TextEdit};
use crate::suggest::{closest_by, edit_distance};

/// Whether `name` can be written after a dot without backticks.
pub(super) fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// The fix that replaces a misspelt name with the suggested one.
pub(super) fn rename_fix(range: TextRange, suggestion: &str) -> Fix {
    Fix {
        title: format!("Change to `{suggestion}`"),
        edits: vec![TextEdit {
            range,
            new_text: suggestion.to_owned(),
        }],
    }
}

/// The closest candidate within a small edit distance (case matters in IML).
pub(super) fn did_you_mean<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = match name.chars().count() {
        0..=2 => return None,
        3..=5 => 1,
        _ => 2,
    };
    closest_by(name, candidates, edit_distance, |_| limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn did_you_mean_needs_a_close_enough_name() {
        assert_eq!(
            did_you_mean("paramters", ["parameters", "temp"].into_iter()),
            Some("parameters")
        );
        assert_eq!(did_you_mean("xy", ["xz"].into_iter()), None);
    }
}
