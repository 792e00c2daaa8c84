#!/usr/bin/env bash
# How small can the planner page be? A measurement, not a test.
#
# Builds two throwaway WebAssembly crates in target/size-floor with the
# planner's release settings (opt-level "z", LTO, one codegen unit, panic =
# abort, wasm-bindgen, wasm-opt -Oz) and prints their gzipped size:
#
# * core: eksplan-core alone, reading a plan file and generating its bundle
#   (validate, resolve, emit); no UI, no cost model, no zip;
# * yew: the smallest Yew app with one labelled input.
#
# Their sum is a floor for any page that runs the generator in a Yew UI;
# compare it with the page-weight budget (250 KB gzipped) and with the real
# page (scripts/bench.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_web_tools
WORK="$ROOT/target/size-floor"
mkdir -p "$WORK/core/src" "$WORK/yew/src"
BINDGEN=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

cat >"$WORK/Cargo.toml" <<'EOF'
[workspace]
resolver = "3"
members = ["core", "yew"]

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
    match eksplan_core::generate(&plan, &eksplan_core::Options::default()).bundle {
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

step "Building the two floor crates (release, wasm32)"
(cd "$WORK" && CARGO_TARGET_DIR="$WORK/target" cargo build --quiet --release \
  --target wasm32-unknown-unknown)
total=0
for name in core yew; do
  out="$WORK/out/$name"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "$WORK/target/wasm32-unknown-unknown/release/floor_$name.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals \
    "$out/floor_${name}_bg.wasm" -o "$out/opt.wasm"
  gz=$(( $(gzip -9c "$out/opt.wasm" | wc -c) + $(gzip -9c "$out/floor_$name.js" | wc -c) ))
  total=$((total + gz))
  printf '%-5s wasm %8d bytes, wasm + JS %7d bytes gzipped\n' "$name" \
    "$(wc -c <"$out/opt.wasm")" "$gz"
done
printf 'floor %d bytes gzipped, before any of the planner'"'"'s own UI (budget 250000)\n' "$total"
