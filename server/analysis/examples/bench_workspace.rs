//! Writes the benchmark workload to disk: for each size, the sample app with
//! its module communication and mappable parameters scaled to that size,
//! byte for byte what the criterion benches measure. The latency race in
//! `bench/lsp-race` opens these folders, so both measurements share one
//! generator (`benches/support`).
//!
//! Usage: `cargo run -p iml-analysis --example bench_workspace -- --out <dir> <SIZE>…`
//! writes `<dir>/<SIZE>/acme-tasks` for each SIZE (1KB, 10KB, 100KB, 1MB) and
//! prints each folder written.

use std::path::{Path, PathBuf};
use std::{env, io};

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let mut out = None;
    let mut labels = Vec::new();
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            _ => labels.push(arg),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: bench_workspace --out <dir> <SIZE>…");
        std::process::exit(2);
    };
    for label in &labels {
        match write_sized(&out, label) {
            Ok(root) => println!("{}", root.display()),
            Err(error) => {
                eprintln!("bench_workspace: {label}: {error}");
                std::process::exit(1);
            }
        }
    }
}

/// Writes the workspace for one size label to `<out>/<label>/acme-tasks`.
fn write_sized(out: &Path, label: &str) -> io::Result<PathBuf> {
    let size = support::size_of(label).ok_or_else(|| {
        let known: Vec<&str> = support::SIZES.iter().map(|(known, _)| *known).collect();
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unknown size; known: {}", known.join(", ")),
        )
    })?;
    let root = out.join(label).join("acme-tasks");
    support::write_workspace(&root, size)?;
    Ok(root)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use iml_analysis::AnalysisHost;

    use super::*;

    /// A scratch folder removed when dropped, so a failing test leaves nothing behind.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                env::temp_dir().join(format!("iml-bench-workspace-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn files_under(root: &Path) -> Vec<(String, String)> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    let relative = path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    out.push((relative, fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(root, root, &mut out);
        out.sort();
        out
    }

    #[test]
    fn written_10kb_workspace_is_what_the_benches_measure() {
        let scratch = Scratch::new("same-bytes");
        let root = write_sized(&scratch.0, "10KB").unwrap();
        assert_eq!(root, scratch.0.join("10KB/acme-tasks"));

        let written = files_under(&root);
        assert_eq!(written, support::workspace_files(10 << 10));

        // The module files are the scaled ones, not copies of the sample.
        let text_of = |relative: &str| {
            written
                .iter()
                .find(|(path, _)| path == relative)
                .map(|(_, text)| text.as_str())
                .unwrap_or_else(|| panic!("{relative} not written"))
        };
        let communication = text_of(support::COMMUNICATION);
        assert_eq!(communication, support::communication(10 << 10));
        assert_ne!(communication, support::read_sample(support::COMMUNICATION));
        assert!(
            (8 << 10..=12 << 10).contains(&communication.len()),
            "communication is {} bytes, not about 10 KB",
            communication.len()
        );
        assert!(communication.contains("parameters.projectId0"));
        let params = text_of(support::MAPPABLE_PARAMS);
        assert_eq!(params, support::mappable_params(10 << 10));
        assert!(params.contains("\"projectId0\""));
    }

    #[test]
    fn written_10kb_workspace_has_no_diagnostics() {
        let scratch = Scratch::new("clean");
        let root = write_sized(&scratch.0, "10KB").unwrap();
        let mut host = AnalysisHost::new();
        let written = files_under(&root);
        for (relative, text) in &written {
            host.set_file(root.join(relative), text.clone());
        }
        let analysis = host.snapshot();
        let mut found = Vec::new();
        for (relative, _) in &written {
            for diagnostic in analysis.diagnostics(&root.join(relative)) {
                found.push(format!(
                    "{relative}: {} {}",
                    diagnostic.code, diagnostic.message
                ));
            }
        }
        assert!(
            found.is_empty(),
            "the generated app is not clean:\n{}",
            found.join("\n")
        );
        assert!(
            written
                .iter()
                .any(|(path, _)| path == support::COMMUNICATION)
        );
    }

    #[test]
    fn unknown_size_is_refused_without_writing() {
        let scratch = Scratch::new("unknown");
        let error = write_sized(&scratch.0, "2MB").unwrap_err();
        assert!(
            error.to_string().contains("known: 1KB, 10KB, 100KB, 1MB"),
            "{error}"
        );
        assert!(!scratch.0.exists());
    }
}
