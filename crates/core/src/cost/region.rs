//! On-demand prices outside us-east-1: the published price of one reference
//! type per instance family in each of the ten regions the planner prices
//! (`crates/core/data/regional-prices.csv`, sources in the README there).
//!
//! AWS prices the sizes of a family in proportion (an `xlarge` costs twice
//! a `large`), so a family's regional price is its us-east-1 price times the
//! ratio of the reference type's two published prices. A family the source
//! was not read for gets the median ratio of the region's published
//! families of the same kind (category and processor), which is labelled an
//! estimate wherever it is shown.

use std::sync::OnceLock;

use crate::catalog::instances::InstanceType;

/// The regions with published prices, in the data file's column order.
pub const REGIONS: [&str; 10] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "eu-west-2",
    "ap-southeast-1",
    "ap-northeast-1",
    "ap-southeast-2",
    "ap-south-1",
];

/// Where the regional figures come from (see the data README).
pub const SOURCE: &str = "SkyPilot's AWS catalog (skypilot-org/skypilot-catalog, catalogs/v8/aws/vms.csv at commit 00148f2a, generated from the AWS Price List API)";

/// When the regional figures were read.
pub const RETRIEVED: &str = "2026-12-01";

const DATA: &str = include_str!("../../data/regional-prices.csv");

/// One region's figure for a family.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cell {
    Price(f64),
    NotOffered,
    Unknown,
}

/// A family row of the data file.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    family: String,
    reference: String,
    cells: Vec<Cell>,
}

impl Row {
    /// The published ratio of region `r` to us-east-1.
    fn ratio(&self, r: usize) -> Option<f64> {
        match (self.cells.first(), self.cells.get(r)) {
            (Some(Cell::Price(base)), Some(Cell::Price(p))) if *base > 0.0 => Some(p / base),
            _ => None,
        }
    }
}

fn parse(data: &str) -> Vec<Row> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("family,") && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f.len() == REGIONS.len() + 2).then(|| Row {
                family: f[0].to_owned(),
                reference: f[1].to_owned(),
                cells: f[2..]
                    .iter()
                    .map(|c| match c.trim() {
                        "" => Cell::Unknown,
                        "-" => Cell::NotOffered,
                        v => v.parse().map_or(Cell::Unknown, Cell::Price),
                    })
                    .collect(),
            })
        })
        .collect()
}

fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| parse(DATA))
}

/// The column of a region, if it has published prices.
pub fn region_index(region: &str) -> Option<usize> {
    REGIONS.iter().position(|r| *r == region)
}

/// The kind of processor a family name says: `g` after the generation is
/// Graviton, `a` AMD, anything else Intel (or a specialised part).
fn processor(family: &str) -> char {
    let rest = family.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let suffix = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    match suffix.chars().next() {
        Some('g') => 'g',
        Some('a') => 'a',
        _ => 'i',
    }
}

fn category(family: &str) -> &str {
    let end = family
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(family.len());
    match &family[..end] {
        c @ ("c" | "m" | "r") => c,
        _ => "other",
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// How a family is priced in a region.
#[derive(Clone, Debug, PartialEq)]
pub enum FamilyPrice {
    /// The region's published price: us-east-1 × `ratio` (exact up to
    /// rounding; bare-metal sizes may differ by a fraction of a percent).
    Published {
        /// Region ÷ us-east-1.
        ratio: f64,
        /// The type whose two published prices give the ratio.
        reference: String,
    },
    /// No published figure was read: the median ratio of the families in
    /// `basis` (same kind, published in this region).
    Estimated {
        /// Region ÷ us-east-1.
        ratio: f64,
        /// Families the ratio is the median of.
        basis: Vec<String>,
    },
    /// The family is not offered in the region.
    NotOffered,
}

impl FamilyPrice {
    /// The ratio to us-east-1, when the family is offered.
    pub fn ratio(&self) -> Option<f64> {
        match self {
            FamilyPrice::Published { ratio, .. } | FamilyPrice::Estimated { ratio, .. } => {
                Some(*ratio)
            }
            FamilyPrice::NotOffered => None,
        }
    }
}

/// The price of `family` in region column `r` relative to us-east-1.
pub fn family_price(family: &str, r: usize) -> FamilyPrice {
    let all = rows();
    if let Some(row) = all.iter().find(|row| row.family == family) {
        match row.cells.get(r) {
            Some(Cell::NotOffered) => return FamilyPrice::NotOffered,
            Some(Cell::Price(_)) => {
                if let Some(ratio) = row.ratio(r) {
                    return FamilyPrice::Published {
                        ratio,
                        reference: row.reference.clone(),
                    };
                }
            }
            _ => {}
        }
    }
    // Estimate: the same category and processor, then the same processor,
    // then every published family of the region.
    let (cat, cpu) = (category(family), processor(family));
    let tiers: [&dyn Fn(&Row) -> bool; 3] = [
        &|row: &Row| category(&row.family) == cat && processor(&row.family) == cpu,
        &|row: &Row| processor(&row.family) == cpu,
        &|_: &Row| true,
    ];
    for tier in tiers {
        let basis: Vec<&Row> = all
            .iter()
            .filter(|row| row.family != family && tier(row) && row.ratio(r).is_some())
            .collect();
        if let Some(ratio) = median(basis.iter().filter_map(|row| row.ratio(r)).collect()) {
            return FamilyPrice::Estimated {
                ratio,
                basis: basis.iter().map(|row| row.family.clone()).collect(),
            };
        }
    }
    FamilyPrice::Estimated {
        ratio: 1.0,
        basis: Vec::new(),
    }
}

/// The on-demand price of a type in region column `r`, from its us-east-1
/// price: `(price, published)`, or `None` if not offered there.
pub fn on_demand(t: &InstanceType, r: usize) -> Option<(f64, FamilyPrice)> {
    let base = t.on_demand?;
    if r == 0 {
        return Some((
            base,
            FamilyPrice::Published {
                ratio: 1.0,
                reference: t.name.clone(),
            },
        ));
    }
    let fp = family_price(&t.family, r);
    let ratio = fp.ratio()?;
    // Seven decimals: AWS publishes at most six, and this removes the
    // floating-point noise of the ratio.
    Some(((base * ratio * 1e7).round() / 1e7, fp))
}

/// Families with a published row (for tests and documentation).
pub fn published_families() -> Vec<&'static str> {
    rows().iter().map(|r| r.family.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::instances::find;

    fn price(t: &str, region: &str) -> Option<f64> {
        let r = region_index(region)?;
        on_demand(find(t)?, r).map(|p| p.0)
    }

    #[test]
    fn the_data_file_reads_completely_and_agrees_with_us_east_1() {
        let all = rows();
        assert_eq!(all.len(), 22);
        for row in all {
            assert_eq!(row.cells.len(), REGIONS.len(), "{}", row.family);
            // The source's us-east-1 figure is the catalog's.
            let t = find(&row.reference).expect("reference type in the catalog");
            assert_eq!(
                row.cells[0],
                Cell::Price(t.on_demand.unwrap_or(f64::NAN)),
                "{}",
                row.reference
            );
            assert_eq!(t.family, row.family);
        }
    }

    /// A few types per region against the figures read from the source
    /// (SkyPilot's catalog, the `Price` column), including sizes other than
    /// the reference one, which the family ratio must reproduce.
    #[test]
    fn regional_prices_match_the_source() {
        let cases: &[(&str, &[(&str, f64)])] = &[
            ("us-east-1", &[("m5.large", 0.096), ("c7g.12xlarge", 1.74)]),
            (
                "us-east-2",
                &[
                    ("m5a.2xlarge", 0.344),
                    ("c7g.12xlarge", 1.7342),
                    ("c8g.xlarge", 0.15896),
                ],
            ),
            (
                "us-west-2",
                &[("m6i.2xlarge", 0.384), ("r6i.2xlarge", 0.504)],
            ),
            (
                "eu-west-1",
                &[
                    ("m5.large", 0.107),
                    ("m5.4xlarge", 0.856),
                    ("c6a.24xlarge", 3.93984),
                    ("c6g.xlarge", 0.1459),
                    ("m7g.large", 0.091),
                    ("m7g.medium", 0.0455),
                    ("r6i.24xlarge", 6.768),
                ],
            ),
            (
                "eu-central-1",
                &[
                    ("m5.large", 0.115),
                    ("c5.xlarge", 0.194),
                    ("m6i.24xlarge", 5.52),
                ],
            ),
            (
                "eu-west-2",
                &[("m5a.12xlarge", 2.4), ("c7i.12xlarge", 2.5452)],
            ),
            (
                "ap-southeast-1",
                &[
                    ("m5.large", 0.12),
                    ("c6i.24xlarge", 4.704),
                    ("m6gd.2xlarge", 0.452),
                ],
            ),
            (
                "ap-northeast-1",
                &[
                    ("m5.large", 0.124),
                    ("c7i.16xlarge", 3.5952),
                    ("r6i.32xlarge", 9.728),
                ],
            ),
            (
                "ap-southeast-2",
                &[
                    ("m5.large", 0.12),
                    ("c6a.48xlarge", 9.5904),
                    ("m7g.xlarge", 0.204),
                ],
            ),
            (
                "ap-south-1",
                &[
                    ("m5.large", 0.101),
                    ("c6a.4xlarge", 0.374),
                    ("m7g.large", 0.0583),
                ],
            ),
        ];
        for (region, types) in cases {
            for (t, want) in *types {
                let got = price(t, region).unwrap_or(f64::NAN);
                assert!(
                    (got - want).abs() < 5e-7,
                    "{t} in {region}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn unread_families_are_estimated_from_their_kind_and_absent_ones_are_not_offered() {
        let r = region_index("eu-west-1").unwrap_or(0);
        // m7i is not in the data: estimated from Intel m families (m5, m6i,
        // m6id), whose eu-west-1 ratios are all about 1.115.
        match family_price("m7i", r) {
            FamilyPrice::Estimated { ratio, basis } => {
                assert_eq!(basis, ["m5", "m6i", "m6id"]);
                assert!((ratio - 0.428 / 0.384).abs() < 1e-9, "{ratio}");
            }
            other => panic!("{other:?}"),
        }
        // c8g has no published ap-south-1 figure: Graviton c families.
        let aps1 = region_index("ap-south-1").unwrap_or(0);
        match family_price("c8g", aps1) {
            FamilyPrice::Estimated { basis, .. } => assert_eq!(basis, ["c6g", "c6gd", "c7g"]),
            other => panic!("{other:?}"),
        }
        // c7a is not sold in ap-southeast-1 (the source lists no price).
        let apse1 = region_index("ap-southeast-1").unwrap_or(0);
        assert_eq!(family_price("c7a", apse1), FamilyPrice::NotOffered);
        assert_eq!(price("c7a.xlarge", "ap-southeast-1"), None);
        assert_eq!(
            (processor("c6gd"), processor("m5a"), processor("r7iz")),
            ('g', 'a', 'i')
        );
        assert_eq!((category("x2gd"), category("m7i-flex")), ("other", "m"));
        assert_eq!(region_index("sa-east-1"), None);
    }
}
