//! Prices: on-demand prices in the plan's region (the catalog's us-east-1
//! list prices, or the region's published prices from [`super::region`]),
//! the Auto Mode fee, spot estimates and the other AWS rates the cost plan
//! uses, each replaceable from the plan (`capacity.prices`).
//!
//! Sources (us-east-1, as of the catalog's date): EKS $0.10/h standard and
//! $0.60/h extended support (the same in every commercial region); EBS gp3
//! $0.08/GB-month; NAT gateway $0.045/h; public IPv4 $0.005/h; ALB/NLB
//! $0.0225/h; interface endpoints $0.01/h per AZ; Fargate $0.04048/vCPU-h
//! and $0.004445/GB-h (x86). The Auto Mode fee is AWS's published rate where
//! known, otherwise 12% of the region's on-demand price.

use super::region::{self, FamilyPrice};
use crate::catalog::instances::{CATALOG_REGION, InstanceType};
use crate::plan::Prices;

/// Hours in a month (the AWS pricing calculator's convention).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Auto Mode fees AWS publishes, $/hour (both exactly 12% of on-demand).
pub const CONFIRMED_FEES: &[(&str, f64)] = &[("m5.large", 0.01152), ("m5a.xlarge", 0.02064)];

/// Where a price came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The catalog (AWS's us-east-1 price list).
    Catalog,
    /// The region's published price for the type's family.
    Regional,
    /// A rate AWS publishes for this instance type.
    Confirmed,
    /// Derived by a rule (a regional ratio; 12% of on-demand; spot as a
    /// fraction of on-demand): an estimate.
    Estimated,
    /// Given in the plan.
    Override,
}

impl Source {
    /// Whether a figure from this source is an estimate.
    pub fn is_estimate(self) -> bool {
        self == Source::Estimated
    }

    /// A short label for tables: `list`, `estimate`, `your price`.
    pub fn label(self) -> &'static str {
        match self {
            Source::Catalog | Source::Regional | Source::Confirmed => "list",
            Source::Estimated => "estimate",
            Source::Override => "your price",
        }
    }
}

/// Every rate the cost plan needs.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceBook {
    overrides: Prices,
    /// The region prices are for.
    pub region: String,
    /// Its column in the regional table; `None` for a region without
    /// published prices (priced at us-east-1, every figure an estimate).
    pub region_index: Option<usize>,
    /// Fee as a fraction of on-demand where no rate is known.
    pub fee_fraction: f64,
    /// Spot as a fraction of on-demand.
    pub spot_fraction: f64,
    /// EKS standard support, $/h.
    pub cluster_hour: f64,
    /// EKS extended support, $/h.
    pub extended_support_hour: f64,
    /// EBS gp3, $/GB-month.
    pub ebs_gb_month: f64,
    /// NAT gateway, $/h.
    pub nat_gateway_hour: f64,
    /// Public IPv4 address, $/h.
    pub public_ipv4_hour: f64,
    /// Load balancer, $/h.
    pub load_balancer_hour: f64,
    /// Interface endpoint, $/h per AZ.
    pub vpc_endpoint_hour: f64,
    /// Fargate, $/vCPU-h.
    pub fargate_vcpu_hour: f64,
    /// Fargate, $/GB-h.
    pub fargate_gb_hour: f64,
}

impl PriceBook {
    /// us-east-1 prices with the plan's overrides.
    pub fn new(overrides: &Prices) -> PriceBook {
        PriceBook::for_region(CATALOG_REGION, overrides)
    }

    /// The prices of `region` with the plan's overrides.
    pub fn for_region(region: &str, overrides: &Prices) -> PriceBook {
        PriceBook {
            region: region.to_owned(),
            region_index: region::region_index(region),
            fee_fraction: overrides.fee_fraction.unwrap_or(0.12),
            spot_fraction: overrides.spot_fraction.unwrap_or(0.4),
            cluster_hour: overrides.cluster_hour.unwrap_or(0.10),
            extended_support_hour: overrides.extended_support_hour.unwrap_or(0.60),
            ebs_gb_month: overrides.ebs_gb_month.unwrap_or(0.08),
            nat_gateway_hour: overrides.nat_gateway_hour.unwrap_or(0.045),
            public_ipv4_hour: overrides.public_ipv4_hour.unwrap_or(0.005),
            load_balancer_hour: overrides.load_balancer_hour.unwrap_or(0.0225),
            vpc_endpoint_hour: overrides.vpc_endpoint_hour.unwrap_or(0.01),
            fargate_vcpu_hour: overrides.fargate_vcpu_hour.unwrap_or(0.04048),
            fargate_gb_hour: overrides.fargate_gb_hour.unwrap_or(0.004445),
            overrides: overrides.clone(),
        }
    }

    /// Whether the region has published prices.
    pub fn region_covered(&self) -> bool {
        self.region_index.is_some()
    }

    /// On-demand $/h in the region, if the type is sold there (or priced in
    /// the plan).
    pub fn on_demand(&self, t: &InstanceType) -> Option<(f64, Source)> {
        if let Some(p) = self
            .overrides
            .instances
            .get(&t.name)
            .and_then(|p| p.on_demand)
        {
            return Some((p, Source::Override));
        }
        match self.region_index {
            Some(0) => t.on_demand.map(|p| (p, Source::Catalog)),
            Some(r) => region::on_demand(t, r).map(|(p, fp)| {
                let src = match fp {
                    FamilyPrice::Published { .. } => Source::Regional,
                    _ => Source::Estimated,
                };
                (p, src)
            }),
            // Not a region with published prices: us-east-1, an estimate.
            None => t.on_demand.map(|p| (p, Source::Estimated)),
        }
    }

    /// How the type's on-demand price was derived, in words, when it is
    /// not a list price.
    pub fn on_demand_basis(&self, t: &InstanceType) -> Option<String> {
        let (_, src) = self.on_demand(t)?;
        if src != Source::Estimated {
            return None;
        }
        Some(match self.region_index {
            None => format!(
                "{}'s us-east-1 price: {} has no published prices here",
                t.name, self.region
            ),
            Some(r) => match region::family_price(&t.family, r) {
                FamilyPrice::Estimated { ratio, basis } => format!(
                    "{} at {:.4} × its us-east-1 price, the {} ratio of {}",
                    t.name,
                    ratio,
                    self.region,
                    if basis.is_empty() {
                        "assumed".to_owned()
                    } else {
                        basis.join(", ")
                    }
                ),
                _ => format!("{} estimated", t.name),
            },
        })
    }

    /// The Auto Mode fee, $/h. Charged on the instance type whatever the
    /// capacity type.
    pub fn fee(&self, t: &InstanceType) -> Option<(f64, Source)> {
        if let Some(f) = self.overrides.instances.get(&t.name).and_then(|p| p.fee) {
            return Some((f, Source::Override));
        }
        // A published rate holds for the published (us-east-1) on-demand
        // price only.
        let od = self.on_demand(t)?;
        if od.1 == Source::Catalog
            && let Some((_, f)) = CONFIRMED_FEES.iter().find(|(n, _)| *n == t.name)
        {
            return Some((*f, Source::Confirmed));
        }
        Some((od.0 * self.fee_fraction, Source::Estimated))
    }

    /// Spot $/h: the plan's price, or an estimate from on-demand.
    pub fn spot(&self, t: &InstanceType) -> Option<(f64, Source)> {
        if let Some(s) = self.overrides.instances.get(&t.name).and_then(|p| p.spot) {
            return Some((s, Source::Override));
        }
        self.on_demand(t)
            .map(|(od, _)| (od * self.spot_fraction, Source::Estimated))
    }

    /// The EC2 price for a capacity type.
    pub fn ec2(&self, t: &InstanceType, spot: bool) -> Option<(f64, Source)> {
        if spot {
            self.spot(t)
        } else {
            self.on_demand(t)
        }
    }
}

/// Round to cents.
pub fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A month of an hourly rate, rounded to cents.
pub fn monthly(hourly: f64) -> f64 {
    cents(hourly * HOURS_PER_MONTH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::instances::find;
    use crate::plan::InstancePrice;

    #[test]
    fn fees_are_confirmed_estimated_or_overridden() {
        let book = PriceBook::new(&Prices::default());
        let m5a = find("m5a.xlarge").expect("type");
        assert_eq!(book.fee(m5a), Some((0.02064, Source::Confirmed)));
        let c6i = find("c6i.xlarge").expect("type");
        let (fee, source) = book.fee(c6i).unwrap_or_default_pair();
        assert_eq!(source, Source::Estimated);
        assert!((fee - 0.17 * 0.12).abs() < 1e-12, "{fee}");
        let mut p = Prices::default();
        p.instances.insert(
            "c6i.xlarge".into(),
            InstancePrice {
                on_demand: Some(0.2),
                fee: None,
                spot: Some(0.05),
            },
        );
        p.fee_fraction = Some(0.1);
        let book = PriceBook::new(&p);
        assert_eq!(book.on_demand(c6i), Some((0.2, Source::Override)));
        assert_eq!(book.spot(c6i), Some((0.05, Source::Override)));
        let (fee, source) = book.fee(c6i).unwrap_or_default_pair();
        assert!((fee - 0.02).abs() < 1e-12 && source == Source::Estimated);
    }

    #[test]
    fn months_are_730_hours_in_cents() {
        assert_eq!(monthly(3.0 * 0.172), 376.68);
        assert_eq!(monthly(3.0 * 0.02064), 45.20);
        assert_eq!(monthly(0.10), 73.00);
        assert_eq!(cents(1046.82 * 0.12), 125.62);
    }

    trait PairDefault {
        fn unwrap_or_default_pair(self) -> (f64, Source);
    }

    impl PairDefault for Option<(f64, Source)> {
        fn unwrap_or_default_pair(self) -> (f64, Source) {
            self.unwrap_or((f64::NAN, Source::Catalog))
        }
    }
}
