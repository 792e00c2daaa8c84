//! Time each pipeline stage on a preset (profiling aid):
//! `cargo run --profile native --example stages -p eksplan-core -- production`
//! (`ONLY_ALL=1 TARGET=cdk N=2000`: only `generate`, for `perf stat`)
use eksplan_core::presets;
use eksplan_core::{Bundle, Options, emit, resolve, validate};
use std::time::Instant;

// The CLI's allocator, as in the generate benchmark.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An emitter of one target's files.
type Emit = fn(&eksplan_core::Design, &mut Bundle);

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
    let mut plan = presets::find(&name)
        .and_then(|p| p.plan().ok())
        .unwrap_or_default();
    // `TARGET=cdk` (with `ONLY_ALL`): generate for that target, for
    // `perf stat` (CPU time, or instructions where the machine counts them).
    if let Some(target) = std::env::var("TARGET").ok().and_then(|t| {
        eksplan_core::plan::Target::ALL
            .iter()
            .find(|x| x.as_str() == t)
    }) {
        plan.target = *target;
    }
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
    let emitter = |label: &str, emit: Emit| {
        time(label, n, || {
            let mut b = Bundle::new();
            emit(&design, &mut b);
            b
        });
    };
    emitter("terraform", emit::terraform::emit);
    emitter("kubernetes", emit::kubernetes::emit);
    time("plan yaml", n, || plan.to_yaml());
    let full = emit::bundle(&plan, &design, &diags);
    time("readme", n, || {
        emit::readme::render(&emit::terraform::Terraform, &design, &diags, &full)
    });
    time("teardown", n, || emit::scripts::teardown(&design));
    emitter("cloudformation", emit::cloudformation::emit);
    emitter("cdk", emit::cdk::emit);
    emitter("eksctl", |d, b| _ = emit::eksctl::emit(d, b));
    time("eksctl findings", n, || emit::eksctl::findings(&design));
    emitter("pulumi-ts", emit::pulumi::emit_ts);
    emitter("pulumi-go", emit::pulumi::emit_go);
    time("all", n, || eksplan_core::generate(&plan, &opts));
    for &target in eksplan_core::plan::Target::ALL {
        let mut plan = plan.clone();
        plan.target = target;
        time(&format!("all {}", target.as_str()), n, || {
            eksplan_core::generate(&plan, &opts)
        });
    }
}
