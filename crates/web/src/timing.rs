//! Performance marks, read by the browser benchmark (`tests/e2e/bench.mjs`):
//! `eksplan:generate` (the core call) and `eksplan:regenerate` (from an edit
//! to the updated DOM), and `eksplan:cost` (the cost panel's report, curve
//! and charts).

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
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

/// Run `f` and record its duration as the measure `name`
/// (`eksplan:cost` for the cost panel).
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let p = performance();
    let start = format!("{name}-start");
    if let Some(p) = &p {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &p {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}
