//! The EC2 instance catalog: specs and us-east-1 on-demand prices of every
//! instance type, which of them Auto Mode can launch, and what each one
//! leaves for pods (Karpenter's allocatable formulas).
//!
//! Data: `crates/core/data/instance-types-us-east-1.csv` (see the README
//! there for its sources and date).

use std::sync::OnceLock;

/// When the catalog's prices were taken.
pub const CATALOG_DATE: &str = "2026-07-20";

/// The region the catalog's prices are for.
pub const CATALOG_REGION: &str = "us-east-1";

/// Pods per node on Auto Mode, whatever the instance could hold.
pub const AUTO_MODE_MAX_PODS: u32 = 110;

const DATA: &str = include_str!("../../data/instance-types-us-east-1.csv");

/// CPU architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CpuArch {
    /// x86-64.
    Amd64,
    /// Graviton.
    Arm64,
}

impl CpuArch {
    /// `amd64` or `arm64`.
    pub fn as_str(self) -> &'static str {
        match self {
            CpuArch::Amd64 => "amd64",
            CpuArch::Arm64 => "arm64",
        }
    }
}

/// One instance type.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceType {
    /// `m5a.xlarge`.
    pub name: String,
    /// `m5a`.
    pub family: String,
    /// `m`.
    pub category: String,
    /// `5`.
    pub generation: u32,
    /// `xlarge`.
    pub size: String,
    /// Architecture.
    pub arch: CpuArch,
    /// vCPUs.
    pub vcpu: u32,
    /// Memory, MiB.
    pub memory_mib: u32,
    /// GPUs.
    pub gpus: u32,
    /// GPU model, lower case (`t4`, `a10g`), empty without GPUs.
    pub gpu_name: String,
    /// Other accelerators (Inferentia, Trainium).
    pub accelerators: u32,
    /// Network interfaces.
    pub enis: u32,
    /// IPv4 addresses per interface.
    pub ipv4_per_eni: u32,
    /// us-east-1 Linux on-demand $/hour; `None` where not sold there.
    pub on_demand: Option<f64>,
    /// Bare metal.
    pub metal: bool,
    /// Allocatable CPU, millicores.
    pub alloc_cpu_m: u32,
    /// Allocatable memory, MiB.
    pub alloc_mem_mib: u32,
    /// Pods with one IP per pod (secondary IPs): the ENI limit.
    pub eni_pods: u32,
    /// Pods with prefix delegation (/28 per slot).
    pub prefix_pods: u32,
}

impl InstanceType {
    /// Build a type from its name and specs, computing everything derived.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &str,
        arch: CpuArch,
        vcpu: u32,
        memory_mib: u32,
        gpus: u32,
        gpu_name: &str,
        accelerators: u32,
        enis: u32,
        ipv4_per_eni: u32,
        on_demand: Option<f64>,
        metal: bool,
        pods_without_eni_data: u32,
    ) -> InstanceType {
        let (family, size) = name.split_once('.').unwrap_or((name, ""));
        let category: String = family
            .chars()
            .take_while(char::is_ascii_lowercase)
            .collect();
        let generation = family[category.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        // A few types have no published ENI limits; the catalog then gives
        // the pod count Karpenter uses for them.
        let (eni_pods, prefix_pods) = if enis == 0 {
            (pods_without_eni_data, pods_without_eni_data)
        } else {
            (
                enis * ipv4_per_eni.saturating_sub(1) + 2,
                enis * ipv4_per_eni.saturating_sub(1) * 16 + 2,
            )
        };
        InstanceType {
            name: name.to_owned(),
            family: family.to_owned(),
            category,
            generation,
            size: size.to_owned(),
            arch,
            vcpu,
            memory_mib,
            gpus,
            gpu_name: gpu_name.to_owned(),
            accelerators,
            enis,
            ipv4_per_eni,
            on_demand,
            metal,
            alloc_cpu_m: vcpu * 1000 - kube_reserved_cpu_m(vcpu),
            alloc_mem_mib: allocatable_memory_mib(memory_mib, arch, eni_pods),
            eni_pods,
            prefix_pods,
        }
    }

    /// Pods per node on Auto Mode: prefix delegation (the default) or one
    /// IP per pod (`ipv4PrefixSize: "32"`), capped at 110.
    pub fn auto_mode_pods(&self, prefix_delegation: bool) -> u32 {
        let pods = if prefix_delegation {
            self.prefix_pods
        } else {
            self.eni_pods
        };
        pods.min(AUTO_MODE_MAX_PODS)
    }

    /// GPUs, Inferentia/Trainium or bare metal: launched only when asked for
    /// (Karpenter's exotic instance filter).
    pub fn exotic(&self) -> bool {
        self.gpus > 0 || self.accelerators > 0 || self.metal
    }
}

/// Karpenter's kube-reserved CPU: 6% of the first core, 1% of the second,
/// 0.5% of the third and fourth, 0.25% of the rest (each band truncated).
pub fn kube_reserved_cpu_m(vcpu: u32) -> u32 {
    let m = vcpu * 1000;
    let band = |lo: u32, hi: u32, basis_points: u32| {
        let width = m.clamp(lo, hi) - lo;
        width * basis_points / 10_000
    };
    band(0, 1000, 600) + band(1000, 2000, 100) + band(2000, 4000, 50) + band(4000, u32::MAX, 25)
}

/// Karpenter's allocatable memory: capacity (less 7.5% VM overhead and, on
/// Graviton, 64 MiB for the CMA) minus kube-reserved (11 MiB per pod plus
/// 255 MiB, pods counted by the ENI limit) and the 100 MiB eviction
/// threshold.
pub fn allocatable_memory_mib(memory_mib: u32, arch: CpuArch, eni_pods: u32) -> u32 {
    let m = match arch {
        CpuArch::Arm64 => memory_mib.saturating_sub(64),
        CpuArch::Amd64 => memory_mib,
    };
    // ceil(m × 0.075) in integers.
    let overhead = (m * 75).div_ceil(1000);
    let capacity = m - overhead;
    capacity.saturating_sub(11 * eni_pods + 255 + 100)
}

/// Families Auto Mode launches (EKS user guide, "supported instance types",
/// with the additions of 2026-04-10), apart from C, M and R of generation 4
/// and later, which are all supported.
const OTHER_FAMILIES: &[&str] = &[
    "t2", "t3", "t3a", "t4g", "z1d", "x8g", "x2gd", "x2iezn", "x2iedn", "x2idn", "x8aedz", "x8i",
    "i4g", "i4i", "i3", "i3en", "is4gen", "im4gn", "d3", "d3en", "p3", "p3dn", "p4d", "p5", "p5e",
    "p5en", "p6-b200", "p6-b300", "gr6", "g4dn", "g5", "g5g", "g6", "g6e", "inf1", "inf2", "trn1",
    "trn1n", "trn2", "hpc8a",
];

/// Why Auto Mode never launches an instance type (EKS user guide,
/// "Supported instance types" in `automode-learn-instances`: Auto Mode's
/// smallest size is `medium`, and it needs more than one vCPU).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exclusion {
    /// A `nano`, `micro` or `small` size.
    SmallSize,
    /// One vCPU (for example `c6g.medium`).
    OneVcpu,
    /// A family Auto Mode does not support.
    UnsupportedFamily,
    /// Not sold in the catalog's region, so the catalog cannot tell.
    NotInCatalogRegion,
}

impl Exclusion {
    /// Why, in a few words.
    pub fn reason(self) -> &'static str {
        match self {
            Exclusion::SmallSize => "nano, micro and small sizes are never launched",
            Exclusion::OneVcpu => "types with one vCPU are never launched",
            Exclusion::UnsupportedFamily => "the family is not supported by Auto Mode",
            Exclusion::NotInCatalogRegion => "not sold in the catalog's region",
        }
    }
}

/// Why Auto Mode would not launch this type, or `None` if it can: a
/// supported family, more than one vCPU, not `nano`, `micro` or `small`, and
/// sold in the catalog's region.
pub fn auto_mode_exclusion(t: &InstanceType) -> Option<Exclusion> {
    let family_ok = (matches!(t.category.as_str(), "c" | "m" | "r") && t.generation >= 4)
        || OTHER_FAMILIES.contains(&t.family.as_str());
    if matches!(t.size.as_str(), "nano" | "micro" | "small") {
        Some(Exclusion::SmallSize)
    } else if t.vcpu <= 1 {
        Some(Exclusion::OneVcpu)
    } else if !family_ok {
        Some(Exclusion::UnsupportedFamily)
    } else if t.on_demand.is_none() {
        Some(Exclusion::NotInCatalogRegion)
    } else {
        None
    }
}

/// Whether Auto Mode can launch this type (see [`auto_mode_exclusion`]).
pub fn auto_mode_eligible(t: &InstanceType) -> bool {
    auto_mode_exclusion(t).is_none()
}

/// A well-known node label the catalog can compute for every type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    InstanceType,
    Arch,
    Os,
    ComputeType,
    Category,
    Family,
    Generation,
    Size,
    Cpu,
    Memory,
    GpuCount,
    GpuName,
    AcceleratorCount,
}

impl Field {
    fn of(key: &str) -> Option<Field> {
        Some(match key {
            "node.kubernetes.io/instance-type" => Field::InstanceType,
            "kubernetes.io/arch" => Field::Arch,
            "kubernetes.io/os" => Field::Os,
            "eks.amazonaws.com/compute-type" => Field::ComputeType,
            "eks.amazonaws.com/instance-category" => Field::Category,
            "eks.amazonaws.com/instance-family" => Field::Family,
            "eks.amazonaws.com/instance-generation" => Field::Generation,
            "eks.amazonaws.com/instance-size" => Field::Size,
            "eks.amazonaws.com/instance-cpu" => Field::Cpu,
            "eks.amazonaws.com/instance-memory" => Field::Memory,
            "eks.amazonaws.com/instance-gpu-count" => Field::GpuCount,
            "eks.amazonaws.com/instance-gpu-name" => Field::GpuName,
            "eks.amazonaws.com/instance-accelerator-count" => Field::AcceleratorCount,
            _ => return None,
        })
    }
}

/// A label value, without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Val<'a> {
    Str(&'a str),
    Num(u64),
}

impl Val<'_> {
    fn to_text(self) -> String {
        match self {
            Val::Str(s) => s.to_owned(),
            Val::Num(n) => n.to_string(),
        }
    }
}

/// The label's value on a node of type `t`; `None` when the node does not
/// carry it (GPU labels on types without GPUs).
fn value(t: &InstanceType, field: Field) -> Option<Val<'_>> {
    Some(match field {
        Field::InstanceType => Val::Str(&t.name),
        Field::Arch => Val::Str(t.arch.as_str()),
        Field::Os => Val::Str("linux"),
        Field::ComputeType => Val::Str("auto"),
        Field::Category => Val::Str(&t.category),
        Field::Family => Val::Str(&t.family),
        Field::Generation => Val::Num(u64::from(t.generation)),
        Field::Size => Val::Str(&t.size),
        Field::Cpu => Val::Num(u64::from(t.vcpu)),
        Field::Memory => Val::Num(u64::from(t.memory_mib)),
        Field::GpuCount if t.gpus > 0 => Val::Num(u64::from(t.gpus)),
        Field::GpuName if t.gpus > 0 => Val::Str(&t.gpu_name),
        Field::AcceleratorCount if t.accelerators > 0 => Val::Num(u64::from(t.accelerators)),
        Field::GpuCount | Field::GpuName | Field::AcceleratorCount => return None,
    })
}

/// The value of a well-known node label on a node of this type, as Auto
/// Mode labels its nodes (EKS user guide, `create-node-pool`, "supported
/// labels"). `Some(None)`: the label is absent (GPU labels on types without
/// GPUs). `None`: the catalog cannot tell (zone, capacity type, hypervisor,
/// CPU manufacturer, bandwidths, local NVMe, custom labels).
pub fn node_label(t: &InstanceType, key: &str) -> Option<Option<String>> {
    Field::of(key).map(|f| value(t, f).map(Val::to_text))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
    Gte,
    Lte,
}

/// A NodePool requirement prepared for matching many instance types.
#[derive(Clone, Debug, PartialEq)]
pub struct Matcher {
    field: Field,
    op: Op,
    /// `In`/`NotIn` values as written.
    values: Vec<String>,
    /// The same values as numbers, where they are.
    numbers: Vec<u64>,
    /// `Gt`/`Lt`/`Gte`/`Lte` bound.
    bound: Option<f64>,
}

impl Matcher {
    /// Prepare a requirement (Karpenter's operators). `None` when the
    /// catalog cannot evaluate the key or the operator.
    pub fn new(key: &str, operator: &str, values: &[String]) -> Option<Matcher> {
        let op = match operator {
            "In" => Op::In,
            "NotIn" => Op::NotIn,
            "Exists" => Op::Exists,
            "DoesNotExist" => Op::DoesNotExist,
            "Gt" => Op::Gt,
            "Lt" => Op::Lt,
            "Gte" => Op::Gte,
            "Lte" => Op::Lte,
            _ => return None,
        };
        Some(Matcher {
            field: Field::of(key)?,
            op,
            values: values.to_vec(),
            numbers: values.iter().filter_map(|v| v.parse().ok()).collect(),
            bound: values.first().and_then(|b| b.parse().ok()),
        })
    }

    /// Whether a node of type `t` satisfies the requirement.
    pub fn matches(&self, t: &InstanceType) -> bool {
        let v = value(t, self.field);
        let listed = |v: Val<'_>| match v {
            Val::Str(s) => self.values.iter().any(|x| x == s),
            Val::Num(n) => self.numbers.contains(&n),
        };
        let compare = |f: fn(f64, f64) -> bool| match (v, self.bound) {
            // Integer label values (at most a few million) are exact in f64.
            (Some(Val::Num(n)), Some(b)) => f(n as f64, b),
            _ => false,
        };
        match self.op {
            Op::In => v.is_some_and(listed),
            Op::NotIn => !v.is_some_and(listed),
            Op::Exists => v.is_some(),
            Op::DoesNotExist => v.is_none(),
            Op::Gt => compare(|v, b| v > b),
            Op::Lt => compare(|v, b| v < b),
            Op::Gte => compare(|v, b| v >= b),
            Op::Lte => compare(|v, b| v <= b),
        }
    }
}

/// Whether a node of this type satisfies a NodePool requirement (Karpenter's
/// operators). `None` when the catalog cannot evaluate the key.
pub fn satisfies(t: &InstanceType, key: &str, operator: &str, values: &[String]) -> Option<bool> {
    Matcher::new(key, operator, values).map(|m| m.matches(t))
}

/// [`auto_mode_exclusion`] for every catalog type, in [`all`]'s order.
pub fn exclusions() -> &'static [Option<Exclusion>] {
    static EXCLUSIONS: OnceLock<Vec<Option<Exclusion>>> = OnceLock::new();
    EXCLUSIONS.get_or_init(|| all().iter().map(auto_mode_exclusion).collect())
}

fn parse_line(line: &str) -> Option<InstanceType> {
    let f: Vec<&str> = line.split(',').collect();
    if f.len() != 12 {
        return None;
    }
    let num = |s: &str| {
        if s.is_empty() {
            Some(0)
        } else {
            s.parse::<u32>().ok()
        }
    };
    Some(InstanceType::new(
        f[0],
        if f[3] == "arm64" {
            CpuArch::Arm64
        } else {
            CpuArch::Amd64
        },
        num(f[1])?,
        num(f[2])?,
        num(f[4])?,
        &f[5].to_ascii_lowercase(),
        num(f[6])?,
        num(f[7])?,
        num(f[8])?,
        f[9].parse().ok(),
        f[10] == "y",
        num(f[11])?,
    ))
}

/// Every instance type in the catalog, in the file's order.
pub fn all() -> &'static [InstanceType] {
    static CATALOG: OnceLock<Vec<InstanceType>> = OnceLock::new();
    CATALOG.get_or_init(|| DATA.lines().skip(1).filter_map(parse_line).collect())
}

/// Look a type up by name.
pub fn find(name: &str) -> Option<&'static InstanceType> {
    all().iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_reads_completely() {
        assert_eq!(all().len(), 1363);
        let t = find("m5a.xlarge").expect("m5a.xlarge");
        assert_eq!(
            (
                t.family.as_str(),
                t.category.as_str(),
                t.generation,
                t.size.as_str()
            ),
            ("m5a", "m", 5, "xlarge")
        );
        assert_eq!((t.vcpu, t.memory_mib, t.arch), (4, 16384, CpuArch::Amd64));
        assert_eq!(t.on_demand, Some(0.172));
        let g = find("g4dn.xlarge").expect("g4dn");
        assert_eq!((g.gpus, g.gpu_name.as_str()), (1, "t4"));
        assert!(g.exotic() && !t.exotic());
        assert_eq!(
            find("p6-b200.48xlarge").map(|p| (p.category.as_str(), p.generation)),
            Some(("p", 6))
        );
    }

    #[test]
    fn allocatable_matches_karpenter_for_the_documented_example() {
        // pricing-and-capacity.md §4.3: m5.large → 1930m, 6903 Mi, 29 pods.
        let t = find("m5.large").expect("m5.large");
        assert_eq!(
            (t.alloc_cpu_m, t.alloc_mem_mib, t.eni_pods),
            (1930, 6903, 29)
        );
        assert_eq!(t.auto_mode_pods(true), 110);
        assert_eq!(t.auto_mode_pods(false), 29);
        assert_eq!(
            [1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 192].map(kube_reserved_cpu_m),
            [60, 70, 80, 90, 110, 150, 190, 230, 310, 390, 550]
        );
    }

    #[test]
    fn eligibility_follows_auto_mode_rules() {
        let eligible = |n: &str| find(n).is_some_and(auto_mode_eligible);
        assert!(eligible("m5.large") && eligible("c7g.xlarge") && eligible("r8i.2xlarge"));
        assert!(eligible("t3.medium") && eligible("g5.xlarge") && eligible("p5.48xlarge"));
        assert!(!eligible("t3.small"), "small sizes are excluded");
        assert!(!eligible("t3.micro") && !eligible("t4g.nano"));
        assert!(
            !eligible("m3.medium") && !eligible("c3.large"),
            "generation 3 is not supported"
        );
        assert!(!eligible("a1.large") && !eligible("h1.2xlarge") && !eligible("x1.16xlarge"));
        assert!(!eligible("c6g.medium"), "one vCPU");
        assert_eq!(
            find("t3.small").and_then(auto_mode_exclusion),
            Some(Exclusion::SmallSize)
        );
        assert_eq!(
            find("c6g.medium").and_then(auto_mode_exclusion),
            Some(Exclusion::OneVcpu)
        );
        assert_eq!(
            find("a1.large").and_then(auto_mode_exclusion),
            Some(Exclusion::UnsupportedFamily)
        );
        let count = all().iter().filter(|t| auto_mode_eligible(t)).count();
        assert!((700..1200).contains(&count), "{count} eligible types");
    }

    #[test]
    fn node_labels_and_requirements() {
        let m = find("m5a.xlarge").expect("m5a.xlarge");
        let g = find("g5.xlarge").expect("g5.xlarge");
        let v = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let cat = "eks.amazonaws.com/instance-category";
        assert_eq!(satisfies(m, cat, "In", &v(&["c", "m"])), Some(true));
        assert_eq!(satisfies(m, cat, "NotIn", &v(&["m"])), Some(false));
        let cpu = "eks.amazonaws.com/instance-cpu";
        assert_eq!(satisfies(m, cpu, "Gt", &v(&["3"])), Some(true));
        assert_eq!(satisfies(m, cpu, "Lt", &v(&["4"])), Some(false));
        assert_eq!(satisfies(m, cpu, "Lte", &v(&["4"])), Some(true));
        assert_eq!(satisfies(m, cpu, "Gte", &v(&["5"])), Some(false));
        let gpus = "eks.amazonaws.com/instance-gpu-count";
        assert_eq!(satisfies(m, gpus, "Exists", &[]), Some(false));
        assert_eq!(satisfies(m, gpus, "DoesNotExist", &[]), Some(true));
        assert_eq!(satisfies(g, gpus, "Gt", &v(&["0"])), Some(true));
        assert_eq!(
            satisfies(
                g,
                "eks.amazonaws.com/instance-gpu-name",
                "In",
                &v(&["a10g"])
            ),
            Some(true)
        );
        assert_eq!(
            satisfies(m, "topology.kubernetes.io/zone", "In", &v(&["a"])),
            None
        );
        assert_eq!(satisfies(m, "example.com/team", "In", &v(&["a"])), None);
    }
}
