//! "Did you mean …?" for Make's rules: case-insensitive, up to a third of
//! the word may differ.

use crate::suggest::{closest_by, edit_distance_ignoring_case};

/// The candidate closest to `written`, if it is close enough to be a typo:
/// at most a third of the longer word differs (at least one edit allowed).
/// Ties are broken by the order of `candidates`.
pub(crate) fn closest<'c>(
    written: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let written_len = written.chars().count();
    if written_len == 0 || written_len > 64 {
        return None;
    }
    closest_by(
        written,
        candidates,
        edit_distance_ignoring_case,
        |candidate| (written_len.max(candidate.chars().count()) / 3).max(1),
    )
}

/// `; did you mean `x`?` or nothing, for the end of a message.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        assert_eq!(
            closest("respnse", ["url", "response", "qs"]),
            Some("response")
        );
        assert_eq!(closest("heaers", ["headers", "qs"]), Some("headers"));
        assert_eq!(closest("header", ["headers", "qs"]), Some("headers"));
        assert_eq!(closest("Headers", ["headers", "qs"]), Some("headers"));
        assert_eq!(closest("qs", ["qs"]), None);
        assert_eq!(closest("completely", ["url", "qs"]), None);
        assert_eq!(closest("", ["url"]), None);
    }
}
