//! The capacity simulation in the browser: Karpenter's benchmark mix
//! (`eksplan_core::cost::mix`) at 1k, 5k and 10k pods over 400 instance
//! types, timed with `performance.now()` in headless Chromium.
//!
//! A measurement, not a timed test: it is ignored by the normal suite and
//! run in release mode by `scripts/bench.sh`:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p eksplan-web --release \
//!   --target wasm32-unknown-unknown --test capacity_bench -- --include-ignored --nocapture
//! ```

#![cfg(target_arch = "wasm32")]

use eksplan_core::cost::{mix, simulate};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench.sh runs it in release mode"]
fn karpenter_mix_in_the_browser() {
    let types = mix::instance_types(400);
    let pools = [mix::pool(types.len())];
    for pods in [1_000usize, 5_000, 10_000] {
        let groups = mix::pods(pods, types.len(), 42);
        // Warm up, then take the median of several runs.
        let outcome = simulate::run(&types, &pools, &groups, 3);
        assert_eq!(outcome.pods(), pods as u64);
        let runs = if pods >= 10_000 { 5 } else { 9 };
        let mut ms: Vec<f64> = (0..runs)
            .map(|_| {
                let t = now();
                let o = simulate::run(&types, &pools, &groups, 3);
                let dt = now() - t;
                assert_eq!(o.nodes.len(), outcome.nodes.len());
                dt
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        let median = ms[ms.len() / 2];
        web_sys::console::log_1(
            &format!(
                "browser karpenter-mix/{pods}: median {median:.1} ms, {:.0} pods/s, {} nodes",
                pods as f64 / (median / 1000.0),
                outcome.nodes.len()
            )
            .into(),
        );
    }
}
