//! Explanations that name things the way each target does.
//!
//! A note such as "compute_config, elastic_load_balancing and block_storage
//! are enabled together" is true for every target, but each spells the
//! settings its own way (`ComputeConfig` in CloudFormation,
//! `autoModeConfig` in eksctl). [`Text`] keeps such words typed, and each
//! target renders them through its [`Vocabulary`].

use serde::Serialize;

use super::input::InputId;

/// A setting of the cluster that explanations name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// Auto Mode compute (`compute_config`).
    ComputeConfig,
    /// Auto Mode load balancing (`elastic_load_balancing`).
    ElasticLoadBalancing,
    /// Auto Mode block storage (`block_storage`).
    BlockStorage,
    /// `bootstrap_self_managed_addons`.
    BootstrapSelfManagedAddons,
}

/// A kind of generated resource that explanations name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// A tag on a resource the bundle does not own (`aws_ec2_tag`).
    TagOnExistingResource,
}

/// A place in the bundle that explanations point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Where access entries are defined (`access.tf`).
    AccessEntries,
}

/// One piece of a [`Text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// Literal text.
    Lit(String),
    /// The deployment tool's name (`Terraform`).
    Tool,
    /// The command that deploys the bundle (`` `terraform apply` ``).
    ApplyCommand,
    /// A cluster setting.
    Setting(Setting),
    /// An input's name.
    Input(InputId),
    /// A kind of generated resource.
    Resource(ResourceKind),
    /// A place in the bundle.
    Place(Place),
}

/// Text with target-specific words kept typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text(pub Vec<Span>);

/// How one target spells the typed words of a [`Text`].
pub trait Vocabulary {
    /// The tool's name.
    fn tool(&self) -> &str;
    /// The deploy command, with its Markdown code quotes.
    fn apply_command(&self) -> &str;
    /// A setting's name.
    fn setting(&self, s: Setting) -> &str;
    /// An input's name.
    fn input(&self, i: InputId) -> String;
    /// A resource kind's name.
    fn resource(&self, r: ResourceKind) -> &str;
    /// A place's name.
    fn place(&self, p: Place) -> &str;
}

impl Text {
    /// Plain text.
    pub fn lit(s: impl Into<String>) -> Text {
        Text(vec![Span::Lit(s.into())])
    }

    /// Append literal text.
    pub fn then(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Lit(s.into()));
        self
    }

    /// Append a typed word.
    pub fn word(mut self, span: Span) -> Text {
        self.0.push(span);
        self
    }

    /// The text in one target's words.
    pub fn render(&self, v: &dyn Vocabulary) -> String {
        let mut out = String::new();
        for span in &self.0 {
            match span {
                Span::Lit(s) => out.push_str(s),
                Span::Tool => out.push_str(v.tool()),
                Span::ApplyCommand => out.push_str(v.apply_command()),
                Span::Setting(s) => out.push_str(v.setting(*s)),
                Span::Input(i) => out.push_str(&v.input(*i)),
                Span::Resource(r) => out.push_str(v.resource(*r)),
                Span::Place(p) => out.push_str(v.place(*p)),
            }
        }
        out
    }

    /// The literal parts only, for searching in tests.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .filter_map(|s| match s {
                Span::Lit(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::lit(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::lit(s)
    }
}
