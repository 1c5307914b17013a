//! The sample app shipped in `examples/acme-tasks` is clean: no diagnostic at all.

use std::path::{Path, PathBuf};

use crate::host::AnalysisHost;
use crate::semantic::sites;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn example_app_has_no_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let mut host = AnalysisHost::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Relative to the app so the paths look like a workspace's.
        let path = Path::new("/acme-tasks").join(file.strip_prefix(&root).unwrap());
        host.set_file(path, text);
    }
    let analysis = host.snapshot();
    let mut blocks = 0;
    let mut found = Vec::new();
    for file in analysis.files() {
        blocks += sites(&analysis, file).map_or(0, |s| s.sites().count());
        for d in analysis.diagnostics(file) {
            found.push(format!(
                "{} {} {:?} {}",
                file.display(),
                d.code,
                d.range,
                d.message
            ));
        }
    }
    assert!(
        blocks > 20,
        "the example app should exercise IML, found {blocks} blocks"
    );
    assert!(
        found.is_empty(),
        "diagnostics in the example app:\n{}",
        found.join("\n")
    );
}
