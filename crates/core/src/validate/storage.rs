//! Rules for the `storage` section (reference §3.3).

use super::{Ctx, syntax};
use crate::diag::Code;
use crate::plan::VolumeType;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let st = &cx.plan.storage;
    if !st.enabled {
        cx.report(
            Code::NoStorageClass,
            "storage.enabled",
            "Auto Mode creates no StorageClass: PersistentVolumeClaims stay Pending",
            "Turn the StorageClass on, or create one on `ebs.csi.eks.amazonaws.com` yourself.",
        );
        return;
    }
    if !syntax::dns1123_subdomain(&st.name) {
        cx.report(
            Code::StorageClassName,
            "storage.name",
            format!("`{}` is not a valid Kubernetes object name", st.name),
            "Use lower-case letters, digits and `-`.",
        );
    }
    let (iops_range, iops_required) = match st.volume_type {
        VolumeType::Gp3 => (Some((3000, 16_000)), false),
        VolumeType::Io1 => (Some((100, 64_000)), true),
        VolumeType::Io2 => (Some((100, 256_000)), true),
        VolumeType::Gp2 | VolumeType::St1 | VolumeType::Sc1 => (None, false),
    };
    let vt = st.volume_type.as_str();
    match (st.iops, iops_range) {
        (Some(_), None) => cx.report(
            Code::VolumePerformance,
            "storage.iops",
            format!("{vt} volumes do not take provisioned IOPS"),
            "Remove `iops`, or use gp3, io1 or io2.",
        ),
        (Some(i), Some((lo, hi))) if !(lo..=hi).contains(&i) => cx.report(
            Code::VolumePerformance,
            "storage.iops",
            format!("{i} IOPS is outside {lo}–{hi} for {vt}"),
            format!("Use {lo}–{hi}."),
        ),
        (None, _) if iops_required => cx.report(
            Code::VolumePerformance,
            "storage.iops",
            format!("{vt} volumes need provisioned IOPS"),
            "Set `iops`.",
        ),
        _ => {}
    }
    if let Some(t) = st.throughput {
        if st.volume_type != VolumeType::Gp3 {
            cx.report(
                Code::VolumePerformance,
                "storage.throughput",
                format!("only gp3 takes a throughput setting, not {vt}"),
                "Remove `throughput`, or use gp3.",
            );
        } else if !(125..=1000).contains(&t) {
            cx.report(
                Code::VolumePerformance,
                "storage.throughput",
                format!("{t} MiB/s is outside gp3's 125–1000"),
                "Use 125–1000.",
            );
        } else if f64::from(t) > f64::from(st.iops.unwrap_or(3000)) / 4.0 {
            cx.report(
                Code::VolumePerformance,
                "storage.throughput",
                format!(
                    "gp3 allows at most 0.25 MiB/s per IOPS; {t} MiB/s needs {} IOPS",
                    t * 4
                ),
                "Raise `iops` or lower `throughput`.",
            );
        }
    }
    if !st.encrypted {
        cx.report(
            Code::Unencrypted,
            "storage.encrypted",
            "new EBS volumes are created unencrypted (unless the account enforces EBS encryption by default)",
            "Set `encrypted: true`.",
        );
    }
    if let Some(k) = &st.kms_key_arn {
        if !st.encrypted {
            cx.report(
                Code::StorageKey,
                "storage.kms_key_arn",
                "a KMS key is set but encryption is off",
                "Set `encrypted: true`, or remove the key.",
            );
        }
        if syntax::kms_arn(k, false).is_none() {
            cx.report(
                Code::StorageKey,
                "storage.kms_key_arn",
                format!("`{k}` is not a KMS key ARN (the EBS driver needs the full key ARN)"),
                "Use `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.",
            );
        } else {
            cx.check_placeholder_account("storage.kms_key_arn", k);
            cx.report(
                Code::VolumeKeyPolicy,
                "storage.kms_key_arn",
                "volumes fail to provision unless the key policy lets the cluster role use the key (including kms:CreateGrant)",
                "Add the Auto Mode statements to the key policy (EKS guide: auto-kms).",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn st001_name() {
        let mut p = good();
        p.storage.name = "EBS".into();
        assert_reported(&p, Code::StorageClassName, "storage.name", Severity::Error);
    }

    #[test]
    fn st002_volume_performance() {
        let mut p = good();
        p.storage.iops = Some(2000);
        assert_reported(&p, Code::VolumePerformance, "storage.iops", Severity::Error);
        p.storage.iops = Some(3000);
        p.storage.throughput = Some(1000);
        assert_reported(
            &p,
            Code::VolumePerformance,
            "storage.throughput",
            Severity::Error,
        );
        let mut p = good();
        p.storage.volume_type = VolumeType::Io2;
        assert_reported(&p, Code::VolumePerformance, "storage.iops", Severity::Error);
        p.storage.iops = Some(10_000);
        assert_not_reported(&p, Code::VolumePerformance);
    }

    #[test]
    fn st003_unencrypted() {
        let mut p = good();
        p.storage.encrypted = false;
        assert_reported(
            &p,
            Code::Unencrypted,
            "storage.encrypted",
            Severity::Warning,
        );
    }

    #[test]
    fn st004_storage_key() {
        let mut p = good();
        p.storage.kms_key_arn = Some("alias/ebs".into());
        assert_reported(&p, Code::StorageKey, "storage.kms_key_arn", Severity::Error);
        p.storage.kms_key_arn = Some("arn:aws:kms:us-east-1:210987654321:key/k".into());
        assert_not_reported(&p, Code::StorageKey);
        assert_reported(
            &p,
            Code::VolumeKeyPolicy,
            "storage.kms_key_arn",
            Severity::Warning,
        );
    }

    #[test]
    fn st005_no_storage_class() {
        let mut p = good();
        p.storage.enabled = false;
        assert_reported(
            &p,
            Code::NoStorageClass,
            "storage.enabled",
            Severity::Warning,
        );
    }
}
