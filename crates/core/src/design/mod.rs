//! The **Design**: every AWS and Kubernetes object, fully decided.
//!
//! [`crate::resolve`] builds a design from a valid plan. Emitters only
//! translate it into a target's syntax; they make no decisions of their own.
//! [`Design::verify`] re-checks EKS Auto Mode's hard rules on the result, so a
//! planner bug cannot silently produce a bundle that EKS would reject.
//!
//! The design is target-neutral: objects point at each other through typed
//! [`Ref`]s that each target names its own way ([`NameTable`]), values are
//! [`Value`]s rendered in each target's syntax, what the deployer supplies
//! is a list of [`Input`]s, and explanations are [`Text`] whose tool-specific
//! words each target spells.

pub mod aws;
pub mod cluster;
pub mod iam;
pub mod id;
pub mod input;
pub mod k8s;
pub mod network;
pub mod text;
pub mod value;
mod verify;

use serde::Serialize;

pub use aws::*;
pub use cluster::*;
pub use iam::*;
pub use id::*;
pub use input::*;
pub use network::*;
pub use text::*;
pub use value::*;

/// Everything the bundle creates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Design {
    /// What the deployer supplies, with the plan's values as defaults.
    pub inputs: Vec<Input>,
    /// The EKS cluster.
    pub cluster: ClusterSpec,
    /// The VPC.
    pub network: NetworkSpec,
    /// IAM roles (cluster, node, NodeClass, flow logs, Pod Identity).
    pub roles: Vec<iam::Role>,
    /// Customer-managed KMS keys.
    pub kms_keys: Vec<KmsKey>,
    /// CloudWatch log groups.
    pub log_groups: Vec<LogGroup>,
    /// Access entries.
    pub access_entries: Vec<AccessEntrySpec>,
    /// Pod Identity associations.
    pub pod_identity: Vec<PodIdentitySpec>,
    /// What the bundle reports after deployment.
    pub outputs: Vec<Output>,
    /// Kubernetes manifests.
    pub kubernetes: Manifests,
    /// Why the design looks the way it does, for the bundle README.
    pub notes: Vec<Note>,
    /// Deliberate departures from AWS guidance the user chose.
    pub exceptions: Vec<Text>,
}

/// The Kubernetes side of a design.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Manifests {
    /// Custom NodeClasses.
    pub node_classes: Vec<k8s::NodeClass>,
    /// Custom NodePools.
    pub node_pools: Vec<k8s::NodePool>,
    /// The StorageClass.
    pub storage_class: Option<k8s::StorageClass>,
    /// ALB IngressClassParams + IngressClass.
    pub ingress: Option<(k8s::IngressClassParams, k8s::IngressClass)>,
    /// NLB example objects (Namespace, Deployment, Service).
    pub nlb_example: Vec<k8s::Generic>,
    /// Sample workload objects (Namespace, Deployment, PodDisruptionBudget).
    pub sample_workload: Vec<k8s::Generic>,
}

/// An explanation of one decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Topic, for example `Network`.
    pub topic: &'static str,
    /// The explanation.
    pub text: Text,
}

impl Design {
    /// Find a role by key.
    pub fn role(&self, key: &Key) -> Option<&iam::Role> {
        self.roles.iter().find(|r| &r.key == key)
    }

    /// Find a log group by key.
    pub fn log_group(&self, key: &Key) -> Option<&LogGroup> {
        self.log_groups.iter().find(|g| &g.key == key)
    }

    /// The input with this id, if the bundle has it.
    pub fn input(&self, id: InputId) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id == id)
    }

    /// Every object of the design that a target names, in a stable order.
    pub fn objects(&self) -> Vec<Ref> {
        let mut out = vec![Ref::new(Kind::Cluster, &self.cluster.key)];
        match &self.network {
            NetworkSpec::Create(vpc) => {
                out.push(Ref::new(Kind::Vpc, &vpc.key));
                if let Some(g) = &vpc.internet_gateway {
                    out.push(Ref::new(Kind::InternetGateway, &g.key));
                }
                if let Some(g) = &vpc.egress_only_gateway {
                    out.push(Ref::new(Kind::EgressOnlyGateway, &g.key));
                }
                if let Some(sg) = &vpc.default_security_group {
                    out.push(Ref::new(Kind::SecurityGroup, &sg.key));
                }
                out.extend(vpc.subnets().map(|s| Ref::new(Kind::Subnet, &s.key)));
                for n in &vpc.nat_gateways {
                    out.push(Ref::new(Kind::ElasticIp, &n.eip.key));
                    out.push(Ref::new(Kind::NatGateway, &n.key));
                }
                for t in &vpc.route_tables {
                    out.push(Ref::new(Kind::RouteTable, &t.key));
                    out.extend(t.routes.iter().map(|r| Ref::new(Kind::Route, &r.key)));
                }
                if let Some(sg) = &vpc.endpoint_security_group {
                    out.push(Ref::new(Kind::SecurityGroup, &sg.key));
                    out.extend(
                        sg.ingress
                            .iter()
                            .map(|r| Ref::new(Kind::SecurityGroupRule, &r.key)),
                    );
                }
                out.extend(
                    vpc.endpoints
                        .iter()
                        .map(|e| Ref::new(Kind::VpcEndpoint, &e.key)),
                );
                if let Some(f) = &vpc.flow_logs {
                    out.push(Ref::new(Kind::FlowLog, &f.key));
                }
            }
            NetworkSpec::Existing(e) => {
                out.push(Ref::new(Kind::Vpc, &e.key));
                out.extend(
                    e.subnet_tags
                        .iter()
                        .map(|t| Ref::new(Kind::SubnetTag, &t.key)),
                );
            }
        }
        for r in &self.roles {
            out.push(Ref::new(Kind::Role, &r.key));
            out.extend(
                r.inline_policies
                    .iter()
                    .map(|p| Ref::new(Kind::InlinePolicy, r.key.join(&p.key))),
            );
        }
        out.extend(self.kms_keys.iter().map(|k| Ref::new(Kind::KmsKey, &k.key)));
        out.extend(
            self.log_groups
                .iter()
                .map(|g| Ref::new(Kind::LogGroup, &g.key)),
        );
        out.extend(
            self.access_entries
                .iter()
                .map(|e| Ref::new(Kind::AccessEntry, &e.key)),
        );
        out.extend(
            self.pod_identity
                .iter()
                .map(|p| Ref::new(Kind::PodIdentity, &p.key)),
        );
        out
    }
}
