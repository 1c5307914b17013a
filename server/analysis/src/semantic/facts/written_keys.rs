//! Keys a file writes for others to read (`response.data`, `temp`, common
//! data, samples), kept with their nested keys so that reads of
//! `<name>.<child>` can be followed.

use iml_catalogue::Section;
use text_size::TextRange;

use super::flow::FlowStep;
use crate::semantic::path::JsonPath;

/// A key written into an object (`response.data`, `temp`, common data,
/// samples), with the keys of its value when that is an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenKey {
    pub name: String,
    /// Range of the key literal.
    pub range: TextRange,
    /// The OAuth section it is written in.
    pub section: Option<Section>,
    /// The request index when the communication is an array.
    pub request_index: Option<usize>,
    /// The member's path in its file (`token.response.data.accessToken`);
    /// its parent is where the key is written.
    pub path: JsonPath,
    /// The named keys of an object value (`account.id`), read as
    /// `<name>.<child>`.
    pub children: Vec<WrittenKey>,
}

impl WrittenKey {
    /// The keys read as `<name>.<path…>.<key>`: the children reached by
    /// following `path` (`self`'s own children when it is empty).
    pub fn keys_below(&self, path: &[&str]) -> &[WrittenKey] {
        let mut keys = self.children.as_slice();
        for step in path {
            match keys.iter().find(|key| key.name == *step) {
                Some(key) => keys = &key.children,
                None => return &[],
            }
        }
        keys
    }
}

/// The keys read as `<path…>.<key>` among `keys` (`keys` itself when `path`
/// is empty). A key written several times (by `token` and `refresh`) is
/// followed in each writer.
pub fn keys_below<'k>(keys: &'k [WrittenKey], path: &[&str]) -> Vec<&'k WrittenKey> {
    match path.split_first() {
        None => keys.iter().collect(),
        Some((first, rest)) => keys
            .iter()
            .filter(|key| key.name == *first)
            .flat_map(|key| key.keys_below(rest))
            .collect(),
    }
}

/// A `temp` key written by a request `temp` or a `response.temp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempWrite {
    /// `None` when the keys cannot be known (`"temp": "{{…}}"` or a spread key).
    pub key: Option<String>,
    pub range: TextRange,
    pub step: FlowStep,
    /// The written key with its nested keys and path; `None` with `key`.
    pub written: Option<WrittenKey>,
}
