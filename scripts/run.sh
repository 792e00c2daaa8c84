#!/usr/bin/env bash
# Run the planner. Until the web planner lands, this builds the CLI and
# generates the quickstart bundle into ./out/quickstart.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

step "Building eksplan"
cargo build -p eksplan --release --quiet
step "Generating the quickstart bundle"
target/release/eksplan generate --preset quickstart --out out/quickstart --force
echo
echo "The quickstart bundle is in $ROOT/out/quickstart (start with its README.md)."
