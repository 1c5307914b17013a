//! What each module of a crate defines and brings in with `use`, and how a
//! path is followed through those `use` items to the file that defines the
//! item it names, so that an edge points where the code lives rather than
//! at a module that only passes a name on.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The names one module (a file's, or an inline one) makes available.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Items written in the module itself: functions, types, traits,
    /// constants, statics, macros and modules.
    pub defined: BTreeSet<String>,
    /// Names brought in by a `use` item, public or not, with the absolute
    /// path they stand for; `None` when that path is another crate's.
    pub bound: BTreeMap<String, Option<Vec<String>>>,
    /// The modules of this crate whose names a `use …::*` brings in.
    pub globs: Vec<Vec<String>>,
}

impl Scope {
    /// Adds what `other` makes available (a `main.rs` beside a `lib.rs`).
    pub fn merge(&mut self, other: Scope) {
        self.defined.extend(other.defined);
        for (name, target) in other.bound {
            self.bound.entry(name).or_insert(target);
        }
        self.globs.extend(other.globs);
    }
}

/// Where a followed path ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// The item is written in this file, or a `use` says it comes from the
    /// module of this file.
    Defined(usize),
    /// The path leads into this file, but nothing there defines or brings
    /// in the name (an enum variant, a method, or an item a macro writes).
    Unseen(usize),
    /// The item is another crate's.
    OtherCrate,
}

/// Follows paths through the modules of one crate.
pub struct Resolver<'c> {
    /// Each module that has a file, to that file's node.
    pub files: &'c HashMap<&'c [String], usize>,
    /// Each module's scope, by absolute module path.
    pub scopes: &'c BTreeMap<Vec<String>, Scope>,
}

impl Resolver<'_> {
    /// The file that defines what the absolute `path` names, or `None` for
    /// another crate's item.
    pub fn file_of(&self, path: &[String]) -> Option<usize> {
        match self.find(path, &mut Vec::new())? {
            Found::Defined(file) | Found::Unseen(file) => Some(file),
            Found::OtherCrate => None,
        }
    }

    /// `None` when the path cannot be followed: no module of it has a file,
    /// or the `use` items it passes lead back to it.
    fn find(&self, path: &[String], chain: &mut Vec<Vec<String>>) -> Option<Found> {
        let (length, file) = (0..=path.len())
            .rev()
            .find_map(|length| Some((length, *self.files.get(&path[..length])?)))?;
        if chain.iter().any(|earlier| earlier == path) {
            return None;
        }
        chain.push(path.to_vec());
        let found = self.follow(path, length, file, chain);
        chain.pop();
        Some(found)
    }

    /// Reads `path` from its segment `length`, the first after the deepest
    /// module with a file, `file`; `chain` holds the paths being followed.
    fn follow(
        &self,
        path: &[String],
        mut length: usize,
        file: usize,
        chain: &mut Vec<Vec<String>>,
    ) -> Found {
        loop {
            let Some(name) = path.get(length) else {
                // The path names a module.
                return Found::Defined(file);
            };
            let Some(scope) = self.scopes.get(&path[..length]) else {
                return Found::Unseen(file);
            };
            if let Some(target) = scope.bound.get(name) {
                let Some(target) = target else {
                    return Found::OtherCrate;
                };
                let onward = [target.as_slice(), &path[length + 1..]].concat();
                return match self.find(&onward, chain) {
                    Some(Found::Unseen(there)) => Found::Defined(there),
                    Some(found) => found,
                    // A loop of `use` items: the module that passes the name
                    // on is the last place known.
                    None => Found::Unseen(file),
                };
            }
            if scope.defined.contains(name) {
                if self.scopes.contains_key(&path[..=length]) {
                    // An inline module of the same file; look inside it.
                    length += 1;
                    continue;
                }
                return Found::Defined(file);
            }
            // Names written or imported by name win over globs, as in Rust;
            // a glob counts only where its module really has the name.
            for glob in &scope.globs {
                let onward = [glob.as_slice(), &path[length..]].concat();
                if let Some(found @ (Found::Defined(_) | Found::OtherCrate)) =
                    self.find(&onward, chain)
                {
                    return found;
                }
            }
            return Found::Unseen(file);
        }
    }
}
