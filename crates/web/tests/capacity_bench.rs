//! The capacity simulation in the browser: Karpenter's benchmark mix
//! (`eksplan_core::cost::mix`) at 1k, 5k and 10k pods over 400 instance
//! types, timed with `performance.now()` in headless Chromium.
//!
//! It runs in the normal suite (debug build, one pass per size) as a check
//! that the WebAssembly build packs the mix exactly as Karpenter's rules
//! require: every pod placed, and one node per hostname-anti-affine pod.
//! `scripts/bench.sh` runs it in release mode, where its timings mean
//! something:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p eksplan-web --release \
//!   --target wasm32-unknown-unknown --test capacity_bench -- --nocapture
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
fn karpenter_mix_in_the_browser() {
    let types = mix::instance_types(400);
    let pools = [mix::pool(types.len())];
    for pods in [1_000usize, 5_000, 10_000] {
        let groups = mix::pods(pods, types.len(), 42);
        // Warm up, then take the median of several runs.
        let outcome = simulate::run(&types, &pools, &groups, 3);
        assert_eq!(outcome.pods(), pods as u64);
        assert!(outcome.pending.is_empty(), "{:?}", outcome.pending);
        // A fifth of the pods are anti-affine to each other: one node each,
        // and the rest fit beside them.
        assert_eq!(outcome.nodes.len(), pods / 5);
        let runs = if cfg!(debug_assertions) {
            1
        } else if pods >= 10_000 {
            5
        } else {
            9
        };
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
                "browser karpenter-mix/{pods}{}: median {median:.1} ms, {:.0} pods/s, {} nodes",
                if cfg!(debug_assertions) {
                    " (debug build)"
                } else {
                    ""
                },
                pods as f64 / (median / 1000.0),
                outcome.nodes.len()
            )
            .into(),
        );
    }
}
