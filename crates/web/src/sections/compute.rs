//! Compute: built-in pools, node role, custom NodePools and NodeClasses.

use eksplan_core::plan::{NodeClass, NodePool, RoleMode};
use std::rc::Rc;
use yew::prelude::*;

use super::nodeclass::node_class_editor;
use super::nodepool::node_pool_editor;
use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// Built-in pools, node role, NodePools, NodeClasses.
#[component]
pub fn ComputeSection(p: &SectionProps) -> Html {
    let am = &p.plan.auto_mode;
    let e = &p.edit;
    let (pool_move, pool_remove) = list_ops(e, |p| &mut p.node_pools);
    let (class_move, class_remove) = list_ops(e, |p| &mut p.node_classes);
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
    let class_names: Vec<String> = p.plan.node_classes.iter().map(|c| c.name.clone()).collect();
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
        { for p.plan.node_pools.iter().enumerate().map(|(i, pool)| node_pool_editor(e, i, np, pool, &class_names, &pool_move, &pool_remove)) }
        <button type="button" onclick={add_pool}>{ "Add a NodePool" }</button>
        <h3>{ "NodeClasses" }</h3>
        <p class="intro">{ "How instances are launched: subnets, security groups, node role, data volume, proxy. Custom NodeClasses get their own access entry." }</p>
        { for p.plan.node_classes.iter().enumerate().map(|(i, c)| node_class_editor(e, i, nc, c, &class_move, &class_remove)) }
        <button type="button" onclick={add_class}>{ "Add a NodeClass" }</button>
    </> };
    card(
        "compute",
        "Compute",
        "Auto Mode runs Karpenter for you: pods that cannot be scheduled make it launch the cheapest instances that fit.",
        body,
    )
}
