//! `SharedStr`, text that is cheap to clone because it is a range of one
//! shared buffer.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A piece of text that is cheap to clone: a range of a shared buffer.
///
/// Strings of the value model without escapes are slices of the text it was
/// parsed from, so the model, the paths and the sites built from it share one
/// copy of the file instead of one allocation per string. It reads like a
/// `str` (it derefs to one, and compares, hashes and prints like one).
#[derive(Clone)]
pub struct SharedStr {
    source: Arc<str>,
    start: u32,
    end: u32,
}

impl SharedStr {
    /// The bytes `range` of `source`, which must lie on char boundaries.
    pub(crate) fn slice(source: &Arc<str>, range: Range<usize>) -> SharedStr {
        debug_assert!(
            source.get(range.clone()).is_some(),
            "{range:?} is not a str slice"
        );
        SharedStr {
            source: Arc::clone(source),
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    pub fn as_str(&self) -> &str {
        // Built on char boundaries of an immutable buffer, so this never fails.
        &self.source[self.start as usize..self.end as usize]
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::from("")
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> Self {
        SharedStr {
            end: text.len() as u32,
            source: Arc::from(text),
            start: 0,
        }
    }
}

impl From<&String> for SharedStr {
    fn from(text: &String) -> Self {
        SharedStr::from(text.as_str())
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> Self {
        SharedStr {
            end: text.len() as u32,
            source: Arc::from(text),
            start: 0,
        }
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn slices_share_their_source_and_read_like_str() {
        let source: Arc<str> = Arc::from("say \"héllo\"");
        let hello = SharedStr::slice(&source, 5..11);
        assert_eq!(hello.as_str(), "héllo");
        assert_eq!(hello, "héllo");
        assert_eq!(hello, SharedStr::from("héllo".to_owned()));
        assert_eq!(format!("{hello:?} {hello}"), "\"héllo\" héllo");
        assert_eq!(Arc::strong_count(&source), 2);
        let copy = hello.clone();
        assert_eq!(Arc::strong_count(&source), 3);
        let set: HashSet<SharedStr> = [copy].into_iter().collect();
        assert!(set.contains("héllo"));
        assert_eq!(SharedStr::default().as_str(), "");
    }
}
