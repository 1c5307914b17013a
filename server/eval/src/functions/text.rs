//! Text and binary functions (help.make.com/text-and-binary-functions).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::Args;
use super::crypto;
use crate::context::Ctx;
use crate::convert;
use crate::regex_js;
use crate::value::{Value, strict_equal};

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    let t = || args.text(0);
    let text = |s: String| Ok(Value::Text(s));
    Some(match name {
        "ascii" => text(ascii(&t(), args.get(1).to_bool())),
        "base64" => text(STANDARD.encode(convert::to_bytes(args.get(0)))),
        // The rest of the text is left as it is (the docs are silent).
        "capitalize" => {
            let s = t();
            let mut chars = s.chars();
            text(match chars.next() {
                Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            })
        }
        "contains" => Ok(Value::Bool(match args.get(0) {
            Value::Array(items) => items.iter().any(|v| strict_equal(v, args.get(1))),
            _ => t().contains(&args.text(1)),
        })),
        "decodeURL" => percent_encoding::percent_decode_str(&t())
            .decode_utf8()
            .map(|s| Value::Text(s.into_owned()))
            .map_err(|_| "`decodeURL`: the decoded bytes are not UTF-8".to_string()),
        "encodeURL" => text(encode_uri_component(&t())),
        // `&` first so entities are not escaped twice; quotes too (a choice:
        // the docs name only `<` and `>`).
        "escapeHTML" => text(
            t().replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;"),
        ),
        "escapeMarkdown" => text(t().chars().fold(String::new(), |mut out, c| {
            if "\\`*_{}[]()#+-.!|>~<".contains(c) {
                out.push('\\');
            }
            out.push(c);
            out
        })),
        "indexOf" => index_of(args),
        "length" => Ok(Value::Number(match args.get(0) {
            Value::Array(items) => items.len(),
            Value::Binary(bytes) => bytes.len(),
            Value::Collection(props) => props.len(),
            // Characters as JavaScript counts them (UTF-16 units).
            _ => t().encode_utf16().count(),
        } as f64)),
        "lower" => text(t().to_lowercase()),
        "upper" => text(t().to_uppercase()),
        "md5" | "sha1" | "sha256" | "sha512" => crypto::digest(name, args),
        "mime" => text(mime(&t()).to_string()),
        "replace" => replace(ctx, &t(), &args.text(1), &args.text(2)),
        "replaceEmojiCharacters" => {
            let with = args.opt_text(1).unwrap_or_default();
            text(t().chars().fold(String::new(), |mut out, c| {
                if is_emoji(c) {
                    out.push_str(&with);
                } else if c != '\u{fe0f}' && c != '\u{200d}' {
                    out.push(c);
                }
                out
            }))
        }
        // Pieces are not trimmed (the docs are silent); an empty separator
        // splits into characters, as JavaScript does.
        "split" => {
            let s = t();
            let sep = args.text(1);
            let pieces: Vec<Value> = if sep.is_empty() {
                s.chars().map(|c| Value::Text(c.to_string())).collect()
            } else {
                s.split(sep.as_str()).map(Value::text).collect()
            };
            ctx.spend(pieces.len() as u64).map(|_| Value::Array(pieces))
        }
        "startcase" => text(startcase(&t())),
        "stripHTML" => text(strip_html(&t())),
        "substring" => substring(args),
        "toBinary" => to_binary(args),
        "toString" => text(t()),
        "trim" => text(t().trim().to_string()),
        _ => return None,
    })
}

/// Without `removeDiacritics`, non-ASCII characters are dropped; with it,
/// letters are first decomposed and their marks dropped.
fn ascii(s: &str, remove_diacritics: bool) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if remove_diacritics {
                base_letter(c)
            } else {
                None
            }
        })
        .collect()
}

/// The base letter of common Latin letters with diacritics.
fn base_letter(c: char) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđ", 'd'),
        ("ĎĐ", 'D'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ĥħ", 'h'),
        ("ĤĦ", 'H'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ĵ", 'j'),
        ("Ĵ", 'J'),
        ("ķ", 'k'),
        ("Ķ", 'K'),
        ("ĺļľŀł", 'l'),
        ("ĹĻĽĿŁ", 'L'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöøōŏő", 'o'),
        ("ÒÓÔÕÖØŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşšș", 's'),
        ("ŚŜŞŠȘ", 'S'),
        ("ţťŧț", 't'),
        ("ŢŤŦȚ", 'T'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ŵ", 'w'),
        ("Ŵ", 'W'),
        ("ýÿŷ", 'y'),
        ("ÝŸŶ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, base)| *base)
}

/// JavaScript's `encodeURIComponent`: everything but `A–Z a–z 0–9 - _ . ! ~ * ' ( )`.
fn encode_uri_component(s: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SET: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'!')
        .remove(b'~')
        .remove(b'*')
        .remove(b'\'')
        .remove(b'(')
        .remove(b')');
    utf8_percent_encode(s, SET).to_string()
}

fn utf16_index_to_byte(s: &str, units: usize) -> usize {
    let mut count = 0;
    for (byte, c) in s.char_indices() {
        if count >= units {
            return byte;
        }
        count += c.len_utf16();
    }
    s.len()
}

fn byte_to_utf16(s: &str, byte: usize) -> usize {
    s[..byte].encode_utf16().count()
}

/// A negative start counts as 0, as in JavaScript.
fn index_of(args: &Args<'_>) -> Result<Value, String> {
    let s = args.text(0);
    let needle = args.text(1);
    let start = args.opt_number(2)?.unwrap_or(0.0).max(0.0) as usize;
    let from = utf16_index_to_byte(&s, start);
    Ok(Value::Number(match s[from..].find(&needle) {
        Some(at) => byte_to_utf16(&s, from + at) as f64,
        None => -1.0,
    }))
}

/// JavaScript's `substring`: negative positions are 0, positions past the
/// end are the end, and `start > end` swaps them; an omitted end is the end.
fn substring(args: &Args<'_>) -> Result<Value, String> {
    let s = args.text(0);
    let len = s.encode_utf16().count() as f64;
    let clamp = |n: f64| if n.is_nan() { 0.0 } else { n.clamp(0.0, len) };
    let start = clamp(args.number(1)?.trunc());
    let end = clamp(args.opt_number(2)?.unwrap_or(len).trunc());
    let (a, b) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let units: Vec<u16> = s.encode_utf16().collect();
    Ok(Value::Text(String::from_utf16_lossy(
        &units[a as usize..b as usize],
    )))
}

fn to_binary(args: &Args<'_>) -> Result<Value, String> {
    let encoding = args.opt_text(1).map(|e| e.to_ascii_lowercase());
    let v = args.get(0);
    let bytes = match encoding.as_deref() {
        None | Some("utf8" | "utf-8" | "binary") => convert::to_bytes(v),
        Some("hex") => {
            crypto::hex_decode(&args.text(0)).ok_or("`toBinary`: the text is not hexadecimal")?
        }
        Some("base64") => STANDARD
            .decode(args.text(0).trim())
            .or_else(|_| {
                base64::engine::general_purpose::STANDARD_NO_PAD.decode(args.text(0).trim())
            })
            .map_err(|_| "`toBinary`: the text is not base64".to_string())?,
        Some("latin1" | "ascii") => args.text(0).chars().map(|c| c as u32 as u8).collect(),
        Some(other) => return Err(format!("`toBinary`: unknown encoding `{other}`")),
    };
    Ok(Value::Binary(bytes))
}

/// `replace`: a `/pattern/flags` search is a regex (only the first match
/// without `g`); plain text search replaces every occurrence (a choice: the
/// docs never show two occurrences, and Make's scenario examples read as
/// "all"); the replacement's `$&` and `$1`… apply to regexes.
fn replace(ctx: &mut Ctx<'_>, s: &str, search: &str, replacement: &str) -> Result<Value, String> {
    if let Some((pattern, flags)) = regex_js::split_literal(search) {
        let js = regex_js::compile(pattern, flags).map_err(|e| format!("`replace`: {e}"))?;
        let limit = if js.global { 0 } else { 1 };
        ctx.spend(s.len() as u64 / 64)?;
        let out = js
            .regex
            .replacen(s, limit, |caps: &regex::Captures<'_>| {
                regex_js::expand(replacement, caps)
            })
            .into_owned();
        return Ok(Value::Text(out));
    }
    if search.is_empty() {
        return Ok(Value::Text(format!("{replacement}{s}")));
    }
    let out = s.replace(search, replacement);
    ctx.check_size(&Value::Text(String::new()))?;
    if out.len() > ctx.env.budget.max_size {
        return Err("evaluation stopped: the text grew too large".into());
    }
    Ok(Value::Text(out))
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xE0020..=0xE007F)
}

/// Words are runs of letters and digits; each gets an upper-case first
/// letter and lower-case rest; other characters are kept as they are (a
/// choice: the docs show only spaces).
fn startcase(s: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

/// Drops `<…>` tags; text between them stays, entities are left as they
/// are (the docs are silent).
fn strip_html(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Common extensions; unknown ones give `application/octet-stream`.
fn mime(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("zip") => "application/zip",
        Some("txt") => "text/plain",
        Some("html" | "htm") => "text/html",
        Some("css") => "text/css",
        Some("csv") => "text/csv",
        Some("js") => "application/javascript",
        Some("mp3") => "audio/mpeg",
        Some("mp4") => "video/mp4",
        Some("doc") => "application/msword",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xls") => "application/vnd.ms-excel",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}
