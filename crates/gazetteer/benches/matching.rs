//! Cost of building the gazetteer and of finding names in text: the built-in data, and a synthetic
//! 50,000-crossing gazetteer standing in for a large import. Texts are ~1 MB of generated English-like
//! filler with crossing names sprinkled in; all generation is deterministic.

use std::hint::black_box;

#[path = "support/synthetic.rs"]
mod synthetic;

use borderwatch_gazetteer::{CountryTable, Crossing, Folded, Gazetteer, fold_into};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use synthetic::{filler, synthetic};

fn names_of(crossings: &[Crossing]) -> Vec<String> {
    crossings
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| a.text.clone()))
        .collect()
}

fn builtin(c: &mut Criterion) {
    let g = Gazetteer::builtin();
    let crossings = g.crossings().to_vec();
    let countries = g.countries().clone();
    c.bench_function("build/builtin", |b| {
        b.iter(|| Gazetteer::new(black_box(crossings.clone()), black_box(countries.clone())))
    });

    let text = filler(&names_of(&crossings), 1);
    let mut group = c.benchmark_group("1MB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut buf = Folded::default();
    group.bench_function("fold", |b| {
        b.iter(|| {
            fold_into(black_box(&text), &mut buf);
            buf.text.len()
        })
    });
    group.bench_function("find_names/builtin", |b| {
        b.iter(|| g.find_names_with(black_box(&text), &mut buf).len())
    });
    group.finish();
}

fn synthetic_50k(c: &mut Criterion) {
    let crossings = synthetic(50_000);
    let mut group = c.benchmark_group("synthetic50k");
    group.sample_size(10);
    group.bench_function("build", |b| {
        b.iter(|| Gazetteer::new(black_box(crossings.clone()), CountryTable::default()))
    });
    let text = filler(&names_of(&crossings), 2);
    let g = match Gazetteer::new(crossings, CountryTable::default()) {
        Ok(g) => g,
        Err(e) => panic!("synthetic gazetteer: {e}"),
    };
    let mut buf = Folded::default();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find_names_1MB", |b| {
        b.iter(|| g.find_names_with(black_box(&text), &mut buf).len())
    });
    group.finish();
}

criterion_group!(benches, builtin, synthetic_50k);
criterion_main!(benches);
