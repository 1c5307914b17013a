//! Loads every file under a folder into the analysis host and reports the role
//! of each: counts per role, then every unknown file with its reason.
//!
//! Usage: `cargo run -p iml-analysis --example role_report -- <dir> [--all]`
//! (`--all` also lists every file with its role).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use iml_analysis::{AnalysisHost, RoleKind};

/// Files above this size are skipped: no spec file comes near it.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn main() -> io::Result<()> {
    let mut args = env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: role_report <dir> [--all]");
        std::process::exit(2);
    };
    let list_all = args.any(|arg| arg == "--all");
    let root = fs::canonicalize(root)?;
    let mut host = AnalysisHost::new();
    let mut skipped = Vec::new();
    for path in walk(&root)? {
        let size = fs::metadata(&path)?.len();
        if size > MAX_FILE_BYTES {
            skipped.push((path, "larger than 4 MiB"));
            continue;
        }
        match String::from_utf8(fs::read(&path)?) {
            Ok(text) => {
                host.set_file(path, text);
            }
            Err(_) => skipped.push((path, "not UTF-8")),
        }
    }
    let analysis = host.snapshot();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unknown = Vec::new();
    let files = analysis.files();
    for path in &files {
        let role = analysis.role(path);
        *counts.entry(role.kind.code()).or_default() += 1;
        let relative = path.strip_prefix(&root).unwrap_or(path);
        if list_all {
            println!("{:<20} {}", role.kind.code(), relative.display());
        }
        if let RoleKind::Unknown(reason) = role.kind {
            unknown.push((relative.to_path_buf(), reason.message()));
        }
    }
    println!("| role | files |\n|---|---:|");
    for (role, count) in &counts {
        println!("| {role} | {count} |");
    }
    println!("| **total** | {} |", files.len());
    println!("\napps: {}", analysis.apps_list().len());
    println!("\nunknown files:");
    for (path, reason) in &unknown {
        println!("  {}: {reason}", path.display());
    }
    for (path, reason) in &skipped {
        println!("  skipped {}: {reason}", path.display());
    }
    Ok(())
}

/// Every regular file below `root`, sorted. Symbolic links are not followed,
/// so nothing outside `root` is read.
fn walk(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if entry.file_name() != ".git" {
                    pending.push(entry.path());
                }
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}
