//! Reading `kubectl get nodes,pods -A -o json` of a large cluster: 500
//! nodes and 5,000 pods of real-shaped JSON (see
//! `tests/support/kubectl.rs`). `cargo bench -p eksplan-core --bench import`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eksplan_core::kube;
use std::hint::black_box;

#[path = "../tests/support/kubectl.rs"]
mod kubectl;

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("kubectl-json");
    group.sample_size(20);
    for (nodes, pods) in [(50usize, 500usize), (500, 5_000)] {
        let text = kubectl::cluster_json(nodes, pods, 7);
        let read = kube::read_json(&text);
        assert_eq!(read.objects.pods.len(), pods);
        assert!(read.problems.is_empty());
        eprintln!(
            "{nodes} nodes + {pods} pods: {:.1} MB of JSON",
            text.len() as f64 / 1e6
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{nodes}-nodes-{pods}-pods"), |b| {
            b.iter(|| kube::read_json(black_box(&text)));
        });
    }
    // The careful pass alone (what a file with one bad item costs).
    let text = kubectl::cluster_json(500, 5_000, 7).replacen(
        "\"hostNetwork\":false",
        "\"hostNetwork\":\"no\"",
        1,
    );
    let bad = text.replacen("\"enableServiceLinks\":true", "\"hostNetwork\":\"no\"", 1);
    assert_eq!(kube::read_json(&bad).problems.len(), 1);
    group.bench_function("500-nodes-5000-pods-one-bad-item", |b| {
        b.iter(|| kube::read_json(black_box(&bad)));
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
