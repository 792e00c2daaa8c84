# shellcheck shell=bash
# Shared set-up for scripts/run.sh and scripts/test.sh. Every step checks
# before it installs, so running the scripts twice installs nothing twice.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

step() { printf '\n==> %s\n' "$*"; }

# A virtualenv in .tools/NAME with the packages of REQUIREMENTS, reinstalled
# only when the requirements file changes.
ensure_venv() {
  local name=$1 requirements=$2
  local venv="$TOOLS/$name" stamp
  stamp="$venv/.installed-$(sha256sum "$requirements" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    step "Installing Python packages into .tools/$name ($(basename "$requirements"))"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    touch "$stamp"
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    step "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# Cargo's bin dir and the npm-installed tools come first on PATH.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$TOOLS/npm/node_modules/.bin:$PATH"

# `cargo install NAME@VERSION [ARGS]` unless `BIN --version` already says VERSION.
ensure_cargo_tool() {
  local bin=$1 name=$2 version=$3
  shift 3
  if ! "$bin" --version 2>/dev/null | grep -qF " $version"; then
    step "Installing $name $version (cargo install; this takes a few minutes once)"
    cargo install --quiet "$name@$version" "$@"
  fi
}

# What the web planner needs to build: the wasm target, Trunk, a
# wasm-bindgen CLI of exactly the crate's version, and wasm-opt from npm.
ensure_web_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
  # Trunk 0.22 needs a newer rustc than 1.95; 0.21.14 builds with --locked.
  ensure_cargo_tool trunk trunk 0.21.14 --locked
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly. Its
  # own lock file asks for a crate version crates.io no longer has, so
  # this one is installed without --locked.
  local bindgen
  bindgen=$(cargo pkgid --manifest-path "$ROOT/Cargo.toml" -p wasm-bindgen | sed 's/.*[@#]//')
  ensure_cargo_tool wasm-bindgen wasm-bindgen-cli "$bindgen"
  # Debian's binaryen is too old for rustc 1.95's output; npm's is current.
  if [[ "$(node -p "require('$TOOLS/npm/node_modules/binaryen/package.json').version" 2>/dev/null)" != "132.0.0" ]]; then
    step "Installing wasm-opt (npm binaryen 132.0.0) into .tools/npm"
    mkdir -p "$TOOLS/npm"
    npm install --prefix "$TOOLS/npm" --no-audit --no-fund --loglevel=error binaryen@132.0.0
  fi
}

# Debian's Chromium and its WebDriver, plus the npm packages of tests/e2e
# (playwright-core drives that Chromium; it never downloads a browser).
ensure_browser_tools() {
  ensure_apt chromium chromium-driver
  local stamp
  stamp="$ROOT/tests/e2e/node_modules/.installed-$(sha256sum "$ROOT/tests/e2e/package-lock.json" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    step "Installing the end-to-end test packages (npm ci in tests/e2e)"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

# What the Pulumi validators need: Debian's Go (gofmt, and go/parser for
# the SDK names check; no module is ever downloaded) and the npm packages
# of tests/validators/pulumi (typescript, @pulumi/pulumi, @pulumi/aws),
# installed with --ignore-scripts so nothing fetches a Pulumi plugin.
ensure_pulumi_tools() {
  ensure_apt golang-go
  local dir="$ROOT/tests/validators/pulumi" stamp
  stamp="$dir/node_modules/.installed-$(sha256sum "$dir/package-lock.json" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    step "Installing the Pulumi validator packages (npm ci --ignore-scripts in tests/validators/pulumi)"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

# The CDK validator's npm packages (tests/validators/cdk: aws-cdk-lib,
# constructs, TypeScript, @types/node), exactly as its lock file says. Nothing
# in them downloads anything when installed.
ensure_cdk_validator() {
  local dir="$ROOT/tests/validators/cdk" stamp
  stamp="$dir/node_modules/.installed-$(sha256sum "$dir/package-lock.json" | cut -c1-16)"
  if [[ ! -f "$stamp" ]]; then
    step "Installing the CDK validator's packages (npm ci in tests/validators/cdk)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

# Debian's shellcheck, for the repository's scripts and every generated
# teardown script.
ensure_shellcheck() {
  ensure_apt shellcheck
}

# Build the planner into dist/ (release profile, wasm-opt, offline): Trunk
# builds the page's module, the on-demand module (the cost view) and the
# offline file's module; `eksplan-site planner` then prerenders the page,
# writes its loader and precompresses every asset (.br, .gz).
build_site() {
  step "Building the web planner (trunk build, release)"
  (cd "$ROOT" && trunk build --quiet)
  step "Prerendering the planner page and precompressing dist/ (eksplan-site planner)"
  (cd "$ROOT" && cargo run --quiet -p eksplan-site -- planner --dist dist --www www)
  local wasm extras
  wasm=$(ls "$ROOT"/dist/eksplan-web-*_bg.wasm)
  extras=$(ls "$ROOT"/dist/eksplan-extras-*_bg.wasm)
  echo "dist/: page module $(wc -c <"$wasm") bytes ($(wc -c <"$wasm.xz") xz as sent, $(wc -c <"$wasm.gz") gz, $(wc -c <"$wasm.br") br); on-demand module $(wc -c <"$extras") bytes ($(wc -c <"$extras.xz") xz, $(wc -c <"$extras.gz") gz)"
}

# Build the documentation site (docs, reference, search index, widget,
# offline planner) into target/site from dist/ and www/.
build_docs() {
  step "Building the documentation site (eksplan-site)"
  (cd "$ROOT" && cargo run --quiet -p eksplan-site -- --dist dist --www www --out target/site)
}
