//! Performance marks, read by the browser benchmark (`tests/e2e/bench.mjs`):
//! `eksplan:generate` (the core call) and `eksplan:regenerate` (from an edit
//! to the updated DOM).

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
    let p = performance();
    if let Some(p) = &p {
        let _ = p.mark("eksplan:generate-start");
    }
    let out = f();
    if let Some(p) = &p {
        let _ = p.measure_with_start_mark("eksplan:generate", "eksplan:generate-start");
        p.clear_marks_with_mark_name("eksplan:generate-start");
    }
    out
}
