//! Today's date, from the browser's clock (the core never reads it).
//!
//! Only effects and entry points call this: the first render takes the
//! date from its props, so a prerendered page and its hydration agree.

use eksplan_core::catalog::date::Date;

/// Today in UTC. Outside a browser (the build-time prerender), the
/// build's own date is not known here either, so a fixed date stands in;
/// the prerender always passes its date explicitly.
pub fn today() -> Date {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        Date::new(
            d.get_utc_full_year() as i32,
            (d.get_utc_month() + 1) as u8,
            d.get_utc_date() as u8,
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Date::new(2026, 1, 1)
    }
}
