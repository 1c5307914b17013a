//! The connection flavour told by the keys of a communication (spec §2.2): the
//! stored type only says `basic` or `oauth`, and the export layout stores every
//! communication as `api.imljson`.

use iml_catalogue::{OAuthFlavour, flavour_of_key};
use iml_jsonc::{Value, ValueKind};

use super::ConnectionKind;
use crate::json::{has_key, members};

/// Keys that only a single request has at its top level: a basic connection
/// validates with one request, an OAuth communication is keyed by section.
const REQUEST_KEYS: &[&str] = &["url", "method", "headers", "qs", "body", "response"];

/// `None` when the content does not decide (empty object, only `authorize`/`info`, not an object).
pub(crate) fn connection_kind_from_content(root: &Value) -> Option<ConnectionKind> {
    match &root.kind {
        ValueKind::Array(_) => Some(ConnectionKind::Basic),
        ValueKind::Object(_) => {
            let flavours = || {
                members(root)
                    .iter()
                    .filter_map(|member| flavour_of_key(member.key.decoded.as_str()))
            };
            if flavours().any(|flavour| flavour == OAuthFlavour::OAuth1) {
                Some(ConnectionKind::OAuth1)
            } else if flavours().any(|flavour| flavour == OAuthFlavour::OAuth2) {
                Some(ConnectionKind::OAuth2)
            } else if REQUEST_KEYS.iter().any(|key| has_key(root, key)) {
                Some(ConnectionKind::Basic)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether the content has the sections of an OAuth flow (so it is a connection's).
pub(crate) fn looks_like_oauth(root: &Value) -> bool {
    matches!(
        connection_kind_from_content(root),
        Some(ConnectionKind::OAuth1 | ConnectionKind::OAuth2)
    )
}
