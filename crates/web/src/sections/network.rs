//! The `network` section.

use eksplan_core::plan::{NatMode, NetworkMode, NodeSecurityGroup};
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::regions::zone_examples;

/// Create a VPC or use an existing one.
#[component]
pub fn NetworkSection(p: &SectionProps) -> Html {
    let n = &p.plan.network;
    let e = &p.edit;
    let region = p.plan.cluster.region.as_str();
    let named = !n.availability_zones.is_empty();
    let mut az_options = opts(&[("2", "2"), ("3", "3 (recommended)")]);
    if !(2..=3).contains(&n.az_count) {
        az_options.push((
            AttrValue::from(n.az_count.to_string()),
            AttrValue::from(n.az_count.to_string()),
        ));
    }
    let name_zones = {
        let zones = zone_examples(region, usize::from(n.az_count.clamp(1, 6)));
        e.reform(move |_: MouseEvent| {
            let zones = zones.clone();
            std::rc::Rc::new(move |p: &mut eksplan_core::Plan| {
                p.network.az_count = u8::try_from(zones.len()).unwrap_or(u8::MAX);
                p.network.availability_zones = zones.clone();
            }) as crate::state::Edit
        })
    };
    let body = html! { <>
        <SelectField path="network.mode" label="VPC"
            options={opts(&[("create", "Create a new VPC"), ("existing", "Use an existing VPC")])} value={ser(&n.mode)}
            help="A new VPC is laid out for Auto Mode: large private subnets for nodes, small public ones for load balancers."
            onchange={setter(e, |p, v: String| if let Some(m) = de::<NetworkMode>(&v) { p.network.mode = m })} />
        if n.mode == NetworkMode::Create {
            <TextField path="network.vpc_cidr" label="VPC CIDR" value={n.vpc_cidr.clone()} placeholder="10.0.0.0/16"
                help="A /16 to /20. Each private subnet gets an eighth: Auto Mode hands pods IPs in /28 prefixes, so small VPCs run out fast."
                onchange={setter(e, |p, v: String| p.network.vpc_cidr = v)} />
            <SelectField path="network.az_count" label="Availability Zones"
                options={az_options} value={AttrValue::from(n.az_count.to_string())}
                disabled={named}
                help={if named {
                    "Set by the zones named below: remove them to choose a number."
                } else {
                    "EKS needs two; three survives the loss of one AZ with capacity to spare."
                }}
                onchange={setter(e, |p, v: String| if let Ok(c) = v.parse() { p.network.az_count = c })} />
            <ListField path="network.availability_zones" label="Name the AZs (optional)" value={n.availability_zones.clone()}
                placeholder={AttrValue::from(zone_examples(region, usize::from(n.az_count.clamp(2, 3))).join(", "))}
                help={AttrValue::from(format!(
                    "Empty: the first {} available AZs of {region}. Name them ({}) to pin the layout; the number follows. \
                     A zone letter means a different physical zone in each AWS account.",
                    n.az_count,
                    zone_examples(region, 3).join(", ")
                ))}
                onchange={setter(e, |p, v: Vec<String>| {
                    // Naming zones sets the count (the control follows).
                    if !v.is_empty() {
                        p.network.az_count = u8::try_from(v.len()).unwrap_or(u8::MAX);
                    }
                    p.network.availability_zones = v;
                })} />
            if !named {
                <button type="button" class="small" onclick={name_zones}>
                    { format!("Name them: {}", zone_examples(region, usize::from(n.az_count.clamp(1, 6))).join(", ")) }
                </button>
            }
            <SelectField path="network.nat" label="NAT gateways"
                options={opts(&[("single", "One shared NAT gateway"), ("per_az", "One per AZ"), ("none", "None (private-only)")])}
                value={ser(&n.nat)}
                help="Nodes need egress to pull images. One NAT is cheapest (about $33/month) but a single point of failure; none needs VPC endpoints."
                onchange={setter(e, |p, v: String| if let Some(m) = de::<NatMode>(&v) { p.network.nat = m })} />
            <CheckField path="network.public_subnets" label="Public subnets" value={n.public_subnets}
                help="For internet-facing load balancers and NAT gateways. Nodes never get public IPs."
                onchange={setter(e, |p, v: bool| p.network.public_subnets = v)} />
            <ListField path="network.private_subnet_cidrs" label="Private subnet CIDRs (optional)" value={n.private_subnet_cidrs.clone()}
                placeholder="10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24"
                help="One per AZ, in AZ order, like the VPC module's private_subnets. Empty: each gets an eighth of the VPC."
                onchange={setter(e, |p, v: Vec<String>| p.network.private_subnet_cidrs = v)} />
            <MapField path="network.private_subnet_tags" label="Extra private subnet tags" value={n.private_subnet_tags.clone()}
                help="For example a tag a NodeClass selects subnets by (Private=1). The load-balancer tags are the planner's."
                onchange={setter(e, |p, v| p.network.private_subnet_tags = v)} />
            if n.public_subnets {
                <ListField path="network.public_subnet_cidrs" label="Public subnet CIDRs (optional)" value={n.public_subnet_cidrs.clone()}
                    placeholder="10.0.101.0/24, 10.0.102.0/24, 10.0.103.0/24"
                    help="One per AZ, like the VPC module's public_subnets. Empty: the planner lays them out."
                    onchange={setter(e, |p, v: Vec<String>| p.network.public_subnet_cidrs = v)} />
                <MapField path="network.public_subnet_tags" label="Extra public subnet tags" value={n.public_subnet_tags.clone()}
                    onchange={setter(e, |p, v| p.network.public_subnet_tags = v)} />
            }
            <CheckField path="network.node_security_group" label="A security group for custom NodeClasses' nodes" value={n.node_security_group.is_some()}
                help="All traffic from the VPC in, all traffic out; NodeClasses select it by its Name tag. Auto Mode's default NodeClass uses the cluster security group instead."
                onchange={setter(e, |p, v: bool| if !v { p.network.node_security_group = None } else if p.network.node_security_group.is_none() { p.network.node_security_group = Some(NodeSecurityGroup::default()) })} />
            if let Some(sg) = &n.node_security_group {
                <TextField path="network.node_security_group.name" label="Its name (and Name tag)" value={sg.name.clone()} placeholder="eks-nodes"
                    onchange={setter(e, |p, v: String| if let Some(g) = p.network.node_security_group.as_mut() { g.name = v })} />
            }
            <CheckField path="network.vpc_endpoints" label="VPC endpoints" value={n.vpc_endpoints}
                help="S3, ECR, STS, EKS Auth, EC2, ELB and CloudWatch Logs endpoints let nodes work with no internet path. About $7/month per interface endpoint per AZ."
                onchange={setter(e, |p, v: bool| p.network.vpc_endpoints = v)} />
            <CheckField path="network.flow_logs" label="VPC flow logs" value={n.flow_logs}
                help="Records accepted and rejected traffic to CloudWatch Logs (AWS Security Hub EC2.6)."
                onchange={setter(e, |p, v: bool| p.network.flow_logs = v)} />
        } else {
            <OptTextField path="network.vpc_id" label="VPC id" value={n.vpc_id.clone()} placeholder="vpc-0abc123def4567890"
                onchange={setter(e, |p, v: Option<String>| p.network.vpc_id = v)} />
            <ListField path="network.control_plane_subnet_ids" label="Control-plane subnets" value={n.control_plane_subnet_ids.clone()}
                placeholder="subnet-…, subnet-…" help="At least two, in two AZs. Keep them small and separate from node subnets."
                onchange={setter(e, |p, v: Vec<String>| p.network.control_plane_subnet_ids = v)} />
            <ListField path="network.node_subnet_ids" label="Node subnets" value={n.node_subnet_ids.clone()}
                placeholder="subnet-…, subnet-…" help="Private subnets for nodes and pods. Custom NodeClasses select them by default."
                onchange={setter(e, |p, v: Vec<String>| p.network.node_subnet_ids = v)} />
            <ListField path="network.public_subnet_ids" label="Public subnets (optional)" value={n.public_subnet_ids.clone()}
                placeholder="subnet-…" help="For internet-facing load balancers."
                onchange={setter(e, |p, v: Vec<String>| p.network.public_subnet_ids = v)} />
            <CheckField path="network.tag_subnets" label="Tag the subnets for load balancers" value={n.tag_subnets}
                help="Adds kubernetes.io/role/internal-elb and kubernetes.io/role/elb so Auto Mode finds subnets for load balancers."
                onchange={setter(e, |p, v: bool| p.network.tag_subnets = v)} />
        }
    </> };
    card(
        "network",
        "Network",
        "Where the control plane, nodes and load balancers live.",
        body,
    )
}
