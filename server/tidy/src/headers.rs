//! Every module opens with a `//!` line, so that a reader meets the reason
//! a file exists before its code.

use crate::tree::SourceFile;

/// Whether the first line with any text on it is an inner doc comment.
pub fn opens_with_module_doc(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(|line| line.starts_with("//!"))
}

/// The files, as shown in reports, that do not open with a `//!` line.
pub fn missing_module_docs(files: &[SourceFile]) -> Vec<String> {
    files
        .iter()
        .filter(|file| !opens_with_module_doc(&file.text))
        .map(SourceFile::shown)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_line_after_blank_lines_is_a_header() {
        assert!(opens_with_module_doc("//! Why.\nfn f() {}\n"));
        assert!(opens_with_module_doc("\n  \n//! Why.\n"));
    }

    #[test]
    fn other_openings_are_not_headers() {
        for text in [
            "",
            "\n\n",
            "fn f() {}\n//! Too late.\n",
            "// A plain comment.\n",
            "/// An item's doc.\nfn f() {}\n",
            "/*! A block doc comment. */\n",
            "#![allow(dead_code)]\n//! After an attribute.\n",
        ] {
            assert!(!opens_with_module_doc(text), "{text:?}");
        }
    }

    #[test]
    fn every_file_without_a_header_is_listed() {
        let files = [
            SourceFile::new("server/x", "src/lib.rs", "//! Root.\nmod a;\n"),
            SourceFile::new("server/x", "src/a.rs", "pub fn a() {}\n"),
            SourceFile::new("server/x", "tests/t.rs", "#[test]\nfn t() {}\n"),
        ];
        assert_eq!(
            missing_module_docs(&files),
            ["server/x/src/a.rs", "server/x/tests/t.rs"]
        );
    }
}
