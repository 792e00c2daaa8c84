//! The migration's scripts and documents: `migrate.sh` (the AWS CLI path),
//! the runbook (`README.md`), the way back (`way-back.md`) and the readiness
//! report (`readiness.md`).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Migration;
use super::controllers::ControllerKind;
use super::convert::Origin;
use super::versions::{Version, addon_minimum};
use crate::catalog::{policies, versions};
use crate::diag::Severity;
use crate::emit::scripts::shell_quote as q;
use crate::kube::{LbOwner, NodeOrigin, VolumeDriver};

/// The name of the node role `migrate.sh` creates when the cluster has none.
pub fn node_role_name(cluster: &str) -> String {
    let mut name = format!("{cluster}-auto-node");
    name.truncate(64);
    name
}

fn partition(region: &str) -> &'static str {
    policies::partition(region)
}

/// `migrate.sh`: prepare IAM, authentication and add-ons, then enable Auto
/// Mode in one `update-cluster-config` call. Stops on the first error.
pub fn migrate_sh(m: &Migration) -> String {
    let s = &m.import.snapshot;
    let Some(c) = s.eks() else {
        return "#!/usr/bin/env bash\necho 'No describe-cluster output was imported: nothing to do.' >&2\nexit 1\n".to_owned();
    };
    let region = c.region().unwrap_or("us-east-1");
    let part = partition(region);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"#!/usr/bin/env bash
# Enable EKS Auto Mode on cluster {name} in place, with the AWS CLI.
#
# It never replaces the cluster: it changes the authentication mode (if
# needed), the cluster role's policies and trust, the add-ons below Auto
# Mode's minimums and the node role, and then turns on compute, load
# balancing and block storage together in one update-cluster-config call,
# without the general-purpose NodePool. Nothing moves yet: workloads move
# when you follow README.md. The script stops at the first error.
#
# Usage: ./migrate.sh [--yes]
set -euo pipefail

REGION={region}
CLUSTER={cluster}
cd "$(dirname "$0")"
mkdir -p backup

if [[ "${{1:-}}" != "--yes" ]]; then
  read -r -p "Enable Auto Mode on cluster ${{CLUSTER}} in ${{REGION}}? Type the cluster name: " answer
  if [[ "$answer" != "$CLUSTER" ]]; then
    echo "Aborted."
    exit 1
  fi
fi

aws_eks() {{
  aws --region "$REGION" eks "$@"
}}

wait_active() {{
  aws_eks wait cluster-active --name "$CLUSTER"
}}
"#,
        name = c.name,
        region = q(region),
        cluster = q(&c.name),
    );
    let mut step = 0;
    let mut next = |o: &mut String, title: &str| {
        step += 1;
        let _ = write!(o, "\necho \"Step {step}: {title}\"\n");
    };
    let (compute, lb, storage) = c.auto_mode();
    if compute && lb && storage {
        next(&mut o, "Auto Mode is already on; checking");
        o.push_str("aws_eks describe-cluster --name \"$CLUSTER\" --query 'cluster.[computeConfig,kubernetesNetworkConfig.elasticLoadBalancing,storageConfig]'\necho \"Auto Mode is already enabled: follow README.md to finish moving workloads.\"\n");
        return o;
    }
    if c.access_config.authentication_mode.as_deref() == Some("CONFIG_MAP") {
        next(
            &mut o,
            "authentication mode CONFIG_MAP -> API_AND_CONFIG_MAP (one-way)",
        );
        o.push_str("aws_eks update-cluster-config --name \"$CLUSTER\" --access-config authenticationMode=API_AND_CONFIG_MAP\nwait_active\n");
    }
    let role = c.role_name().unwrap_or("CLUSTER_ROLE");
    let _ = writeln!(o, "\nCLUSTER_ROLE={}", q(role));
    let attached: Option<Vec<&str>> = s
        .cluster_role_policies
        .as_ref()
        .map(|p| p.iter().map(|a| a.policy_name.as_str()).collect());
    let missing: Vec<&str> = policies::CLUSTER_ROLE_POLICIES
        .iter()
        .copied()
        .filter(|p| attached.as_ref().is_none_or(|a| !a.contains(p)))
        .collect();
    if !missing.is_empty() {
        next(
            &mut o,
            "attach Auto Mode's managed policies to the cluster role",
        );
        for p in &missing {
            let _ = writeln!(
                o,
                "aws iam attach-role-policy --role-name \"$CLUSTER_ROLE\" --policy-arn {}",
                q(&format!("arn:{part}:iam::aws:policy/{p}"))
            );
        }
    }
    let trust_ok = s
        .cluster_role
        .as_ref()
        .and_then(|r| r.value.assume_role_policy_document.as_ref())
        .and_then(|d| d.document().ok())
        .is_some_and(|d| d.allows_eks("sts:TagSession"));
    if !trust_ok {
        next(
            &mut o,
            "allow sts:TagSession in the cluster role's trust policy (old policy saved in backup/)",
        );
        o.push_str(r#"aws iam get-role --role-name "$CLUSTER_ROLE" --query Role.AssumeRolePolicyDocument --output json >backup/cluster-role-trust.json
aws iam update-assume-role-policy --role-name "$CLUSTER_ROLE" --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
"#);
    }
    let minor = versions::minor_of(&c.version);
    for a in &s.addons {
        let a = &a.value;
        let Some(min) = addon_minimum(&a.addon_name, minor) else {
            continue;
        };
        let (Some(h), Some(w)) = (Version::parse(&a.addon_version), Version::parse(min)) else {
            continue;
        };
        if h >= w {
            continue;
        }
        next(
            &mut o,
            &format!(
                "update add-on {} {} -> {min}",
                a.addon_name, a.addon_version
            ),
        );
        // EKS updates an add-on one minor version at a time: step through
        // the newest build of each minor in between.
        if w.0 == h.0 && w.1 > h.1 + 1 {
            let minors: Vec<String> = (h.1 + 1..w.1).map(|m| format!("{}.{m}", w.0)).collect();
            let _ = writeln!(
                o,
                r#"for minor in {minors}; do
  version="$(aws_eks describe-addon-versions --addon-name {name} --kubernetes-version {kv} \
    --query "addons[].addonVersions[?starts_with(addonVersion, 'v${{minor}}.')].addonVersion" --output text |
    tr '\t' '\n' | sort -V | tail -n 1)"
  if [[ -n "$version" ]]; then
    aws_eks update-addon --cluster-name "$CLUSTER" --addon-name {name} --addon-version "$version" --resolve-conflicts PRESERVE
    aws_eks wait addon-active --cluster-name "$CLUSTER" --addon-name {name}
  fi
done"#,
                minors = minors.join(" "),
                name = q(&a.addon_name),
                kv = q(&c.version),
            );
        }
        let _ = writeln!(
            o,
            "aws_eks update-addon --cluster-name \"$CLUSTER\" --addon-name {} --addon-version {} --resolve-conflicts PRESERVE\naws_eks wait addon-active --cluster-name \"$CLUSTER\" --addon-name {}",
            q(&a.addon_name),
            q(min),
            q(&a.addon_name)
        );
    }
    let node_role_arn = c
        .compute_config
        .as_ref()
        .and_then(|cc| cc.node_role_arn.clone());
    match node_role_arn {
        Some(arn) => {
            let _ = writeln!(o, "\nNODE_ROLE_ARN={}", q(&arn));
        }
        None => {
            let name = node_role_name(&c.name);
            next(
                &mut o,
                "create the Auto Mode node role (skipped if it exists)",
            );
            let _ = writeln!(o, "NODE_ROLE={}", q(&name));
            o.push_str(r#"if ! aws iam get-role --role-name "$NODE_ROLE" >/dev/null 2>&1; then
  aws iam create-role --role-name "$NODE_ROLE" --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
fi
"#);
            for p in policies::NODE_ROLE_POLICIES {
                let _ = writeln!(
                    o,
                    "aws iam attach-role-policy --role-name \"$NODE_ROLE\" --policy-arn {}",
                    q(&format!("arn:{part}:iam::aws:policy/{p}"))
                );
            }
            o.push_str("NODE_ROLE_ARN=\"$(aws iam get-role --role-name \"$NODE_ROLE\" --query Role.Arn --output text)\"\n");
        }
    }
    next(
        &mut o,
        "enable compute, load balancing and block storage together (system pool only)",
    );
    o.push_str(r#"aws_eks update-cluster-config --name "$CLUSTER" \
  --compute-config "{\"enabled\":true,\"nodeRoleArn\":\"${NODE_ROLE_ARN}\",\"nodePools\":[\"system\"]}" \
  --kubernetes-network-config '{"elasticLoadBalancing":{"enabled":true}}' \
  --storage-config '{"blockStorage":{"enabled":true}}'
wait_active
aws_eks describe-cluster --name "$CLUSTER" --query 'cluster.computeConfig'
echo "Auto Mode is on. Next: README.md step 3 (kubectl apply -f transition/)."
"#);
    o
}

fn h(o: &mut String, title: &str) {
    let _ = write!(o, "\n## {title}\n\n");
}

/// The runbook, the bundle's README.
pub fn readme(m: &Migration, files: &[&str]) -> String {
    let s = &m.import.snapshot;
    let name = s.eks().map(|c| c.name.as_str()).unwrap_or("CLUSTER");
    let region = s.eks().and_then(|c| c.region()).unwrap_or("REGION");
    let mut o = format!("# Moving cluster {name} to EKS Auto Mode\n\n");
    let errors = m.findings.iter().filter(|d| d.is_error()).count();
    let warnings = m
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let _ = writeln!(
        o,
        "Generated by `eksplan migrate` from the files `collect.sh` wrote. The readiness report \
         ([readiness.md](readiness.md)) has {errors} blocker(s) and {warnings} warning(s): fix the \
         blockers before step 1.\n\nEvery step says what it runs, how to check it worked, and how to \
         undo it. Work through them in order; nothing moves until step 4, and the old node groups, \
         Karpenter pools and load balancers keep running until you remove them."
    );
    o.push_str("\nFiles:\n\n");
    for f in files {
        let _ = writeln!(o, "- `{f}`");
    }
    o.push_str("\nThe Terraform takeover of the cluster (import blocks and the `aws_eks_cluster` change) is not generated by this version; use `migrate.sh` (the AWS CLI path).\n");

    h(&mut o, "Step 1. Prepare IAM, authentication and add-ons");
    o.push_str("Run `./migrate.sh`. Before enabling Auto Mode it switches `CONFIG_MAP` authentication to `API_AND_CONFIG_MAP` (if needed), attaches `AmazonEKSComputePolicy`, `AmazonEKSBlockStoragePolicy`, `AmazonEKSLoadBalancingPolicy` and `AmazonEKSNetworkingPolicy` to the cluster role, adds `sts:TagSession` to its trust policy, updates add-ons below Auto Mode's minimums and creates the node role.\n\n");
    o.push_str("- **Verify:** `aws iam list-attached-role-policies --role-name ROLE` lists the five policies; `aws eks describe-addon-versions` / `describe-addon` show the new versions.\n");
    o.push_str("- **Roll back:** `aws iam detach-role-policy` for each attached policy; `aws iam update-assume-role-policy --policy-document file://backup/cluster-role-trust.json`; add-ons can be set back with `update-addon --addon-version OLD`. The authentication mode cannot go back to `CONFIG_MAP` (it keeps working as before).\n");

    h(
        &mut o,
        "Step 2. Enable Auto Mode without the general-purpose pool",
    );
    o.push_str("The last step of `./migrate.sh` turns on compute, load balancing and block storage in one `aws eks update-cluster-config` call, with only the `system` built-in pool (its `default` NodeClass is what the converted pools use), so no workload moves on its own.\n\n");
    let _ = writeln!(
        o,
        "- **Verify:** `aws eks describe-cluster --region {region} --name {name} --query cluster.computeConfig` shows `enabled: true`; `kubectl get nodepools` lists `system`."
    );
    o.push_str("- **Roll back:** see [way-back.md](way-back.md): disabling Auto Mode terminates its nodes and deletes its load balancers, which at this point run nothing of yours.\n");

    h(&mut o, "Step 3. Create the tainted transition pools");
    o.push_str("`kubectl apply -f transition/` creates the converted NodeClasses and NodePools, each tainted `eks-auto-mode:NoSchedule`, so only workloads that opt in land there. A workload opts in with the toleration and node selector AWS documents:\n\n```yaml\ntolerations:\n- key: eks-auto-mode\n  operator: Exists\n  effect: NoSchedule\nnodeSelector:\n  eks.amazonaws.com/compute-type: auto\n```\n\n");
    for (pool, origin) in &m.conversion.node_pools {
        let from = match origin {
            Origin::NodeGroup(g) => format!("node group `{g}`"),
            Origin::Karpenter(p) => format!("Karpenter NodePool `{p}`"),
        };
        let _ = writeln!(o, "- `{}` replaces {from}", pool.name);
    }
    o.push_str("\n- **Verify:** `kubectl get nodepools,nodeclasses` shows them `Ready`; no node starts until a pod needs one.\n- **Roll back:** `kubectl delete -f transition/`.\n");

    h(&mut o, "Step 4. Move workloads group by group");
    o.push_str("Add the toleration and node selector above to one workload at a time (in your manifests or Helm values; `kubectl patch` for a quick test), starting with stateless ones. Its pods roll onto Auto Mode nodes as the Deployment updates.\n\n");
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &s.kube.pods {
        if !p.phase.is_active() || p.is_daemon() {
            continue;
        }
        let Some(node) = p.node_name.as_deref().and_then(|n| s.kube.node(n)) else {
            continue;
        };
        if matches!(node.origin, NodeOrigin::AutoMode(_) | NodeOrigin::Fargate) {
            continue;
        }
        let w = match &p.owner {
            Some(o) => format!("{} {}/{}", o.kind.as_str(), p.namespace, o.name),
            None => format!("Pod {}/{}", p.namespace, p.name),
        };
        let list = groups.entry(node.origin.describe()).or_default();
        if !list.contains(&w) {
            list.push(w);
        }
    }
    for (group, list) in &groups {
        let _ = writeln!(o, "- {group}: {}", list.join(", "));
    }
    o.push_str("\n- **Verify:** `kubectl get pods -o wide -n NS` shows the pods on nodes labelled `eks.amazonaws.com/compute-type=auto`, and they are Ready.\n- **Roll back:** remove the toleration and node selector again; the pods return to the node groups or Karpenter nodes, which are still there.\n");

    h(
        &mut o,
        "Step 5. Drain and delete the node groups and Karpenter pools",
    );
    if m.controllers
        .iter()
        .any(|c| c.kind == ControllerKind::ClusterAutoscaler)
    {
        o.push_str("First stop Cluster Autoscaler so it does not scale the groups back up: `kubectl -n NS scale deployment NAME --replicas=0`.\n\n");
    }
    for g in &s.node_groups {
        let ng = &g.value;
        if ng.ami_type.starts_with("WINDOWS") {
            let _ = writeln!(
                o,
                "- Node group `{}` runs Windows: keep it.",
                ng.nodegroup_name
            );
            continue;
        }
        let _ = writeln!(
            o,
            "- `kubectl cordon -l eks.amazonaws.com/nodegroup={0}` then `kubectl drain -l eks.amazonaws.com/nodegroup={0} --ignore-daemonsets --delete-emptydir-data`; when nothing is Pending, `aws eks delete-nodegroup --region {region} --cluster-name {name} --nodegroup-name {0}`",
            ng.nodegroup_name
        );
    }
    for p in &s.kube.node_pools {
        if !p.is_auto_mode() {
            let _ = writeln!(
                o,
                "- `kubectl delete nodepool {}` (Karpenter drains its nodes)",
                p.name
            );
        }
    }
    o.push_str("\n- **Verify:** `kubectl get pods -A --field-selector=status.phase=Pending` is empty; `kubectl get nodes -L eks.amazonaws.com/compute-type` shows only Auto Mode (and kept) nodes.\n- **Roll back:** before deleting, `kubectl uncordon` the nodes. After deleting, recreate the node group from its collected `describe-nodegroup` output (`aws eks create-nodegroup` with the same subnets, role, instance types, labels and taints) or re-apply the Karpenter NodePool from `karpenter.yaml`.\n");

    h(&mut o, "Step 6. Recreate load balancers and cut DNS over");
    o.push_str("Auto Mode cannot adopt existing load balancers. For each one below, create a copy of the Service (with `loadBalancerClass: eks.amazonaws.com/nlb`) or Ingress (with an IngressClass whose controller is `eks.amazonaws.com/alb`, such as the one in `kubernetes/30-ingressclass.yaml`), wait for its new DNS name, move your DNS record (Route 53, external-dns) to it, and delete the old object once traffic has moved.\n\n");
    let mut any = false;
    for svc in &s.kube.services {
        if let Some(owner) = svc.lb_owner()
            && owner != LbOwner::AutoMode
        {
            any = true;
            let _ = writeln!(
                o,
                "- Service `{}` ({}) {}",
                svc.key(),
                owner.describe(),
                svc.hostnames
                    .first()
                    .map(|h| format!("at `{h}`"))
                    .unwrap_or_default()
            );
        }
    }
    for ing in &s.kube.ingresses {
        let owner = ing.lb_owner(&s.kube.ingress_classes);
        if matches!(owner, LbOwner::LoadBalancerController | LbOwner::InTree) {
            any = true;
            let _ = writeln!(
                o,
                "- Ingress `{}` ({}) {}",
                ing.key(),
                owner.describe(),
                ing.hostnames
                    .first()
                    .map(|h| format!("at `{h}`"))
                    .unwrap_or_default()
            );
        }
    }
    if !any {
        o.push_str("- No load balancer to recreate.\n");
    }
    o.push_str("\n- **Verify:** the new load balancer answers (`curl` its DNS name), then the DNS name resolves to it.\n- **Roll back:** point DNS back to the old load balancer, which keeps running until you delete its object.\n");

    h(&mut o, "Step 7. Migrate volumes");
    o.push_str("Auto Mode cannot mount volumes of the EBS CSI add-on (`ebs.csi.aws.com`) or the in-tree plugin. First set each one to `Retain` so nothing deletes the data (`kubectl patch pv NAME -p '{\"spec\":{\"persistentVolumeReclaimPolicy\":\"Retain\"}}'`), then move it with AWS's `eks-auto-mode-ebs-migration-tool`, or snapshot it and restore into the StorageClass in `kubernetes/20-storageclass.yaml`.\n\n");
    let mut any = false;
    for pv in &s.kube.persistent_volumes {
        if matches!(pv.driver, VolumeDriver::EbsCsi | VolumeDriver::InTreeEbs) {
            any = true;
            let claim = pv
                .claim
                .as_ref()
                .map(|(ns, n)| format!(" (claim {ns}/{n})"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- PersistentVolume `{}`{claim}: `{}`",
                pv.name,
                pv.volume_handle.as_deref().unwrap_or("?")
            );
        }
    }
    if !any {
        o.push_str("- No volume to migrate.\n");
    }
    o.push_str("\n- **Verify:** the workload's new PVC is Bound to a volume of `ebs.csi.eks.amazonaws.com` and its pods run on Auto Mode nodes with the data.\n- **Roll back:** the old volume is retained: bind a PVC to the old PersistentVolume again and keep the workload on its node group.\n");

    h(
        &mut o,
        "Step 8. Remove what Auto Mode replaces, once nothing uses it",
    );
    o.push_str("Only when no node group (other than kept Windows groups), Karpenter pool, old load balancer or old volume is left:\n\n");
    for c in &m.controllers {
        let how = match c.kind {
            ControllerKind::Karpenter => {
                "uninstall it (`helm uninstall`), then delete its EC2NodeClasses, IAM roles, SQS interruption queue and EventBridge rules"
            }
            ControllerKind::ClusterAutoscaler => "uninstall it",
            ControllerKind::LoadBalancerController => "uninstall it, then its IAM role and policy",
        };
        let _ = writeln!(
            o,
            "- {} in `{}/{}` ({}): {how}",
            c.kind.title(),
            c.namespace,
            c.name,
            c.tag.as_deref().unwrap_or("?")
        );
    }
    for a in &s.addons {
        let n = a.value.addon_name.as_str();
        if matches!(
            n,
            "aws-ebs-csi-driver" | "vpc-cni" | "kube-proxy" | "eks-pod-identity-agent"
        ) {
            let _ = writeln!(
                o,
                "- add-on `{n}`: `aws eks delete-addon --cluster-name {name} --addon-name {n}` (keep it while any node group or Fargate profile needs it)"
            );
        }
    }
    o.push_str("\n- **Verify:** `kubectl get pods -A` shows nothing Pending or crash-looping.\n- **Roll back:** reinstall the component (Helm chart or `aws eks create-addon`).\n");

    h(&mut o, "Step 9. Drop the transition taint");
    o.push_str("When every workload runs on Auto Mode, `kubectl apply -f kubernetes/` applies the same NodePools without the `eks-auto-mode` taint. Then the node selectors can go too.\n\n- **Verify:** `kubectl get nodepools -o yaml` shows no `eks-auto-mode` taint.\n- **Roll back:** `kubectl apply -f transition/` restores it.\n");
    h(&mut o, "Continue in the planner");
    o.push_str("`plan.yaml` describes the cluster as it will be (`cluster.mode: existing`). Open it in the planner or run `eksplan check plan.yaml` to change NodePools, access and the rest with every rule.\n");
    o
}

/// The way back: leaving Auto Mode again.
pub fn way_back(m: &Migration) -> String {
    let s = &m.import.snapshot;
    let name = s.eks().map(|c| c.name.as_str()).unwrap_or("CLUSTER");
    let region = s.eks().and_then(|c| c.region()).unwrap_or("REGION");
    let mut o = format!("# Leaving EKS Auto Mode on cluster {name}\n\n");
    o.push_str("> **Warning:** turning Auto Mode off **terminates every Auto Mode node** and **deletes every load balancer Auto Mode created**. EBS volumes are kept, but nothing can mount them until the EBS CSI driver runs. Do the steps below in order, so that other capacity, the Load Balancer Controller and the EBS CSI driver are running *before* Auto Mode is turned off.\n");
    h(&mut o, "1. Bring back capacity");
    o.push_str("Create managed node groups (or reinstall Karpenter v1.1+ with its EC2NodeClasses) big enough for every workload. From the collected files, the node groups were:\n\n");
    if s.node_groups.is_empty() {
        o.push_str(
            "- (none collected: size new node groups from the Auto Mode nodes in use, below)\n",
        );
    }
    let mut in_use: BTreeMap<String, usize> = BTreeMap::new();
    for n in &s.kube.nodes {
        if let NodeOrigin::AutoMode(pool) = &n.origin {
            let t = n.instance_type.as_deref().unwrap_or("?");
            *in_use.entry(format!("{t} (NodePool {pool})")).or_insert(0) += 1;
        }
    }
    if !in_use.is_empty() {
        let on_auto = |p: &&crate::kube::Pod| {
            p.phase.is_active()
                && p.node_name
                    .as_deref()
                    .and_then(|n| s.kube.node(n))
                    .is_some_and(|n| matches!(n.origin, NodeOrigin::AutoMode(_)))
        };
        let (cpu, mem) = s
            .kube
            .pods
            .iter()
            .filter(on_auto)
            .fold((0u64, 0u64), |(c, m), p| {
                (c + p.requests.cpu_m, m + p.requests.memory_mib())
            });
        let _ = writeln!(
            o,
            "\nAuto Mode runs these nodes now, for pods requesting {cpu}m CPU and {mem} MiB in all:\n"
        );
        for (what, n) in &in_use {
            let _ = writeln!(o, "- {n} × {what}");
        }
    }
    for g in &s.node_groups {
        let ng = &g.value;
        let _ = writeln!(
            o,
            "- `{}`: {} {} nodes of {}, {} to {}",
            ng.nodegroup_name,
            ng.scaling_config.desired_size,
            ng.capacity_type,
            if ng.instance_types.is_empty() {
                "its launch template's type".to_owned()
            } else {
                ng.instance_types.join("/")
            },
            ng.scaling_config.min_size,
            ng.scaling_config.max_size
        );
    }
    o.push_str("\n- **Verify:** `kubectl get nodes -L eks.amazonaws.com/nodegroup` shows the new nodes Ready.\n");
    h(
        &mut o,
        "2. Install the AWS Load Balancer Controller and the EBS CSI add-on",
    );
    let _ = writeln!(
        o,
        "- `aws eks create-addon --region {region} --cluster-name {name} --addon-name aws-ebs-csi-driver` (with a Pod Identity association or IRSA role)\n- the AWS Load Balancer Controller Helm chart, with its IAM policy\n- check the VPC CNI, kube-proxy and CoreDNS add-ons run on the new nodes (`kubectl -n kube-system get ds,deploy`)"
    );
    h(&mut o, "3. Recreate load balancers and cut DNS over");
    let mut any = false;
    for svc in &s.kube.services {
        if svc.lb_owner() == Some(LbOwner::AutoMode) {
            any = true;
            let _ = writeln!(
                o,
                "- Service `{}`: copy it with `loadBalancerClass: service.k8s.aws/nlb`, move DNS, delete the Auto Mode one",
                svc.key()
            );
        }
    }
    for ing in &s.kube.ingresses {
        if ing.lb_owner(&s.kube.ingress_classes) == LbOwner::AutoMode {
            any = true;
            let _ = writeln!(
                o,
                "- Ingress `{}`: copy it with an IngressClass of controller `ingress.k8s.aws/alb`, move DNS, delete the Auto Mode one",
                ing.key()
            );
        }
    }
    if !any {
        o.push_str("- Every Service of type LoadBalancer with class `eks.amazonaws.com/nlb` and every Ingress of an `eks.amazonaws.com/alb` IngressClass: recreate it for the Load Balancer Controller and move DNS first. Otherwise its load balancer disappears when Auto Mode is turned off.\n");
    }
    h(&mut o, "4. Migrate volumes back");
    let mut any = false;
    for pv in &s.kube.persistent_volumes {
        if pv.driver == VolumeDriver::AutoModeEbs {
            any = true;
            let _ = writeln!(
                o,
                "- PersistentVolume `{}` (`{}`): set it to `Retain`, snapshot it and restore into a StorageClass of `ebs.csi.aws.com`",
                pv.name,
                pv.volume_handle.as_deref().unwrap_or("?")
            );
        }
    }
    if !any {
        o.push_str("- Every PersistentVolume of `ebs.csi.eks.amazonaws.com`: set it to `Retain`, snapshot and restore it into a StorageClass of `ebs.csi.aws.com`.\n");
    }
    h(&mut o, "5. Move workloads off Auto Mode");
    o.push_str("Remove `eks.amazonaws.com/compute-type: auto` node selectors and Auto Mode tolerations. Then, while the new capacity runs, drain the Auto Mode nodes: `kubectl delete nodepool NAME` for each custom Auto Mode pool");
    let custom: Vec<String> = s
        .kube
        .node_pools
        .iter()
        .filter(|p| p.is_auto_mode() && p.name != "general-purpose" && p.name != "system")
        .map(|p| format!("`{}`", p.name))
        .collect();
    if !custom.is_empty() {
        let _ = write!(o, " ({})", custom.join(", "));
    }
    o.push_str("; the built-in pools belong to EKS, so cordon and drain their nodes (`kubectl drain -l karpenter.sh/nodepool=general-purpose --ignore-daemonsets --delete-emptydir-data`, and the same for `system`).\n\n- **Verify:** no pod runs on a node labelled `eks.amazonaws.com/compute-type=auto` (`kubectl get pods -A -o wide`) and nothing is Pending.\n");
    h(&mut o, "6. Turn Auto Mode off");
    let _ = writeln!(
        o,
        "```sh\naws eks update-cluster-config --region {region} --name {name} \\\n  --compute-config enabled=false \\\n  --kubernetes-network-config '{{\"elasticLoadBalancing\":{{\"enabled\":false}}}}' \\\n  --storage-config '{{\"blockStorage\":{{\"enabled\":false}}}}'\naws eks wait cluster-active --region {region} --name {name}\n```"
    );
    o.push_str("\nAll three capabilities go off in one call, as EKS requires. In Terraform, keep the three blocks with `enabled = false` and drop `node_pools`/`node_role_arn` (hashicorp/aws 6.15 or later).\n");
    o
}

/// The readiness report in Markdown.
pub fn readiness_md(m: &Migration) -> String {
    let s = &m.import.snapshot;
    let name = s
        .eks()
        .map(|c| c.name.as_str())
        .unwrap_or("(unknown cluster)");
    let mut o = format!("# Readiness of cluster {name} for EKS Auto Mode\n\n");
    let count = |sev| m.findings.iter().filter(|d| d.severity == sev).count();
    let _ = writeln!(
        o,
        "{} blocker(s), {} warning(s), {} note(s). Each line names the object it is about and what to do; `eksplan explain CODE` tells more.",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    for (sev, title) in [
        (Severity::Error, "Blockers"),
        (Severity::Warning, "Risks"),
        (Severity::Info, "Notes"),
    ] {
        let list: Vec<_> = m.findings.iter().filter(|d| d.severity == sev).collect();
        if list.is_empty() {
            continue;
        }
        h(&mut o, title);
        for d in list {
            let _ = writeln!(
                o,
                "- **{}** `{}`: {}  \n  Fix: {}",
                d.code.as_str(),
                d.path,
                d.message,
                d.fix
            );
        }
    }
    h(&mut o, "Inputs");
    for (file, kind) in &m.import.files {
        let _ = writeln!(o, "- `{file}`: {}", kind.command());
    }
    o
}
