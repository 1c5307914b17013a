//! How the cost of one keystroke grows with the size of the file typed in:
//! each benchmark does what the server does on a `didChange` (one edit
//! through `AnalysisHost::apply_edit`, a snapshot, the diagnostics of a
//! file), at 10 KB, 100 KB and 1 MB, so the report reads as a growth curve.
//!
//! Three edits: a letter inside a string value (the common case), a comma
//! that changes the value model's shape, and a letter in a parameter's
//! `label` in the mappable parameters file, followed by the diagnostics of
//! the communication that reads those parameters and of the parameters file
//! itself.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use iml_analysis::{AnalysisHost, TextRange, TextSize};
use iml_jsonc::{Value, ValueKind};

mod support;

/// 1 KB is left out: its cost is fixed overhead, not growth, and the
/// `analysis` bench already has it.
const SIZES: [(&str, usize); 3] = [support::SIZES[1], support::SIZES[2], support::SIZES[3]];

/// The sample app with its communication and mappable parameters scaled to
/// about `size` bytes each, as the race's workspaces are.
struct App {
    host: AnalysisHost,
    communication: PathBuf,
    params: PathBuf,
}

impl App {
    fn new(size: usize) -> App {
        let root = support::sample_app();
        let mut host = AnalysisHost::new();
        for (relative, text) in support::workspace_files(size) {
            host.set_file(root.join(&relative), text);
        }
        let app = App {
            host,
            communication: root.join(support::COMMUNICATION),
            params: root.join(support::MAPPABLE_PARAMS),
        };
        // The first diagnostics build the app model and each file's caches,
        // which a server has long done before the user types.
        let analysis = app.host.snapshot();
        black_box(analysis.diagnostics(&app.communication));
        black_box(analysis.diagnostics(&app.params));
        app
    }

    fn text(&self, path: &Path) -> String {
        self.host
            .snapshot()
            .file_text(path)
            .map(str::to_owned)
            .unwrap_or_default()
    }

    fn shape(&self, path: &Path) -> Shape {
        let mut shape = Shape::default();
        if let Some(root) = self.host.snapshot().root_value(path) {
            shape.add(root);
        }
        shape
    }
}

/// What the value model holds, ranges aside: an edit that leaves these
/// counts alone did not change the model's shape.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    objects: usize,
    arrays: usize,
    members: usize,
    missing_values: usize,
    errors: usize,
    scalars: usize,
}

impl Shape {
    fn add(&mut self, value: &Value) {
        match &value.kind {
            ValueKind::Object(members) => {
                self.objects += 1;
                for member in members {
                    self.members += 1;
                    match &member.value {
                        Some(value) => self.add(value),
                        None => self.missing_values += 1,
                    }
                }
            }
            ValueKind::Array(items) => {
                self.arrays += 1;
                items.iter().for_each(|item| self.add(item));
            }
            ValueKind::Error => self.errors += 1,
            _ => self.scalars += 1,
        }
    }
}

/// The occurrence of `needle` nearest the middle of `text`, as a byte offset.
fn nearest_middle(text: &str, needle: &str) -> usize {
    let middle = text.len() / 2;
    text.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle))
        .unwrap_or_else(|| panic!("the workload has no {needle:?}"))
}

/// One keystroke measured: `insert` at `at` in `edited`, then the same text
/// deleted on the next iteration, so the file keeps its size however long
/// the run; each iteration takes a snapshot and computes `checked`'s
/// diagnostics, as the server does before it publishes them.
fn bench_keystroke(
    group: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    app: &mut App,
    edited: &Path,
    checked: &Path,
    at: usize,
    insert: &str,
) {
    let inserted = TextRange::empty(TextSize::from(at as u32));
    let typed = TextRange::at(inserted.start(), TextSize::of(insert));
    let mut grown = false;
    group.bench_function(BenchmarkId::from_parameter(label), |b| {
        b.iter(|| {
            if grown {
                app.host.apply_edit(edited, typed, "").unwrap();
            } else {
                app.host.apply_edit(edited, inserted, insert).unwrap();
            }
            grown = !grown;
            black_box(app.host.snapshot().diagnostics(checked))
        });
    });
    // Leave the file as it was, whichever way the sample count fell.
    if grown {
        app.host.apply_edit(edited, typed, "").unwrap();
    }
}

/// A letter typed inside the URL string of the request nearest the middle of
/// the communication: the value model keeps its shape, only one string
/// changes.
fn string_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_scale/string_edit");
    for (label, size) in SIZES {
        let mut app = App::new(size);
        let text = app.text(&app.communication);
        // The byte counts the growth is read against (the sizes are approximate).
        let params_len = app.text(&app.params).len();
        eprintln!(
            "{label}: communication {} bytes, mappable parameters {params_len} bytes",
            text.len()
        );
        let at = support::keystroke_offset(&text);
        let file = app.communication.clone();
        bench_keystroke(&mut group, label, &mut app, &file, &file, at, "x");
    }
    group.finish();
}

/// Between the key `"method":` and its value. A comma after a whole member
/// (`"GET",,`, or a trailing `"per_page": 100,`) is a syntax error the
/// recovering parser skips: the model keeps its shape. Here the member loses
/// its value and `"GET"` becomes a key of its own, so the model gains a member.
const STRUCTURAL_AFTER: &str = "\"method\":";

/// A comma typed into a member near the middle of the communication (and
/// deleted again on the next iteration): the value model changes shape and
/// the diagnostics go from none to three and back.
fn structural_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_scale/structural_edit");
    for (label, size) in SIZES {
        let mut app = App::new(size);
        let text = app.text(&app.communication);
        let at = nearest_middle(&text, STRUCTURAL_AFTER) + STRUCTURAL_AFTER.len();
        let file = app.communication.clone();
        // The benchmark means something only if the model does change shape.
        let before = app.shape(&file);
        let inserted = TextRange::empty(TextSize::from(at as u32));
        app.host.apply_edit(&file, inserted, ",").unwrap();
        let after = app.shape(&file);
        let found = app.host.snapshot().diagnostics(&file).len();
        app.host
            .apply_edit(
                &file,
                TextRange::at(inserted.start(), TextSize::from(1)),
                "",
            )
            .unwrap();
        assert_ne!(
            before, after,
            "the comma left the value model's shape as it was"
        );
        eprintln!("structural_edit/{label}: {before:?} -> {after:?}, {found} diagnostic(s)");
        bench_keystroke(&mut group, label, &mut app, &file, &file, at, ",");
    }
    group.finish();
}

/// Inside the label of the parameter nearest the middle of the mappable
/// parameters file (just after its first letter): no parameter name changes.
fn label_offset(params: &str) -> usize {
    nearest_middle(params, "\"label\": \"Project\"") + "\"label\": \"P".len()
}

/// A letter typed into a parameter's label, then the diagnostics of the
/// communication that reads the parameters: what the server recomputes for
/// the dependent file although no name it reads changed.
fn params_label_edit_to_communication(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_scale/params_label_edit/communication");
    for (label, size) in SIZES {
        let mut app = App::new(size);
        let at = label_offset(&app.text(&app.params));
        let (params, communication) = (app.params.clone(), app.communication.clone());
        bench_keystroke(
            &mut group,
            label,
            &mut app,
            &params,
            &communication,
            at,
            "x",
        );
    }
    group.finish();
}

/// The same keystroke, then the parameters file's own diagnostics.
fn params_label_edit_to_params(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_scale/params_label_edit/params");
    for (label, size) in SIZES {
        let mut app = App::new(size);
        let at = label_offset(&app.text(&app.params));
        let params = app.params.clone();
        bench_keystroke(&mut group, label, &mut app, &params, &params, at, "x");
    }
    group.finish();
}

/// Ten samples over about 2 s each: the twelve benchmarks, 1 MB setups
/// included, ran in about 35 s on two idle cores.
fn short_runs() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = short_runs();
    targets = string_edit, structural_edit, params_label_edit_to_communication, params_label_edit_to_params
}
criterion_main!(benches);
