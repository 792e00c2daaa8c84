//! What Auto Mode would launch: Karpenter's provisioning and one
//! consolidation pass, simulated.
//!
//! As Karpenter does it (pricing-and-capacity.md §4.1–4.2):
//!
//! 1. Pods are sorted by CPU, then memory, largest first.
//! 2. Each pod goes on the first planned node that can take it, trying
//!    nodes with the fewest pods first. A node is not one instance type but
//!    the set of types that still fit everything on it (plus the DaemonSets
//!    of its NodePool); adding a pod narrows the set.
//! 3. Otherwise a new node starts from the first NodePool, by weight, whose
//!    requirements and taints the pod satisfies, with every type of the pool
//!    that fits the pod. GPU, accelerator and bare-metal types are used only
//!    when nothing else fits (Karpenter's exotic-type filter).
//! 4. Each node launches the cheapest type left in its set.
//! 5. One consolidation pass: a node is deleted when its pods fit on the
//!    other nodes as launched, or replaced by one cheaper type that holds
//!    them. `WhenEmpty` pools delete empty nodes only; `Balanced` pools take
//!    a move only when its share of the pool's cost saved, divided by its
//!    share of the pool's disruption, is at least 1/k with k = 2
//!    (Karpenter's `designs/balanced-consolidation.md`: a node's disruption
//!    is 1 plus one per pod, the pool's totals are taken once per pass).
//!
//! Zone spread (max skew 1), zone affinity, one pod per node, NodePool
//! limits and static NodePools are honoured. The model is generic: the
//! benchmark drives it with Karpenter's synthetic instance types.

/// An instance type as the simulation sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SimType {
    /// Name.
    pub name: String,
    /// Allocatable CPU, millicores.
    pub cpu_m: u32,
    /// Allocatable memory, MiB.
    pub mem_mib: u32,
    /// Pods with prefix delegation (capped).
    pub pods_pd: u32,
    /// Pods with one IP per pod (capped).
    pub pods_eni: u32,
    /// GPUs.
    pub gpus: u32,
    /// Architecture bit (1 amd64, 2 arm64).
    pub arch: u8,
    /// On-demand $/h.
    pub on_demand: f64,
    /// Spot $/h.
    pub spot: f64,
    /// GPU, accelerator or bare metal.
    pub exotic: bool,
    /// vCPUs (for NodePool CPU limits).
    pub vcpu: u32,
    /// Memory, MiB (for NodePool memory limits).
    pub memory_mib: u32,
}

impl SimType {
    fn pods(&self, prefix_delegation: bool) -> u32 {
        if prefix_delegation {
            self.pods_pd
        } else {
            self.pods_eni
        }
    }

    /// The price of the type for a capacity type.
    pub fn price(&self, spot: bool) -> f64 {
        if spot { self.spot } else { self.on_demand }
    }
}

/// Requests of the DaemonSets that run on every node of a pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overhead {
    /// CPU, millicores.
    pub cpu_m: u32,
    /// Memory, MiB.
    pub mem_mib: u32,
    /// Pods.
    pub pods: u32,
}

/// NodePool limits (`None`: unlimited).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Total vCPUs, in millicores.
    pub cpu_m: Option<u64>,
    /// Total memory, MiB.
    pub mem_mib: Option<u64>,
    /// Total GPUs.
    pub gpus: Option<u64>,
    /// Nodes.
    pub nodes: Option<u64>,
}

impl Limits {
    /// Whether a node of `capacity` (CPU millicores, memory MiB, GPUs) fits
    /// beside what is `used` (the same, plus nodes).
    fn admit(&self, used: (u64, u64, u64, u64), capacity: (u64, u64, u64)) -> bool {
        let (cpu, mem, gpus) = capacity;
        self.cpu_m.is_none_or(|l| used.0 + cpu <= l)
            && self.mem_mib.is_none_or(|l| used.1 + mem <= l)
            && self.gpus.is_none_or(|l| used.2 + gpus <= l)
            && self.nodes.is_none_or(|l| used.3 < l)
    }

    /// Whether one node of type `t` fits an empty pool's limits.
    pub fn admit_one(&self, t: &SimType) -> bool {
        self.admit(
            (0, 0, 0, 0),
            (
                u64::from(t.vcpu) * 1000,
                u64::from(t.memory_mib),
                u64::from(t.gpus),
            ),
        )
    }
}

/// What consolidation may do in a pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Consolidation {
    /// Delete empty nodes only.
    WhenEmpty,
    /// Delete or replace under-used nodes whenever it saves money.
    #[default]
    WhenUnderutilized,
    /// Delete or replace when the saving justifies the disruption.
    Balanced,
    /// Never (static pools).
    Never,
}

/// Karpenter's default `consolidationThreshold` (k) for `Balanced`.
pub const BALANCED_K: f64 = 2.0;

/// Whether `Balanced` takes a move that saves `savings` $/h and disrupts
/// `disruption` (1 per node plus 1 per pod), in a pool whose nodes cost
/// `pool_cost` $/h and carry `pool_disruption` in total.
pub fn balanced_accepts(
    savings: f64,
    disruption: f64,
    pool_cost: f64,
    pool_disruption: f64,
) -> bool {
    if savings <= 0.0 || pool_cost <= 0.0 || pool_disruption <= 0.0 || disruption <= 0.0 {
        return false;
    }
    let score = (savings / pool_cost) / (disruption / pool_disruption);
    score >= 1.0 / BALANCED_K - 1e-12
}

/// A NodePool.
#[derive(Clone, Debug, PartialEq)]
pub struct SimPool {
    /// Name.
    pub name: String,
    /// Instance types the pool may launch, indices into the type table.
    pub types: Vec<u16>,
    /// On-demand allowed.
    pub on_demand: bool,
    /// Spot allowed.
    pub spot: bool,
    /// Allowed zones (indices); empty means every zone.
    pub zones: Vec<u8>,
    /// DaemonSet requests on each node.
    pub overhead: Overhead,
    /// Prefix delegation (the NodeClass default).
    pub prefix_delegation: bool,
    /// Limits.
    pub limits: Limits,
    /// Static pool: this many nodes, always.
    pub static_nodes: Option<u32>,
    /// Consolidation policy.
    pub consolidation: Consolidation,
}

/// Where a group of pods may go in one pool.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Pool index.
    pub pool: u16,
    /// Which types (by index in the type table) the pods accept in this
    /// pool: architecture, node selector on instance labels, GPUs.
    pub types: Vec<bool>,
    /// On-demand allowed for these pods here.
    pub on_demand: bool,
    /// Spot allowed for these pods here.
    pub spot: bool,
    /// Zones the pods accept here (empty: any).
    pub zones: Vec<u8>,
}

/// Identical pods (a workload's replicas).
#[derive(Clone, Debug, PartialEq)]
pub struct PodGroup {
    /// Name (for reports).
    pub name: String,
    /// How many.
    pub count: u32,
    /// CPU request, millicores.
    pub cpu_m: u32,
    /// Memory request, MiB.
    pub mem_mib: u32,
    /// GPUs.
    pub gpus: u32,
    /// Spread across zones (max skew 1) with every pod sharing this key.
    pub spread: Option<u16>,
    /// At most one pod with this key per node (hostname anti-affinity).
    pub anti: Option<u16>,
    /// In the same zone as every pod sharing this key (zone affinity).
    pub affinity: Option<u16>,
    /// Pools the pods may use, in priority order (weight, then name).
    pub placements: Vec<Placement>,
}

/// Why pods were left pending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pending {
    /// No NodePool accepts the pods (selector, taints, architecture,
    /// capacity type).
    NoNodePool,
    /// Larger than every instance type the pools may launch.
    TooLarge,
    /// The NodePools' limits are reached.
    Limits,
    /// Zone spread or affinity cannot be met.
    Zones,
}

/// A node in the result.
#[derive(Clone, Debug, PartialEq)]
pub struct SimNode {
    /// Pool index.
    pub pool: u16,
    /// Launched type index.
    pub type_index: u16,
    /// Spot.
    pub spot: bool,
    /// Zone index, when pinned.
    pub zone: Option<u8>,
    /// Pods per group.
    pub groups: Vec<(u16, u32)>,
    /// Requested CPU of its pods, millicores.
    pub cpu_m: u64,
    /// Requested memory of its pods, MiB.
    pub mem_mib: u64,
}

/// What the simulation produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Launched nodes.
    pub nodes: Vec<SimNode>,
    /// Pods left pending, per group and reason.
    pub pending: Vec<(u16, Pending, u32)>,
    /// Nodes deleted by consolidation.
    pub deleted: u32,
    /// Nodes replaced by a cheaper type.
    pub replaced: u32,
    /// Nodes each pool launched, before consolidation.
    pub launched: Vec<u32>,
    /// Moves `Balanced` pools turned down (saving too small for the
    /// disruption).
    pub declined: u32,
}

impl Outcome {
    /// Pods placed.
    pub fn pods(&self) -> u64 {
        self.nodes
            .iter()
            .flat_map(|n| &n.groups)
            .map(|&(_, c)| u64::from(c))
            .sum()
    }

    /// The fleet's price per hour.
    pub fn hourly(&self, types: &[SimType]) -> f64 {
        self.nodes
            .iter()
            .map(|n| types[usize::from(n.type_index)].price(n.spot))
            .sum()
    }
}

/// A node being planned.
#[derive(Clone, Debug)]
struct Node {
    pool: u16,
    spot: bool,
    zone: Option<u8>,
    /// Candidate types (all when planning; the launched one after launch).
    types: Vec<u16>,
    max_cpu: u64,
    max_mem: u64,
    max_pods: u32,
    max_gpus: u32,
    /// The smallest capacity among the candidates: while the node's pods
    /// stay within it, every candidate still fits and nothing is filtered.
    min_cpu: u64,
    min_mem: u64,
    min_pods: u32,
    min_gpus: u32,
    cpu: u64,
    mem: u64,
    gpus: u32,
    pods: u32,
    groups: Vec<(u16, u32)>,
    /// Anti-affinity keys of the pods on the node.
    anti: Vec<u16>,
    fixed: bool,
    alive: bool,
}

impl Node {
    fn add_group(&mut self, g: u16, n: u32) {
        match self.groups.iter_mut().find(|(x, _)| *x == g) {
            Some((_, c)) => *c += n,
            None => self.groups.push((g, n)),
        }
    }
}

/// Recompute a node's capacity bounds (largest and smallest candidate, less
/// its pool's DaemonSets) from its candidate types.
fn refresh(types: &[SimType], pools: &[SimPool], node: &mut Node) {
    let pool = &pools[usize::from(node.pool)];
    let ov = pool.overhead;
    let (mut max_cpu, mut max_mem, mut max_pods, mut max_gpus) = (0, 0, 0, 0);
    let (mut min_cpu, mut min_mem, mut min_pods, mut min_gpus) =
        (u64::MAX, u64::MAX, u32::MAX, u32::MAX);
    for &t in &node.types {
        let t = &types[usize::from(t)];
        let cpu = u64::from(t.cpu_m.saturating_sub(ov.cpu_m));
        let mem = u64::from(t.mem_mib.saturating_sub(ov.mem_mib));
        let pods = t.pods(pool.prefix_delegation).saturating_sub(ov.pods);
        max_cpu = max_cpu.max(cpu);
        max_mem = max_mem.max(mem);
        max_pods = max_pods.max(pods);
        max_gpus = max_gpus.max(t.gpus);
        min_cpu = min_cpu.min(cpu);
        min_mem = min_mem.min(mem);
        min_pods = min_pods.min(pods);
        min_gpus = min_gpus.min(t.gpus);
    }
    if node.types.is_empty() {
        (min_cpu, min_mem, min_pods, min_gpus) = (0, 0, 0, 0);
    }
    node.max_cpu = max_cpu;
    node.max_mem = max_mem;
    node.max_pods = max_pods;
    node.max_gpus = max_gpus;
    node.min_cpu = min_cpu;
    node.min_mem = min_mem;
    node.min_pods = min_pods;
    node.min_gpus = min_gpus;
}

/// Free capacity of a launched node (CPU, memory, GPUs, pods).
type Free = (u64, u64, u32, u32);

/// The simulation, stage by stage (tests drive the stages directly).
pub struct Simulation<'a> {
    types: &'a [SimType],
    pools: &'a [SimPool],
    groups: &'a [PodGroup],
    zones: usize,
    nodes: Vec<Node>,
    order: Vec<usize>,
    /// Where each node sits in `order`.
    pos: Vec<usize>,
    /// For each group and placement: the placement accepts every type of
    /// its pool (so adding a pod needs no per-type mask check).
    all_types: Vec<Vec<bool>>,
    pending: Vec<(u16, Pending, u32)>,
    spread: Vec<Vec<u32>>,
    affinity: Vec<Option<u8>>,
    pool_used: Vec<(u64, u64, u64, u64)>,
    deleted: u32,
    replaced: u32,
    launched: Vec<u32>,
    declined: u32,
}

/// How many distinct keys (largest + 1) a kind of key uses.
fn keys(groups: &[PodGroup], key: impl Fn(&PodGroup) -> Option<u16>) -> usize {
    groups
        .iter()
        .filter_map(key)
        .map(|k| usize::from(k) + 1)
        .max()
        .unwrap_or(0)
}

impl<'a> Simulation<'a> {
    /// A simulation over `zones` zones.
    pub fn new(
        types: &'a [SimType],
        pools: &'a [SimPool],
        groups: &'a [PodGroup],
        zones: usize,
    ) -> Self {
        let mut sim = Simulation {
            types,
            pools,
            groups,
            zones: zones.max(1),
            nodes: Vec::new(),
            order: Vec::new(),
            pos: Vec::new(),
            all_types: groups
                .iter()
                .map(|g| {
                    g.placements
                        .iter()
                        .map(|p| {
                            pools.get(usize::from(p.pool)).is_some_and(|pool| {
                                pool.types
                                    .iter()
                                    .all(|&t| p.types.get(usize::from(t)).copied().unwrap_or(false))
                            })
                        })
                        .collect()
                })
                .collect(),
            pending: Vec::new(),
            spread: vec![vec![0; zones.max(1)]; keys(groups, |g| g.spread)],
            affinity: vec![None; keys(groups, |g| g.affinity)],
            pool_used: vec![(0, 0, 0, 0); pools.len()],
            deleted: 0,
            replaced: 0,
            launched: vec![0; pools.len()],
            declined: 0,
        };
        // Static pools hold their nodes from the start, on types that fit
        // the pool's DaemonSets.
        for (p, pool) in pools.iter().enumerate() {
            let types: Vec<u16> = pool
                .types
                .iter()
                .copied()
                .filter(|&t| sim.type_fits(pool, t, 0, 0, 0, 0))
                .collect();
            if types.is_empty() {
                continue;
            }
            for _ in 0..pool.static_nodes.unwrap_or(0) {
                let node =
                    sim.empty_node(p as u16, !pool.on_demand && pool.spot, None, types.clone());
                sim.push_node(node);
            }
        }
        sim
    }

    fn empty_node(&self, pool: u16, spot: bool, zone: Option<u8>, types: Vec<u16>) -> Node {
        let mut node = Node {
            pool,
            spot,
            zone,
            types,
            max_cpu: 0,
            max_mem: 0,
            max_pods: 0,
            max_gpus: 0,
            min_cpu: 0,
            min_mem: 0,
            min_pods: 0,
            min_gpus: 0,
            cpu: 0,
            mem: 0,
            gpus: 0,
            pods: 0,
            groups: Vec::new(),
            anti: Vec::new(),
            fixed: false,
            alive: true,
        };
        self.refresh(&mut node);
        node
    }

    /// Recompute a node's capacity bounds from its candidates.
    fn refresh(&self, node: &mut Node) {
        refresh(self.types, self.pools, node);
    }

    fn push_node(&mut self, node: Node) -> usize {
        let i = self.nodes.len();
        let pods = node.pods;
        self.nodes.push(node);
        let at = self.order.partition_point(|&j| self.nodes[j].pods <= pods);
        self.order.insert(at, i);
        self.pos.push(at);
        for k in at + 1..self.order.len() {
            self.pos[self.order[k]] = k;
        }
        i
    }

    /// Whether type `t` of pool `p` holds `cpu`/`mem`/`gpus`/`pods` of pods.
    fn type_fits(&self, p: &SimPool, t: u16, cpu: u64, mem: u64, gpus: u32, pods: u32) -> bool {
        let t = &self.types[usize::from(t)];
        u64::from(t.cpu_m) >= cpu + u64::from(p.overhead.cpu_m)
            && u64::from(t.mem_mib) >= mem + u64::from(p.overhead.mem_mib)
            && t.gpus >= gpus
            && t.pods(p.prefix_delegation) >= pods + p.overhead.pods
    }

    /// Whether pods of group `g` care about zones in this placement.
    fn zoned(&self, g: usize, placement: &Placement) -> bool {
        let group = &self.groups[g];
        group.spread.is_some()
            || group.affinity.is_some()
            || !placement.zones.is_empty()
            || !self.pools[usize::from(placement.pool)].zones.is_empty()
    }

    /// The allowed zones of every placement of group `g`, for one pod.
    fn zone_table(&self, g: usize) -> Vec<Vec<u8>> {
        self.groups[g]
            .placements
            .iter()
            .map(|p| {
                if self.zoned(g, p) {
                    self.allowed_zones(g, p)
                } else {
                    Vec::new()
                }
            })
            .collect()
    }

    /// Zones a pod of group `g` may go to now.
    fn allowed_zones(&self, g: usize, placement: &Placement) -> Vec<u8> {
        let group = &self.groups[g];
        let mut zones: Vec<u8> = if placement.zones.is_empty() {
            (0..self.zones as u8).collect()
        } else {
            placement.zones.clone()
        };
        let pool = &self.pools[usize::from(placement.pool)];
        if !pool.zones.is_empty() {
            zones.retain(|z| pool.zones.contains(z));
        }
        if let Some(key) = group.affinity
            && let Some(z) = self.affinity[usize::from(key)]
        {
            zones.retain(|&x| x == z);
        }
        if let Some(key) = group.spread {
            // Max skew 1 over the zones the pods may use.
            let counts = &self.spread[usize::from(key)];
            if let Some(min) = zones.iter().map(|&z| counts[usize::from(z)]).min() {
                zones.retain(|&z| counts[usize::from(z)] == min);
            }
        }
        zones
    }

    /// Try to add one pod of group `g` to node `i`. `zones[k]` holds the
    /// zones allowed in the group's k-th placement (see [`Self::zone_table`]).
    fn try_add(&mut self, i: usize, g: usize, zones: &[Vec<u8>]) -> bool {
        let group = &self.groups[g];
        let node = &self.nodes[i];
        if !node.alive {
            return false;
        }
        let Some(k) = group.placements.iter().position(|p| p.pool == node.pool) else {
            return false;
        };
        let placement = &group.placements[k];
        if node.spot && !placement.spot || !node.spot && !placement.on_demand {
            return false;
        }
        if group.anti.is_some_and(|k| node.anti.contains(&k)) {
            return false;
        }
        let pool = &self.pools[usize::from(node.pool)];
        let (cpu, mem, gpus, pods) = (
            node.cpu + u64::from(group.cpu_m),
            node.mem + u64::from(group.mem_mib),
            node.gpus + group.gpus,
            node.pods + 1,
        );
        if cpu > node.max_cpu || mem > node.max_mem || pods > node.max_pods || gpus > node.max_gpus
        {
            return false;
        }
        let mut pin = None;
        if self.zoned(g, placement) {
            let zones = &zones[k];
            match node.zone {
                Some(z) if !zones.contains(&z) => return false,
                Some(_) => {}
                None if zones.is_empty() => return false,
                None => pin = zones.first().copied(),
            }
        }
        // Fast path: the pod fits the smallest candidate, so every
        // candidate keeps fitting and the set does not narrow.
        let narrow = !(self.all_types[g][k]
            && cpu <= node.min_cpu
            && mem <= node.min_mem
            && pods <= node.min_pods
            && gpus <= node.min_gpus);
        let fits = |t: u16| {
            placement.types[usize::from(t)] && self.type_fits(pool, t, cpu, mem, gpus, pods)
        };
        if narrow && !node.types.iter().any(|&t| fits(t)) {
            return false;
        }
        let keep: Option<Vec<u16>> =
            narrow.then(|| node.types.iter().copied().filter(|&t| fits(t)).collect());
        let (types, pools) = (self.types, self.pools);
        let node = &mut self.nodes[i];
        node.cpu = cpu;
        node.mem = mem;
        node.gpus = gpus;
        node.pods = pods;
        if pin.is_some() {
            node.zone = pin;
        }
        node.add_group(g as u16, 1);
        if let Some(k) = group.anti
            && !node.anti.contains(&k)
        {
            node.anti.push(k);
        }
        if let Some(keep) = keep {
            node.types = keep;
            refresh(types, pools, node);
        }
        let zone = node.zone;
        self.record_zone(g, zone);
        self.bump(i);
        true
    }

    fn record_zone(&mut self, g: usize, zone: Option<u8>) {
        if let Some(z) = zone {
            if let Some(key) = self.groups[g].spread {
                self.spread[usize::from(key)][usize::from(z)] += 1;
            }
            if let Some(key) = self.groups[g].affinity {
                self.affinity[usize::from(key)].get_or_insert(z);
            }
        }
    }

    /// Keep `order` sorted by pod count after node `i` gained a pod.
    fn bump(&mut self, i: usize) {
        let mut at = self.pos[i];
        while at + 1 < self.order.len() && self.nodes[self.order[at + 1]].pods < self.nodes[i].pods
        {
            self.order.swap(at, at + 1);
            self.pos[self.order[at]] = at;
            at += 1;
        }
        self.pos[i] = at;
    }

    fn capacity(&self, t: u16) -> (u64, u64, u64) {
        let t = &self.types[usize::from(t)];
        (
            u64::from(t.vcpu) * 1000,
            u64::from(t.memory_mib),
            u64::from(t.gpus),
        )
    }

    fn within_limits(&self, p: usize, t: u16) -> bool {
        self.pools[p]
            .limits
            .admit(self.pool_used[p], self.capacity(t))
    }

    /// Start a new node for a pod of group `g`, or say why not.
    fn new_node(&mut self, g: usize) -> Result<(), Pending> {
        let group = &self.groups[g];
        let mut why = Pending::NoNodePool;
        for placement in &group.placements {
            let p = usize::from(placement.pool);
            let pool = &self.pools[p];
            if pool.static_nodes.is_some() {
                continue;
            }
            let spot = placement.spot && pool.spot;
            if !(spot || placement.on_demand && pool.on_demand) {
                continue;
            }
            let zone = if self.zoned(g, placement) {
                match self.allowed_zones(g, placement).first() {
                    Some(&z) => Some(z),
                    None => {
                        why = why.max(Pending::Zones);
                        continue;
                    }
                }
            } else {
                None
            };
            let (cpu, mem) = (u64::from(group.cpu_m), u64::from(group.mem_mib));
            let fitting: Vec<u16> = pool
                .types
                .iter()
                .copied()
                .filter(|&t| {
                    placement.types[usize::from(t)]
                        && self.type_fits(pool, t, cpu, mem, group.gpus, 1)
                })
                .collect();
            if fitting.is_empty() {
                why = why.max(Pending::TooLarge);
                continue;
            }
            let mut candidates: Vec<u16> = fitting
                .iter()
                .copied()
                .filter(|&t| self.within_limits(p, t))
                .collect();
            if candidates.is_empty() {
                why = why.max(Pending::Limits);
                continue;
            }
            if candidates
                .iter()
                .any(|&t| !self.types[usize::from(t)].exotic)
            {
                candidates.retain(|&t| !self.types[usize::from(t)].exotic);
            }
            // Count the smallest candidate against the limits now; launch
            // checks the type actually chosen.
            if let Some(&smallest) = candidates.iter().min_by_key(|&&t| self.capacity(t)) {
                let (c, m, gp) = self.capacity(smallest);
                let used = &mut self.pool_used[p];
                used.0 += c;
                used.1 += m;
                used.2 += gp;
                used.3 += 1;
            }
            let node = self.empty_node(placement.pool, spot, zone, candidates);
            let i = self.push_node(node);
            let zones = self.zone_table(g);
            if self.try_add(i, g, &zones) {
                return Ok(());
            }
            // Cannot happen (every candidate fits the pod); keep the node
            // from lingering.
            self.nodes[i].alive = false;
        }
        Err(why)
    }

    fn pend(&mut self, g: usize, why: Pending, n: u32) {
        match self
            .pending
            .iter_mut()
            .find(|(x, w, _)| usize::from(*x) == g && *w == why)
        {
            Some((_, _, c)) => *c += n,
            None => self.pending.push((g as u16, why, n)),
        }
    }

    /// Place every pod, largest first.
    pub fn provision(&mut self) {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.sort_by(|&a, &b| {
            let (ga, gb) = (&self.groups[a], &self.groups[b]);
            gb.cpu_m
                .cmp(&ga.cpu_m)
                .then(gb.mem_mib.cmp(&ga.mem_mib))
                .then(a.cmp(&b))
        });
        for g in order {
            let zoned = self.groups[g].placements.iter().any(|p| self.zoned(g, p));
            let mut zones = self.zone_table(g);
            for _ in 0..self.groups[g].count {
                if zoned {
                    zones = self.zone_table(g);
                }
                let mut placed = false;
                for k in 0..self.order.len() {
                    let i = self.order[k];
                    if self.try_add(i, g, &zones) {
                        placed = true;
                        break;
                    }
                }
                if !placed && let Err(why) = self.new_node(g) {
                    self.pend(g, why, 1);
                }
            }
        }
    }

    /// Launch the cheapest type of each node, then enforce pool limits on
    /// what was actually launched (the newest nodes give way).
    pub fn launch(&mut self) {
        for i in 0..self.nodes.len() {
            if !self.nodes[i].alive || self.nodes[i].fixed {
                continue;
            }
            let spot = self.nodes[i].spot;
            let types = self.types;
            if let Some(&best) = self.nodes[i].types.iter().min_by(|&&a, &&b| {
                let (ta, tb) = (&types[usize::from(a)], &types[usize::from(b)]);
                ta.price(spot)
                    .total_cmp(&tb.price(spot))
                    .then_with(|| ta.name.cmp(&tb.name))
            }) {
                let mut node = self.nodes[i].clone();
                node.types = vec![best];
                node.fixed = true;
                self.refresh(&mut node);
                self.nodes[i] = node;
            }
        }
        let mut used = vec![(0u64, 0u64, 0u64, 0u64); self.pools.len()];
        for i in 0..self.nodes.len() {
            if !self.nodes[i].alive {
                continue;
            }
            let p = usize::from(self.nodes[i].pool);
            let Some(&t) = self.nodes[i].types.first() else {
                continue;
            };
            let (c, m, g) = self.capacity(t);
            let u = used[p];
            if self.pools[p].limits.admit(u, (c, m, g)) {
                used[p] = (u.0 + c, u.1 + m, u.2 + g, u.3 + 1);
            } else {
                self.nodes[i].alive = false;
                for (g, n) in self.nodes[i].groups.clone() {
                    self.pend(usize::from(g), Pending::Limits, n);
                }
            }
        }
        self.launched = used.iter().map(|u| u.3 as u32).collect();
        self.pool_used = used;
    }

    /// Take `n` pods of group `g` off the nodes, newest node first.
    pub fn shrink_group(&mut self, g: u16, mut n: u32) {
        let group = &self.groups[usize::from(g)];
        for node in self.nodes.iter_mut().rev().filter(|x| x.alive) {
            if n == 0 {
                break;
            }
            let Some(at) = node.groups.iter().position(|&(x, _)| x == g) else {
                continue;
            };
            let take = node.groups[at].1.min(n);
            n -= take;
            node.groups[at].1 -= take;
            if node.groups[at].1 == 0 {
                node.groups.remove(at);
            }
            node.cpu -= u64::from(group.cpu_m) * u64::from(take);
            node.mem -= u64::from(group.mem_mib) * u64::from(take);
            node.gpus -= group.gpus * take;
            node.pods -= take;
            let groups = self.groups;
            node.anti = node
                .groups
                .iter()
                .filter_map(|&(x, _)| groups[usize::from(x)].anti)
                .collect();
            node.anti.sort_unstable();
            node.anti.dedup();
        }
    }

    /// Remove every pod of group `g` (a workload scaled to zero).
    pub fn remove_group(&mut self, g: u16) {
        for node in &mut self.nodes {
            if let Some(at) = node.groups.iter().position(|&(x, _)| x == g) {
                let (_, n) = node.groups.remove(at);
                let group = &self.groups[usize::from(g)];
                node.cpu -= u64::from(group.cpu_m) * u64::from(n);
                node.mem -= u64::from(group.mem_mib) * u64::from(n);
                node.gpus -= group.gpus * n;
                node.pods -= n;
                let groups = self.groups;
                node.anti = node
                    .groups
                    .iter()
                    .filter_map(|&(x, _)| groups[usize::from(x)].anti)
                    .collect();
                node.anti.sort_unstable();
                node.anti.dedup();
            }
        }
    }

    /// The free capacity of node `j` as launched.
    fn free(&self, j: usize) -> Free {
        let n = &self.nodes[j];
        let t = &self.types[usize::from(n.types.first().copied().unwrap_or(0))];
        let pool = &self.pools[usize::from(n.pool)];
        (
            u64::from(t.cpu_m.saturating_sub(pool.overhead.cpu_m)).saturating_sub(n.cpu),
            u64::from(t.mem_mib.saturating_sub(pool.overhead.mem_mib)).saturating_sub(n.mem),
            t.gpus.saturating_sub(n.gpus),
            t.pods(pool.prefix_delegation)
                .saturating_sub(pool.overhead.pods)
                .saturating_sub(n.pods),
        )
    }

    /// Can every pod of node `i` move to the other nodes as they are?
    /// Returns the moves (`group, to node`) when they can, with `free`
    /// updated for them; otherwise leaves `free` as it was.
    fn evacuate(&self, i: usize, free: &mut [Free]) -> Option<Vec<(u16, usize)>> {
        let mut moves: Vec<(u16, usize)> = Vec::new();
        let mut pods: Vec<u16> = self.nodes[i]
            .groups
            .iter()
            .flat_map(|&(g, n)| std::iter::repeat_n(g, n as usize))
            .collect();
        pods.sort_by_key(|&g| {
            std::cmp::Reverse((
                self.groups[usize::from(g)].cpu_m,
                self.groups[usize::from(g)].mem_mib,
            ))
        });
        let source_zone = self.nodes[i].zone;
        let groups = self.groups;
        for g in pods {
            let group = &groups[usize::from(g)];
            let (cpu, mem) = (u64::from(group.cpu_m), u64::from(group.mem_mib));
            let target = self.order.iter().copied().find(|&j| {
                let f = free[j];
                if f.0 < cpu || f.1 < mem || f.2 < group.gpus || f.3 < 1 || j == i {
                    return false;
                }
                let n = &self.nodes[j];
                if !n.alive {
                    return false;
                }
                let Some(placement) = group.placements.iter().find(|p| p.pool == n.pool) else {
                    return false;
                };
                let t = usize::from(n.types.first().copied().unwrap_or(0));
                placement.types[t]
                    && (n.spot && placement.spot || !n.spot && placement.on_demand)
                    && !group.anti.is_some_and(|k| {
                        n.anti.contains(&k)
                            || moves
                                .iter()
                                .any(|&(g2, j2)| j2 == j && groups[usize::from(g2)].anti == Some(k))
                    })
                    && (group.spread.is_none() && group.affinity.is_none() || n.zone == source_zone)
                    && (placement.zones.is_empty()
                        || n.zone.is_some_and(|z| placement.zones.contains(&z)))
            });
            let Some(target) = target else {
                for &(g, j) in &moves {
                    let group = &groups[usize::from(g)];
                    let f = &mut free[j];
                    f.0 += u64::from(group.cpu_m);
                    f.1 += u64::from(group.mem_mib);
                    f.2 += group.gpus;
                    f.3 += 1;
                }
                return None;
            };
            let f = &mut free[target];
            f.0 -= cpu;
            f.1 -= mem;
            f.2 -= group.gpus;
            f.3 -= 1;
            moves.push((g, target));
        }
        Some(moves)
    }

    /// The cheapest type of node `i`'s pool that holds its pods, if cheaper
    /// than what it runs.
    fn cheaper_replacement(&self, i: usize) -> Option<u16> {
        let n = &self.nodes[i];
        let pool = &self.pools[usize::from(n.pool)];
        let current = self.types[usize::from(*n.types.first()?)].price(n.spot);
        pool.types
            .iter()
            .copied()
            .filter(|&t| {
                n.groups.iter().all(|&(g, _)| {
                    self.groups[usize::from(g)]
                        .placements
                        .iter()
                        .find(|p| p.pool == n.pool)
                        .is_some_and(|p| p.types[usize::from(t)])
                }) && self.type_fits(pool, t, n.cpu, n.mem, n.gpus, n.pods)
            })
            .min_by(|&a, &b| {
                let (ta, tb) = (&self.types[usize::from(a)], &self.types[usize::from(b)]);
                ta.price(n.spot)
                    .total_cmp(&tb.price(n.spot))
                    .then_with(|| ta.name.cmp(&tb.name))
            })
            .filter(|&t| self.types[usize::from(t)].price(n.spot) < current - 1e-12)
    }

    /// One consolidation pass over the launched nodes, fewest pods first.
    pub fn consolidate(&mut self) {
        let mut candidates: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].alive)
            .collect();
        let price =
            |n: &Node| self.types[usize::from(n.types.first().copied().unwrap_or(0))].price(n.spot);
        candidates.sort_by(|&a, &b| {
            let (na, nb) = (&self.nodes[a], &self.nodes[b]);
            na.pods
                .cmp(&nb.pods)
                .then(price(nb).total_cmp(&price(na)))
                .then(a.cmp(&b))
        });
        // Each pool's cost and disruption, taken once for the pass (as
        // Karpenter snapshots them once per cycle).
        let mut totals = vec![(0.0_f64, 0.0_f64); self.pools.len()];
        for n in self.nodes.iter().filter(|n| n.alive) {
            let t = &mut totals[usize::from(n.pool)];
            t.0 += price(n);
            t.1 += 1.0 + f64::from(n.pods);
        }
        let mut free: Vec<Free> = (0..self.nodes.len()).map(|j| self.free(j)).collect();
        for i in candidates {
            let p = usize::from(self.nodes[i].pool);
            let policy = self.pools[p].consolidation;
            if policy == Consolidation::Never || !self.nodes[i].alive {
                continue;
            }
            let node_price = price(&self.nodes[i]);
            let disruption = 1.0 + f64::from(self.nodes[i].pods);
            let (pool_cost, pool_disruption) = totals[p];
            let worth = |savings: f64| {
                policy != Consolidation::Balanced
                    || balanced_accepts(savings, disruption, pool_cost, pool_disruption)
            };
            if self.nodes[i].pods == 0 {
                if worth(node_price) {
                    self.nodes[i].alive = false;
                    self.deleted += 1;
                } else {
                    self.declined += 1;
                }
                continue;
            }
            if policy == Consolidation::WhenEmpty {
                continue;
            }
            if !worth(node_price) {
                // Even deleting the node outright (the best move) is not
                // worth it; no replacement can be.
                self.declined += 1;
                continue;
            }
            if let Some(moves) = self.evacuate(i, &mut free) {
                for (g, j) in moves {
                    let group = &self.groups[usize::from(g)];
                    let (cpu, mem, gpus) =
                        (u64::from(group.cpu_m), u64::from(group.mem_mib), group.gpus);
                    let target = &mut self.nodes[j];
                    target.cpu += cpu;
                    target.mem += mem;
                    target.gpus += gpus;
                    target.pods += 1;
                    target.add_group(g, 1);
                    if let Some(k) = group.anti
                        && !target.anti.contains(&k)
                    {
                        target.anti.push(k);
                    }
                }
                self.nodes[i].alive = false;
                self.deleted += 1;
            } else if let Some(t) = self.cheaper_replacement(i) {
                let savings = node_price - self.types[usize::from(t)].price(self.nodes[i].spot);
                if !worth(savings) {
                    self.declined += 1;
                    continue;
                }
                let mut node = self.nodes[i].clone();
                node.types = vec![t];
                self.refresh(&mut node);
                self.nodes[i] = node;
                free[i] = self.free(i);
                self.replaced += 1;
            }
        }
    }

    /// The result.
    pub fn finish(mut self) -> Outcome {
        self.pending.sort();
        Outcome {
            nodes: self
                .nodes
                .into_iter()
                .filter(|n| n.alive)
                .filter_map(|n| {
                    Some(SimNode {
                        pool: n.pool,
                        type_index: *n.types.first()?,
                        spot: n.spot,
                        zone: n.zone,
                        groups: n.groups,
                        cpu_m: n.cpu,
                        mem_mib: n.mem,
                    })
                })
                .collect(),
            pending: self.pending,
            deleted: self.deleted,
            replaced: self.replaced,
            launched: self.launched,
            declined: self.declined,
        }
    }
}

/// Scale every group down to `keep` (0–1) of its pods, taking them off the
/// newest nodes first, then consolidate: the fleet in a trough after the
/// peak it was launched for.
pub fn run_through_trough(
    types: &[SimType],
    pools: &[SimPool],
    groups: &[PodGroup],
    zones: usize,
    keep: f64,
) -> Outcome {
    let mut sim = Simulation::new(types, pools, groups, zones);
    sim.provision();
    sim.launch();
    sim.consolidate();
    for g in 0..groups.len() {
        let placed: u32 = sim
            .nodes
            .iter()
            .filter(|n| n.alive)
            .flat_map(|n| &n.groups)
            .filter(|(x, _)| usize::from(*x) == g)
            .map(|(_, c)| c)
            .sum();
        let target = (f64::from(placed) * keep).ceil() as u32;
        sim.shrink_group(g as u16, placed.saturating_sub(target));
    }
    sim.deleted = 0;
    sim.replaced = 0;
    sim.declined = 0;
    sim.consolidate();
    sim.finish()
}

/// Provision, launch and consolidate once.
pub fn run(types: &[SimType], pools: &[SimPool], groups: &[PodGroup], zones: usize) -> Outcome {
    let mut sim = Simulation::new(types, pools, groups, zones);
    sim.provision();
    sim.launch();
    sim.consolidate();
    sim.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A type with `cpu` vCPU and `mem` GiB fully allocatable, $`price`/h.
    fn ty(name: &str, cpu: u32, mem: u32, price: f64) -> SimType {
        SimType {
            name: name.into(),
            cpu_m: cpu * 1000,
            mem_mib: mem * 1024,
            pods_pd: 110,
            pods_eni: 110,
            gpus: 0,
            arch: 1,
            on_demand: price,
            spot: price * 0.4,
            exotic: false,
            vcpu: cpu,
            memory_mib: mem * 1024,
        }
    }

    /// The benchmark's pool over every type, named `name`.
    fn pool(name: &str, types: &[SimType]) -> SimPool {
        SimPool {
            name: name.into(),
            ..crate::cost::mix::pool(types.len())
        }
    }

    fn pods(
        name: &str,
        count: u32,
        cpu_m: u32,
        mem_mib: u32,
        pools: &[u16],
        types: usize,
    ) -> PodGroup {
        PodGroup {
            name: name.into(),
            count,
            cpu_m,
            mem_mib,
            gpus: 0,
            spread: None,
            anti: None,
            affinity: None,
            placements: pools
                .iter()
                .map(|&p| Placement {
                    pool: p,
                    types: vec![true; types],
                    on_demand: true,
                    spot: false,
                    zones: Vec::new(),
                })
                .collect(),
        }
    }

    fn names<'t>(o: &Outcome, types: &'t [SimType]) -> Vec<&'t str> {
        let mut v: Vec<&str> = o
            .nodes
            .iter()
            .map(|n| types[usize::from(n.type_index)].name.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    fn catalog() -> Vec<SimType> {
        vec![
            ty("small", 2, 4, 0.10),
            ty("medium", 4, 8, 0.19),
            ty("large", 8, 16, 0.37),
            ty("xlarge", 16, 32, 0.74),
        ]
    }

    #[test]
    fn the_cheapest_fitting_type_wins() {
        let types = vec![
            ty("pricey", 4, 8, 0.50),
            ty("cheap", 4, 8, 0.20),
            ty("big", 8, 16, 0.30),
        ];
        let pools = [pool("p", &types)];
        // 3 vCPU fits all three; the cheapest is launched.
        let o = run(
            &types,
            &pools,
            &[pods("a", 1, 3000, 1024, &[0], types.len())],
            1,
        );
        assert_eq!(names(&o, &types), ["cheap"]);
        // 6 vCPU fits only `big`.
        let o = run(
            &types,
            &pools,
            &[pods("a", 1, 6000, 1024, &[0], types.len())],
            1,
        );
        assert_eq!(names(&o, &types), ["big"]);
    }

    #[test]
    fn daemonset_overhead_reduces_capacity() {
        let types = catalog();
        let mut p = pool("p", &types);
        let group = [pods("a", 4, 1000, 1024, &[0], types.len())];
        // Four 1-vCPU pods fit `medium` exactly.
        let o = run(&types, std::slice::from_ref(&p), &group, 1);
        assert_eq!(names(&o, &types), ["medium"]);
        // A 500m DaemonSet no longer leaves room: a bigger type, or two.
        p.overhead = Overhead {
            cpu_m: 500,
            mem_mib: 256,
            pods: 1,
        };
        let o = run(&types, &[p], &group, 1);
        assert_eq!(o.pods(), 4);
        assert!(o.hourly(&types) > 0.19 + 1e-9, "{:?}", names(&o, &types));
    }

    #[test]
    fn a_tainted_pool_only_takes_pods_that_tolerate_it() {
        let types = catalog();
        // Pool 0 is `system` (tainted): the ordinary pods have no placement
        // there; pool 1 is general-purpose.
        let pools = [pool("system", &types), pool("general-purpose", &types)];
        let ordinary = pods("app", 3, 1000, 1024, &[1], types.len());
        let addon = pods("addon", 1, 500, 512, &[0], types.len());
        let o = run(&types, &pools, &[ordinary, addon], 1);
        for n in &o.nodes {
            let on_system = n.pool == 0;
            let has_app = n.groups.iter().any(|&(g, _)| g == 0);
            assert!(
                !(on_system && has_app),
                "an ordinary pod landed on the tainted pool"
            );
        }
        assert_eq!(o.pods(), 4);
        // With no untainted pool, ordinary pods stay pending.
        let o = run(
            &types,
            &pools[..1],
            &[pods("app", 2, 1000, 1024, &[], types.len())],
            1,
        );
        assert_eq!(o.pending, vec![(0, Pending::NoNodePool, 2)]);
    }

    #[test]
    fn limits_stop_provisioning() {
        let types = vec![ty("medium", 4, 8, 0.19)];
        let mut p = pool("p", &types);
        p.limits.cpu_m = Some(8000);
        // Twenty 1-vCPU pods want five nodes; the limit allows two.
        let o = run(&types, &[p], &[pods("a", 20, 1000, 1024, &[0], 1)], 1);
        assert_eq!(o.nodes.len(), 2);
        assert_eq!(o.pods(), 8);
        assert_eq!(o.pending, vec![(0, Pending::Limits, 12)]);
    }

    #[test]
    fn zone_spread_puts_nodes_in_every_zone() {
        let types = catalog();
        let mut g = pods("web", 6, 2000, 2048, &[0], types.len());
        g.spread = Some(0);
        let o = run(&types, &[pool("p", &types)], &[g], 3);
        let mut per_zone = [0u32; 3];
        for n in &o.nodes {
            let z = n.zone.expect("spread pods pin their node's zone");
            per_zone[usize::from(z)] += n.groups.iter().map(|&(_, c)| c).sum::<u32>();
        }
        assert_eq!(per_zone, [2, 2, 2]);
        assert!(o.nodes.len() >= 3);
    }

    #[test]
    fn zone_affinity_keeps_pods_together() {
        let types = catalog();
        let mut g = pods("db", 5, 4000, 4096, &[0], types.len());
        g.affinity = Some(0);
        let o = run(&types, &[pool("p", &types)], &[g], 3);
        let zones: std::collections::BTreeSet<_> = o.nodes.iter().map(|n| n.zone).collect();
        assert_eq!(zones.len(), 1, "{zones:?}");
        assert!(zones.iter().all(Option::is_some));
    }

    #[test]
    fn anti_affinity_gives_one_pod_per_node() {
        let types = catalog();
        let mut g = pods("kafka", 4, 500, 512, &[0], types.len());
        g.anti = Some(0);
        let o = run(&types, &[pool("p", &types)], &[g], 1);
        assert_eq!(o.nodes.len(), 4);
        assert!(o.nodes.iter().all(|n| n.groups == vec![(0, 1)]));
        // Other pods may still share those nodes.
        let mut g = pods("kafka", 4, 500, 512, &[0], types.len());
        g.anti = Some(0);
        let filler = pods("app", 4, 500, 512, &[0], types.len());
        let o = run(&types, &[pool("p", &types)], &[g, filler], 1);
        assert_eq!(o.nodes.len(), 4);
    }

    #[test]
    fn consolidation_removes_an_emptied_node() {
        let types = catalog();
        let pools = [pool("p", &types)];
        let mut a = pods("a", 2, 1500, 1024, &[0], types.len());
        a.anti = Some(0);
        let mut b = pods("b", 2, 1500, 1024, &[0], types.len());
        b.anti = Some(1);
        let groups = [a, b];
        let mut sim = Simulation::new(&types, &pools, &groups, 1);
        sim.provision();
        sim.launch();
        let before = sim.nodes.iter().filter(|n| n.alive).count();
        assert_eq!(before, 2);
        // Workload b scales to zero: its nodes keep a's pods... then a too.
        sim.remove_group(1);
        sim.remove_group(0);
        sim.consolidate();
        let o = sim.finish();
        assert!(o.nodes.is_empty());
        assert_eq!(o.deleted, 2);
    }

    #[test]
    fn consolidation_moves_pods_off_an_underused_node() {
        let types = catalog();
        let pools = [pool("p", &types)];
        let big = pods("big", 3, 3000, 2048, &[0], types.len());
        let small = pods("small", 3, 200, 256, &[0], types.len());
        let groups = [big, small];
        let mut sim = Simulation::new(&types, &pools, &groups, 1);
        sim.provision();
        sim.launch();
        let launched = sim.nodes.iter().filter(|n| n.alive).count();
        // Scale `big` to zero: `small`'s pods fit on one node.
        sim.remove_group(0);
        sim.consolidate();
        let o = sim.finish();
        assert!(o.nodes.len() < launched || o.replaced > 0, "{o:?}");
        assert_eq!(o.pods(), 3);
    }

    #[test]
    fn spot_pods_run_on_spot_and_others_stay_on_demand() {
        let types = catalog();
        let mut p = pool("mixed", &types);
        p.spot = true;
        let mut batch = pods("batch", 4, 1000, 1024, &[0], types.len());
        batch.placements[0].spot = true;
        let web = pods("web", 2, 1000, 1024, &[0], types.len());
        let o = run(&types, &[p], &[batch, web], 1);
        for n in &o.nodes {
            for &(g, _) in &n.groups {
                if g == 1 {
                    assert!(!n.spot, "web must not run on spot");
                }
            }
        }
        assert!(o.nodes.iter().any(|n| n.spot));
    }

    #[test]
    fn static_pools_keep_their_nodes_and_pools_go_by_weight() {
        let types = catalog();
        let mut fixed = pool("fixed", &types);
        fixed.static_nodes = Some(2);
        fixed.consolidation = Consolidation::Never;
        let o = run(&types, &[fixed], &[], 1);
        assert_eq!(o.nodes.len(), 2, "static nodes stay even when empty");
        // Pools are tried in order: the first that fits wins.
        let first = pool("first", &types[..1]);
        let second = pool("second", &types);
        let groups = [pods("a", 1, 1000, 1024, &[0, 1], types.len())];
        let o = run(&types, &[first, second], &groups, 1);
        assert_eq!(o.nodes[0].pool, 0);
    }

    #[test]
    fn oversized_pods_are_reported() {
        let types = catalog();
        let o = run(
            &types,
            &[pool("p", &types)],
            &[pods("huge", 1, 64_000, 1024, &[0], types.len())],
            1,
        );
        assert_eq!(o.pending, vec![(0, Pending::TooLarge, 1)]);
        assert!(o.nodes.is_empty());
    }

    /// The cheapest way to pack `n` identical pods onto nodes, by brute
    /// force over how many pods each node type takes.
    fn brute_force(types: &[SimType], n: u32, cpu_m: u32, mem_mib: u32) -> f64 {
        let per_node: Vec<(u32, f64)> = types
            .iter()
            .map(|t| {
                (
                    (t.cpu_m / cpu_m).min(t.mem_mib / mem_mib).min(110),
                    t.on_demand,
                )
            })
            .filter(|&(k, _)| k > 0)
            .collect();
        // best[k] = cheapest cost for k pods.
        let mut best = vec![f64::INFINITY; n as usize + 1];
        best[0] = 0.0;
        for k in 1..=n as usize {
            for &(cap, price) in &per_node {
                let prev = k.saturating_sub(cap as usize);
                best[k] = best[k].min(best[prev] + price);
            }
        }
        best[n as usize]
    }

    #[test]
    fn small_cases_match_the_brute_force_optimum() {
        // Real us-east-1 shapes (allocatable after Karpenter's reservations).
        let types = vec![
            SimType {
                cpu_m: 1930,
                mem_mib: 6903,
                ..ty("m5.large", 2, 8, 0.096)
            },
            SimType {
                cpu_m: 3920,
                mem_mib: 14162,
                ..ty("m5.xlarge", 4, 16, 0.192)
            },
            SimType {
                cpu_m: 7910,
                mem_mib: 29317,
                ..ty("m5.2xlarge", 8, 32, 0.384)
            },
            SimType {
                cpu_m: 1930,
                mem_mib: 3099,
                ..ty("c5.large", 2, 4, 0.085)
            },
            SimType {
                cpu_m: 3920,
                mem_mib: 6584,
                ..ty("c5.xlarge", 4, 8, 0.17)
            },
            SimType {
                cpu_m: 7910,
                mem_mib: 14162,
                ..ty("c5.2xlarge", 8, 16, 0.34)
            },
        ];
        let pools = [pool("p", &types)];
        for (n, cpu, mem) in [
            (10, 1000, 2048),
            (7, 500, 512),
            (5, 1500, 3072),
            (12, 250, 4096),
            (3, 3500, 1024),
        ] {
            let o = run(
                &types,
                &pools,
                &[pods("w", n, cpu, mem, &[0], types.len())],
                1,
            );
            assert_eq!(o.pods(), u64::from(n));
            let got = o.hourly(&types);
            let optimum = brute_force(&types, n, cpu, mem);
            assert!(got + 1e-9 >= optimum, "below the optimum?");
            assert!(
                got <= optimum * 1.5 + 1e-9,
                "{n} × {cpu}m/{mem}Mi: simulated ${got:.3}/h vs optimum ${optimum:.3}/h"
            );
            if (n, cpu, mem) == (10, 1000, 2048) {
                // 10 pods of 1 vCPU / 2 GiB: the optimum is exact.
                assert!((got - optimum).abs() < 1e-9, "{got} vs {optimum}");
            }
        }
    }

    #[test]
    fn balanced_scores_moves_by_saving_and_disruption() {
        // Hand-computed (designs/balanced-consolidation.md, k = 2): a pool
        // of two nodes, $1.00/h with 10 pods (disruption 11) and $0.20/h
        // with 1 pod (disruption 2): $1.20/h and 13 in total.
        // Deleting the small node: (0.2/1.2) / (2/13) = 1.083 >= 0.5.
        assert!(balanced_accepts(0.2, 2.0, 1.2, 13.0));
        // Replacing the big node by a $0.90 type: (0.1/1.2) / (11/13)
        // = 0.098 < 0.5.
        assert!(!balanced_accepts(0.1, 11.0, 1.2, 13.0));
        // On the threshold: saving 25% of the cost for 50% of the
        // disruption scores exactly 0.5 and passes; a little less does not.
        assert!(balanced_accepts(0.25, 2.0, 1.0, 4.0));
        assert!(!balanced_accepts(0.24, 2.0, 1.0, 4.0));
        // Deleting the only node of a pool scores 1.
        assert!(balanced_accepts(0.4, 3.0, 0.4, 3.0));
        // No saving, no move.
        assert!(!balanced_accepts(0.0, 1.0, 1.0, 1.0));
    }

    /// Two 8-vCPU nodes: one full, one left with ten 100m pods after a
    /// workload scales to zero. Their pods cannot move (the full node has
    /// no room), so the only move is replacing the second node, $0.40/h,
    /// by a 2-vCPU type at $0.10/h: a saving of $0.30 of $0.80/h (0.375)
    /// for a disruption of 11 of 13 (0.846), a score of 0.443.
    fn balanced_case(policy: Consolidation) -> Outcome {
        let types = vec![ty("small", 2, 4, 0.10), ty("big", 8, 16, 0.40)];
        let mut p = pool("p", &types);
        p.consolidation = policy;
        let pools = [p];
        let groups = [
            pods("full", 1, 8000, 1024, &[0], types.len()),
            pods("gone", 1, 6000, 1024, &[0], types.len()),
            pods("small", 10, 100, 128, &[0], types.len()),
        ];
        let mut sim = Simulation::new(&types, &pools, &groups, 1);
        sim.provision();
        sim.launch();
        sim.remove_group(1);
        sim.consolidate();
        sim.finish()
    }

    #[test]
    fn balanced_declines_what_when_underutilized_takes() {
        let types = vec![ty("small", 2, 4, 0.10), ty("big", 8, 16, 0.40)];
        let eager = balanced_case(Consolidation::WhenUnderutilized);
        assert_eq!((eager.replaced, eager.declined), (1, 0));
        assert!((eager.hourly(&types) - 0.50).abs() < 1e-9);
        let balanced = balanced_case(Consolidation::Balanced);
        assert_eq!((balanced.replaced, balanced.deleted), (0, 0));
        assert_eq!(balanced.declined, 1);
        assert!((balanced.hourly(&types) - 0.80).abs() < 1e-9);
        let empty_only = balanced_case(Consolidation::WhenEmpty);
        assert_eq!((empty_only.replaced, empty_only.declined), (0, 0));
        assert_eq!(empty_only.launched, vec![2]);
    }

    #[test]
    fn balanced_still_deletes_a_node_whose_pods_fit_elsewhere() {
        // Three nodes; two workloads scale to zero and leave one 200m pod
        // on each. Deleting a node saves 1/3 of the pool's cost for 2/6 of
        // its disruption (1 per node plus 1 per pod), a score of 1: taken
        // twice, and the last node keeps all three pods.
        let types = vec![ty("node", 4, 8, 0.20)];
        let mut p = pool("p", &types);
        p.consolidation = Consolidation::Balanced;
        let mut a = pods("a", 3, 1200, 1024, &[0], 1);
        a.anti = Some(0);
        let mut b = pods("b", 3, 1200, 1024, &[0], 1);
        b.anti = Some(1);
        let c = pods("c", 3, 200, 256, &[0], 1);
        let pools = [p];
        let groups = [a, b, c];
        let mut sim = Simulation::new(&types, &pools, &groups, 1);
        sim.provision();
        sim.launch();
        assert_eq!(sim.nodes.iter().filter(|n| n.alive).count(), 3);
        sim.remove_group(0);
        sim.remove_group(1);
        sim.consolidate();
        let o = sim.finish();
        assert!(o.deleted >= 2, "{o:?}");
        assert_eq!(o.pods(), 3);
    }
}
