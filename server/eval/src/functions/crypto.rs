//! JSON and crypto functions: `parseJSON`, `createJSON`, the digests
//! (help.make.com/hash-functions), `jwt` (connections/jwt), `base64url`
//! and `isArray`.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Digest;

use super::Args;
use crate::context::Ctx;
use crate::convert;
use crate::value::Value;

pub(crate) fn call(
    ctx: &mut Ctx<'_>,
    name: &str,
    args: &Args<'_>,
) -> Option<Result<Value, String>> {
    Some(match name {
        "parseJSON" => {
            let text = args.text(0);
            let _ = ctx.spend(text.len() as u64 / 64);
            serde_json::from_str::<serde_json::Value>(&text)
                .map(|json| convert::from_json(&json))
                .map_err(|e| format!("`parseJSON`: not JSON: {e}"))
        }
        // Compact, keys in the value's order.
        "createJSON" => Ok(Value::Text(convert::to_json(args.get(0)).to_string())),
        "jwt" => jwt(args),
        // Standard base64 text turns URL-safe without padding; any other
        // value is encoded from its bytes (the function is undocumented).
        "base64url" => {
            let v = args.get(0);
            let s = convert::to_text(v);
            let looks_base64 = !matches!(v, Value::Binary(_))
                && !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
                && STANDARD.decode(&s).is_ok();
            Ok(Value::Text(if looks_base64 {
                s.replace('+', "-")
                    .replace('/', "_")
                    .trim_end_matches('=')
                    .to_string()
            } else {
                URL_SAFE_NO_PAD.encode(convert::to_bytes(v))
            }))
        }
        "isArray" => Ok(Value::Bool(matches!(args.get(0), Value::Array(_)))),
        _ => return None,
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn hex_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

/// `md5`, `sha1`, `sha256`, `sha512`, with an HMAC when a key is given.
/// Input text is UTF-8, a buffer its bytes; hex output is lower case.
pub(crate) fn digest(name: &str, args: &Args<'_>) -> Result<Value, String> {
    let data = convert::to_bytes(args.get(0));
    let encoding = args.opt_text(1).unwrap_or_else(|| "hex".into());
    let key = match args.get(2) {
        Value::Undefined | Value::Null => None,
        Value::Binary(bytes) => Some(bytes.clone()),
        v => {
            let k = convert::to_text(v);
            let key_encoding = args.opt_text(3).unwrap_or_else(|| "text".into());
            Some(match key_encoding.as_str() {
                "text" | "binary" => k.into_bytes(),
                "hex" => hex_decode(&k).ok_or(format!("`{name}`: the key is not hexadecimal"))?,
                "base64" => STANDARD
                    .decode(k.trim())
                    .map_err(|_| format!("`{name}`: the key is not base64"))?,
                other => return Err(format!("`{name}`: unknown key encoding `{other}`")),
            })
        }
    };
    let bytes = match (name, key) {
        ("md5", _) => md5::Md5::digest(&data).to_vec(),
        ("sha1", None) => sha1::Sha1::digest(&data).to_vec(),
        ("sha256", None) => sha2::Sha256::digest(&data).to_vec(),
        ("sha512", None) => sha2::Sha512::digest(&data).to_vec(),
        ("sha1", Some(k)) => mac::<Hmac<sha1::Sha1>>(&k, &data),
        ("sha256", Some(k)) => mac::<Hmac<sha2::Sha256>>(&k, &data),
        (_, Some(k)) => mac::<Hmac<sha2::Sha512>>(&k, &data),
        _ => sha2::Sha512::digest(&data).to_vec(),
    };
    encode(name, &bytes, &encoding).map(Value::Text)
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    match <M as Mac>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn encode(name: &str, bytes: &[u8], encoding: &str) -> Result<String, String> {
    match encoding {
        "hex" => Ok(hex(bytes)),
        "base64" => Ok(STANDARD.encode(bytes)),
        "latin1" | "binary" => Ok(bytes.iter().map(|b| char::from(*b)).collect()),
        other => Err(format!("`{name}`: unknown encoding `{other}`")),
    }
}

/// HS256/HS384/HS512 are signed; RS256 needs an RSA private key and is
/// left unknown (no RSA signing here). No `iat` is added: the token must
/// not depend on the clock unless the payload says so (a choice).
fn jwt(args: &Args<'_>) -> Result<Value, String> {
    let payload = match args.get(0) {
        v @ Value::Collection(_) => convert::to_json(v).to_string(),
        v => convert::to_text(v),
    };
    let secret = convert::to_bytes(args.get(1));
    let algorithm = args.opt_text(2).unwrap_or_else(|| "HS256".into());
    let mut header = serde_json::Map::new();
    header.insert("alg".into(), algorithm.clone().into());
    header.insert("typ".into(), "JWT".into());
    if let Value::Collection(_) = args.get(3) {
        let options = convert::to_json(args.get(3));
        if let Some(extra) = options.get("header").and_then(|h| h.as_object()) {
            for (k, v) in extra {
                header.insert(k.clone(), v.clone());
            }
        }
    }
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(serde_json::Value::Object(header).to_string()),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = match algorithm.as_str() {
        "HS256" => mac::<Hmac<sha2::Sha256>>(&secret, signing_input.as_bytes()),
        "HS384" => mac::<Hmac<sha2::Sha384>>(&secret, signing_input.as_bytes()),
        "HS512" => mac::<Hmac<sha2::Sha512>>(&secret, signing_input.as_bytes()),
        "RS256" => return Ok(Value::unknown("RS256 signature of `jwt`")),
        other => return Err(format!("`jwt`: unknown algorithm `{other}`")),
    };
    Ok(Value::Text(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    )))
}
