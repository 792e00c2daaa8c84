//! The `cluster` section.

use eksplan_core::catalog::versions::{self, SupportPhase};
use eksplan_core::plan::{
    ComponentLogType, EndpointAccess, IpFamily, KeyMode, LogDestination, LogType, StateBackend,
    SupportType,
};
use yew::prelude::*;

use super::{CapabilitiesSection, SectionProps, card, de, ser};
use crate::fields::*;
use crate::regions::RegionField;

/// Name, region, version, endpoint, encryption, logs, tags.
#[component]
pub fn ClusterSection(p: &SectionProps) -> Html {
    let c = &p.plan.cluster;
    let st = &p.plan.state;
    let e = &p.edit;
    let mut version_opts: Vec<(AttrValue, AttrValue)> = versions::offered(p.today)
        .map(|v| {
            let label = match v.phase(p.today) {
                SupportPhase::Standard => format!("{} (standard support)", v.version),
                _ => format!("{} (extended support)", v.version),
            };
            (AttrValue::Static(v.version), AttrValue::from(label))
        })
        .collect();
    if !version_opts
        .iter()
        .any(|(v, _)| v.as_str() == c.kubernetes_version)
    {
        version_opts.push((
            AttrValue::from(c.kubernetes_version.clone()),
            AttrValue::from(format!("{} (not offered)", c.kubernetes_version)),
        ));
    }
    let support = versions::find(&c.kubernetes_version).map(|v| {
        let est = if v.estimated {
            " (estimated from the EKS support policy)"
        } else {
            ""
        };
        format!(
            "{}: standard support until {}, extended support until {}{est}.",
            v.version, v.end_of_standard, v.end_of_extended
        )
    });
    let enc = &c.secrets_encryption;
    let body = html! { <>
        <TextField path="cluster.name" label="Cluster name" value={c.name.clone()}
            help="1–100 letters, digits, - or _. It cannot change after creation; IAM role names are derived from it."
            onchange={setter(e, |p, v: String| p.cluster.name = v)} />
        <RegionField value={c.region.clone()} onchange={setter(e, |p, v: String| p.cluster.region = v.trim().to_owned())} />
        <SelectField path="cluster.kubernetes_version" label="Kubernetes version" options={version_opts}
            value={c.kubernetes_version.clone()}
            help="Auto Mode needs 1.29 or later. Versions get 14 months of standard support, then 12 months of extended support at six times the hourly fee."
            onchange={setter(e, |p, v: String| p.cluster.kubernetes_version = v)} />
        if let Some(text) = support {
            <p class="help support-window" aria-live="polite">{ text }</p>
        }
        <SelectField path="cluster.support_type" label="When standard support ends"
            options={opts(&[("STANDARD", "Upgrade automatically (STANDARD)"), ("EXTENDED", "Stay, at $0.60/h (EXTENDED)")])}
            value={ser(&c.support_type)}
            help="AWS's default is EXTENDED: the control plane then costs $0.60 instead of $0.10 an hour until you upgrade."
            onchange={setter(e, |p, v: String| if let Some(t) = de::<SupportType>(&v) { p.cluster.support_type = t })} />
        <SelectField path="cluster.endpoint.access" label="API endpoint"
            options={opts(&[("public_and_private", "Public and private"), ("private", "Private only"), ("public", "Public only")])}
            value={ser(&c.endpoint.access)}
            help="Public and private: nodes use the private endpoint, people reach the public one from the CIDRs below. Private only is safest but needs a VPN or a host in the VPC."
            onchange={setter(e, |p, v: String| if let Some(a) = de::<EndpointAccess>(&v) { p.cluster.endpoint.access = a })} />
        if c.endpoint.access.public() {
            <ListField path="cluster.endpoint.public_access_cidrs" label="Who may reach the public endpoint (CIDRs)"
                value={c.endpoint.public_access_cidrs.clone()} placeholder="203.0.113.0/24, 198.51.100.7/32"
                help="List your offices, VPN and CI. Empty: the bundle asks for them when it is deployed and refuses 0.0.0.0/0 (AWS's default, the whole internet); list 0.0.0.0/0 only to open it on purpose."
                onchange={setter(e, |p, v: Vec<String>| p.cluster.endpoint.public_access_cidrs = v)} />
        }
        <SelectField path="cluster.secrets_encryption.mode" label="Secrets encryption"
            options={opts(&[("create", "Create a KMS key with rotation"), ("existing", "Use an existing KMS key"), ("none", "None (AWS-owned key only)")])}
            value={ser(&enc.mode)}
            help="Envelope-encrypts Kubernetes secrets with a key you control, audit and can revoke. Cannot be removed once on."
            onchange={setter(e, |p, v: String| if let Some(m) = de::<KeyMode>(&v) { p.cluster.secrets_encryption.mode = m })} />
        if enc.mode == KeyMode::Existing {
            <OptTextField path="cluster.secrets_encryption.key_arn" label="KMS key ARN" value={enc.key_arn.clone()}
                placeholder="arn:aws:kms:us-east-1:111122223333:key/…" help="A symmetric key in the cluster's region."
                onchange={setter(e, |p, v: Option<String>| p.cluster.secrets_encryption.key_arn = v)} />
        }
        <ChecksField path="cluster.control_plane_logs" label="Control-plane logs"
            options={LogType::ALL.iter().map(|t| (AttrValue::Static(t.as_str()), AttrValue::Static(t.as_str()))).collect::<Vec<_>>()}
            value={c.control_plane_logs.iter().map(|t| AttrValue::Static(t.as_str())).collect::<Vec<_>>()}
            help={if c.control_plane_logs.is_empty() {
                "None is on, as with AWS's default. audit and authenticator record who did what; every type is billed per GB in CloudWatch."
            } else {
                "AWS enables none. audit and authenticator record who did what; every type is billed per GB in CloudWatch."
            }}
            onchange={setter(e, |p, v: Vec<String>| p.cluster.control_plane_logs = v.iter().filter_map(|s| de(s)).collect())} />
        <ChecksField path="cluster.component_logs.types" label="Logs of the Auto Mode components"
            options={ComponentLogType::ALL.iter().map(|t| (AttrValue::Static(t.as_str()), AttrValue::from(format!("{} ({})", t.component(), t.as_str())))).collect::<Vec<_>>()}
            value={c.component_logs.types.iter().map(|t| AttrValue::Static(t.as_str())).collect::<Vec<_>>()}
            help="Karpenter, the EBS CSI driver, the load balancer controller and IPAM run outside your nodes; their logs are CloudWatch vended logs, billed per GB, none by default. Karpenter's say why nodes were or were not launched."
            onchange={setter(e, |p, v: Vec<String>| p.cluster.component_logs.types = v.iter().filter_map(|s| de(s)).collect())} />
        if c.component_logs.enabled() {
            <SelectField path="cluster.component_logs.destination" label="Component logs go to"
                options={opts(&[("cloudwatch_logs", "A CloudWatch log group"), ("s3", "An S3 bucket")])}
                value={ser(&c.component_logs.destination)}
                help="A log group keeps the log retention below and the secrets key; a bucket is cheaper to keep logs in for long and is queried with Athena."
                onchange={setter(e, |p, v: String| if let Some(d) = de::<LogDestination>(&v) { p.cluster.component_logs.destination = d })} />
            if c.component_logs.destination == LogDestination::S3 {
                <OptTextField path="cluster.component_logs.bucket_arn" label="Existing bucket ARN (optional)" value={c.component_logs.bucket_arn.clone()}
                    placeholder="arn:aws:s3:::my-log-bucket"
                    help="Empty: the bundle creates a private, encrypted, versioned bucket. An existing bucket's policy must let delivery.logs.amazonaws.com write."
                    onchange={setter(e, |p, v: Option<String>| p.cluster.component_logs.bucket_arn = v)} />
            }
        }
        <SelectField path="cluster.log_retention_days" label="Log retention"
            options={[7u32, 30, 90, 180, 365, 731, 1827, 3653].iter().map(|d| (AttrValue::from(d.to_string()), AttrValue::from(format!("{d} days")))).collect::<Vec<_>>()}
            value={AttrValue::from(c.log_retention_days.to_string())}
            help="For control-plane logs, VPC flow logs and component logs."
            onchange={setter(e, |p, v: String| if let Ok(d) = v.parse() { p.cluster.log_retention_days = d })} />
        <CheckField path="cluster.deletion_protection" label="Deletion protection" value={c.deletion_protection}
            help="Blocks DeleteCluster until turned off. The bundle makes it an input: teardown turns it off with -var, never by editing files."
            onchange={setter(e, |p, v: bool| p.cluster.deletion_protection = v)} />
        <MapField path="cluster.tags" label="Tags on every AWS resource" value={c.tags.clone()}
            help="Applied through the provider's default_tags. At most 50; keys may not start with aws:."
            onchange={setter(e, |p, v| p.cluster.tags = v)} />
        <SelectField path="state.backend" label="Deployment state"
            options={opts(&[("s3", "An S3 bucket, with S3's lock file"), ("local", "A local file (experiments only)")])}
            value={ser(&st.backend)}
            help="The state records every resource the bundle deploys. In S3 it is encrypted, versioned, shared and locked against two runs at once; a local file is lost with the machine."
            onchange={setter(e, |p, v: String| if let Some(b) = de::<StateBackend>(&v) { p.state.backend = b })} />
        if st.backend == StateBackend::S3 {
            <OptTextField path="state.bucket" label="State bucket (optional)" value={st.bucket.clone()} placeholder="tfstate-111122223333-eu-west-1"
                help="Empty: named when the bundle is set up (terraform init -backend-config=\"bucket=NAME\"); the bundle README shows how to create it."
                onchange={setter(e, |p, v: Option<String>| p.state.bucket = v)} />
            <OptTextField path="state.key" label="State key (optional)" value={st.key.clone()}
                placeholder={format!("eks/{}/terraform.tfstate", c.name)}
                onchange={setter(e, |p, v: Option<String>| p.state.key = v)} />
            <OptTextField path="state.region" label="State bucket region (optional)" value={st.region.clone()} placeholder={c.region.clone()}
                help="Empty: the cluster's region."
                onchange={setter(e, |p, v: Option<String>| p.state.region = v)} />
        }
        <details class="advanced">
            <summary>{ "IP family and service CIDR" }</summary>
            <SelectField path="cluster.ip_family" label="IP family"
                options={opts(&[("ipv4", "IPv4"), ("ipv6", "IPv6 (dual-stack VPC)")])} value={ser(&c.ip_family)}
                help="Cannot change after creation. IPv6 gives every pod a routable address and avoids IPv4 exhaustion."
                onchange={setter(e, |p, v: String| if let Some(f) = de::<IpFamily>(&v) { p.cluster.ip_family = f })} />
            if c.ip_family == IpFamily::Ipv4 {
                <OptTextField path="cluster.service_cidr" label="Service CIDR" value={c.service_cidr.clone()} placeholder="172.20.0.0/16"
                    help="Leave empty and EKS picks 10.100.0.0/16 or 172.20.0.0/16. Must not overlap the VPC. Cannot change later."
                    onchange={setter(e, |p, v: Option<String>| p.cluster.service_cidr = v)} />
            }
        </details>
    </> };
    let cluster = card(
        "cluster",
        "Cluster",
        "The EKS control plane. Auto Mode's compute, storage and load-balancing capabilities are always turned on together.",
        body,
    );
    // EKS Capabilities are cluster features; they share the Basics step
    // (diagnostics under `capabilities` belong to it).
    html! { <>
        { cluster }
        <CapabilitiesSection plan={p.plan.clone()} edit={p.edit.clone()} today={p.today} />
    </> }
}
