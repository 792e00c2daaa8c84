#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what is missing
# (Python validators, checkov, the wasm toolchain, Chromium, the npm test
# packages), then runs formatting and lint checks, the Rust tests (unit,
# golden, property, terraform fmt, CLI), the real validators on every
# preset's bundle, the web planner's component tests in headless Chromium,
# and the end-to-end tests against the built planner, documentation site,
# widgets and offline planner. Safe to run twice.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv py tests/validators/requirements.txt
ensure_venv checkov tests/validators/requirements-checkov.txt
ensure_web_tools
ensure_browser_tools

step "Formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p eksplan-web --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "Rust tests: rules, golden bundles, properties, terraform fmt, CLI"
if ! command -v terraform >/dev/null; then
  echo "terraform is not on PATH: the fmt fixed-point test needs it (terraform 1.11 works offline for fmt)"
  exit 1
fi
echo "terraform $(terraform version | head -1 | cut -d' ' -f2): checking fmt fixed points"
# The web crate's browser tests (tests/*.rs) are WebAssembly-only and run
# in the next stage; natively only its unit tests run.
cargo test --workspace --exclude eksplan-web --quiet
cargo test -p eksplan-web --lib --quiet

step "Benchmarks compile"
cargo bench -p eksplan-core --no-run --quiet

step "Generating bundles for every preset and fixture"
cargo build -p eksplan --quiet
BUNDLES="$ROOT/target/validation"
rm -rf "$BUNDLES"
mkdir -p "$BUNDLES"
presets=$(target/debug/eksplan presets | cut -d' ' -f1)
gen() { # name, then eksplan generate arguments; shows the output only on failure
  local name=$1
  shift
  if ! target/debug/eksplan generate "$@" --out "$BUNDLES/$name" --today 2026-11-21 >"$BUNDLES/$name.log" 2>&1; then
    cat "$BUNDLES/$name.log"
    echo "generating $name failed"
    exit 1
  fi
  rm "$BUNDLES/$name.log"
}
for p in $presets; do gen "$p" --preset "$p"; done
for f in tests/fixtures/*.yaml; do gen "$(basename "$f" .yaml)" "$f"; done
echo "bundles in target/validation: $(ls "$BUNDLES" | tr '\n' ' ')"

PY="$TOOLS/py/bin/python"
step "Plan files against schema/plan.schema.json"
"$PY" tests/validators/check_plans.py schema/plan.schema.json crates/core/presets/*.yaml tests/fixtures/*.yaml

step "Validators: python-hcl2, provider schema, parliament, yamllint, kubernetes-validate, CRD schemas"
"$PY" tests/validators/check_bundle.py --provider-schema "$TOOLS/aws-provider-schema.json" "$BUNDLES"/*

step "Validators on the golden migration bundles (eksplan migrate)"
"$PY" tests/validators/check_bundle.py --provider-schema "$TOOLS/aws-provider-schema.json" tests/fixtures/migrate/*.expected
"$PY" tests/validators/check_plans.py schema/plan.schema.json tests/fixtures/migrate/*.expected/plan.yaml

step "The validators reject broken bundles"
"$PY" tests/validators/test_validators.py "$BUNDLES/production" "$TOOLS/aws-provider-schema.json"

step "checkov on every preset"
preset_dirs=()
for p in $presets; do preset_dirs+=("$BUNDLES/$p"); done
"$TOOLS/checkov/bin/python" tests/validators/check_checkov.py "${preset_dirs[@]}"

step "Web planner: component tests in headless Chromium (wasm-bindgen-test)"
(cd crates/web && CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test --target wasm32-unknown-unknown --test browser --test capacity_bench)

build_site
build_docs
step "End-to-end tests: the planner (dist/), the docs site, widgets and the offline file (Playwright, headless Chromium)"
(cd tests/e2e && EKSPLAN_BIN="$ROOT/target/debug/eksplan" npm test --silent)
echo "screenshots and logs in tests/artifacts/"

step "All tests passed"
