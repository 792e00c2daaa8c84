#!/usr/bin/env bash
# Benchmarks (measurements, not tests): the criterion benchmark of the core
# (every preset, native) and the browser benchmark of the built planner
# (page weight, time to interactive, regeneration after an edit). Figures
# go to target/criterion/ and tests/artifacts/bench.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
ensure_browser_tools
step "criterion: generate every preset (native)"
cargo bench -p eksplan-core --bench generate
build_site
step "Browser benchmark (headless Chromium)"
(cd tests/e2e && node bench.mjs "$@")
