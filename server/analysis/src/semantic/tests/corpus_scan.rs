//! Manual noise measurement over a folder of real apps (not part of the normal
//! run): `IML_LS_CORPUS=/path cargo test -p iml-analysis corpus_scan -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::host::AnalysisHost;
use crate::semantic::iml_diagnostics;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "imljson" || e == "js")
        {
            out.push(path);
        }
    }
}

#[test]
#[ignore = "needs IML_LS_CORPUS"]
fn corpus_scan() {
    let Ok(root) = std::env::var("IML_LS_CORPUS") else {
        return;
    };
    let filter = std::env::var("IML_LS_CODE").ok();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for repo in std::fs::read_dir(&root).unwrap().flatten() {
        let mut files = Vec::new();
        files_under(&repo.path(), &mut files);
        let mut host = AnalysisHost::new();
        for file in &files {
            if let Ok(text) = std::fs::read_to_string(file) {
                host.set_file(file.clone(), text);
            }
        }
        let analysis = host.snapshot();
        for file in analysis.files() {
            let text = analysis.file_text(file).unwrap_or("");
            for d in iml_diagnostics(&analysis, file) {
                *counts.entry(d.code).or_default() += 1;
                if filter.as_deref() == Some(d.code) {
                    let snippet = text
                        .get(usize::from(d.range.start())..usize::from(d.range.end()))
                        .unwrap_or("");
                    println!("{} {:?} {}", file.display(), snippet, d.message);
                }
            }
        }
    }
    println!("{counts:?}");
}
