//! Runs every diagnostic over a folder of apps: each direct sub-folder is
//! loaded into its own host (one app per folder). Prints the count of each
//! code and every error-severity diagnostic; `--code C013` also lists every
//! diagnostic of that code, `--all` lists every diagnostic.
//!
//! Usage: `cargo run -p iml-analysis --example corpus_diagnostics -- <dir> [--code CODE]… [--all]`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use iml_analysis::{AnalysisHost, Severity};

/// Files above this size are skipped: no spec file comes near it.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn main() -> io::Result<()> {
    let mut args = env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: corpus_diagnostics <dir> [--code CODE]… [--all]");
        std::process::exit(2);
    };
    let mut codes = Vec::new();
    let mut all = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--code" => codes.extend(args.next()),
            "--all" => all = true,
            other => eprintln!("ignoring argument {other}"),
        }
    }
    let root = fs::canonicalize(root)?;
    let mut apps: Vec<PathBuf> = fs::read_dir(&root)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    apps.sort();
    let mut counts: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    let mut listed = Vec::new();
    for app in &apps {
        let mut host = AnalysisHost::new();
        for path in walk(app)? {
            if fs::metadata(&path)?.len() > MAX_FILE_BYTES {
                continue;
            }
            if let Ok(text) = String::from_utf8(fs::read(&path)?) {
                host.set_file(path, text);
            }
        }
        let analysis = host.snapshot();
        for path in analysis.files() {
            let text = analysis.file_text(path).unwrap_or_default();
            for diagnostic in analysis.diagnostics(path) {
                *counts
                    .entry((diagnostic.code, diagnostic.severity))
                    .or_default() += 1;
                let show = all
                    || diagnostic.severity == Severity::Error
                    || codes.iter().any(|c| c == diagnostic.code);
                if show {
                    let offset = usize::from(diagnostic.range.start()).min(text.len());
                    let line = text[..offset].matches('\n').count() + 1;
                    let relative = path.strip_prefix(&root).unwrap_or(path);
                    listed.push(format!(
                        "{} {:?} {}:{line}: {}",
                        diagnostic.code,
                        diagnostic.severity,
                        relative.display(),
                        diagnostic.message
                    ));
                }
            }
        }
    }
    println!("| code | severity | count |\n|---|---|---:|");
    for ((code, severity), count) in &counts {
        println!("| {code} | {} | {count} |", severity.as_str());
    }
    println!();
    for line in &listed {
        println!("{line}");
    }
    Ok(())
}

fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                {
                    stack.push(path);
                }
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
