//! Repairs for messages an editor sends in good faith that the protocol
//! types would reject, losing an edit: a lone UTF-16 surrogate escape in a
//! string, and a document version that is not a 32-bit integer.
//!
//! A lone surrogate (`"\ud800"`) is what `JSON.stringify` writes for a
//! broken JavaScript string; `serde_json` refuses it, so the whole message
//! would be dropped. It becomes U+FFFD, as a UTF-8 decoder does with a bad
//! byte. A version past the `i32` range, fractional or `null` fails the
//! typed `didChange` parameters, so the edit would be dropped silently. The
//! change is applied instead, numbered one past the document's last version
//! (edits are applied in arrival order anyway), and the violation is logged
//! once per session.

use std::collections::HashMap;

use serde_json::Value;

/// `text` with each escape of a lone surrogate replaced by `\ufffd`, or
/// `None` when it holds none. Only escapes are looked at: a raw surrogate
/// cannot occur in valid UTF-8, and `\\ud800` (an escaped backslash) is text.
pub(crate) fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = hex_escape(bytes, i) else {
            // `\\`, `\n`, … : skip the escaped character with its backslash.
            i += 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let low = (0xDC00..0xE000).contains(&unit);
        if high && hex_escape(bytes, i + 6).is_some_and(|next| (0xDC00..0xE000).contains(&next)) {
            i += 12;
            continue;
        }
        if high || low {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..i]);
            out.push_str("\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

/// The code unit of a `\uXXXX` escape starting at `at`.
fn hex_escape(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let digits = std::str::from_utf8(&escape[2..]).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

/// The `textDocument` of a `didOpen`, `didChange` or `didClose`: what
/// version tracking needs, without the text.
#[derive(Debug, PartialEq)]
pub(crate) struct DocumentRef {
    uri: String,
    /// `null` when absent (`didClose`) or sent as `null`.
    version: Value,
}

impl DocumentRef {
    pub(crate) fn of(method: &str, params: Option<&Value>) -> Option<DocumentRef> {
        if !matches!(
            method,
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        ) {
            return None;
        }
        let document = params?.get("textDocument")?;
        Some(DocumentRef {
            uri: document.get("uri")?.as_str()?.to_owned(),
            version: document.get("version").cloned().unwrap_or(Value::Null),
        })
    }
}

/// The last version of each open document, as the client numbered it, so an
/// unusable version can be replaced by the next one.
#[derive(Debug, Default)]
pub(crate) struct Versions {
    last: HashMap<String, i32>,
    warned: bool,
}

impl Versions {
    /// Follows `didOpen`, `didChange` and `didClose`; returns the body to
    /// forward instead of `body` when a `didChange` version had to be
    /// replaced (the only case that parses `body` again).
    pub(crate) fn observe(
        &mut self,
        method: &str,
        document: DocumentRef,
        body: &[u8],
    ) -> Option<Vec<u8>> {
        let DocumentRef { uri, version } = document;
        if method == "textDocument/didClose" {
            self.last.remove(&uri);
            return None;
        }
        if let Some(version) = as_version(&version) {
            self.last.insert(uri, version);
            return None;
        }
        if method != "textDocument/didChange" {
            // A didOpen with a bad version is rejected by the library with a
            // logged error; there is no earlier text to keep in step with.
            return None;
        }
        let next = self.last.get(&uri).map_or(0, |last| last.saturating_add(1));
        if !self.warned {
            self.warned = true;
            tracing::warn!(
                "didChange for {uri} has version {version}, which is not a 32-bit integer; \
                 the change is applied as version {next} (logged once per session)"
            );
        }
        self.last.insert(uri, next);
        let mut message: Value = serde_json::from_slice(body).ok()?;
        *message.pointer_mut("/params/textDocument/version")? = Value::from(next);
        serde_json::to_vec(&message).ok()
    }
}

fn as_version(value: &Value) -> Option<i32> {
    value.as_i64().and_then(|number| i32::try_from(number).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        let cases = [
            (r#"{"a":"x\ud800y"}"#, Some(r#"{"a":"x\ufffdy"}"#)),
            (r#"{"a":"\udc00"}"#, Some(r#"{"a":"\ufffd"}"#)),
            (
                r#"{"a":"\ud800\ud800\udc00"}"#,
                Some(r#"{"a":"\ufffd\ud800\udc00"}"#),
            ),
            (r#"{"a":"end\uD83D"}"#, Some(r#"{"a":"end\ufffd"}"#)),
            (r#"{"a":"\ud83d\ude00 pair"}"#, None),
            (r#"{"a":"\\ud800 is text"}"#, None),
            (r#"{"a":"\\\ud800"}"#, Some(r#"{"a":"\\\ufffd"}"#)),
            (r#"{"a":"é \u00e9 \"q\""}"#, None),
        ];
        for (text, expected) in cases {
            let repaired = replace_lone_surrogates(text);
            assert_eq!(repaired.as_deref(), expected, "{text}");
            if let Some(repaired) = repaired {
                serde_json::from_str::<Value>(&repaired).expect("repaired text parses");
            }
        }
    }

    fn change(uri: &str, version: &str) -> Vec<u8> {
        format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":{version}}},"contentChanges":[{{"text":"x"}}]}}}}"#
        )
        .into_bytes()
    }

    fn version_of(body: &[u8]) -> Value {
        let value: Value = serde_json::from_slice(body).unwrap();
        value["params"]["textDocument"]["version"].clone()
    }

    fn observe(versions: &mut Versions, method: &str, body: &[u8]) -> Option<Vec<u8>> {
        let params = serde_json::from_slice::<Value>(body)
            .ok()?
            .get("params")
            .cloned();
        let document = DocumentRef::of(method, params.as_ref())?;
        versions.observe(method, document, body)
    }

    #[test]
    fn an_unusable_version_is_replaced_by_the_next_one() {
        let mut versions = Versions::default();
        let open = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a","languageId":"imljson","version":7,"text":""}}}"#;
        assert_eq!(observe(&mut versions, "textDocument/didOpen", open), None);
        assert_eq!(
            observe(
                &mut versions,
                "textDocument/didChange",
                &change("file:///a", "8")
            ),
            None
        );
        for (odd, expected) in [
            ("2147483648", 9),
            ("9.5", 10),
            ("null", 11),
            ("-3000000000", 12),
        ] {
            let repaired = observe(
                &mut versions,
                "textDocument/didChange",
                &change("file:///a", odd),
            )
            .unwrap_or_else(|| panic!("{odd} forwarded unchanged"));
            assert_eq!(version_of(&repaired), Value::from(expected), "{odd}");
        }
        // A document never seen starts at 0; a closed one is forgotten.
        let repaired = observe(
            &mut versions,
            "textDocument/didChange",
            &change("file:///b", "null"),
        );
        assert_eq!(version_of(&repaired.unwrap()), Value::from(0));
        let close = br#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///a"}}}"#;
        assert_eq!(observe(&mut versions, "textDocument/didClose", close), None);
        let repaired = observe(
            &mut versions,
            "textDocument/didChange",
            &change("file:///a", "1.5"),
        );
        assert_eq!(version_of(&repaired.unwrap()), Value::from(0));
        assert_eq!(observe(&mut versions, "textDocument/hover", b"{}"), None);
    }
}
