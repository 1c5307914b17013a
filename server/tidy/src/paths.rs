//! Which modules of its crate a file names: the paths of its `use` items
//! and the `crate::`, `super::` and `self::` paths in its code, resolved
//! from where they are written to absolute module paths.
//!
//! A reader over [`crate::tokens`] that knows just enough of Rust's items:
//! use trees with groups, globs, `self` and renames; inline modules, which
//! `super` and `self` start from; attributes, to skip items behind
//! `#[cfg(test)]` (only that exact attribute). A declared child module
//! (`mod child;`) also starts a path (`use child::X`, `child::f()`), but
//! only outside inline modules. `$crate::` paths are a macro's and ignored.
//!
//! Besides the paths it names, a file's [`Scope`]s are read: the items each
//! of its modules defines and the names its `use` items bring in. A `use`
//! with a visibility (`pub use`, `pub(crate) use`, …) is a re-export: it
//! only passes names on, so its paths are bindings and not named paths. A
//! `use` path that starts anywhere but `crate`, `super`, `self` or a
//! declared child is taken to be another crate's.

use std::collections::BTreeMap;

use crate::scopes::Scope;
use crate::tokens::{Token, cfg_test_attribute, tokens};

/// What one file names, as absolute module paths (resolved from `crate`,
/// `super`, `self` or a declared child), which of its child modules are
/// declared for tests only, and what its modules define and bind.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub named: Vec<Vec<String>>,
    pub test_children: Vec<String>,
    /// By absolute module path: the file's own, and its inline modules'.
    pub scopes: BTreeMap<Vec<String>, Scope>,
}

/// The keywords that start an item with a name a path can reach.
const DEFINING: &[&str] = &[
    "fn",
    "struct",
    "enum",
    "union",
    "trait",
    "type",
    "const",
    "static",
    "macro_rules",
];

/// What one leaf of a use tree makes available under which name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Binds {
    Name(String),
    Glob,
    /// `as _`, or a leaf such as `crate` that is no name.
    Nothing,
}

impl Scan {
    /// `code` is a file's text after [`code_only`](crate::scrub::code_only),
    /// `module` the file's module path (empty for the crate root).
    pub fn of(code: &str, module: &[String]) -> Self {
        let tokens = tokens(code);
        let children = declared_children(&tokens);
        let mut reader = Reader {
            tokens: &tokens,
            position: 0,
            file_module: module,
            children: &children,
            inline: Vec::new(),
            depth: 0,
            scan: Scan::default(),
        };
        reader.run();
        reader.scan
    }
}

/// The modules a file declares with `mod name;`, wherever they are.
fn declared_children(tokens: &[Token]) -> Vec<String> {
    tokens
        .windows(3)
        .filter_map(|window| match window {
            [Token::Name(keyword), Token::Name(name), Token::Punct(';')] if keyword == "mod" => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect()
}

struct Reader<'t> {
    tokens: &'t [Token],
    position: usize,
    file_module: &'t [String],
    children: &'t [String],
    /// The inline modules (`mod name { … }`) the reader is in, with the
    /// brace depth inside each.
    inline: Vec<(String, usize)>,
    depth: usize,
    scan: Scan,
}

impl<'t> Reader<'t> {
    fn peek(&self, ahead: usize) -> Option<&'t Token> {
        self.tokens.get(self.position + ahead)
    }

    fn is_name(&self, ahead: usize, name: &str) -> bool {
        matches!(self.peek(ahead), Some(Token::Name(found)) if found == name)
    }

    fn is_punct(&self, ahead: usize, punct: char) -> bool {
        self.peek(ahead) == Some(&Token::Punct(punct))
    }

    /// The module the reader is in: the file's, then any inline ones.
    fn here(&self) -> Vec<String> {
        let mut here = self.file_module.to_vec();
        here.extend(self.inline.iter().map(|(name, _)| name.clone()));
        here
    }

    fn run(&mut self) {
        while let Some(token) = self.peek(0).cloned() {
            match token {
                Token::Punct('#') => self.attributes(),
                Token::Punct('{') => {
                    self.depth += 1;
                    self.position += 1;
                }
                Token::Punct('}') => {
                    if self
                        .inline
                        .last()
                        .is_some_and(|(_, depth)| *depth == self.depth)
                    {
                        self.inline.pop();
                    }
                    self.depth = self.depth.saturating_sub(1);
                    self.position += 1;
                }
                Token::Name(name) if name == "mod" => self.module_item(),
                Token::Name(name) if name == "use" => self.use_item(false),
                Token::Name(name) if name == "pub" => {
                    self.position += 1;
                    if self.is_punct(0, '(') {
                        // `pub(in crate::a)` names where an item is seen,
                        // not what it uses.
                        self.skip_group('(', ')');
                    }
                    if self.is_name(0, "use") {
                        self.use_item(true);
                    }
                }
                Token::Name(name) if DEFINING.contains(&name.as_str()) => {
                    self.definition();
                    self.position += 1;
                }
                Token::Name(_) if self.starts_path() => {
                    let path = self.path_in_code();
                    self.name_path(&path);
                }
                _ => self.position += 1,
            }
        }
    }

    /// Whether the reader is among the items of a module, not inside a
    /// body (a function's, an `impl`'s, a type's).
    fn at_item_level(&self) -> bool {
        self.depth == self.inline.last().map_or(0, |(_, depth)| *depth)
    }

    fn scope(&mut self) -> &mut Scope {
        let here = self.here();
        self.scan.scopes.entry(here).or_default()
    }

    /// At a keyword of [`DEFINING`]: records the item's name when it is one
    /// of the module's (not `'static`, nor `const fn` read as `const`).
    fn definition(&mut self) {
        let lifetime = self.position > 0 && self.tokens[self.position - 1] == Token::Punct('\'');
        if lifetime || !self.at_item_level() {
            return;
        }
        let macro_bang = self.is_name(0, "macro_rules") && self.is_punct(1, '!');
        let ahead = if macro_bang || self.is_name(1, "mut") {
            2
        } else {
            1
        };
        if let Some(Token::Name(name)) = self.peek(ahead).cloned() {
            let modifier = matches!(name.as_str(), "unsafe" | "async" | "extern" | "_");
            if !modifier && !DEFINING.contains(&name.as_str()) {
                self.scope().defined.insert(name);
            }
        }
    }

    /// At `use`: a plain `use` names its paths, a re-export (`reexport`)
    /// only passes them on; both bind names when among a module's items.
    fn use_item(&mut self, reexport: bool) {
        self.position += 1;
        let mut leaves = Vec::new();
        self.use_tree(Vec::new(), &mut leaves);
        let binds = self.at_item_level();
        for (path, name) in leaves {
            let absolute = self.absolute(&path);
            if !reexport && let Some(absolute) = &absolute {
                self.scan.named.push(absolute.clone());
            }
            if !binds {
                continue;
            }
            match (name, absolute) {
                (Binds::Name(name), target) => {
                    self.scope().bound.entry(name).or_insert(target);
                }
                (Binds::Glob, Some(target)) => self.scope().globs.push(target),
                (Binds::Glob, None) | (Binds::Nothing, _) => {}
            }
        }
    }

    /// Reads attributes at `#`; an item behind `#[cfg(test)]` is skipped.
    fn attributes(&mut self) {
        let mut for_tests = false;
        while self.is_punct(0, '#') {
            let inner = self.is_punct(1, '!');
            let open = if inner { 2 } else { 1 };
            if !self.is_punct(open, '[') {
                self.position += 1;
                return;
            }
            self.position += open;
            let start = self.position;
            self.skip_group('[', ']');
            let body = &self.tokens[start..self.position];
            for_tests |= !inner && body == cfg_test_attribute().as_slice();
        }
        if for_tests {
            self.skip_item();
        }
    }

    /// Skips an item: to its `;`, or past the braces of its body.
    fn skip_item(&mut self) {
        if self.is_name(0, "pub") {
            self.position += 1;
            if self.is_punct(0, '(') {
                self.skip_group('(', ')');
            }
        }
        if self.is_name(0, "mod")
            && let Some(Token::Name(name)) = self.peek(1)
            && self.is_punct(2, ';')
        {
            self.scan.test_children.push(name.clone());
        }
        while let Some(token) = self.peek(0) {
            match token {
                Token::Punct(';') => {
                    self.position += 1;
                    return;
                }
                Token::Punct('{') => {
                    self.skip_group('{', '}');
                    return;
                }
                _ => self.position += 1,
            }
        }
    }

    /// Skips from an opening `open` past its matching `close`.
    fn skip_group(&mut self, open: char, close: char) {
        let mut depth = 0usize;
        while let Some(token) = self.peek(0) {
            self.position += 1;
            if *token == Token::Punct(open) {
                depth += 1;
            } else if *token == Token::Punct(close) {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
        }
    }

    /// `mod name;` declares a file and names nothing; `mod name {` opens an
    /// inline module that `super` and `self` inside it start from.
    fn module_item(&mut self) {
        if let Some(Token::Name(name)) = self.peek(1).cloned()
            && self.at_item_level()
        {
            self.scope().defined.insert(name);
        }
        if let Some(Token::Name(name)) = self.peek(1).cloned()
            && self.is_punct(2, '{')
        {
            self.depth += 1;
            self.inline.push((name, self.depth));
            self.position += 3;
        } else {
            self.position += 1;
        }
    }

    /// A use tree from here to its end, each leaf appended to `prefix`
    /// (`a::{b, c::*}` gives `a::b` and `a::c`), with the name it binds.
    fn use_tree(&mut self, prefix: Vec<String>, paths: &mut Vec<(Vec<String>, Binds)>) {
        let mut path = prefix;
        if self.peek(0) == Some(&Token::PathSep) {
            // `::name` is always another crate.
            self.skip_to_end_of_use();
            return;
        }
        loop {
            match self.peek(0).cloned() {
                Some(Token::Name(name)) => {
                    self.position += 1;
                    // `a::{self, b}` names `a` itself.
                    if name != "self" || path.is_empty() {
                        path.push(name);
                    }
                    if self.peek(0) != Some(&Token::PathSep) {
                        let mut binds = match path.last().map(String::as_str) {
                            Some("crate" | "self" | "super") | None => Binds::Nothing,
                            Some(last) => Binds::Name(last.to_owned()),
                        };
                        if self.is_name(0, "as") {
                            binds = match self.peek(1) {
                                Some(Token::Name(rename)) if rename != "_" => {
                                    Binds::Name(rename.clone())
                                }
                                _ => Binds::Nothing,
                            };
                            self.position += 2;
                        }
                        paths.push((path, binds));
                        return;
                    }
                    self.position += 1;
                }
                Some(Token::Punct('*')) => {
                    self.position += 1;
                    paths.push((path, Binds::Glob));
                    return;
                }
                Some(Token::Punct('{')) => {
                    self.position += 1;
                    while !self.is_punct(0, '}') && self.peek(0).is_some() {
                        if self.is_punct(0, ',') {
                            self.position += 1;
                            continue;
                        }
                        let before = self.position;
                        self.use_tree(path.clone(), paths);
                        if self.position == before {
                            self.position += 1;
                        }
                    }
                    self.position += 1;
                    return;
                }
                _ => return,
            }
        }
    }

    fn skip_to_end_of_use(&mut self) {
        while let Some(token) = self.peek(0) {
            self.position += 1;
            if *token == Token::Punct(';') {
                return;
            }
        }
    }

    /// Whether a path that names a module of this crate starts here: one
    /// that begins with `crate::`, `super::` or `self::` (not `$crate::`,
    /// a macro's), or with a declared child module at the file's level.
    fn starts_path(&self) -> bool {
        let Some(Token::Name(name)) = self.peek(0) else {
            return false;
        };
        let previous = self.position.checked_sub(1).map(|at| &self.tokens[at]);
        let continues_a_path = matches!(previous, Some(Token::PathSep | Token::Punct('$' | '.')));
        let anchor = matches!(name.as_str(), "crate" | "super" | "self")
            || (self.inline.is_empty() && self.children.contains(name));
        anchor && !continues_a_path && self.peek(1) == Some(&Token::PathSep)
    }

    fn path_in_code(&mut self) -> Vec<String> {
        let mut path = Vec::new();
        while let Some(Token::Name(name)) = self.peek(0).cloned() {
            path.push(name);
            self.position += 1;
            if self.peek(0) != Some(&Token::PathSep) {
                break;
            }
            self.position += 1;
        }
        path
    }

    /// Records `path`, as written here, once resolved to an absolute module
    /// path; paths into other crates are dropped.
    fn name_path(&mut self, path: &[String]) {
        if let Some(absolute) = self.absolute(path) {
            self.scan.named.push(absolute);
        }
    }

    /// `path`, as written here, from the crate root; `None` for a path into
    /// another crate (or above the root).
    fn absolute(&self, path: &[String]) -> Option<Vec<String>> {
        let (first, rest) = path.split_first()?;
        let mut absolute = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.here(),
            "super" => self.here().split_last()?.1.to_vec(),
            child if self.inline.is_empty() && self.children.iter().any(|c| c == child) => {
                [self.file_module.to_vec(), vec![child.to_owned()]].concat()
            }
            _ => return None,
        };
        let mut rest = rest;
        while let Some((segment, after)) = rest.split_first()
            && first == "super"
            && segment == "super"
        {
            absolute.pop()?;
            rest = after;
        }
        absolute.extend(rest.iter().cloned());
        Some(absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::Scan;
    use crate::scopes::Scope;

    fn module(path: &str) -> Vec<String> {
        path.split("::")
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[track_caller]
    fn named(code: &str, file_module: &str) -> Vec<String> {
        Scan::of(code, &module(file_module))
            .named
            .iter()
            .map(|path| path.join("::"))
            .collect()
    }

    #[test]
    fn use_trees_expand_to_one_path_per_leaf() {
        assert_eq!(
            named("use crate::{a::B, c::{self, d::*}, e as f};", ""),
            ["a::B", "c", "c::d", "e"]
        );
    }

    #[test]
    fn super_and_self_start_from_the_file_module() {
        assert_eq!(named("use super::z::W;", "x::y"), ["x::z::W"]);
        assert_eq!(named("fn f() { super::super::q(); }", "x::y"), ["q"]);
        assert_eq!(named("fn f() { self::g(); }", "x"), ["x::g"]);
    }

    #[test]
    fn a_declared_child_starts_a_path_and_the_declaration_names_nothing() {
        assert_eq!(
            named(
                "mod child;\npub use child::Thing;\nfn f() { child::g() }",
                "m"
            ),
            ["m::child::g"]
        );
        assert_eq!(named("mod child;\nmod other;\n", "m"), Vec::<String>::new());
    }

    #[test]
    fn inline_modules_move_super_and_self() {
        let code =
            "mod inner {\n    use super::a::B;\n    fn f() { self::g(); }\n}\nuse self::c::D;";
        assert_eq!(named(code, "m"), ["m::a::B", "m::inner::g", "m::c::D"]);
    }

    #[test]
    fn items_behind_cfg_test_are_skipped() {
        let code = "#[cfg(test)]\nmod tests {\n    use crate::a;\n    fn f() { crate::b(); }\n}\n\
                    #[cfg(test)]\nuse crate::c;\n#[cfg(test)]\n#[allow(unused)]\nmod helpers;\n\
                    use crate::d;";
        let scan = Scan::of(code, &[]);
        assert_eq!(scan.named, [module("d")]);
        assert_eq!(scan.test_children, ["helpers"]);
        // Other attributes hide nothing.
        assert_eq!(named("#[cfg(unix)]\nuse crate::e;", ""), ["e"]);
    }

    #[test]
    fn other_crates_and_lookalikes_are_not_paths() {
        let code = "use std::fmt;\nuse ::serde::Serialize;\npub(crate) fn f() {}\n\
                    macro_rules! m { () => { $crate::x() } }\nfn g(x: S) { x.child::<u8>(); }";
        assert_eq!(named(code, ""), Vec::<String>::new());
        assert_eq!(named("use crate::r#type::X;", ""), ["type::X"]);
    }

    #[test]
    fn re_exports_bind_names_without_naming_paths() {
        let code = "mod child;\npub use child::Thing;\npub(crate) use self::child::{Other as Renamed, *};\n\
                    use crate::x::Used;\npub use serde::Serialize;\npub use child::Hidden as _;";
        let scan = Scan::of(code, &module("m"));
        assert_eq!(scan.named, [module("x::Used")]);
        let scope = &scan.scopes[&module("m")];
        let bound: Vec<(String, Option<String>)> = scope
            .bound
            .iter()
            .map(|(name, target)| (name.clone(), target.as_ref().map(|path| path.join("::"))))
            .collect();
        assert_eq!(
            bound,
            [
                ("Renamed".to_owned(), Some("m::child::Other".to_owned())),
                ("Serialize".to_owned(), None),
                ("Thing".to_owned(), Some("m::child::Thing".to_owned())),
                ("Used".to_owned(), Some("x::Used".to_owned())),
            ]
        );
        assert_eq!(scope.globs, [module("m::child")]);
    }

    #[test]
    fn only_a_modules_own_items_are_its_definitions() {
        let code = "pub const fn f() {}\nstatic mut S: &'static str = \"\";\nconst _: () = ();\n\
                    macro_rules! m { () => {} }\npub(in crate::a) struct T;\nmod child;\n\
                    impl T { fn method() {} const C: u8 = 0; }\nfn g() { struct Local; use crate::b::B; }\n\
                    mod inner { pub enum E { V } }";
        let scan = Scan::of(code, &[]);
        let defined = |path: &str| -> Vec<String> {
            let scope = scan.scopes.get(&module(path));
            scope.map_or_else(Vec::new, |scope: &Scope| {
                scope.defined.iter().cloned().collect()
            })
        };
        assert_eq!(defined(""), ["S", "T", "child", "f", "g", "inner", "m"]);
        assert_eq!(defined("inner"), ["E"]);
        // A `use` in a body names its path but binds nothing of the module.
        assert_eq!(scan.named, [module("b::B")]);
        assert!(scan.scopes[&module("")].bound.is_empty());
    }
}
