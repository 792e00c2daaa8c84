//! Services, Ingresses and IngressClasses, and which controller owns their
//! load balancers.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::meta::MetaW;

/// `loadBalancerClass` of Auto Mode's NLBs.
pub const AUTO_MODE_NLB_CLASS: &str = "eks.amazonaws.com/nlb";
/// `loadBalancerClass` of the AWS Load Balancer Controller's NLBs.
pub const LBC_NLB_CLASS: &str = "service.k8s.aws/nlb";
/// IngressClass `controller` of Auto Mode's ALBs.
pub const AUTO_MODE_ALB_CONTROLLER: &str = "eks.amazonaws.com/alb";
/// IngressClass `controller` of the AWS Load Balancer Controller.
pub const LBC_ALB_CONTROLLER: &str = "ingress.k8s.aws/alb";

/// Who creates and owns a load balancer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LbOwner {
    /// EKS Auto Mode's managed controller.
    AutoMode,
    /// The AWS Load Balancer Controller (self-managed).
    LoadBalancerController,
    /// The legacy in-tree cloud provider (a Classic LB, or an NLB with
    /// `aws-load-balancer-type: nlb`).
    InTree,
    /// Another controller (NGINX, Traefik...), by class or controller name.
    Other(String),
    /// Not decided by what was collected (an Ingress whose class is not in
    /// the collected IngressClasses).
    Unknown,
}

impl LbOwner {
    /// A short description.
    pub fn describe(&self) -> String {
        match self {
            LbOwner::AutoMode => "EKS Auto Mode".to_owned(),
            LbOwner::LoadBalancerController => "the AWS Load Balancer Controller".to_owned(),
            LbOwner::InTree => "the in-tree AWS cloud provider".to_owned(),
            LbOwner::Other(s) => format!("controller {s:?}"),
            LbOwner::Unknown => "an unknown controller".to_owned(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ServiceW {
    pub metadata: MetaW,
    pub spec: ServiceSpecW,
    pub status: LbStatusW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ServiceSpecW {
    #[serde(rename = "type")]
    pub kind: String,
    pub load_balancer_class: Option<String>,
    pub selector: BTreeMap<String, String>,
    pub ports: Vec<ServicePortW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ServicePortW {
    pub port: u32,
    pub protocol: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct LbStatusW {
    pub load_balancer: LbIngressesW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct LbIngressesW {
    pub ingress: Vec<LbIngressW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct LbIngressW {
    pub hostname: String,
    pub ip: String,
}

fn hostnames(s: LbStatusW) -> Vec<String> {
    s.load_balancer
        .ingress
        .into_iter()
        .map(|i| {
            if i.hostname.is_empty() {
                i.ip
            } else {
                i.hostname
            }
        })
        .filter(|h| !h.is_empty())
        .collect()
}

fn aws_annotations(ann: BTreeMap<String, String>) -> BTreeMap<String, String> {
    ann.into_iter()
        .filter(|(k, _)| {
            k.starts_with("service.beta.kubernetes.io/")
                || k.starts_with("alb.ingress.kubernetes.io/")
                || k == "kubernetes.io/ingress.class"
                || k.starts_with("external-dns.alpha.kubernetes.io/")
        })
        .collect()
}

/// A Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalName`.
    pub service_type: String,
    /// `spec.loadBalancerClass`.
    pub load_balancer_class: Option<String>,
    /// AWS load-balancer and external-dns annotations.
    pub annotations: BTreeMap<String, String>,
    /// Pod selector.
    pub selector: BTreeMap<String, String>,
    /// Ports.
    pub ports: Vec<u32>,
    /// DNS names (or IPs) of its load balancer.
    pub hostnames: Vec<String>,
}

impl Service {
    pub(crate) fn from_wire(w: ServiceW) -> Service {
        Service {
            namespace: w.metadata.namespace,
            name: w.metadata.name,
            service_type: w.spec.kind,
            load_balancer_class: w.spec.load_balancer_class,
            annotations: aws_annotations(w.metadata.annotations.0),
            selector: w.spec.selector,
            ports: w.spec.ports.iter().map(|p| p.port).collect(),
            hostnames: hostnames(w.status),
        }
    }

    /// Whether it has a load balancer.
    pub fn is_load_balancer(&self) -> bool {
        self.service_type == "LoadBalancer"
    }

    /// Who owns its load balancer (`None` if it has none).
    pub fn lb_owner(&self) -> Option<LbOwner> {
        if !self.is_load_balancer() {
            return None;
        }
        let lb_type = self
            .annotations
            .get("service.beta.kubernetes.io/aws-load-balancer-type")
            .map(String::as_str);
        Some(match self.load_balancer_class.as_deref() {
            Some(AUTO_MODE_NLB_CLASS) => LbOwner::AutoMode,
            Some(LBC_NLB_CLASS) => LbOwner::LoadBalancerController,
            Some(other) => LbOwner::Other(other.to_owned()),
            None => match lb_type {
                Some("external") | Some("nlb-ip") => LbOwner::LoadBalancerController,
                _ => LbOwner::InTree,
            },
        })
    }

    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IngressW {
    pub metadata: MetaW,
    pub spec: IngressSpecW,
    pub status: LbStatusW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct IngressSpecW {
    pub ingress_class_name: Option<String>,
    pub rules: Vec<IngressRuleW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IngressRuleW {
    pub host: String,
}

/// An Ingress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingress {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `spec.ingressClassName`, else the `kubernetes.io/ingress.class`
    /// annotation.
    pub class: Option<String>,
    /// ALB annotations (`alb.ingress.kubernetes.io/*`).
    pub annotations: BTreeMap<String, String>,
    /// Hosts of its rules.
    pub hosts: Vec<String>,
    /// DNS names of its load balancer.
    pub hostnames: Vec<String>,
}

impl Ingress {
    pub(crate) fn from_wire(w: IngressW) -> Ingress {
        let annotations = aws_annotations(w.metadata.annotations.0);
        let class = w
            .spec
            .ingress_class_name
            .or_else(|| annotations.get("kubernetes.io/ingress.class").cloned());
        Ingress {
            namespace: w.metadata.namespace,
            name: w.metadata.name,
            class,
            annotations,
            hosts: w
                .spec
                .rules
                .into_iter()
                .map(|r| r.host)
                .filter(|h| !h.is_empty())
                .collect(),
            hostnames: hostnames(w.status),
        }
    }

    /// Who owns its load balancer, given the cluster's IngressClasses. An
    /// Ingress without a class uses the default class.
    pub fn lb_owner(&self, classes: &[IngressClass]) -> LbOwner {
        let class = match &self.class {
            Some(c) => classes.iter().find(|k| &k.name == c),
            None => classes.iter().find(|k| k.is_default),
        };
        match (class, self.class.as_deref()) {
            (Some(k), _) => k.owner(),
            // The Load Balancer Controller's legacy annotation value.
            (None, Some("alb")) => LbOwner::LoadBalancerController,
            _ => LbOwner::Unknown,
        }
    }

    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IngressClassW {
    pub metadata: MetaW,
    pub spec: IngressClassSpecW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IngressClassSpecW {
    pub controller: String,
    pub parameters: Option<ParamsRefW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ParamsRefW {
    pub api_group: String,
    pub kind: String,
    pub name: String,
}

/// An IngressClass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngressClass {
    /// Name.
    pub name: String,
    /// `spec.controller`.
    pub controller: String,
    /// `apiGroup/kind/name` of its parameters, if any.
    pub parameters: Option<String>,
    /// `ingressclass.kubernetes.io/is-default-class: "true"`.
    pub is_default: bool,
}

impl IngressClass {
    pub(crate) fn from_wire(w: IngressClassW) -> IngressClass {
        IngressClass {
            is_default: w
                .metadata
                .annotations
                .0
                .get("ingressclass.kubernetes.io/is-default-class")
                .is_some_and(|v| v == "true"),
            name: w.metadata.name,
            controller: w.spec.controller,
            parameters: w
                .spec
                .parameters
                .map(|p| format!("{}/{}/{}", p.api_group, p.kind, p.name)),
        }
    }

    /// Who owns load balancers of this class.
    pub fn owner(&self) -> LbOwner {
        match self.controller.as_str() {
            AUTO_MODE_ALB_CONTROLLER => LbOwner::AutoMode,
            LBC_ALB_CONTROLLER => LbOwner::LoadBalancerController,
            other => LbOwner::Other(other.to_owned()),
        }
    }
}
