//! "Did you mean …?": the closest candidate by edit distance.

/// Optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions), compared case-insensitively.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

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
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        if candidate == written {
            continue;
        }
        let limit = (written_len.max(candidate.chars().count()) / 3).max(1);
        let found = distance(written, candidate);
        if found <= limit && best.is_none_or(|(_, d)| found < d) {
            best = Some((candidate, found));
        }
    }
    best.map(|(candidate, _)| candidate)
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

    #[test]
    fn transpositions_count_once() {
        assert_eq!(distance("tokne", "token"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "abc"), 3);
    }
}
