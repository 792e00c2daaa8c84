//! Versions of add-ons and controllers: parsing, comparison, minimums.
//!
//! Minimum add-on versions for enabling Auto Mode on an existing cluster:
//! EKS User Guide, "Enable EKS Auto Mode on an existing cluster", section
//! "Required add-on versions" (`auto-enable-existing.adoc`), as summarised
//! in `shared/domain/automode-updates-2026-12.md` §2.1. kube-proxy's
//! minimum depends on the cluster's minor version (1.31: `v1.31.2-eksbuild.3`
//! from the domain notes; 1.29: `v1.29.10-eksbuild.3`, which
//! awslabs/cdk-eks-blueprints' Auto Mode conflict check also uses; the other
//! minors as the guide's table lists them, not re-checked here); minors
//! released after Auto Mode (1.32 and later) have no older builds to refuse.

/// A version such as `v1.19.0-eksbuild.1` or `1.1.3`, as numbers:
/// major, minor, patch and the `eksbuild` number (0 when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64, pub u64);

impl Version {
    /// Parse `v1.19.0-eksbuild.1`, `1.1`, `v1.1.3`, `1.37.0-eksbuild.1`.
    /// Suffixes other than `-eksbuild.N` are ignored.
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches('v');
        let (core, rest) = match s.find(['-', '+']) {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        };
        let mut nums = core.split('.');
        let major = nums.next()?.parse().ok()?;
        let minor = nums.next().map_or(Some(0), |n| n.parse().ok())?;
        let patch = nums.next().map_or(Some(0), |n| n.parse().ok())?;
        let build = rest
            .split("eksbuild.")
            .nth(1)
            .and_then(|b| {
                b.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0);
        Some(Version(major, minor, patch, build))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}.{}.{}", self.0, self.1, self.2)?;
        if self.3 > 0 {
            write!(f, "-eksbuild.{}", self.3)?;
        }
        Ok(())
    }
}

/// The minimum version of an EKS add-on before enabling Auto Mode, if AWS
/// sets one. `cluster_minor` is the cluster's Kubernetes minor (for
/// kube-proxy).
pub fn addon_minimum(addon: &str, cluster_minor: Option<u32>) -> Option<&'static str> {
    match addon {
        "vpc-cni" => Some("v1.19.0-eksbuild.1"),
        "aws-ebs-csi-driver" => Some("v1.37.0-eksbuild.1"),
        "snapshot-controller" => Some("v8.1.0-eksbuild.2"),
        "eks-pod-identity-agent" => Some("v1.3.4-eksbuild.1"),
        "kube-proxy" => match cluster_minor? {
            25 => Some("v1.25.16-eksbuild.22"),
            26 => Some("v1.26.15-eksbuild.19"),
            27 => Some("v1.27.16-eksbuild.14"),
            28 => Some("v1.28.15-eksbuild.4"),
            29 => Some("v1.29.10-eksbuild.3"),
            30 => Some("v1.30.6-eksbuild.3"),
            31 => Some("v1.31.2-eksbuild.3"),
            _ => None,
        },
        _ => None,
    }
}

/// The tag of a container image (`…/karpenter/controller:1.0.8@sha256:…`
/// → `1.0.8`), if it has one.
pub fn image_tag(image: &str) -> Option<&str> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last.split_once(':')
        .map(|(_, t)| t)
        .filter(|t| !t.is_empty())
}

/// The repository part of an image, without registry host, tag or digest
/// (`public.ecr.aws/karpenter/controller:1.0.8` → `karpenter/controller`).
pub fn image_repo(image: &str) -> &str {
    let without_digest = image.split('@').next().unwrap_or(image);
    let without_tag = match without_digest.rfind(':') {
        Some(i) if !without_digest[i..].contains('/') => &without_digest[..i],
        _ => without_digest,
    };
    match without_tag.split_once('/') {
        Some((host, rest)) if host.contains('.') || host.contains(':') => rest,
        _ => without_tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let v = |s| Version::parse(s).expect(s);
        assert_eq!(v("v1.19.0-eksbuild.1"), Version(1, 19, 0, 1));
        assert!(v("v1.18.6-eksbuild.2") < v("v1.19.0-eksbuild.1"));
        assert!(v("v1.19.0-eksbuild.2") > v("v1.19.0-eksbuild.1"));
        assert_eq!(v("1.1"), Version(1, 1, 0, 0));
        assert_eq!(v("v0.37.5"), Version(0, 37, 5, 0));
        assert_eq!(Version::parse("latest"), None);
        assert_eq!(v("v1.37.0-eksbuild.1").to_string(), "v1.37.0-eksbuild.1");
    }

    #[test]
    fn minimums() {
        assert_eq!(addon_minimum("vpc-cni", None), Some("v1.19.0-eksbuild.1"));
        assert_eq!(
            addon_minimum("kube-proxy", Some(31)),
            Some("v1.31.2-eksbuild.3")
        );
        assert_eq!(addon_minimum("kube-proxy", Some(33)), None);
        assert_eq!(addon_minimum("coredns", Some(31)), None);
    }

    #[test]
    fn images() {
        let i = "public.ecr.aws/karpenter/controller:1.0.8@sha256:abc";
        assert_eq!(image_tag(i), Some("1.0.8"));
        assert_eq!(image_repo(i), "karpenter/controller");
        assert_eq!(
            image_repo("registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.0"),
            "autoscaling/cluster-autoscaler"
        );
        assert_eq!(image_tag("localhost:5000/x"), None);
        assert_eq!(image_repo("localhost:5000/x"), "x");
    }
}
