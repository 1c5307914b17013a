//! How names are written: IML names that need backticks, the names a rename
//! accepts, and `rpc://` references inside strings.

use text_size::{TextRange, TextSize};

use iml_lang::is_ident_continue;
#[cfg(test)]
use iml_lang::needs_backticks;

/// `name` as written in an IML member chain.
pub(crate) fn iml_name(name: &str) -> String {
    iml_lang::property_name(name).into_owned()
}

/// Why `name` cannot name a parameter or a data key, if it cannot. The name
/// must survive being written as a JSON key, a `name` value and an IML
/// (backticked) name without escaping.
pub(crate) fn key_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the new name is empty".to_owned());
    }
    if name.trim() != name {
        return Some(format!(
            "`{name}` starts or ends with whitespace; remove it"
        ));
    }
    if name.chars().count() > 128 {
        return Some("the new name is longer than 128 characters".to_owned());
    }
    if let Some(c) = name
        .chars()
        .find(|&c| c == '"' || c == '\\' || c == '`' || c.is_control())
    {
        let shown = if c.is_control() {
            c.escape_default().to_string()
        } else {
            c.to_string()
        };
        return Some(format!(
            "`{shown}` cannot be part of a name IML can read: choose a name without quotes, \
             backslashes, backticks or control characters"
        ));
    }
    if name.contains("{{") || name.contains("}}") {
        return Some("a name cannot contain `{{` or `}}`".to_owned());
    }
    None
}

/// Why `name` cannot name an RPC, a module or a custom function (Make's id
/// patterns: a letter, then letters and digits; 3–64 characters for an RPC
/// or a module, 3–96 for a function).
pub(crate) fn component_name_problem(name: &str, what: &str, max_len: usize) -> Option<String> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && (3..=max_len).contains(&name.len());
    (!valid).then(|| {
        format!(
            "`{name}` is not a valid {what} name: use a letter followed by letters and digits \
             (3–{max_len} characters, no dashes or spaces)"
        )
    })
}

/// The RPC name of an `rpc://name` reference and its decoded range; the
/// name stops at `?`, `/`, `#` or whitespace.
pub(crate) fn rpc_reference(decoded: &str) -> Option<(&str, TextRange)> {
    let leading = decoded.len() - decoded.trim_start().len();
    let rest = decoded[leading..].strip_prefix("rpc://")?;
    let end = rest
        .find(|c: char| c == '?' || c == '/' || c == '#' || c.is_whitespace())
        .unwrap_or(rest.len());
    let name = &rest[..end];
    if name.is_empty() || name.contains("{{") {
        return None;
    }
    let start = leading + "rpc://".len();
    let range = TextRange::new(
        TextSize::try_from(start).ok()?,
        TextSize::try_from(start + end).ok()?,
    );
    Some((name, range))
}

/// Which prefix of `text` (a custom function's JavaScript) declares
/// `function name`: the range of the name.
pub(crate) fn js_function_name(text: &str, name: &str) -> Option<TextRange> {
    let mut from = 0;
    while let Some(found) = text[from..].find("function") {
        let keyword_start = from + found;
        let after = keyword_start + "function".len();
        from = after;
        let before_ok = text[..keyword_start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_ident_continue(c));
        let rest = &text[after..];
        let spaces = rest.len() - rest.trim_start().len();
        if !before_ok || spaces == 0 {
            continue;
        }
        let name_start = after + spaces;
        let candidate = &text[name_start..];
        if candidate.starts_with(name)
            && candidate[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_ident_continue(c))
        {
            return Some(TextRange::new(
                TextSize::try_from(name_start).ok()?,
                TextSize::try_from(name_start + name.len()).ok()?,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks() {
        for (name, needed) in [
            ("token", false),
            ("access_token", false),
            ("$x", false),
            ("X-Api-Key", true),
            ("first name", true),
            ("a.b", true),
            ("1st", true),
            ("", true),
            ("größe", false),
        ] {
            assert_eq!(needs_backticks(name), needed, "{name}");
        }
    }

    #[test]
    fn rpc_references() {
        assert_eq!(
            rpc_reference("rpc://listProjects?x=1"),
            Some(("listProjects", TextRange::new(6.into(), 18.into())))
        );
        assert_eq!(rpc_reference("rpc://"), None);
        assert_eq!(rpc_reference("https://x"), None);
    }

    #[test]
    fn js_function() {
        let text = "// my function\nfunction  addTax(x) { return x; }";
        let range = js_function_name(text, "addTax").unwrap();
        assert_eq!(&text[range], "addTax");
        assert_eq!(js_function_name(text, "add"), None);
    }
}
