//! JSON paths: the keys and indices leading from a file's root to a value.

use std::fmt;

use iml_jsonc::{SharedStr, Value, ValueKind};

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// An object member, by its decoded key. Keys taken from the value model
    /// share the document's text, so a path costs one small vector.
    Key(SharedStr),
    /// An array element (0-based).
    Index(usize),
}

/// The keys and indices from the root to a value, e.g. `token.response.data.accessToken`
/// or `[1].qs.limit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(pub Vec<PathSegment>);

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn child_key(&self, key: &str) -> JsonPath {
        self.child_shared_key(&SharedStr::from(key))
    }

    /// Like [`JsonPath::child_key`] for a key taken from the value model
    /// (`member.key.decoded.shared()`), which is shared instead of copied.
    pub fn child_shared_key(&self, key: &SharedStr) -> JsonPath {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(PathSegment::Key(key.clone()));
        JsonPath(segments)
    }

    pub fn child_index(&self, index: usize) -> JsonPath {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(PathSegment::Index(index));
        JsonPath(segments)
    }

    /// The key of segment `i`, when it is a key.
    pub fn key(&self, i: usize) -> Option<&str> {
        match self.0.get(i)? {
            PathSegment::Key(key) => Some(key),
            PathSegment::Index(_) => None,
        }
    }

    /// The keys from segment `from` on, joined with dots, up to the first index
    /// (`response.data.accessToken`).
    pub fn dotted_keys_from(&self, from: usize) -> String {
        let mut out = String::new();
        for segment in self.0.iter().skip(from) {
            let PathSegment::Key(key) = segment else {
                break;
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        out
    }

    /// Whether the keys starting at segment `from` begin with `prefix`.
    pub fn keys_start_with(&self, from: usize, prefix: &[&str]) -> bool {
        prefix
            .iter()
            .enumerate()
            .all(|(i, key)| self.key(from + i) == Some(*key))
    }

    /// The value this path leads to below `root` (the last duplicate key wins).
    pub fn resolve<'a>(&self, root: &'a Value) -> Option<&'a Value> {
        let mut current = root;
        for segment in &self.0 {
            current = match (segment, &current.kind) {
                (PathSegment::Key(key), ValueKind::Object(members)) => members
                    .iter()
                    .rev()
                    .find(|member| member.key.decoded.as_str() == key.as_str())?
                    .value
                    .as_ref()?,
                (PathSegment::Index(index), ValueKind::Array(items)) => items.get(*index)?,
                _ => return None,
            };
        }
        Some(current)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.0 {
            match segment {
                PathSegment::Key(key) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
            first = false;
        }
        if first {
            f.write_str("$")?;
        }
        Ok(())
    }
}
