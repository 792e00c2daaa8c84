//! The NodeClass editor: every field of `eks.amazonaws.com/v1` NodeClass.

use eksplan_core::plan::{
    CapacityReservationTerm, CertificateBundle, InterfaceType, Ipv4PrefixSize, KernelLockdown,
    NetworkInterface, NetworkPolicyDefault, NodeClass, NodeClassRoleMode, PlacementGroupSelector,
    SecurityGroupTerm, SelectorTerm, SnatPolicy, Toggle,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{de, ser};
use crate::fields::*;
use crate::refactor::RenameField;
use crate::state::Edit;
use eksplan_core::plan::edit::Kind;

/// Edit NodeClass `i`.
macro_rules! class {
    ($e:expr, $($rest:tt)*) => { super::item!($e, node_classes, $($rest)*) };
}

/// A selector term of any kind, as the editor shows it: id, name, owner, tags.
type TermRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    std::collections::BTreeMap<String, String>,
);

/// Changes a term through its id, name, owner and tags (fields a kind of
/// term lacks are scratch values).
type TermEdit<'a> = dyn Fn(
        &mut Option<String>,
        &mut Option<String>,
        &mut Option<String>,
        &mut std::collections::BTreeMap<String, String>,
    ) + 'a;

/// Which selector-term list of a NodeClass.
#[derive(Clone, Copy)]
enum Terms {
    Subnets,
    PodSubnets,
    SecurityGroups,
    PodSecurityGroups,
    CapacityReservations,
}

impl Terms {
    fn field(self) -> &'static str {
        match self {
            Terms::Subnets => "subnet_selector_terms",
            Terms::PodSubnets => "pod_subnet_selector_terms",
            Terms::SecurityGroups => "security_group_selector_terms",
            Terms::PodSecurityGroups => "pod_security_group_selector_terms",
            Terms::CapacityReservations => "capacity_reservation_selector_terms",
        }
    }
}

fn tri(v: Option<bool>) -> AttrValue {
    AttrValue::Static(match v {
        None => "",
        Some(true) => "true",
        Some(false) => "false",
    })
}

fn parse_tri(v: &str) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn tri_opts(default: &'static str) -> Vec<(AttrValue, AttrValue)> {
    vec![
        (AttrValue::Static(""), AttrValue::Static(default)),
        (AttrValue::Static("true"), AttrValue::Static("Yes")),
        (AttrValue::Static("false"), AttrValue::Static("No")),
    ]
}

/// Editor rows for one selector-term list.
fn terms(e: &Callback<Edit>, i: usize, nc: &NodeClass, which: Terms) -> Html {
    let base = format!("node_classes[{i}].{}", which.field());
    let add = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_classes.get_mut(i) {
                match which {
                    Terms::Subnets => x.subnet_selector_terms.push(SelectorTerm::default()),
                    Terms::PodSubnets => x.pod_subnet_selector_terms.push(SelectorTerm::default()),
                    Terms::SecurityGroups => x
                        .security_group_selector_terms
                        .push(SecurityGroupTerm::default()),
                    Terms::PodSecurityGroups => x
                        .pod_security_group_selector_terms
                        .push(SecurityGroupTerm::default()),
                    Terms::CapacityReservations => x
                        .capacity_reservation_selector_terms
                        .push(CapacityReservationTerm::default()),
                }
            }
        }) as Edit
    });
    // Normalise every list to (id, name, owner, tags) rows for display.
    let rows: Vec<TermRow> = match which {
        Terms::Subnets => nc
            .subnet_selector_terms
            .iter()
            .map(|t| (t.id.clone(), None, None, t.tags.clone()))
            .collect(),
        Terms::PodSubnets => nc
            .pod_subnet_selector_terms
            .iter()
            .map(|t| (t.id.clone(), None, None, t.tags.clone()))
            .collect(),
        Terms::SecurityGroups => nc
            .security_group_selector_terms
            .iter()
            .map(|t| (t.id.clone(), t.name.clone(), None, t.tags.clone()))
            .collect(),
        Terms::PodSecurityGroups => nc
            .pod_security_group_selector_terms
            .iter()
            .map(|t| (t.id.clone(), t.name.clone(), None, t.tags.clone()))
            .collect(),
        Terms::CapacityReservations => nc
            .capacity_reservation_selector_terms
            .iter()
            .map(|t| (t.id.clone(), None, t.owner.clone(), t.tags.clone()))
            .collect(),
    };
    let has_name = matches!(which, Terms::SecurityGroups | Terms::PodSecurityGroups);
    let has_owner = matches!(which, Terms::CapacityReservations);
    let set = move |x: &mut NodeClass, j: usize, f: &TermEdit<'_>| {
        let mut none_a = None;
        let mut none_b = None;
        match which {
            Terms::Subnets => {
                if let Some(t) = x.subnet_selector_terms.get_mut(j) {
                    f(&mut t.id, &mut none_a, &mut none_b, &mut t.tags);
                }
            }
            Terms::PodSubnets => {
                if let Some(t) = x.pod_subnet_selector_terms.get_mut(j) {
                    f(&mut t.id, &mut none_a, &mut none_b, &mut t.tags);
                }
            }
            Terms::SecurityGroups => {
                if let Some(t) = x.security_group_selector_terms.get_mut(j) {
                    f(&mut t.id, &mut t.name, &mut none_b, &mut t.tags);
                }
            }
            Terms::PodSecurityGroups => {
                if let Some(t) = x.pod_security_group_selector_terms.get_mut(j) {
                    f(&mut t.id, &mut t.name, &mut none_b, &mut t.tags);
                }
            }
            Terms::CapacityReservations => {
                if let Some(t) = x.capacity_reservation_selector_terms.get_mut(j) {
                    f(&mut t.id, &mut none_a, &mut t.owner, &mut t.tags);
                }
            }
        }
    };
    let remove_row = move |x: &mut NodeClass, j: usize| {
        fn rm<T>(v: &mut Vec<T>, j: usize) {
            if j < v.len() {
                v.remove(j);
            }
        }
        match which {
            Terms::Subnets => rm(&mut x.subnet_selector_terms, j),
            Terms::PodSubnets => rm(&mut x.pod_subnet_selector_terms, j),
            Terms::SecurityGroups => rm(&mut x.security_group_selector_terms, j),
            Terms::PodSecurityGroups => rm(&mut x.pod_security_group_selector_terms, j),
            Terms::CapacityReservations => rm(&mut x.capacity_reservation_selector_terms, j),
        }
    };
    html! { <>
        { for rows.into_iter().enumerate().map(|(j, (id, name, owner, tags))| {
            let tb = format!("{base}[{j}]");
            let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
                if let Some(x) = p.node_classes.get_mut(i) { remove_row(x, j); }
            }) as Edit);
            html! {
                <div class="subitem" key={j} id={fid(&tb)}>
                    <OptTextField path={format!("{tb}.id")} label="id" value={id}
                        onchange={class!(e, i, |x, v: Option<String>| set(x, j, &|a, _, _, _| *a = v.clone()))} />
                    if has_name {
                        <OptTextField path={format!("{tb}.name")} label="name (the group name, not its Name tag)" value={name}
                            onchange={class!(e, i, |x, v: Option<String>| set(x, j, &|_, n, _, _| *n = v.clone()))} />
                    }
                    if has_owner {
                        <OptTextField path={format!("{tb}.owner")} label="owner account (with tags)" value={owner}
                            onchange={class!(e, i, |x, v: Option<String>| set(x, j, &|_, _, o, _| *o = v.clone()))} />
                    }
                    <MapField path={format!("{tb}.tags")} label="tags (all must match; * matches any value)" value={tags}
                        onchange={class!(e, i, |x, v: std::collections::BTreeMap<String, String>| set(x, j, &|_, _, _, t| *t = v.clone()))} />
                    <button type="button" class="danger" onclick={remove} aria-label={format!("Remove term {} of {}", j + 1, which.field())} data-undo={format!("Removed term {} of {}.", j + 1, which.field())}>{ "Remove term" }</button>
                </div>
            }
        }) }
        <button type="button" onclick={add}>{ "Add a term" }</button>
    </> }
}

/// One NodeClass, in a collapsible panel.
pub fn node_class_editor(
    e: &Callback<Edit>,
    i: usize,
    n: usize,
    nc: &NodeClass,
    on_move: &Callback<(usize, isize)>,
    on_remove: &Callback<usize>,
    removal: super::Removal,
) -> Html {
    let base = format!("node_classes[{i}]");
    let an = &nc.advanced_networking;
    let es = &nc.ephemeral_storage;
    let add_nic = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_classes.get_mut(i) {
                let next = x.advanced_networking.network_interfaces.len() as u32;
                x.advanced_networking
                    .network_interfaces
                    .push(NetworkInterface {
                        device_index: next,
                        ..NetworkInterface::default()
                    });
            }
        }) as Edit
    });
    let add_bundle = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_classes.get_mut(i) {
                x.certificate_bundles.push(CertificateBundle {
                    name: "corp-ca".into(),
                    data: String::new(),
                });
            }
        }) as Edit
    });
    let nics: Html = an.network_interfaces.iter().enumerate().map(|(j, nic)| {
        let nb = format!("{base}.advanced_networking.network_interfaces[{j}]");
        let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_classes.get_mut(i) && j < x.advanced_networking.network_interfaces.len() {
                x.advanced_networking.network_interfaces.remove(j);
            }
        }) as Edit);
        fn nic_mut(x: &mut NodeClass, j: usize) -> Option<&mut NetworkInterface> {
            x.advanced_networking.network_interfaces.get_mut(j)
        }
        html! {
            <div class="subitem row" key={j} id={fid(&nb)}>
                <NumberField path={format!("{nb}.network_card_index")} label="Card" value={Some(u64::from(nic.network_card_index))}
                    onchange={class!(e, i, |x, v: Option<u64>| if let (Some(n), Some(v)) = (nic_mut(x, j), v.and_then(|v| u32::try_from(v).ok())) { n.network_card_index = v })} />
                <NumberField path={format!("{nb}.device_index")} label="Device" value={Some(u64::from(nic.device_index))}
                    onchange={class!(e, i, |x, v: Option<u64>| if let (Some(n), Some(v)) = (nic_mut(x, j), v.and_then(|v| u32::try_from(v).ok())) { n.device_index = v })} />
                <SelectField path={format!("{nb}.interface_type")} label="Type" options={opts(&[("interface", "interface"), ("efa-only", "efa-only")])}
                    value={ser(&nic.interface_type)}
                    onchange={class!(e, i, |x, v: String| if let (Some(n), Some(t)) = (nic_mut(x, j), de::<InterfaceType>(&v)) { n.interface_type = t })} />
                <NumberField path={format!("{nb}.secondary_ipv4_count")} label="Secondary IPs" optional=true value={nic.secondary_ipv4_count.map(u64::from)}
                    onchange={class!(e, i, |x, v: Option<u64>| if let Some(n) = nic_mut(x, j) { n.secondary_ipv4_count = v.and_then(|v| u32::try_from(v).ok()) })} />
                <NumberField path={format!("{nb}.secondary_ipv4_prefix_count")} label="Secondary /28s" optional=true value={nic.secondary_ipv4_prefix_count.map(u64::from)}
                    onchange={class!(e, i, |x, v: Option<u64>| if let Some(n) = nic_mut(x, j) { n.secondary_ipv4_prefix_count = v.and_then(|v| u32::try_from(v).ok()) })} />
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove interface {}", j + 1)} data-undo={format!("Removed network interface {}.", j + 1)}>{ "Remove" }</button>
            </div>
        }
    }).collect();
    let bundles: Html = nc.certificate_bundles.iter().enumerate().map(|(j, b)| {
        let bb = format!("{base}.certificate_bundles[{j}]");
        let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_classes.get_mut(i) && j < x.certificate_bundles.len() { x.certificate_bundles.remove(j); }
        }) as Edit);
        html! {
            <div class="subitem" key={j}>
                <TextField path={format!("{bb}.name")} label="Bundle name" value={b.name.clone()}
                    onchange={class!(e, i, |x, v: String| if let Some(b) = x.certificate_bundles.get_mut(j) { b.name = v })} />
                <TextField path={format!("{bb}.data")} label="PEM, base64-encoded" value={b.data.clone()} help="base64 -w0 ca.pem"
                    onchange={class!(e, i, |x, v: String| if let Some(b) = x.certificate_bundles.get_mut(j) { b.data = v })} />
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove bundle {}", j + 1)} data-undo={format!("Removed certificate bundle {}.", j + 1)}>{ "Remove bundle" }</button>
            </div>
        }
    }).collect();
    let pg = nc.placement_group.clone().unwrap_or_default();
    html! {
        <details class="item" key={i} id={fid(&base)} open=true>
            <summary>{ format!("NodeClass {}", nc.name) }</summary>
            <ItemHeader what={format!("NodeClass {}", nc.name)} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()}
                path={base.clone()} undoable={removal.undoable} />
            { removal.confirm }
            <RenameField kind={Kind::NodeClass} index={i} plan={removal.plan.clone()} edit={e.clone()} path={format!("{base}.name")}
                help="Never default: that one belongs to EKS." />
            <SelectField path={format!("{base}.role.mode")} label="Node identity"
                options={opts(&[("cluster_node_role", "The cluster's Auto Mode node role"), ("create", "A new role for this NodeClass"), ("existing", "An existing role"), ("instance_profile", "An existing instance profile")])}
                value={ser(&nc.role.mode)}
                help="A role other than the cluster's node role gets an EC2 access entry with AmazonEKSAutoNodePolicy, or its nodes never join."
                onchange={class!(e, i, |x, v: String| if let Some(m) = de::<NodeClassRoleMode>(&v) { x.role.mode = m })} />
            if nc.role.mode == NodeClassRoleMode::Existing {
                <OptTextField path={format!("{base}.role.role")} label="Role name or ARN" value={nc.role.role.clone()}
                    onchange={class!(e, i, |x, v: Option<String>| x.role.role = v)} />
            }
            if nc.role.mode == NodeClassRoleMode::InstanceProfile {
                <OptTextField path={format!("{base}.role.instance_profile")} label="Instance profile name" value={nc.role.instance_profile.clone()}
                    help="Must start with eks." onchange={class!(e, i, |x, v: Option<String>| x.role.instance_profile = v)} />
            }
            <fieldset class="group" id={fid(&format!("{base}.subnet_selector_terms"))}>
                <legend>{ "Subnets" }</legend>
                <p class="help">{ "None: the cluster's private (node) subnets. Terms are ORed; within a term everything must match." }</p>
                { terms(e, i, nc, Terms::Subnets) }
            </fieldset>
            <fieldset class="group" id={fid(&format!("{base}.security_group_selector_terms"))}>
                <legend>{ "Security groups" }</legend>
                <p class="help">{ "None: the EKS cluster security group." }</p>
                { terms(e, i, nc, Terms::SecurityGroups) }
            </fieldset>
            <details class="advanced">
                <summary>{ "Data volume" }</summary>
                <TextField path={format!("{base}.ephemeral_storage.size")} label="Size" value={es.size.clone()} placeholder="80Gi"
                    help="The node's EBS data volume for images and emptyDir. Default 80Gi gp3."
                    onchange={class!(e, i, |x, v: String| x.ephemeral_storage.size = v)} />
                <div class="row">
                    <NumberField path={format!("{base}.ephemeral_storage.iops")} label="IOPS" value={Some(u64::from(es.iops))} min={3000} max={16000}
                        onchange={class!(e, i, |x, v: Option<u64>| if let Some(v) = v.and_then(|v| u32::try_from(v).ok()) { x.ephemeral_storage.iops = v })} />
                    <NumberField path={format!("{base}.ephemeral_storage.throughput")} label="Throughput (MiB/s)" value={Some(u64::from(es.throughput))} min={125} max={1000}
                        onchange={class!(e, i, |x, v: Option<u64>| if let Some(v) = v.and_then(|v| u32::try_from(v).ok()) { x.ephemeral_storage.throughput = v })} />
                </div>
                <OptTextField path={format!("{base}.ephemeral_storage.kms_key_id")} label="KMS key (optional)" value={es.kms_key_id.clone()}
                    help="Default: the AWS-managed aws/ebs key. A customer key needs a key policy for the cluster role."
                    onchange={class!(e, i, |x, v: Option<String>| x.ephemeral_storage.kms_key_id = v)} />
            </details>
            <details class="advanced">
                <summary>{ "Networking" }</summary>
                <SelectField path={format!("{base}.snat_policy")} label="SNAT" options={opts(&[("Random", "Random (default)"), ("Disabled", "Disabled")])}
                    value={ser(&nc.snat_policy)} help="Disabled keeps pod IPs on traffic leaving the VPC; then pods need a NAT for the internet."
                    onchange={class!(e, i, |x, v: String| if let Some(s) = de::<SnatPolicy>(&v) { x.snat_policy = s })} />
                <SelectField path={format!("{base}.network_policy")} label="Network policy default"
                    options={opts(&[("DefaultAllow", "Allow until policies apply (default)"), ("DefaultDeny", "Deny until a policy allows")])}
                    value={ser(&nc.network_policy)}
                    onchange={class!(e, i, |x, v: String| if let Some(s) = de::<NetworkPolicyDefault>(&v) { x.network_policy = s })} />
                <SelectField path={format!("{base}.network_policy_event_logs")} label="Network policy event logs"
                    options={opts(&[("Disabled", "Disabled (default)"), ("Enabled", "Enabled")])} value={ser(&nc.network_policy_event_logs)}
                    onchange={class!(e, i, |x, v: String| if let Some(s) = de::<Toggle>(&v) { x.network_policy_event_logs = s })} />
                <SelectField path={format!("{base}.advanced_networking.associate_public_ip_address")} label="Public IP addresses"
                    options={tri_opts("Subnet's default")} value={tri(an.associate_public_ip_address)}
                    onchange={class!(e, i, |x, v: String| x.advanced_networking.associate_public_ip_address = parse_tri(&v))} />
                <SelectField path={format!("{base}.advanced_networking.ipv4_prefix_size")} label="Pod IP allocation"
                    options={opts(&[("", "Default (prefix delegation)"), ("Auto", "Auto: /28 prefixes"), ("32", "32: one IP at a time")])}
                    value={ser(&an.ipv4_prefix_size)} help="One IP at a time wastes fewer addresses when nodes run few pods."
                    onchange={class!(e, i, |x, v: String| x.advanced_networking.ipv4_prefix_size = de::<Ipv4PrefixSize>(&v))} />
                <SelectField path={format!("{base}.advanced_networking.enable_v4_egress")} label="IPv4 egress for IPv6 pods"
                    options={tri_opts("Default (on)")} value={tri(an.enable_v4_egress)}
                    onchange={class!(e, i, |x, v: String| x.advanced_networking.enable_v4_egress = parse_tri(&v))} />
                <OptTextField path={format!("{base}.advanced_networking.https_proxy")} label="HTTPS proxy" value={an.https_proxy.clone()}
                    placeholder="http://proxy.internal:3128"
                    onchange={class!(e, i, |x, v: Option<String>| x.advanced_networking.https_proxy = v)} />
                <ListField path={format!("{base}.advanced_networking.no_proxy")} label="No proxy for" value={an.no_proxy.clone()}
                    placeholder="localhost, 127.0.0.1, 169.254.169.254, .internal, .eks.amazonaws.com"
                    onchange={class!(e, i, |x, v: Vec<String>| x.advanced_networking.no_proxy = v)} />
                <fieldset class="group" id={fid(&format!("{base}.advanced_networking.network_interfaces"))}>
                    <legend>{ "Static network interfaces" }</legend>
                    { nics }
                    <button type="button" onclick={add_nic}>{ "Add an interface" }</button>
                </fieldset>
                <fieldset class="group" id={fid(&format!("{base}.pod_subnet_selector_terms"))}>
                    <legend>{ "Pod subnets" }</legend>
                    <p class="help">{ "Put pod network interfaces in other subnets (same AZ as the node). Needs pod security groups too." }</p>
                    { terms(e, i, nc, Terms::PodSubnets) }
                </fieldset>
                <fieldset class="group" id={fid(&format!("{base}.pod_security_group_selector_terms"))}>
                    <legend>{ "Pod security groups" }</legend>
                    { terms(e, i, nc, Terms::PodSecurityGroups) }
                </fieldset>
            </details>
            <details class="advanced">
                <summary>{ "Capacity and placement" }</summary>
                <fieldset class="group" id={fid(&format!("{base}.capacity_reservation_selector_terms"))}>
                    <legend>{ "Capacity reservations" }</legend>
                    <p class="help">{ "Selecting any stops Auto Mode using open ODCRs automatically across the cluster." }</p>
                    { terms(e, i, nc, Terms::CapacityReservations) }
                </fieldset>
                <div class="row" id={fid(&format!("{base}.placement_group"))}>
                    <OptTextField path={format!("{base}.placement_group.name")} label="Placement group name" value={pg.name.clone()}
                        onchange={class!(e, i, |x, v: Option<String>| {
                            let mut g = x.placement_group.clone().unwrap_or_default();
                            g.name = v;
                            x.placement_group = (g != PlacementGroupSelector::default()).then_some(g);
                        })} />
                    <OptTextField path={format!("{base}.placement_group.id")} label="or id" value={pg.id.clone()}
                        onchange={class!(e, i, |x, v: Option<String>| {
                            let mut g = x.placement_group.clone().unwrap_or_default();
                            g.id = v;
                            x.placement_group = (g != PlacementGroupSelector::default()).then_some(g);
                        })} />
                </div>
            </details>
            <details class="advanced">
                <summary>{ "Security, certificates and tags" }</summary>
                <SelectField path={format!("{base}.advanced_security.fips")} label="FIPS AMIs" options={tri_opts("Default (off)")}
                    value={tri(nc.advanced_security.fips)} help="US, GovCloud and Canada regions only."
                    onchange={class!(e, i, |x, v: String| x.advanced_security.fips = parse_tri(&v))} />
                <SelectField path={format!("{base}.advanced_security.kernel_lockdown")} label="Kernel lockdown"
                    options={opts(&[("", "Default"), ("integrity", "integrity"), ("none", "none")])} value={ser(&nc.advanced_security.kernel_lockdown)}
                    onchange={class!(e, i, |x, v: String| x.advanced_security.kernel_lockdown = de::<KernelLockdown>(&v))} />
                <fieldset class="group" id={fid(&format!("{base}.certificate_bundles"))}>
                    <legend>{ "CA certificate bundles" }</legend>
                    { bundles }
                    <button type="button" onclick={add_bundle}>{ "Add a bundle" }</button>
                </fieldset>
                <MapField path={format!("{base}.tags")} label="EC2 tags" value={nc.tags.clone()}
                    help="Need the custom-tag policy on the cluster role, which the planner adds."
                    onchange={class!(e, i, |x, v: std::collections::BTreeMap<String, String>| x.tags = v)} />
            </details>
        </details>
    }
}
