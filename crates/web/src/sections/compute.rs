//! Compute: built-in pools, node role, custom NodePools and NodeClasses.

use eksplan_core::Plan;
use eksplan_core::plan::edit::{self, Kind, Referrers};
use eksplan_core::plan::{NodeClass, NodePool, RoleMode};
use std::rc::Rc;
use yew::prelude::*;

use super::nodeclass::node_class_editor;
use super::nodepool::node_pool_editor;
use super::{Removal, SectionProps, card, de, ser};
use crate::context::Dispatch;
use crate::dialogs::{RemoveInUse, remove_in_use};
use crate::fields::*;
use crate::state::{Action, Edit, Focus};

/// The list's path and item label for a kind.
fn list_of(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::NodeClass => ("node_classes", "NodeClass"),
        _ => ("node_pools", "NodePool"),
    }
}

fn name_of(plan: &Plan, kind: Kind, i: usize) -> String {
    match kind {
        Kind::NodeClass => plan.node_classes.get(i).map(|c| c.name.clone()),
        _ => plan.node_pools.get(i).map(|p| p.name.clone()),
    }
    .unwrap_or_default()
}

/// The id of the question about removing item `i`.
fn confirm_id(kind: Kind, i: usize) -> String {
    format!("{}-confirm", fid(&format!("{}[{i}]", list_of(kind).0)))
}

/// The names the users of item `i` could use instead.
fn choices(plan: &Plan, kind: Kind, i: usize) -> Vec<String> {
    let name = name_of(plan, kind, i);
    let names: Vec<String> = match kind {
        Kind::NodeClass => edit::node_class_choices(plan, &name),
        _ => {
            let mut v = Vec::new();
            if plan.auto_mode.general_purpose_pool {
                v.push("general-purpose".to_owned());
            }
            if plan.auto_mode.system_pool {
                v.push("system".to_owned());
            }
            v.extend(
                plan.node_pools
                    .iter()
                    .map(|p| p.name.clone())
                    .filter(|n| *n != name),
            );
            v
        }
    };
    names
}

/// The question for removing item `i` while it is in use.
fn removal_question(
    plan: &Rc<Plan>,
    kind: Kind,
    i: usize,
    e: &Callback<Edit>,
    dispatch: Option<Dispatch>,
    open: UseStateHandle<Option<(Kind, usize)>>,
    target: NodeRef,
) -> Html {
    let (list, label) = list_of(kind);
    let name = name_of(plan, kind, i);
    let what = format!("{label} {name}");
    let sites = edit::rename_sites(plan, kind, i);
    let users: Vec<String> = sites.iter().map(|s| s.holder(plan)).collect();
    let pools: Vec<String> = sites
        .iter()
        .filter_map(|s| match s {
            edit::Site::PoolNodeClass(j) => plan.node_pools.get(*j).map(|p| p.name.clone()),
            _ => None,
        })
        .collect();
    let remove_label = if pools.is_empty() {
        format!("Remove {what} and the selectors that name it")
    } else {
        format!(
            "Remove {what} and NodePool{} {}",
            if pools.len() == 1 { "" } else { "s" },
            pools.join(", ")
        )
    };
    let item = format!("{list}[{i}]");
    let len = match kind {
        Kind::NodeClass => plan.node_classes.len(),
        _ => plan.node_pools.len(),
    };
    let finish = {
        let dispatch = dispatch.clone();
        let open = open.clone();
        let e = e.clone();
        move |what_done: String, referrers: Referrers| {
            if let Some(d) = &dispatch {
                d.emit(Action::Checkpoint(what_done));
            }
            e.emit(Rc::new(move |p: &mut Plan| {
                match kind {
                    Kind::NodeClass => edit::remove_node_class(p, i, &referrers),
                    _ => edit::remove_node_pool(p, i, &referrers),
                };
            }) as Edit);
            open.set(None);
            if let (Some(d), Some(f)) = (&dispatch, focus_after_remove(&item, i, len)) {
                d.emit(Action::FocusOn(f));
            }
        }
    };
    let on_remove = {
        let finish = finish.clone();
        let done = if pools.is_empty() {
            format!("Removed {what} and the selectors that named it.")
        } else {
            format!("Removed {what} and NodePools {}.", pools.join(", "))
        };
        Callback::from(move |()| finish(done.clone(), Referrers::Remove))
    };
    let on_repoint = {
        let what = what.clone();
        Callback::from(move |to: String| {
            finish(
                format!("Removed {what}; what used it now uses {to}."),
                Referrers::Repoint(to),
            );
        })
    };
    let on_cancel = {
        let item = format!("{list}[{i}]");
        Callback::from(move |()| {
            open.set(None);
            if let Some(d) = &dispatch {
                d.emit(Action::FocusOn(Focus::Element(tool_id(&item, "remove"))));
            }
        })
    };
    remove_in_use(RemoveInUse {
        what,
        users,
        remove_label,
        choices: choices(plan, kind, i),
        on_remove,
        on_repoint,
        on_cancel,
        id: confirm_id(kind, i),
        target,
    })
}

/// Built-in pools, node role, NodePools, NodeClasses.
#[component]
pub fn ComputeSection(p: &SectionProps) -> Html {
    let am = &p.plan.auto_mode;
    let e = &p.edit;
    let dispatch = use_context::<Dispatch>();
    let asking = use_state(|| None::<(Kind, usize)>);
    let target = use_node_ref();
    let (pool_move, pool_remove) = list_ops(e, |p| &mut p.node_pools);
    let (class_move, class_remove) = list_ops(e, |p| &mut p.node_classes);
    // Something in use asks first; anything else goes at once (with Undo).
    let ask_or = |kind: Kind, remove: Callback<usize>| {
        let plan = p.plan.clone();
        let asking = asking.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |i: usize| {
            if edit::rename_sites(&plan, kind, i).is_empty() {
                remove.emit(i);
            } else {
                asking.set(Some((kind, i)));
                // The question takes focus at its first answer.
                if let Some(d) = &dispatch {
                    d.emit(Action::FocusOn(Focus::Element(format!(
                        "{}-remove",
                        confirm_id(kind, i)
                    ))));
                }
            }
        })
    };
    let pool_remove = ask_or(Kind::NodePool, pool_remove);
    let class_remove = ask_or(Kind::NodeClass, class_remove);
    let removal = |kind: Kind, i: usize| Removal {
        plan: p.plan.clone(),
        undoable: edit::rename_sites(&p.plan, kind, i).is_empty(),
        confirm: if *asking == Some((kind, i)) {
            removal_question(
                &p.plan,
                kind,
                i,
                e,
                dispatch.clone(),
                asking.clone(),
                target.clone(),
            )
        } else {
            Html::default()
        },
    };
    let add_pool = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            let mut pool = NodePool::default();
            let mut n = p.node_pools.len() + 1;
            while p.node_pools.iter().any(|x| x.name == pool.name) {
                pool.name = format!("pool-{n}");
                n += 1;
            }
            if !p.auto_mode.any_builtin_pool()
                && let Some(nc) = p.node_classes.first()
            {
                pool.node_class = nc.name.clone();
            }
            p.node_pools.push(pool);
        }) as Edit
    });
    let add_class = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            let mut nc = NodeClass::default();
            let mut n = p.node_classes.len() + 1;
            while p.node_classes.iter().any(|x| x.name == nc.name) {
                nc.name = format!("nodes-{n}");
                n += 1;
            }
            p.node_classes.push(nc);
        }) as Edit
    });
    let np = p.plan.node_pools.len();
    let nc = p.plan.node_classes.len();
    let body = html! { <>
        <h3>{ "Built-in NodePools" }</h3>
        <CheckField path="auto_mode.general_purpose_pool" label="general-purpose" value={am.general_purpose_pool}
            help="On-demand C, M and R instances, generation 5 or newer, amd64. EKS owns it and reverts edits."
            onchange={setter(e, |p, v: bool| p.auto_mode.general_purpose_pool = v)} />
        <CheckField path="auto_mode.system_pool" label="system" value={am.system_pool}
            help="For cluster-critical add-ons: tainted CriticalAddonsOnly, amd64 and arm64."
            onchange={setter(e, |p, v: bool| p.auto_mode.system_pool = v)} />
        <SelectField path="auto_mode.node_role.mode" label="Node IAM role"
            options={opts(&[("create", "Create it"), ("existing", "Use an existing role")])} value={ser(&am.node_role.mode)}
            help="Used by the built-in pools' default NodeClass. Needs only AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly."
            onchange={setter(e, |p, v: String| if let Some(m) = de::<RoleMode>(&v) { p.auto_mode.node_role.mode = m })} />
        if am.node_role.mode == RoleMode::Existing {
            <OptTextField path="auto_mode.node_role.arn" label="Node role ARN" value={am.node_role.arn.clone()}
                placeholder="arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole"
                onchange={setter(e, |p, v: Option<String>| p.auto_mode.node_role.arn = v)} />
        } else {
            <OptTextField path="auto_mode.node_role.name" label="Node role name (optional)" value={am.node_role.name.clone()}
                placeholder={format!("{}-auto-node", p.plan.cluster.name)}
                help="Empty: the cluster's name followed by -auto-node."
                onchange={setter(e, |p, v: Option<String>| p.auto_mode.node_role.name = v)} />
        }
        <CheckField path="auto_mode.ecr_public_read_only" label="Authenticated pulls from ECR Public" value={am.ecr_public_read_only}
            help="Adds AmazonElasticContainerRegistryPublicReadOnly to the node roles the planner creates, so pulls from public.ecr.aws get its higher authenticated rate limits. Off by default: anonymous pulls work and nodes need nothing else. eksctl adds it; terraform-aws-eks added it and then reverted."
            onchange={setter(e, |p, v: bool| p.auto_mode.ecr_public_read_only = v)} />
        <h3>{ "NodePools" }</h3>
        <p class="intro">{ "Which instances Auto Mode may launch for which pods, and when it replaces them. Nodes live at most 21 days." }</p>
        { for p.plan.node_pools.iter().enumerate().map(|(i, pool)| node_pool_editor(e, i, np, pool, &pool_move, &pool_remove, removal(Kind::NodePool, i))) }
        <button type="button" id={format!("{}-add", fid("node_pools"))} onclick={add_pool}>{ "Add a NodePool" }</button>
        <h3>{ "NodeClasses" }</h3>
        <p class="intro">{ "How instances are launched: subnets, security groups, node role, data volume, proxy. Custom NodeClasses get their own access entry." }</p>
        { for p.plan.node_classes.iter().enumerate().map(|(i, c)| node_class_editor(e, i, nc, c, &class_move, &class_remove, removal(Kind::NodeClass, i))) }
        <button type="button" id={format!("{}-add", fid("node_classes"))} onclick={add_class}>{ "Add a NodeClass" }</button>
    </> };
    card(
        "compute",
        "Compute",
        "Auto Mode runs Karpenter for you: pods that cannot be scheduled make it launch the cheapest instances that fit.",
        body,
    )
}
