//! Generation benchmark: every preset, validate + resolve + emit, for the
//! default target (Terraform), and the production preset for every target.
//! Budget: the production preset in ≤ 0.2 ms natively, per target.
//!
//! The allocator is mimalloc, the `eksplan` CLI's: these figures are what
//! the native binary runs (with glibc's malloc they are about a quarter
//! higher; the browser build has its own allocator and budget).

use criterion::{Criterion, criterion_group, criterion_main};
use eksplan_core::plan::Target;
use eksplan_core::presets::PRESETS;
use eksplan_core::{Options, generate};
use std::hint::black_box;

/// The CLI's allocator (see the module docs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn presets(c: &mut Criterion) {
    let options = Options::default();
    for preset in PRESETS {
        let Ok(plan) = preset.plan() else {
            continue;
        };
        c.bench_function(&format!("generate/{}", preset.name), |b| {
            b.iter(|| generate(black_box(&plan), &options));
        });
        if preset.name != "production" {
            continue;
        }
        for &target in Target::ALL.iter().filter(|t| **t != Target::Terraform) {
            let mut plan = plan.clone();
            plan.target = target;
            c.bench_function(
                &format!("generate/{}/{}", preset.name, target.as_str()),
                |b| {
                    b.iter(|| generate(black_box(&plan), &options));
                },
            );
        }
    }
}

criterion_group!(benches, presets);
criterion_main!(benches);
