//! Realistic benchmark inputs of a chosen size, built at bench time from the
//! sample app in `examples/acme-tasks` (the jsonc and iml benches include
//! this file by path, so every crate measures the same texts; the
//! `bench_workspace` example writes them to disk for the latency race in
//! `bench/lsp-race`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The sizes every benchmark runs at.
pub const SIZES: [(&str, usize); 4] = [
    ("1KB", 1 << 10),
    ("10KB", 10 << 10),
    ("100KB", 100 << 10),
    ("1MB", 1 << 20),
];

/// Where the sample module's files live, relative to the app root.
pub const COMMUNICATION: &str = "modules/list-tasks/list-tasks.communication.iml.json";
pub const MAPPABLE_PARAMS: &str = "modules/list-tasks/list-tasks.mappable-params.iml.json";

/// `examples/acme-tasks`, found from any crate under `server/`.
pub fn sample_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/acme-tasks")
}

pub fn read_sample(relative: &str) -> String {
    let path = sample_app().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("benchmarks need {}: {e}", path.display()))
}

/// Every file of the sample app as (path relative to the app root, text).
pub fn sample_files() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if let (Ok(text), Ok(relative)) =
                (std::fs::read_to_string(&path), path.strip_prefix(root))
            {
                out.push((relative.to_string_lossy().into_owned(), text));
            }
        }
    }
    let root = sample_app();
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

/// The byte count a size label such as `10KB` stands for, from [`SIZES`].
pub fn size_of(label: &str) -> Option<usize> {
    SIZES
        .iter()
        .find(|(known, _)| *known == label)
        .map(|&(_, bytes)| bytes)
}

/// The workspace every benchmark measures at `size`: each file of the sample
/// app as (path relative to the app root, text), with the module
/// communication and mappable parameters scaled to about `size` bytes.
pub fn workspace_files(size: usize) -> Vec<(String, String)> {
    sample_files()
        .into_iter()
        .map(|(relative, text)| {
            let text = match relative.as_str() {
                COMMUNICATION => communication(size),
                MAPPABLE_PARAMS => mappable_params(size),
                _ => text,
            };
            (relative, text)
        })
        .collect()
}

/// Writes [`workspace_files`] for `size` under `root` (the app root), so a
/// program outside this crate (the latency race) measures the same bytes.
/// A folder already at `root` is replaced, so no file of an earlier run stays.
pub fn write_workspace(root: &Path, size: usize) -> std::io::Result<()> {
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    for (relative, text) in workspace_files(size) {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// The body of a JSON array made of `copies` copies of `element`, each
/// passed through `vary` with its index so copies are not identical.
fn array_of(element: &str, target: usize, vary: impl Fn(&str, usize) -> String) -> String {
    let copies = (target / element.len().max(1)).max(1);
    let mut out = String::with_capacity(target + element.len());
    out.push_str("[\n");
    for i in 0..copies {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&vary(element, i));
    }
    out.push_str("\n]\n");
    out
}

/// A module communication of about `target` bytes: the sample module's
/// request (comments included), repeated as a multi-request array. Below
/// twice the sample's size, the sample itself.
///
/// The file is clean, as a real one would be: each request reads its own
/// parameters, and only the last request keeps `response.limit` and
/// `response.output` (Make reads them from the last request alone, R023);
/// the others keep their mapped values in `response.temp`.
pub fn communication(target: usize) -> String {
    let request = read_sample(COMMUNICATION);
    if target < 2 * request.len() {
        return request;
    }
    let request = request.trim_end();
    let copies = (target / request.len().max(1)).max(1);
    array_of(request, target, |request, i| {
        let request = if i + 1 < copies {
            request
                .replace(LAST_REQUEST_ONLY_LIMIT, "")
                .replace("\"output\": {", "\"temp\": {")
        } else {
            request.to_owned()
        };
        request
            .replace("parameters.projectId", &format!("parameters.projectId{i}"))
            .replace("parameters.limit", &format!("parameters.limit{i}"))
    })
}

/// The sample request's `response.limit` line.
const LAST_REQUEST_ONLY_LIMIT: &str = "    \"limit\": \"{{parameters.limit}}\",\n";

/// The sample module's mappable parameters, repeated to about `target`
/// bytes, with the parameter names [`communication`] reads.
pub fn mappable_params(target: usize) -> String {
    let params = read_sample(MAPPABLE_PARAMS);
    let inner = params
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let copies = (target / inner.len().max(1)).max(1);
    let mut out = String::with_capacity(target + params.len());
    out.push_str("[\n");
    for i in 0..copies {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(
            &inner
                .replace("\"projectId\"", &format!("\"projectId{i}\""))
                .replace("\"limit\"", &format!("\"limit{i}\"")),
        );
    }
    // The unsuffixed names keep the sample's own references valid.
    out.push_str(",\n");
    out.push_str(inner);
    out.push_str("\n]\n");
    out
}

/// A byte offset inside a string value near the middle of `text`, where a
/// keystroke lands: just after the `/projects` of a request URL.
pub fn keystroke_offset(text: &str) -> usize {
    const NEEDLE: &str = "\"/projects";
    let middle = text.len() / 2;
    let hits: Vec<usize> = text.match_indices(NEEDLE).map(|(i, _)| i).collect();
    let at = hits
        .iter()
        .copied()
        .min_by_key(|i| i.abs_diff(middle))
        .unwrap_or(0);
    at + NEEDLE.len()
}

/// The string contents of every string literal in `text` (comments skipped),
/// for parsing each as an IML template.
pub fn string_literals(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                out.push(text[start..i.min(text.len())].to_owned());
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}
