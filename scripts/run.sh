#!/usr/bin/env bash
# Run the planner: installs what is missing (the wasm target, Trunk,
# wasm-bindgen-cli, wasm-opt), builds the site into dist/ and serves it on
# http://127.0.0.1:${PORT:-8080}/. Safe to run twice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
build_site
step "Serving dist/"
exec node scripts/serve.mjs dist "${PORT:-8080}"
