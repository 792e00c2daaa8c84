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
ensure_venv cfn tests/validators/requirements-cfn.txt
ensure_cdk_validator
ensure_apt shellcheck gettext-base
ensure_web_tools
ensure_browser_tools
ensure_pulumi_tools
ensure_shellcheck

step "Formatting and lints"
shellcheck scripts/*.sh crates/core/src/migrate/collect.sh
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
for t in pulumi-ts pulumi-go; do
  mkdir -p "$BUNDLES/$t"
  for p in $presets; do gen "$t/$p" --preset "$p" --target "$t"; done
  for f in tests/fixtures/*.yaml; do gen "$t/$(basename "$f" .yaml)" "$f" --target "$t"; done
done
cargo run --quiet -p eksplan-core --example random_bundles -- "$BUNDLES" 4 pulumi-ts pulumi-go >/dev/null
echo "bundles in target/validation: $(cd "$BUNDLES" && printf '%s ' *)"
tf_bundles=()
for d in "$BUNDLES"/*/; do
  if [[ -d "$d/terraform" ]]; then tf_bundles+=("${d%/}"); fi
done

PY="$TOOLS/py/bin/python"
step "Plan files against schema/plan.schema.json"
"$PY" tests/validators/check_plans.py schema/plan.schema.json crates/core/presets/*.yaml tests/fixtures/*.yaml

step "Validators: python-hcl2, provider schema, parliament, yamllint, kubernetes-validate, CRD schemas, shellcheck"
"$PY" tests/validators/check_bundle.py --provider-schema "$TOOLS/aws-provider-schema.json" "${tf_bundles[@]}"

step "Validators on the golden migration bundles (eksplan migrate)"
"$PY" tests/validators/check_bundle.py --provider-schema "$TOOLS/aws-provider-schema.json" tests/fixtures/migrate/*.expected
"$PY" tests/validators/check_plans.py schema/plan.schema.json tests/fixtures/migrate/*.expected/plan.yaml

step "The validators reject broken bundles"
"$PY" tests/validators/test_validators.py "$BUNDLES/production" "$TOOLS/aws-provider-schema.json" "$BUNDLES/platform"

step "Pulumi validators: Pulumi.yaml rules, tsc --strict, gofmt, Go SDK names against @pulumi/aws, parliament (presets, fixtures, random plans)"
"$PY" tests/validators/check_pulumi.py "$BUNDLES"/pulumi-ts/* "$BUNDLES"/pulumi-go/* "$BUNDLES"/random-*-pulumi-*

step "The Pulumi validators reject broken programs"
"$PY" tests/validators/test_validators_pulumi.py "$BUNDLES/pulumi-ts/production" "$BUNDLES/pulumi-go/production"

step "checkov on every preset and fixture (the empty plan and the articles' clusters among them) and the migration bundles"
# Not kitchen-sink: it sets every option at once, including an existing KMS
# key, for which the planner leaves log groups on CloudWatch's own encryption.
checkov_dirs=()
for d in "${tf_bundles[@]}"; do
  [[ "$(basename "$d")" == kitchen-sink ]] || checkov_dirs+=("$d")
done
"$TOOLS/checkov/bin/python" tests/validators/check_checkov.py "${checkov_dirs[@]}" tests/fixtures/migrate/*.expected

step "checkov's required checks bite: a plan that opens the endpoint to the internet fails CKV_AWS_38"
rm -rf "$ROOT/target/world-open"
target/debug/eksplan generate tests/validators/world-open.yaml --out "$ROOT/target/world-open" --today 2026-11-21 >/dev/null 2>&1 || { echo "generating the world-open bundle failed"; exit 1; }
if out=$("$TOOLS/checkov/bin/python" tests/validators/check_checkov.py "$ROOT/target/world-open"); then
  echo "$out"
  echo "check_checkov.py accepted a world-open endpoint"
  exit 1
fi
if ! grep -q "required check CKV_AWS_38" <<<"$out"; then
  echo "$out"
  echo "check_checkov.py failed, but not on the required CKV_AWS_38"
  exit 1
fi
echo "caught: required check CKV_AWS_38 on a world-open endpoint"

step "Generating eksctl, CloudFormation and CDK bundles: every preset and fixture, and random plans"
STACKS="$ROOT/target/validation-stacks"
rm -rf "$STACKS"
for t in eksctl cloudformation cdk; do
  mkdir -p "$STACKS/$t"
  for p in $presets; do gen "../validation-stacks/$t/$p" --preset "$p" --target "$t"; done
  for f in tests/fixtures/*.yaml; do gen "../validation-stacks/$t/$(basename "$f" .yaml)" "$f" --target "$t"; done
done
cargo run --quiet -p eksplan-core --example random_bundles -- "$STACKS/random" 3 eksctl cloudformation cdk >/dev/null
# random-<n>-<target> → <target>/random-<n>: the CDK check compares each app
# with the CloudFormation bundle of the same name beside it.
for d in "$STACKS"/random/random-*; do
  n=${d##*/}
  t=${n#random-*-}
  i=${n#random-}
  mv "$d" "$STACKS/$t/random-${i%%-*}"
done
rmdir "$STACKS/random"

step "Validators: cfn-lint, parliament, eksctl's JSON Schema and load-time rules, tsc --strict, CDK synth (offline) equal to the CloudFormation template, shellcheck"
"$PY" tests/validators/check_stacks.py --cfn-lint "$TOOLS/cfn/bin/cfn-lint" \
  --cdk-modules tests/validators/cdk/node_modules "$STACKS"/*/*

step "The stack validators reject broken bundles"
"$PY" tests/validators/test_stacks.py "$STACKS" production --cfn-lint "$TOOLS/cfn/bin/cfn-lint" \
  --cdk-modules tests/validators/cdk/node_modules

step "checkov's CloudFormation checks on every preset (CloudFormation, eksctl's prerequisites, CDK synthesised)"
stack_dirs=()
for t in cloudformation eksctl cdk; do
  for p in $presets; do stack_dirs+=("$STACKS/$t/$p"); done
done
"$TOOLS/checkov/bin/python" tests/validators/check_checkov.py --framework cloudformation "${stack_dirs[@]}"

step "Web planner: component tests in headless Chromium (wasm-bindgen-test)"
(cd crates/web && CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test --target wasm32-unknown-unknown --test browser --test capacity_bench)

build_site
build_docs
step "End-to-end tests: the planner (dist/), the docs site, widgets and the offline file (Playwright, headless Chromium)"
(cd tests/e2e && EKSPLAN_BIN="$ROOT/target/debug/eksplan" npm test --silent)
echo "screenshots and logs in tests/artifacts/"

step "All tests passed"
