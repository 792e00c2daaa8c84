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
use eksplan_core::catalog::date::Date;
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
/// The day the component tests price: 1.34 has one day of standard
/// support left.
const TODAY: Date = Date::new(2026, 12, 1);

fn isolated() -> AppProps {
    AppProps {
        preset: Some("quickstart".into()),
        sync_url: false,
        storage_key: None,
        wizard: false,
        // Debug wasm is slow: keep every cost plan immediate unless a test
        // is about the pause.
        slow_cost_ms: f64::INFINITY,
        // Support windows move with the calendar: every test sees the
        // same day, whatever the machine's clock says.
        today: Some(TODAY),
        pin_today: true,
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

    /// The file shown in the viewer (Markdown is shown rendered: its text).
    fn shown_file(&self) -> String {
        self.text(".viewer pre code, .viewer .rendered")
    }
}

/// Let the entries' answers (spawned futures) arrive and render.
async fn settle() {
    sleep(20).await;
    yew::scheduler::flush().await;
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

/// Once a planner is ready, the generator is run [`warm::RUNS`] times in
/// idle time (so the browser has optimised it before the first edit), and
/// only once per module however many planners it runs.
#[wasm_bindgen_test]
async fn the_generator_warms_up_once_in_idle_time() {
    use eksplan_web::warm;
    let first = mount(isolated()).await;
    let mut waited = 0;
    while warm::runs() < warm::RUNS && waited < 60_000 {
        sleep(100).await;
        waited += 100;
    }
    assert_eq!(warm::runs(), warm::RUNS, "warm-up runs after {waited} ms");
    let second = mount(isolated()).await;
    sleep(1000).await;
    assert_eq!(warm::runs(), warm::RUNS, "a second planner warms up again");
    first.unmount().await;
    second.unmount().await;
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
    // The lines come from the field-lines entry (in place here, still
    // asynchronous, as from the on-demand module).
    settle().await;
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
    settle().await;
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
    // The table comes from the review-table entry (asynchronous).
    settle().await;
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
