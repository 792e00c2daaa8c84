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

/// Props for an isolated planner: no URL sync, no autosave.
fn isolated() -> AppProps {
    AppProps {
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

    /// Click the button whose accessible name (`aria-label`) is `label`.
    async fn click_label(&self, label: &str) {
        let b: HtmlElement = self
            .get(&format!("button[aria-label=\"{label}\"]"))
            .unchecked_into();
        b.click();
        yew::scheduler::flush().await;
    }

    /// The file shown in the viewer.
    fn shown_file(&self) -> String {
        self.text(".viewer pre code")
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
    assert!(m.shown_file().contains("# EKS Auto Mode cluster `gpu`"));
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
    assert!(m.shown_file().contains("`team-a`"), "{}", m.shown_file());
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
    assert!(m.shown_file().contains("`quickstart`"));
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
    // summary, drawn for wide and for narrow containers.
    let charts = m.root.query_selector_all("svg.chart").expect("charts");
    assert_eq!(charts.length(), 6);
    assert_eq!(
        m.root
            .query_selector_all(".chart-narrow svg.chart")
            .map(|l| l.length())
            .unwrap_or(0),
        3
    );
    for i in 0..6 {
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
    assert!(m.text(".bound").contains("× that"), "{}", m.text(".bound"));
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

/// An eu-west-1 plan with a Graviton spot pool beside general-purpose: the
/// issue's report.
fn eu_plan() -> Rc<Plan> {
    Rc::new(
        Plan::from_yaml(
            "cluster: {name: shop, region: eu-west-1, kubernetes_version: \"1.34\", support_type: EXTENDED}\nnode_pools:\n- name: graviton-spot\n  requirements: {architectures: [arm64], capacity_types: [spot], instance_categories: [c, m, r]}\ncapacity:\n  clusters: 3\n  workloads: [{name: batch, replicas: 20, cpu: \"1\", memory: 2Gi, spot: true}]\n",
        )
        .expect("plan"),
    )
}

#[wasm_bindgen_test]
async fn the_cost_view_prices_the_region_and_explains_itself() {
    let m = mount(AppProps {
        plan: Some(eu_plan()),
        ..isolated()
    })
    .await;
    m.click("Cost and capacity").await;
    // The region's prices, published or estimated, and no warning.
    assert!(
        m.text(".prices-note")
            .contains("eu-west-1 on-demand prices"),
        "{}",
        m.text(".prices-note")
    );
    assert!(m.find(".cost .warning").is_none());
    assert!(
        m.text(".region-prices summary")
            .contains("Prices in eu-west-1")
    );
    assert!(m.text(".region-prices").contains("SkyPilot"));
    // The control plane's calendar and the clusters total.
    assert!(
        m.text(".control-plane").contains("From 2026-12-03"),
        "{}",
        m.text(".control-plane")
    );
    assert!(m.text(".clusters").starts_with("3 clusters like this one"));
    // Counts name the type; the idle pool says why.
    assert!(m.text(".fleet").contains(" × "), "{}", m.text(".fleet"));
    let idle = m.text(".idle-pools");
    assert!(
        idle.contains("graviton-spot") && idle.contains("comes first by name"),
        "{idle}"
    );
    // The node table groups equal nodes.
    assert!(m.find(".nodes-table").is_some());
}

#[wasm_bindgen_test]
async fn a_savings_hint_applies_with_one_click_and_can_be_undone() {
    let m = mount(AppProps {
        plan: Some(eu_plan()),
        ..isolated()
    })
    .await;
    m.click("Cost and capacity").await;
    // The hints are looked for once edits pause.
    assert!(m.text(".hints-status").contains("Looking for savings"));
    sleep(eksplan_web::app::COST_PAUSE_MS + 200).await;
    yew::scheduler::flush().await;
    let hints = m.texts(".hint-head");
    assert!(
        hints
            .iter()
            .any(|h| h.starts_with("Let NodePool graviton-spot go first")),
        "{hints:?}"
    );
    let before = cost_cell(&m, "EC2 on-demand", 1);
    m.click_label("Apply: Let NodePool graviton-spot go first")
        .await;
    yew::scheduler::flush().await;
    // The plan changed: the pool has a weight, runs the pods on spot, and
    // no longer stands idle.
    assert!(
        m.text(".notice").contains("Applied"),
        "{}",
        m.text(".notice")
    );
    let idle = m.text(".idle-pools");
    assert!(
        idle.contains("went to NodePool graviton-spot first")
            && !idle.contains("comes first by name"),
        "{idle}"
    );
    assert_ne!(cost_cell(&m, "EC2 on-demand", 1), before);
    assert!(m.text(".fleet").contains("for 20 pods"));
    // The old hints wait, disabled, until the new ones are found.
    assert!(m.text(".hints-status").contains("once you pause typing"));
    // Undo brings the plan back.
    m.click("Undo").await;
    yew::scheduler::flush().await;
    assert!(m.text(".idle-pools").contains("comes first by name"));
    assert_eq!(cost_cell(&m, "EC2 on-demand", 1), before);
}

#[wasm_bindgen_test]
async fn charts_have_phone_drawings_with_readable_text() {
    let m = mount(AppProps {
        preset: Some("production".into()),
        ..isolated()
    })
    .await;
    m.click("Cost and capacity").await;
    let narrow = m
        .root
        .query_selector_all(".chart-narrow svg.chart")
        .expect("charts");
    assert_eq!(narrow.length(), 3);
    for i in 0..narrow.length() {
        let svg: Element = narrow.item(i).expect("chart").unchecked_into();
        let view_box = svg.get_attribute("viewBox").unwrap_or_default();
        assert!(view_box.starts_with("0 0 300 "), "{view_box}");
        // In a 300 px container (a 360 px phone) one unit is one pixel: no
        // text smaller than 11 px.
        let texts = svg.query_selector_all("text").expect("texts");
        assert!(texts.length() > 0);
        for j in 0..texts.length() {
            let t: Element = texts.item(j).expect("text").unchecked_into();
            let size: f64 = t
                .get_attribute("font-size")
                .and_then(|s| s.trim_end_matches("px").parse().ok())
                .unwrap_or(0.0);
            assert!(size >= 11.0, "{size} px: {:?}", t.text_content());
        }
    }
    // Each chart keeps its text equivalent.
    for c in ["chart-comparison", "chart-break-even", "chart-nodes"] {
        assert!(!m.text(&format!(".{c} figcaption")).is_empty(), "{c}");
    }
}

/// EKS Capabilities, component logs and the ECR Public switch: each control
/// writes the plan, the findings follow, and the files appear.
#[wasm_bindgen_test]
async fn capabilities_component_logs_and_ecr_public_reach_the_files() {
    let m = mount(isolated()).await;
    m.click("Add a capability (Argo CD)").await;
    assert!(
        m.find("#f-capabilities-0-argocd-idc_instance_arn")
            .is_some()
    );
    // Argo CD without Identity Center is an error on that field.
    assert!(
        m.texts(".diag.sev-error")
            .iter()
            .any(|d| d.contains("AM021")),
        "{:?}",
        m.texts(".diag")
    );
    m.type_into(
        "f-capabilities-0-argocd-idc_instance_arn",
        "arn:aws:sso:::instance/ssoins-7223a2f0e8e3c2b1",
    )
    .await;
    m.click("Add a role mapping").await;
    m.type_into(
        "f-capabilities-0-argocd-rbac_role_mappings-0-identities-0-id",
        "686103e0-f051-7068-b225-e6392b959d9e",
    )
    .await;
    assert!(
        m.text(".counts").contains("0 errors"),
        "{} {:?}",
        m.text(".counts"),
        m.texts(".diag.sev-error")
    );
    // The next free type is offered, then ACK is added too.
    m.click("Add a capability (ACK)").await;
    let compute: HtmlInputElement = m.input("f-cluster-component_logs-types-0");
    compute.click();
    yew::scheduler::flush().await;
    m.choose("f-cluster-component_logs-destination", "s3").await;
    let ecr = m.input("f-auto_mode-ecr_public_read_only");
    ecr.click();
    yew::scheduler::flush().await;

    let files = m.texts(".tree .file");
    for f in ["capabilities.tf", "logs.tf", "wait-for-cluster-update.sh"] {
        assert!(files.iter().any(|x| x == f), "{f} missing from {files:?}");
    }
    m.click("capabilities.tf").await;
    let tf = m.shown_file();
    for needle in [
        "resource \"aws_eks_capability\" \"argocd\"",
        "rbac_role_mapping {",
        "686103e0-f051-7068-b225-e6392b959d9e",
        "resource \"aws_eks_capability\" \"ack\"",
    ] {
        assert!(tf.contains(needle), "{needle} not in {tf}");
    }
    m.click("logs.tf").await;
    let tf = m.shown_file();
    assert!(tf.contains("AUTO_MODE_COMPUTE_LOGS"), "{tf}");
    assert!(tf.contains("resource \"aws_s3_bucket\""), "{tf}");
    m.click("iam.tf").await;
    assert!(
        m.shown_file()
            .contains("AmazonElasticContainerRegistryPublicReadOnly"),
        "{}",
        m.shown_file()
    );
    // Every type is in the plan once: no third button.
    m.click("Add a capability (kro)").await;
    assert!(m.button("Every capability type").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn the_production_bundle_controls_reach_the_files() {
    let m = mount(isolated()).await;
    // The administrator role the bundle creates, under the plan's name.
    m.input("f-access-admin_role-enabled").click();
    yew::scheduler::flush().await;
    m.type_into("f-access-admin_role-name", "platform-admin")
        .await;
    m.click("iam.tf").await;
    assert!(
        m.shown_file().contains("\"platform-admin\""),
        "{}",
        m.shown_file()
    );
    // The state bucket, filled into the backend.
    m.type_into("f-state-bucket", "tfstate-111122223333-us-east-1")
        .await;
    m.click("backend.tf").await;
    assert!(
        m.shown_file()
            .contains("bucket       = \"tfstate-111122223333-us-east-1\""),
        "{}",
        m.shown_file()
    );
    // Subnet CIDRs spelled out, as the VPC module's users write them.
    m.type_into(
        "f-network-private_subnet_cidrs",
        "10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24",
    )
    .await;
    m.click("vpc.tf").await;
    assert!(
        m.shown_file().contains("\"10.0.2.0/24\""),
        "{}",
        m.shown_file()
    );
    // The S3 access builder of a Pod Identity role.
    m.click("Add a Pod Identity association").await;
    m.click("Add S3 access").await;
    m.type_into("f-pod_identity-0-s3_access-0-bucket", "reports-bucket")
        .await;
    m.choose("f-pod_identity-0-s3_access-0-access", "read_write")
        .await;
    m.click("pod_identity.tf").await;
    let tf = m.shown_file();
    assert!(
        tf.contains("arn:${data.aws_partition.current.partition}:s3:::reports-bucket/*"),
        "{tf}"
    );
    assert!(tf.contains("s3:DeleteObject"), "{tf}");
    assert!(
        m.text(".counts").contains("0 errors"),
        "{}",
        m.text(".counts")
    );
    m.unmount().await;
}

// ---------------------------------------------------------------- "I have a cluster"

mod cluster_import {
    use super::*;
    use eksplan_core::catalog::date::Date;
    use eksplan_web::cluster::{ClusterImport, ClusterImportProps};

    const DESCRIBE: &str =
        include_str!("../../../tests/fixtures/migrate/legacy-mng/describe-cluster.json");
    const NODEGROUP: &str =
        include_str!("../../../tests/fixtures/migrate/legacy-mng/describe-nodegroup-apps.json");
    const KUBECTL: &str = include_str!("../../../tests/fixtures/migrate/legacy-mng/kubectl.json");

    struct View {
        root: Element,
        handle: Option<yew::AppHandle<ClusterImport>>,
        plans: Rc<RefCell<Vec<Rc<Plan>>>>,
    }

    impl Drop for View {
        fn drop(&mut self) {
            if let Some(h) = self.handle.take() {
                h.destroy();
            }
            self.root.remove();
        }
    }

    async fn view() -> View {
        // Each test is a fresh page: no files kept by an earlier test's
        // import (the view restores them from localStorage, `cluster::keep`).
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.remove_item("eksplan.cluster.v1");
        }
        let root = document().create_element("div").expect("div");
        document()
            .body()
            .expect("body")
            .append_child(&root)
            .expect("append");
        let plans = Rc::new(RefCell::new(Vec::new()));
        let sink = plans.clone();
        let props = ClusterImportProps {
            today: Date::new(2026, 11, 20),
            on_plan: Callback::from(move |p: Rc<Plan>| sink.borrow_mut().push(p)),
        };
        let handle =
            yew::Renderer::<ClusterImport>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        View {
            root,
            handle: Some(handle),
            plans,
        }
    }

    impl View {
        fn m(&self) -> Mounted {
            Mounted {
                root: self.root.clone(),
                handle: None,
            }
        }
    }

    /// Pick files with the "Choose files" input, as a user would.
    async fn pick(v: &View, files: &[(&str, &str)]) {
        let dt = web_sys::DataTransfer::new().expect("DataTransfer");
        for (name, text) in files {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
            let file = web_sys::File::new_with_u8_array_sequence(&parts, name).expect("file");
            dt.items().add_with_file(&file).expect("add");
        }
        let input: HtmlInputElement = v
            .root
            .query_selector("#pick-files")
            .ok()
            .flatten()
            .expect("input")
            .unchecked_into();
        input.set_files(dt.files().as_ref());
        fire(&input, "change");
        // Reading File objects is asynchronous.
        for _ in 0..50 {
            sleep(20).await;
            yew::scheduler::flush().await;
            if v.root
                .query_selector("#cluster-counts")
                .ok()
                .flatten()
                .is_some()
            {
                break;
            }
        }
    }

    #[wasm_bindgen_test]
    async fn shows_the_collect_script_and_nothing_else_at_first() {
        let v = view().await;
        let m = v.m();
        assert!(m.text("#collect-script").starts_with("#!/usr/bin/env bash"));
        assert_eq!(
            m.text("#collect-script"),
            eksplan_core::migrate::collect::COLLECT_SCRIPT
        );
        assert!(m.find("#copy-collect").is_some());
        assert!(
            m.get("#pick-folder").has_attribute("webkitdirectory"),
            "the folder picker"
        );
        assert!(
            m.find("#download-migration").is_none(),
            "no bundle before any file"
        );
    }

    #[wasm_bindgen_test]
    async fn picked_files_give_the_report_grouped_by_step() {
        let v = view().await;
        pick(
            &v,
            &[
                ("describe-cluster.json", DESCRIBE),
                ("describe-nodegroup-apps.json", NODEGROUP),
                ("kubectl.json", KUBECTL),
                ("notes.txt", "hello"),
            ],
        )
        .await;
        let m = v.m();
        assert!(
            m.text("#cluster-summary")
                .starts_with("cluster legacy (Kubernetes 1.31)"),
            "{}",
            m.text("#cluster-summary")
        );
        let steps = m.texts(".readiness .step h4");
        assert!(
            steps.iter().any(|s| s.starts_with("Steps 1 and 2")),
            "{steps:?}"
        );
        // Every finding shows its object and its fix.
        let findings = m.texts(".readiness .finding");
        assert!(
            findings
                .iter()
                .any(|f| f.contains("MR005") && f.contains("cluster/legacy") && f.contains("Fix:")),
            "{findings:?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| f.contains("MR006") && f.contains("nodegroup/apps"))
        );
        // The preview names each file and what it was taken for; the MI
        // finding names the file.
        let rows = m.texts(".recognised tbody tr");
        assert!(
            rows.iter()
                .any(|r| r.contains("describe-cluster.json")
                    && r.contains("aws eks describe-cluster")),
            "{rows:?}"
        );
        assert!(
            rows.iter()
                .any(|r| r.contains("notes.txt") && r.contains("MI001")),
            "{rows:?}"
        );
        assert!(m.find("#download-migration").is_some());
    }

    #[wasm_bindgen_test]
    async fn pasted_files_one_by_one_and_continue_in_the_planner() {
        let v = view().await;
        let m = v.m();
        let area: web_sys::HtmlTextAreaElement = m.get("#cluster-paste").unchecked_into();
        area.set_value(DESCRIBE);
        m.click("Add the pasted file").await;
        assert!(m.text("#cluster-summary").starts_with("cluster legacy"));
        area.set_value("{\"cluster\": {\"name\": ");
        m.click("Add the pasted file").await;
        // The truncated file gets a finding naming it; nothing is lost.
        let rows = m.texts(".recognised tbody tr");
        assert!(
            rows.iter()
                .any(|r| r.contains("pasted-2.txt") && r.contains("MI002")),
            "{rows:?}"
        );
        assert!(m.text("#cluster-summary").starts_with("cluster legacy"));
        m.click("Continue in the planner").await;
        let plans: Vec<Rc<Plan>> = v.plans.borrow().clone();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].cluster.name, "legacy");
        assert_eq!(
            plans[0].cluster.mode,
            eksplan_core::plan::ClusterMode::Existing
        );
        m.click("Start again").await;
        assert!(m.find("#cluster-summary").is_none());
        // Start again is undoable.
        assert!(m.text(".cluster-undo").starts_with("Removed 2 file(s)."));
        m.click("Undo").await;
        assert!(m.text("#cluster-summary").starts_with("cluster legacy"));
        assert_eq!(m.texts(".recognised tbody tr").len(), 2);
        assert!(m.find(".cluster-undo").is_none());
    }

    #[wasm_bindgen_test]
    async fn the_planner_loads_the_converted_plan_undoably() {
        let m = mount(isolated()).await;
        m.type_into("f-cluster-name", "my-work").await;
        m.click("I have a cluster").await;
        let area: web_sys::HtmlTextAreaElement = m.get("#cluster-paste").unchecked_into();
        area.set_value(DESCRIBE);
        m.click("Add the pasted file").await;
        m.click("Continue in the planner").await;
        assert_eq!(m.input("f-cluster-name").value(), "legacy");
        assert!(
            m.get("#cluster-panel").has_attribute("hidden"),
            "the view closes"
        );
        m.click("Undo").await;
        assert_eq!(m.input("f-cluster-name").value(), "my-work");
        // Reopened, it still has the file it was given.
        m.click("I have a cluster").await;
        assert!(!m.get("#cluster-panel").has_attribute("hidden"));
        assert!(m.text("#cluster-summary").starts_with("cluster legacy"));
    }
}
