//! Component tests in headless Chromium (`wasm-bindgen-test`).
//!
//! Each test mounts the planner into a fresh element with its own props
//! (no URL sync, its own or no storage key), drives it through DOM events
//! the way a user would, and reads the DOM back.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p eksplan-web
//! --target wasm32-unknown-unknown` (scripts/test.sh does this).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use eksplan_core::Plan;
use eksplan_web::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted planner and the element it lives in.
struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// Props for an isolated planner: no URL sync, no autosave, the
/// quickstart preset.
fn isolated() -> AppProps {
    AppProps {
        preset: Some("quickstart".into()),
        sync_url: false,
        storage_key: None,
        wizard: false,
        // Debug wasm is slow: keep every cost plan immediate unless a test
        // is about the pause.
        slow_cost_ms: f64::INFINITY,
        ..AppProps::default()
    }
}

async fn mount(props: AppProps) -> Mounted {
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

impl Mounted {
    /// Destroy the planner and let its clean-up run.
    async fn unmount(mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        yew::scheduler::flush().await;
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn input(&self, id: &str) -> HtmlInputElement {
        self.get(&format!("#{id}")).unchecked_into()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// Every element matching `selector`, as text.
    fn texts(&self, selector: &str) -> Vec<String> {
        let list = self.root.query_selector_all(selector).expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect()
    }

    /// The button whose text contains `label`.
    fn button(&self, label: &str) -> HtmlElement {
        let list = self.root.query_selector_all("button").expect("buttons");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .find(|n| n.text_content().unwrap_or_default().contains(label))
            .unwrap_or_else(|| panic!("no button labelled {label}"))
            .unchecked_into()
    }

    async fn type_into(&self, id: &str, value: &str) {
        let input = self.input(id);
        input.set_value(value);
        fire(&input, "input");
        yew::scheduler::flush().await;
    }

    async fn choose(&self, id: &str, value: &str) {
        let select: HtmlSelectElement = self.get(&format!("#{id}")).unchecked_into();
        select.set_value(value);
        fire(&select, "change");
        yew::scheduler::flush().await;
    }

    async fn click(&self, label: &str) {
        self.button(label).click();
        yew::scheduler::flush().await;
    }

    /// The file shown in the viewer (Markdown is shown rendered: its text).
    fn shown_file(&self) -> String {
        self.text(".viewer pre code, .viewer .rendered")
    }
}

/// Wait `ms` milliseconds (real time: the autosave uses a timer).
async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn renders_a_preset_with_its_files_and_findings() {
    let m = mount(AppProps {
        preset: Some("gpu".into()),
        ..isolated()
    })
    .await;
    assert_eq!(m.input("f-cluster-name").value(), "gpu");
    let files = m.texts(".tree .file");
    for f in [
        "README.md",
        "00-nodeclasses.yaml",
        "10-nodepools.yaml",
        "eks.tf",
        "teardown.sh",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} missing from {files:?}");
    }
    assert!(m.shown_file().contains("EKS Auto Mode cluster gpu"));
    assert!(
        m.text(".counts").contains("0 errors"),
        "{}",
        m.text(".counts")
    );
}

#[wasm_bindgen_test]
async fn every_change_regenerates_everything() {
    let m = mount(isolated()).await;
    m.type_into("f-cluster-name", "team-a").await;
    assert!(
        m.shown_file().contains("EKS Auto Mode cluster team-a"),
        "{}",
        m.shown_file()
    );
    m.click("eks.tf").await;
    assert!(
        m.shown_file().contains("cluster team-a"),
        "{}",
        m.shown_file()
    );
    // A select: the NAT layout shows in vpc.tf.
    m.choose("f-network-nat", "per_az").await;
    m.click("vpc.tf").await;
    assert!(
        m.shown_file().contains("aws_nat_gateway"),
        "{}",
        m.shown_file()
    );
    assert!(
        m.shown_file()
            .contains("resource \"aws_nat_gateway\" \"c\""),
        "{}",
        m.shown_file()
    );
}

#[wasm_bindgen_test]
async fn an_error_is_reported_on_its_field_and_the_last_files_stay() {
    let m = mount(isolated()).await;
    m.type_into("f-cluster-name", "").await;
    assert!(
        m.text(".counts").contains("1 error"),
        "{}",
        m.text(".counts")
    );
    let first = m.get(".diag.sev-error");
    assert!(first.text_content().unwrap_or_default().contains("CL001"));
    // The files are the last good ones, marked as such, and cannot be downloaded.
    assert!(m.find(".files .stale").is_some());
    let zip: HtmlElement = m.get("#download-zip").unchecked_into();
    assert!(zip.has_attribute("disabled"));
    assert!(m.shown_file().contains("EKS Auto Mode cluster quickstart"));
    // The finding takes focus to the field.
    first
        .query_selector("button.link")
        .ok()
        .flatten()
        .expect("path button")
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
    let active = document().active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("f-cluster-name"));
    // Its explanation is there, in full.
    let explain = m.text(".diag.sev-error details.explain");
    assert!(explain.contains("Fix:"), "{explain}");
}

#[wasm_bindgen_test]
async fn a_finding_in_a_hidden_wizard_step_opens_that_step() {
    let m = mount(AppProps {
        wizard: true,
        ..isolated()
    })
    .await;
    m.click("Next: Network").await;
    m.type_into("f-network-vpc_cidr", "10.0.0.0/8").await;
    m.click("Basics").await;
    assert!(m.find("#f-network-vpc_cidr").is_none());
    let button = m
        .root
        .query_selector_all(".diag button.link")
        .expect("links");
    let vpc = (0..button.length())
        .filter_map(|i| button.item(i))
        .find(|b| {
            b.text_content()
                .unwrap_or_default()
                .starts_with("network.vpc_cidr")
        })
        .expect("a finding on network.vpc_cidr");
    vpc.unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    yew::scheduler::flush().await;
    let active = document().active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("f-network-vpc_cidr"));
}

#[wasm_bindgen_test]
async fn wizard_and_editor_share_the_plan() {
    let m = mount(AppProps {
        wizard: true,
        ..isolated()
    })
    .await;
    assert!(m.find(".steps").is_some());
    m.type_into("f-cluster-name", "wiz").await;
    m.click("Next: Network").await;
    assert!(m.find("#f-network-mode").is_some());
    assert!(m.find("#f-cluster-name").is_none());
    m.type_into("f-network-vpc_cidr", "10.42.0.0/16").await;
    m.click("All options").await;
    assert!(m.find(".steps").is_none());
    assert_eq!(m.input("f-cluster-name").value(), "wiz");
    assert_eq!(m.input("f-network-vpc_cidr").value(), "10.42.0.0/16");
    m.click("Guided").await;
    assert_eq!(m.input("f-cluster-name").value(), "wiz");
}

#[wasm_bindgen_test]
async fn node_pools_can_be_added_reordered_and_removed() {
    let m = mount(isolated()).await;
    m.click("Add a NodePool").await;
    m.click("Add a NodePool").await;
    m.type_into("f-node_pools-0-name", "first").await;
    m.type_into("f-node_pools-1-name", "second").await;
    m.click("10-nodepools.yaml").await;
    let yaml = m.shown_file();
    let (a, b) = (yaml.find("name: first"), yaml.find("name: second"));
    assert!(a.is_some() && b.is_some() && a < b, "{yaml}");
    // Move the second pool up.
    let up: HtmlElement = m
        .get("#f-node_pools-1 button[aria-label$=' up']")
        .unchecked_into();
    up.click();
    yew::scheduler::flush().await;
    assert_eq!(m.input("f-node_pools-0-name").value(), "second");
    let yaml = m.shown_file();
    assert!(
        yaml.find("name: second") < yaml.find("name: first"),
        "{yaml}"
    );
    let remove: HtmlElement = m
        .get("#f-node_pools-0 button[aria-label^='Remove']")
        .unchecked_into();
    remove.click();
    yew::scheduler::flush().await;
    assert_eq!(m.input("f-node_pools-0-name").value(), "first");
    assert!(m.find("#f-node_pools-1-name").is_none());
}

#[wasm_bindgen_test]
async fn reset_can_be_undone() {
    let m = mount(isolated()).await;
    m.type_into("f-cluster-name", "keep-me").await;
    m.get("#reset").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(m.input("f-cluster-name").value(), "quickstart");
    m.click("Undo").await;
    assert_eq!(m.input("f-cluster-name").value(), "keep-me");
}

#[wasm_bindgen_test]
async fn autosave_restores_the_plan_in_a_new_planner() {
    let key = "eksplan.test.autosave";
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    storage.remove_item(key).expect("clear");
    let m = mount(AppProps {
        storage_key: Some(key.into()),
        ..isolated()
    })
    .await;
    // Saved once typing pauses...
    m.type_into("f-cluster-name", "saved").await;
    let now = || storage.get_item(key).ok().flatten().unwrap_or_default();
    sleep(eksplan_web::app::PERSIST_DELAY_MS + 200).await;
    assert!(now().contains("\"saved\""), "{}", now());
    // ...and at once when the planner goes away.
    m.type_into("f-cluster-name", "saved-on-unmount").await;
    assert!(!now().contains("saved-on-unmount"));
    m.unmount().await;
    assert!(now().contains("\"saved-on-unmount\""), "{}", now());
    let again = mount(AppProps {
        storage_key: Some(key.into()),
        ..isolated()
    })
    .await;
    assert_eq!(again.input("f-cluster-name").value(), "saved-on-unmount");
    // A corrupt save is ignored, not fatal.
    storage.set_item(key, "{not json").expect("set");
    let fresh = mount(AppProps {
        storage_key: Some(key.into()),
        ..isolated()
    })
    .await;
    assert_eq!(fresh.input("f-cluster-name").value(), "quickstart");
    storage.remove_item(key).expect("clear");
}

#[wasm_bindgen_test]
async fn the_embedding_callback_sees_every_plan() {
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let sink = seen.clone();
    let m = mount(AppProps {
        on_change: Some(Callback::from(move |p: Rc<Plan>| {
            sink.borrow_mut().push(p.cluster.name.clone());
        })),
        plan: Some(Rc::new(Plan::default())),
        ..isolated()
    })
    .await;
    m.type_into("f-cluster-name", "embedded").await;
    let names = seen.borrow().clone();
    assert_eq!(
        names.last().map(String::as_str),
        Some("embedded"),
        "{names:?}"
    );
}

#[wasm_bindgen_test]
async fn every_control_has_a_label() {
    let m = mount(AppProps {
        preset: Some("production".into()),
        ..isolated()
    })
    .await;
    let controls = m
        .root
        .query_selector_all("input, select, textarea")
        .expect("controls");
    let mut unlabelled = Vec::new();
    for i in 0..controls.length() {
        let Some(el) = controls.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = el.id();
        let has_label = !id.is_empty()
            && m.root
                .query_selector(&format!("label[for='{id}']"))
                .ok()
                .flatten()
                .is_some();
        let aria = el.has_attribute("aria-label") || el.has_attribute("aria-labelledby");
        if !(has_label || aria) {
            unlabelled.push(if id.is_empty() { el.outer_html() } else { id });
        }
    }
    assert!(
        unlabelled.is_empty(),
        "controls without a label: {unlabelled:?}"
    );
}

/// The figure in the cost table for `item` under option number `col`
/// (1 Auto Mode, 2 managed node groups, 3 Fargate).
fn cost_cell(m: &Mounted, item: &str, col: usize) -> String {
    let rows = m.root.query_selector_all(".cost-table tr").expect("rows");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|r| r.dyn_into::<Element>().ok())
        .find(|r| {
            r.query_selector("th")
                .ok()
                .flatten()
                .and_then(|th| th.text_content())
                .is_some_and(|t| t == item)
        })
        .and_then(|r| r.query_selector_all("td").ok())
        .and_then(|tds| tds.item(u32::try_from(col - 1).unwrap_or(0)))
        .and_then(|td| td.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_cost_panel_compares_the_options_with_charts_and_tables() {
    let m = mount(AppProps {
        preset: Some("production".into()),
        ..isolated()
    })
    .await;
    assert!(m.find(".cost").is_none(), "cost is computed only on demand");
    m.click("Cost and capacity").await;
    // The table, with the fee marked as an estimate and Fargate ruled out
    // by the DaemonSets.
    let heads = m.texts(".cost-table thead th");
    assert_eq!(
        &heads[..4],
        ["Per month", "Auto Mode", "Managed node groups", "Fargate"]
    );
    assert_eq!(cost_cell(&m, "EKS control plane", 1), "$73.00");
    assert!(cost_cell(&m, "Auto Mode management fee", 1).ends_with('*'));
    assert_eq!(cost_cell(&m, "Auto Mode management fee", 2), "–");
    assert!(m.text(".cost-table tfoot").contains("not possible"));
    // Three charts, each an image with a title, a text legend and a
    // summary.
    let charts = m.root.query_selector_all("svg.chart").expect("charts");
    assert_eq!(charts.length(), 3);
    for i in 0..3 {
        let svg: Element = charts.item(i).expect("chart").unchecked_into();
        assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
        assert!(svg.query_selector("title").ok().flatten().is_some());
    }
    assert!(
        m.texts(".legend li")
            .iter()
            .any(|l| l == "Auto Mode management fee")
    );
    assert!(
        m.text(".chart-comparison figcaption")
            .contains("Fargate: not possible")
    );
    assert!(
        m.text(".fleet").contains("for 23 pods"),
        "{}",
        m.text(".fleet")
    );
    assert!(m.text(".bound").contains("× the bound"));
    // The node view's table lists every node.
    assert!(!m.texts(".cost-details tbody tr").is_empty());
}

#[wasm_bindgen_test]
async fn editing_the_workload_updates_the_cost() {
    let m = mount(isolated()).await;
    m.click("Cost and capacity").await;
    let before = m.text(".fleet");
    assert!(before.contains("for 30 pods"), "{before}");
    let ec2 = cost_cell(&m, "EC2 on-demand", 1);
    // Ten times the pods: more EC2, and the fleet says so.
    m.type_into("f-capacity-quick-pods", "300").await;
    assert!(
        m.text(".fleet").contains("for 300 pods"),
        "{}",
        m.text(".fleet")
    );
    assert_ne!(cost_cell(&m, "EC2 on-demand", 1), ec2);
    // A workload that no pool accepts stays pending, with a link to it.
    m.click("Add a workload").await;
    m.type_into("f-capacity-workloads-0-cpu", "500").await;
    let pending = m.text(".pending");
    assert!(pending.contains("app"), "{pending}");
    let link: HtmlElement = m.get(".pending button").unchecked_into();
    link.click();
    yew::scheduler::flush().await;
    yew::scheduler::flush().await;
    let active = document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default();
    assert!(active.starts_with("f-capacity-workloads-0"), "{active}");
    // A price override changes the fee line: 20% instead of 12%.
    let fee = cost_cell(&m, "Auto Mode management fee", 1);
    m.type_into("f-capacity-prices-fee_fraction", "0.2").await;
    assert_ne!(cost_cell(&m, "Auto Mode management fee", 1), fee);
    // Text that is not a number is flagged and not applied.
    m.type_into("f-capacity-prices-fee_fraction", "twelve")
        .await;
    assert_eq!(
        m.input("f-capacity-prices-fee_fraction")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn a_slow_cost_plan_waits_for_a_pause_in_typing() {
    // Every cost plan counts as slow here.
    let m = mount(AppProps {
        slow_cost_ms: 0.0,
        ..isolated()
    })
    .await;
    m.click("Cost and capacity").await;
    assert!(m.text(".fleet").contains("for 30 pods"));
    assert_eq!(m.text(".updating"), "");
    // While typing, the last figures stay and say they are updating; the
    // files follow every keystroke as always.
    m.type_into("f-capacity-quick-pods", "3").await;
    m.type_into("f-capacity-quick-pods", "30").await;
    m.type_into("f-capacity-quick-pods", "300").await;
    assert!(
        m.text(".fleet").contains("for 30 pods"),
        "{}",
        m.text(".fleet")
    );
    assert!(m.text(".updating").contains("Updating when you pause"));
    // Once typing pauses, the figures follow the plan.
    sleep(eksplan_web::app::COST_PAUSE_MS + 200).await;
    yew::scheduler::flush().await;
    assert!(
        m.text(".fleet").contains("for 300 pods"),
        "{}",
        m.text(".fleet")
    );
    assert_eq!(m.text(".updating"), "");
}

#[wasm_bindgen_test]
async fn the_workload_step_opens_the_cost_panel() {
    let m = mount(AppProps {
        wizard: true,
        ..isolated()
    })
    .await;
    assert!(m.find(".cost").is_none());
    m.click("Workload and cost").await;
    assert!(m.find("#capacity-title").is_some());
    assert!(m.find(".cost-table").is_some());
}

// ---------------------------------------------------------------------
// The planner as a finished product (issue 13): nothing lost, refactoring
// edits, errors at the field, the plan editor, the review, finding one's
// way, region-aware inputs, widget options.
// ---------------------------------------------------------------------

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage")
}

/// Put `fragment` in the test page's address (no history entry).
fn set_fragment(fragment: &str) {
    let history = web_sys::window()
        .expect("window")
        .history()
        .expect("history");
    let path = web_sys::window()
        .expect("window")
        .location()
        .pathname()
        .unwrap_or_default();
    let url = if fragment.is_empty() {
        path
    } else {
        format!("{path}#{fragment}")
    };
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .expect("replaceState");
}

fn named(name: &str) -> Plan {
    let mut p = eksplan_core::presets::find("quickstart")
        .and_then(|p| p.plan().ok())
        .expect("quickstart");
    p.cluster.name = name.to_owned();
    p
}

fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

impl Mounted {
    async fn focus(&self, id: &str) {
        let el: HtmlElement = self.get(&format!("#{id}")).unchecked_into();
        el.focus().expect("focus");
        yew::scheduler::flush().await;
    }

    async fn click_el(&self, selector: &str) {
        let el: HtmlElement = self.get(selector).unchecked_into();
        el.click();
        yew::scheduler::flush().await;
    }

    fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.get(selector).get_attribute(name)
    }

    fn select_value(&self, id: &str) -> String {
        self.get(&format!("#{id}"))
            .unchecked_into::<HtmlSelectElement>()
            .value()
    }

    async fn type_area(&self, id: &str, value: &str) {
        let area: web_sys::HtmlTextAreaElement = self.get(&format!("#{id}")).unchecked_into();
        area.set_value(value);
        fire(&area, "input");
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn a_link_that_would_replace_other_work_asks_first_and_can_be_undone() {
    let key = "eksplan.test.offer";
    let recent = eksplan_web::recent::key_for(key);
    storage().remove_item(&recent).expect("clear");
    storage()
        .set_item(
            key,
            &eksplan_core::textfmt::json(&named("my-work")).expect("json"),
        )
        .expect("save");
    set_fragment(&eksplan_core::share::encode(&named("from-link")));
    let props = || AppProps {
        sync_url: true,
        storage_key: Some(key.into()),
        ..isolated()
    };
    // Keep mine: nothing changes, and the address shows my plan again.
    let m = mount(props()).await;
    yew::scheduler::flush().await;
    assert_eq!(m.input("f-cluster-name").value(), "my-work");
    assert!(
        m.text(".offer").contains("from-link"),
        "{}",
        m.text(".offer")
    );
    assert_eq!(m.attr(".offer", "role").as_deref(), Some("alertdialog"));
    assert!(active_id().is_empty() || m.find(".offer button").is_some());
    m.click("Keep mine").await;
    assert!(m.find(".offer").is_none());
    assert_eq!(m.input("f-cluster-name").value(), "my-work");
    m.unmount().await;

    // Open the link's: replaced, and Undo brings mine back.
    set_fragment(&eksplan_core::share::encode(&named("from-link")));
    let m = mount(props()).await;
    yew::scheduler::flush().await;
    assert!(
        m.find(".offer").is_some(),
        "{}",
        m.root.text_content().unwrap_or_default()
    );
    m.click("Open the link's").await;
    assert_eq!(m.input("f-cluster-name").value(), "from-link");
    m.click("Undo").await;
    assert_eq!(m.input("f-cluster-name").value(), "my-work");
    m.unmount().await;

    // Open the link's and keep mine in the recent plans.
    set_fragment(&eksplan_core::share::encode(&named("from-link")));
    let m = mount(props()).await;
    yew::scheduler::flush().await;
    assert!(
        m.find(".offer").is_some(),
        "{:?} {}",
        storage().get_item(key),
        m.root.text_content().unwrap_or_default()
    );
    m.click("Open the link's, keep mine in Recent plans").await;
    assert_eq!(m.input("f-cluster-name").value(), "from-link");
    let kept = eksplan_web::recent::load(&recent);
    assert_eq!(kept.first().map(|r| r.name.as_str()), Some("my-work"));
    // The recent plans menu opens it again, keeping the link's in its place.
    m.click("Recent plans").await;
    let open: HtmlElement = m.get("#recent-list li button").unchecked_into();
    open.click();
    yew::scheduler::flush().await;
    assert_eq!(m.input("f-cluster-name").value(), "my-work");
    let kept = eksplan_web::recent::load(&recent);
    assert_eq!(kept.first().map(|r| r.name.as_str()), Some("from-link"));
    m.click("Undo").await;
    assert_eq!(m.input("f-cluster-name").value(), "from-link");
    m.unmount().await;

    // A link to the plan one has asks nothing; no saved work asks nothing.
    storage().remove_item(key).expect("clear");
    set_fragment(&eksplan_core::share::encode(&named("from-link")));
    let m = mount(props()).await;
    yew::scheduler::flush().await;
    assert!(m.find(".offer").is_none());
    assert_eq!(m.input("f-cluster-name").value(), "from-link");
    m.unmount().await;
    set_fragment("");
    storage().remove_item(key).expect("clear");
    storage().remove_item(&recent).expect("clear");
}

#[wasm_bindgen_test]
async fn a_link_pasted_into_an_open_planner_asks_first() {
    set_fragment("");
    let m = mount(AppProps {
        sync_url: true,
        ..isolated()
    })
    .await;
    m.type_into("f-cluster-name", "typed-here").await;
    set_fragment(&eksplan_core::share::encode(&named("pasted")));
    fire(&web_sys::window().expect("window"), "hashchange");
    yew::scheduler::flush().await;
    assert!(m.find(".offer").is_some(), "the planner asks");
    assert_eq!(m.input("f-cluster-name").value(), "typed-here");
    m.click("Open the link's").await;
    assert_eq!(m.input("f-cluster-name").value(), "pasted");
    m.click("Undo").await;
    assert_eq!(m.input("f-cluster-name").value(), "typed-here");
    drop(m);
    set_fragment("");
}

#[wasm_bindgen_test]
async fn an_invalid_field_says_so_at_the_field() {
    let m = mount(AppProps {
        wizard: true,
        ..isolated()
    })
    .await;
    m.type_into("f-cluster-name", "").await;
    let input = m.input("f-cluster-name");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described.split(' ').any(|id| id == "f-cluster-name-msg"),
        "{described}"
    );
    let msg = m.text("#f-cluster-name-msg");
    assert!(msg.contains("CL001"), "{msg}");
    assert!(msg.contains("error"), "{msg}");
    // Fixed: the message and the flag go.
    m.type_into("f-cluster-name", "fine").await;
    assert_eq!(
        m.input("f-cluster-name").get_attribute("aria-invalid"),
        None
    );
    assert!(m.find("#f-cluster-name-msg").is_none());
    // A step's tab counts its errors.
    m.click("Next: Network").await;
    m.type_into("f-network-vpc_cidr", "10.0.0.0/8").await;
    let steps = m.texts(".steps .step");
    assert!(
        steps
            .iter()
            .any(|s| s.contains("Network") && s.contains("(1 to fix)")),
        "{steps:?}"
    );
    assert!(
        m.text(".steps-toggle").contains("1 to fix"),
        "{}",
        m.text(".steps-toggle")
    );
    // A select shows its finding too.
    assert_eq!(
        m.input("f-network-vpc_cidr")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn renaming_a_node_class_renames_its_pools() {
    let m = mount(AppProps {
        preset: Some("gpu".into()),
        ..isolated()
    })
    .await;
    assert_eq!(m.select_value("f-node_pools-0-node_class"), "gpu");
    assert!(
        m.text("#f-node_classes-0-name-help")
            .contains("Used by NodePool gpu")
    );
    m.focus("f-node_classes-0-name").await;
    for typed in ["g", "", "accel"] {
        m.type_into("f-node_classes-0-name", typed).await;
    }
    assert_eq!(m.select_value("f-node_pools-0-node_class"), "accel");
    assert!(
        !m.text(".diag-list").contains("NP003"),
        "{}",
        m.text(".diag-list")
    );
    assert!(
        m.text(".counts").contains("0 errors"),
        "{}",
        m.text(".counts")
    );
}

#[wasm_bindgen_test]
async fn removing_a_node_class_in_use_asks_and_can_be_undone() {
    let m = mount(AppProps {
        preset: Some("gpu".into()),
        ..isolated()
    })
    .await;
    m.click_el("#f-node_classes-0-remove").await;
    // It asks, naming the pool, and nothing is gone yet.
    let confirm = m.text("#f-node_classes-0-confirm");
    assert!(
        confirm.contains("NodeClass gpu is in use by NodePool gpu"),
        "{confirm}"
    );
    assert!(m.find("#f-node_classes-0-name").is_some());
    // Re-point the pool at the built-in NodeClass.
    let select: HtmlSelectElement = m.get("#f-node_classes-0-confirm select").unchecked_into();
    assert_eq!(select.value(), "default");
    m.click("instead, and remove NodeClass gpu").await;
    assert!(m.find("#f-node_classes-0-name").is_none());
    assert_eq!(m.select_value("f-node_pools-0-node_class"), "default");
    assert!(m.text(".counts").contains("0 errors"));
    m.click("Undo").await;
    assert_eq!(m.input("f-node_classes-0-name").value(), "gpu");
    assert_eq!(m.select_value("f-node_pools-0-node_class"), "gpu");
    // Or remove the pool with it.
    m.click_el("#f-node_classes-0-remove").await;
    m.click("Remove NodeClass gpu and NodePool gpu").await;
    assert!(m.find("#f-node_pools-0-name").is_none());
    assert!(m.find("#f-node_classes-0-name").is_none());
    assert_eq!(active_id(), "f-node_classes-add");
    m.click("Undo").await;
    assert_eq!(m.input("f-node_pools-0-name").value(), "gpu");
    // Cancel leaves everything.
    m.click_el("#f-node_classes-0-remove").await;
    m.click("Cancel").await;
    assert!(m.find("#f-node_classes-0-confirm").is_none());
    assert_eq!(active_id(), "f-node_classes-0-remove");
}

#[wasm_bindgen_test]
async fn focus_follows_moved_and_removed_items() {
    let m = mount(isolated()).await;
    for _ in 0..3 {
        m.click("Add a NodePool").await;
    }
    m.type_into("f-node_pools-0-name", "a").await;
    // ↓ twice on the same item: focus stays on it.
    m.focus("f-node_pools-0-down").await;
    m.click_el("#f-node_pools-0-down").await;
    yew::scheduler::flush().await;
    assert_eq!(active_id(), "f-node_pools-1-down");
    assert_eq!(m.input("f-node_pools-1-name").value(), "a");
    m.click_el("#f-node_pools-1-down").await;
    yew::scheduler::flush().await;
    // At the bottom its ↓ is disabled: focus is on its ↑.
    assert_eq!(active_id(), "f-node_pools-2-up");
    assert_eq!(m.input("f-node_pools-2-name").value(), "a");
    // Removed: focus goes to the item before (it was the last), Undo brings it back.
    m.click_el("#f-node_pools-2-remove").await;
    yew::scheduler::flush().await;
    assert_eq!(active_id(), "f-node_pools-1-remove");
    assert!(m.find("#f-node_pools-2-name").is_none());
    assert!(
        m.text(".notice").contains("Removed NodePool a."),
        "{}",
        m.text(".notice")
    );
    m.click("Undo").await;
    assert_eq!(m.input("f-node_pools-2-name").value(), "a");
}

#[wasm_bindgen_test]
async fn the_plan_editor_and_the_form_stay_in_sync() {
    let m = mount(isolated()).await;
    m.click("Plan editor").await;
    let area = || -> web_sys::HtmlTextAreaElement { m.get("#plan-editor").unchecked_into() };
    assert!(
        area().value().contains("  name: quickstart\n"),
        "{}",
        area().value()
    );
    // Form → text.
    m.type_into("f-cluster-name", "from-form").await;
    yew::scheduler::flush().await;
    assert!(area().value().contains("  name: from-form\n"));
    // Text → form.
    let text = area().value().replace("name: from-form", "name: from-text");
    m.type_area("plan-editor", &text).await;
    assert_eq!(m.input("f-cluster-name").value(), "from-text");
    // A finding of the plan is underlined where it is.
    let text = area().value().replace("name: from-text", "name: \"\"");
    m.type_area("plan-editor", &text).await;
    assert!(m.text(".editor-problems").contains("CL001"));
    assert!(m.find(".editor-layer .squiggle.sev-error").is_some());
    // Text that does not read: its problems at line:column, the plan stays.
    let broken = "cluster:\n  name: kept\n  nmae: typo\n  kubernetes_versoin: x\n";
    m.type_area("plan-editor", broken).await;
    let problems = m.texts(".editor-problems li");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("3:3"), "{problems:?}");
    assert!(problems[0].contains("did you mean name"), "{problems:?}");
    assert!(problems[1].starts_with("4:3"), "{problems:?}");
    assert_eq!(area().value(), broken, "the text is kept as typed");
    assert_eq!(
        area().get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(m.input("f-cluster-name").value(), "");
    assert_eq!(
        m.texts(".editor-layer .squiggle.sev-error"),
        ["nmae", "kubernetes_versoin"]
    );
    // Fixing it applies it.
    m.type_area("plan-editor", "cluster:\n  name: fixed\n")
        .await;
    assert_eq!(m.input("f-cluster-name").value(), "fixed");
    assert!(m.find(".editor-problems .sev-error").is_none());
    // Broken text, then a form edit: the text is kept aside and comes back.
    m.type_area("plan-editor", "cluster: [").await;
    m.type_into("f-cluster-name", "form-wins").await;
    yew::scheduler::flush().await;
    assert!(area().value().contains("name: form-wins"));
    m.click("Bring my text back").await;
    assert_eq!(area().value(), "cluster: [");
}

#[wasm_bindgen_test]
async fn a_focused_field_marks_its_lines_and_an_edit_marks_its_changes() {
    let m = mount(isolated()).await;
    m.click("vpc.tf").await;
    m.focus("f-network-nat").await;
    yew::scheduler::flush().await;
    let traced = m.texts(".viewer .ln.traced");
    assert!(
        traced.iter().any(|l| l.contains("aws_nat_gateway")),
        "{traced:?}"
    );
    assert!(
        m.text(".trace-status").starts_with("network.nat:"),
        "{}",
        m.text(".trace-status")
    );
    let marked = m.texts(".tree .file .mark-traced");
    assert!(!marked.is_empty());
    // An edit marks the lines it changed.
    m.type_into("f-network-vpc_cidr", "10.20.0.0/16").await;
    let changed = m.texts(".viewer .ln.changed");
    assert!(
        changed.iter().any(|l| l.contains("10.20.0.0/16")),
        "{changed:?}"
    );
    assert!(m.text(".tree").contains("changed by the last edit"));
    // Line numbers and wrapping.
    assert!(m.find(".viewer pre.code.numbered").is_some());
    m.click("Wrap lines").await;
    assert!(m.find(".viewer pre.code.wrap").is_some());
    // README.md is rendered, and its source is a click away.
    m.click("README.md").await;
    assert!(m.find(".viewer .rendered table").is_some());
    m.click("Source").await;
    assert!(
        m.shown_file()
            .contains("# EKS Auto Mode cluster `quickstart`")
    );
}

#[wasm_bindgen_test]
async fn the_review_shows_every_choice_the_cost_and_how_to_apply() {
    let m = mount(AppProps {
        wizard: true,
        ..isolated()
    })
    .await;
    m.click("Review and download").await;
    yew::scheduler::flush().await;
    let rows = m.texts(".review-table tbody tr");
    let name = rows
        .iter()
        .find(|r| r.starts_with("Cluster name"))
        .cloned()
        .unwrap_or_default();
    assert!(
        name.contains("quickstart") && name.contains("No"),
        "{rows:?}"
    );
    let version = rows
        .iter()
        .find(|r| r.starts_with("Kubernetes version"))
        .cloned()
        .unwrap_or_default();
    assert!(version.contains("Upgrade only"), "{version}");
    let download: HtmlElement = m.get("#review-download").unchecked_into();
    assert!(!download.has_attribute("disabled"));
    assert!(download.class_name().contains("primary"));
    let steps = m.texts(".apply-steps li");
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert!(steps[1].contains("aws eks update-kubeconfig --region us-east-1 --name quickstart"));
    assert!(steps[2].contains("kubectl apply -f kubernetes/"));
    assert!(
        m.text(".review-cost").contains("a month on Auto Mode"),
        "{}",
        m.text(".review-cost")
    );
    // The files, not the cost, beside it.
    assert!(m.find("#files-title").is_some());
    // A row leads to its field.
    m.click_el(".review-table button[data-path='network.nat']")
        .await;
    yew::scheduler::flush().await;
    assert_eq!(active_id(), "f-network-nat");
    m.click("Review and download").await;
    // An error: the download waits, and the error links to its field.
    m.click("Basics").await;
    m.type_into("f-cluster-name", "").await;
    m.click("Review and download").await;
    let download: HtmlElement = m.get("#review-download").unchecked_into();
    assert!(download.has_attribute("disabled"));
    assert!(m.text(".review-errors").contains("cluster.name"));
}

#[wasm_bindgen_test]
async fn all_options_has_a_section_menu_and_a_field_search() {
    let m = mount(isolated()).await;
    let sections = m.texts(".section-menu li");
    assert!(sections.len() >= 9, "{sections:?}");
    m.click("Load balancing").await;
    assert_eq!(active_id(), "load_balancing-title");
    m.type_into("field-search", "retention").await;
    let hits = m.texts("#field-search-results [role=option]");
    assert!(
        hits.iter().any(|h| h.starts_with("Log retention")),
        "{hits:?}"
    );
    assert_eq!(
        m.attr("#field-search", "aria-expanded").as_deref(),
        Some("true")
    );
    let input = m.input("field-search");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("key");
    input.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
    yew::scheduler::flush().await;
    assert_eq!(active_id(), "f-cluster-log_retention_days");
}

#[wasm_bindgen_test]
async fn region_zones_and_their_count_follow_each_other() {
    let m = mount(isolated()).await;
    assert_eq!(m.select_value("f-cluster-region"), "us-east-1");
    m.choose("f-cluster-region", "eu-west-1").await;
    assert!(
        m.input("f-network-availability_zones")
            .placeholder()
            .starts_with("eu-west-1a, eu-west-1b")
    );
    // Another region by code.
    m.choose("f-cluster-region", "other").await;
    m.type_into("f-cluster-region", "eu-west-9").await;
    assert_eq!(m.select_value(&eksplan_web::regions::list_id()), "other");
    m.choose(&eksplan_web::regions::list_id(), "eu-west-1")
        .await;
    // Naming zones sets the count; the count control follows and waits.
    m.type_into("f-network-availability_zones", "eu-west-1a, eu-west-1b")
        .await;
    assert_eq!(m.select_value("f-network-az_count"), "2");
    assert!(m.get("#f-network-az_count").has_attribute("disabled"));
    assert!(!m.text(".diag-list").contains("NW015"));
    m.type_into("f-network-availability_zones", "").await;
    assert!(!m.get("#f-network-az_count").has_attribute("disabled"));
    m.click("Name them: eu-west-1a").await;
    assert_eq!(
        m.input("f-network-availability_zones").value(),
        "eu-west-1a, eu-west-1b"
    );
}

#[wasm_bindgen_test]
async fn the_first_screen_says_what_the_defaults_are() {
    let m = mount(AppProps {
        preset: None,
        wizard: true,
        ..isolated()
    })
    .await;
    // The defaults: what `eksplan init` writes.
    assert_eq!(
        m.input("f-cluster-name").value(),
        Plan::default().cluster.name
    );
    let intro = m.text(".step-intro");
    assert!(intro.contains("none is on until you tick them"), "{intro}");
    assert!(!intro.contains("logging are on by default"));
    let logs = m.text("#f-cluster-control_plane_logs-help");
    assert!(logs.starts_with("None is on"), "{logs}");
}

#[wasm_bindgen_test]
async fn a_widget_can_open_on_a_step_and_a_file() {
    let m = mount(AppProps {
        preset: Some("gpu".into()),
        wizard: true,
        compact: true,
        step: Some("compute".into()),
        file: Some("10-nodepools.yaml".into()),
        planner_url: Some("https://docs.example/planner/index.html".into()),
        ..isolated()
    })
    .await;
    yew::scheduler::flush().await;
    assert!(m.find("#compute-title").is_some());
    assert!(m.text(".steps-toggle").contains("Compute"));
    assert_eq!(m.text(".viewer-head .path"), "kubernetes/10-nodepools.yaml");
    assert!(m.shown_file().contains("kind: NodePool"));
    let link = m.attr(".compact-bar a", "href").unwrap_or_default();
    assert!(
        link.starts_with("https://docs.example/planner/index.html?step=compute&file=kubernetes/10-nodepools.yaml#plan=2."),
        "{link}"
    );
}

#[wasm_bindgen_test]
async fn removing_a_part_of_an_item_can_be_undone() {
    let m = mount(AppProps {
        preset: Some("gpu".into()),
        ..isolated()
    })
    .await;
    assert_eq!(
        m.input("f-node_pools-0-taints-0-key").value(),
        "nvidia.com/gpu"
    );
    m.click_el("button[aria-label='Remove taint 1']").await;
    assert!(m.find("#f-node_pools-0-taints-0-key").is_none());
    assert!(
        m.text(".notice").contains("Removed taint 1."),
        "{}",
        m.text(".notice")
    );
    m.click("Undo").await;
    assert_eq!(
        m.input("f-node_pools-0-taints-0-key").value(),
        "nvidia.com/gpu"
    );
}
