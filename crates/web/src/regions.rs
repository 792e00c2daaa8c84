//! The region control: AWS regions by name, and any other code typed in
//! (a region newer than this planner still works).

use yew::prelude::*;

use crate::fields::{SelectField, TextField, fid};

/// The console's name of each region the planner knows (`REGIONS` in the
/// core's catalog; a test keeps the two lists the same).
pub const REGION_NAMES: &[(&str, &str)] = &[
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("af-south-1", "Africa (Cape Town)"),
    ("ap-east-1", "Asia Pacific (Hong Kong)"),
    ("ap-east-2", "Asia Pacific (Taipei)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("ap-south-2", "Asia Pacific (Hyderabad)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "Asia Pacific (Osaka)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)"),
    ("ap-southeast-4", "Asia Pacific (Melbourne)"),
    ("ap-southeast-5", "Asia Pacific (Malaysia)"),
    ("ap-southeast-6", "Asia Pacific (New Zealand)"),
    ("ap-southeast-7", "Asia Pacific (Thailand)"),
    ("ca-central-1", "Canada (Central)"),
    ("ca-west-1", "Canada West (Calgary)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-central-2", "Europe (Zurich)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-west-3", "Europe (Paris)"),
    ("eu-south-1", "Europe (Milan)"),
    ("eu-south-2", "Europe (Spain)"),
    ("eu-north-1", "Europe (Stockholm)"),
    ("il-central-1", "Israel (Tel Aviv)"),
    ("me-south-1", "Middle East (Bahrain)"),
    ("me-central-1", "Middle East (UAE)"),
    ("mx-central-1", "Mexico (Central)"),
    ("sa-east-1", "South America (São Paulo)"),
    ("cn-north-1", "China (Beijing)"),
    ("cn-northwest-1", "China (Ningxia)"),
    ("us-gov-east-1", "AWS GovCloud (US-East)"),
    ("us-gov-west-1", "AWS GovCloud (US-West)"),
];

/// The select's value for "a region not in the list".
const OTHER: &str = "other";

/// Zone names to suggest for a region: its first three letters. Which
/// physical zone a letter means differs between accounts.
pub fn zone_examples(region: &str, n: usize) -> Vec<String> {
    ["a", "b", "c", "d", "e", "f"]
        .iter()
        .take(n.clamp(1, 6))
        .map(|l| format!("{region}{l}"))
        .collect()
}

/// Properties of [`RegionField`].
#[derive(Properties, PartialEq)]
pub struct RegionProps {
    /// The region code.
    pub value: AttrValue,
    /// A new code.
    pub onchange: Callback<String>,
}

/// A list of regions by name, and "Another region…" with a text field for
/// any other code.
#[component]
pub fn RegionField(p: &RegionProps) -> Html {
    let known = REGION_NAMES.iter().any(|(c, _)| *c == p.value.as_str());
    // "Another region…" chosen while the code is still a known one.
    let other_chosen = use_state(|| false);
    let other = !known || *other_chosen;
    let mut options: Vec<(AttrValue, AttrValue)> = REGION_NAMES
        .iter()
        .map(|(code, name)| {
            (
                AttrValue::Static(code),
                AttrValue::from(format!("{name} · {code}")),
            )
        })
        .collect();
    options.push((
        AttrValue::Static(OTHER),
        AttrValue::Static("Another region (type its code)…"),
    ));
    let on_select = {
        let onchange = p.onchange.clone();
        let other_chosen = other_chosen.clone();
        Callback::from(move |v: String| {
            if v == OTHER {
                other_chosen.set(true);
            } else {
                other_chosen.set(false);
                onchange.emit(v);
            }
        })
    };
    let selected = if other {
        AttrValue::Static(OTHER)
    } else {
        p.value.clone()
    };
    // The control that holds the code owns the field path (its findings,
    // and where a finding's link moves focus): the list, or the text field.
    let list_path = if other {
        "cluster.region_list"
    } else {
        "cluster.region"
    };
    html! { <>
        <SelectField path={list_path} label="Region" options={options} value={selected}
            help="Where the cluster and its VPC live. It cannot change after creation."
            onchange={on_select} />
        if other {
            <div class="field-other">
                <TextField path="cluster.region" label="Region code" value={p.value.clone()}
                    placeholder="xx-example-1" help="Any AWS region code, for one newer than this planner."
                    onchange={p.onchange.clone()} />
            </div>
        }
    </> }
}

/// The id of the region list while another region is typed (for tests).
pub fn list_id() -> String {
    fid("cluster.region_list")
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::catalog::policies::REGIONS;

    #[test]
    fn every_known_region_has_a_name() {
        let named: Vec<&str> = REGION_NAMES.iter().map(|(c, _)| *c).collect();
        assert_eq!(named, REGIONS, "REGION_NAMES must list REGIONS in order");
        assert_eq!(zone_examples("eu-west-1", 2), ["eu-west-1a", "eu-west-1b"]);
    }
}
