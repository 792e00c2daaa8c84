//! `variables.tf`: the bundle's inputs, defaulted from the plan.

use super::super::hcl::{Block, Expr, File};
use super::{header, variable as var};
use crate::design::{Input, InputCheck, InputType, InputValue, NOT_WORLD_MIN_PREFIX};

fn type_of(ty: InputType) -> &'static str {
    match ty {
        InputType::Text => "string",
        InputType::List => "list(string)",
        InputType::Map => "map(string)",
        InputType::Bool => "bool",
    }
}

fn default(value: &InputValue) -> Expr {
    match value {
        InputValue::Text(s) => Expr::str(s.clone()),
        InputValue::List(v) => Expr::strs(v),
        InputValue::Map(m) => Expr::str_map(m),
        InputValue::Bool(b) => Expr::bool(*b),
    }
}

/// The condition of a `validation` block for one check.
fn condition(check: InputCheck, v: &str) -> String {
    match check {
        InputCheck::NonEmpty => format!("length({v}) > 0"),
        InputCheck::Ipv4Cidrs => format!(
            "alltrue([for c in {v} : can(cidrnetmask(c)) && try(cidrhost(c, 0) == split(\"/\", c)[0], false)])"
        ),
        InputCheck::NotWorld => format!(
            "alltrue([for c in {v} : try(tonumber(split(\"/\", c)[1]) >= {NOT_WORLD_MIN_PREFIX}, false)])"
        ),
    }
}

fn variable(input: &Input) -> Block {
    let name = input.id.key();
    let mut b = Block::new("variable", &[name.snake()])
        .attr("description", Expr::str(input.description))
        .attr("type", Expr::raw(type_of(input.ty)));
    b = match &input.default {
        Some(value) => b.attr("default", default(value)),
        // No default: Terraform asks for the value (or fails in automation)
        // instead of deploying something nobody chose.
        None => b.attr("nullable", Expr::bool(false)),
    };
    let v = var(input.id);
    for check in &input.checks {
        b = b.block(
            Block::new("validation", &[])
                .attr("condition", Expr::raw(condition(*check, &v)))
                .attr("error_message", Expr::str(check.message())),
        );
    }
    b
}

/// `variables.tf`.
pub fn file(tf: &super::Tf) -> File {
    let mut f =
        header("Values specific to your account and environment. Defaults come from plan.yaml.");
    f.comment(&format!(
        "{}\nA variable without a default is required: pass it with -var or a .tfvars file.",
        crate::emit::MANIFESTS_USE_DEFAULTS
    ));
    for input in &tf.design.inputs {
        f.push(variable(input));
    }
    f
}
