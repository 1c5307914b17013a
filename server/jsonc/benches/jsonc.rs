//! JSONC document costs: a full parse (value model and syntax diagnostics),
//! the same after a one-character edit inside a string, and the tree-sitter
//! tree, fresh and reparsed incrementally after that edit.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use iml_jsonc::{JsonDocument, TextRange, TextSize};

#[path = "../../analysis/benches/support/mod.rs"]
mod support;

fn full_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonc/full_parse");
    for (label, size) in support::SIZES {
        let text = support::communication(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| {
                let doc = JsonDocument::parse(text.clone());
                black_box(doc.root());
                black_box(doc.syntax_errors());
            });
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonc/keystroke_reparse");
    for (label, size) in support::SIZES {
        let text = support::communication(size);
        let at = TextSize::from(support::keystroke_offset(&text) as u32);
        let doc = JsonDocument::parse(text);
        doc.root();
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter_batched(
                || doc.clone(),
                |mut doc| {
                    doc.apply_edit(TextRange::empty(at), "x");
                    black_box(doc.root());
                    black_box(doc.syntax_errors());
                    doc
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn tree_sitter(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonc/tree_sitter_parse");
    for (label, size) in support::SIZES {
        let text = support::communication(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| black_box(JsonDocument::parse(text.clone()).tree()));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("jsonc/tree_sitter_reparse");
    for (label, size) in support::SIZES {
        let text = support::communication(size);
        let at = TextSize::from(support::keystroke_offset(&text) as u32);
        let doc = JsonDocument::parse(text);
        doc.tree();
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter_batched(
                || doc.clone(),
                |mut doc| {
                    doc.apply_edit(TextRange::empty(at), "x");
                    black_box(doc.tree());
                    doc
                },
                BatchSize::LargeInput,
            );
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
    targets = full_parse, keystroke, tree_sitter
}
criterion_main!(benches);
