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

/// A fleet for the mix packed by marginal cost, not the way Karpenter
/// packs: each pod (pods that must run apart first, then largest first)
/// goes where it raises the fleet's price least, or on a new node when that
/// is cheaper. It honours every constraint of the mix (one pod per node per
/// key, zone spread with max skew 1, zone affinity), so its cost is an
/// achievable fleet: between the lower bound and it lies the best possible
/// fleet. It measures how tight the bound is; the product never uses it.
///
/// `types` must grow in CPU, memory and price together, as
/// [`instance_types`] does. Returns the nodes' `(type index, zone)` and the
/// fleet's price per hour.
pub fn reference_fleet(
    types: &[SimType],
    groups: &[PodGroup],
    zones: u8,
) -> (Vec<(usize, u8)>, f64) {
    // The smallest type that holds (cpu, mem, pods).
    let need = |c: u64, m: u64, p: u32| -> Option<usize> {
        let i = types
            .partition_point(|t| u64::from(t.cpu_m) < c)
            .max(types.partition_point(|t| u64::from(t.mem_mib) < m))
            .max(types.partition_point(|t| t.pods_pd < p));
        (i < types.len()).then_some(i)
    };
    let price = |i: Option<usize>| i.map_or(f64::INFINITY, |i| types[i].on_demand);
    struct Node {
        cpu: u64,
        mem: u64,
        pods: u32,
        anti: Vec<u16>,
        zone: u8,
    }
    let mut pods: Vec<usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, x)| std::iter::repeat_n(g, x.count as usize))
        .collect();
    let apart_size = |k: Option<u16>| -> u32 {
        k.map_or(0, |k| {
            groups
                .iter()
                .filter(|g| g.anti == Some(k))
                .map(|g| g.count)
                .sum()
        })
    };
    pods.sort_by_key(|&g| {
        let x = &groups[g];
        std::cmp::Reverse((
            apart_size(x.anti),
            u64::from(x.cpu_m) * 2 + u64::from(x.mem_mib),
        ))
    });
    let zones = zones.max(1);
    let keys = groups
        .iter()
        .flat_map(|g| [g.spread, g.affinity])
        .flatten()
        .map(|k| usize::from(k) + 1)
        .max()
        .unwrap_or(0);
    let mut spread = vec![vec![0u32; usize::from(zones)]; keys];
    let mut affinity: Vec<Option<u8>> = vec![None; keys];
    let mut nodes: Vec<Node> = Vec::new();
    let mut per_zone = vec![0u32; usize::from(zones)];
    for g in pods {
        let x = &groups[g];
        let allowed: Vec<u8> = if let Some(k) = x.spread {
            let c = &spread[usize::from(k)];
            let min = c.iter().copied().min().unwrap_or(0);
            (0..zones).filter(|&z| c[usize::from(z)] == min).collect()
        } else if let Some(z) = x.affinity.and_then(|k| affinity[usize::from(k)]) {
            vec![z]
        } else {
            (0..zones).collect()
        };
        let (c, m) = (u64::from(x.cpu_m), u64::from(x.mem_mib));
        let mut best = (f64::INFINITY, usize::MAX);
        for (i, n) in nodes.iter().enumerate() {
            if !allowed.contains(&n.zone) || x.anti.is_some_and(|k| n.anti.contains(&k)) {
                continue;
            }
            let d =
                price(need(n.cpu + c, n.mem + m, n.pods + 1)) - price(need(n.cpu, n.mem, n.pods));
            if d < best.0 {
                best = (d, i);
            }
        }
        let fresh = price(need(c, m, 1));
        let zone = if best.1 == usize::MAX || fresh < best.0 {
            let z = allowed
                .iter()
                .copied()
                .min_by_key(|&z| per_zone[usize::from(z)])
                .unwrap_or(0);
            per_zone[usize::from(z)] += 1;
            nodes.push(Node {
                cpu: c,
                mem: m,
                pods: 1,
                anti: x.anti.into_iter().collect(),
                zone: z,
            });
            z
        } else {
            let n = &mut nodes[best.1];
            n.cpu += c;
            n.mem += m;
            n.pods += 1;
            n.anti.extend(x.anti);
            n.zone
        };
        if let Some(k) = x.spread {
            spread[usize::from(k)][usize::from(zone)] += 1;
        }
        if let Some(k) = x.affinity {
            affinity[usize::from(k)].get_or_insert(zone);
        }
    }
    let out: Vec<(usize, u8)> = nodes
        .iter()
        .filter_map(|n| need(n.cpu, n.mem, n.pods).map(|t| (t, n.zone)))
        .collect();
    let hourly = out.iter().map(|&(t, _)| types[t].on_demand).sum();
    (out, hourly)
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

    #[test]
    fn the_reference_fleet_lies_between_the_bound_and_the_simulated_fleet() {
        use crate::cost::bound::{Apart, Offer, lower_bound};
        let types = instance_types(400);
        let groups = pods(1000, types.len(), 42);
        let (nodes, hourly) = reference_fleet(&types, &groups, 3);
        let o = simulate::run(&types, &[pool(types.len())], &groups, 3);
        let offers: Vec<Offer> = types
            .iter()
            .map(|t| Offer {
                cpu: f64::from(t.cpu_m),
                mem: f64::from(t.mem_mib),
                price: t.on_demand,
            })
            .collect();
        let mut sets: std::collections::BTreeMap<u16, Apart> = std::collections::BTreeMap::new();
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
        let (cpu, mem) = groups.iter().fold((0.0, 0.0), |(c, m), g| {
            (
                c + f64::from(g.cpu_m) * f64::from(g.count),
                m + f64::from(g.mem_mib) * f64::from(g.count),
            )
        });
        let b = lower_bound(cpu, mem, &offers, &apart).unwrap_or(f64::NAN);
        // At least one node per pod of the largest set apart.
        assert!(nodes.len() >= 200);
        assert!(
            b <= hourly + 1e-9,
            "bound {b} above an achievable fleet {hourly}"
        );
        assert!(
            hourly < o.hourly(&types),
            "{hourly} vs {}",
            o.hourly(&types)
        );
        // The bound is within 5% of this fleet: it says how far a fleet is
        // from the best possible one.
        assert!(hourly / b < 1.05, "{}", hourly / b);
    }
}
