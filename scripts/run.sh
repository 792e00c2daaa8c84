#!/usr/bin/env bash
# Run the planner: installs what is missing (the wasm target, Trunk,
# wasm-bindgen-cli, wasm-opt), builds the planner (dist/) and the
# documentation site around it (target/site/), and serves the site on
# http://127.0.0.1:${PORT:-8080}/ (the planner is at /planner/). Safe to run
# twice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
build_site
build_docs
step "Serving target/site/"
echo "The planner alone is at http://127.0.0.1:${PORT:-8080}/planner/index.html"
exec node scripts/serve.mjs target/site "${PORT:-8080}"
