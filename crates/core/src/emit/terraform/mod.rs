//! Terraform emitter (`hashicorp/aws` ≥ 6.25), one file per concern:
//! `versions.tf`, `backend.tf`, `providers.tf`, `variables.tf`, `vpc.tf`,
//! `iam.tf`, `eks.tf`, `access.tf`, `pod_identity.tf`, `outputs.tf`, and, when the
//! plan has them, `capabilities.tf` (EKS Capabilities) and `logs.tf`
//! (component log delivery).
//!
//! Plain provider resources only, no external modules: every argument can
//! be checked against the provider schema and every resource is visible to
//! static analysis. Design objects become resources labelled with their
//! keys (`aws_subnet.private_a`); inputs become variables.

mod access;
mod backend;
mod capabilities;
mod eks;
mod gates;
mod iam;
mod logs;
mod outputs;
mod pod_identity;
mod providers;
mod readme;
mod variables;
mod vocabulary;
pub use vocabulary::Terraform;
mod vpc;

use super::hcl::{Block, Expr, File, StrPart};
use crate::bundle::Bundle;
use crate::design::{
    Attr, Dependency, Design, InputId, Key, Kind, NameTable, NetworkSpec, Part, PolicyDocument,
    Ref, Value, terraform_style,
};

/// The provider constraint: ≥ 6.25 is the first release with
/// `aws_eks_capability` (CHANGELOG 6.25.0, #45326), and later than 6.15,
/// which enables and disables Auto Mode in place (always sends the three
/// capability blocks); < 7 guards against the next major version's breaking
/// changes. Every bundle gets the same floor, so a plan that adds a
/// capability later needs no provider upgrade.
pub const AWS_PROVIDER_VERSION: &str = ">= 6.25, < 7.0";

/// Oldest Terraform the generated code supports: 1.10 brought the S3
/// backend's native state locking (`use_lockfile`).
pub const TERRAFORM_VERSION: &str = ">= 1.10";

/// Every file the Terraform target can write.
pub const PATHS: &[&str] = &[
    "scripts/teardown.sh",
    "terraform/versions.tf",
    "terraform/backend.tf",
    "terraform/providers.tf",
    "terraform/variables.tf",
    "terraform/vpc.tf",
    "terraform/iam.tf",
    "terraform/eks.tf",
    "terraform/access.tf",
    "terraform/pod_identity.tf",
    "terraform/capabilities.tf",
    "terraform/logs.tf",
    "terraform/outputs.tf",
    gates::SCRIPT,
];

/// Write all Terraform files into `bundle` under `terraform/`, and the
/// teardown script.
pub fn emit(design: &Design, bundle: &mut Bundle) {
    let tf = Tf::new(design);
    let files = [
        ("versions.tf", providers::versions()),
        ("backend.tf", backend::file(&tf)),
        ("providers.tf", providers::providers(&tf)),
        ("variables.tf", variables::file(&tf)),
        ("vpc.tf", vpc::file(&tf)),
        ("iam.tf", iam::file(&tf)),
        ("eks.tf", eks::file(&tf)),
        ("access.tf", access::file(&tf)),
        ("pod_identity.tf", pod_identity::file(&tf)),
        ("outputs.tf", outputs::file(&tf)),
    ];
    for (name, file) in files {
        bundle.insert(format!("terraform/{name}"), file.render());
    }
    if !design.capabilities.is_empty() {
        bundle.insert(
            "terraform/capabilities.tf",
            capabilities::file(&tf).render(),
        );
    }
    if design.component_logs.is_some() {
        bundle.insert("terraform/logs.tf", logs::file(&tf).render());
    }
    if gates::any_settled(design) {
        bundle.insert(gates::SCRIPT, gates::script());
    }
    bundle.insert(super::scripts::TEARDOWN, super::scripts::teardown(design));
}

/// The design and the Terraform names of its objects.
pub(crate) struct Tf<'a> {
    /// The design being written.
    pub design: &'a Design,
    names: NameTable,
}

impl<'a> Tf<'a> {
    fn new(design: &'a Design) -> Tf<'a> {
        Tf {
            design,
            names: NameTable::new(design.objects(), terraform_style, true),
        }
    }

    /// The resource label of an object.
    pub fn label(&self, kind: Kind, key: &Key) -> String {
        self.names.name(&Ref::new(kind, key))
    }

    /// The address of an object: `aws_subnet.private_a`.
    pub fn address(&self, r: &Ref) -> String {
        format!("{}.{}", self.resource_type(r.kind), self.names.name(r))
    }

    /// A reference expression such as `aws_iam_role.cluster.arn`.
    pub fn reference(&self, r: &Ref, attr: Attr) -> String {
        format!("{}.{}", self.address(r), attr_name(attr))
    }

    /// The same, as an expression.
    pub fn reference_expr(&self, kind: Kind, key: &Key, attr: Attr) -> Expr {
        Expr::raw(self.reference(&Ref::new(kind, key), attr))
    }

    /// Terraform resource type of a design object kind.
    fn resource_type(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Cluster => "aws_eks_cluster",
            Kind::Role => "aws_iam_role",
            Kind::InlinePolicy => "aws_iam_role_policy",
            Kind::KmsKey => "aws_kms_key",
            Kind::LogGroup => "aws_cloudwatch_log_group",
            Kind::Vpc => match self.design.network {
                NetworkSpec::Create(_) => "aws_vpc",
                NetworkSpec::Existing(_) => "data.aws_vpc",
            },
            Kind::Subnet => "aws_subnet",
            Kind::SecurityGroup => "aws_security_group",
            Kind::SecurityGroupRule => "aws_vpc_security_group_ingress_rule",
            Kind::SecurityGroupEgress => "aws_vpc_security_group_egress_rule",
            Kind::InternetGateway => "aws_internet_gateway",
            Kind::EgressOnlyGateway => "aws_egress_only_internet_gateway",
            Kind::NatGateway => "aws_nat_gateway",
            Kind::ElasticIp => "aws_eip",
            Kind::RouteTable => "aws_route_table",
            Kind::Route => "aws_route",
            Kind::VpcEndpoint => "aws_vpc_endpoint",
            Kind::FlowLog => "aws_flow_log",
            Kind::SubnetTag => "aws_ec2_tag",
            Kind::AccessEntry => "aws_eks_access_entry",
            Kind::PodIdentity => "aws_eks_pod_identity_association",
            Kind::Capability => "aws_eks_capability",
            Kind::CapabilityAccessPolicy => "aws_eks_access_policy_association",
            Kind::Bucket => "aws_s3_bucket",
            Kind::BucketPolicy => "aws_s3_bucket_policy",
            Kind::LogDeliverySource => "aws_cloudwatch_log_delivery_source",
            Kind::LogDeliveryDestination => "aws_cloudwatch_log_delivery_destination",
            Kind::LogDelivery => "aws_cloudwatch_log_delivery",
        }
    }

    fn part(&self, p: &Part) -> String {
        match p {
            Part::Text(t) => t.clone(),
            Part::Partition => "data.aws_partition.current.partition".to_owned(),
            Part::AccountId => "data.aws_caller_identity.current.account_id".to_owned(),
            Part::Region => "var.region".to_owned(),
            Part::Input(i) => variable(*i),
            Part::CallerArn => "data.aws_iam_session_context.current.issuer_arn".to_owned(),
            Part::Ref(r, attr) => self.reference(r, *attr),
        }
    }

    /// A design value as an HCL expression.
    pub fn value(&self, v: &Value) -> Expr {
        match v.0.as_slice() {
            [] => Expr::str(""),
            [Part::Text(t)] => Expr::str(t.clone()),
            [single] => Expr::raw(self.part(single)),
            parts => Expr::Str(
                parts
                    .iter()
                    .map(|p| match p {
                        Part::Text(t) => StrPart::Lit(t.clone()),
                        other => StrPart::Interp(self.part(other)),
                    })
                    .collect(),
            ),
        }
    }

    /// A list of design values.
    pub fn values(&self, vs: &[Value]) -> Expr {
        Expr::List(vs.iter().map(|v| self.value(v)).collect())
    }

    /// References to the `id`s of objects of one kind.
    pub fn ids(&self, kind: Kind, keys: &[Key]) -> Expr {
        Expr::List(
            keys.iter()
                .map(|k| self.reference_expr(kind, k, Attr::Id))
                .collect(),
        )
    }

    /// `depends_on` entries for dependencies.
    pub fn depends_on(&self, deps: &[Dependency]) -> Vec<String> {
        deps.iter()
            .flat_map(|d| match d {
                Dependency::Permissions(role) => self
                    .design
                    .role(role)
                    .map(|r| iam::permission_addresses(self, r))
                    .unwrap_or_default(),
                Dependency::Object(r) => vec![self.address(r)],
                Dependency::Propagated(role) => {
                    let mut out = self
                        .design
                        .role(role)
                        .map(|r| iam::permission_addresses(self, r))
                        .unwrap_or_default();
                    out.push(format!(
                        "terraform_data.{}",
                        gates::propagated_label(self, role)
                    ));
                    out
                }
                Dependency::Settled(r) => {
                    vec![format!("terraform_data.{}", gates::settled_label(self, r))]
                }
            })
            .collect()
    }

    /// The label of an object (any kind).
    pub fn name(&self, r: &Ref) -> String {
        self.names.name(r)
    }

    /// `data "aws_iam_policy_document" "<name>"`.
    pub fn policy_document(&self, name: &str, doc: &PolicyDocument) -> Block {
        policy_document_block(name, doc, |vs| self.values(vs))
    }
}

/// `data "aws_iam_policy_document" "<name>"` for `doc`, its values written
/// by `values` (the bundle's references, or literal text where the
/// migration's files know the partition).
pub(crate) fn policy_document_block(
    name: &str,
    doc: &PolicyDocument,
    values: impl Fn(&[Value]) -> Expr,
) -> Block {
    let mut b = Block::new("data", &["aws_iam_policy_document", name]);
    for s in &doc.statements {
        let mut st = Block::new("statement", &[])
            .attr_opt("sid", s.sid.clone().map(Expr::str))
            .attr("effect", Expr::str("Allow"))
            .attr("actions", Expr::strs(&s.actions));
        if !s.resources.is_empty() {
            st = st.attr("resources", values(&s.resources));
        }
        for p in &s.principals {
            st = st.block(
                Block::new("principals", &[])
                    .attr("type", Expr::str(p.kind.as_str()))
                    .attr("identifiers", values(&p.identifiers)),
            );
        }
        for c in &s.conditions {
            st = st.block(
                Block::new("condition", &[])
                    .attr("test", Expr::str(c.test.clone()))
                    .attr("variable", Expr::str(c.variable.clone()))
                    .attr("values", values(&c.values)),
            );
        }
        b = b.block(st);
    }
    b
}

/// The variable an input becomes: `var.cluster_name`.
pub(crate) fn variable(i: InputId) -> String {
    format!("var.{}", i.key().snake())
}

fn attr_name(attr: Attr) -> &'static str {
    match attr {
        Attr::Arn => "arn",
        Attr::Id => "id",
        Attr::Name => "name",
        Attr::CidrBlock => "cidr_block",
        Attr::Ipv6CidrBlock => "ipv6_cidr_block",
        Attr::Endpoint => "endpoint",
        Attr::ClusterSecurityGroupId => "vpc_config[0].cluster_security_group_id",
    }
}

/// A tag map as an HCL object.
pub(crate) fn tags(tags: &crate::design::Tags) -> Expr {
    Expr::str_map(tags)
}

/// The standard header of every generated `.tf` file.
pub(crate) fn header(what: &str) -> File {
    File::with_header(&[
        what,
        "Generated by the EKS Auto Mode Planner from plan.yaml.",
    ])
}
