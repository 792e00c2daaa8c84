//! The `access` section (and the authentication mode).

use eksplan_core::catalog::policies::PEOPLE_ACCESS_POLICIES;
use eksplan_core::plan::{
    AccessEntry, AccessEntryType, AccessPolicy, AccessScope, AuthenticationMode,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// Who may use the Kubernetes API.
#[component]
pub fn AccessSection(p: &SectionProps) -> Html {
    let a = &p.plan.access;
    let e = &p.edit;
    let (on_move, on_remove) = list_ops(e, |p| &mut p.access.entries);
    let add = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| p.access.entries.push(AccessEntry::default())) as Edit
    });
    let n = a.entries.len();
    let body = html! { <>
        <SelectField path="auto_mode.authentication_mode" label="Authentication mode"
            options={opts(&[("API", "Access entries (API)"), ("API_AND_CONFIG_MAP", "Access entries and aws-auth (API_AND_CONFIG_MAP)")])}
            value={ser(&p.plan.auto_mode.authentication_mode)}
            help="Auto Mode needs access entries. The mode can later move to API, never back."
            onchange={setter(e, |p, v: String| if let Some(m) = de::<AuthenticationMode>(&v) { p.auto_mode.authentication_mode = m })} />
        <CheckField path="access.cluster_creator_admin" label="Make whoever runs terraform apply cluster-admin" value={a.cluster_creator_admin}
            help="As an explicit access entry you can see and remove, not the hidden bootstrap grant AWS uses by default."
            onchange={setter(e, |p, v: bool| p.access.cluster_creator_admin = v)} />
        <CheckField path="access.admin_role.enabled" label="Create an administrator role" value={a.admin_role.enabled}
            help="A role that holds only sts:GetCallerIdentity in AWS and AmazonEKSClusterAdminPolicy in the cluster. People and CI assume it to use kubectl, so who is cluster-admin is decided by who may assume one role."
            onchange={setter(e, |p, v: bool| p.access.admin_role.enabled = v)} />
        if a.admin_role.enabled {
            <OptTextField path="access.admin_role.name" label="Administrator role name (optional)" value={a.admin_role.name.clone()}
                placeholder={format!("{}-admin", p.plan.cluster.name)}
                onchange={setter(e, |p, v: Option<String>| p.access.admin_role.name = v)} />
            <ListField path="access.admin_role.trusted_principals" label="Who may assume it (optional)" value={a.admin_role.trusted_principals.clone()}
                placeholder="arn:aws:iam::111122223333:role/platform-team"
                help="IAM role or user ARNs. Empty: the account, so the account's IAM policies decide who may assume it."
                onchange={setter(e, |p, v: Vec<String>| p.access.admin_role.trusted_principals = v)} />
        }
        <h3>{ "Access entries" }</h3>
        { for a.entries.iter().enumerate().map(|(i, entry)| entry_editor(e, i, n, entry, &on_move, &on_remove)) }
        <button type="button" id="f-access-entries-add" onclick={add}>{ "Add an access entry" }</button>
    </> };
    card(
        "access",
        "Access",
        "Who can use the Kubernetes API, through IAM principals and EKS access policies.",
        body,
    )
}

/// The access policies the picker offers: only those meant for people and
/// CI. The AWS-internal ones are for the entries the planner writes itself
/// (validation rejects them on a person's entry). A policy the plan already
/// names that is not offered (an AWS service's policy, or a full ARN, in an
/// imported plan) is added at the end so the select can show it.
fn policy_options(current: &str) -> Vec<(AttrValue, AttrValue)> {
    let mut v: Vec<(AttrValue, AttrValue)> = PEOPLE_ACCESS_POLICIES
        .iter()
        .map(|p| (AttrValue::Static(p), AttrValue::Static(p)))
        .collect();
    if !PEOPLE_ACCESS_POLICIES.contains(&current) {
        let c = AttrValue::from(current.to_owned());
        v.push((c.clone(), c));
    }
    v
}

fn entry_editor(
    e: &Callback<Edit>,
    i: usize,
    n: usize,
    entry: &AccessEntry,
    on_move: &Callback<(usize, isize)>,
    on_remove: &Callback<usize>,
) -> Html {
    let base = format!("access.entries[{i}]");
    let name = entry
        .principal_arn
        .rsplit('/')
        .next()
        .unwrap_or("entry")
        .to_owned();
    let add_policy = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.access.entries.get_mut(i) {
                x.policies.push(AccessPolicy::default());
            }
        }) as Edit
    });
    let policies = entry.policies.iter().enumerate().map(|(j, pol)| {
        let pbase = format!("{base}.policies[{j}]");
        let remove = e.reform(move |_: MouseEvent| {
            Rc::new(move |p: &mut eksplan_core::Plan| {
                if let Some(x) = p.access.entries.get_mut(i)
                    && j < x.policies.len()
                {
                    x.policies.remove(j);
                }
            }) as Edit
        });
        html! {
            <div class="subitem" key={j}>
                <SelectField path={format!("{pbase}.policy")} label="Access policy" options={policy_options(&pol.policy)}
                    value={pol.policy.clone()}
                    onchange={setter(e, move |p, v: String| if let Some(x) = p.access.entries.get_mut(i).and_then(|x| x.policies.get_mut(j)) { x.policy = v })} />
                <SelectField path={format!("{pbase}.scope")} label="Scope"
                    options={opts(&[("cluster", "Whole cluster"), ("namespace", "Namespaces")])} value={ser(&pol.scope)}
                    onchange={setter(e, move |p, v: String| if let (Some(x), Some(s)) = (p.access.entries.get_mut(i).and_then(|x| x.policies.get_mut(j)), de::<AccessScope>(&v)) { x.scope = s })} />
                if pol.scope == AccessScope::Namespace {
                    <ListField path={format!("{pbase}.namespaces")} label="Namespaces" value={pol.namespaces.clone()}
                        placeholder="team-a, staging-*" help="A trailing * matches a prefix."
                        onchange={setter(e, move |p, v: Vec<String>| if let Some(x) = p.access.entries.get_mut(i).and_then(|x| x.policies.get_mut(j)) { x.namespaces = v })} />
                }
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove policy {} of {name}", j + 1)} data-undo={format!("Removed policy {} of access entry {name}.", j + 1)}>{ "Remove policy" }</button>
            </div>
        }
    });
    html! {
        <fieldset class="item" key={i} id={fid(&base)}>
            <legend>{ format!("Access entry {}: {}", i + 1, if entry.principal_arn.is_empty() { "new" } else { &name }) }</legend>
            <ItemHeader what={format!("access entry {}", i + 1)} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()} path={base.clone()} />
            <TextField path={format!("{base}.principal_arn")} label="IAM role or user ARN" value={entry.principal_arn.clone()}
                placeholder="arn:aws:iam::111122223333:role/PlatformAdmins"
                onchange={setter(e, move |p, v: String| if let Some(x) = p.access.entries.get_mut(i) { x.principal_arn = v })} />
            <SelectField path={format!("{base}.type")} label="Type"
                options={opts(&[("STANDARD", "STANDARD (people, CI)"), ("EC2", "EC2 (Auto Mode node role)"), ("EC2_LINUX", "EC2_LINUX"), ("EC2_WINDOWS", "EC2_WINDOWS"), ("FARGATE_LINUX", "FARGATE_LINUX"), ("HYBRID_LINUX", "HYBRID_LINUX")])}
                value={ser(&entry.entry_type)}
                onchange={setter(e, move |p, v: String| if let (Some(x), Some(t)) = (p.access.entries.get_mut(i), de::<AccessEntryType>(&v)) { x.entry_type = t })} />
            if entry.entry_type == AccessEntryType::Standard {
                <ListField path={format!("{base}.kubernetes_groups")} label="Kubernetes groups (optional)" value={entry.kubernetes_groups.clone()}
                    help="For RBAC bindings you manage yourself."
                    onchange={setter(e, move |p, v: Vec<String>| if let Some(x) = p.access.entries.get_mut(i) { x.kubernetes_groups = v })} />
                <OptTextField path={format!("{base}.username")} label="Kubernetes username (optional)" value={entry.username.clone()}
                    onchange={setter(e, move |p, v: Option<String>| if let Some(x) = p.access.entries.get_mut(i) { x.username = v })} />
            }
            { for policies }
            <button type="button" onclick={add_policy}>{ "Add an access policy" }</button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::policy_options;
    use eksplan_core::catalog::policies::{AccessPolicyAudience, access_policy_audience};

    #[test]
    fn the_picker_offers_only_policies_for_people() {
        let offered = policy_options("AmazonEKSViewPolicy");
        assert_eq!(offered.len(), 6);
        for (value, _) in &offered {
            assert_eq!(
                access_policy_audience(value),
                Some(AccessPolicyAudience::People),
                "{value}"
            );
        }
        assert!(!offered.iter().any(|(v, _)| v == "AmazonEKSAutoNodePolicy"));
        assert!(
            !offered
                .iter()
                .any(|(v, _)| v == "AmazonEKSBlockStoragePolicy")
        );
        // What an imported plan names stays visible.
        let imported = policy_options("AWSBackupFullAccessPolicyForBackup");
        assert_eq!(imported.len(), 7);
        assert_eq!(imported[6].0, "AWSBackupFullAccessPolicyForBackup");
    }
}
