//! Wording helpers for labels: sentence case and API-style spellings.

use iml_catalogue::review::ACRONYMS;

fn is_acronym(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    ACRONYMS.contains(&bare)
        || (bare.len() > 1
            && bare
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
}

/// A word that keeps its capitals: an acronym, a word with capitals after
/// its first letter (`GitHub`), or one of `proper` (e.g. the app's name).
fn keeps_case(word: &str, proper: &[String]) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    is_acronym(bare)
        || bare.chars().skip(1).any(char::is_uppercase)
        || proper.iter().any(|p| p == bare)
}

/// `label` in sentence case, or `None` when it already is. Words after the
/// first lose their initial capital unless they keep their case.
pub(crate) fn sentence_case(label: &str, proper: &[String]) -> Option<String> {
    let mut out = String::with_capacity(label.len());
    let mut changed = false;
    let mut first = true;
    for (i, word) in label.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        // A word after `(` or `:` starts a tag or a clause: leave it alone.
        if !first && starts_upper && !keeps_case(word, proper) && !word.starts_with('(') {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_lowercase());
                out.push_str(chars.as_str());
                changed = true;
                continue;
            }
        }
        if !word.is_empty() {
            first = false;
        }
        out.push_str(word);
    }
    changed.then_some(out)
}

/// Why a parameter label reads like an API field, if it does.
pub(crate) fn api_style(label: &str) -> Option<&'static str> {
    let trimmed = label.trim();
    if trimmed.contains('_') && !trimmed.contains(' ') {
        return Some("snake_case");
    }
    let mut chars = trimmed.chars();
    let first_lower = chars.next().is_some_and(char::is_lowercase);
    if first_lower && !trimmed.contains(' ') && trimmed.chars().any(char::is_uppercase) {
        return Some("camelCase");
    }
    for word in trimmed.split(' ') {
        if matches!(word, "Id" | "Url" | "Api" | "Ids" | "Urls") {
            return Some("an acronym not in upper case");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_keeps_acronyms_and_proper_nouns() {
        let proper = vec!["Acme".to_owned()];
        assert_eq!(
            sentence_case("Create a New Contact", &proper).as_deref(),
            Some("Create a new contact")
        );
        assert_eq!(
            sentence_case("Get a Task by ID", &proper).as_deref(),
            Some("Get a task by ID")
        );
        assert_eq!(
            sentence_case("Watch Acme Tasks", &proper).as_deref(),
            Some("Watch Acme tasks")
        );
        assert_eq!(sentence_case("Make an API call", &proper), None);
        assert_eq!(sentence_case("Upload a file to GitHub", &proper), None);
        assert_eq!(sentence_case("", &proper), None);
    }

    #[test]
    fn api_styles() {
        assert_eq!(api_style("user_id"), Some("snake_case"));
        assert_eq!(api_style("userId"), Some("camelCase"));
        assert_eq!(api_style("User Id"), Some("an acronym not in upper case"));
        assert_eq!(api_style("User ID"), None);
        assert_eq!(api_style("Limit"), None);
    }
}
