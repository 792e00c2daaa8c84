//! Time each pipeline stage on a preset (profiling aid):
//! `cargo run --release --example stages -p eksplan-core -- production`
use eksplan_core::presets;
use eksplan_core::{Bundle, Options, emit, resolve, validate};
use std::time::Instant;

fn time<T>(label: &str, n: u32, mut f: impl FnMut() -> T) {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    println!(
        "{label:>14}: {:8.1} µs",
        t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
    );
}

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "production".into());
    let plan = presets::find(&name)
        .and_then(|p| p.plan().ok())
        .unwrap_or_default();
    let opts = Options::default();
    let n: u32 = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    if std::env::var("ONLY_ALL").is_ok() {
        for _ in 0..n {
            std::hint::black_box(eksplan_core::generate(&plan, &opts));
        }
        return;
    }
    if std::env::var("ONLY_TF").is_ok() {
        let design = resolve(&plan);
        for _ in 0..n {
            let mut b = Bundle::new();
            emit::terraform::emit(&design, &mut b);
            std::hint::black_box(b);
        }
        return;
    }
    let diags = validate(&plan, &opts);
    let design = resolve(&plan);
    time("validate", n, || validate(&plan, &opts));
    time("resolve", n, || resolve(&plan));
    time("verify", n, || design.verify());
    time("terraform", n, || {
        let mut b = Bundle::new();
        emit::terraform::emit(&design, &mut b);
        b
    });
    time("kubernetes", n, || {
        let mut b = Bundle::new();
        emit::kubernetes::emit(&design, &mut b);
        b
    });
    time("plan yaml", n, || plan.to_yaml());
    let full = emit::bundle(&plan, &design, &diags);
    time("readme", n, || {
        emit::readme::render(&emit::terraform::Terraform, &design, &diags, &full)
    });
    time("teardown", n, || emit::scripts::teardown(&design));
    time("all", n, || eksplan_core::generate(&plan, &opts));
}
