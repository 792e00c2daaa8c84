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

    // The whole of `eksplan migrate` on that cluster: import, readiness,
    // conversion, plan validation and the bundle.
    let mut group = c.benchmark_group("migrate");
    group.sample_size(10);
    let text = kubectl::cluster_json(500, 5_000, 7);
    let cluster = r#"{"cluster": {"name": "big", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/big", "version": "1.34",
        "roleArn": "arn:aws:iam::111122223333:role/big-cluster", "resourcesVpcConfig": {"subnetIds": ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], "vpcId": "vpc-0a1b2c3d4e5f60001"},
        "accessConfig": {"authenticationMode": "API"}}}"#;
    let groups = ["apps", "batch", "system"].map(|g| {
        format!(r#"{{"nodegroup": {{"nodegroupName": "{g}", "clusterName": "big", "capacityType": "ON_DEMAND", "amiType": "AL2023_x86_64_STANDARD",
            "instanceTypes": ["m5.large", "m5.xlarge", "m6i.2xlarge", "c6i.4xlarge", "r6i.2xlarge"], "scalingConfig": {{"minSize": 1, "maxSize": 200, "desiredSize": 167}}}}}}"#)
    });
    let options = eksplan_core::Options {
        today: eksplan_core::catalog::date::Date::parse("2026-11-20"),
    };
    let files = || {
        let mut f = vec![
            (
                "describe-cluster.json".to_owned(),
                cluster.as_bytes().to_vec(),
            ),
            ("kubectl.json".to_owned(), text.as_bytes().to_vec()),
        ];
        for (i, g) in groups.iter().enumerate() {
            f.push((
                format!("describe-nodegroup-{i}.json"),
                g.as_bytes().to_vec(),
            ));
        }
        f
    };
    group.bench_function("500-nodes-5000-pods-assess-and-bundle", |b| {
        b.iter_batched(
            files,
            |f| {
                let m = eksplan_core::migrate::assess(eksplan_core::import::import(f), &options);
                eksplan_core::migrate::bundle::build(&m, &options)
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
