//! What a case runs against: one component's communication and the files
//! a run reads besides it. The caller (the analysis, which knows the app)
//! builds it; the runner only reads it.

use iml_catalogue::ModuleType;

use crate::Spec;

/// The kinds of component a case can run, each with its own flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    OAuth2Connection,
    OAuth1Connection,
    BasicConnection,
    Module(Option<ModuleType>),
    Rpc,
    Webhook,
    /// Custom functions and endpoints have no flow to run.
    Other,
}

impl SubjectKind {
    pub fn is_connection(self) -> bool {
        matches!(
            self,
            SubjectKind::OAuth2Connection
                | SubjectKind::OAuth1Connection
                | SubjectKind::BasicConnection
        )
    }
}

/// The flows a case of this kind can name; the first is the default.
pub fn flows_of(kind: SubjectKind) -> &'static [&'static str] {
    match kind {
        // `authorize` is the initial flow: preauthorize, authorize, token, info.
        SubjectKind::OAuth2Connection => &["authorize", "refresh", "invalidate", "info"],
        SubjectKind::BasicConnection => &["verify"],
        SubjectKind::Module(_) | SubjectKind::Rpc => &["run"],
        // `incoming` hands a payload to the communication; attach and
        // detach are a dedicated webhook's requests.
        SubjectKind::Webhook => &["incoming", "attach", "detach"],
        SubjectKind::OAuth1Connection | SubjectKind::Other => &[],
    }
}

/// The OAuth 2 sections a flow walks, in order.
pub fn oauth2_sections(flow: &str) -> &'static [&'static str] {
    match flow {
        "authorize" => &["preauthorize", "authorize", "token", "info"],
        "refresh" => &["refresh"],
        "invalidate" => &["invalidate"],
        _ => &["info"],
    }
}

/// A component ready to run.
#[derive(Debug)]
pub struct Subject {
    pub kind: SubjectKind,
    /// `connection acme-oauth`, `module listTasks`: for reports.
    pub label: String,
    pub communication: Spec,
    /// The app's Base, for modules, RPCs and webhooks (connections do not
    /// inherit it).
    pub base: Option<Spec>,
    /// Common data: the connection's for a connection, else the app's.
    pub common: serde_json::Value,
    /// A connection's default scope, which `oauth.scope` starts from.
    pub default_scope: serde_json::Value,
    /// A dedicated webhook's attach and detach requests.
    pub attach: Option<Spec>,
    pub detach: Option<Spec>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runnable_kind_has_a_default_flow() {
        assert_eq!(flows_of(SubjectKind::OAuth2Connection)[0], "authorize");
        assert_eq!(flows_of(SubjectKind::Module(None)), ["run"]);
        assert_eq!(flows_of(SubjectKind::Webhook)[0], "incoming");
        assert!(flows_of(SubjectKind::OAuth1Connection).is_empty());
        assert_eq!(oauth2_sections("authorize").len(), 4);
    }
}
