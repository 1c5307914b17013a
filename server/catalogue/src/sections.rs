//! The keyed sections of OAuth connection communication.

use crate::urls;

/// Which OAuth family a connection's communication belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OAuthFlavour {
    OAuth1,
    OAuth2,
}

/// A top-level key of an OAuth communication object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Preauthorize,
    Authorize,
    Token,
    Info,
    Refresh,
    Invalidate,
    /// OAuth 1 root signing object (not a request).
    OAuth1Signing,
    RequestToken,
    AccessToken,
}

#[derive(Debug, Clone, Copy)]
pub struct SectionInfo {
    pub section: Section,
    pub flavour: OAuthFlavour,
    /// The key as written in the file.
    pub key: &'static str,
    /// Position in the initial authorization flow (1 = first); `None` for
    /// sections outside it (`refresh`, `invalidate`, the OAuth 1 `oauth` object).
    pub flow_order: Option<u8>,
    /// Whether the value is a request spec (false for the OAuth 1 `oauth` object).
    pub is_request: bool,
    /// Whether the section runs after tokens exist, so `connection.*` is
    /// populated there.
    pub after_token: bool,
    /// Whether this key alone reveals the flavour (`authorize` and `info` do not).
    pub identifies_flavour: bool,
    pub doc: &'static str,
    pub url: &'static str,
}

const fn s(
    section: Section,
    flavour: OAuthFlavour,
    key: &'static str,
    flow_order: Option<u8>,
    after_token: bool,
    identifies_flavour: bool,
    doc: &'static str,
) -> SectionInfo {
    SectionInfo {
        section,
        flavour,
        key,
        flow_order,
        is_request: true,
        after_token,
        identifies_flavour,
        doc,
        url: match flavour {
            OAuthFlavour::OAuth1 => urls::OAUTH1,
            OAuthFlavour::OAuth2 => urls::OAUTH2,
        },
    }
}

use OAuthFlavour::{OAuth1, OAuth2};

pub static OAUTH2_SECTIONS: &[SectionInfo] = &[
    s(
        Section::Preauthorize,
        OAuth2,
        "preauthorize",
        Some(1),
        false,
        true,
        "Optional request made before the user is sent to the provider.",
    ),
    s(
        Section::Authorize,
        OAuth2,
        "authorize",
        Some(2),
        false,
        false,
        "Redirects the user's browser to the provider (`url` plus `qs`); its `response` \
         reads the callback query as `query`.",
    ),
    s(
        Section::Token,
        OAuth2,
        "token",
        Some(3),
        false,
        true,
        "Trades the code or credentials for tokens and stores them with `response.data`. \
         Without `authorize` it needs a truthy `condition` to run.",
    ),
    s(
        Section::Info,
        OAuth2,
        "info",
        Some(4),
        true,
        false,
        "Validates the connection (a \"who am I\" call); the place for `uid` and `metadata`.",
    ),
    s(
        Section::Refresh,
        OAuth2,
        "refresh",
        None,
        true,
        true,
        "Renews the access token when its `condition` holds; stores new tokens with \
         `response.data`.",
    ),
    s(
        Section::Invalidate,
        OAuth2,
        "invalidate",
        None,
        true,
        true,
        "Revokes the token (presumably when the connection is deleted).",
    ),
];

pub static OAUTH1_SECTIONS: &[SectionInfo] = &[
    SectionInfo {
        is_request: false,
        ..s(
            Section::OAuth1Signing,
            OAuth1,
            "oauth",
            None,
            false,
            true,
            "Signing parameters merged into every section; a section may override single \
             properties with its own `oauth` object.",
        )
    },
    s(
        Section::RequestToken,
        OAuth1,
        "requestToken",
        Some(1),
        false,
        true,
        "Obtains the request token; keep `oauth_token` and its secret in `temp`.",
    ),
    s(
        Section::Authorize,
        OAuth1,
        "authorize",
        Some(2),
        false,
        false,
        "Sends the user to the provider; its `response` reads `query.oauth_token` and \
         `query.oauth_verifier`.",
    ),
    s(
        Section::AccessToken,
        OAuth1,
        "accessToken",
        Some(3),
        false,
        true,
        "Trades the request token and verifier for the access token; store it with \
         `response.data`.",
    ),
    s(
        Section::Info,
        OAuth1,
        "info",
        Some(4),
        true,
        false,
        "Validation call signed with the stored token.",
    ),
];

pub fn sections(flavour: OAuthFlavour) -> &'static [SectionInfo] {
    match flavour {
        OAuthFlavour::OAuth1 => OAUTH1_SECTIONS,
        OAuthFlavour::OAuth2 => OAUTH2_SECTIONS,
    }
}

/// The section named `key` in `flavour`.
pub fn section(flavour: OAuthFlavour, key: &str) -> Option<&'static SectionInfo> {
    sections(flavour).iter().find(|s| s.key == key)
}

/// The flavour a key alone proves (`token` ⇒ OAuth 2, `requestToken` ⇒ OAuth 1);
/// `None` for keys shared by both (`authorize`, `info`) and unknown keys.
pub fn flavour_of_key(key: &str) -> Option<OAuthFlavour> {
    OAUTH2_SECTIONS
        .iter()
        .chain(OAUTH1_SECTIONS)
        .find(|s| s.key == key && s.identifies_flavour)
        .map(|s| s.flavour)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(flavour: OAuthFlavour) -> Vec<&'static str> {
        sections(flavour).iter().map(|s| s.key).collect()
    }

    #[test]
    fn section_keys_match_section_14() {
        assert_eq!(
            keys(OAuth2),
            [
                "preauthorize",
                "authorize",
                "token",
                "info",
                "refresh",
                "invalidate"
            ]
        );
        assert_eq!(
            keys(OAuth1),
            ["oauth", "requestToken", "authorize", "accessToken", "info"]
        );
    }

    #[test]
    fn flow_orders_are_strictly_increasing() {
        for flavour in [OAuth1, OAuth2] {
            let orders: Vec<u8> = sections(flavour)
                .iter()
                .filter_map(|s| s.flow_order)
                .collect();
            assert!(
                orders.windows(2).all(|w| w[0] < w[1]),
                "{flavour:?}: {orders:?}"
            );
        }
    }

    #[test]
    fn flavour_detection() {
        assert_eq!(flavour_of_key("token"), Some(OAuth2));
        assert_eq!(flavour_of_key("refresh"), Some(OAuth2));
        assert_eq!(flavour_of_key("requestToken"), Some(OAuth1));
        assert_eq!(flavour_of_key("oauth"), Some(OAuth1));
        assert_eq!(flavour_of_key("authorize"), None);
        assert_eq!(flavour_of_key("info"), None);
        assert_eq!(flavour_of_key("url"), None);
    }

    #[test]
    fn after_token_sections() {
        let after: Vec<_> = OAUTH2_SECTIONS
            .iter()
            .filter(|s| s.after_token)
            .map(|s| s.key)
            .collect();
        assert_eq!(after, ["info", "refresh", "invalidate"]);
        assert!(section(OAuth1, "info").is_some_and(|s| s.after_token));
        assert!(section(OAuth1, "oauth").is_some_and(|s| !s.is_request));
    }
}
