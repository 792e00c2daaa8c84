//! Typed identities of design objects.
//!
//! Every object of a [`super::Design`] that another object can point at has
//! a [`Key`]: a logical name made of lower-case words, unique among the
//! objects of its [`Kind`]. A [`Ref`] is a kind and a key. Targets render
//! the same key their own way: Terraform labels are `snake_case`
//! (`private_a`), CloudFormation logical ids are alphanumeric `PascalCase`
//! with the kind appended (`PrivateASubnet`), Pulumi names are
//! `kebab-case` (`private-a`). [`NameTable`] renders every key of a design
//! in one style and resolves any collision deterministically, so a target
//! can never write two objects under one name.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Kinds of design objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The EKS cluster.
    Cluster,
    /// An IAM role.
    Role,
    /// An inline policy of a role.
    InlinePolicy,
    /// A customer-managed KMS key.
    KmsKey,
    /// A CloudWatch log group.
    LogGroup,
    /// The VPC (created, or the existing one looked up).
    Vpc,
    /// A created subnet.
    Subnet,
    /// A created security group.
    SecurityGroup,
    /// An ingress rule of a security group.
    SecurityGroupRule,
    /// An egress rule of a security group.
    SecurityGroupEgress,
    /// The internet gateway.
    InternetGateway,
    /// The egress-only internet gateway (IPv6).
    EgressOnlyGateway,
    /// A NAT gateway.
    NatGateway,
    /// An Elastic IP address.
    ElasticIp,
    /// A route table.
    RouteTable,
    /// A route in a route table.
    Route,
    /// A VPC endpoint.
    VpcEndpoint,
    /// A VPC flow log.
    FlowLog,
    /// A tag the bundle adds to existing subnets.
    SubnetTag,
    /// An EKS access entry.
    AccessEntry,
    /// An EKS Pod Identity association.
    PodIdentity,
    /// An EKS Capability (Argo CD, ACK, kro).
    Capability,
    /// An access policy the bundle associates with the access entry EKS
    /// creates for a capability's role.
    CapabilityAccessPolicy,
    /// An S3 bucket.
    Bucket,
    /// The policy of an S3 bucket (same key as the bucket).
    BucketPolicy,
    /// A vended-logs delivery source.
    LogDeliverySource,
    /// A vended-logs delivery destination.
    LogDeliveryDestination,
    /// A vended-logs delivery.
    LogDelivery,
}

impl Kind {
    /// The word CloudFormation-style names append (`ClusterRole`).
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Cluster => "Cluster",
            Kind::Role => "Role",
            Kind::InlinePolicy => "Policy",
            Kind::KmsKey => "Key",
            Kind::LogGroup => "LogGroup",
            Kind::Vpc => "Vpc",
            Kind::Subnet => "Subnet",
            Kind::SecurityGroup => "SecurityGroup",
            Kind::SecurityGroupRule => "Ingress",
            Kind::SecurityGroupEgress => "Egress",
            Kind::InternetGateway => "InternetGateway",
            Kind::EgressOnlyGateway => "EgressOnlyGateway",
            Kind::NatGateway => "NatGateway",
            Kind::ElasticIp => "Eip",
            Kind::RouteTable => "RouteTable",
            Kind::Route => "Route",
            Kind::VpcEndpoint => "Endpoint",
            Kind::FlowLog => "FlowLog",
            Kind::SubnetTag => "SubnetTag",
            Kind::AccessEntry => "AccessEntry",
            Kind::PodIdentity => "PodIdentity",
            Kind::Capability => "Capability",
            Kind::CapabilityAccessPolicy => "CapabilityAccess",
            Kind::Bucket => "Bucket",
            Kind::BucketPolicy => "BucketPolicy",
            Kind::LogDeliverySource => "LogSource",
            Kind::LogDeliveryDestination => "LogDestination",
            Kind::LogDelivery => "LogDelivery",
        }
    }
}

/// Attributes of design objects that values can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attr {
    /// ARN.
    Arn,
    /// Id.
    Id,
    /// Name.
    Name,
    /// VPC CIDR block.
    CidrBlock,
    /// VPC IPv6 CIDR block (Amazon-provided /56).
    Ipv6CidrBlock,
    /// Cluster endpoint URL.
    Endpoint,
    /// Cluster security group id.
    ClusterSecurityGroupId,
}

/// The logical name of a design object: lower-case ASCII words joined by
/// `_` (the canonical, Terraform-style spelling). Never empty.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Key(String);

impl Key {
    /// A key from a fixed identifier such as `private_a`.
    ///
    /// Text that is not already an identifier is converted as
    /// [`Key::from_text`] does.
    pub fn new(s: &str) -> Key {
        if is_key(s) {
            Key(s.to_owned())
        } else {
            Key::from_text(s)
        }
    }

    /// A key from arbitrary user text: CamelCase words become snake_case
    /// (`AmazonEKSClusterPolicy` → `amazon_eks_cluster_policy`), anything
    /// else that is not ASCII alphanumeric separates words, and a leading
    /// digit gets an `x_` prefix.
    pub fn from_text(s: &str) -> Key {
        Key(ident(s))
    }

    /// This key followed by more words: `nodeclass` + `gpu` = `nodeclass_gpu`.
    pub fn join(&self, more: &Key) -> Key {
        Key(format!("{}_{}", self.0, more.0))
    }

    /// This key with a word appended.
    pub fn with(&self, word: &str) -> Key {
        self.join(&Key::new(word))
    }

    /// The canonical `snake_case` spelling (Terraform labels).
    pub fn snake(&self) -> &str {
        &self.0
    }

    /// `PascalCase`, alphanumeric only (CloudFormation, CDK).
    pub fn pascal(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        self.words_into(&mut out, false);
        out
    }

    /// `camelCase` (TypeScript and Go variables).
    pub fn camel(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        self.camel_into(&mut out);
        out
    }

    /// [`Key::pascal`], appended to `out`.
    pub fn pascal_into(&self, out: &mut String) {
        self.words_into(out, false);
    }

    /// [`Key::camel`], appended to `out`.
    pub fn camel_into(&self, out: &mut String) {
        self.words_into(out, true);
    }

    /// The words without underscores, each capitalised except, when
    /// `lower_first`, the first letter of all.
    fn words_into(&self, out: &mut String, lower_first: bool) {
        let mut first_letter = true;
        for word in self.0.split('_') {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                if first_letter && lower_first {
                    out.push(first.to_ascii_lowercase());
                } else {
                    out.push(first.to_ascii_uppercase());
                }
                first_letter = false;
                out.extend(chars);
            }
        }
    }

    /// `kebab-case` (Pulumi resource names).
    pub fn kebab(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        self.kebab_into(&mut out);
        out
    }

    /// [`Key::kebab`], appended to `out`.
    pub fn kebab_into(&self, out: &mut String) {
        for (i, word) in self.0.split('_').filter(|w| !w.is_empty()).enumerate() {
            if i > 0 {
                out.push('-');
            }
            out.push_str(word);
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '_')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A Terraform-style identifier from arbitrary text: `[a-z0-9_]`, not
/// starting with a digit.
pub fn ident(s: &str) -> String {
    // CamelCase words become snake_case: AmazonEKSClusterPolicy →
    // amazon_eks_cluster_policy. Non-ASCII characters become `_`.
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 4);
    let mut last_underscore = true; // no leading `_`
    for (i, &c) in b.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !last_underscore {
                out.push('_');
                last_underscore = true;
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 && !last_underscore {
            let prev = b[i - 1];
            let next_lower = b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(char::from(c.to_ascii_lowercase()));
        last_underscore = false;
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("x_{out}")
    } else {
        out
    }
}

/// Hands out keys unique within one kind: a key already taken gets `_2`,
/// `_3`, … appended.
#[derive(Clone, Debug, Default)]
pub struct Keys(BTreeSet<Key>);

impl Keys {
    /// A set with some keys already taken.
    pub fn taken(keys: &[&str]) -> Keys {
        Keys(keys.iter().map(|k| Key::new(k)).collect())
    }

    /// `key`, or the first free `key_N`.
    pub fn unique(&mut self, key: Key) -> Key {
        let mut candidate = key.clone();
        let mut n = 2;
        while self.0.contains(&candidate) {
            candidate = Key(format!("{}_{n}", key.0));
            n += 1;
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

/// A typed reference to a design object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Ref {
    /// What kind of object.
    pub kind: Kind,
    /// Its key among the objects of that kind.
    pub key: Key,
}

impl Ref {
    /// A reference to the object of `kind` with `key`.
    pub fn new(kind: Kind, key: impl Into<Key>) -> Ref {
        Ref {
            kind,
            key: key.into(),
        }
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key::new(s)
    }
}

impl From<&Key> for Key {
    fn from(k: &Key) -> Key {
        k.clone()
    }
}

/// How a target spells a reference, before collisions are resolved.
pub type Style = fn(&Ref) -> String;

/// Terraform: the key as is (labels are unique per resource type).
pub fn terraform_style(r: &Ref) -> String {
    r.key.snake().to_owned()
}

/// CloudFormation and CDK: `PascalCase` key plus the kind
/// (`PrivateASubnet`), one namespace for the whole template.
pub fn logical_id_style(r: &Ref) -> String {
    let suffix = r.kind.suffix();
    let mut s = String::with_capacity(r.key.snake().len() + suffix.len());
    r.key.pascal_into(&mut s);
    s.push_str(suffix);
    s
}

/// Pulumi: `kebab-case` key plus the kind (`private-a-subnet`), one
/// namespace per stack.
pub fn pulumi_style(r: &Ref) -> String {
    let suffix = r.kind.suffix();
    let mut s = String::with_capacity(r.key.snake().len() + suffix.len() + 4);
    r.key.kebab_into(&mut s);
    s.push('-');
    for (i, c) in suffix.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            s.push('-');
        }
        s.push(c.to_ascii_lowercase());
    }
    s
}

/// Every reference of a design rendered in one style, with collisions
/// resolved: when two objects would get the same name, the later one (in
/// sorted reference order) gets `2`, `3`, … appended, so names are unique and
/// deterministic.
#[derive(Clone, Debug)]
pub struct NameTable {
    names: BTreeMap<Ref, String>,
    /// Whether names must be unique per kind (Terraform) or globally.
    per_kind: bool,
    style: Style,
}

impl NameTable {
    /// Render `refs` in `style`. With `per_kind`, names only need to be
    /// unique among objects of the same kind.
    pub fn new(refs: impl IntoIterator<Item = Ref>, style: Style, per_kind: bool) -> NameTable {
        let mut names = BTreeMap::new();
        // Names taken, per scope (one scope unless `per_kind`).
        let mut used: BTreeMap<Option<Kind>, BTreeSet<String>> = BTreeMap::new();
        let refs: BTreeSet<Ref> = refs.into_iter().collect();
        for r in refs {
            let taken = used.entry(per_kind.then_some(r.kind)).or_default();
            let mut name = style(&r);
            if taken.contains(&name) {
                let base = std::mem::take(&mut name);
                let mut n = 2;
                loop {
                    name = format!("{base}{n}");
                    if !taken.contains(&name) {
                        break;
                    }
                    n += 1;
                }
            }
            taken.insert(name.clone());
            names.insert(r, name);
        }
        NameTable {
            names,
            per_kind,
            style,
        }
    }

    /// The name of `r`. A reference the table does not know (a planner
    /// bug) is rendered in the table's style without collision handling.
    pub fn name(&self, r: &Ref) -> String {
        self.names
            .get(r)
            .cloned()
            .unwrap_or_else(|| (self.style)(r))
    }

    /// Whether every name is unique in the table's scope.
    pub fn is_unique(&self) -> bool {
        let mut seen = BTreeSet::new();
        self.names
            .iter()
            .all(|(r, n)| seen.insert((self.per_kind.then_some(r.kind), n.clone())))
    }

    /// Every name, for tests.
    pub fn names(&self) -> impl Iterator<Item = (&Ref, &String)> {
        self.names.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idents() {
        assert_eq!(ident("GPU-Nodes.v2"), "gpu_nodes_v2");
        assert_eq!(ident("AmazonEKSClusterPolicy"), "amazon_eks_cluster_policy");
        assert_eq!(
            ident("AmazonEC2ContainerRegistryPullOnly"),
            "amazon_ec2_container_registry_pull_only"
        );
        assert_eq!(ident("1st"), "x_1st");
        assert_eq!(ident("--"), "x_");
    }

    #[test]
    fn keys_render_per_target() {
        let k = Key::from_text("GPU-Nodes.v2").with("x");
        assert_eq!(k.snake(), "gpu_nodes_v2_x");
        assert_eq!(k.pascal(), "GpuNodesV2X");
        assert_eq!(k.camel(), "gpuNodesV2X");
        assert_eq!(k.kebab(), "gpu-nodes-v2-x");
        let r = Ref::new(Kind::Subnet, "private_a");
        assert_eq!(terraform_style(&r), "private_a");
        assert_eq!(logical_id_style(&r), "PrivateASubnet");
        assert_eq!(pulumi_style(&r), "private-a-subnet");
        assert_eq!(
            pulumi_style(&Ref::new(Kind::LogGroup, "cluster")),
            "cluster-log-group"
        );
        // Odd keys still give valid names.
        assert_eq!(Key::new("--").pascal(), "X");
        assert_eq!(Key::new("--").kebab(), "x");
    }

    #[test]
    fn unique_keys_per_kind() {
        let mut taken = Keys::taken(&["a"]);
        assert_eq!(taken.unique(Key::new("a")), "a_2");
        assert_eq!(taken.unique(Key::new("a")), "a_3");
        assert_eq!(taken.unique(Key::new("b")), "b");
    }

    #[test]
    fn name_tables_resolve_collisions() {
        // Distinct keys stay distinct in every style.
        let refs = [Ref::new(Kind::Role, "a_b"), Ref::new(Kind::Role, "ab")];
        let tf = NameTable::new(refs.clone(), terraform_style, true);
        assert!(tf.is_unique());
        assert_eq!(tf.name(&refs[0]), "a_b");
        let cfn = NameTable::new(refs.clone(), logical_id_style, false);
        assert!(cfn.is_unique());
        assert_eq!(cfn.name(&refs[0]), "ABRole");
        assert_eq!(cfn.name(&refs[1]), "AbRole");
        let same = [Ref::new(Kind::Role, "x_1"), Ref::new(Kind::Role, "x1")];
        let cfn = NameTable::new(same.clone(), logical_id_style, false);
        // Sorted order decides: `x1` < `x_1`.
        assert_eq!(cfn.name(&same[1]), "X1Role");
        assert_eq!(cfn.name(&same[0]), "X1Role2");
        assert!(cfn.is_unique());
    }
}
