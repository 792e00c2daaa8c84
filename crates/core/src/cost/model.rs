//! From a plan and its design to the simulation's inputs: the instance type
//! table, the NodePools (built-in and custom, from the design's manifests)
//! and the workload's pod groups.

use std::collections::BTreeMap;

use super::prices::PriceBook;
use super::simulate::{Consolidation, Limits, Overhead, Placement, PodGroup, SimPool, SimType};
use crate::catalog::instances::{self, CpuArch, InstanceType};
use crate::design::Design;
use crate::design::k8s::{Requirement, Taint};
use crate::design::{NetworkSpec, Zone};
use crate::plan::{Arch, Capacity, Plan, Toleration, TolerationOperator, Workload};
use crate::validate::syntax::quantity;

/// Everything the simulation needs, with names for the report.
#[derive(Debug)]
pub struct Model {
    /// Instance types (Auto Mode-eligible and priced).
    pub types: Vec<SimType>,
    /// Catalog entry of each type.
    pub catalog: Vec<&'static InstanceType>,
    /// NodePools, in priority order.
    pub pools: Vec<SimPool>,
    /// Node volume size of each pool's NodeClass, GiB.
    pub volume_gib: Vec<f64>,
    /// Pod groups (workloads, quick pods).
    pub groups: Vec<PodGroup>,
    /// Plan field path of each group.
    pub paths: Vec<String>,
    /// Architectures each group runs on (bit 1 amd64, bit 2 arm64).
    pub arch_masks: Vec<u8>,
    /// DaemonSets (name, cpu m, memory MiB, tolerate all).
    pub daemonsets: Vec<(String, u32, u32, bool)>,
    /// Zone names.
    pub zones: Vec<String>,
    /// Requirement keys the simulation could not interpret (ignored).
    pub unknown_keys: Vec<String>,
}

/// CPU request in millicores (rounded up), or `None` if malformed.
pub fn cpu_m(q: &str) -> Option<u32> {
    let v = quantity(q)?;
    (0.0..1e6)
        .contains(&v)
        .then(|| (v * 1000.0 - 1e-9).ceil().max(0.0) as u32)
}

/// Memory request in MiB (rounded up), or `None` if malformed.
pub fn mem_mib(q: &str) -> Option<u32> {
    let v = quantity(q)?;
    (0.0..1e15)
        .contains(&v)
        .then(|| (v / 1_048_576.0 - 1e-9).ceil().max(0.0) as u32)
}

const BUILT_IN_SYSTEM_TAINT: &str = "CriticalAddonsOnly";

/// The built-in pools' requirements (EKS user guide, "built-in NodePools").
fn built_in_requirements(name: &str) -> Vec<Requirement> {
    let req = |key: &str, operator: &'static str, values: &[&str]| Requirement {
        key: key.to_owned(),
        operator,
        values: values.iter().map(|v| (*v).to_owned()).collect(),
        min_values: None,
    };
    let arch: &[&str] = if name == "system" {
        &["amd64", "arm64"]
    } else {
        &["amd64"]
    };
    vec![
        req("karpenter.sh/capacity-type", "In", &["on-demand"]),
        req(
            "eks.amazonaws.com/instance-category",
            "In",
            &["c", "m", "r"],
        ),
        req("eks.amazonaws.com/instance-generation", "Gt", &["4"]),
        req("kubernetes.io/arch", "In", arch),
        req("kubernetes.io/os", "In", &["linux"]),
    ]
}

/// A label value of an instance type, as Auto Mode labels its nodes.
/// `None`: the label is absent (GPU labels on types without GPUs).
/// `Err`: a key the simulation does not know.
fn label(t: &InstanceType, key: &str) -> Result<Option<String>, ()> {
    Ok(Some(match key {
        "node.kubernetes.io/instance-type" => t.name.clone(),
        "kubernetes.io/arch" => t.arch.as_str().to_owned(),
        "kubernetes.io/os" => "linux".to_owned(),
        "eks.amazonaws.com/compute-type" => "auto".to_owned(),
        "eks.amazonaws.com/instance-hypervisor" => "nitro".to_owned(),
        "eks.amazonaws.com/instance-category" => t.category.clone(),
        "eks.amazonaws.com/instance-family" => t.family.clone(),
        "eks.amazonaws.com/instance-generation" => t.generation.to_string(),
        "eks.amazonaws.com/instance-size" => t.size.clone(),
        "eks.amazonaws.com/instance-cpu" => t.vcpu.to_string(),
        "eks.amazonaws.com/instance-memory" => t.memory_mib.to_string(),
        "eks.amazonaws.com/instance-gpu-count" if t.gpus > 0 => t.gpus.to_string(),
        "eks.amazonaws.com/instance-gpu-name" if t.gpus > 0 => t.gpu_name.clone(),
        "eks.amazonaws.com/instance-gpu-count" | "eks.amazonaws.com/instance-gpu-name" => {
            return Ok(None);
        }
        "eks.amazonaws.com/instance-accelerator-count" if t.accelerators > 0 => {
            t.accelerators.to_string()
        }
        "eks.amazonaws.com/instance-accelerator-count" => return Ok(None),
        _ => return Err(()),
    }))
}

/// Whether a type satisfies a requirement; `None` for keys handled
/// elsewhere (capacity type, zone) or unknown.
fn satisfies(t: &InstanceType, r: &Requirement) -> Option<bool> {
    let value = label(t, &r.key).ok()?;
    let num = |v: &str| v.parse::<f64>().ok();
    Some(match r.operator {
        "In" => value.is_some_and(|v| r.values.contains(&v)),
        "NotIn" => value.is_none_or(|v| !r.values.contains(&v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" => value
            .and_then(|v| num(&v))
            .zip(r.values.first().and_then(|b| num(b)))
            .is_some_and(|(v, b)| v > b),
        "Lt" => value
            .and_then(|v| num(&v))
            .zip(r.values.first().and_then(|b| num(b)))
            .is_some_and(|(v, b)| v < b),
        _ => true,
    })
}

fn tolerates(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| {
        let key_ok = match t.operator {
            TolerationOperator::Exists => t.key.is_empty() || t.key == taint.key,
            TolerationOperator::Equal => {
                t.key == taint.key
                    && t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or("")
            }
        };
        let effect_ok = t.effect.is_none_or(|e| e.as_str() == taint.effect);
        key_ok && effect_ok
    })
}

fn schedules(taints: &[Taint], tolerations: &[Toleration]) -> bool {
    taints
        .iter()
        .filter(|t| t.effect != "PreferNoSchedule")
        .all(|t| tolerates(tolerations, t))
}

/// One NodePool before it becomes a [`SimPool`].
struct PoolSpec {
    name: String,
    weight: u32,
    requirements: Vec<Requirement>,
    labels: BTreeMap<String, String>,
    taints: Vec<Taint>,
    limits: BTreeMap<String, String>,
    replicas: Option<u32>,
    consolidation: Consolidation,
    volume_gib: f64,
    prefix_delegation: bool,
}

fn gib(size: &str) -> f64 {
    quantity(size).map(|b| b / 1_073_741_824.0).unwrap_or(80.0)
}

fn pool_specs(design: &Design) -> Vec<PoolSpec> {
    let mut specs: Vec<PoolSpec> = design
        .cluster
        .compute
        .pool_names()
        .into_iter()
        .map(|name| PoolSpec {
            name: name.to_owned(),
            weight: 0,
            requirements: built_in_requirements(name),
            labels: BTreeMap::new(),
            taints: if name == "system" {
                vec![Taint {
                    key: BUILT_IN_SYSTEM_TAINT.to_owned(),
                    value: None,
                    effect: "NoSchedule",
                }]
            } else {
                Vec::new()
            },
            limits: BTreeMap::new(),
            replicas: None,
            consolidation: Consolidation::WhenUnderutilized,
            volume_gib: 80.0,
            prefix_delegation: true,
        })
        .collect();
    for pool in &design.kubernetes.node_pools {
        let spec = &pool.spec.template.spec;
        let class = design
            .kubernetes
            .node_classes
            .iter()
            .find(|c| c.metadata.name == spec.node_class_ref.name);
        let prefix_delegation = class
            .and_then(|c| c.spec.advanced_networking.as_ref())
            .and_then(|a| a.ipv4_prefix_size)
            != Some("32");
        specs.push(PoolSpec {
            name: pool.metadata.name.clone(),
            weight: pool.spec.weight.unwrap_or(0),
            requirements: spec.requirements.clone(),
            labels: pool.spec.template.metadata.labels.clone(),
            taints: spec.taints.clone(),
            limits: pool.spec.limits.clone(),
            replicas: pool.spec.replicas,
            consolidation: match (
                pool.spec.replicas,
                pool.spec.disruption.consolidation_policy,
            ) {
                (Some(_), _) => Consolidation::Never,
                (None, "WhenEmpty") => Consolidation::WhenEmpty,
                _ => Consolidation::WhenUnderutilized,
            },
            volume_gib: class.map_or(80.0, |c| gib(&c.spec.ephemeral_storage.size)),
            prefix_delegation,
        });
    }
    // Karpenter tries pools by weight, highest first, then by name.
    specs.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.name.cmp(&b.name)));
    specs
}

fn zones(design: &Design) -> Vec<String> {
    match &design.network {
        NetworkSpec::Create(vpc) => vpc
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| match z {
                Zone::Named(n) => n.clone(),
                Zone::Available(_) => format!("zone-{}", (b'a' + i as u8) as char),
            })
            .collect(),
        NetworkSpec::Existing(_) => ["zone-a", "zone-b", "zone-c"].map(str::to_owned).to_vec(),
    }
}

fn limits(map: &BTreeMap<String, String>) -> Limits {
    let q = |k: &str| map.get(k).and_then(|v| quantity(v));
    Limits {
        cpu_m: q("cpu").map(|v| (v * 1000.0) as u64),
        mem_mib: q("memory").map(|v| (v / 1_048_576.0) as u64),
        gpus: q("nvidia.com/gpu").map(|v| v as u64),
        nodes: q("nodes").map(|v| v as u64),
    }
}

/// The pod groups a plan's capacity section describes, with their paths.
fn workloads(capacity: &Capacity) -> Vec<(String, Workload)> {
    let mut out = Vec::new();
    if let Some(q) = &capacity.quick
        && q.pods > 0
    {
        out.push((
            "capacity.quick".to_owned(),
            Workload {
                name: "quick".to_owned(),
                replicas: q.pods,
                cpu: q.cpu.clone(),
                memory: q.memory.clone(),
                ..Workload::default()
            },
        ));
    }
    for (i, w) in capacity.workloads.iter().enumerate() {
        out.push((format!("capacity.workloads[{i}]"), w.clone()));
    }
    out
}

fn arch_bit(a: CpuArch) -> u8 {
    match a {
        CpuArch::Amd64 => 1,
        CpuArch::Arm64 => 2,
    }
}

/// Build the model.
pub fn build(plan: &Plan, design: &Design, prices: &PriceBook) -> Model {
    let specs = pool_specs(design);
    let zone_names = zones(design);
    let mut unknown_keys: Vec<String> = Vec::new();

    // The type table: every eligible type, priced.
    let catalog: Vec<&'static InstanceType> = instances::all()
        .iter()
        .filter(|t| instances::auto_mode_eligible(t) && prices.on_demand(t).is_some())
        .collect();
    let types: Vec<SimType> = catalog
        .iter()
        .map(|t| SimType {
            name: t.name.clone(),
            cpu_m: t.alloc_cpu_m,
            mem_mib: t.alloc_mem_mib,
            pods_pd: t.auto_mode_pods(true),
            pods_eni: t.auto_mode_pods(false),
            gpus: t.gpus,
            arch: arch_bit(t.arch),
            on_demand: prices.on_demand(t).map_or(0.0, |p| p.0),
            spot: prices.spot(t).map_or(0.0, |p| p.0),
            exotic: t.exotic(),
            vcpu: t.vcpu,
            memory_mib: t.memory_mib,
        })
        .collect();

    let daemonsets: Vec<(String, u32, u32, bool)> = plan
        .capacity
        .daemonsets
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                cpu_m(&d.cpu).unwrap_or(0),
                mem_mib(&d.memory).unwrap_or(0),
                d.tolerate_all,
            )
        })
        .collect();

    let mut pools = Vec::new();
    let mut volume_gib = Vec::new();
    for spec in &specs {
        let mut on_demand = true;
        let mut spot = false;
        let mut pool_zones: Vec<u8> = Vec::new();
        let mut type_reqs = Vec::new();
        for r in &spec.requirements {
            match r.key.as_str() {
                "karpenter.sh/capacity-type" => {
                    let allowed = |v: &str| match r.operator {
                        "In" => r.values.iter().any(|x| x == v),
                        "NotIn" => !r.values.iter().any(|x| x == v),
                        _ => true,
                    };
                    on_demand = allowed("on-demand") || allowed("reserved");
                    spot = allowed("spot");
                }
                "topology.kubernetes.io/zone" if r.operator == "In" => {
                    pool_zones = r
                        .values
                        .iter()
                        .filter_map(|v| zone_names.iter().position(|z| z == v).map(|i| i as u8))
                        .collect();
                }
                "topology.kubernetes.io/zone" | "topology.kubernetes.io/region" => {}
                _ => type_reqs.push(r),
            }
        }
        let members: Vec<u16> = catalog
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                type_reqs.iter().all(|r| match satisfies(t, r) {
                    Some(ok) => ok,
                    None => {
                        if !unknown_keys.contains(&r.key) {
                            unknown_keys.push(r.key.clone());
                        }
                        true
                    }
                })
            })
            .map(|(i, _)| i as u16)
            .collect();
        let untainted = spec.taints.iter().all(|t| t.effect == "PreferNoSchedule");
        let overhead =
            daemonsets
                .iter()
                .filter(|d| d.3 || untainted)
                .fold(Overhead::default(), |o, d| Overhead {
                    cpu_m: o.cpu_m + d.1,
                    mem_mib: o.mem_mib + d.2,
                    pods: o.pods + 1,
                });
        pools.push(SimPool {
            name: spec.name.clone(),
            types: members,
            on_demand,
            spot,
            zones: pool_zones,
            overhead,
            prefix_delegation: spec.prefix_delegation,
            limits: limits(&spec.limits),
            static_nodes: spec.replicas,
            consolidation: spec.consolidation,
        });
        volume_gib.push(spec.volume_gib);
    }

    let mut groups = Vec::new();
    let mut paths = Vec::new();
    let mut arch_masks = Vec::new();
    for (path, w) in workloads(&plan.capacity) {
        let arch_mask: u8 = if w.architectures.is_empty() {
            3
        } else {
            w.architectures
                .iter()
                .map(|a| match a {
                    Arch::Amd64 => 1,
                    Arch::Arm64 => 2,
                })
                .fold(0, |a, b| a | b)
        };
        let mut placements = Vec::new();
        for (p, spec) in specs.iter().enumerate() {
            if !schedules(&spec.taints, &w.tolerations) {
                continue;
            }
            let pool = &pools[p];
            let mut on_demand = !w.spot || pool.on_demand;
            let mut spot = w.spot && pool.spot;
            on_demand &= pool.on_demand;
            let mut zones_ok: Vec<u8> = Vec::new();
            let mut selector_reqs: Vec<Requirement> = Vec::new();
            let mut fits = true;
            for (k, v) in &w.node_selector {
                if let Some(label) = spec.labels.get(k) {
                    fits &= label == v;
                    continue;
                }
                match k.as_str() {
                    "karpenter.sh/nodepool" => fits &= *v == spec.name,
                    "karpenter.sh/capacity-type" => {
                        on_demand &= v == "on-demand";
                        spot &= v == "spot";
                    }
                    "topology.kubernetes.io/zone" => match zone_names.iter().position(|z| z == v) {
                        Some(i) => zones_ok.push(i as u8),
                        None => fits = false,
                    },
                    _ => selector_reqs.push(Requirement {
                        key: k.clone(),
                        operator: "In",
                        values: vec![v.clone()],
                        min_values: None,
                    }),
                }
            }
            if !fits || !(on_demand || spot) {
                continue;
            }
            let mut mask = vec![false; types.len()];
            for &t in &pool.types {
                let ti = usize::from(t);
                let it = catalog[ti];
                mask[ti] = arch_bit(it.arch) & arch_mask != 0
                    && selector_reqs
                        .iter()
                        .all(|r| satisfies(it, r).unwrap_or(false))
                    && (w.gpus == 0 || it.gpus >= w.gpus);
            }
            placements.push(Placement {
                pool: p as u16,
                types: mask,
                on_demand,
                spot,
                zones: zones_ok,
            });
        }
        groups.push(PodGroup {
            name: w.name.clone(),
            count: w.replicas,
            cpu_m: cpu_m(&w.cpu).unwrap_or(0),
            mem_mib: mem_mib(&w.memory).unwrap_or(0),
            gpus: w.gpus,
            // Each workload's pods select only each other.
            spread: w.spread_zones.then_some(groups.len() as u16),
            anti: w.one_per_node.then_some(groups.len() as u16),
            affinity: w.same_zone.then_some(groups.len() as u16),
            placements,
        });
        paths.push(path);
        arch_masks.push(arch_mask);
    }

    Model {
        types,
        catalog,
        pools,
        volume_gib,
        groups,
        paths,
        arch_masks,
        daemonsets,
        zones: zone_names,
        unknown_keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(cpu_m("500m"), Some(500));
        assert_eq!(cpu_m("1.5"), Some(1500));
        assert_eq!(cpu_m("2"), Some(2000));
        assert_eq!(cpu_m("x"), None);
        assert_eq!(mem_mib("1Gi"), Some(1024));
        assert_eq!(mem_mib("512Mi"), Some(512));
        assert_eq!(mem_mib("1G"), Some(954));
        assert_eq!(mem_mib("-1Gi"), None);
    }

    #[test]
    fn requirements_select_types() {
        let m5 = instances::find("m5.large").expect("m5.large");
        let g5 = instances::find("g5.xlarge").expect("g5.xlarge");
        let r = |key: &str, op: &'static str, v: &[&str]| Requirement {
            key: key.into(),
            operator: op,
            values: v.iter().map(|x| (*x).to_owned()).collect(),
            min_values: None,
        };
        assert_eq!(
            satisfies(
                m5,
                &r("eks.amazonaws.com/instance-generation", "Gt", &["4"])
            ),
            Some(true)
        );
        assert_eq!(
            satisfies(
                m5,
                &r("eks.amazonaws.com/instance-category", "In", &["c", "r"])
            ),
            Some(false)
        );
        assert_eq!(
            satisfies(
                m5,
                &r("eks.amazonaws.com/instance-gpu-count", "DoesNotExist", &[])
            ),
            Some(true)
        );
        assert_eq!(
            satisfies(
                g5,
                &r("eks.amazonaws.com/instance-gpu-name", "In", &["a10g"])
            ),
            Some(true)
        );
        assert_eq!(
            satisfies(
                g5,
                &r("eks.amazonaws.com/instance-gpu-count", "Exists", &[])
            ),
            Some(true)
        );
        assert_eq!(satisfies(m5, &r("example.com/custom", "In", &["x"])), None);
    }

    #[test]
    fn tolerations_match_taints() {
        let taint = Taint {
            key: "nvidia.com/gpu".into(),
            value: None,
            effect: "NoSchedule",
        };
        let exists = Toleration {
            key: "nvidia.com/gpu".into(),
            operator: TolerationOperator::Exists,
            ..Toleration::default()
        };
        let all = Toleration {
            operator: TolerationOperator::Exists,
            ..Toleration::default()
        };
        let other = Toleration {
            key: "spot".into(),
            operator: TolerationOperator::Exists,
            ..Toleration::default()
        };
        assert!(schedules(std::slice::from_ref(&taint), &[exists]));
        assert!(schedules(std::slice::from_ref(&taint), &[all]));
        assert!(!schedules(std::slice::from_ref(&taint), &[other]));
        assert!(!schedules(&[taint], &[]));
    }
}
