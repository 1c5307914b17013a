//! What a name means and where else it occurs: the symbol under a cursor
//! (a read in IML, a declaring literal, an `rpc://` reference, a module id
//! in `groups.json`, a manifest entry) and every occurrence of that symbol
//! across the app.
//!
//! A key symbol (parameter, connection data, `temp`, common data) is the set
//! of literals that declare or write it; a read belongs to it when the
//! semantic model resolves the read to one of those literals. So a
//! connection parameter read as `parameters.x` inside the connection and as
//! `connection.x` in a module is one symbol, and so is a `response.data`
//! key written by both `token` and `refresh`.

mod components;
mod entity;
mod occurrences;
mod symbol;

pub(crate) use components::{function_declaration, manifest_member};
pub(crate) use entity::{endpoint_reference_at, entity_at};
pub(crate) use occurrences::{Within, occurrences, occurrences_within};
pub(crate) use symbol::{Entity, FileScope, Form, Found, file_range, resolve_read};
