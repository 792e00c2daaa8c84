//! Memory of reading kubectl JSON follows the objects, not the text: the
//! same 500 nodes and 5,000 pods written with two and a half times the text (more
//! environment variables) take the same memory once read, and the peak
//! while reading adds little on top of the result.
//!
//! A test binary of its own, because it installs a counting allocator.

use eksplan_core::kube;

#[path = "support/kubectl.rs"]
mod kubectl;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Bytes the result holds, and the peak above the text while reading.
fn measure(text: &str) -> (u64, u64) {
    let before = dhat::HeapStats::get();
    let read = kube::read_json(text);
    let after = dhat::HeapStats::get();
    assert_eq!(read.objects.pods.len(), 500);
    assert!(read.problems.is_empty());
    let held = (after.curr_bytes - before.curr_bytes) as u64;
    let peak = (after.max_bytes.saturating_sub(before.curr_bytes)) as u64;
    drop(read);
    (held, peak)
}

#[test]
fn memory_follows_the_objects_not_the_text() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let text = kubectl::cluster_json(50, 500, 7);
    let (held, peak) = measure(&text);
    let padded = kubectl::padded_cluster_json(50, 500, 7, 200);
    let (held_padded, peak_padded) = measure(&padded);
    eprintln!(
        "text {} B → result {held} B ({} B per pod), peak {peak} B; \
         padded text {} B → result {held_padded} B, peak {peak_padded} B",
        text.len(),
        held / 550,
        padded.len()
    );
    assert!(padded.len() > text.len() * 5 / 2);
    assert!(held_padded <= held + held / 20, "{held_padded} vs {held}");
    assert!(peak_padded <= peak + peak / 10, "{peak_padded} vs {peak}");
    assert!(peak < held + held / 2, "peak {peak} vs result {held}");
    assert!(held / 550 < 8 * 1024, "{held} bytes");
}
