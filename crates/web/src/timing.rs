//! Performance marks, read by the browser benchmark (`tests/e2e/bench.mjs`):
//! `eksplan:generate` (the core call) and `eksplan:regenerate` (from an edit
//! to the updated DOM), and `eksplan:cost` (the cost panel's report, curve
//! and charts).

/// The page's Performance API; `None` outside a browser (the build-time
/// prerender renders the same components natively).
fn performance() -> Option<web_sys::Performance> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Mark the moment an edit is applied.
pub fn mark_edit() {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name("eksplan:edit");
        let _ = p.mark("eksplan:edit");
    }
}

/// Measure from the last edit to now (call after the DOM is updated).
pub fn measure_regenerate() {
    if let Some(p) = performance()
        && p.get_entries_by_name_with_entry_type("eksplan:edit", "mark")
            .length()
            > 0
    {
        let _ = p.measure_with_start_mark("eksplan:regenerate", "eksplan:edit");
        p.clear_marks_with_mark_name("eksplan:edit");
    }
}

/// Run `f` between two marks and record the `eksplan:generate` measure.
pub fn generate<T>(f: impl FnOnce() -> T) -> T {
    measured("eksplan:generate", f)
}

/// Run `f` and record its duration as the measure `name`.
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    measured_ms(name, f).0
}

/// [`measured`], also returning the duration in milliseconds (0 where the
/// browser has no Performance API).
pub fn measured_ms<T>(name: &str, f: impl FnOnce() -> T) -> (T, f64) {
    let p = performance();
    let start = format!("{name}-start");
    let t0 = p.as_ref().map_or(0.0, |p| {
        let _ = p.mark(&start);
        p.now()
    });
    let out = f();
    let ms = p.as_ref().map_or(0.0, |p| {
        let ms = p.now() - t0;
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
        ms
    });
    (out, ms)
}
