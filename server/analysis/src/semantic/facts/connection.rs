//! What a connection's communication stores and uses, which the modules,
//! RPCs and webhooks on that connection read as `connection.*` and `data.*`.

use iml_catalogue::Section;
use text_size::TextRange;

use super::written_keys::WrittenKey;

/// A use of `oauth.redirectUri`, `oauth.localRedirectUri` or `oauth.makeRedirectUri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectUse {
    /// `redirectUri`, `localRedirectUri` or `makeRedirectUri`.
    pub variable: String,
    pub section: Option<Section>,
    /// The directive it is sent under (`qs.redirect_uri`, `body.redirect_uri`).
    pub directive: String,
    /// Source range of the `oauth.<variable>` expression.
    pub range: TextRange,
}

/// What a connection's communication stores and uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionFacts {
    /// Every key of every `response.data`, in file order.
    pub data_keys: Vec<WrittenKey>,
    /// Whether some `response.data` writes keys that cannot be listed (an
    /// expression or a spread key).
    pub data_open: bool,
    pub redirect_uses: Vec<RedirectUse>,
    /// Whether `response.data.expires` is written somewhere.
    pub writes_expires: bool,
    /// Whether some `response.data` key looks like a refresh token.
    pub writes_refresh_token: bool,
}

impl ConnectionFacts {
    pub fn writes_data_key(&self, name: &str) -> bool {
        self.data_keys.iter().any(|key| key.name == name)
    }
}
