//! The node view: each node of the simulated fleet as two bars (CPU and
//! memory) filled with its DaemonSets and its pods, the rest unused.
//! Identical nodes share a row.

use eksplan_core::cost::report::{Fleet, FleetNode};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, anchored, err, render, rgb};
use crate::{Chart, ChartError, PALETTE};

const WIDTH: u32 = 640;
const ROW: i32 = 50;
const BAR_X: i32 = 64;
const BAR_W: i32 = 480;
const DAEMONSETS: &str = "#999999";

/// Rows drawn at most; further node kinds are summarised in the caption.
pub const MAX_ROWS: usize = 12;

/// Colour of workload number `i` (grey is kept for DaemonSets).
fn workload_color(i: usize) -> &'static str {
    PALETTE[i % (PALETTE.len() - 1)]
}

/// Nodes that look the same: pool, type, capacity type, zone and pods.
fn same(a: &FleetNode, b: &FleetNode) -> bool {
    a.pool == b.pool
        && a.zone == b.zone
        && a.instance_type == b.instance_type
        && a.capacity_type == b.capacity_type
        && a.pods == b.pods
}

/// The fleet, one row per kind of node.
pub fn nodes(fleet: &Fleet) -> Result<Chart, ChartError> {
    let mut rows: Vec<(&FleetNode, usize)> = Vec::new();
    for n in &fleet.nodes {
        match rows.iter_mut().find(|(r, _)| same(r, n)) {
            Some((_, c)) => *c += 1,
            None => rows.push((n, 1)),
        }
    }
    let mut workloads: Vec<&str> = Vec::new();
    for n in &fleet.nodes {
        for p in &n.pods {
            if !workloads.contains(&p.workload.as_str()) {
                workloads.push(&p.workload);
            }
        }
    }
    let shown = rows.len().min(MAX_ROWS);
    let title = "Nodes with their pods and free capacity".to_owned();
    let height = (ROW * shown.max(1) as i32 + 6) as u32;
    let svg = render(WIDTH, height, &title, |root| {
        if rows.is_empty() {
            root.draw(&Text::new(
                "No nodes: the plan has no pods to place.",
                (8, 20),
                anchored(12.0, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
        }
        for (k, (node, count)) in rows.iter().take(shown).enumerate() {
            let y = ROW * k as i32 + 4;
            let label = format!(
                "{}{} · NodePool {} · {}{}",
                if *count > 1 {
                    format!("{count} × ")
                } else {
                    String::new()
                },
                node.instance_type,
                node.pool,
                node.capacity_type,
                node.zone
                    .as_deref()
                    .map(|z| format!(" · {z}"))
                    .unwrap_or_default(),
            );
            root.draw(&Text::new(
                label,
                (BAR_X, y + 7),
                anchored(12.0, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
            let bars = [
                (
                    "CPU",
                    node.alloc_cpu_m,
                    node.daemonset_cpu_m,
                    node.used_cpu_m(),
                    true,
                ),
                (
                    "Mem",
                    node.alloc_mem_mib,
                    node.daemonset_mem_mib,
                    node.used_mem_mib(),
                    false,
                ),
            ];
            for (b, (name, alloc, ds, used, cpu)) in bars.into_iter().enumerate() {
                let top = y + 16 + 14 * b as i32;
                root.draw(&Text::new(
                    name,
                    (BAR_X - 6, top + 5),
                    anchored(11.0, HPos::Right, VPos::Center),
                ))
                .map_err(err)?;
                let scale =
                    |v: u64| (v as f64 / f64::from(alloc.max(1)) * f64::from(BAR_W)).round() as i32;
                let mut x = BAR_X;
                let segment = |x: &mut i32, w: i32, colour: &str| -> Result<(), ChartError> {
                    let end = (*x + w).min(BAR_X + BAR_W);
                    if end > *x {
                        root.draw(&Rectangle::new(
                            [(*x, top), (end, top + 10)],
                            rgb(colour).filled(),
                        ))
                        .map_err(err)?;
                    }
                    *x = end;
                    Ok(())
                };
                segment(&mut x, scale(u64::from(ds)), DAEMONSETS)?;
                for p in &node.pods {
                    let i = workloads.iter().position(|w| *w == p.workload).unwrap_or(0);
                    let per = if cpu { p.cpu_m } else { p.mem_mib };
                    let v = u64::from(per) * u64::from(p.count);
                    segment(&mut x, scale(v), workload_color(i))?;
                }
                // The whole allocatable, outlined: what is left is unused.
                root.draw(&Rectangle::new(
                    [(BAR_X, top), (BAR_X + BAR_W, top + 10)],
                    AXIS.stroke_width(1),
                ))
                .map_err(err)?;
                let pct = (used as f64 / f64::from(alloc.max(1)) * 100.0).round();
                root.draw(&Text::new(
                    format!("{pct:.0}%"),
                    (BAR_X + BAR_W + 6, top + 5),
                    anchored(11.0, HPos::Left, VPos::Center),
                ))
                .map_err(err)?;
            }
        }
        Ok(())
    })?;
    let kinds = rows.len();
    let mut summary = format!(
        "{} node{} of {} kind{} for {} pods.",
        fleet.nodes.len(),
        if fleet.nodes.len() == 1 { "" } else { "s" },
        kinds,
        if kinds == 1 { "" } else { "s" },
        fleet.pods,
    );
    if kinds > shown {
        let hidden: usize = rows[shown..].iter().map(|(_, c)| c).sum();
        summary += &format!(
            " The first {shown} kinds are drawn; {hidden} more node{} are in the table.",
            if hidden == 1 { " is" } else { "s" }
        );
    }
    let mut legend = vec![("DaemonSets".to_owned(), DAEMONSETS.to_owned())];
    legend.extend(
        workloads
            .iter()
            .enumerate()
            .map(|(i, w)| ((*w).to_owned(), workload_color(i).to_owned())),
    );
    Ok(Chart {
        svg,
        title,
        summary,
        legend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::cost::report::NodePods;

    fn node(t: &str, pods: u32) -> FleetNode {
        FleetNode {
            pool: "general-purpose".into(),
            instance_type: t.into(),
            capacity_type: "on-demand",
            zone: None,
            alloc_cpu_m: 3920,
            alloc_mem_mib: 14_000,
            daemonset_cpu_m: 100,
            daemonset_mem_mib: 128,
            pods: vec![NodePods {
                workload: "web <&>".into(),
                count: pods,
                cpu_m: 500,
                mem_mib: 1024,
            }],
            ec2_hour: 0.172,
            fee_hour: 0.02064,
        }
    }

    #[test]
    fn identical_nodes_share_a_row() {
        let fleet = Fleet {
            nodes: vec![
                node("m5a.xlarge", 7),
                node("m5a.xlarge", 7),
                node("c6a.large", 2),
            ],
            pods: 16,
            consolidated: 0,
            replaced: 0,
        };
        let c = nodes(&fleet).expect("draws");
        assert!(c.svg.contains("2 × m5a.xlarge"), "{}", c.svg);
        assert!(c.svg.contains("c6a.large"));
        // 100m DaemonSets + 7 × 500m of 3920m.
        assert!(c.svg.contains("\n92%\n"), "{}", c.svg);
        assert!(c.summary.starts_with("3 nodes of 2 kinds for 16 pods."));
        assert_eq!(c.legend[0].0, "DaemonSets");
        assert_eq!(c.legend[1].0, "web <&>");
        assert!(!c.svg.contains("<&>"));
    }

    #[test]
    fn many_kinds_are_capped() {
        let fleet = Fleet {
            nodes: (0..20).map(|i| node("m5a.xlarge", i + 1)).collect(),
            pods: 210,
            consolidated: 0,
            replaced: 0,
        };
        let c = nodes(&fleet).expect("draws");
        assert_eq!(c.svg.matches(" · NodePool ").count(), MAX_ROWS);
        assert!(
            c.summary.contains("8 more nodes are in the table"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn an_empty_fleet_says_so() {
        let c = nodes(&Fleet::default()).expect("draws");
        assert!(c.svg.contains("No nodes"));
    }
}
