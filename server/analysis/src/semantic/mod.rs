//! The semantic model of the IML inside a file's strings.
//!
//! Four layers, each usable on its own:
//!
//! - **Sites** ([`sites`]): every `{{ … }}` block of every string value, and
//!   every spread key `"{{...}}"`, with its JSON path and the decoded ↔ source
//!   offset map. Computed once per file version and cached.
//! - **Context** ([`context_at_path`], [`position_at`]): what a JSON path (or a
//!   cursor offset) means: place, OAuth section, region, iteration, request
//!   index, directive key. `position_at` is the entry point for completion,
//!   hover, signature help and navigation: it also places half-typed input
//!   (a bare word where a key goes, a key without its colon, an unclosed
//!   object).
//! - **Facts** ([`facts`]) of one file (declared parameters and output
//!   fields, connection data and `temp` writes with their nested keys and
//!   flow steps, common-data and sample keys), cached per file version, and
//!   the app-level queries built on them ([`visible_parameters`],
//!   [`connection_keys`], [`common_keys`], [`connection_data_keys`],
//!   [`interface_fields`], [`sample_keys`]).
//! - **Diagnostics** ([`iml_diagnostics`]): IML syntax (`I001`, `I005`–`I008`),
//!   variables (`I002`, `C011`, `C012`), functions (`I003`, `I004`),
//!   parameters (`I009`), spread keys (`I010`), connection data (`C009`,
//!   `X003`), `temp` flow (`C010`) and quote style (`I012`).
//!
//! Every range is a byte range in the file; every offset inside an IML
//! expression tree is a byte offset in the *decoded* string and is mapped
//! with [`ImlString::to_source`] / [`ImlString::from_source`].

pub(crate) mod cache;
mod context;
mod cursor;
mod diagnostics;
mod facts;
mod file_context;
mod lookup;
mod path;
mod quote_style;
mod scope;
pub(crate) mod sites;
mod suggestions;

#[cfg(test)]
mod tests;

pub use context::{SiteContext, context_for};
pub use cursor::{CursorContext, CursorTarget, ImlCursor, position_at};
pub use diagnostics::iml_diagnostics;
pub(crate) use diagnostics::{iml_diagnostics_bounded, iml_diagnostics_within};
pub use facts::{
    ConnectionFacts, DeclaredParam, FileFacts, FlowStep, ParamFacts, Phase, RedirectUse, TempWrite,
    WrittenKey, flow_step_at, keys_below,
};
pub use file_context::context_at_path;
pub use lookup::{facts, sites};
pub use path::{JsonPath, PathSegment};
pub use scope::{
    ConnectionKeys, KeySource, VisibleKey, VisibleParams, common_keys, connection_data_keys,
    connection_keys, interface_fields, sample_keys, visible_parameters, webhook_data_keys,
};
pub use sites::{FileSites, ImlString, Site};
