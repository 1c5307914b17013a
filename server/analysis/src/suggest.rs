//! "Did you mean …?": edit distance and the closest candidate, shared by the
//! IML checks and Make's rules.

/// Optimal-string-alignment distance (Levenshtein plus adjacent
/// transpositions, each counted as one edit), case-sensitive.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b)
}

/// The same distance with letter case ignored.
pub(crate) fn edit_distance_ignoring_case(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    osa(&a, &b)
}

fn osa(a: &[char], b: &[char]) -> usize {
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

/// The candidate (other than `written` itself) with the smallest distance,
/// among those within the limit `limit(candidate)` allows; ties go to the
/// earlier candidate.
pub(crate) fn closest_by<'c>(
    written: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    distance: impl Fn(&str, &str) -> usize,
    limit: impl Fn(&str) -> usize,
) -> Option<&'c str> {
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        if candidate == written {
            continue;
        }
        let found = distance(written, candidate);
        if found <= limit(candidate) && best.is_none_or(|(_, d)| found < d) {
            best = Some((candidate, found));
        }
    }
    best.map(|(candidate, _)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpositions_count_once() {
        assert_eq!(edit_distance("paramters", "parameters"), 1);
        assert_eq!(edit_distance("tmep", "temp"), 1);
        assert_eq!(edit_distance("tokne", "token"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Token", "token"), 1);
        assert_eq!(edit_distance_ignoring_case("Token", "token"), 0);
    }

    #[test]
    fn closest_prefers_the_smallest_distance_then_the_first() {
        let within_two = |_: &str| 2;
        assert_eq!(
            closest_by("tokn", ["tokens", "token"], edit_distance, within_two),
            Some("token")
        );
        assert_eq!(
            closest_by("ab", ["ax", "ay"], edit_distance, within_two),
            Some("ax")
        );
        assert_eq!(closest_by("x", ["x"], edit_distance, within_two), None);
        assert_eq!(
            closest_by("abc", ["wxyz"], edit_distance, |_: &str| 1),
            None
        );
    }
}
