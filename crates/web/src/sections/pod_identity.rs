//! The `pod_identity` section.

use eksplan_core::plan::{PodIdentityAssociation, RoleMode};
use std::rc::Rc;
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// EKS Pod Identity associations.
#[component]
pub fn PodIdentitySection(p: &SectionProps) -> Html {
    let e = &p.edit;
    let list = &p.plan.pod_identity;
    let (on_move, on_remove) = list_ops(e, |p| &mut p.pod_identity);
    let add = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| p.pod_identity.push(PodIdentityAssociation::default()))
            as Edit
    });
    let n = list.len();
    let body = html! { <>
        { for list.iter().enumerate().map(|(i, a)| {
            let base = format!("pod_identity[{i}]");
            html! {
                <fieldset class="item" key={i} id={fid(&base)}>
                    <legend>{ format!("{}/{}", a.namespace, a.service_account) }</legend>
                    <ItemHeader what={format!("association {}/{}", a.namespace, a.service_account)} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()} path={base.clone()} />
                    <TextField path={format!("{base}.namespace")} label="Namespace" value={a.namespace.clone()}
                        onchange={setter(e, move |p, v: String| if let Some(x) = p.pod_identity.get_mut(i) { x.namespace = v })} />
                    <TextField path={format!("{base}.service_account")} label="Service account" value={a.service_account.clone()}
                        onchange={setter(e, move |p, v: String| if let Some(x) = p.pod_identity.get_mut(i) { x.service_account = v })} />
                    <SelectField path={format!("{base}.role_mode")} label="IAM role"
                        options={opts(&[("create", "Create a role from managed policies"), ("existing", "Use an existing role")])} value={ser(&a.role_mode)}
                        onchange={setter(e, move |p, v: String| if let (Some(x), Some(m)) = (p.pod_identity.get_mut(i), de::<RoleMode>(&v)) { x.role_mode = m })} />
                    if a.role_mode == RoleMode::Existing {
                        <OptTextField path={format!("{base}.role_arn")} label="Role ARN" value={a.role_arn.clone()}
                            help="The role must trust pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession."
                            onchange={setter(e, move |p, v: Option<String>| if let Some(x) = p.pod_identity.get_mut(i) { x.role_arn = v })} />
                    } else {
                        <ListField path={format!("{base}.managed_policy_arns")} label="Managed policy ARNs" value={a.managed_policy_arns.clone()}
                            placeholder="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
                            help="Grant only what the pods need; the trust policy is limited to this account and cluster."
                            onchange={setter(e, move |p, v: Vec<String>| if let Some(x) = p.pod_identity.get_mut(i) { x.managed_policy_arns = v })} />
                    }
                </fieldset>
            }
        }) }
        <button type="button" id="f-pod_identity-add" onclick={add}>{ "Add a Pod Identity association" }</button>
    </> };
    card(
        "pod_identity",
        "Pod Identity",
        "Give the pods of one service account an IAM role. Auto Mode runs the Pod Identity agent itself; no add-on is needed.",
        body,
    )
}
