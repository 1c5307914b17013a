//! JSON Schemas (draft-07) for the spec files, generated from the catalogue.
//!
//! Editors without an IML-aware server (or the plain JSON language server)
//! can validate key sets, enumerations and value kinds with these. Every key
//! list, enumeration and description comes from `iml-catalogue`, so a fact
//! changed there changes the schemas too.

mod parameters;
mod request;
mod values;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use iml_catalogue::{ModuleType, OAuthFlavour, Place};
use serde_json::{Value, json};

/// The file kinds a schema is exported for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemaKind {
    /// `<id>.oauth-communication.iml.json` of an OAuth 2 connection.
    OAuth2Communication,
    /// `<id>.oauth-communication.iml.json` of an OAuth 1 connection.
    OAuth1Communication,
    /// `<id>.communication.iml.json` of a basic (API key, basic auth, JWT) connection.
    BasicCommunication,
    /// A module's communication, accepting what any module type accepts.
    ModuleCommunication,
    /// A module's communication for one module type.
    ModuleTypeCommunication(ModuleType),
    /// An RPC's communication.
    RpcCommunication,
    /// A webhook's own communication (`<id>.communication.iml.json` of a webhook).
    WebhookCommunication,
    /// Webhook `attach`, `detach` or `update` requests.
    WebhookRequest,
    /// `general/base.iml.json`.
    Base,
    /// A polling trigger's epoch.
    Epoch,
    /// Any parameters file (connection, module static/mappable, interface, RPC, webhook).
    Parameters,
}

impl SchemaKind {
    /// Every kind, in the order `--all` writes them.
    pub fn all() -> Vec<SchemaKind> {
        let mut kinds = vec![
            SchemaKind::OAuth2Communication,
            SchemaKind::OAuth1Communication,
            SchemaKind::BasicCommunication,
            SchemaKind::ModuleCommunication,
        ];
        kinds.extend(ModuleType::ALL.map(SchemaKind::ModuleTypeCommunication));
        kinds.extend([
            SchemaKind::RpcCommunication,
            SchemaKind::WebhookCommunication,
            SchemaKind::WebhookRequest,
            SchemaKind::Base,
            SchemaKind::Epoch,
            SchemaKind::Parameters,
        ]);
        kinds
    }

    /// The name used on the command line (`--kind NAME`) and as the file stem
    /// of `--all --out DIR` (`NAME.schema.json`).
    pub fn name(self) -> String {
        match self {
            SchemaKind::OAuth2Communication => "oauth2-communication".into(),
            SchemaKind::OAuth1Communication => "oauth1-communication".into(),
            SchemaKind::BasicCommunication => "basic-communication".into(),
            SchemaKind::ModuleCommunication => "module-communication".into(),
            SchemaKind::ModuleTypeCommunication(module) => {
                format!("{}-communication", module.name().replace('_', "-"))
            }
            SchemaKind::RpcCommunication => "rpc-communication".into(),
            SchemaKind::WebhookCommunication => "webhook-communication".into(),
            SchemaKind::WebhookRequest => "webhook-request".into(),
            SchemaKind::Base => "base".into(),
            SchemaKind::Epoch => "epoch".into(),
            SchemaKind::Parameters => "parameters".into(),
        }
    }

    pub fn from_name(name: &str) -> Option<SchemaKind> {
        SchemaKind::all().into_iter().find(|k| k.name() == name)
    }

    /// File-name globs of the files this schema fits, for editor settings such
    /// as `json.schemas[].fileMatch`: each file-name stem with every IML JSON
    /// suffix. Empty where the file name alone cannot tell (a module
    /// communication of one type looks like any other).
    pub fn file_match(self) -> Vec<String> {
        self.file_stems()
            .iter()
            .flat_map(|stem| {
                crate::app_files::IML_JSON_SUFFIXES
                    .iter()
                    .map(move |suffix| format!("{stem}{suffix}"))
            })
            .collect()
    }

    fn file_stems(self) -> &'static [&'static str] {
        match self {
            SchemaKind::OAuth2Communication => &["*.oauth-communication"],
            SchemaKind::ModuleCommunication => &["*.communication"],
            SchemaKind::Base => &["base"],
            SchemaKind::Epoch => &["*.epoch"],
            SchemaKind::WebhookRequest => &["*.attach", "*.detach", "*.update"],
            SchemaKind::Parameters => &[
                "*.params",
                "*.static-params",
                "*.mappable-params",
                "*.interface",
            ],
            _ => &[],
        }
    }

    fn title(self) -> String {
        match self {
            SchemaKind::OAuth2Communication => "OAuth 2 connection communication".into(),
            SchemaKind::OAuth1Communication => "OAuth 1 connection communication".into(),
            SchemaKind::BasicCommunication => "Basic connection communication".into(),
            SchemaKind::ModuleCommunication => "Module communication (any module type)".into(),
            SchemaKind::ModuleTypeCommunication(module) => {
                format!("Communication of {}", Place::Module(module).describe())
            }
            SchemaKind::RpcCommunication => "RPC communication".into(),
            SchemaKind::WebhookCommunication => "Webhook communication".into(),
            SchemaKind::WebhookRequest => "Webhook attach, detach or update request".into(),
            SchemaKind::Base => "Base".into(),
            SchemaKind::Epoch => "Epoch".into(),
            SchemaKind::Parameters => "Parameters".into(),
        }
    }
}

/// The JSON Schema (draft-07) of one file kind.
pub fn schema(kind: SchemaKind) -> Value {
    let mut defs = request::Definitions::default();
    let body = match kind {
        SchemaKind::OAuth2Communication => {
            request::oauth_communication(&mut defs, OAuthFlavour::OAuth2)
        }
        SchemaKind::OAuth1Communication => {
            request::oauth_communication(&mut defs, OAuthFlavour::OAuth1)
        }
        SchemaKind::BasicCommunication => {
            request::communication(&mut defs, &[Place::ConnectionBasic], true)
        }
        SchemaKind::ModuleCommunication => {
            let places: Vec<Place> = ModuleType::ALL.map(Place::Module).to_vec();
            request::communication(&mut defs, &places, true)
        }
        SchemaKind::ModuleTypeCommunication(module) => {
            request::communication(&mut defs, &[Place::Module(module)], true)
        }
        SchemaKind::RpcCommunication => request::communication(&mut defs, &[Place::Rpc], true),
        SchemaKind::WebhookCommunication => {
            request::communication(&mut defs, &[Place::WebhookCommunication], false)
        }
        SchemaKind::WebhookRequest => request::communication(
            &mut defs,
            &[
                Place::WebhookAttach,
                Place::WebhookDetach,
                Place::WebhookUpdate,
            ],
            false,
        ),
        SchemaKind::Base => request::communication(&mut defs, &[Place::Base], false),
        SchemaKind::Epoch => request::communication(&mut defs, &[Place::Epoch], false),
        SchemaKind::Parameters => parameters::parameters_file(&mut defs),
    };
    let mut root = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("https://iml-ls.invalid/schemas/{}.schema.json", kind.name()),
        "title": kind.title(),
    });
    if let (Value::Object(root), Value::Object(body)) = (&mut root, body) {
        root.extend(body);
        if !defs.is_empty() {
            root.insert("definitions".into(), defs.into_value());
        }
    }
    root
}

/// The schema of `kind` as pretty-printed JSON text, ending in a newline.
pub fn schema_text(kind: SchemaKind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes every schema to `dir` as `NAME.schema.json`, plus `index.json`
/// (`[{ "kind", "file", "fileMatch" }]`) for editor settings that associate
/// schemas with files. Returns the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut index = Vec::new();
    for kind in SchemaKind::all() {
        let file = format!("{}.schema.json", kind.name());
        let path = dir.join(&file);
        std::fs::write(&path, schema_text(kind))?;
        written.push(path);
        index.push(json!({ "kind": kind.name(), "file": file, "fileMatch": kind.file_match() }));
    }
    let path = dir.join("index.json");
    let mut text = serde_json::to_string_pretty(&Value::Array(index)).unwrap_or_default();
    text.push('\n');
    std::fs::write(&path, text)?;
    written.push(path);
    Ok(written)
}
