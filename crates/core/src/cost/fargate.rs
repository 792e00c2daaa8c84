//! The same pods on EKS Fargate: each pod is billed for its requests plus
//! 256 MB for the node agents, rounded up to an allowed size
//! (EKS user guide, "Fargate pod configuration").

/// Allowed (vCPU, memory GB from, to, step).
const SIZES: &[(f64, f64, f64, f64)] = &[
    (0.25, 0.5, 2.0, 0.5),
    (0.5, 1.0, 4.0, 1.0),
    (1.0, 2.0, 8.0, 1.0),
    (2.0, 4.0, 16.0, 1.0),
    (4.0, 8.0, 30.0, 1.0),
    (8.0, 16.0, 60.0, 4.0),
    (16.0, 32.0, 120.0, 8.0),
];

/// Memory Fargate adds for kubelet, kube-proxy and containerd, GB.
pub const AGENT_OVERHEAD_GB: f64 = 0.25;

/// The size a pod is billed as: `(vCPU, GB)`, or `None` if it is larger than
/// Fargate's largest. A pod without requests runs as 0.25 vCPU / 0.5 GB.
pub fn size(cpu_m: u32, mem_mib: u32) -> Option<(f64, f64)> {
    if cpu_m == 0 && mem_mib == 0 {
        return Some((0.25, 0.5));
    }
    let cpu = f64::from(cpu_m) / 1000.0;
    let mem = f64::from(mem_mib) / 1024.0 + AGENT_OVERHEAD_GB;
    for &(vcpu, from, to, step) in SIZES {
        if vcpu + 1e-9 < cpu || to + 1e-9 < mem {
            continue;
        }
        let mut gb = from;
        while gb + 1e-9 < mem {
            gb += step;
        }
        return Some((vcpu, gb));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_guide_example() {
        // 1 vCPU and 8 GB requested: +256 MB no longer fits 1 vCPU's 8 GB
        // ceiling, so it is billed as 2 vCPU and 9 GB.
        assert_eq!(size(1000, 8192), Some((2.0, 9.0)));
    }

    #[test]
    fn rounding_up() {
        assert_eq!(size(0, 0), Some((0.25, 0.5)));
        assert_eq!(size(100, 100), Some((0.25, 0.5)));
        assert_eq!(size(250, 512), Some((0.25, 1.0)));
        assert_eq!(size(500, 1024), Some((0.5, 2.0)));
        assert_eq!(size(1500, 2048), Some((2.0, 4.0)));
        assert_eq!(size(8000, 58_000), Some((8.0, 60.0)));
        assert_eq!(size(16_000, 130_000), None);
        assert_eq!(size(17_000, 1024), None);
    }
}
