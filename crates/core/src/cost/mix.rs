//! Karpenter's scheduling benchmark, for measuring the simulation
//! (pricing-and-capacity.md §4.4): synthetic instance types and the "diverse
//! pods" mix of `scheduling_benchmark_test.go`.
//!
//! * 400 instance types: type *i* has *i*+1 vCPU, 2(*i*+1) GiB and 10(*i*+1)
//!   pods, less 100m CPU and 10 MiB kube-reserved; it costs $0.10 per vCPU
//!   and $0.10 per GB an hour. One NodePool, three zones, on-demand.
//! * Pods, one fifth each: generic; spread across zones; spread across
//!   hosts; in one zone with their group; anti-affine to each other on the
//!   host. Each pod asks for a CPU from {100, 250, 500, 1000, 1500}m and
//!   memory from {100, 256, 512, 1024, 2048, 4096}Mi. Spread and affinity
//!   groups follow a random label among seven values, as in Karpenter.
//!   Host spread with max skew 1 gives one pod of a group per node, so it
//!   is simulated as anti-affinity within its group.

use super::simulate::{Consolidation, Limits, Overhead, Placement, PodGroup, SimPool, SimType};

/// Karpenter's synthetic instance types.
pub fn instance_types(n: u32) -> Vec<SimType> {
    (0..n)
        .map(|i| {
            let cpu = i + 1;
            let mem_gib = 2 * (i + 1);
            let bytes = f64::from(mem_gib) * 1_073_741_824.0;
            let price = 0.1 * f64::from(cpu) + 0.1 * bytes / 1e9;
            SimType {
                name: format!("fake-it-{i}"),
                cpu_m: cpu * 1000 - 100,
                mem_mib: mem_gib * 1024 - 10,
                pods_pd: 10 * (i + 1),
                pods_eni: 10 * (i + 1),
                gpus: 0,
                arch: 1,
                on_demand: price,
                spot: price,
                exotic: false,
                vcpu: cpu,
                memory_mib: mem_gib * 1024,
            }
        })
        .collect()
}

/// A small deterministic generator (xorshift64*), so every run measures the
/// same pods.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const CPU: [u32; 5] = [100, 250, 500, 1000, 1500];
const MEM: [u32; 6] = [100, 256, 512, 1024, 2048, 4096];
const LABELS: u16 = 7;

/// The pods of the mix, grouped (identical pods share a group), for `types`
/// types in one pool.
pub fn pods(count: usize, types: usize, seed: u64) -> Vec<PodGroup> {
    let mut rng = Rng(seed | 1);
    // (kind, label, cpu, mem) → count. Kinds: 0 generic, 1 zone spread,
    // 2 host spread, 3 zone affinity, 4 host anti-affinity.
    let mut counts: std::collections::BTreeMap<(u8, u16, u32, u32), u32> =
        std::collections::BTreeMap::new();
    for i in 0..count {
        let kind = if i < count / 5 * 5 {
            (i / (count / 5).max(1)).min(4) as u8
        } else {
            0
        };
        let label = match kind {
            0 | 4 => 0,
            _ => (rng.next() % u64::from(LABELS)) as u16,
        };
        let cpu = rng.pick(&CPU);
        let mem = rng.pick(&MEM);
        *counts.entry((kind, label, cpu, mem)).or_default() += 1;
    }
    let placement = Placement {
        pool: 0,
        types: vec![true; types],
        on_demand: true,
        spot: false,
        zones: Vec::new(),
    };
    counts
        .into_iter()
        .map(|((kind, label, cpu, mem), n)| PodGroup {
            name: format!("kind{kind}-label{label}"),
            count: n,
            cpu_m: cpu,
            mem_mib: mem,
            gpus: 0,
            spread: (kind == 1).then_some(label),
            anti: match kind {
                2 => Some(label),
                4 => Some(LABELS),
                _ => None,
            },
            affinity: (kind == 3).then_some(label),
            placements: vec![placement.clone()],
        })
        .collect()
}

/// The one NodePool of the benchmark.
pub fn pool(types: usize) -> SimPool {
    SimPool {
        name: "default".into(),
        types: (0..types as u16).collect(),
        on_demand: true,
        spot: false,
        zones: Vec::new(),
        overhead: Overhead::default(),
        prefix_delegation: true,
        limits: Limits::default(),
        static_nodes: None,
        consolidation: Consolidation::WhenUnderutilized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::simulate;

    #[test]
    fn the_mix_schedules_every_pod() {
        let types = instance_types(400);
        let groups = pods(1000, types.len(), 42);
        assert_eq!(groups.iter().map(|g| g.count).sum::<u32>(), 1000);
        let anti: u32 = groups
            .iter()
            .filter(|g| g.anti == Some(LABELS))
            .map(|g| g.count)
            .sum();
        assert_eq!(anti, 200);
        let o = simulate::run(&types, &[pool(types.len())], &groups, 3);
        assert_eq!(o.pods(), 1000);
        assert!(o.pending.is_empty(), "{:?}", o.pending);
        // 200 pods anti-affine to each other need 200 nodes.
        assert!(o.nodes.len() >= 200);
    }
}
