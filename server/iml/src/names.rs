//! How a property name is written in IML: bare when it is an identifier,
//! between backticks otherwise (dashes, spaces, dots, a leading digit).

use std::borrow::Cow;

pub use crate::lexer::{is_ident_continue, is_ident_start};

/// Whether IML reads `name` only between backticks.
pub fn needs_backticks(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if is_ident_start(first) => !chars.all(is_ident_continue),
        _ => true,
    }
}

/// `name` as written in a member chain: ``headers.`X-Api-Key` ``, `body.id`.
pub fn property_name(name: &str) -> Cow<'_, str> {
    if needs_backticks(name) {
        Cow::Owned(format!("`{name}`"))
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_stay_bare_and_others_get_backticks() {
        for bare in ["accessToken", "_x", "$ref", "a1", "naïve"] {
            assert_eq!(property_name(bare), bare, "{bare}");
        }
        for quoted in ["X-Api-Key", "first name", "a.b", "1st", ""] {
            assert_eq!(property_name(quoted), format!("`{quoted}`"), "{quoted}");
        }
    }
}
