//! The vocabulary shared by the navigation features: what kind of name a
//! target is, where it sits, and whether an occurrence declares or reads it.

use std::path::PathBuf;

use text_size::TextRange;

/// What a navigation target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NavKind {
    /// A declared parameter (`parameters.x`, or a connection parameter read as `connection.x`).
    Parameter,
    /// A key a connection writes into `response.data` (`connection.x`, `data.x`).
    ConnectionData,
    /// A key written into `temp`.
    Temp,
    /// A key of common data (`common.x`).
    Common,
    /// A key a webhook's attach saves in `response.data` (`webhook.x`).
    WebhookData,
    /// An RPC (`rpc://name`).
    Rpc,
    /// A module, by its id (a `groups.json` entry).
    Module,
    /// A custom IML function.
    Function,
}

/// A place to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavTarget {
    pub file: PathBuf,
    /// The whole declaration (the parameter object, the key literal, the file).
    pub full_range: TextRange,
    /// What to select and reveal; inside `full_range`.
    pub focus_range: TextRange,
    pub name: String,
    pub kind: NavKind,
}

/// How a reference uses its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferenceAccess {
    /// Where the symbol is declared or written (a parameter's `name`, a
    /// `response.data` or `temp` key, a manifest entry).
    Write,
    /// Where an expression or an `rpc://` reference reads it.
    Read,
}
