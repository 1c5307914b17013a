//! The import graph between the files of one crate, and its loops.
//!
//! File A points to file B when A names a module whose file is B: in a `use`
//! item starting with `crate`, `super`, `self` or a child module that A
//! declares (so a parent's `pub use child::X` points to the child), or in a
//! path in code starting with `crate::`, `super::` or `self::`. A path is
//! resolved to the deepest module it names that has a file (`a.rs` or
//! `a/mod.rs`; `crate` is `lib.rs` or `main.rs`), so `crate::a::Item` and
//! `crate::a::inline::Item` both point to `a.rs`. `mod a;` is no edge.
//!
//! Test code is no source of edges: files named `tests.rs` or under a
//! `tests/` folder, modules declared `#[cfg(test)] mod x;`, and any item
//! behind `#[cfg(test)]`, such as `#[cfg(test)] mod tests { … }`.
//!
//! Limits of this reading (see also [`crate::paths`] and [`crate::scrub`]):
//! paths built by macros are unseen; `#[path]` attributes and `include!`
//! are not followed; the files are mapped to modules by their place under `src/`, as Cargo lays
//! out a library or a binary (not `src/bin/`, and a `main.rs` beside a
//! `lib.rs` is read as if it were the same root).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::cycles::covering_cycles;
use crate::paths::Scan;
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
        let mut edges = vec![Vec::new(); files.len()];
        for (node, scan) in scans.iter().enumerate() {
            if files[node].is_test() || test_only[node] {
                continue;
            }
            let targets: BTreeSet<usize> = scan
                .named
                .iter()
                .filter_map(|path| deepest_file(&by_module, path))
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

fn deepest_file(by_module: &HashMap<&[String], usize>, path: &[String]) -> Option<usize> {
    (0..=path.len())
        .rev()
        .find_map(|length| by_module.get(&path[..length]).copied())
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

    #[test]
    fn a_parent_re_exporting_a_child_that_uses_it_is_a_cycle() {
        let files = [
            ("src/lib.rs", "mod a;\n"),
            (
                "src/a/mod.rs",
                "mod c;\npub use c::C;\npub struct Shared;\n",
            ),
            ("src/a/c.rs", "use super::Shared;\npub struct C(Shared);\n"),
        ];
        assert_eq!(
            cycles_of(&files),
            ["server/x/src: a/mod.rs -> a/c.rs -> a/mod.rs"]
        );
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
