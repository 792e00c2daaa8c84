//! Warming the generator up while the page is idle.
//!
//! Browsers compile WebAssembly in two tiers: every function first runs
//! quickly compiled baseline code, and is recompiled optimised in the
//! background only once it has run enough. On a fresh page the planner's
//! first dozen or so regenerations therefore took 2–5 ms instead of about
//! 1 ms (measured in Chromium over the benchmark's regeneration edits,
//! `tests/e2e/bench.mjs`). Once the planner is ready, it regenerates
//! its plan [`RUNS`] times more in idle time, one run per idle period, and
//! throws the results away: the generator is pure, so nothing the user
//! sees or has changes, and by the time they type, its hot functions are
//! optimised. Several planners on one page share one module, so only the
//! first to be ready warms it up.

use std::cell::Cell;
use std::rc::Rc;

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;

/// How many idle regenerations: in Chromium the edits after about the
/// sixteenth are as fast as they get.
pub const RUNS: u32 = 24;

thread_local! {
    /// The module has been (or is being) warmed up.
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// Warm-up runs done so far.
    static DONE: Cell<u32> = const { Cell::new(0) };
}

/// How many warm-up runs this module has done (at most [`RUNS`]).
pub fn runs() -> u32 {
    DONE.with(Cell::get)
}

/// Start warming the generator up with `plan`, unless this module already
/// is or was. Outside a browser (the build-time prerender) nothing runs.
pub fn start(plan: Rc<Plan>, today: Date) {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    browser::next(plan, today, RUNS);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (plan, today, RUNS);
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// One warm-up run: the page's own regeneration, result dropped.
    fn run(plan: &Plan, today: Date) {
        drop(eksplan_core::generate_terraform(
            plan,
            &eksplan_core::Options { today: Some(today) },
        ));
    }

    /// When no idle callback comes (a busy page), run anyway after this long.
    const IDLE_TIMEOUT_MS: u32 = 2000;

    /// Schedule the next of `left` runs for the browser's next idle period
    /// (`requestIdleCallback`; a short timeout where there is none).
    pub(super) fn next(plan: Rc<Plan>, today: Date, left: u32) {
        if left == 0 {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let task = Closure::once_into_js(move || {
            run(&plan, today);
            DONE.with(|d| d.set(d.get() + 1));
            next(plan, today, left - 1);
        });
        let Some(task) = task.dyn_ref::<js_sys::Function>() else {
            return;
        };
        let idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_TIMEOUT_MS);
        if idle {
            let _ = window.request_idle_callback_with_options(task, &options);
        } else {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(task, 50);
        }
    }
}
