//! The `pod_identity` section.

use eksplan_core::plan::{
    PodIdentityAssociation, PolicyStatement, RoleMode, S3Access, S3AccessLevel,
};
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
                        options={opts(&[("create", "Create a role (managed policies, S3 access, an inline policy)"), ("existing", "Use an existing role")])} value={ser(&a.role_mode)}
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
                        { role_permissions(e, i, a) }
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

/// A setter for one S3 access of association `i`.
fn s3_set<T: Clone + 'static>(
    e: &Callback<Edit>,
    i: usize,
    j: usize,
    f: fn(&mut S3Access, T),
) -> Callback<T> {
    setter(e, move |p, v: T| {
        if let Some(x) = p
            .pod_identity
            .get_mut(i)
            .and_then(|a| a.s3_access.get_mut(j))
        {
            f(x, v);
        }
    })
}

/// A setter for one inline statement of association `i`.
fn statement_set<T: Clone + 'static>(
    e: &Callback<Edit>,
    i: usize,
    j: usize,
    f: fn(&mut PolicyStatement, T),
) -> Callback<T> {
    setter(e, move |p, v: T| {
        if let Some(x) = p
            .pod_identity
            .get_mut(i)
            .and_then(|a| a.inline_policy.get_mut(j))
        {
            f(x, v);
        }
    })
}

/// An edit of association `i`, ignored if it was removed meanwhile.
fn on_association(
    e: &Callback<Edit>,
    i: usize,
    f: impl Fn(&mut PodIdentityAssociation) + 'static,
) -> Callback<MouseEvent> {
    let f = Rc::new(f);
    e.reform(move |_: MouseEvent| {
        let f = f.clone();
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(a) = p.pod_identity.get_mut(i) {
                f(a);
            }
        }) as Edit
    })
}

/// The created role's own permissions: the S3 access builder and inline
/// statements.
fn role_permissions(e: &Callback<Edit>, i: usize, a: &PodIdentityAssociation) -> Html {
    let base = format!("pod_identity[{i}]");
    let s3 = a.s3_access.iter().enumerate().map(|(j, x)| {
        let path = format!("{base}.s3_access[{j}]");
        let remove = on_association(e, i, move |a| {
            if j < a.s3_access.len() {
                a.s3_access.remove(j);
            }
        });
        html! {
            <div class="subitem" key={format!("s3-{j}")} id={fid(&path)}>
                <TextField path={format!("{path}.bucket")} label="S3 bucket" value={x.bucket.clone()} placeholder="my-app-reports"
                    onchange={s3_set(e, i, j, |x, v: String| x.bucket = v)} />
                <OptTextField path={format!("{path}.prefix")} label="Key prefix (optional)" value={x.prefix.clone()} placeholder="reports/"
                    help="Empty: the whole bucket."
                    onchange={s3_set(e, i, j, |x, v: Option<String>| x.prefix = v)} />
                <SelectField path={format!("{path}.access")} label="Access"
                    options={opts(&[("read", "Read (list and get)"), ("write", "Write (put, no delete)"), ("read_write", "Read and write (list, get, put, delete)")])}
                    value={ser(&x.access)}
                    onchange={s3_set(e, i, j, |x, v: String| if let Some(l) = de::<S3AccessLevel>(&v) { x.access = l })} />
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove S3 access {} of {base}", j + 1)}>{ "Remove S3 access" }</button>
            </div>
        }
    });
    let statements = a.inline_policy.iter().enumerate().map(|(j, st)| {
        let path = format!("{base}.inline_policy[{j}]");
        let remove = on_association(e, i, move |a| {
            if j < a.inline_policy.len() {
                a.inline_policy.remove(j);
            }
        });
        html! {
            <div class="subitem" key={format!("st-{j}")} id={fid(&path)}>
                <OptTextField path={format!("{path}.sid")} label="Statement id (optional)" value={st.sid.clone()} placeholder="ReadOrders"
                    onchange={statement_set(e, i, j, |x, v: Option<String>| x.sid = v)} />
                <ListField path={format!("{path}.actions")} label="Actions" value={st.actions.clone()} placeholder="dynamodb:GetItem, dynamodb:Query"
                    onchange={statement_set(e, i, j, |x, v: Vec<String>| x.actions = v)} />
                <ListField path={format!("{path}.resources")} label="Resource ARNs" value={st.resources.clone()}
                    placeholder="arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
                    onchange={statement_set(e, i, j, |x, v: Vec<String>| x.resources = v)} />
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove statement {} of {base}", j + 1)}>{ "Remove statement" }</button>
            </div>
        }
    });
    let add_s3 = on_association(e, i, |a| a.s3_access.push(S3Access::default()));
    let add_statement = on_association(e, i, |a| a.inline_policy.push(PolicyStatement::default()));
    html! { <>
        <h4>{ "S3 access" }</h4>
        <p class="help">{ "Read or write one bucket or prefix: the planner writes least-privilege statements into the role's inline policy." }</p>
        { for s3 }
        <button type="button" onclick={add_s3}>{ "Add S3 access" }</button>
        <h4>{ "Inline policy" }</h4>
        <p class="help">{ "Allow statements for permissions no managed policy grants narrowly enough." }</p>
        { for statements }
        <button type="button" onclick={add_statement}>{ "Add a statement" }</button>
    </> }
}
