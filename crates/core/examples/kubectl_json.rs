//! Write the import benchmark's real-shaped `kubectl get nodes,pods -A -o
//! json` (see `tests/support/kubectl.rs`) to standard output, for the
//! browser benchmark (`tests/e2e/bench-cluster.mjs`):
//!
//! ```text
//! cargo run -p eksplan-core --example kubectl_json -- NODES PODS > kubectl.json
//! ```

use std::io::Write;

#[path = "../tests/support/kubectl.rs"]
mod kubectl;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let (nodes, pods) = match (args.next(), args.next()) {
        (Some(Ok(n)), Some(Ok(p))) => (n, p),
        (None, None) => (500, 5_000),
        _ => {
            eprintln!("usage: kubectl_json [NODES PODS]");
            return std::process::ExitCode::from(2);
        }
    };
    let text = kubectl::cluster_json(nodes, pods, 7);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
