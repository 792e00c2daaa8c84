//! A lower bound on what the pods could cost: the LP relaxation of
//! variable-sized bin packing (pricing-and-capacity.md §5.1), tightened by
//! the pods that must run one per node (anti-affinity on the hostname,
//! hostname spread).
//!
//! Minimise Σ pᵢxᵢ subject to Σ cpuᵢxᵢ ≥ C and Σ memᵢxᵢ ≥ M, xᵢ ≥ 0, where
//! each type's capacity is what it leaves for pods (allocatable less the
//! DaemonSets). Fractional nodes are allowed, so no real fleet can cost less.
//! With two constraints an optimal basic solution uses at most two types,
//! so the optimum is the cheapest single type or pair with both
//! constraints tight: exact, with no LP solver. Dropping constraints (pods
//! per node, GPUs, zones) only lowers the bound, which keeps it valid.

/// One instance type: CPU and memory it leaves for pods, and its price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Offer {
    /// CPU for pods, millicores.
    pub cpu: f64,
    /// Memory for pods, MiB.
    pub mem: f64,
    /// $/hour.
    pub price: f64,
}

/// The offers on the outer convex hull of capacity per dollar (CPU per
/// dollar, memory per dollar): only these can be in an optimal solution of
/// the relaxation, since any other is beaten by a mix of two of them.
fn frontier(offers: &[Offer]) -> Vec<Offer> {
    let pareto = pareto(offers);
    // Sorted by CPU per dollar, falling, and memory per dollar, rising:
    // keep the points that turn outwards.
    let pt = |o: &Offer| (o.cpu / o.price, o.mem / o.price);
    let mut hull: Vec<Offer> = Vec::with_capacity(pareto.len());
    for o in pareto {
        while hull.len() >= 2 {
            let (a, b) = (pt(&hull[hull.len() - 2]), pt(&hull[hull.len() - 1]));
            let c = pt(&o);
            let cross = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
            if cross > 0.0 {
                break;
            }
            hull.pop();
        }
        hull.push(o);
    }
    hull
}

/// Types no other type beats on both CPU per dollar and memory per dollar.
fn pareto(offers: &[Offer]) -> Vec<Offer> {
    let mut useful: Vec<Offer> = offers
        .iter()
        .copied()
        .filter(|o| o.cpu > 0.0 && o.mem > 0.0 && o.price > 0.0)
        .collect();
    useful.sort_by(|a, b| {
        (b.cpu / b.price)
            .total_cmp(&(a.cpu / a.price))
            .then((b.mem / b.price).total_cmp(&(a.mem / a.price)))
    });
    let mut best_mem = f64::NEG_INFINITY;
    useful.retain(|o| {
        let m = o.mem / o.price;
        let keep = m > best_mem;
        best_mem = best_mem.max(m);
        keep
    });
    useful
}

/// The cheapest fractional fleet, $/hour, that supplies `cpu` millicores and
/// `mem` MiB; `None` if no offer has capacity.
pub fn lp_bound(cpu: f64, mem: f64, offers: &[Offer]) -> Option<f64> {
    if cpu <= 0.0 && mem <= 0.0 {
        return Some(0.0);
    }
    let f = frontier(offers);
    let mut best = f
        .iter()
        .map(|o| o.price * (cpu / o.cpu).max(mem / o.mem))
        .min_by(f64::total_cmp)?;
    for (i, a) in f.iter().enumerate() {
        for b in &f[i + 1..] {
            let det = a.cpu * b.mem - b.cpu * a.mem;
            if det.abs() < 1e-9 {
                continue;
            }
            let xa = (cpu * b.mem - b.cpu * mem) / det;
            let xb = (a.cpu * mem - cpu * a.mem) / det;
            if xa >= 0.0 && xb >= 0.0 {
                best = best.min(a.price * xa + b.price * xb);
            }
        }
    }
    Some(best)
}

/// Pods that must each run on a different node (one anti-affinity or
/// hostname-spread key): `(cpu, mem, count)` per kind of pod.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Apart {
    /// CPU and memory per pod, and how many such pods.
    pub pods: Vec<(f64, f64, u32)>,
}

impl Apart {
    /// How many pods, hence at least how many nodes.
    pub fn nodes(&self) -> u32 {
        self.pods.iter().map(|p| p.2).sum()
    }
}

/// An optimal dual of the relaxation: resource prices `(y_cpu, y_mem)`
/// with `y · capacity ≤ price` for every offer, and the bound `y · demand`.
fn lp_dual(cpu: f64, mem: f64, offers: &[Offer]) -> Option<(f64, f64)> {
    let f = frontier(offers);
    let mut best: Option<(f64, (f64, f64))> = None;
    let mut consider = |value: f64, y: (f64, f64)| {
        if best.is_none_or(|(v, _)| value < v) {
            best = Some((value, y));
        }
    };
    for o in &f {
        let (nc, nm) = (cpu / o.cpu, mem / o.mem);
        // The binding resource carries the whole price (complementary
        // slackness).
        let y = if nc >= nm {
            (o.price / o.cpu, 0.0)
        } else {
            (0.0, o.price / o.mem)
        };
        consider(o.price * nc.max(nm), y);
    }
    for (i, a) in f.iter().enumerate() {
        for b in &f[i + 1..] {
            let det = a.cpu * b.mem - b.cpu * a.mem;
            if det.abs() < 1e-9 {
                continue;
            }
            let xa = (cpu * b.mem - b.cpu * mem) / det;
            let xb = (a.cpu * mem - cpu * a.mem) / det;
            if xa >= 0.0 && xb >= 0.0 {
                let yc = (a.price * b.mem - b.price * a.mem) / det;
                let ym = (a.cpu * b.price - b.cpu * a.price) / det;
                consider(a.price * xa + b.price * xb, (yc.max(0.0), ym.max(0.0)));
            }
        }
    }
    let (_, (mut yc, mut ym)) = best?;
    // Make the prices feasible for every offer (they are, up to rounding and
    // degenerate ties): scale them down until no offer is undercut.
    let worst = offers
        .iter()
        .filter(|o| o.price > 0.0)
        .map(|o| (yc * o.cpu + ym * o.mem) / o.price)
        .fold(0.0_f64, f64::max);
    if worst > 1.0 {
        yc /= worst;
        ym /= worst;
    }
    Some((yc, ym))
}

/// The bound for one set of pods that need a node each: for any resource
/// prices `y` and node price `λ` with `y · capacity + λ ≤ price` for every
/// offer, the fleet costs at least `y · demand + λ · N` plus, for each of
/// the `N` nodes holding those pods, what the cheapest type that fits its
/// pod costs beyond `y · capacity + λ`.
fn apart_bound(cpu: f64, mem: f64, offers: &[Offer], apart: &Apart) -> Option<f64> {
    let n = f64::from(apart.nodes());
    let min_price = offers
        .iter()
        .filter(|o| o.price > 0.0)
        .map(|o| o.price)
        .fold(f64::INFINITY, f64::min);
    if !min_price.is_finite() || n == 0.0 {
        return None;
    }
    let value = |lambda: f64| -> Option<f64> {
        let shifted: Vec<Offer> = offers
            .iter()
            .map(|o| Offer {
                price: o.price - lambda,
                ..*o
            })
            .collect();
        let (yc, ym) = lp_dual(cpu, mem, &shifted)?;
        let mut total = yc * cpu + ym * mem + lambda * n;
        for &(pc, pm, count) in &apart.pods {
            let slack = offers
                .iter()
                .filter(|o| o.cpu >= pc && o.mem >= pm)
                .map(|o| (o.price - lambda - yc * o.cpu - ym * o.mem).max(0.0))
                .fold(f64::INFINITY, f64::min);
            if !slack.is_finite() {
                // A pod no offer holds: nothing to say here.
                return None;
            }
            total += slack * f64::from(count);
        }
        Some(total)
    };
    // Every λ in [0, min price) gives a valid bound; search a grid, then
    // refine around the best point.
    let hi = min_price * 0.999_999;
    let steps = 12;
    let mut best = (0.0, f64::NEG_INFINITY);
    for k in 0..=steps {
        let l = hi * f64::from(k) / f64::from(steps);
        if let Some(v) = value(l)
            && v > best.1
        {
            best = (l, v);
        }
    }
    let (mut a, mut b) = (
        (best.0 - hi / f64::from(steps)).max(0.0),
        (best.0 + hi / f64::from(steps)).min(hi),
    );
    for _ in 0..12 {
        let m1 = a + (b - a) / 3.0;
        let m2 = b - (b - a) / 3.0;
        let (v1, v2) = (
            value(m1).unwrap_or(f64::NEG_INFINITY),
            value(m2).unwrap_or(f64::NEG_INFINITY),
        );
        best = if v1 > best.1 { (m1, v1) } else { best };
        best = if v2 > best.1 { (m2, v2) } else { best };
        if v1 < v2 {
            a = m1;
        } else {
            b = m2;
        }
    }
    best.1.is_finite().then_some(best.1)
}

/// The offers no other offer beats on CPU, memory and price at once (one
/// of equal ones). Dropping the others changes neither the relaxation nor
/// [`apart_bound`]: any fleet using a dominated type can use the one that
/// dominates it, for no more money, and it holds every pod the other does.
fn undominated(offers: &[Offer]) -> Vec<Offer> {
    let mut sorted: Vec<Offer> = offers.to_vec();
    sorted.sort_by(|a, b| {
        a.price
            .total_cmp(&b.price)
            .then(b.cpu.total_cmp(&a.cpu))
            .then(b.mem.total_cmp(&a.mem))
    });
    let mut kept: Vec<Offer> = Vec::new();
    for o in sorted {
        if !kept.iter().any(|k| k.cpu >= o.cpu && k.mem >= o.mem) {
            kept.push(o);
        }
    }
    kept
}

/// The LP bound tightened by the pods that must run one per node: the
/// larger of the plain relaxation and, for each such set, [`apart_bound`].
/// `None` if no offer has capacity.
pub fn lower_bound(cpu: f64, mem: f64, offers: &[Offer], apart: &[Apart]) -> Option<f64> {
    // A type with no more CPU and memory than a cheaper (or equal) one is
    // never needed, whatever the node price: prune once, not per dual step.
    let offers = &undominated(offers);
    let base = lp_bound(cpu, mem, offers)?;
    // The largest sets say the most; three are plenty.
    let mut sets: Vec<&Apart> = apart.iter().filter(|a| a.nodes() > 1).collect();
    sets.sort_by_key(|a| std::cmp::Reverse(a.nodes()));
    Some(
        sets.into_iter()
            .take(3)
            .filter_map(|a| apart_bound(cpu, mem, offers, a))
            .fold(base, f64::max),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(cpu: f64, mem: f64, price: f64) -> Offer {
        Offer { cpu, mem, price }
    }

    #[test]
    fn one_type_scales_to_the_binding_resource() {
        // 10 vCPU and 10 GiB on a 2 vCPU / 8 GiB type: CPU binds, 5 nodes.
        let b = lp_bound(10_000.0, 10_240.0, &[o(2000.0, 8192.0, 0.1)]);
        assert!((b.unwrap_or_default() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_pair_beats_either_type_alone() {
        // A CPU-heavy and a memory-heavy type; the demand needs both.
        let offers = [o(4000.0, 1000.0, 1.0), o(1000.0, 4000.0, 1.0)];
        let b = lp_bound(5000.0, 5000.0, &offers).unwrap_or_default();
        // x = y = 1 covers both exactly: $2, where one type alone needs $5.
        assert!((b - 2.0).abs() < 1e-9, "{b}");
    }

    #[test]
    fn dominated_types_do_not_matter_and_empty_demand_is_free() {
        let offers = [o(2000.0, 4000.0, 0.1), o(1000.0, 2000.0, 0.2)];
        assert_eq!(frontier(&offers).len(), 1);
        // A type inside the hull of two others is never needed.
        let inside = [
            o(4000.0, 1000.0, 1.0),
            o(1000.0, 4000.0, 1.0),
            o(2000.0, 2000.0, 1.0),
        ];
        assert_eq!(frontier(&inside).len(), 2);
        let outside = [
            o(4000.0, 1000.0, 1.0),
            o(1000.0, 4000.0, 1.0),
            o(3000.0, 3000.0, 1.0),
        ];
        assert_eq!(frontier(&outside).len(), 3);
        assert_eq!(lp_bound(0.0, 0.0, &offers), Some(0.0));
        assert_eq!(lp_bound(1.0, 1.0, &[]), None);
    }

    #[test]
    fn pruning_dominated_types_keeps_the_bound() {
        let types = crate::cost::mix::instance_types(400);
        let mut offers: Vec<Offer> = types
            .iter()
            .map(|t| o(f64::from(t.cpu_m), f64::from(t.mem_mib), t.on_demand))
            .collect();
        // Karpenter's synthetic types dominate none of each other; add a
        // copy of each at a higher price, and a smaller one at the same.
        let copies: Vec<Offer> = offers
            .iter()
            .flat_map(|x| {
                [
                    o(x.cpu, x.mem, x.price * 1.1),
                    o(x.cpu * 0.9, x.mem, x.price),
                ]
            })
            .collect();
        offers.extend(copies);
        let kept = undominated(&offers);
        assert_eq!(kept.len(), types.len());
        let apart = Apart {
            pods: vec![(1500.0, 3000.0, 40)],
        };
        for (cpu, mem) in [(100_000.0, 200_000.0), (10_000.0, 400_000.0)] {
            let a = lp_bound(cpu, mem, &offers).unwrap_or_default();
            let b = lp_bound(cpu, mem, &kept).unwrap_or_default();
            assert!((a - b).abs() < 1e-9 * a.max(1.0), "{a} {b}");
            let a = apart_bound(cpu, mem, &offers, &apart).unwrap_or_default();
            let b = apart_bound(cpu, mem, &kept, &apart).unwrap_or_default();
            assert!((a - b).abs() < 1e-6 * a.max(1.0), "{a} {b}");
        }
    }

    #[test]
    fn pods_apart_need_a_node_each() {
        // Three 3-vCPU pods, one per node, on a pool with one 4-vCPU type:
        // the relaxation would buy 2.3 nodes, but three are needed.
        let offers = [o(3920.0, 14_162.0, 0.172)];
        let plain = lp_bound(9000.0, 12_288.0, &offers).unwrap_or_default();
        assert!((plain - 0.172 * 9000.0 / 3920.0).abs() < 1e-9);
        let apart = Apart {
            pods: vec![(3000.0, 4096.0, 3)],
        };
        let b = lower_bound(9000.0, 12_288.0, &offers, &[apart]).unwrap_or_default();
        assert!((b - 3.0 * 0.172).abs() < 1e-6, "{b}");
    }

    #[test]
    fn the_apart_bound_is_never_above_a_feasible_fleet() {
        // Two types; four pods apart of 1 vCPU and eight small others. A
        // feasible fleet: four small nodes, each with one apart pod and two
        // others (1.4 vCPU, 1.4 GiB), $0.40.
        let offers = [o(2000.0, 4000.0, 0.10), o(8000.0, 16_000.0, 0.38)];
        let apart = Apart {
            pods: vec![(1000.0, 1000.0, 4)],
        };
        let (cpu, mem) = (4.0 * 1000.0 + 8.0 * 200.0, 4.0 * 1000.0 + 8.0 * 200.0);
        let b = lower_bound(cpu, mem, &offers, &[apart]).unwrap_or_default();
        let plain = lp_bound(cpu, mem, &offers).unwrap_or_default();
        assert!(b >= plain - 1e-12 && b <= 0.40 + 1e-9, "{plain} {b}");
        // Four nodes are needed and the cheapest holds one pod: $0.40.
        assert!((b - 0.40).abs() < 1e-6, "{b}");
    }
}
