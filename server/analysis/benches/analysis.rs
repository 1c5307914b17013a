//! Analysis costs on the sample app with one module file scaled up:
//! diagnostics of one file, a keystroke followed by that file's diagnostics,
//! and the cross-file case (an edit in the parameters file, then the
//! diagnostics of the communication that reads it).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use iml_analysis::{AnalysisHost, TextRange, TextSize};

mod support;

/// The sample app, with its module communication and mappable parameters
/// replaced by generated files of about `size` bytes each.
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
        App {
            host,
            communication: root.join(support::COMMUNICATION),
            params: root.join(support::MAPPABLE_PARAMS),
        }
    }

    fn text(&self, path: &Path) -> String {
        self.host
            .snapshot()
            .file_text(path)
            .map(str::to_owned)
            .unwrap_or_default()
    }
}

fn insert_at(offset: usize) -> TextRange {
    TextRange::empty(TextSize::from(offset as u32))
}

fn diagnostics_of_one_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis/diagnostics");
    for (label, size) in support::SIZES {
        let app = App::new(size);
        let analysis = app.host.snapshot();
        group.throughput(Throughput::Bytes(app.text(&app.communication).len() as u64));
        // The parse is cached by the snapshot; what is measured is the analysis itself.
        black_box(analysis.diagnostics(&app.communication));
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| black_box(analysis.diagnostics(&app.communication)));
        });
    }
    group.finish();
}

fn keystroke_to_diagnostics(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis/keystroke_to_diagnostics");
    for (label, size) in support::SIZES {
        let mut app = App::new(size);
        let at = insert_at(support::keystroke_offset(&app.text(&app.communication)));
        let typed = TextRange::at(at.start(), TextSize::from(1));
        let mut grown = false;
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| {
                // Typing inside the URL string, then deleting it again on the next
                // iteration, so the file keeps its size however long the run.
                if grown {
                    app.host.apply_edit(&app.communication, typed, "").unwrap();
                } else {
                    app.host.apply_edit(&app.communication, at, "x").unwrap();
                }
                grown = !grown;
                black_box(app.host.snapshot().diagnostics(&app.communication))
            });
        });
    }
    group.finish();
}

fn params_edit_to_dependent_diagnostics(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis/params_edit_to_communication_diagnostics");
    for (label, size) in support::SIZES {
        let mut app = App::new(size);
        let params = app.text(&app.params);
        // Inside the last parameter's label, the one the sample's own request reads.
        let label_at = params.rfind("\"Project").map_or(0, |i| i + 2);
        let at = insert_at(label_at);
        let typed = TextRange::at(at.start(), TextSize::from(1));
        let mut grown = false;
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| {
                if grown {
                    app.host.apply_edit(&app.params, typed, "").unwrap();
                } else {
                    app.host.apply_edit(&app.params, at, "x").unwrap();
                }
                grown = !grown;
                black_box(app.host.snapshot().diagnostics(&app.communication))
            });
        });
    }
    group.finish();
}

fn short_runs() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = short_runs();
    targets = diagnostics_of_one_file, keystroke_to_diagnostics, params_edit_to_dependent_diagnostics
}
criterion_main!(benches);
