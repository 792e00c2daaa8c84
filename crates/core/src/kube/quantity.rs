//! Resource quantities (`250m`, `1.5Gi`, `2`) and resource lists
//! (`requests`, `limits`, `allocatable`).

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::validate::syntax::quantity;

/// A quantity as kubectl writes it: a string (`"250m"`), or a bare number
/// in hand-written input.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quantity(pub(crate) String);

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Quantity;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a quantity such as \"250m\" or \"1Gi\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Quantity, E> {
                Ok(Quantity(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Quantity, E> {
                Ok(Quantity(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Quantity, E> {
                Ok(Quantity(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Quantity, E> {
                Ok(Quantity(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Wire form of a resource list: resource name → quantity.
pub(crate) type ResourceListW = BTreeMap<String, Quantity>;

/// Well-known GPU and accelerator resource names, counted in
/// [`Resources::gpus`].
pub const GPU_RESOURCES: &[&str] = &["nvidia.com/gpu", "amd.com/gpu"];

/// A set of resource amounts: what a pod requests or a node offers.
///
/// CPU is in millicores (rounded up), memory and storage in bytes; every
/// other resource (GPUs, `aws.amazon.com/neuron`, `vpc.amazonaws.com/pod-eni`,
/// hugepages...) is a whole count in [`Resources::extended`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    /// CPU, millicores.
    pub cpu_m: u64,
    /// Memory, bytes.
    pub memory_bytes: u64,
    /// `ephemeral-storage`, bytes.
    pub ephemeral_storage_bytes: u64,
    /// `pods` (only on nodes: how many pods the node takes).
    pub pods: u64,
    /// Every other resource, by name (rounded up to whole units).
    pub extended: BTreeMap<String, u64>,
}

impl Resources {
    /// Read a wire resource list. Quantities that do not parse are returned
    /// by name in the second value and count as zero.
    pub(crate) fn from_wire(list: &ResourceListW) -> (Resources, Vec<String>) {
        let mut r = Resources::default();
        let mut bad = Vec::new();
        for (name, q) in list {
            let Some(v) = quantity(&q.0).filter(|v| v.is_finite() && *v >= 0.0) else {
                bad.push(format!("{name}: {:?}", q.0));
                continue;
            };
            match name.as_str() {
                "cpu" => r.cpu_m = to_u64((v * 1000.0).ceil()),
                "memory" => r.memory_bytes = to_u64(v.ceil()),
                "ephemeral-storage" => r.ephemeral_storage_bytes = to_u64(v.ceil()),
                "pods" => r.pods = to_u64(v.ceil()),
                other => {
                    r.extended.insert(other.to_owned(), to_u64(v.ceil()));
                }
            }
        }
        (r, bad)
    }

    /// GPUs of the well-known kinds ([`GPU_RESOURCES`]).
    pub fn gpus(&self) -> u64 {
        GPU_RESOURCES
            .iter()
            .filter_map(|g| self.extended.get(*g))
            .sum()
    }

    /// Memory in MiB, rounded up.
    pub fn memory_mib(&self) -> u64 {
        self.memory_bytes.div_ceil(1024 * 1024)
    }

    /// Whether nothing is set.
    pub fn is_zero(&self) -> bool {
        self.cpu_m == 0
            && self.memory_bytes == 0
            && self.ephemeral_storage_bytes == 0
            && self.pods == 0
            && self.extended.values().all(|v| *v == 0)
    }

    /// Element-wise sum.
    pub fn add(&mut self, other: &Resources) {
        self.cpu_m = self.cpu_m.saturating_add(other.cpu_m);
        self.memory_bytes = self.memory_bytes.saturating_add(other.memory_bytes);
        self.ephemeral_storage_bytes = self
            .ephemeral_storage_bytes
            .saturating_add(other.ephemeral_storage_bytes);
        self.pods = self.pods.saturating_add(other.pods);
        for (k, v) in &other.extended {
            let e = self.extended.entry(k.clone()).or_insert(0);
            *e = e.saturating_add(*v);
        }
    }

    /// Element-wise maximum.
    pub fn max_with(&mut self, other: &Resources) {
        self.cpu_m = self.cpu_m.max(other.cpu_m);
        self.memory_bytes = self.memory_bytes.max(other.memory_bytes);
        self.ephemeral_storage_bytes = self
            .ephemeral_storage_bytes
            .max(other.ephemeral_storage_bytes);
        self.pods = self.pods.max(other.pods);
        for (k, v) in &other.extended {
            let e = self.extended.entry(k.clone()).or_insert(0);
            *e = (*e).max(*v);
        }
    }
}

fn to_u64(v: f64) -> u64 {
    if v >= u64::MAX as f64 {
        u64::MAX
    } else {
        v as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(pairs: &[(&str, &str)]) -> ResourceListW {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Quantity((*v).to_owned())))
            .collect()
    }

    #[test]
    fn reads_units() {
        let (r, bad) = Resources::from_wire(&list(&[
            ("cpu", "250m"),
            ("memory", "1.5Gi"),
            ("ephemeral-storage", "10G"),
            ("pods", "110"),
            ("nvidia.com/gpu", "1"),
        ]));
        assert!(bad.is_empty());
        assert_eq!(r.cpu_m, 250);
        assert_eq!(r.memory_bytes, 1_610_612_736);
        assert_eq!(r.ephemeral_storage_bytes, 10_000_000_000);
        assert_eq!(r.pods, 110);
        assert_eq!(r.gpus(), 1);
        let (r, _) = Resources::from_wire(&list(&[("cpu", "1.5"), ("memory", "100Mi")]));
        assert_eq!((r.cpu_m, r.memory_mib()), (1500, 100));
    }

    #[test]
    fn bad_quantities_are_named() {
        let (r, bad) = Resources::from_wire(&list(&[("cpu", "lots"), ("memory", "-1Gi")]));
        assert_eq!(r, Resources::default());
        assert_eq!(bad.len(), 2);
        assert!(bad[0].contains("cpu"));
    }

    #[test]
    fn sum_and_max() {
        let (a, _) = Resources::from_wire(&list(&[("cpu", "1"), ("memory", "1Gi")]));
        let (b, _) = Resources::from_wire(&list(&[("cpu", "2"), ("x/y", "3")]));
        let mut s = a.clone();
        s.add(&b);
        assert_eq!(s.cpu_m, 3000);
        assert_eq!(s.extended["x/y"], 3);
        let mut m = a;
        m.max_with(&b);
        assert_eq!((m.cpu_m, m.memory_bytes), (2000, 1 << 30));
    }
}
