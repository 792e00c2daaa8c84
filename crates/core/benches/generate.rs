//! Generation benchmark: every preset, validate + resolve + emit.
//! Budget: the production preset in ≤ 0.2 ms natively.

use criterion::{Criterion, criterion_group, criterion_main};
use eksplan_core::presets::PRESETS;
use eksplan_core::{Options, generate};
use std::hint::black_box;

fn presets(c: &mut Criterion) {
    let options = Options::default();
    for preset in PRESETS {
        let Ok(plan) = preset.plan() else {
            continue;
        };
        c.bench_function(&format!("generate/{}", preset.name), |b| {
            b.iter(|| generate(black_box(&plan), &options));
        });
    }
}

criterion_group!(benches, presets);
criterion_main!(benches);
