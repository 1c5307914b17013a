//! Completion and hover on a ~1 MB module communication built from the
//! example app's requests, with warm caches (the first request of each
//! benchmark fills them; the measured ones answer from the snapshot).

use std::path::{Path, PathBuf};

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use iml_analysis::{Analysis, AnalysisHost, TextSize};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/acme-tasks");
const MODULE: &str = "modules/list-tasks/list-tasks.communication.iml.json";
const TARGET_BYTES: usize = 1 << 20;

/// The last request holds the cursors the benchmarks use.
const LAST_REQUEST: &str = r#"{ "url": "/projects/{{parameters.}}/tasks", "method": "GET",
  "response": { "iterate": "{{body.tasks}}", "output": { "title": "{{item.title}}", "due": "{{addDays(item.due_date, 1)}}" } } }"#;

fn load_example(host: &mut AnalysisHost, dir: &Path, root: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            load_example(host, &path, root);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            host.set_file(
                Path::new("/bench").join(path.strip_prefix(root).unwrap_or(&path)),
                text,
            );
        }
    }
}

/// One request of the example, without its leading comment lines.
fn example_request(root: &Path) -> String {
    let text =
        std::fs::read_to_string(root.join(MODULE)).unwrap_or_else(|_| LAST_REQUEST.to_owned());
    let start = text.find('{').unwrap_or(0);
    text[start..].trim_end().to_owned()
}

fn setup() -> (Analysis, PathBuf, String) {
    let root = PathBuf::from(EXAMPLE);
    let mut host = AnalysisHost::new();
    load_example(&mut host, &root, &root);
    let request = example_request(&root);
    let mut big = String::with_capacity(TARGET_BYTES + request.len() * 2);
    big.push_str("[\n");
    while big.len() < TARGET_BYTES {
        big.push_str(&request);
        big.push_str(",\n");
    }
    big.push_str(LAST_REQUEST);
    big.push_str("\n]\n");
    let path = Path::new("/bench").join(MODULE);
    host.set_file(path.clone(), big.clone());
    (host.snapshot(), path, big)
}

fn offset_after(text: &str, needle: &str) -> TextSize {
    let at = text.rfind(needle).map_or(0, |i| i + needle.len());
    TextSize::try_from(at).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let (analysis, path, text) = setup();
    eprintln!("module communication: {} bytes", text.len());
    let cases = [
        (
            "completion parameters.",
            offset_after(&text, "{{parameters."),
            true,
        ),
        (
            "completion after {{addDays(",
            offset_after(&text, "{{addDays("),
            true,
        ),
        (
            "completion response key",
            offset_after(&text, "\"response\": { \""),
            true,
        ),
        ("hover item.title", offset_after(&text, "{{item.ti"), false),
        ("hover function", offset_after(&text, "{{addDa"), false),
        ("hover directive key", offset_after(&text, "\"meth"), false),
    ];
    for (name, offset, completion) in cases {
        // Warm the per-version caches.
        let warm = if completion {
            analysis.completions(&path, offset).len()
        } else {
            usize::from(analysis.hover(&path, offset).is_some())
        };
        eprintln!("{name}: {warm} result(s)");
        c.bench_function(name, |b| {
            b.iter(|| {
                if completion {
                    black_box(
                        analysis
                            .completions(black_box(&path), black_box(offset))
                            .len(),
                    )
                } else {
                    black_box(usize::from(
                        analysis
                            .hover(black_box(&path), black_box(offset))
                            .is_some(),
                    ))
                }
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
