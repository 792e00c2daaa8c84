//! The node view: each node of the simulated fleet as two bars (CPU and
//! memory) filled with its DaemonSets and its pods, the rest unused.
//! Identical nodes share a row.

use eksplan_core::cost::report::{Fleet, FleetNode};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, Drawing, err, render, rgb, text_width};
use crate::{Chart, ChartError, NARROW_WIDTH, PALETTE, WIDE_WIDTH, fonts};

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

/// Equal nodes, grouped, in order of first appearance.
pub fn rows(fleet: &Fleet) -> Vec<(&FleetNode, usize)> {
    let mut rows: Vec<(&FleetNode, usize)> = Vec::new();
    for n in &fleet.nodes {
        match rows.iter_mut().find(|(r, _)| same(r, n)) {
            Some((_, c)) => *c += 1,
            None => rows.push((n, 1)),
        }
    }
    rows
}

fn workloads(fleet: &Fleet) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for n in &fleet.nodes {
        for p in &n.pods {
            if !out.contains(&p.workload.as_str()) {
                out.push(&p.workload);
            }
        }
    }
    out
}

/// The fleet, one row per kind of node.
pub fn nodes(fleet: &Fleet) -> Result<Chart, ChartError> {
    let title = "Nodes with their pods and free capacity".to_owned();
    let kinds = rows(fleet).len();
    let mut summary = if fleet.nodes.is_empty() {
        "No nodes: the plan has no pods to place.".to_owned()
    } else {
        format!("{} for {} pods.", fleet.summary, fleet.pods)
    };
    if kinds > fleet.types.len() && !fleet.nodes.is_empty() {
        summary += &format!(
            " Nodes of the same type that hold different pods have their own rows ({kinds} rows)."
        );
    }
    if kinds > MAX_ROWS {
        let hidden: usize = rows(fleet)[MAX_ROWS..].iter().map(|(_, c)| c).sum();
        summary += &format!(
            " The first {MAX_ROWS} rows are drawn; {hidden} more node{} in the table.",
            if hidden == 1 { " is" } else { "s are" }
        );
    }
    let mut legend = vec![("DaemonSets".to_owned(), DAEMONSETS.to_owned())];
    legend.extend(
        workloads(fleet)
            .iter()
            .enumerate()
            .map(|(i, w)| ((*w).to_owned(), workload_color(i).to_owned())),
    );
    Ok(Chart {
        svg: draw(fleet, WIDE_WIDTH, &title)?.svg,
        svg_narrow: draw(fleet, NARROW_WIDTH, &title)?.svg,
        title,
        summary,
        legend,
    })
}

/// Shorten `s` to fit `width` at `px`, with an ellipsis.
fn fit(s: &str, width: f64, px: f64) -> String {
    if text_width(s, px) <= width {
        return s.to_owned();
    }
    let keep = ((width / (px * 0.6)) as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// One drawing `width` units wide. Wide: the node's description on one
/// line; narrow: type on one line, pool, capacity and zone on the next.
pub(crate) fn draw(fleet: &Fleet, width: u32, title: &str) -> Result<Drawing, ChartError> {
    let (small, large) = fonts(width);
    let narrow = width <= NARROW_WIDTH;
    let rows = rows(fleet);
    let workloads = workloads(fleet);
    let shown = rows.len().min(MAX_ROWS);
    let pct_w = text_width("100%", small).ceil() as i32 + 8;
    let name_w = text_width("Mem", small).ceil() as i32 + 8;
    let bar_x = name_w + 2;
    let bar_w = width as i32 - bar_x - pct_w;
    let head = if narrow {
        (large + small + 8.0) as i32
    } else {
        (large + 6.0) as i32
    };
    let bar_h = 12;
    let gap = 5;
    let row = head + 2 * bar_h + gap + 14;
    let height = (row * shown.max(1) as i32 + 6) as u32;
    render(width, height, title, |c| {
        if rows.is_empty() {
            c.text(
                "No nodes: no pods to place.",
                (4, 20),
                large,
                HPos::Left,
                VPos::Center,
            )?;
        }
        for (k, (node, count)) in rows.iter().take(shown).enumerate() {
            let y = row * k as i32 + 4;
            let what = format!(
                "{}{}",
                if *count > 1 {
                    format!("{count} × ")
                } else {
                    String::new()
                },
                node.instance_type
            );
            let rest = format!(
                "NodePool {} · {}{}",
                node.pool,
                node.capacity_type,
                node.zone
                    .as_deref()
                    .map(|z| format!(" · {z}"))
                    .unwrap_or_default(),
            );
            let avail = f64::from(width) - 8.0;
            if narrow {
                c.text(
                    fit(&what, avail, large),
                    (4, y),
                    large,
                    HPos::Left,
                    VPos::Top,
                )?;
                c.text(
                    fit(&rest, avail, small),
                    (4, y + large as i32 + 3),
                    small,
                    HPos::Left,
                    VPos::Top,
                )?;
            } else {
                c.text(
                    fit(&format!("{what} · {rest}"), avail, large),
                    (4, y),
                    large,
                    HPos::Left,
                    VPos::Top,
                )?;
            }
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
                let top = y + head + (bar_h + gap) * b as i32;
                c.text(
                    name,
                    (bar_x - 6, top + bar_h / 2),
                    small,
                    HPos::Right,
                    VPos::Center,
                )?;
                let scale =
                    |v: u64| (v as f64 / f64::from(alloc.max(1)) * f64::from(bar_w)).round() as i32;
                let mut x = bar_x;
                let segment = |x: &mut i32, w: i32, colour: &str| -> Result<(), ChartError> {
                    let end = (*x + w).min(bar_x + bar_w);
                    if end > *x {
                        c.root
                            .draw(&Rectangle::new(
                                [(*x, top), (end, top + bar_h)],
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
                c.root
                    .draw(&Rectangle::new(
                        [(bar_x, top), (bar_x + bar_w, top + bar_h)],
                        AXIS.stroke_width(1),
                    ))
                    .map_err(err)?;
                let pct = (used as f64 / f64::from(alloc.max(1)) * 100.0).round();
                c.text(
                    format!("{pct:.0}%"),
                    (bar_x + bar_w + 6, top + bar_h / 2),
                    small,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::cost::prices::Source;
    use eksplan_core::cost::report::{NodePods, TypeCount};

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
            price_source: Source::Catalog,
            fee_source: Source::Confirmed,
        }
    }

    fn fleet(nodes: Vec<FleetNode>) -> Fleet {
        let pods = nodes.iter().map(FleetNode::pod_count).map(u64::from).sum();
        let summary = eksplan_core::cost::report::type_summary(
            nodes.iter().map(|n| n.instance_type.as_str()),
        );
        let mut types: Vec<TypeCount> = Vec::new();
        for n in &nodes {
            match types
                .iter_mut()
                .find(|t| t.instance_type == n.instance_type)
            {
                Some(t) => t.count += 1,
                None => types.push(TypeCount {
                    instance_type: n.instance_type.clone(),
                    capacity_type: n.capacity_type,
                    count: 1,
                }),
            }
        }
        Fleet {
            nodes,
            types,
            summary,
            pods,
            ..Fleet::default()
        }
    }

    #[test]
    fn identical_nodes_share_a_row() {
        let f = fleet(vec![
            node("m5a.xlarge", 7),
            node("m5a.xlarge", 7),
            node("c6a.large", 2),
        ]);
        let c = nodes(&f).expect("draws");
        assert!(c.svg.contains("2 × m5a.xlarge"), "{}", c.svg);
        assert!(c.svg_narrow.contains("2 × m5a.xlarge"));
        assert!(c.svg.contains("c6a.large"));
        // 100m DaemonSets + 7 × 500m of 3920m.
        assert!(c.svg.contains("\n92%\n"), "{}", c.svg);
        assert_eq!(c.summary, "2 × m5a.xlarge, 1 × c6a.large for 16 pods.");
        assert_eq!(c.legend[0].0, "DaemonSets");
        assert_eq!(c.legend[1].0, "web <&>");
        assert!(!c.svg.contains("<&>"));
    }

    #[test]
    fn three_nodes_of_one_type_are_counted_as_such() {
        // The report: "3 nodes of 3 kinds" for three m5a.4xlarge.
        let f = fleet(vec![
            node("m5a.4xlarge", 3),
            node("m5a.4xlarge", 2),
            node("m5a.4xlarge", 1),
        ]);
        let c = nodes(&f).expect("draws");
        assert!(
            c.summary.starts_with("3 × m5a.4xlarge for 6 pods."),
            "{}",
            c.summary
        );
        assert!(c.summary.contains("3 rows"), "{}", c.summary);
        assert!(!c.summary.contains("kinds"));
    }

    #[test]
    fn many_kinds_are_capped() {
        let f = fleet((0..20).map(|i| node("m5a.xlarge", i + 1)).collect());
        let c = nodes(&f).expect("draws");
        assert_eq!(c.svg.matches("NodePool general-purpose").count(), MAX_ROWS);
        assert!(
            c.summary.contains("8 more nodes are in the table"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn labels_are_readable_and_apart_at_both_widths() {
        let mut long = node("m7i-flex.8xlarge", 3);
        long.pool = "a-rather-long-nodepool-name-for-batch".into();
        long.zone = Some("ap-southeast-2c".into());
        long.capacity_type = "spot";
        let f = fleet(vec![long, node("m5a.xlarge", 7), node("m5a.xlarge", 7)]);
        for w in [NARROW_WIDTH, WIDE_WIDTH] {
            crate::check_drawing(&draw(&f, w, "t").expect("draws"));
        }
        crate::check_drawing(&draw(&Fleet::default(), NARROW_WIDTH, "t").expect("draws"));
    }

    #[test]
    fn an_empty_fleet_says_so() {
        let c = nodes(&Fleet::default()).expect("draws");
        assert!(c.svg.contains("No nodes") && c.svg_narrow.contains("No nodes"));
        assert!(c.summary.starts_with("No nodes"));
    }
}
