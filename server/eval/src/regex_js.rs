//! JavaScript-style `/pattern/flags` regular expressions on the `regex`
//! crate, and JavaScript replacement patterns (`$&`, `$1`…`$99`, `$$`).
//!
//! Differences from JavaScript (see docs/eval.md): no look-around and no
//! back-references (the `regex` crate guarantees linear time instead);
//! named groups are refused as Make refuses them; the flags `g`, `i`, `m`,
//! `s` and `u` are understood, `y` and `d` are not.

use regex::{Captures, Regex, RegexBuilder};

/// A parsed `/pattern/flags` literal.
pub struct JsRegex {
    pub regex: Regex,
    pub global: bool,
}

/// Whether `search` is written as a regular expression: starts with `/`
/// and has a closing `/` followed only by flag letters.
pub fn split_literal(search: &str) -> Option<(&str, &str)> {
    let rest = search.strip_prefix('/')?;
    let close = rest.rfind('/')?;
    let (pattern, flags) = (&rest[..close], &rest[close + 1..]);
    if pattern.is_empty() || !flags.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((pattern, flags))
}

/// Compiles a literal; `Err` says why it cannot compile.
pub fn compile(pattern: &str, flags: &str) -> Result<JsRegex, String> {
    if pattern.contains("(?<") && !pattern.contains("(?<=") && !pattern.contains("(?<!") {
        return Err("named capture groups `(?<name>…)` are not allowed in Make".into());
    }
    let mut builder = RegexBuilder::new(pattern);
    builder.size_limit(1 << 20).dfa_size_limit(1 << 20);
    let mut global = false;
    for flag in flags.chars() {
        match flag {
            'g' => global = true,
            'i' => {
                builder.case_insensitive(true);
            }
            'm' => {
                builder.multi_line(true);
            }
            's' => {
                builder.dot_matches_new_line(true);
            }
            'u' => {}
            other => return Err(format!("the regex flag `{other}` is not supported")),
        }
    }
    let regex = builder.build().map_err(|e| match e {
        regex::Error::Syntax(detail) => {
            let last = detail.lines().last().unwrap_or("").trim().to_string();
            format!("the regex /{pattern}/ cannot compile: {last}")
        }
        regex::Error::CompiledTooBig(_) => format!("the regex /{pattern}/ is too big"),
        _ => format!("the regex /{pattern}/ cannot compile"),
    })?;
    Ok(JsRegex { regex, global })
}

/// Expands a JavaScript replacement pattern for one match.
pub fn expand(replacement: &str, caps: &Captures<'_>) -> String {
    let mut out = String::new();
    let bytes = replacement.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && i + 1 < bytes.len() {
            let next = bytes[i + 1];
            if next == b'&' {
                out.push_str(caps.get(0).map_or("", |m| m.as_str()));
                i += 2;
                continue;
            }
            if next == b'$' {
                out.push('$');
                i += 2;
                continue;
            }
            if next.is_ascii_digit() {
                // Two digits when that group exists, else one (as JavaScript).
                let two = bytes
                    .get(i + 2)
                    .filter(|b| b.is_ascii_digit())
                    .map(|b| usize::from(next - b'0') * 10 + usize::from(b - b'0'));
                if let Some(n) = two.filter(|n| *n >= 1 && *n < caps.len()) {
                    out.push_str(caps.get(n).map_or("", |m| m.as_str()));
                    i += 3;
                    continue;
                }
                let n = usize::from(next - b'0');
                if n >= 1 && n < caps.len() {
                    out.push_str(caps.get(n).map_or("", |m| m.as_str()));
                    i += 2;
                    continue;
                }
            }
        }
        let ch_len = replacement[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&replacement[i..i + ch_len]);
        i += ch_len;
    }
    out
}
