//! Storage, load balancing and the sample workload.

use eksplan_core::plan::{
    FsType, IpAddressType, KeyValue, MatchTag, ReclaimPolicy, Scheme, VolumeType,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// The EBS StorageClass.
#[component]
pub fn StorageSection(p: &SectionProps) -> Html {
    let s = &p.plan.storage;
    let e = &p.edit;
    let body = html! { <>
        <CheckField path="storage.enabled" label="Create a StorageClass" value={s.enabled}
            help="Auto Mode creates none, so PersistentVolumeClaims stay Pending until one exists."
            onchange={setter(e, |p, v: bool| p.storage.enabled = v)} />
        if s.enabled {
            <TextField path="storage.name" label="Name" value={s.name.clone()}
                onchange={setter(e, |p, v: String| p.storage.name = v)} />
            <CheckField path="storage.default_class" label="Default StorageClass" value={s.default_class}
                help="Used by claims that name no class." onchange={setter(e, |p, v: bool| p.storage.default_class = v)} />
            <SelectField path="storage.volume_type" label="Volume type"
                options={opts(&[("gp3", "gp3 (general purpose)"), ("gp2", "gp2"), ("io1", "io1"), ("io2", "io2 (provisioned IOPS)"), ("st1", "st1 (throughput HDD)"), ("sc1", "sc1 (cold HDD)")])}
                value={ser(&s.volume_type)} help="gp3 gives 3000 IOPS and 125 MiB/s at no extra cost."
                onchange={setter(e, |p, v: String| if let Some(t) = de::<VolumeType>(&v) { p.storage.volume_type = t })} />
            <CheckField path="storage.encrypted" label="Encrypt volumes" value={s.encrypted}
                help="The EBS driver's default is unencrypted." onchange={setter(e, |p, v: bool| p.storage.encrypted = v)} />
            <OptTextField path="storage.kms_key_arn" label="KMS key ARN (optional)" value={s.kms_key_arn.clone()}
                help="Default: aws/ebs. A customer key needs a key policy that lets the cluster role use it."
                onchange={setter(e, |p, v: Option<String>| p.storage.kms_key_arn = v)} />
            <SelectField path="storage.fs_type" label="Filesystem" options={opts(&[("ext4", "ext4"), ("xfs", "xfs"), ("ext3", "ext3"), ("ext2", "ext2")])}
                value={ser(&s.fs_type)} onchange={setter(e, |p, v: String| if let Some(f) = de::<FsType>(&v) { p.storage.fs_type = f })} />
            <div class="row">
                <NumberField path="storage.iops" label="IOPS" optional=true value={s.iops.map(u64::from)}
                    onchange={setter(e, |p, v: Option<u64>| p.storage.iops = v.and_then(|v| u32::try_from(v).ok()))} />
                <NumberField path="storage.throughput" label="Throughput (MiB/s)" optional=true value={s.throughput.map(u64::from)}
                    onchange={setter(e, |p, v: Option<u64>| p.storage.throughput = v.and_then(|v| u32::try_from(v).ok()))} />
            </div>
            <SelectField path="storage.reclaim_policy" label="When a claim is deleted" options={opts(&[("Delete", "Delete the volume"), ("Retain", "Keep the volume")])}
                value={ser(&s.reclaim_policy)} onchange={setter(e, |p, v: String| if let Some(r) = de::<ReclaimPolicy>(&v) { p.storage.reclaim_policy = r })} />
            <CheckField path="storage.allow_volume_expansion" label="Allow claims to grow" value={s.allow_volume_expansion}
                onchange={setter(e, |p, v: bool| p.storage.allow_volume_expansion = v)} />
        }
    </> };
    card(
        "storage",
        "Storage",
        "Volumes come from Auto Mode's own EBS driver, ebs.csi.eks.amazonaws.com; volumes of the EBS CSI add-on cannot mount on Auto Mode nodes.",
        body,
    )
}

/// IngressClass + IngressClassParams, and the NLB example.
#[component]
pub fn LoadBalancingSection(p: &SectionProps) -> Html {
    let ic = &p.plan.load_balancing.ingress_class;
    let nlb = &p.plan.load_balancing.nlb_example;
    let e = &p.edit;
    let scheme_opts = opts(&[
        ("internet-facing", "Internet-facing"),
        ("internal", "Internal"),
    ]);
    let add_tag = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            p.load_balancing.ingress_class.tags.push(KeyValue {
                key: String::new(),
                value: String::new(),
            });
        }) as Edit
    });
    let add_match = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            p.load_balancing
                .ingress_class
                .subnet_tags
                .push(MatchTag::default());
        }) as Edit
    });
    let body = html! { <>
        <CheckField path="load_balancing.ingress_class.enabled" label="IngressClass for Application Load Balancers" value={ic.enabled}
            help="Ingresses that name this class get an ALB from Auto Mode's built-in controller."
            onchange={setter(e, |p, v: bool| p.load_balancing.ingress_class.enabled = v)} />
        if ic.enabled {
            <TextField path="load_balancing.ingress_class.name" label="IngressClass name" value={ic.name.clone()}
                onchange={setter(e, |p, v: String| p.load_balancing.ingress_class.name = v)} />
            <CheckField path="load_balancing.ingress_class.default_class" label="Default IngressClass" value={ic.default_class}
                onchange={setter(e, |p, v: bool| p.load_balancing.ingress_class.default_class = v)} />
            <SelectField path="load_balancing.ingress_class.scheme" label="Scheme" options={scheme_opts.clone()} value={ser(&ic.scheme)}
                help="Internet-facing ALBs need public subnets tagged kubernetes.io/role/elb."
                onchange={setter(e, |p, v: String| if let Some(s) = de::<Scheme>(&v) { p.load_balancing.ingress_class.scheme = s })} />
            <SelectField path="load_balancing.ingress_class.ip_address_type" label="Address type"
                options={opts(&[("", "Default (ipv4)"), ("ipv4", "ipv4"), ("dualstack", "dualstack"), ("dualstack-without-public-ipv4", "dualstack without public IPv4")])}
                value={ser(&ic.ip_address_type)}
                onchange={setter(e, |p, v: String| p.load_balancing.ingress_class.ip_address_type = de::<IpAddressType>(&v))} />
            <ListField path="load_balancing.ingress_class.certificate_arns" label="ACM certificate ARNs" value={ic.certificate_arns.clone()}
                placeholder="arn:aws:acm:…:certificate/…" help="For HTTPS listeners; in the cluster's region."
                onchange={setter(e, |p, v: Vec<String>| p.load_balancing.ingress_class.certificate_arns = v)} />
            <OptTextField path="load_balancing.ingress_class.ssl_policy" label="TLS policy" value={ic.ssl_policy.clone()}
                placeholder="ELBSecurityPolicy-TLS13-1-2-2021-06"
                onchange={setter(e, |p, v: Option<String>| p.load_balancing.ingress_class.ssl_policy = v)} />
            <ListField path="load_balancing.ingress_class.inbound_cidrs" label="Allowed client CIDRs" value={ic.inbound_cidrs.clone()}
                help="Empty: anyone." onchange={setter(e, |p, v: Vec<String>| p.load_balancing.ingress_class.inbound_cidrs = v)} />
            <OptTextField path="load_balancing.ingress_class.group_name" label="Group name (share one ALB)" value={ic.group_name.clone()}
                help="Auto Mode ignores the group.name Ingress annotation; grouping is set here."
                onchange={setter(e, |p, v: Option<String>| p.load_balancing.ingress_class.group_name = v)} />
            <ListField path="load_balancing.ingress_class.subnet_ids" label="Subnet ids (optional)" value={ic.subnet_ids.clone()}
                help="Empty: discovered by the kubernetes.io/role tags."
                onchange={setter(e, |p, v: Vec<String>| p.load_balancing.ingress_class.subnet_ids = v)} />
            <fieldset class="group" id={fid("load_balancing.ingress_class.subnet_tags")}>
                <legend>{ "Subnets by tag" }</legend>
                { for ic.subnet_tags.iter().enumerate().map(|(j, t)| {
                    let tb = format!("load_balancing.ingress_class.subnet_tags[{j}]");
                    let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
                        let v = &mut p.load_balancing.ingress_class.subnet_tags;
                        if j < v.len() { v.remove(j); }
                    }) as Edit);
                    html! {
                        <div class="subitem row" key={j}>
                            <TextField path={format!("{tb}.key")} label="Tag key" value={t.key.clone()}
                                onchange={setter(e, move |p, v: String| if let Some(t) = p.load_balancing.ingress_class.subnet_tags.get_mut(j) { t.key = v })} />
                            <ListField path={format!("{tb}.values")} label="Values" value={t.values.clone()}
                                onchange={setter(e, move |p, v: Vec<String>| if let Some(t) = p.load_balancing.ingress_class.subnet_tags.get_mut(j) { t.values = v })} />
                            <button type="button" class="danger" onclick={remove} aria-label={format!("Remove subnet tag {}", j + 1)} data-undo={format!("Removed subnet tag {}.", j + 1)}>{ "Remove" }</button>
                        </div>
                    }
                }) }
                <button type="button" onclick={add_match}>{ "Add a subnet tag" }</button>
            </fieldset>
            <fieldset class="group" id={fid("load_balancing.ingress_class.tags")}>
                <legend>{ "Tags on the load balancers" }</legend>
                { for ic.tags.iter().enumerate().map(|(j, t)| {
                    let tb = format!("load_balancing.ingress_class.tags[{j}]");
                    let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
                        let v = &mut p.load_balancing.ingress_class.tags;
                        if j < v.len() { v.remove(j); }
                    }) as Edit);
                    html! {
                        <div class="subitem row" key={j} id={fid(&tb)}>
                            <TextField path={format!("{tb}.key")} label="Key" value={t.key.clone()}
                                onchange={setter(e, move |p, v: String| if let Some(t) = p.load_balancing.ingress_class.tags.get_mut(j) { t.key = v })} />
                            <TextField path={format!("{tb}.value")} label="Value" value={t.value.clone()}
                                onchange={setter(e, move |p, v: String| if let Some(t) = p.load_balancing.ingress_class.tags.get_mut(j) { t.value = v })} />
                            <button type="button" class="danger" onclick={remove} aria-label={format!("Remove tag {}", j + 1)} data-undo={format!("Removed tag {}.", j + 1)}>{ "Remove" }</button>
                        </div>
                    }
                }) }
                <button type="button" onclick={add_tag}>{ "Add a tag" }</button>
            </fieldset>
        }
        <CheckField path="load_balancing.nlb_example.enabled" label="Example Network Load Balancer Service" value={nlb.enabled}
            help="A Service of type LoadBalancer with loadBalancerClass eks.amazonaws.com/nlb, in kubernetes/examples/."
            onchange={setter(e, |p, v: bool| p.load_balancing.nlb_example.enabled = v)} />
        if nlb.enabled {
            <SelectField path="load_balancing.nlb_example.scheme" label="NLB scheme" options={scheme_opts} value={ser(&nlb.scheme)}
                onchange={setter(e, |p, v: String| if let Some(s) = de::<Scheme>(&v) { p.load_balancing.nlb_example.scheme = s })} />
            <ListField path="load_balancing.nlb_example.source_ranges" label="Allowed client CIDRs" value={nlb.source_ranges.clone()}
                onchange={setter(e, |p, v: Vec<String>| p.load_balancing.nlb_example.source_ranges = v)} />
        }
    </> };
    card(
        "load_balancing",
        "Load balancing",
        "Auto Mode runs the load balancer controller. Ingresses use IngressClassParams; Services use loadBalancerClass.",
        body,
    )
}

/// The optional sample workload.
#[component]
pub fn SampleSection(p: &SectionProps) -> Html {
    let w = &p.plan.sample_workload;
    let e = &p.edit;
    let body = html! { <>
        <CheckField path="sample_workload.enabled" label="Include a sample workload" value={w.enabled}
            help="A Deployment with requests and a PodDisruptionBudget: its pods stay Pending until Auto Mode starts nodes for them."
            onchange={setter(e, |p, v: bool| p.sample_workload.enabled = v)} />
        if w.enabled {
            <TextField path="sample_workload.namespace" label="Namespace" value={w.namespace.clone()}
                onchange={setter(e, |p, v: String| p.sample_workload.namespace = v)} />
            <NumberField path="sample_workload.replicas" label="Replicas" value={Some(u64::from(w.replicas))} min={1}
                onchange={setter(e, |p, v: Option<u64>| if let Some(v) = v.and_then(|v| u32::try_from(v).ok()) { p.sample_workload.replicas = v })} />
            <div class="row">
                <TextField path="sample_workload.cpu" label="CPU request" value={w.cpu.clone()} placeholder="250m"
                    onchange={setter(e, |p, v: String| p.sample_workload.cpu = v)} />
                <TextField path="sample_workload.memory" label="Memory request" value={w.memory.clone()} placeholder="256Mi"
                    onchange={setter(e, |p, v: String| p.sample_workload.memory = v)} />
            </div>
            <TextField path="sample_workload.image" label="Image" value={w.image.clone()}
                onchange={setter(e, |p, v: String| p.sample_workload.image = v)} />
        }
    </> };
    card(
        "sample_workload",
        "Sample workload",
        "Proves the cluster scales from zero.",
        body,
    )
}
