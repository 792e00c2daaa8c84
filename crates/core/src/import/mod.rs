//! **Import**: the files `collect.sh` writes (or any subset of them, pasted
//! or dropped one by one, a folder, or a zip) → a typed [`Snapshot`] of the
//! cluster, plus `MI` findings for every file that is not what was expected.
//!
//! Each file is classified by its content ([`classify`]), not its name, and
//! read into the AWS CLI's documented output shapes ([`aws`]) or into
//! Kubernetes objects ([`crate::kube`]). Bad input never panics and never
//! discards what was already imported: a file that cannot be read adds a
//! finding naming the file, what was expected and (where the parser knows)
//! the line and column, and the snapshot keeps everything else.
//!
//! Cross-file checks run in [`Importer::finish`]: node groups, add-ons and
//! Fargate profiles of another cluster than the `describe-cluster` are set
//! aside, listed-but-not-described objects are reported, and missing inputs
//! say which readiness checks they skip.

mod archive;
pub mod aws;
pub mod classify;

pub use archive::read_zip;
pub use classify::{FileKind, classify};

use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

use crate::diag::{self, Code, Diagnostic};
use crate::kube::{self, Objects};
use aws::*;

/// A value and the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Sourced<T> {
    /// The file name, as given.
    pub file: String,
    /// The value.
    pub value: T,
}

/// Everything known about the cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// `describe-cluster`.
    pub cluster: Option<Sourced<EksCluster>>,
    /// Names from `list-nodegroups` (`None`: not collected).
    pub node_group_names: Option<Vec<String>>,
    /// `describe-nodegroup`, by name.
    pub node_groups: Vec<Sourced<NodeGroup>>,
    /// Launch template versions.
    pub launch_templates: Vec<Sourced<LaunchTemplateVersion>>,
    /// Names from `list-addons`.
    pub addon_names: Option<Vec<String>>,
    /// `describe-addon`, by name.
    pub addons: Vec<Sourced<Addon>>,
    /// Names from `list-fargate-profiles`.
    pub fargate_profile_names: Option<Vec<String>>,
    /// `describe-fargate-profile`.
    pub fargate_profiles: Vec<Sourced<FargateProfile>>,
    /// `list-access-entries`.
    pub access_entries: Option<Vec<String>>,
    /// The cluster role (`get-role`).
    pub cluster_role: Option<Sourced<IamRole>>,
    /// Its attached policies.
    pub cluster_role_policies: Option<Vec<AttachedPolicy>>,
    /// Kubernetes objects from every kubectl file.
    pub kube: Objects,
    /// Whether any kubectl JSON (nodes, pods...) was imported (an empty
    /// list counts: it says there is nothing).
    pub has_kubectl_json: bool,
    /// Whether any kubectl YAML (Karpenter, deployments) was imported.
    pub has_kubectl_yaml: bool,
    /// Steps `collect.sh` reported as failed: `(file it would have
    /// written, message)`.
    pub failed_steps: Vec<(String, String)>,
}

impl Snapshot {
    /// The cluster, if `describe-cluster` was imported.
    pub fn eks(&self) -> Option<&EksCluster> {
        self.cluster.as_ref().map(|c| &c.value)
    }

    /// The launch template version a node group uses, if collected.
    pub fn launch_template(&self, ng: &NodeGroup) -> Option<&LaunchTemplateVersion> {
        let lt = ng.launch_template.as_ref()?;
        let wanted: Option<u64> = lt.version.as_deref().and_then(|v| v.parse().ok());
        let of_template = |v: &&Sourced<LaunchTemplateVersion>| {
            let t = &v.value;
            lt.id.as_deref() == Some(t.launch_template_id.as_str())
                || lt.name.as_deref() == Some(t.launch_template_name.as_str())
        };
        let candidates: Vec<_> = self.launch_templates.iter().filter(of_template).collect();
        let pick = match wanted {
            Some(n) => candidates.iter().find(|v| v.value.version_number == n),
            None if lt.version.as_deref() == Some("$Latest") => {
                candidates.iter().max_by_key(|v| v.value.version_number)
            }
            None => candidates
                .iter()
                .find(|v| v.value.default_version)
                .or(candidates.first()),
        };
        pick.map(|v| &v.value)
    }
}

/// The result of an import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// `MI` findings, errors first.
    pub findings: Vec<Diagnostic>,
    /// Every file seen and what it was taken for, in the order read.
    pub files: Vec<(String, FileKind)>,
}

/// Imports files one at a time (a page adds each dropped or pasted file;
/// [`Importer::preview`] shows the result so far without ending).
#[derive(Clone, Debug, Default)]
pub struct Importer {
    snapshot: Snapshot,
    findings: Vec<Diagnostic>,
    files: Vec<(String, FileKind)>,
    /// Kubernetes objects by file, merged in [`Importer::finish`] once the
    /// cluster they must belong to is known.
    kube_parts: Vec<Sourced<(FileKind, bool, Objects)>>,
}

/// A finding about a file, at a position when known.
fn at(file: &str, line: u64, column: u64) -> String {
    if line > 0 {
        format!("{file}:{line}:{column}")
    } else {
        file.to_owned()
    }
}

/// Files a folder or zip holds that are not the user's input.
pub fn is_noise(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    name.contains("__MACOSX/") || base.starts_with('.') || base.is_empty()
}

impl Importer {
    /// A fresh importer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a file given as bytes: a zip archive is unpacked, anything else
    /// must be UTF-8 text.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            match read_zip(bytes) {
                Ok(entries) => {
                    for (entry, data) in entries {
                        if !is_noise(&entry) {
                            self.add_bytes(&format!("{name}!{entry}"), &data);
                        }
                    }
                }
                Err(e) => self.findings.push(Diagnostic::new(
                    Code::ImportArchive,
                    name,
                    format!("{name} looks like a zip archive but cannot be read: {e}"),
                    "zip the collected folder again (zip -r cluster.zip DIR) or drop the folder itself",
                )),
            }
            return;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => self.add_file(name, text),
            Err(e) => {
                self.files.push((name.to_owned(), FileKind::Unknown));
                self.findings.push(Diagnostic::new(
                    Code::ImportUnknownFile,
                    name,
                    format!(
                        "{name} is not text (invalid UTF-8 at byte {}); expected {}",
                        e.valid_up_to(),
                        classify::EXPECTED
                    ),
                    "drop only the files collect.sh wrote",
                ));
            }
        }
    }

    /// Add one file's text.
    pub fn add_file(&mut self, name: &str, text: &str) {
        let kind = classify(text);
        self.files.push((name.to_owned(), kind));
        match kind {
            FileKind::Unknown => self.findings.push(Diagnostic::new(
                Code::ImportUnknownFile,
                name,
                if text.trim().is_empty() {
                    format!("{name} is empty; expected {}", classify::EXPECTED)
                } else {
                    format!("{name} is not one of the expected outputs; expected {}", classify::EXPECTED)
                },
                "check that the file is the unmodified output of the command (with --output json for aws)",
            )),
            FileKind::DescribeCluster => {
                if let Some(d) = self.parse::<DescribeCluster>(name, text, kind) {
                    self.set_cluster(name, d.cluster);
                }
            }
            FileKind::ListNodegroups => {
                if let Some(l) = self.parse::<ListNodegroups>(name, text, kind) {
                    extend_names(&mut self.snapshot.node_group_names, l.nodegroups);
                }
            }
            FileKind::DescribeNodegroup => {
                if let Some(d) = self.parse::<DescribeNodegroup>(name, text, kind) {
                    let key = d.nodegroup.nodegroup_name.clone();
                    push_unique(
                        &mut self.snapshot.node_groups,
                        &mut self.findings,
                        name,
                        d.nodegroup,
                        |g| g.nodegroup_name == key,
                        &format!("node group {key:?}"),
                    );
                }
            }
            FileKind::LaunchTemplateVersions => {
                if let Some(d) = self.parse::<DescribeLaunchTemplateVersions>(name, text, kind) {
                    for v in d.launch_template_versions {
                        let (id, n) = (v.launch_template_id.clone(), v.version_number);
                        push_unique(
                            &mut self.snapshot.launch_templates,
                            &mut self.findings,
                            name,
                            v,
                            |t| t.launch_template_id == id && t.version_number == n,
                            &format!("launch template {id} version {n}"),
                        );
                    }
                }
            }
            FileKind::ListAddons => {
                if let Some(l) = self.parse::<ListAddons>(name, text, kind) {
                    extend_names(&mut self.snapshot.addon_names, l.addons);
                }
            }
            FileKind::DescribeAddon => {
                if let Some(d) = self.parse::<DescribeAddon>(name, text, kind) {
                    let key = d.addon.addon_name.clone();
                    push_unique(
                        &mut self.snapshot.addons,
                        &mut self.findings,
                        name,
                        d.addon,
                        |a| a.addon_name == key,
                        &format!("add-on {key:?}"),
                    );
                }
            }
            FileKind::ListFargateProfiles => {
                if let Some(l) = self.parse::<ListFargateProfiles>(name, text, kind) {
                    extend_names(&mut self.snapshot.fargate_profile_names, l.fargate_profile_names);
                }
            }
            FileKind::DescribeFargateProfile => {
                if let Some(d) = self.parse::<DescribeFargateProfile>(name, text, kind) {
                    let key = d.fargate_profile.fargate_profile_name.clone();
                    push_unique(
                        &mut self.snapshot.fargate_profiles,
                        &mut self.findings,
                        name,
                        d.fargate_profile,
                        |f| f.fargate_profile_name == key,
                        &format!("Fargate profile {key:?}"),
                    );
                }
            }
            FileKind::ListAccessEntries => {
                if let Some(l) = self.parse::<ListAccessEntries>(name, text, kind) {
                    extend_names(&mut self.snapshot.access_entries, l.access_entries);
                }
            }
            FileKind::GetRole => {
                if let Some(r) = self.parse::<GetRole>(name, text, kind) {
                    if let Some(Err(e)) =
                        r.role.assume_role_policy_document.as_ref().map(|d| d.document())
                    {
                        self.findings.push(Diagnostic::new(
                            Code::ImportMalformed,
                            name,
                            format!("the trust policy in {name} cannot be read: {e}"),
                            "collect it again with aws iam get-role --output json",
                        ));
                    }
                    if self.snapshot.cluster_role.is_none() {
                        self.snapshot.cluster_role = Some(Sourced {
                            file: name.to_owned(),
                            value: r.role,
                        });
                    } else {
                        self.duplicate(name, "the cluster role");
                    }
                }
            }
            FileKind::ListAttachedRolePolicies => {
                if let Some(l) = self.parse::<ListAttachedRolePolicies>(name, text, kind) {
                    self.snapshot
                        .cluster_role_policies
                        .get_or_insert_with(Vec::new)
                        .extend(l.attached_policies);
                }
            }
            FileKind::KubectlJson => self.kube(name, kube::read_json(text), kind),
            FileKind::KubectlYaml => self.kube(name, kube::read_yaml(text), kind),
            FileKind::CollectLog => {
                for line in text.lines().filter_map(|l| l.strip_prefix("FAILED ")) {
                    let (file, message) = line.split_once(": ").unwrap_or((line, ""));
                    self.snapshot
                        .failed_steps
                        .push((file.trim().to_owned(), message.trim().to_owned()));
                }
            }
        }
    }

    fn duplicate(&mut self, name: &str, what: &str) {
        self.findings.push(Diagnostic::new(
            Code::ImportDuplicate,
            name,
            format!("{name} describes {what} again; the first file read is kept"),
            "remove the extra copy (or collect into an empty folder)",
        ));
    }

    fn parse<T: DeserializeOwned>(&mut self, name: &str, text: &str, kind: FileKind) -> Option<T> {
        match serde_json::from_str::<T>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let what = if e.is_eof() { "truncated" } else { "malformed" };
                let msg = e.to_string();
                let msg = msg.rfind(" at line ").map(|i| &msg[..i]).unwrap_or(&msg);
                self.findings.push(Diagnostic::new(
                    Code::ImportMalformed,
                    at(name, e.line() as u64, e.column() as u64),
                    format!(
                        "{name} looks like the output of {} but is {what}: {msg}",
                        kind.command()
                    ),
                    "run the command again and save its whole output unchanged",
                ));
                None
            }
        }
    }

    fn kube(&mut self, name: &str, read: kube::Read, kind: FileKind) {
        for p in &read.problems {
            let object = p
                .object
                .as_ref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            let (code, message) = if read.objects.is_empty() && p.object.is_none() {
                (
                    Code::ImportMalformed,
                    format!(
                        "{name} looks like the output of {} but cannot be read: {}",
                        kind.command(),
                        p.message
                    ),
                )
            } else if p.object.is_none() {
                (
                    Code::ImportMalformed,
                    format!(
                        "{name} is cut short or broken here ({}); the {} objects before it were imported",
                        p.message,
                        read.objects.len()
                    ),
                )
            } else {
                (
                    Code::ImportObject,
                    format!("an object in {name}{object} cannot be read: {}", p.message),
                )
            };
            self.findings.push(Diagnostic::new(
                code,
                at(name, p.line, p.column),
                message,
                "collect the file again; everything else in it was imported",
            ));
        }
        if !read.objects.bad_quantities.is_empty() {
            self.findings.push(Diagnostic::new(
                Code::ImportQuantity,
                name,
                format!(
                    "{} quantit{} in {name} cannot be read and count as zero: {}",
                    read.objects.bad_quantities.len(),
                    if read.objects.bad_quantities.len() == 1 {
                        "y"
                    } else {
                        "ies"
                    },
                    read.objects.bad_quantities.join("; ")
                ),
                "check the requests and allocatable values of these objects",
            ));
        }
        for p in &read.objects.node_pools {
            if p.api_version != "karpenter.sh/v1" {
                self.findings
                    .push(old_karpenter(name, "NodePool", &p.name, &p.api_version));
            }
        }
        for c in &read.objects.ec2_node_classes {
            if c.api_version != "karpenter.k8s.aws/v1" {
                self.findings
                    .push(old_karpenter(name, "EC2NodeClass", &c.name, &c.api_version));
            }
        }
        for (kind, n) in &read.objects.other_kinds {
            if kind.starts_with("karpenter.sh/") || kind.starts_with("karpenter.k8s.aws/") {
                self.findings.push(Diagnostic::new(
                    Code::ImportKarpenterVersion,
                    name,
                    format!("{name} has {n} Karpenter object(s) of {kind}, an API before karpenter.sh/v1"),
                    "upgrade Karpenter to v1.1 or later (its v1 API) before migrating, then collect again",
                ));
            }
        }
        // An empty list that read cleanly is an answer too (no Karpenter
        // objects, say); a file nothing could be read from is not.
        let usable = !read.objects.is_empty() || read.problems.is_empty();
        self.kube_parts.push(Sourced {
            file: name.to_owned(),
            value: (kind, usable, read.objects),
        });
    }

    fn set_cluster(&mut self, name: &str, cluster: EksCluster) {
        match &self.snapshot.cluster {
            None => {
                self.snapshot.cluster = Some(Sourced {
                    file: name.to_owned(),
                    value: cluster,
                });
            }
            Some(first) if first.value.arn == cluster.arn => self.duplicate(name, "the cluster"),
            Some(first) => self.findings.push(Diagnostic::new(
                Code::ImportOtherCluster,
                name,
                format!(
                    "{name} describes cluster {:?}, but {} already describes {:?}; {name} is ignored",
                    cluster.name, first.file, first.value.name
                ),
                "import the files of one cluster at a time",
            )),
        }
    }

    /// The result so far, as [`Importer::finish`] would give it now.
    pub fn preview(&self) -> Import {
        self.clone().finish()
    }

    /// Finish: cross-file checks, and the result.
    pub fn finish(mut self) -> Import {
        let s = &mut self.snapshot;
        let f = &mut self.findings;
        // Kubernetes objects of another region's cluster (a kubeconfig
        // pointing elsewhere) are set aside.
        let region = s.eks().and_then(|c| c.region()).map(str::to_owned);
        for part in std::mem::take(&mut self.kube_parts) {
            let (kind, usable, objects) = part.value;
            let other = region.as_deref().and_then(|r| {
                objects
                    .nodes
                    .iter()
                    .find_map(|n| n.region.as_deref().filter(|nr| *nr != r))
                    .map(|nr| (r.to_owned(), nr.to_owned()))
            });
            if let Some((ours, theirs)) = other {
                f.push(Diagnostic::new(
                    Code::ImportOtherCluster,
                    part.file.as_str(),
                    format!(
                        "{} lists nodes in {theirs}, but the cluster is in {ours}: it comes from another cluster (another kubectl context) and is set aside",
                        part.file
                    ),
                    "collect with collect.sh, which makes a kubeconfig for this cluster, or pass the right -c context",
                ));
                continue;
            }
            match kind {
                FileKind::KubectlJson => s.has_kubectl_json |= usable,
                _ => s.has_kubectl_yaml |= usable,
            }
            s.kube.extend(objects);
        }
        match &s.cluster {
            None => f.push(Diagnostic::new(
                Code::ImportNoCluster,
                "describe-cluster.json",
                "no aws eks describe-cluster output was imported; the readiness report needs it",
                "add the output of aws eks describe-cluster --name CLUSTER --output json",
            )),
            Some(c) => {
                let cluster = c.value.name.clone();
                let cluster_file = c.file.clone();
                let other = |file: &str, what: String, theirs: &str| {
                    Diagnostic::new(
                        Code::ImportOtherCluster,
                        file,
                        format!(
                            "{file} describes {what} of cluster {theirs:?}, but {cluster_file} is cluster {cluster:?}; it is set aside"
                        ),
                        "import the files of one cluster at a time; collect again into an empty folder",
                    )
                };
                s.node_groups.retain(|g| {
                    let ok = g.value.cluster_name.is_empty() || g.value.cluster_name == cluster;
                    if !ok {
                        f.push(other(
                            &g.file,
                            format!("node group {:?}", g.value.nodegroup_name),
                            &g.value.cluster_name,
                        ));
                    }
                    ok
                });
                s.addons.retain(|a| {
                    let ok = a.value.cluster_name.is_empty() || a.value.cluster_name == cluster;
                    if !ok {
                        f.push(other(
                            &a.file,
                            format!("add-on {:?}", a.value.addon_name),
                            &a.value.cluster_name,
                        ));
                    }
                    ok
                });
                s.fargate_profiles.retain(|p| {
                    let ok = p.value.cluster_name.is_empty() || p.value.cluster_name == cluster;
                    if !ok {
                        f.push(other(
                            &p.file,
                            format!("Fargate profile {:?}", p.value.fargate_profile_name),
                            &p.value.cluster_name,
                        ));
                    }
                    ok
                });
                let role_arn = c.value.role_arn.clone();
                if let Some(r) = &s.cluster_role
                    && !role_arn.is_empty()
                    && r.value.arn != role_arn
                {
                    f.push(Diagnostic::new(
                        Code::ImportOtherCluster,
                        r.file.as_str(),
                        format!(
                            "{} is role {:?}, but the cluster's role is {role_arn:?}; it is set aside",
                            r.file, r.value.arn
                        ),
                        "collect aws iam get-role for the role in describe-cluster's roleArn",
                    ));
                    s.cluster_role = None;
                    s.cluster_role_policies = None;
                }
            }
        }
        // Listed but not described.
        let missing = |names: &Option<Vec<String>>, have: BTreeSet<&str>, what: &str, cmd: &str| {
            names.iter().flatten().filter(|n| !have.contains(n.as_str())).map(|n| {
                Diagnostic::new(
                    Code::ImportNotDescribed,
                    format!("{what}/{n}"),
                    format!("{what} {n:?} is listed but its {cmd} output was not imported; its checks are skipped"),
                    format!("add the output of aws eks {cmd} for {n:?}"),
                )
            }).collect::<Vec<_>>()
        };
        f.extend(missing(
            &s.node_group_names,
            s.node_groups
                .iter()
                .map(|g| g.value.nodegroup_name.as_str())
                .collect(),
            "nodegroup",
            "describe-nodegroup",
        ));
        f.extend(missing(
            &s.addon_names,
            s.addons
                .iter()
                .map(|a| a.value.addon_name.as_str())
                .collect(),
            "addon",
            "describe-addon",
        ));
        f.extend(missing(
            &s.fargate_profile_names,
            s.fargate_profiles
                .iter()
                .map(|p| p.value.fargate_profile_name.as_str())
                .collect(),
            "fargateprofile",
            "describe-fargate-profile",
        ));
        for g in &s.node_groups {
            if let Some(lt) = &g.value.launch_template
                && s.launch_template(&g.value).is_none()
            {
                let which = lt.id.clone().or(lt.name.clone()).unwrap_or_default();
                f.push(Diagnostic::new(
                    Code::ImportNotDescribed,
                    format!("nodegroup/{}", g.value.nodegroup_name),
                    format!(
                        "node group {:?} uses launch template {which} version {}, which was not imported; its AMI, user data and SSH checks are incomplete",
                        g.value.nodegroup_name,
                        lt.version.as_deref().unwrap_or("?")
                    ),
                    format!("add aws ec2 describe-launch-template-versions --launch-template-id {which} --output json"),
                ));
            }
        }
        for (file, message) in &s.failed_steps {
            f.push(Diagnostic::new(
                Code::ImportStepFailed,
                file.as_str(),
                format!("collect.sh could not write {file}: {message}"),
                "fix the permission or error and run collect.sh again; the checks that need it are skipped",
            ));
        }
        // Missing inputs.
        let skipped = |what: &str, checks: &str, fix: &str| {
            Diagnostic::new(
                Code::ImportInputMissing,
                what,
                format!("no {what} output was imported: {checks} are skipped"),
                fix,
            )
        };
        if s.cluster.is_some() {
            if !s.has_kubectl_json {
                f.push(skipped("kubectl", "node, pod, volume, load balancer and disruption-budget checks", "add the output of kubectl get nodes,pods,pv,pvc,storageclass,ingressclass,ingress,service,poddisruptionbudget -A -o json"));
            }
            if s.cluster_role.is_none() || s.cluster_role_policies.is_none() {
                f.push(skipped("iam", "the cluster-role checks (managed policies, sts:TagSession)", "add aws iam get-role and aws iam list-attached-role-policies for the cluster role"));
            }
            if s.addon_names.is_none() && s.addons.is_empty() {
                f.push(skipped(
                    "addons",
                    "add-on version checks",
                    "add aws eks list-addons and describe-addon for each",
                ));
            }
            if s.node_group_names.is_none() && s.node_groups.is_empty() {
                f.push(skipped(
                    "nodegroups",
                    "node group checks",
                    "add aws eks list-nodegroups and describe-nodegroup for each",
                ));
            }
        }
        // Duplicate Kubernetes objects (the same file dropped twice).
        let before = (s.kube.nodes.len(), s.kube.pods.len());
        let mut seen = BTreeSet::new();
        s.kube.nodes.retain(|n| seen.insert(n.name.clone()));
        let mut seen = BTreeSet::new();
        s.kube
            .pods
            .retain(|p| seen.insert((p.namespace.clone(), p.name.clone())));
        let dropped = before.0 - s.kube.nodes.len() + before.1 - s.kube.pods.len();
        if dropped > 0 {
            f.push(Diagnostic::new(
                Code::ImportDuplicate,
                "kubectl",
                format!(
                    "{dropped} node(s) and pod(s) were imported twice; the first copies are kept"
                ),
                "import each kubectl output once",
            ));
        }
        s.node_groups
            .sort_by(|a, b| a.value.nodegroup_name.cmp(&b.value.nodegroup_name));
        s.addons
            .sort_by(|a, b| a.value.addon_name.cmp(&b.value.addon_name));
        s.fargate_profiles.sort_by(|a, b| {
            a.value
                .fargate_profile_name
                .cmp(&b.value.fargate_profile_name)
        });
        diag::sort(&mut self.findings);
        self.findings.dedup();
        Import {
            snapshot: self.snapshot,
            findings: self.findings,
            files: self.files,
        }
    }
}

fn extend_names(target: &mut Option<Vec<String>>, names: Vec<String>) {
    let t = target.get_or_insert_with(Vec::new);
    for n in names {
        if !t.contains(&n) {
            t.push(n);
        }
    }
}

fn push_unique<T: PartialEq>(
    list: &mut Vec<Sourced<T>>,
    findings: &mut Vec<Diagnostic>,
    file: &str,
    value: T,
    same: impl Fn(&T) -> bool,
    what: &str,
) {
    if list.iter().any(|s| same(&s.value)) {
        findings.push(Diagnostic::new(
            Code::ImportDuplicate,
            file,
            format!("{file} describes {what} again; the first file read is kept"),
            "remove the extra copy (or collect into an empty folder)",
        ));
    } else {
        list.push(Sourced {
            file: file.to_owned(),
            value,
        });
    }
}

fn old_karpenter(file: &str, kind: &str, name: &str, api: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ImportKarpenterVersion,
        file.to_owned(),
        format!(
            "{kind} {name:?} in {file} is {api}; the converter reads karpenter.sh/v1 and karpenter.k8s.aws/v1 only, so it is not converted"
        ),
        "upgrade Karpenter to v1.1 or later and collect again (kubectl get nodepools.karpenter.sh,ec2nodeclasses.karpenter.k8s.aws -o yaml)",
    )
}

/// Import a set of files (name → bytes), in name order, so the result does
/// not depend on the order they were given in.
pub fn import<N: AsRef<str>, B: AsRef<[u8]>>(files: impl IntoIterator<Item = (N, B)>) -> Import {
    let mut files: Vec<_> = files
        .into_iter()
        .filter(|(n, _)| !is_noise(n.as_ref()))
        .collect();
    files.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    let mut importer = Importer::new();
    for (name, bytes) in &files {
        importer.add_bytes(name.as_ref(), bytes.as_ref());
    }
    importer.finish()
}

#[cfg(test)]
mod tests;
