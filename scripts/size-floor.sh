#!/usr/bin/env bash
# How small can the planner page be? A measurement, not a test.
#
# Builds three throwaway WebAssembly crates in target/size-floor with the
# planner's release settings (opt-level "z", LTO, one codegen unit, panic =
# abort, wasm-bindgen, wasm-opt -Oz) and prints their size gzipped and as
# XZ (how the page is sent since 2026-12-03):
#
# * core: eksplan-core alone, reading a plan file and generating its
#   Terraform bundle with `generate_terraform`, as the page module does
#   (validate, resolve, the Terraform and Kubernetes emitters); no UI, no
#   cost model, no zip, no other targets;
# * core-no-reader: the same generator fed `Plan::default()`, so the plan
#   reader (granit-parser and the plan's Deserialize impls) is not linked;
#   the difference is what a first-load module would save by reading plans
#   (presets, autosaves, links) on demand;
# * yew: the smallest Yew app with one labelled input.
#
# core + yew is a floor for any page that runs the generator in a Yew UI;
# compare it with the first-load goal (450 KB before interactive, issue 15)
# and with the real page (scripts/bench.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
WORK="$ROOT/target/size-floor"
mkdir -p "$WORK/core/src" "$WORK/core-no-reader/src" "$WORK/yew/src"
BINDGEN=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

cat >"$WORK/Cargo.toml" <<'EOF'
[workspace]
resolver = "3"
members = ["core", "core-no-reader", "yew"]

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
EOF

cat >"$WORK/core/Cargo.toml" <<EOF
[package]
name = "floor-core"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
eksplan-core = { path = "$ROOT/crates/core" }
wasm-bindgen = "=$BINDGEN"
EOF

cat >"$WORK/core/src/lib.rs" <<'EOF'
//! The generator alone: plan file in, bundle out.
use wasm_bindgen::prelude::*;

/// Every file of the bundle for a plan file, or an empty string.
#[wasm_bindgen]
pub fn generate(text: &str) -> String {
    let Ok(plan) = eksplan_core::plan::Plan::from_yaml(text) else {
        return String::new();
    };
    match eksplan_core::generate_terraform(&plan, &eksplan_core::Options::default()).bundle {
        Ok(bundle) => bundle.files().map(|(p, c)| format!("{p}\n{c}")).collect(),
        Err(_) => String::new(),
    }
}
EOF

sed 's/^name = "floor-core"/name = "floor-core-no-reader"/' "$WORK/core/Cargo.toml" \
  >"$WORK/core-no-reader/Cargo.toml"

cat >"$WORK/core-no-reader/src/lib.rs" <<'EOF'
//! The generator without the plan reader: the default plan, named by the
//! caller, in; its Terraform bundle out.
use wasm_bindgen::prelude::*;

/// Every file of the bundle for the default plan named `name`.
#[wasm_bindgen]
pub fn generate(name: &str) -> String {
    let mut plan = eksplan_core::plan::Plan::default();
    plan.cluster.name = name.to_owned();
    match eksplan_core::generate_terraform(&plan, &eksplan_core::Options::default()).bundle {
        Ok(bundle) => bundle.files().map(|(p, c)| format!("{p}\n{c}")).collect(),
        Err(_) => String::new(),
    }
}
EOF

cat >"$WORK/yew/Cargo.toml" <<EOF
[package]
name = "floor-yew"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
yew = { version = "0.23", features = ["csr"] }
wasm-bindgen = "=$BINDGEN"
web-sys = { version = "0.3.80", features = ["HtmlInputElement"] }
EOF

cat >"$WORK/yew/src/lib.rs" <<'EOF'
//! The smallest Yew app worth the name: one labelled input, echoed.
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    html! {
        <main>
            <label for="x">{ "Name" }</label>
            <input id="x" {oninput} />
            <p>{ (*text).clone() }</p>
        </main>
    }
}

/// Mount the app.
#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<App>::new().render();
}
EOF

step "Building the three floor crates (release, wasm32)"
(cd "$WORK" && CARGO_TARGET_DIR="$WORK/target" cargo build --quiet --release \
  --target wasm32-unknown-unknown)
declare -A gz xz
for name in core core-no-reader yew; do
  crate=${name//-/_}
  out="$WORK/out/$name"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "$WORK/target/wasm32-unknown-unknown/release/floor_$crate.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals \
    "$out/floor_${crate}_bg.wasm" -o "$out/opt.wasm"
  js=$(gzip -9c "$out/floor_$crate.js" | wc -c)
  gz[$name]=$(( $(gzip -9c "$out/opt.wasm" | wc -c) + js ))
  xz[$name]=$(( $(xz -9e -c "$out/opt.wasm" | wc -c) + js ))
  printf '%-14s wasm %8d bytes; wasm + JS %7d bytes gzipped, %7d with the wasm as XZ\n' \
    "$name" "$(wc -c <"$out/opt.wasm")" "${gz[$name]}" "${xz[$name]}"
done
core_gz=${gz[core]} core_xz=${xz[core]} yew_gz=${gz[yew]} yew_xz=${xz[yew]}
bare_gz=${gz[core-no-reader]} bare_xz=${xz[core-no-reader]}
printf 'floor (core + yew) %d bytes gzipped, %d with XZ, before any of the planner'"'"'s own UI (first-load goal 450000)\n' \
  $((core_gz + yew_gz)) $((core_xz + yew_xz))
printf 'the plan reader: %d bytes gzipped, %d as XZ\n' $((core_gz - bare_gz)) $((core_xz - bare_xz))
