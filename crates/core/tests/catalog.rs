//! The catalog's allocatable CPU, memory and ENI pod limits, recomputed with
//! Karpenter's formulas, equal Karpenter's own published values for every
//! instance type (max pods: the ENI limit) (tests/data/allocatable-us-east-1.csv).

use eksplan_core::catalog::instances;

#[test]
fn allocatable_resources_reproduce_karpenter_for_every_type() {
    let data = include_str!("data/allocatable-us-east-1.csv");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in data.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let Some(t) = instances::find(f[0]) else {
            wrong.push(format!("{} missing from the catalog", f[0]));
            continue;
        };
        let expected: Vec<u32> = f[1..]
            .iter()
            .map(|v| v.parse().unwrap_or(u32::MAX))
            .collect();
        let got = vec![t.alloc_cpu_m, t.alloc_mem_mib, t.eni_pods];
        if got != expected {
            wrong.push(format!(
                "{}: computed {got:?}, Karpenter {expected:?}",
                f[0]
            ));
        }
        checked += 1;
    }
    assert_eq!(checked, 1363);
    assert!(
        wrong.is_empty(),
        "{} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
}
