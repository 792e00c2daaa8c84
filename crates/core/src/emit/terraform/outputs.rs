//! `outputs.tf`.

use super::super::hcl::{Block, Expr, File};
use super::{Tf, header};
use crate::design::OutputValue;

/// `outputs.tf`.
pub fn file(tf: &Tf) -> File {
    let mut f = header("Outputs, including the command that configures kubectl.");
    for o in &tf.design.outputs {
        let value = match &o.value {
            OutputValue::One(v) => tf.value(v),
            OutputValue::List(vs) => tf.values(vs),
        };
        f.push(
            Block::new("output", &[o.key.snake()])
                .attr("description", Expr::str(o.description))
                .attr("value", value),
        );
    }
    f
}
