//! The capacity simulation on Karpenter's own benchmark mix (1k, 5k and
//! 10k pods over 400 synthetic instance types), plus the cost plan of the
//! presets. `cargo bench -p eksplan-core --bench capacity`.
//!
//! Besides criterion's timings it prints, for each size, the pods placed,
//! the node count and the fleet's cost against the lower bound (the LP
//! relaxation, and the bound tightened by the pods that must run one per
//! node), and against a reference fleet packed by marginal cost under the
//! same constraints, which shows how close the bound is to the best
//! possible fleet.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eksplan_core::cost::bound::{Apart, Offer, lower_bound, lp_bound};
use eksplan_core::cost::{mix, simulate};
use eksplan_core::{Options, presets, resolve};
use std::collections::BTreeMap;
use std::hint::black_box;

fn karpenter_mix(c: &mut Criterion) {
    let types = mix::instance_types(400);
    let pools = [mix::pool(types.len())];
    let mut group = c.benchmark_group("karpenter-mix");
    for pods in [1_000usize, 5_000, 10_000] {
        let groups = mix::pods(pods, types.len(), 42);
        let outcome = simulate::run(&types, &pools, &groups, 3);
        let (cpu, mem) = outcome.nodes.iter().fold((0.0, 0.0), |(c, m), n| {
            (c + n.cpu_m as f64, m + n.mem_mib as f64)
        });
        let offers: Vec<Offer> = types
            .iter()
            .map(|t| Offer {
                cpu: f64::from(t.cpu_m),
                mem: f64::from(t.mem_mib),
                price: t.on_demand,
            })
            .collect();
        let relaxation = lp_bound(cpu, mem, &offers).unwrap_or(f64::NAN);
        let mut sets: BTreeMap<u16, Apart> = BTreeMap::new();
        for g in &groups {
            if let Some(k) = g.anti {
                sets.entry(k).or_default().pods.push((
                    f64::from(g.cpu_m),
                    f64::from(g.mem_mib),
                    g.count,
                ));
            }
        }
        let apart: Vec<Apart> = sets.into_values().collect();
        let bound = lower_bound(cpu, mem, &offers, &apart).unwrap_or(f64::NAN);
        let fleet = outcome.hourly(&types);
        let (reference, reference_hourly) = mix::reference_fleet(&types, &groups, 3);
        println!(
            "karpenter-mix/{pods}: {} pods placed on {} nodes; fleet ${fleet:.2}/h; LP relaxation ${relaxation:.2}/h (ratio {:.3}); bound with pods apart ${bound:.2}/h (ratio {:.3}); reference fleet {} nodes ${reference_hourly:.2}/h ({:.3} × bound; simulated fleet {:.3} × reference)",
            outcome.pods(),
            outcome.nodes.len(),
            fleet / relaxation,
            fleet / bound,
            reference.len(),
            reference_hourly / bound,
            fleet / reference_hourly
        );
        group.throughput(Throughput::Elements(pods as u64));
        group.bench_function(format!("{pods}"), |b| {
            b.iter(|| simulate::run(black_box(&types), &pools, black_box(&groups), 3));
        });
    }
    group.finish();
}

fn preset_costs(c: &mut Criterion) {
    let options = Options::default();
    for preset in ["production", "spot-batch"] {
        let plan = presets::find(preset)
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let design = resolve(&plan);
        c.bench_function(&format!("cost/{preset}"), |b| {
            b.iter(|| eksplan_core::cost::estimate(black_box(&plan), &design, &options));
        });
        // What the cost view computes: report, curve, break-even, hints.
        c.bench_function(&format!("cost-analysis/{preset}"), |b| {
            b.iter(|| eksplan_core::cost::analyse(black_box(&plan), &design, &options));
        });
    }
}

#[path = "../tests/support/kubectl.rs"]
mod kubectl;

/// A running cluster of 500 nodes and 5,000 pods of real-shaped kubectl
/// JSON (`tests/support/kubectl.rs`): reading it, today's fleet and the
/// pods' workload alone, and the whole `eksplan cost --from-cluster`
/// (reading, today, the workload and the simulation of the same pods).
fn cluster_cost(c: &mut Criterion) {
    let text = kubectl::cluster_json(500, 5_000, 7);
    let plan = eksplan_core::Plan::default();
    let options = Options {
        today: eksplan_core::catalog::date::Date::parse("2026-12-01"),
    };
    let objects = eksplan_core::kube::read_json(&text).objects;
    let c0 = eksplan_core::cost::cluster::cluster_cost(&plan, &objects, &options);
    eprintln!(
        "cluster-cost: {:.1} MB of JSON, {} nodes today ({} a month), {} pods in {} workloads, {} Auto Mode nodes",
        text.len() as f64 / 1e6,
        c0.today.as_ref().map_or(0, |t| t.nodes),
        c0.today.as_ref().map_or(0.0, |t| t.monthly),
        c0.imported.pods,
        c0.imported.workloads.len(),
        c0.report.as_ref().map_or(0, |r| r.fleet.nodes.len()),
    );
    let mut group = c.benchmark_group("cluster-cost");
    group.sample_size(10);
    group.bench_function("500-nodes-5000-pods-today-and-workload", |b| {
        b.iter(|| {
            let mut f = Vec::new();
            let book =
                eksplan_core::cost::prices::PriceBook::for_region("us-east-1", &Default::default());
            let t = eksplan_core::cost::cluster::today(black_box(&objects), &book, &mut f);
            let w = eksplan_core::cost::cluster::workload(black_box(&objects), &mut f);
            (t, w)
        });
    });
    group.bench_function("500-nodes-5000-pods-read-and-price", |b| {
        b.iter(|| {
            let objects = eksplan_core::kube::read_json(black_box(&text)).objects;
            eksplan_core::cost::cluster::cluster_cost(&plan, &objects, &options)
        });
    });
    group.finish();
}

criterion_group!(benches, karpenter_mix, preset_costs, cluster_cost);
criterion_main!(benches);
