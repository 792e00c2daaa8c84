//! Terraform emitter (`hashicorp/aws` ≥ 6.15), one file per concern:
//! `versions.tf`, `providers.tf`, `variables.tf`, `vpc.tf`, `iam.tf`,
//! `eks.tf`, `access.tf`, `pod_identity.tf`, `outputs.tf`.
//!
//! Plain provider resources only, no external modules: every argument can
//! be checked against the provider schema and every resource is visible to
//! static analysis.

mod access;
mod eks;
mod iam;
mod outputs;
mod pod_identity;
mod providers;
mod variables;
mod vpc;

use super::hcl::{Block, Expr, File, StrPart};
use crate::bundle::Bundle;
use crate::design::{Attr, Design, Kind, Part, PolicyDocument, Value};

/// The provider constraint: ≥ 6.15 handles enabling and disabling Auto Mode
/// (always sends the three capability blocks); < 7 guards against the next
/// major version's breaking changes.
pub const AWS_PROVIDER_VERSION: &str = ">= 6.15, < 7.0";

/// Oldest Terraform the generated code supports.
pub const TERRAFORM_VERSION: &str = ">= 1.5.7";

/// Write all Terraform files into `bundle` under `terraform/`.
pub fn emit(design: &Design, bundle: &mut Bundle) {
    let files = [
        ("versions.tf", providers::versions()),
        ("providers.tf", providers::providers(design)),
        ("variables.tf", variables::file(design)),
        ("vpc.tf", vpc::file(design)),
        ("iam.tf", iam::file(design)),
        ("eks.tf", eks::file(design)),
        ("access.tf", access::file(design)),
        ("pod_identity.tf", pod_identity::file(design)),
        ("outputs.tf", outputs::file(design)),
    ];
    for (name, file) in files {
        bundle.insert(format!("terraform/{name}"), file.render());
    }
}

/// Terraform resource type of a design object kind.
pub(crate) fn resource_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Cluster => "aws_eks_cluster",
        Kind::Role => "aws_iam_role",
        Kind::KmsKey => "aws_kms_key",
        Kind::LogGroup => "aws_cloudwatch_log_group",
        Kind::Vpc => "aws_vpc",
        Kind::Subnet => "aws_subnet",
        Kind::SecurityGroup => "aws_security_group",
    }
}

fn attr_name(attr: Attr) -> &'static str {
    match attr {
        Attr::Arn => "arn",
        Attr::Id => "id",
        Attr::Name => "name",
        Attr::CidrBlock => "cidr_block",
        Attr::Endpoint => "endpoint",
        Attr::ClusterSecurityGroupId => "vpc_config[0].cluster_security_group_id",
    }
}

/// A reference expression such as `aws_iam_role.cluster.arn`.
pub(crate) fn reference(kind: Kind, key: &str, attr: Attr) -> String {
    format!("{}.{key}.{}", resource_type(kind), attr_name(attr))
}

fn part(p: &Part) -> String {
    match p {
        Part::Text(t) => t.clone(),
        Part::Partition => "data.aws_partition.current.partition".to_owned(),
        Part::AccountId => "data.aws_caller_identity.current.account_id".to_owned(),
        Part::Region => "var.region".to_owned(),
        Part::ClusterName => "var.cluster_name".to_owned(),
        Part::CallerArn => "data.aws_iam_session_context.current.issuer_arn".to_owned(),
        Part::Ref(kind, key, attr) => reference(*kind, key, *attr),
    }
}

/// A design value as an HCL expression.
pub(crate) fn value(v: &Value) -> Expr {
    match v.0.as_slice() {
        [] => Expr::str(""),
        [Part::Text(t)] => Expr::str(t.clone()),
        [single] => Expr::raw(part(single)),
        parts => Expr::Str(
            parts
                .iter()
                .map(|p| match p {
                    Part::Text(t) => StrPart::Lit(t.clone()),
                    other => StrPart::Interp(part(other)),
                })
                .collect(),
        ),
    }
}

/// A list of design values.
pub(crate) fn values(vs: &[Value]) -> Expr {
    Expr::List(vs.iter().map(value).collect())
}

/// `data "aws_iam_policy_document" "<name>"`.
pub(crate) fn policy_document(name: &str, doc: &PolicyDocument) -> Block {
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

/// The standard header of every generated `.tf` file.
pub(crate) fn header(what: &str) -> File {
    File::with_header(&[
        what,
        "Generated by the EKS Auto Mode Planner from plan.yaml.",
    ])
}
