//! IML parsing cost: every string of a file parsed as a template, the way
//! the analysis layer reads a communication file.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use iml_lang::parse_template;

#[path = "../../analysis/benches/support/mod.rs"]
mod support;

fn templates_of_a_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("iml/parse_all_strings");
    for (label, size) in support::SIZES {
        let text = support::communication(size);
        let strings = support::string_literals(&text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(label),
            &strings,
            |b, strings| {
                b.iter(|| {
                    for s in strings {
                        black_box(parse_template(s));
                    }
                });
            },
        );
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
    targets = templates_of_a_file
}
criterion_main!(benches);
