//! The `capabilities` section: EKS Capabilities (managed Argo CD, ACK,
//! kro).

use eksplan_core::catalog::policies::ACCESS_POLICIES;
use eksplan_core::plan::{
    AccessPolicy, AccessScope, ArgoCdRole, ArgoCdRoleMapping, Capability, CapabilityType,
    DELETE_PROPAGATION_RETAIN, RoleMode, SsoIdentity, SsoIdentityType,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// An edit of capability `i`, ignored if it was removed meanwhile.
fn cap_edit(
    e: &Callback<Edit>,
    i: usize,
    f: impl Fn(&mut Capability) + 'static,
) -> Callback<MouseEvent> {
    let f = Rc::new(f);
    e.reform(move |_: MouseEvent| {
        let f = f.clone();
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(c) = p.capabilities.get_mut(i) {
                f(c);
            }
        }) as Edit
    })
}

/// A setter of a field of capability `i`.
fn cap_set<T: Clone + 'static>(
    e: &Callback<Edit>,
    i: usize,
    f: impl Fn(&mut Capability, T) + 'static,
) -> Callback<T> {
    setter(e, move |p, v: T| {
        if let Some(c) = p.capabilities.get_mut(i) {
            f(c, v);
        }
    })
}

/// Managed Argo CD, ACK and kro.
#[component]
pub fn CapabilitiesSection(p: &SectionProps) -> Html {
    let e = &p.edit;
    let caps = &p.plan.capabilities;
    let (on_move, on_remove) = list_ops(e, |p| &mut p.capabilities);
    let free = CapabilityType::ALL
        .iter()
        .copied()
        .find(|t| !caps.iter().any(|c| c.capability_type == *t));
    let add = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            let t = CapabilityType::ALL
                .iter()
                .copied()
                .find(|t| !p.capabilities.iter().any(|c| c.capability_type == *t))
                .unwrap_or(CapabilityType::Ack);
            p.capabilities.push(Capability {
                capability_type: t,
                ..Capability::default()
            });
        }) as Edit
    });
    let n = caps.len();
    let body = html! { <>
        { for caps.iter().enumerate().map(|(i, c)| capability_editor(e, i, n, c, &on_move, &on_remove)) }
        <button type="button" onclick={add} disabled={free.is_none()}>
            { match free {
                Some(t) => format!("Add a capability ({})", t.title()),
                None => "Every capability type is in the plan".to_owned(),
            } }
        </button>
    </> };
    card(
        "capabilities",
        "EKS Capabilities",
        "Argo CD, ACK and kro, run and upgraded by AWS outside the cluster: they use no node capacity. One of each type per cluster; each has an IAM role trusted by capabilities.eks.amazonaws.com, and EKS gives that role an access entry of its own.",
        body,
    )
}

fn capability_editor(
    e: &Callback<Edit>,
    i: usize,
    n: usize,
    c: &Capability,
    on_move: &Callback<(usize, isize)>,
    on_remove: &Callback<usize>,
) -> Html {
    let base = format!("capabilities[{i}]");
    let name = c.effective_name();
    let type_opts = opts(&[
        ("ARGOCD", "Argo CD (GitOps delivery)"),
        ("ACK", "ACK (AWS resources as Kubernetes objects)"),
        ("KRO", "kro (compose resources into new APIs)"),
    ]);
    let policy_help = match c.capability_type {
        CapabilityType::Ack => {
            "What ACK may create and manage in AWS: nothing until you list policies. Grant exactly the services it should manage."
        }
        CapabilityType::ArgoCd => {
            "Argo CD needs none, unless it reads Helm charts from ECR, secrets from Secrets Manager or repositories through CodeConnections."
        }
        CapabilityType::Kro => "kro needs no IAM permissions; leave this empty.",
    };
    html! {
        <fieldset class="item" key={i} id={fid(&base)}>
            <legend>{ format!("{} capability `{name}`", c.capability_type.title()) }</legend>
            <ItemHeader what={format!("capability {name}")} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()} />
            <SelectField path={format!("{base}.type")} label="Type" options={type_opts} value={ser(&c.capability_type)}
                onchange={cap_set(e, i, |c, v: String| if let Some(t) = de::<CapabilityType>(&v) { c.capability_type = t })} />
            <OptTextField path={format!("{base}.name")} label="Name (optional)" value={c.name.clone()}
                placeholder={AttrValue::Static(c.capability_type.default_name())}
                help="Unique in the cluster: letters, digits, - and _. Defaults to the type."
                onchange={cap_set(e, i, |c, v: Option<String>| c.name = v)} />
            <SelectField path={format!("{base}.role_mode")} label="IAM role"
                options={opts(&[("create", "Create it (trusts capabilities.eks.amazonaws.com)"), ("existing", "Use an existing role")])}
                value={ser(&c.role_mode)}
                onchange={cap_set(e, i, |c, v: String| if let Some(m) = de::<RoleMode>(&v) { c.role_mode = m })} />
            if c.role_mode == RoleMode::Existing {
                <OptTextField path={format!("{base}.role_arn")} label="Role ARN" value={c.role_arn.clone()}
                    placeholder="arn:aws:iam::111122223333:role/ArgoCDCapabilityRole"
                    help="It must trust capabilities.eks.amazonaws.com with sts:AssumeRole and sts:TagSession. Do not give it an access entry yourself: EKS creates one."
                    onchange={cap_set(e, i, |c, v: Option<String>| c.role_arn = v)} />
            } else {
                <ListField path={format!("{base}.managed_policy_arns")} label="Managed policy ARNs" value={c.managed_policy_arns.clone()}
                    placeholder="arn:aws:iam::aws:policy/AmazonS3FullAccess" help={AttrValue::Static(policy_help)}
                    onchange={cap_set(e, i, |c, v: Vec<String>| c.managed_policy_arns = v)} />
            }
            { access_policies(e, i, &base, c) }
            if c.delete_propagation_policy != DELETE_PROPAGATION_RETAIN {
                <SelectField path={format!("{base}.delete_propagation_policy")} label="When the capability is deleted"
                    options={vec![
                        (AttrValue::Static(DELETE_PROPAGATION_RETAIN), AttrValue::Static("Keep its resources (RETAIN)")),
                        (AttrValue::from(c.delete_propagation_policy.clone()), AttrValue::from(format!("{} (not accepted by EKS)", c.delete_propagation_policy))),
                    ]}
                    value={AttrValue::from(c.delete_propagation_policy.clone())}
                    help="EKS accepts only RETAIN: the capability's resources stay in the cluster."
                    onchange={cap_set(e, i, |c, v: String| c.delete_propagation_policy = v)} />
            }
            if c.capability_type == CapabilityType::ArgoCd {
                { argocd_editor(e, i, &base, c) }
            }
        </fieldset>
    }
}

fn access_policies(e: &Callback<Edit>, i: usize, base: &str, c: &Capability) -> Html {
    let policy_opts: Vec<(AttrValue, AttrValue)> = ACCESS_POLICIES
        .iter()
        .map(|p| (AttrValue::Static(p), AttrValue::Static(p)))
        .collect();
    let add = cap_edit(e, i, |c| c.access_policies.push(AccessPolicy::default()));
    let own = match c.capability_type {
        CapabilityType::ArgoCd => {
            "EKS gives Argo CD AmazonEKSArgoCDClusterPolicy and AmazonEKSArgoCDPolicy (its namespace) only: add what it deploys, for example AmazonEKSAdminViewPolicy for the cluster and AmazonEKSEditPolicy for your namespaces."
        }
        CapabilityType::Ack => "EKS gives ACK AmazonEKSACKPolicy (every ACK resource).",
        CapabilityType::Kro => {
            "EKS gives kro AmazonEKSKROPolicy only: add what its graphs create, for example AmazonEKSEditPolicy for your namespaces."
        }
    };
    let rows = c.access_policies.iter().enumerate().map(|(j, pol)| {
        let pbase = format!("{base}.access_policies[{j}]");
        let remove = cap_edit(e, i, move |c| {
            if j < c.access_policies.len() {
                c.access_policies.remove(j);
            }
        });
        html! {
            <div class="subitem" key={j}>
                <SelectField path={format!("{pbase}.policy")} label="Access policy" options={policy_opts.clone()}
                    value={pol.policy.clone()}
                    onchange={cap_set(e, i, move |c, v: String| if let Some(x) = c.access_policies.get_mut(j) { x.policy = v })} />
                <SelectField path={format!("{pbase}.scope")} label="Scope"
                    options={opts(&[("cluster", "Whole cluster"), ("namespace", "Namespaces")])} value={ser(&pol.scope)}
                    onchange={cap_set(e, i, move |c, v: String| if let (Some(x), Some(s)) = (c.access_policies.get_mut(j), de::<AccessScope>(&v)) { x.scope = s })} />
                if pol.scope == AccessScope::Namespace {
                    <ListField path={format!("{pbase}.namespaces")} label="Namespaces" value={pol.namespaces.clone()}
                        placeholder="apps, team-*" help="A trailing * matches a prefix."
                        onchange={cap_set(e, i, move |c, v: Vec<String>| if let Some(x) = c.access_policies.get_mut(j) { x.namespaces = v })} />
                }
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove access policy {}", j + 1)}>{ "Remove policy" }</button>
            </div>
        }
    });
    html! { <>
        <h4 id={fid(&format!("{base}.access_policies"))}>{ "Kubernetes access" }</h4>
        <p class="help">{ own }</p>
        { for rows }
        <button type="button" onclick={add}>{ "Add an access policy" }</button>
    </> }
}

fn argocd_editor(e: &Callback<Edit>, i: usize, base: &str, c: &Capability) -> Html {
    let a = &c.argocd;
    let abase = format!("{base}.argocd");
    let add_mapping = cap_edit(e, i, |c| {
        let used: Vec<ArgoCdRole> = c.argocd.rbac_role_mappings.iter().map(|m| m.role).collect();
        let role = [ArgoCdRole::Admin, ArgoCdRole::Editor, ArgoCdRole::Viewer]
            .into_iter()
            .find(|r| !used.contains(r))
            .unwrap_or(ArgoCdRole::Viewer);
        c.argocd.rbac_role_mappings.push(ArgoCdRoleMapping {
            role,
            identities: vec![SsoIdentity::default()],
        });
    });
    let mappings = a.rbac_role_mappings.iter().enumerate().map(|(m, mapping)| {
        let mbase = format!("{abase}.rbac_role_mappings[{m}]");
        let remove = cap_edit(e, i, move |c| {
            if m < c.argocd.rbac_role_mappings.len() {
                c.argocd.rbac_role_mappings.remove(m);
            }
        });
        let add_identity = cap_edit(e, i, move |c| {
            if let Some(x) = c.argocd.rbac_role_mappings.get_mut(m) {
                x.identities.push(SsoIdentity::default());
            }
        });
        let identities = mapping.identities.iter().enumerate().map(|(k, ident)| {
            let ibase = format!("{mbase}.identities[{k}]");
            let remove = cap_edit(e, i, move |c| {
                if let Some(x) = c.argocd.rbac_role_mappings.get_mut(m)
                    && k < x.identities.len()
                {
                    x.identities.remove(k);
                }
            });
            html! {
                <div class="subitem" key={k}>
                    <SelectField path={format!("{ibase}.type")} label="Identity"
                        options={opts(&[("SSO_GROUP", "Identity Center group"), ("SSO_USER", "Identity Center user")])}
                        value={ser(&ident.identity_type)}
                        onchange={cap_set(e, i, move |c, v: String| if let (Some(x), Some(t)) = (c.argocd.rbac_role_mappings.get_mut(m).and_then(|x| x.identities.get_mut(k)), de::<SsoIdentityType>(&v)) { x.identity_type = t })} />
                    <TextField path={format!("{ibase}.id")} label="Identity Store id" value={ident.id.clone()}
                        placeholder="686103e0-f051-7068-b225-e6392b959d9e"
                        help="The id, not the name: aws identitystore list-groups --identity-store-id ID."
                        onchange={cap_set(e, i, move |c, v: String| if let Some(x) = c.argocd.rbac_role_mappings.get_mut(m).and_then(|x| x.identities.get_mut(k)) { x.id = v })} />
                    <button type="button" class="danger" onclick={remove} aria-label={format!("Remove identity {} of role mapping {}", k + 1, m + 1)}>{ "Remove identity" }</button>
                </div>
            }
        });
        html! {
            <div class="subitem" key={m} id={fid(&mbase)}>
                <SelectField path={format!("{mbase}.role")} label="Argo CD role"
                    options={opts(&[("ADMIN", "ADMIN (everything)"), ("EDITOR", "EDITOR (projects and project roles)"), ("VIEWER", "VIEWER (read-only)")])}
                    value={ser(&mapping.role)}
                    onchange={cap_set(e, i, move |c, v: String| if let (Some(x), Some(r)) = (c.argocd.rbac_role_mappings.get_mut(m), de::<ArgoCdRole>(&v)) { x.role = r })} />
                { for identities }
                <button type="button" onclick={add_identity}>{ "Add an identity" }</button>
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove role mapping {}", m + 1)}>{ "Remove role mapping" }</button>
            </div>
        }
    });
    html! { <>
        <h4>{ "Argo CD" }</h4>
        <TextField path={format!("{abase}.idc_instance_arn")} label="IAM Identity Center instance ARN" value={a.idc_instance_arn.clone()}
            placeholder="arn:aws:sso:::instance/ssoins-0123456789abcdef"
            help="Argo CD has no local users: people sign in through Identity Center. aws sso-admin list-instances prints the ARN."
            onchange={cap_set(e, i, |c, v: String| c.argocd.idc_instance_arn = v)} />
        <OptTextField path={format!("{abase}.idc_region")} label="Identity Center region (optional)" value={a.idc_region.clone()}
            placeholder="the cluster's region"
            help="Only when the Identity Center instance is in another region than the cluster."
            onchange={cap_set(e, i, |c, v: Option<String>| c.argocd.idc_region = v)} />
        <TextField path={format!("{abase}.namespace")} label="Namespace" value={a.namespace.clone()}
            help="Where Argo CD's Applications live (one namespace). Keep unrelated secrets out of it: Argo CD reads every secret there."
            onchange={cap_set(e, i, |c, v: String| c.argocd.namespace = v)} />
        <h4 id={fid(&format!("{abase}.rbac_role_mappings"))}>{ "Who may sign in" }</h4>
        <p class="help">{ "Map Identity Center groups to Argo CD's global roles; nobody can sign in without a mapping. Give most people VIEWER and grant Applications through project roles." }</p>
        { for mappings }
        <button type="button" onclick={add_mapping}>{ "Add a role mapping" }</button>
        <ListField path={format!("{abase}.vpc_endpoint_ids")} label="Private access through VPC endpoints (optional)" value={a.vpc_endpoint_ids.clone()}
            placeholder="vpce-0123456789abcdef0"
            help="With endpoints listed, the Argo CD UI and API are reachable only through them (eks-capabilities.REGION.amazonaws.com)."
            onchange={cap_set(e, i, |c, v: Vec<String>| c.argocd.vpc_endpoint_ids = v)} />
    </> }
}
