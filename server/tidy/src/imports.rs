//! The import graph between the files of one crate, and its loops.
//!
//! File A points to file B when A names something B defines: an item (a
//! function, type, trait, constant, static, macro) written in B, or a
//! module whose file is B. A names a path in a `use` item starting with
//! `crate`, `super`, `self` or a child module that A declares, or in a path
//! in code starting with `crate::`, `super::` or `self::` (or a declared
//! child). `mod a;` is no edge.
//!
//! A path is followed to where its item is defined ([`crate::scopes`]):
//! first to the deepest module it names that has a file (`a.rs` or
//! `a/mod.rs`; `crate` is `lib.rs` or `main.rs`), then, when that module
//! does not define the next name but brings it in with a `use` (`pub use
//! child::Item`, `pub(crate) use child::Item as Other`, `pub use child::*`,
//! or a private `use` that a child reaches with `super::`), on through that
//! `use`, and so along chains of them. So `crate::Item` re-exported by
//! `lib.rs` from `a/b.rs` points to `a/b.rs`, and `crate::a::inline::Item`
//! points to `a.rs`. A path that leads to another crate's item is no edge.
//! Where a chain cannot be followed (its `use` items lead back to the
//! start), the path points to the last module that passes the name on;
//! where a name is in none of the module's items or `use` items (a variant,
//! a method, an item a macro writes), to that module's file.
//!
//! A re-export (a `use` with any visibility) is no edge: it is how a module
//! exposes items written elsewhere, not a use of them. A parent that calls
//! or names its child's item in its own code still points to the child.
//!
//! Test code is no source of edges: files named `tests.rs` or under a
//! `tests/` folder, modules declared `#[cfg(test)] mod x;`, and any item
//! behind `#[cfg(test)]`, such as `#[cfg(test)] mod tests { … }`.
//!
//! Limits of this reading (see also [`crate::paths`] and [`crate::scrub`]):
//! paths built by macros are unseen; `#[path]` attributes and `include!`
//! are not followed; the files are mapped to modules by their place under
//! `src/`, as Cargo lays out a library or a binary (not `src/bin/`, and a
//! `main.rs` beside a `lib.rs` is read as if it were the same root).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::cycles::covering_cycles;
use crate::paths::Scan;
use crate::scopes::{Resolver, Scope};
use crate::scrub::code_only;
use crate::tree::SourceFile;

/// Each loop of imports in each crate, as `server/x/src: a.rs -> b.rs ->
/// a.rs` (the files relative to the crate's `src/`).
pub fn import_cycles(files: &[SourceFile]) -> Vec<String> {
    let mut crates: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for file in files.iter().filter(|file| file.path.starts_with("src/")) {
        crates.entry(&file.crate_dir).or_default().push(file);
    }
    let mut report = Vec::new();
    for (crate_dir, files) in crates {
        let graph = CrateGraph::of(&files);
        for cycle in covering_cycles(&graph.edges) {
            let names: Vec<&str> = cycle.iter().map(|&node| graph.names[node]).collect();
            report.push(format!("{crate_dir}/src: {}", names.join(" -> ")));
        }
    }
    report
}

/// The files of one crate's `src/` and the imports between them.
pub struct CrateGraph<'f> {
    /// Each file relative to `src/`, as node names.
    pub names: Vec<&'f str>,
    pub edges: Vec<Vec<usize>>,
}

impl<'f> CrateGraph<'f> {
    /// `files` are one crate's files under `src/`.
    pub fn of(files: &[&'f SourceFile]) -> Self {
        let names: Vec<&str> = files
            .iter()
            .map(|file| file.path.strip_prefix("src/").unwrap_or(&file.path))
            .collect();
        let modules: Vec<Vec<String>> = names.iter().map(|name| module_of(name)).collect();
        let mut by_module: HashMap<&[String], usize> = HashMap::new();
        for (node, module) in modules.iter().enumerate() {
            // `lib.rs` comes before `main.rs`, so it keeps the root.
            by_module.entry(module).or_insert(node);
        }
        let mut test_only = vec![false; files.len()];
        let scans: Vec<Scan> = files
            .iter()
            .zip(&modules)
            .map(|(file, module)| Scan::of(&code_only(&file.text), module))
            .collect();
        for (scan, module) in scans.iter().zip(&modules) {
            for child in &scan.test_children {
                let path = [module.clone(), vec![child.clone()]].concat();
                if let Some(&node) = by_module.get(path.as_slice()) {
                    test_only[node] = true;
                }
            }
        }
        let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        for scan in &scans {
            for (module, scope) in &scan.scopes {
                scopes
                    .entry(module.clone())
                    .or_default()
                    .merge(scope.clone());
            }
        }
        let resolver = Resolver {
            files: &by_module,
            scopes: &scopes,
        };
        let mut edges = vec![Vec::new(); files.len()];
        for (node, scan) in scans.iter().enumerate() {
            if files[node].is_test() || test_only[node] {
                continue;
            }
            let targets: BTreeSet<usize> = scan
                .named
                .iter()
                .filter_map(|path| resolver.file_of(path))
                .filter(|&target| target != node)
                .collect();
            edges[node] = targets.into_iter().collect();
        }
        Self { names, edges }
    }
}

/// The module path of a file, from its path relative to `src/`.
fn module_of(name: &str) -> Vec<String> {
    let mut parts: Vec<String> = name.split('/').map(str::to_owned).collect();
    if let Some(last) = parts.last_mut()
        && let Some(stem) = last.strip_suffix(".rs")
    {
        *last = stem.to_owned();
    }
    let is_root = parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main");
    if is_root || parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycles_of(files: &[(&str, &str)]) -> Vec<String> {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(path, text)| SourceFile::new("server/x", path, text))
            .collect();
        import_cycles(&files)
    }

    #[test]
    fn two_files_naming_each_other_are_a_cycle() {
        let files = [
            ("src/lib.rs", "mod a;\nmod b;\n"),
            ("src/a.rs", "use crate::b::B;\npub struct A;\n"),
            ("src/b.rs", "pub struct B(crate::a::A);\n"),
        ];
        assert_eq!(cycles_of(&files), ["server/x/src: a.rs -> b.rs -> a.rs"]);
    }

    /// Each file with the files it points to, as `from -> to, to`.
    fn edges_of(files: &[(&str, &str)]) -> Vec<String> {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(path, text)| SourceFile::new("server/x", path, text))
            .collect();
        let files: Vec<&SourceFile> = files.iter().collect();
        let graph = CrateGraph::of(&files);
        graph
            .edges
            .iter()
            .enumerate()
            .filter(|(_, targets)| !targets.is_empty())
            .map(|(node, targets)| {
                let targets: Vec<&str> = targets.iter().map(|&to| graph.names[to]).collect();
                format!("{} -> {}", graph.names[node], targets.join(", "))
            })
            .collect()
    }

    #[test]
    fn a_parent_calling_a_child_that_uses_it_is_a_cycle() {
        let files = [
            ("src/lib.rs", "mod a;\n"),
            (
                "src/a/mod.rs",
                "mod c;\npub use c::C;\npub struct Shared;\nfn run() { c::go() }\n",
            ),
            (
                "src/a/c.rs",
                "use super::Shared;\npub struct C(Shared);\npub fn go() {}\n",
            ),
        ];
        assert_eq!(
            cycles_of(&files),
            ["server/x/src: a/mod.rs -> a/c.rs -> a/mod.rs"]
        );
    }

    #[test]
    fn a_re_export_chain_points_to_the_defining_file_and_is_no_edge_itself() {
        let files = [
            (
                "src/lib.rs",
                "mod a;\nmod user;\npub use a::Deep;\npub struct Root;\n",
            ),
            (
                "src/a/mod.rs",
                "mod b;\npub(crate) use self::b::Inner as Deep;\n",
            ),
            ("src/a/b.rs", "pub struct Inner(crate::Root);\n"),
            ("src/user.rs", "fn f() -> crate::Deep { todo!() }\n"),
        ];
        assert_eq!(edges_of(&files), ["a/b.rs -> lib.rs", "user.rs -> a/b.rs"]);
        assert_eq!(cycles_of(&files), Vec::<String>::new());
    }

    #[test]
    fn a_glob_re_export_is_followed_only_where_its_module_has_the_name() {
        let files = [
            (
                "src/lib.rs",
                "mod a;\nmod user;\npub use a::*;\npub fn local() {}\n",
            ),
            ("src/a/mod.rs", "mod c;\npub use c::*;\n"),
            ("src/a/c.rs", "pub fn helper() { crate::local() }\n"),
            (
                "src/user.rs",
                "use crate::{helper, local};\nfn f() { crate::Enum::Variant; }\n",
            ),
        ];
        assert_eq!(
            edges_of(&files),
            ["a/c.rs -> lib.rs", "user.rs -> lib.rs, a/c.rs"]
        );
    }

    #[test]
    fn a_loop_through_a_re_export_is_still_a_loop() {
        let files = [
            ("src/lib.rs", "mod a;\nmod b;\npub use a::A;\n"),
            ("src/a.rs", "use crate::b::B;\npub struct A;\n"),
            (
                "src/b.rs",
                "pub struct B;\nfn f() -> crate::A { todo!() }\n",
            ),
        ];
        assert_eq!(cycles_of(&files), ["server/x/src: a.rs -> b.rs -> a.rs"]);
    }

    #[test]
    fn another_crates_item_passed_on_is_no_edge_and_a_use_loop_stops() {
        let files = [
            (
                "src/lib.rs",
                "mod a;\nmod user;\npub use other::Span;\npub use a::Lost;\n",
            ),
            ("src/a.rs", "pub use crate::Lost;\n"),
            ("src/user.rs", "use crate::{Lost, Span};\n"),
        ];
        assert_eq!(edges_of(&files), ["user.rs -> a.rs"]);
    }

    #[test]
    fn a_path_resolves_to_the_deepest_module_with_a_file() {
        let files = [
            ("src/main.rs", "mod a;\nmod b;\n"),
            (
                "src/a.rs",
                "pub mod inline { pub struct X; }\nuse crate::b::deeper::Y;\n",
            ),
            (
                "src/b.rs",
                "pub mod deeper { pub struct Y(crate::a::inline::X); }\n",
            ),
        ];
        assert_eq!(cycles_of(&files), ["server/x/src: a.rs -> b.rs -> a.rs"]);
    }

    #[test]
    fn declarations_comments_strings_and_tests_make_no_edges() {
        let files = [
            ("src/lib.rs", "mod a;\nmod b;\npub struct Root;\n"),
            (
                "src/a.rs",
                "use crate::Root;\n// use crate::b;\nconst S: &str = \"crate::b::x\";\n",
            ),
            (
                "src/b.rs",
                "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::Root;\n}\n#[cfg(test)]\nmod support;\n",
            ),
            ("src/b/support.rs", "use crate::Root;\n"),
            ("src/tests.rs", "use crate::a::A;\n"),
            ("src/a/tests/more.rs", "use crate::Root;\n"),
        ];
        assert_eq!(cycles_of(&files), Vec::<String>::new());
    }

    #[test]
    fn each_crate_is_its_own_graph() {
        let files = [
            SourceFile::new(
                "server/x",
                "src/lib.rs",
                "pub use crate::one::One;\nmod one;\n",
            ),
            SourceFile::new("server/x", "src/one.rs", "pub struct One;\n"),
            SourceFile::new("server/y", "src/one.rs", "use crate::X;\n"),
            SourceFile::new("server/y", "src/lib.rs", "mod one;\npub struct X;\n"),
        ];
        assert_eq!(import_cycles(&files), Vec::<String>::new());
    }
}
