//! The articles' clusters: a plan expresses each, and its bundle describes
//! the same cluster (resource types, setting names and values), with the
//! planner's secure defaults shown in the README where it deliberately
//! differs.
//!
//! * The Polish PoC (j-labs, "AWS EKS Auto Mode"), `tests/fixtures/polish-poc.yaml`:
//!   its values as the issue quotes them (the article's Terraform was not
//!   reachable from here).
//! * The Japanese survey, `tests/fixtures/japanese-survey.yaml`: its
//!   published network Terraform (VPC, subnets and their tags, NAT, the
//!   `for-eks-worker-nodes` security group and its rules) plus the issue's
//!   description of its NodeClass, NodePool, admin role and Pod Identity.
//!
//! The Terraform is read back with the independent `hcl-rs` parser, the
//! manifests with serde-saphyr.

mod support;

use eksplan_core::{Bundle, Options, Plan, generate};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;
use std::path::Path;

fn bundle(fixture: &str) -> Bundle {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(format!("{fixture}.yaml"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let plan = Plan::from_yaml(&text).expect("fixture parses");
    let out = generate(
        &plan,
        &Options {
            today: Some(support::TODAY),
        },
    );
    out.bundle
        .unwrap_or_else(|e| panic!("{fixture}: {e}: {:#?}", out.diagnostics))
}

/// Every `.tf` file of a bundle merged into one JSON tree.
struct Tf {
    root: Map<String, Json>,
}

impl Tf {
    fn new(b: &Bundle) -> Tf {
        let mut root = Map::new();
        for (path, text) in b.files().filter(|(p, _)| p.ends_with(".tf")) {
            let v: Json = hcl::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            let Json::Object(m) = v else { continue };
            for (section, body) in m {
                let Json::Object(body) = body else { continue };
                let Json::Object(entry) = root
                    .entry(section)
                    .or_insert_with(|| Json::Object(Map::new()))
                else {
                    continue;
                };
                for (ty, named) in body {
                    match (entry.get_mut(&ty), named) {
                        (Some(Json::Object(have)), Json::Object(more)) => have.extend(more),
                        (_, named) => {
                            entry.insert(ty, named);
                        }
                    }
                }
            }
        }
        Tf { root }
    }

    /// The resources of one type, by label.
    fn all(&self, ty: &str) -> Vec<(&String, &Json)> {
        self.root
            .get("resource")
            .and_then(|r| r.get(ty))
            .and_then(Json::as_object)
            .map(|m| m.iter().collect())
            .unwrap_or_default()
    }

    /// The only resource of a type.
    fn only(&self, ty: &str) -> &Json {
        let all = self.all(ty);
        assert_eq!(all.len(), 1, "expected one {ty}, found {}", all.len());
        all[0].1
    }

    fn resource(&self, ty: &str, label: &str) -> &Json {
        &self.root["resource"][ty][label]
    }

    fn variable(&self, name: &str) -> &Json {
        &self.root["variable"][name]
    }

    /// `data.aws_iam_policy_document.<name>` of a `${...json}` reference.
    fn document(&self, reference: &Json) -> &Json {
        let name = reference
            .as_str()
            .and_then(|r| r.strip_prefix("${data.aws_iam_policy_document."))
            .and_then(|r| r.strip_suffix(".json}"))
            .unwrap_or("?");
        &self.root["data"]["aws_iam_policy_document"][name]
    }
}

fn items(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(a) => a.iter().collect(),
        Json::Null => Vec::new(),
        other => vec![other],
    }
}

fn strs(v: &Json) -> Vec<String> {
    items(v)
        .into_iter()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

/// The `(zone, cidr, load-balancer role tag)` of every subnet.
fn subnets(tf: &Tf) -> BTreeSet<(String, String, String)> {
    tf.all("aws_subnet")
        .into_iter()
        .map(|(_, s)| {
            let role = s["tags"]
                .as_object()
                .and_then(|t| t.keys().find(|k| k.starts_with("kubernetes.io/role/")))
                .cloned()
                .unwrap_or_default();
            (
                s["availability_zone"].as_str().unwrap_or("").to_owned(),
                s["cidr_block"].as_str().unwrap_or("").to_owned(),
                role,
            )
        })
        .collect()
}

fn yaml(b: &Bundle, path: &str) -> Vec<Json> {
    let text = b.get(path).unwrap_or_else(|| panic!("no {path}"));
    serde_saphyr::from_multiple(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn set(v: &[&str]) -> BTreeSet<(String, String, String)> {
    v.chunks(3)
        .map(|c| (c[0].to_owned(), c[1].to_owned(), c[2].to_owned()))
        .collect()
}

/// A setting where the planner deliberately differs from the article: the
/// bundle has the planner's value, and its README says why.
struct Difference {
    setting: &'static str,
    article: &'static str,
    planner_has_it: fn(&Tf, &Bundle) -> bool,
    readme_says: &'static str,
}

fn check_differences(fixture: &str, b: &Bundle, tf: &Tf, differences: &[Difference]) {
    let readme = b.get("README.md").expect("README");
    for d in differences {
        assert!(
            (d.planner_has_it)(tf, b),
            "{fixture}: {} (article: {}): the planner's value is missing",
            d.setting,
            d.article
        );
        assert!(
            readme.contains(d.readme_says),
            "{fixture}: {} (article: {}): the README does not say `{}`",
            d.setting,
            d.article,
            d.readme_says
        );
    }
}

/// The secure defaults both articles' clusters get from the planner.
const SECURE_DEFAULTS: &[Difference] = &[
    Difference {
        setting: "vpc_config.public_access_cidrs",
        article: "the public endpoint with AWS's default 0.0.0.0/0",
        planner_has_it: |tf, _| {
            let v = tf.variable("public_access_cidrs");
            v["default"].is_null()
                && items(&v["validation"])
                    .iter()
                    .any(|r| r["condition"].as_str().is_some_and(|c| c.contains(">= 8")))
        },
        readme_says: "has no default: Terraform asks for it at deploy time",
    },
    Difference {
        setting: "encryption_config",
        article: "no envelope encryption of secrets",
        planner_has_it: |tf, _| {
            let c = tf.only("aws_eks_cluster");
            strs(&c["encryption_config"]["resources"]) == ["secrets"]
                && tf.only("aws_kms_key")["enable_key_rotation"] == Json::Bool(true)
        },
        readme_says: "envelope-encrypted with a customer-managed KMS key",
    },
    Difference {
        setting: "aws_flow_log",
        article: "no VPC flow logs",
        planner_has_it: |tf, _| tf.only("aws_flow_log")["traffic_type"] == "ALL",
        readme_says: "VPC flow logs record all accepted and rejected traffic",
    },
    Difference {
        setting: "aws_default_security_group",
        article: "the VPC's default security group left as AWS creates it",
        planner_has_it: |tf, _| {
            let sg = tf.only("aws_default_security_group");
            sg.get("ingress").is_none() && sg.get("egress").is_none()
        },
        readme_says: "default security group is taken over with no rules",
    },
    Difference {
        setting: "backend \"s3\"",
        article: "local state",
        planner_has_it: |tf, _| {
            let s3 = &tf.root["terraform"]["backend"]["s3"];
            s3["use_lockfile"] == Json::Bool(true) && s3["encrypt"] == Json::Bool(true)
        },
        readme_says: "keeps its state in S3, encrypted and locked",
    },
    Difference {
        setting: "bootstrap_cluster_creator_admin_permissions",
        article: "whoever creates the cluster is admin through the hidden bootstrap grant",
        planner_has_it: |tf, _| {
            tf.only("aws_eks_cluster")["access_config"]["bootstrap_cluster_creator_admin_permissions"]
                == Json::Bool(false)
        },
        readme_says: "hidden bootstrap grant",
    },
];

#[test]
fn the_polish_poc() {
    let b = bundle("polish-poc");
    let tf = Tf::new(&b);

    // The VPC module's inputs: cidr, azs, private_subnets, public_subnets,
    // enable_nat_gateway + single_nat_gateway.
    assert_eq!(tf.only("aws_vpc")["cidr_block"], "10.0.0.0/16");
    assert_eq!(
        subnets(&tf),
        set(&[
            "eu-west-1a",
            "10.0.1.0/24",
            "kubernetes.io/role/internal-elb",
            "eu-west-1b",
            "10.0.2.0/24",
            "kubernetes.io/role/internal-elb",
            "eu-west-1c",
            "10.0.3.0/24",
            "kubernetes.io/role/internal-elb",
            "eu-west-1a",
            "10.0.101.0/24",
            "kubernetes.io/role/elb",
            "eu-west-1b",
            "10.0.102.0/24",
            "kubernetes.io/role/elb",
            "eu-west-1c",
            "10.0.103.0/24",
            "kubernetes.io/role/elb",
        ])
    );
    tf.only("aws_internet_gateway");
    let nat = tf.only("aws_nat_gateway");
    assert_eq!(nat["subnet_id"], "${aws_subnet.public_a.id}");
    assert_eq!(tf.all("aws_eip").len(), 1);
    // Every private subnet routes through the one NAT gateway.
    let nat_routes = tf
        .all("aws_route")
        .into_iter()
        .filter(|(_, r)| r["nat_gateway_id"] == "${aws_nat_gateway.a.id}")
        .count();
    assert_eq!(nat_routes, 3);

    // The cluster: eu-west-1, Auto Mode with only general-purpose, API auth.
    assert_eq!(tf.variable("region")["default"], "eu-west-1");
    let c = tf.only("aws_eks_cluster");
    assert_eq!(c["compute_config"]["enabled"], Json::Bool(true));
    assert_eq!(
        strs(&c["compute_config"]["node_pools"]),
        ["general-purpose"]
    );
    assert_eq!(
        c["compute_config"]["node_role_arn"],
        "${aws_iam_role.node.arn}"
    );
    assert_eq!(c["access_config"]["authentication_mode"], "API");
    assert_eq!(
        c["kubernetes_network_config"]["elastic_load_balancing"]["enabled"],
        Json::Bool(true)
    );
    assert_eq!(
        c["storage_config"]["block_storage"]["enabled"],
        Json::Bool(true)
    );
    assert_eq!(c["bootstrap_self_managed_addons"], Json::Bool(false));
    assert_eq!(
        strs(&c["vpc_config"]["subnet_ids"]),
        [
            "${aws_subnet.private_a.id}",
            "${aws_subnet.private_b.id}",
            "${aws_subnet.private_c.id}"
        ]
    );

    // The IAM user: a STANDARD entry with both policies at cluster scope,
    // and nobody else (no creator admin).
    let (label, entry) = tf
        .all("aws_eks_access_entry")
        .into_iter()
        .next()
        .expect("an access entry");
    assert_eq!(tf.all("aws_eks_access_entry").len(), 1);
    assert_eq!(
        entry["principal_arn"],
        "arn:aws:iam::210987654321:user/eks-poc-admin"
    );
    assert_eq!(entry["type"], "STANDARD");
    let policies: BTreeSet<(String, String)> = tf
        .all("aws_eks_access_policy_association")
        .into_iter()
        .filter(|(_, a)| {
            a["principal_arn"] == format!("${{aws_eks_access_entry.{label}.principal_arn}}")
        })
        .map(|(_, a)| {
            (
                a["policy_arn"]
                    .as_str()
                    .and_then(|p| p.rsplit('/').next())
                    .unwrap_or("")
                    .to_owned(),
                a["access_scope"]["type"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        policies,
        [
            ("AmazonEKSAdminPolicy".to_owned(), "cluster".to_owned()),
            (
                "AmazonEKSClusterAdminPolicy".to_owned(),
                "cluster".to_owned()
            ),
        ]
        .into_iter()
        .collect()
    );

    // The StorageClass the retail-store sample's Helm values ask for.
    let sc = &yaml(&b, "kubernetes/20-storageclass.yaml")[0];
    assert_eq!(sc["kind"], "StorageClass");
    assert_eq!(sc["metadata"]["name"], "eks-auto-ebs-csi-sc");
    assert_eq!(sc["provisioner"], "ebs.csi.eks.amazonaws.com");
    assert_eq!(
        sc["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"],
        "true"
    );
    assert_eq!(sc["parameters"]["type"], "gp3");

    // Only the built-in pool: no custom NodePools or NodeClasses.
    assert!(b.get("kubernetes/10-nodepools.yaml").is_none());
    assert!(b.get("kubernetes/00-nodeclasses.yaml").is_none());

    check_differences("polish-poc", &b, &tf, SECURE_DEFAULTS);
}

#[test]
fn the_japanese_survey() {
    let b = bundle("japanese-survey");
    let tf = Tf::new(&b);

    // vpc.tf of the survey: the VPC, two node subnets tagged Private=1 and
    // internal-elb, two public subnets tagged elb, one NAT gateway.
    assert_eq!(tf.only("aws_vpc")["cidr_block"], "10.0.0.0/16");
    assert_eq!(tf.variable("region")["default"], "ap-northeast-1");
    assert_eq!(
        subnets(&tf),
        set(&[
            "ap-northeast-1a",
            "10.0.1.0/24",
            "kubernetes.io/role/internal-elb",
            "ap-northeast-1c",
            "10.0.2.0/24",
            "kubernetes.io/role/internal-elb",
            "ap-northeast-1a",
            "10.0.3.0/24",
            "kubernetes.io/role/elb",
            "ap-northeast-1c",
            "10.0.4.0/24",
            "kubernetes.io/role/elb",
        ])
    );
    for label in ["private_a", "private_b"] {
        assert_eq!(
            tf.resource("aws_subnet", label)["tags"]["Private"],
            "1",
            "{label}"
        );
    }
    for label in ["public_a", "public_b"] {
        assert!(
            tf.resource("aws_subnet", label)["tags"]
                .get("Private")
                .is_none()
        );
    }
    tf.only("aws_nat_gateway");

    // The node security group: Name tag for-eks-worker-nodes, every
    // protocol from the VPC's CIDR in, every protocol to 0.0.0.0/0 out.
    let groups: Vec<(&String, &Json)> = tf
        .all("aws_security_group")
        .into_iter()
        .filter(|(_, g)| g["tags"]["Name"] == "for-eks-worker-nodes")
        .collect();
    assert_eq!(groups.len(), 1);
    let sg = format!("${{aws_security_group.{}.id}}", groups[0].0);
    let ingress: Vec<&Json> = tf
        .all("aws_vpc_security_group_ingress_rule")
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| r["security_group_id"] == sg.as_str())
        .collect();
    assert_eq!(ingress.len(), 1);
    assert_eq!(ingress[0]["cidr_ipv4"], "${aws_vpc.this.cidr_block}");
    assert_eq!(ingress[0]["ip_protocol"], "-1");
    let egress: Vec<&Json> = tf
        .all("aws_vpc_security_group_egress_rule")
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| r["security_group_id"] == sg.as_str())
        .collect();
    assert_eq!(egress.len(), 1);
    assert_eq!(egress[0]["cidr_ipv4"], "0.0.0.0/0");
    assert_eq!(egress[0]["ip_protocol"], "-1");

    // The node role eks-auto-node-example: ec2.amazonaws.com, the two node
    // policies, and it is the cluster's compute node role.
    let node = tf.resource("aws_iam_role", "node");
    assert_eq!(node["name"], "eks-auto-node-example");
    let trust = tf.document(&node["assume_role_policy"]);
    assert_eq!(
        strs(&trust["statement"]["principals"]["identifiers"]),
        ["ec2.amazonaws.com"]
    );
    let attached: BTreeSet<String> = tf
        .all("aws_iam_role_policy_attachment")
        .into_iter()
        .filter(|(_, a)| a["role"] == "${aws_iam_role.node.name}")
        .filter_map(|(_, a)| {
            a["policy_arn"]
                .as_str()
                .and_then(|p| p.rsplit('/').next())
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        attached,
        [
            "AmazonEC2ContainerRegistryPullOnly",
            "AmazonEKSWorkerNodeMinimalPolicy"
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    );
    let c = tf.only("aws_eks_cluster");
    assert_eq!(
        c["compute_config"]["node_role_arn"],
        "${aws_iam_role.node.arn}"
    );

    // The NodeClass: that role, subnets by Private=1, security groups by
    // Name=for-eks-worker-nodes.
    let nc = &yaml(&b, "kubernetes/00-nodeclasses.yaml")[0];
    assert_eq!(nc["kind"], "NodeClass");
    assert_eq!(nc["spec"]["role"], "eks-auto-node-example");
    assert_eq!(
        nc["spec"]["subnetSelectorTerms"],
        serde_json::json!([{ "tags": { "Private": "1" } }])
    );
    assert_eq!(
        nc["spec"]["securityGroupSelectorTerms"],
        serde_json::json!([{ "tags": { "Name": "for-eks-worker-nodes" } }])
    );

    // The NodePool: on that NodeClass, selecting nodes by a custom label.
    let np = &yaml(&b, "kubernetes/10-nodepools.yaml")[0];
    assert_eq!(
        np["spec"]["template"]["spec"]["nodeClassRef"]["name"],
        "private-worker"
    );
    let reqs = np["spec"]["template"]["spec"]["requirements"]
        .as_array()
        .expect("requirements");
    assert!(reqs.contains(&serde_json::json!({
        "key": "example.com/workload", "operator": "In", "values": ["survey"]
    })));
    // ...and its example Deployment selects the same label.
    let examples = yaml(&b, "kubernetes/examples/nodepool-workloads.yaml");
    let deploy = examples
        .iter()
        .find(|o| o["kind"] == "Deployment")
        .expect("example Deployment");
    let selector = &deploy["spec"]["template"]["spec"]["nodeSelector"];
    assert_eq!(selector["karpenter.sh/nodepool"], "survey");
    assert_eq!(selector["example.com/workload"], "survey");

    // The admin role the bundle creates: trusted by the account root, only
    // sts:GetCallerIdentity in AWS, AmazonEKSClusterAdminPolicy in the cluster.
    let admin = tf.resource("aws_iam_role", "admin");
    assert_eq!(admin["name"], "eks-auto-survey-admin");
    let trust = &tf.document(&admin["assume_role_policy"])["statement"];
    assert_eq!(strs(&trust["actions"]), ["sts:AssumeRole"]);
    assert_eq!(trust["principals"]["type"], "AWS");
    assert_eq!(
        strs(&trust["principals"]["identifiers"]),
        [
            "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
        ]
    );
    let inline: Vec<&Json> = tf
        .all("aws_iam_role_policy")
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| p["role"] == "${aws_iam_role.admin.id}")
        .collect();
    assert_eq!(inline.len(), 1);
    let doc = tf.document(&inline[0]["policy"]);
    assert_eq!(
        strs(&doc["statement"]["actions"]),
        ["sts:GetCallerIdentity"]
    );
    assert!(
        !tf.all("aws_iam_role_policy_attachment")
            .iter()
            .any(|(_, a)| a["role"] == "${aws_iam_role.admin.name}")
    );
    let (label, entry) = tf
        .all("aws_eks_access_entry")
        .into_iter()
        .find(|(_, e)| e["principal_arn"] == "${aws_iam_role.admin.arn}")
        .expect("the admin role's access entry");
    assert_eq!(entry["type"], "STANDARD");
    let assoc = tf
        .all("aws_eks_access_policy_association")
        .into_iter()
        .find(|(_, a)| {
            a["principal_arn"] == format!("${{aws_eks_access_entry.{label}.principal_arn}}")
        })
        .expect("its policy");
    assert!(
        assoc.1["policy_arn"]
            .as_str()
            .is_some_and(|p| p.ends_with("/AmazonEKSClusterAdminPolicy"))
    );
    assert_eq!(assoc.1["access_scope"]["type"], "cluster");

    // The Pod Identity role: its own inline policy, no managed policies,
    // the association, and the ServiceAccount it names.
    let pod = tf.resource("aws_iam_role", "pod_survey_s3_reader");
    let trust = tf.document(&pod["assume_role_policy"]);
    assert_eq!(
        strs(&trust["statement"]["principals"]["identifiers"]),
        ["pods.eks.amazonaws.com"]
    );
    let pod_inline: Vec<&Json> = tf
        .all("aws_iam_role_policy")
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| p["role"] == "${aws_iam_role.pod_survey_s3_reader.id}")
        .collect();
    assert_eq!(pod_inline.len(), 1);
    let statements = items(&tf.document(&pod_inline[0]["policy"])["statement"])
        .into_iter()
        .map(|s| (strs(&s["actions"]), strs(&s["resources"])))
        .collect::<Vec<_>>();
    assert_eq!(
        statements,
        [
            (
                vec!["s3:ListBucket".to_owned()],
                vec!["arn:${data.aws_partition.current.partition}:s3:::eks-auto-survey-data".to_owned()]
            ),
            (
                vec!["s3:GetObject".to_owned()],
                vec!["arn:${data.aws_partition.current.partition}:s3:::eks-auto-survey-data/reports/*".to_owned()]
            ),
        ]
    );
    assert!(
        !tf.all("aws_iam_role_policy_attachment")
            .iter()
            .any(|(_, a)| a["role"] == "${aws_iam_role.pod_survey_s3_reader.name}")
    );
    let assoc = tf.only("aws_eks_pod_identity_association");
    assert_eq!(assoc["namespace"], "survey");
    assert_eq!(assoc["service_account"], "s3-reader");
    assert_eq!(
        assoc["role_arn"],
        "${aws_iam_role.pod_survey_s3_reader.arn}"
    );
    let objects = yaml(&b, "kubernetes/40-service-accounts.yaml");
    assert!(objects.iter().any(|o| o["kind"] == "ServiceAccount"
        && o["metadata"]["name"] == "s3-reader"
        && o["metadata"]["namespace"] == "survey"));
    assert!(
        objects
            .iter()
            .any(|o| o["kind"] == "Namespace" && o["metadata"]["name"] == "survey")
    );

    let mut differences: Vec<Difference> = vec![Difference {
        setting: "cluster subnets",
        article: "separate control-plane subnets 10.0.100.0/24 and 10.0.101.0/24",
        planner_has_it: |tf, _| {
            strs(&tf.only("aws_eks_cluster")["vpc_config"]["subnet_ids"])
                == ["${aws_subnet.private_a.id}", "${aws_subnet.private_b.id}"]
        },
        readme_says: "The control plane's network interfaces go into the private subnets too",
    }];
    differences.extend(SECURE_DEFAULTS.iter().map(|d| Difference { ..*d }));
    check_differences("japanese-survey", &b, &tf, &differences);
}

/// The comparison can fail: a changed value is caught.
#[test]
fn a_changed_setting_is_caught() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/polish-poc.yaml");
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut plan = Plan::from_yaml(&text).expect("fixture parses");
    plan.network.private_subnet_cidrs[2] = "10.0.4.0/24".into();
    let b = generate(&plan, &Options::default()).bundle.expect("bundle");
    let tf = Tf::new(&b);
    assert!(subnets(&tf).contains(&(
        "eu-west-1c".to_owned(),
        "10.0.4.0/24".to_owned(),
        "kubernetes.io/role/internal-elb".to_owned()
    )));
    assert!(!subnets(&tf).contains(&(
        "eu-west-1c".to_owned(),
        "10.0.3.0/24".to_owned(),
        "kubernetes.io/role/internal-elb".to_owned()
    )));
}
