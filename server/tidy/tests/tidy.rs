//! The house habits, checked on the real source tree.

use iml_tidy::headers::missing_module_docs;
use iml_tidy::imports::import_cycles;
use iml_tidy::sizes::{DATA_TABLES, MAX_LINES, oversized};
use iml_tidy::tree::{SourceFile, repo_root, server_sources};

fn sources() -> Vec<SourceFile> {
    let files = server_sources(&repo_root()).expect("the source tree is readable");
    assert!(
        files
            .iter()
            .any(|file| file.shown() == "server/tidy/tests/tidy.rs"),
        "the walk did not find this very file under {}",
        repo_root().display()
    );
    files
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let missing = missing_module_docs(&sources());
    assert!(
        missing.is_empty(),
        "{} files do not open with a `//!` line saying why they exist:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn no_production_file_is_too_long() {
    let long: Vec<String> = oversized(&sources())
        .into_iter()
        .map(|(path, lines)| format!("{path}: {lines} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "{} production files are over {MAX_LINES} lines; split them by job:\n{}",
        long.len(),
        long.join("\n")
    );
}

#[test]
fn the_exempt_data_tables_exist() {
    let files = sources();
    for table in DATA_TABLES {
        assert!(
            files.iter().any(|file| file.shown() == *table),
            "{table} is exempt from the size limit but is gone; drop it from DATA_TABLES"
        );
    }
}

#[test]
fn no_files_import_each_other_in_a_loop() {
    let cycles = import_cycles(&sources());
    assert!(
        cycles.is_empty(),
        "{} import loops between files (each a file that names an item another \
         defines, back to the first):\n{}",
        cycles.len(),
        cycles.join("\n")
    );
}
