//! `variables.tf`: the bundle's inputs, defaulted from the plan.

use super::super::hcl::{Block, Expr, File};
use super::header;
use crate::design::{Input, InputValue};

fn variable(input: &Input) -> Block {
    let (ty, default) = match &input.default {
        InputValue::Text(s) => ("string", Expr::str(s.clone())),
        InputValue::List(v) => ("list(string)", Expr::strs(v)),
        InputValue::Map(m) => ("map(string)", Expr::str_map(m)),
    };
    Block::new("variable", &[input.id.key().snake()])
        .attr("description", Expr::str(input.description))
        .attr("type", Expr::raw(ty))
        .attr("default", default)
}

/// `variables.tf`.
pub fn file(tf: &super::Tf) -> File {
    let mut f =
        header("Values specific to your account and environment. Defaults come from plan.yaml.");
    f.comment(
        "The Kubernetes manifests in ../kubernetes were generated for these defaults (NodeClass\n\
         roles and subnet tags use the cluster name): change them in the plan and regenerate.",
    );
    for input in &tf.design.inputs {
        f.push(variable(input));
    }
    f
}
