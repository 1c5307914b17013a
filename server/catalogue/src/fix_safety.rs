//! Whether each rule's quick fix may change what an app does at run time.
//!
//! A fix is **safe** when the app behaves as before, or when it restores
//! what the author evidently meant with no other effect (a misspelt key
//! renamed, the letter case of an enum value corrected, a missing
//! `log.sanitize` entry added). A fix is **unsafe** when it may change the
//! requests sent, the URLs or callbacks used, or the data read. Fix-all and
//! `iml-ls check --fix` apply safe fixes only; an unsafe fix is applied when
//! a person chooses it as a quick fix, or with `--unsafe-fixes`.
//!
//! Make's documentation says nothing about fixes: every classification here
//! is this project's choice, with its reason next to it. A rule that offers
//! a fix but has no entry is treated as unsafe.

/// Whether `--fix` may apply a fix without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Safety {
    Safe,
    Unsafe,
}

impl Safety {
    pub const fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }

    pub const fn is_safe(self) -> bool {
        matches!(self, Safety::Safe)
    }
}

/// The classification of one rule's fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixSafety {
    /// The rule code, e.g. `C007`.
    pub code: &'static str,
    pub safety: Safety,
    /// Why: what the fix changes, and why that is (or is not) harmless.
    pub reason: &'static str,
}

const fn safe(code: &'static str, reason: &'static str) -> FixSafety {
    FixSafety {
        code,
        safety: Safety::Safe,
        reason,
    }
}

const fn unsafe_(code: &'static str, reason: &'static str) -> FixSafety {
    FixSafety {
        code,
        safety: Safety::Unsafe,
        reason,
    }
}

const MISSPELT_KEY: &str = "Renames a key Make does not read to the key of the same place it \
     spells nearly alike, or removes a key that Make ignores there: it restores what the author \
     meant.";
const ENUM_VALUE: &str = "Replaces a value Make's schema rejects by the listed value that differs \
     only in letter case or by a letter or two: the current value cannot work.";
const REMOVES_IGNORED: &str = "Removes a key Make ignores in this place, so nothing sent or read \
     changes. Fix-all still leaves fixes that only delete to a person.";

/// Every rule that offers a fix, in the order of the rule table.
pub static FIX_SAFETY: &[FixSafety] = &[
    safe(
        "I002",
        "Replaces an unknown root variable by the root variable spelt nearly alike \
         (`paramters` → `parameters`): an unknown root has no value, and root names are a short \
         fixed list, so the correction is what was meant.",
    ),
    safe(
        "I003",
        "Replaces an unknown function by the built-in spelt nearly alike: a call to a \
         function Make does not know fails, so the correction restores the evident intent.",
    ),
    unsafe_(
        "I009",
        "In Base, reads `connection.<name>` where `parameters.<name>` was read, when no \
         module declares that parameter and the connection has the name: the request then \
         sends the connection's value where it sent nothing.",
    ),
    safe(
        "I012",
        "Writes a double-quoted IML string literal in single quotes, which IML reads as \
         the same text.",
    ),
    safe("C001", MISSPELT_KEY),
    unsafe_(
        "C002",
        "Adds `\"condition\": true` to `token`, or makes its false condition true: the \
         token request that never ran now runs on every execution.",
    ),
    unsafe_(
        "C003",
        "Removes a directive a connection may not hold; the text may be meant for \
         another file, so a person decides.",
    ),
    unsafe_(
        "C004",
        "Removes an account key from `response`; it may belong in `info`, so a person \
         decides.",
    ),
    unsafe_(
        "C005",
        "Inserts an empty `url` as a place holder: the request is then sent, to a URL \
         the author still has to write.",
    ),
    unsafe_(
        "C007",
        "Replaces one redirect variable by another: the callback URL sent to the \
         provider changes, and the provider must have the new one registered.",
    ),
    safe(
        "C013",
        "Adds the secret's path to `log.sanitize`: Make then masks it in the logs; the \
         request sent is the same.",
    ),
    safe("C014", ENUM_VALUE),
    safe("R001", MISSPELT_KEY),
    safe(
        "R002",
        "Replaces a value that is no HTTP method (`GTE`) by the method spelt nearly \
         alike, or corrects its letter case: Make's schema accepts upper case only.",
    ),
    safe("R003", ENUM_VALUE),
    safe("R004", ENUM_VALUE),
    safe("R007", REMOVES_IGNORED),
    safe(
        "R008",
        "Writes the string `\"true\"` or `\"false\"` as the literal boolean it spells: \
         the directive is read as a literal boolean, and the string evidently meant it.",
    ),
    safe("R009", MISSPELT_KEY),
    safe("R010", MISSPELT_KEY),
    safe("R011", ENUM_VALUE),
    safe("R012", MISSPELT_KEY),
    safe("R013", MISSPELT_KEY),
    safe("R014", ENUM_VALUE),
    safe("R015", REMOVES_IGNORED),
    safe(
        "R016",
        "Renames a misspelt pagination key, writes a string boolean as the literal it \
         spells, or removes a key pagination ignores: each restores what was meant.",
    ),
    safe("R017", ENUM_VALUE),
    safe("R018", ENUM_VALUE),
    safe("R019", MISSPELT_KEY),
    safe("R020", REMOVES_IGNORED),
    safe("R025", ENUM_VALUE),
    safe(
        "R028",
        "Writes a number or boolean as the string Make's schema requires; the text is \
         the same.",
    ),
    safe("R029", REMOVES_IGNORED),
    safe("R030", REMOVES_IGNORED),
    unsafe_(
        "R031",
        "Removes `endpoint` from a communication that also makes its own request: a \
         person decides which of the two is meant.",
    ),
    safe("P002", ENUM_VALUE),
    safe("P003", MISSPELT_KEY),
    safe("P004", MISSPELT_KEY),
    safe("P007", ENUM_VALUE),
    unsafe_(
        "P008",
        "Points `rpc://` at the RPC of the app spelt nearly alike: a different RPC \
         runs, which may not be the one meant.",
    ),
    unsafe_(
        "P017",
        "Renames the top-level `json` parameter: expressions that read it under its \
         old name then read nothing.",
    ),
    unsafe_(
        "X001",
        "Points the manifest at the file next to it spelt nearly alike: different \
         code is deployed.",
    ),
    unsafe_(
        "X002",
        "Points the module or webhook at the connection spelt nearly alike: a \
         different connection's credentials and data are used.",
    ),
    unsafe_(
        "X003",
        "Reads the connection key spelt nearly alike (`connection.acessToken` → \
         `connection.accessToken`): the request then sends that key's value where it sent \
         nothing. The keys are the app's own and may differ by a letter on purpose \
         (`apiKey`, `apiKey2`), so the intent is not evident enough for fix-all.",
    ),
    unsafe_(
        "X004",
        "Replaces a scope by one of the connection's scope list spelt nearly alike: \
         the access requested from the provider changes.",
    ),
    unsafe_(
        "X006",
        "Points the instant trigger at the webhook spelt nearly alike: a different \
         webhook feeds it.",
    ),
    safe(
        "X007",
        "Replaces a module id in `groups.json` by the module spelt nearly alike: groups \
         only arrange the module list, nothing runs differently.",
    ),
    unsafe_(
        "X008",
        "Points the reference at the Endpoint spelt nearly alike: a different \
         Endpoint is called.",
    ),
    safe(
        "V001",
        "Changes the letter case of a module's label, which only the scenario editor shows; \
         no request reads it.",
    ),
    unsafe_(
        "V010",
        "Adds a `limit` parameter: it appears in the module's form and, once `response.limit` \
         reads it, caps how many bundles a run returns.",
    ),
];

/// The classification of `code`'s fixes; `None` for a rule without one.
pub fn fix_safety(code: &str) -> Option<&'static FixSafety> {
    FIX_SAFETY
        .iter()
        .find(|entry| entry.code.eq_ignore_ascii_case(code))
}

/// Whether `--fix` may apply `code`'s fix without `--unsafe-fixes`. A rule
/// with no entry counts as unsafe.
pub fn fix_is_safe(code: &str) -> bool {
    fix_safety(code).is_some_and(|entry| entry.safety.is_safe())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_names_one_rule_in_table_order() {
        let mut previous = 0usize;
        for entry in FIX_SAFETY {
            let index = crate::rules()
                .iter()
                .position(|rule| rule.code == entry.code)
                .unwrap_or_else(|| panic!("{} is not a rule", entry.code));
            assert!(
                previous == 0 || index > previous,
                "{} is out of order",
                entry.code
            );
            previous = index;
            assert!(entry.reason.ends_with('.'), "{}", entry.code);
        }
    }

    #[test]
    fn the_legacy_redirect_fix_is_unsafe_and_a_sanitize_entry_safe() {
        assert!(!fix_is_safe("C007"));
        assert!(fix_is_safe("C013"));
        assert!(fix_is_safe("r001"));
        assert!(
            !fix_is_safe("J001"),
            "a rule without a fix is never applied"
        );
    }
}
