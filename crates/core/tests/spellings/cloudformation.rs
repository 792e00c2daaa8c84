//! Read a CloudFormation template back (as long-form JSON, from the YAML
//! loader or from the CDK reader) into the facts' notation.

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::Bundle;
use serde_json::{Map, Value as Json};

use super::facts::{
    EntryFacts, Facts, RoleFacts, access_list, argocd, policy_name, scoped, statement,
};

/// A template and how to evaluate its intrinsics.
pub struct Template {
    pub root: Json,
    /// Parameter values (defaults, or what the deploy command passes).
    pub params: BTreeMap<String, Json>,
    /// The cluster's name, to recognise its ARN where the cluster is not in
    /// the template (eksctl's prerequisites).
    pub cluster_name: String,
}

fn items(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(a) => a.iter().collect(),
        Json::Null => Vec::new(),
        other => vec![other],
    }
}

impl Template {
    pub fn new(root: Json, cluster_name: &str) -> Template {
        let mut params = BTreeMap::new();
        if let Some(ps) = root["Parameters"].as_object() {
            for (name, p) in ps {
                let default = p["Default"].clone();
                let v = match (p["Type"].as_str().unwrap_or(""), default) {
                    (ty, Json::String(s))
                        if ty.starts_with("List<") || ty == "CommaDelimitedList" =>
                    {
                        Json::Array(
                            s.split(',')
                                .filter(|x| !x.is_empty())
                                .map(|x| Json::String(x.to_owned()))
                                .collect(),
                        )
                    }
                    (_, d) => d,
                };
                params.insert(name.clone(), v);
            }
        }
        Template {
            root,
            params,
            cluster_name: cluster_name.to_owned(),
        }
    }

    pub fn resources(&self) -> Vec<(&String, &Json)> {
        self.root["Resources"]
            .as_object()
            .map(|m| m.iter().collect())
            .unwrap_or_default()
    }

    pub fn of_type(&self, ty: &str) -> Vec<(&String, &Json)> {
        self.resources()
            .into_iter()
            .filter(|(_, r)| r["Type"] == ty)
            .collect()
    }

    pub fn resource(&self, id: &str) -> &Json {
        &self.root["Resources"][id]
    }

    /// What `Ref name` stands for.
    fn reference(&self, name: &str) -> String {
        match name {
            "AWS::Partition" => "${partition}".into(),
            "AWS::AccountId" => "${account}".into(),
            "AWS::Region" => "${region}".into(),
            "ClusterName" if self.params.contains_key(name) => "${cluster_name}".into(),
            "ClusterAdminArn" if self.params.contains_key(name) => "${caller}".into(),
            p if self.params.contains_key(p) => self.params[p].as_str().unwrap_or("?").to_owned(),
            id => {
                let r = self.resource(id);
                match r["Type"].as_str() {
                    Some("AWS::IAM::Role") => self.text(&r["Properties"]["RoleName"]),
                    Some("AWS::Logs::LogGroup") => self.text(&r["Properties"]["LogGroupName"]),
                    Some("AWS::EKS::Cluster") => self.text(&r["Properties"]["Name"]),
                    Some("AWS::Logs::DeliverySource") => self.text(&r["Properties"]["Name"]),
                    Some("AWS::S3::Bucket") => GENERATED.into(),
                    _ => format!("<{id}>"),
                }
            }
        }
    }

    /// What `GetAtt id.attr` stands for.
    fn attribute(&self, id: &str, attr: &str) -> String {
        let r = self.resource(id);
        match (r["Type"].as_str(), attr) {
            (Some("AWS::IAM::Role"), "Arn") => {
                format!("role:{}", self.text(&r["Properties"]["RoleName"]))
            }
            (Some("AWS::KMS::Key"), "Arn") => "kms:created".into(),
            (Some("AWS::EKS::Cluster"), "Arn") => "cluster:arn".into(),
            (Some("AWS::S3::Bucket"), "Arn") => format!("bucket:{GENERATED}"),
            _ => format!("<{id}.{attr}>"),
        }
    }

    /// A value in the facts' notation.
    pub fn text(&self, v: &Json) -> String {
        let s = match v {
            Json::String(s) => s.clone(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) => n.to_string(),
            Json::Object(m) => self.intrinsic(m),
            Json::Array(a) => a.iter().map(|x| self.text(x)).collect::<Vec<_>>().join(","),
            Json::Null => String::new(),
        };
        self.known_arns(s)
    }

    /// Whole values: a list parameter becomes its items.
    pub fn list(&self, v: &Json) -> Vec<String> {
        if let Some(p) = v["Ref"].as_str()
            && let Some(Json::Array(a)) = self.params.get(p)
        {
            return a.iter().map(|x| self.text(x)).collect();
        }
        // A required list parameter (no default) has no items until the
        // deployment passes them.
        if let Some(p) = v["Ref"].as_str()
            && self.params.get(p) == Some(&Json::Null)
        {
            return Vec::new();
        }
        items(v).into_iter().map(|x| self.text(x)).collect()
    }

    /// A whole value: a parameter becomes its value.
    pub fn value(&self, v: &Json) -> String {
        if let Some(p) = v["Ref"].as_str()
            && let Some(value) = self.params.get(p)
            && p != "ClusterAdminArn"
        {
            return self.text(value);
        }
        self.text(v)
    }

    fn known_arns(&self, s: String) -> String {
        for name in ["${cluster_name}", self.cluster_name.as_str()] {
            if s == format!("arn:${{partition}}:eks:${{region}}:${{account}}:cluster/{name}") {
                return "cluster:arn".into();
            }
        }
        s
    }

    fn intrinsic(&self, m: &Map<String, Json>) -> String {
        if let Some(Json::String(name)) = m.get("Ref") {
            return self.reference(name);
        }
        if let Some(Json::Array(a)) = m.get("Fn::GetAtt") {
            return self.attribute(a[0].as_str().unwrap_or(""), a[1].as_str().unwrap_or(""));
        }
        if let Some(Json::String(s)) = m.get("Fn::Sub") {
            return self.sub(s);
        }
        if let Some(Json::Array(a)) = m.get("Fn::Join") {
            let sep = a[0].as_str().unwrap_or("");
            return items(&a[1])
                .into_iter()
                .map(|x| self.text(x))
                .collect::<Vec<_>>()
                .join(sep);
        }
        if let Some(Json::Array(a)) = m.get("Fn::Select")
            && a[1].get("Fn::GetAZs").is_some()
        {
            return format!("az:{}", a[0]);
        }
        format!("{m:?}")
    }

    fn sub(&self, s: &str) -> String {
        const LOG_GROUP_ARN: &str = "arn:${partition}:logs:${region}:${account}:log-group:";
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
            } else if let Some((id, attr)) = name.split_once('.') {
                out.push_str(&self.attribute(id, attr));
            } else if self.resource(name)["Type"] == "AWS::Logs::LogGroup"
                && out.ends_with(LOG_GROUP_ARN)
            {
                out.truncate(out.len() - LOG_GROUP_ARN.len());
                out.push_str("log-group:");
                out.push_str(&self.reference(name));
            } else {
                out.push_str(&self.reference(name));
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The statements of a policy document.
    pub fn document(&self, doc: &Json) -> BTreeSet<String> {
        items(&doc["Statement"])
            .into_iter()
            .map(|s| {
                let principals: Vec<(String, Vec<String>)> = s["Principal"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    items(v).into_iter().map(|x| self.text(x)).collect(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut conditions = Vec::new();
                if let Some(tests) = s["Condition"].as_object() {
                    for (test, vars) in tests {
                        for (var, values) in vars.as_object().into_iter().flatten() {
                            conditions.push((
                                test.clone(),
                                var.clone(),
                                items(values).into_iter().map(|x| self.text(x)).collect(),
                            ));
                        }
                    }
                }
                let strings = |v: &Json| -> Vec<String> {
                    items(v).into_iter().map(|x| self.text(x)).collect()
                };
                statement(
                    &principals,
                    &strings(&s["Action"]),
                    &strings(&s["Resource"]),
                    &conditions,
                )
            })
            .collect()
    }

    /// Every role.
    pub fn roles(&self) -> BTreeMap<String, RoleFacts> {
        self.of_type("AWS::IAM::Role")
            .into_iter()
            .map(|(_, r)| {
                let p = &r["Properties"];
                (
                    self.text(&p["RoleName"]),
                    RoleFacts {
                        trust: self.document(&p["AssumeRolePolicyDocument"]),
                        managed_policies: items(&p["ManagedPolicyArns"])
                            .into_iter()
                            .map(|x| policy_name(&self.text(x)))
                            .collect(),
                        inline: items(&p["Policies"])
                            .into_iter()
                            .flat_map(|x| self.document(&x["PolicyDocument"]))
                            .collect(),
                    },
                )
            })
            .collect()
    }

    /// `<cidr> <key>=<value>` for every tag of every created subnet, less
    /// the cluster-wide `tags` (written on every taggable resource, where
    /// Terraform and Pulumi use provider default tags).
    pub fn subnet_tags(&self, cluster_tags: &BTreeMap<String, String>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (_, s) in self.of_type("AWS::EC2::Subnet") {
            let p = &s["Properties"];
            for t in items(&p["Tags"]) {
                let (k, v) = (self.text(&t["Key"]), self.text(&t["Value"]));
                if cluster_tags.get(&k) != Some(&v) {
                    out.insert(format!("{} {k}={v}", self.text(&p["CidrBlock"])));
                }
            }
        }
        out
    }

    /// Created subnets: `<zone> <cidr> <role tag>`.
    pub fn subnets(&self) -> BTreeSet<String> {
        self.of_type("AWS::EC2::Subnet")
            .into_iter()
            .map(|(_, s)| {
                let p = &s["Properties"];
                let role = items(&p["Tags"])
                    .into_iter()
                    .filter_map(|t| t["Key"].as_str())
                    .find(|k| k.starts_with("kubernetes.io/role/"))
                    .unwrap_or_default()
                    .to_owned();
                format!(
                    "{} {} {role}",
                    self.text(&p["AvailabilityZone"]),
                    self.text(&p["CidrBlock"])
                )
            })
            .collect()
    }
}

/// What a bucket CloudFormation names is called in the facts.
pub const GENERATED: &str = "<generated>";

/// `AWS::EKS::Capability`, with the access policies `scripts/post-deploy.sh`
/// associates with its role.
fn capabilities(t: &Template, bundle: &Bundle) -> BTreeSet<String> {
    // `aws iam get-role --role-name 'NAME'` … `cluster-access-policy/"'POLICY'`
    // … `--access-scope 'type=…,namespaces=…'`, one command per association.
    let script = bundle.get("scripts/post-deploy.sh").unwrap_or_default();
    let mut access: Vec<(String, String)> = Vec::new();
    for cmd in script.split("aws eks associate-access-policy").skip(1) {
        let quoted: Vec<&str> = cmd.split('\'').skip(1).step_by(2).collect();
        let role = if cmd.contains("get-role --role-name") {
            format!("role:{}", quoted.first().copied().unwrap_or(""))
        } else {
            quoted.first().copied().unwrap_or("").to_owned()
        };
        let policy = quoted.get(1).copied().unwrap_or("");
        let scope = quoted.get(2).copied().unwrap_or("");
        let (ty, ns) = scope.split_once(",namespaces=").unwrap_or((scope, ""));
        let ns: Vec<String> = ns
            .split(',')
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        access.push((role, scoped(policy, ty.trim_start_matches("type="), &ns)));
    }
    t.of_type("AWS::EKS::Capability")
        .into_iter()
        .map(|(_, c)| {
            let p = &c["Properties"];
            let role = t.text(&p["RoleArn"]);
            let mut out = format!(
                "{} {} role={role} delete={}",
                t.text(&p["Type"]),
                t.text(&p["CapabilityName"]),
                t.text(&p["DeletePropagationPolicy"])
            );
            let argo = &p["Configuration"]["ArgoCd"];
            if !argo.is_null() {
                let mappings = items(&argo["RbacRoleMappings"])
                    .into_iter()
                    .flat_map(|m| {
                        let r = t.text(&m["Role"]);
                        items(&m["Identities"])
                            .into_iter()
                            .map(|i| format!("{r}:{}:{}", t.text(&i["Type"]), t.text(&i["Id"])))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                out.push_str(&argocd(
                    &t.text(&argo["Namespace"]),
                    &t.text(&argo["AwsIdc"]["IdcInstanceArn"]),
                    &t.text(&argo["AwsIdc"]["IdcRegion"]),
                    mappings,
                    t.list(&argo["NetworkAccess"]["VpceIds"]),
                ));
            }
            out.push_str(&access_list(
                access
                    .iter()
                    .filter(|(r, _)| *r == role)
                    .map(|(_, a)| a.clone())
                    .collect(),
            ));
            out
        })
        .collect()
}

/// Sources, destination and deliveries of component logs.
fn log_deliveries(t: &Template) -> BTreeSet<String> {
    let target = |v: &Json| -> Option<&Json> {
        let id = v["Ref"].as_str().or_else(|| v["Fn::GetAtt"][0].as_str())?;
        Some(t.resource(id))
    };
    let mut out = BTreeSet::new();
    for (_, d) in t.of_type("AWS::Logs::Delivery") {
        let p = &d["Properties"];
        let (Some(source), Some(dest)) = (
            target(&p["DeliverySourceName"]),
            target(&p["DeliveryDestinationArn"]),
        ) else {
            out.insert("delivery without a source or destination".into());
            continue;
        };
        let arn = &dest["Properties"]["DestinationResourceArn"];
        let group = t
            .of_type("AWS::Logs::LogGroup")
            .into_iter()
            .find(|(id, _)| t.text(arn) == format!("log-group:{}", t.reference(id)));
        let to = match group {
            Some((_, g)) => {
                let g = &g["Properties"];
                format!(
                    "log-group:{} retention={} kms={}",
                    t.text(&g["LogGroupName"]),
                    t.text(&g["RetentionInDays"]),
                    t.text(&g["KmsKeyId"])
                )
            }
            None => t.text(arn),
        };
        out.insert(format!(
            "{} {} from {} -> {} {to}",
            t.text(&source["Properties"]["LogType"]),
            t.text(&source["Properties"]["Name"]),
            t.text(&source["Properties"]["ResourceArn"]),
            t.text(&dest["Properties"]["Name"])
        ));
    }
    out
}

/// Buckets (CloudFormation names them) and their policies.
fn buckets(t: &Template) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, b) in t.of_type("AWS::S3::Bucket") {
        let p = &b["Properties"];
        let sse = &p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"];
        let sse = if sse["KMSMasterKeyID"].is_null() {
            t.text(&sse["SSEAlgorithm"])
        } else {
            t.text(&sse["KMSMasterKeyID"])
        };
        let versioned = p["VersioningConfiguration"]["Status"] == "Enabled";
        let expire = t.text(&p["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"]);
        // CloudFormation cannot empty a bucket (finding TG013).
        out.insert(format!(
            "{GENERATED} sse={sse} versioned={versioned} expire={expire} force_destroy=false"
        ));
        for (_, bp) in t.of_type("AWS::S3::BucketPolicy") {
            if bp["Properties"]["Bucket"]["Ref"] == id.as_str() {
                for st in t.document(&bp["Properties"]["PolicyDocument"]) {
                    out.insert(format!("{GENERATED} policy {st}"));
                }
            }
        }
    }
    out
}

/// `<policy>@<scope>` of access policies.
pub fn access_policies(t: &Template, policies: &Json) -> BTreeSet<String> {
    items(policies)
        .into_iter()
        .map(|p| {
            let scope = &p["AccessScope"];
            scoped(
                &policy_name(&t.text(&p["PolicyArn"])),
                scope["Type"].as_str().unwrap_or(""),
                &items(&scope["Namespaces"])
                    .into_iter()
                    .map(|n| t.text(n))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// `tag k=v on a,b` from `aws ec2 create-tags` lines of a script.
pub fn script_subnet_tags(bundle: &Bundle) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(script) = bundle.get("scripts/post-deploy.sh") else {
        return out;
    };
    for line in script
        .lines()
        .filter(|l| l.starts_with("aws ec2 create-tags"))
    {
        let Some((_, rest)) = line.split_once("--resources ") else {
            continue;
        };
        let Some((resources, tags)) = rest.split_once(" --tags ") else {
            continue;
        };
        if resources.starts_with('"') {
            continue; // the default security group, not subnets
        }
        let ids: Vec<String> = resources
            .split(' ')
            .map(|s| s.trim_matches('\'').to_owned())
            .collect();
        let json: Json = serde_json::from_str(tags.trim_matches('\'')).expect("tag JSON");
        for t in items(&json) {
            out.insert(format!(
                "tag {}={} on {}",
                t["Key"].as_str().unwrap_or(""),
                t["Value"].as_str().unwrap_or(""),
                ids.join(",")
            ));
        }
    }
    out
}

/// The region a README's deploy command names.
pub fn readme_region(bundle: &Bundle, command: &str) -> String {
    let readme = bundle.get("README.md").unwrap_or_default();
    readme
        .lines()
        .find(|l| l.starts_with(command))
        .and_then(|l| l.split_once("--region "))
        .and_then(|(_, r)| r.split_whitespace().next())
        .unwrap_or("?")
        .to_owned()
}

/// The facts of a template that holds the cluster (the CloudFormation
/// target, and the CDK target's program read as one).
pub fn facts(t: &Template, bundle: &Bundle, region: String) -> Facts {
    let clusters = t.of_type("AWS::EKS::Cluster");
    assert_eq!(clusters.len(), 1, "one AWS::EKS::Cluster");
    let c = &clusters[0].1["Properties"];
    let compute = &c["ComputeConfig"];
    let vpc = &c["ResourcesVpcConfig"];
    let public = vpc["EndpointPublicAccess"] == Json::Bool(true);
    let mut subnets = t.subnets();
    if subnets.is_empty() {
        subnets.insert(format!(
            "existing control-plane: {}",
            t.list(&vpc["SubnetIds"]).join(",")
        ));
        subnets.extend(script_subnet_tags(bundle));
    }
    let mut access_entries = BTreeMap::new();
    for (_, e) in t.of_type("AWS::EKS::AccessEntry") {
        let p = &e["Properties"];
        access_entries.insert(
            t.text(&p["PrincipalArn"]),
            EntryFacts {
                entry_type: t.text(&p["Type"]),
                groups: items(&p["KubernetesGroups"])
                    .into_iter()
                    .map(|g| t.text(g))
                    .collect(),
                username: p["Username"].as_str().map(str::to_owned),
                policies: access_policies(t, &p["AccessPolicies"]),
            },
        );
    }
    let pod_identity = t
        .of_type("AWS::EKS::PodIdentityAssociation")
        .into_iter()
        .map(|(_, a)| {
            let p = &a["Properties"];
            format!(
                "{}/{} -> {}",
                t.text(&p["Namespace"]),
                t.text(&p["ServiceAccount"]),
                t.text(&p["RoleArn"])
            )
        })
        .collect();
    let tags: BTreeMap<String, String> = items(&c["Tags"])
        .into_iter()
        .map(|x| (t.text(&x["Key"]), t.text(&x["Value"])))
        .collect();
    Facts {
        subnet_tags: t.subnet_tags(&tags),
        // Not written by this target (finding TG017).
        node_security_group: BTreeSet::new(),
        // Terraform-only: the stack is the state.
        state: String::new(),
        name: t.value(&c["Name"]),
        region,
        version: t.value(&c["Version"]),
        support_type: t.text(&c["UpgradePolicy"]["SupportType"]),
        deletion_protection: t.value(&c["DeletionProtection"]) == "true",
        cluster_role: t.text(&c["RoleArn"]).trim_start_matches("role:").to_owned(),
        capabilities: [
            compute["Enabled"] == Json::Bool(true),
            c["KubernetesNetworkConfig"]["ElasticLoadBalancing"]["Enabled"] == Json::Bool(true),
            c["StorageConfig"]["BlockStorage"]["Enabled"] == Json::Bool(true),
        ],
        bootstrap_self_managed_addons: c["BootstrapSelfManagedAddons"] == Json::Bool(true),
        authentication_mode: t.text(&c["AccessConfig"]["AuthenticationMode"]),
        builtin_pools: t.list(&compute["NodePools"]),
        node_role_arn: (!compute["NodeRoleArn"].is_null()).then(|| t.text(&compute["NodeRoleArn"])),
        endpoint_private: vpc["EndpointPrivateAccess"] == Json::Bool(true),
        endpoint_public: public,
        public_access_cidrs: if public {
            t.list(&vpc["PublicAccessCidrs"])
        } else {
            Vec::new()
        },
        secrets_key: items(&c["EncryptionConfig"])
            .first()
            .map(|e| t.text(&e["Provider"]["KeyArn"])),
        log_types: items(&c["Logging"]["ClusterLogging"]["EnabledTypes"])
            .into_iter()
            .map(|x| t.text(&x["Type"]))
            .collect(),
        ip_family: t.text(&c["KubernetesNetworkConfig"]["IpFamily"]),
        service_cidr: c["KubernetesNetworkConfig"]["ServiceIpv4Cidr"]
            .as_str()
            .map(str::to_owned),
        subnets,
        roles: t.roles(),
        access_entries,
        pod_identity,
        tags,
        eks_capabilities: capabilities(t, bundle),
        log_deliveries: log_deliveries(t),
        buckets: buckets(t),
    }
}

/// The facts of the CloudFormation target.
pub fn read(bundle: &Bundle) -> Facts {
    let text = bundle
        .get("cloudformation/template.yaml")
        .expect("cloudformation/template.yaml");
    let root = super::yaml::load(text).expect("the template parses");
    let name = root["Parameters"]["ClusterName"]["Default"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let t = Template::new(root, &name);
    let region = readme_region(bundle, "aws cloudformation deploy");
    facts(&t, bundle, region)
}
