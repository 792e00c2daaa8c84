#!/usr/bin/env bash
# Benchmarks (measurements, not tests): the criterion benchmark of the core
# (every preset, native) and the browser benchmark of the built planner
# (page weight, time to interactive, regeneration after an edit, the cost
# panel), and the capacity simulation on Karpenter's benchmark mix, native
# (criterion) and in the browser (wasm-bindgen-test, release). Figures go to
# target/criterion/ and tests/artifacts/bench.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
ensure_browser_tools
step "criterion: generate every preset (native)"
cargo bench -p eksplan-core --bench generate
step "criterion: capacity simulation, Karpenter's benchmark mix (native)"
cargo bench -p eksplan-core --bench capacity
step "Capacity simulation in headless Chromium (release wasm)"
(cd crates/web && CHROMEDRIVER=/usr/bin/chromedriver cargo test --release \
  --target wasm32-unknown-unknown --test capacity_bench -- --nocapture)
build_site
step "Browser benchmark (headless Chromium)"
(cd tests/e2e && node bench.mjs "$@")
