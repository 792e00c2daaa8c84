//! "Memory stays proportional to the pods, not to the JSON text" (issue
//! 12), for the whole of what the "I have a cluster" view and `eksplan cost
//! --from-cluster` do with the files: import them, then price today's fleet
//! and the same pods on the three options.
//!
//! The same 50 nodes and 500 pods are given twice: as kubectl writes them,
//! and with large fields the planner never reads added to every object —
//! `managedFields` (what `kubectl get --show-managed-fields` adds), a large
//! annotation, and extra `status` content. The text grows several times;
//! the memory allocated beyond the input text, at its peak and what stays
//! held, must not grow with it.
//!
//! A test binary of its own, because it installs a counting allocator.

use eksplan_core::cost::cluster::cluster_cost;
use eksplan_core::{Options, Plan, import};

#[path = "support/kubectl.rs"]
mod kubectl;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// `n` bytes of field text a planner never reads, as one JSON string.
fn filler(n: usize, tag: &str) -> String {
    let mut s = String::with_capacity(n + 16);
    while s.len() < n {
        s.push_str(tag);
        s.push_str("-0123456789abcdef");
    }
    s
}

/// `text` with large unread fields added to every object.
fn padded(text: &str) -> String {
    let managed = format!(
        r#""managedFields":[{{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{{"f:metadata":{{"f:labels":{{".":{{}},"f:app":{{}}}}}},"f:spec":{{"f:note":"{}"}}}},"manager":"kube-controller-manager","operation":"Update","time":"2026-11-01T10:00:00Z"}},{{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{{"f:status":{{"f:note":"{}"}}}},"manager":"kubelet","operation":"Update","subresource":"status","time":"2026-11-01T10:00:20Z"}}],"#,
        filler(3000, "spec"),
        filler(3000, "status"),
    );
    let annotation = format!(r#""example.com/large-note":"{}","#, filler(4000, "note"));
    let status = format!(
        r#""status":{{"resize":"","extendedResourceStatus":{{"note":"{}"}},"#,
        filler(4000, "extra")
    );
    text.replace(
        r#""metadata":{"annotations":{"#,
        &format!(r#""metadata":{{{managed}"annotations":{{{annotation}"#),
    )
    .replace(r#""status":{"#, &status)
}

/// (bytes held by the result, peak bytes allocated beyond `text` while
/// importing and pricing), and the pods imported.
fn measure(text: &str) -> (u64, u64, usize) {
    let options = Options {
        today: eksplan_core::catalog::date::Date::parse("2026-12-01"),
    };
    let before = dhat::HeapStats::get();
    let imported = import::import([("kubectl.json", text.as_bytes())]);
    let cost = cluster_cost(&Plan::default(), &imported.snapshot.kube, &options);
    let after = dhat::HeapStats::get();
    let pods = imported.snapshot.kube.pods.len();
    assert!(
        cost.report.is_some() && cost.today.is_some(),
        "{:?} {:?}",
        imported.findings,
        imported.files
    );
    let held = (after.curr_bytes - before.curr_bytes) as u64;
    let peak = after.max_bytes.saturating_sub(before.curr_bytes) as u64;
    drop((imported, cost));
    (held, peak, pods)
}

#[test]
fn memory_follows_the_pods_not_the_json_text() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let text = kubectl::cluster_json(50, 500, 7);
    let big = padded(&text);
    // Every object got its extra fields, and they read the same.
    assert_eq!(big.matches("managedFields").count(), 550);
    assert_eq!(big.matches("extendedResourceStatus").count(), 550);
    assert!(
        big.len() > text.len() * 3,
        "{} vs {}",
        big.len(),
        text.len()
    );

    // Once first, so that what the first use initialises and keeps (the
    // catalog's tables) counts in neither figure.
    measure(&kubectl::cluster_json(5, 50, 7));
    let (held, peak, pods) = measure(&text);
    let (held_big, peak_big, pods_big) = measure(&big);
    let extra = (big.len() - text.len()) as u64;
    eprintln!(
        "text {} B: held {held} B, peak {peak} B beyond the text; \
         text {} B (+{extra} B of unread fields): held {held_big} B, peak {peak_big} B",
        text.len(),
        big.len(),
    );
    assert_eq!((pods, pods_big), (500, 500));
    // What stays is the same objects.
    assert!(held_big <= held + held / 50, "held {held_big} vs {held}");
    // The peak beyond the text does not follow the extra text: at most a
    // few objects' worth of it (one object is read at a time), and nothing
    // near a copy of it.
    assert!(
        peak_big <= peak + peak / 10,
        "peak {peak_big} vs {peak} (extra text {extra})"
    );
    assert!(peak_big - peak.min(peak_big) < extra / 20);
}
