//! Component metadata of the export layout (`metadata.json`, spec §11.7) and
//! its home-grown relatives (`meta.json` with `typeId`, `<id>.module.json`).

use iml_jsonc::{Value, ValueKind};

use crate::json::{get, get_str};
use crate::roles::{ConnectionKind, ModuleType, WebhookType, parse_module_type};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentMetadata {
    pub name: Option<String>,
    pub label: Option<String>,
    /// `type` as written: a module type, a connection type or a webhook type.
    pub type_name: Option<String>,
    pub module_type: Option<ModuleType>,
    pub connection: Option<String>,
    pub webhook: Option<String>,
}

impl ComponentMetadata {
    pub(crate) fn parse(value: &Value) -> ComponentMetadata {
        let text = |key: &str| get_str(value, key).map(str::to_owned);
        let type_name = get(value, "type").and_then(scalar_text);
        let module_type = get_str(value, "moduleType")
            .map(str::to_owned)
            .or_else(|| get(value, "typeId").and_then(scalar_text))
            .or_else(|| type_name.clone())
            .and_then(|name| parse_module_type(&name));
        ComponentMetadata {
            name: text("name"),
            label: text("label"),
            type_name,
            module_type,
            connection: text("connection"),
            webhook: text("webhook"),
        }
    }

    pub fn webhook_type(&self) -> Option<WebhookType> {
        self.type_name.as_deref().and_then(WebhookType::parse)
    }

    /// The connection flavour a connection's `type` declares. `oauth` says
    /// nothing about OAuth 1 versus 2; the communication's keys decide that.
    pub fn declared_connection_kind(&self) -> Option<ConnectionKind> {
        declared_connection_kind(self.type_name.as_deref()?)
    }
}

/// Maps a stored or template connection type to a flavour.
pub(crate) fn declared_connection_kind(type_name: &str) -> Option<ConnectionKind> {
    match type_name {
        "basic" | "apikey" | "other" => Some(ConnectionKind::Basic),
        "oauth-1" => Some(ConnectionKind::OAuth1),
        "oauth" | "oauth-refresh" | "oauth-resowncre" | "oauth-clicre" => {
            Some(ConnectionKind::OAuth2)
        }
        _ => None,
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match &value.kind {
        ValueKind::String(string) => Some(string.decoded.as_str().to_owned()),
        ValueKind::Number(number) => Some(number.clone()),
        _ => None,
    }
}
