//! Strategies that build random *valid* plans, shared by the property tests.
//!
//! Free-text fields get hostile strings (`${`, `%{`, quotes, backslashes,
//! newlines, non-ASCII) wherever the plan accepts arbitrary text, so every
//! emitter's escaping is exercised.

#![allow(dead_code, missing_docs)]

use eksplan_core::catalog::date::Date;
use eksplan_core::catalog::versions;
use eksplan_core::plan::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

pub const TODAY: Date = Date::new(2026, 11, 21);

/// Free text with everything an escaper must handle.
pub fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ]{1,12}",
        "[a-zA-Z0-9 ${}%\"\\\\\n\t:/=+.@_'#&*!?é中ü-]{1,24}",
        Just("${aws:PrincipalTag/x}".to_owned()),
        Just("%{ if true }x%{ endif }".to_owned()),
        Just("a\"b\\c\nd".to_owned()),
        Just("yes".to_owned()),
        Just("- item".to_owned()),
        Just("key: value # not a comment".to_owned()),
    ]
}

fn dns_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,14}[a-z0-9]"
}

fn tag_key() -> impl Strategy<Value = String> {
    nasty().prop_filter("not aws: and not restricted", |k| {
        let lower = k.to_ascii_lowercase();
        !lower.starts_with("aws:")
            && !k.starts_with("kubernetes.io/cluster")
            && !k.starts_with("karpenter.sh/")
            && !k.starts_with("eks.amazonaws.com/nodeclass")
            && k.chars().count() <= 128
    })
}

fn tags(max: usize) -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(tag_key(), nasty(), 0..max)
}

fn hex(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(b"0123456789abcdef".to_vec()), n)
        .prop_map(|v| v.into_iter().map(char::from).collect())
}

fn account() -> impl Strategy<Value = String> {
    "[2-9][0-9]{11}"
}

fn role_arn() -> impl Strategy<Value = String> {
    (account(), "[A-Za-z][A-Za-z0-9+=,.@_-]{0,30}")
        .prop_map(|(a, n)| format!("arn:aws:iam::{a}:role/{n}"))
}

fn public_cidr() -> impl Strategy<Value = String> {
    (11u8..=99, 0u8..=255, 16u8..=32).prop_map(|(a, b, p)| {
        let net: ipnet::Ipv4Net = format!("{a}.{b}.0.0/{p}").parse().unwrap_or_default();
        net.trunc().to_string()
    })
}

fn cluster(region: String) -> impl Strategy<Value = Cluster> {
    let offered: Vec<&'static versions::KubernetesVersion> = versions::offered(TODAY).collect();
    (
        "[a-zA-Z0-9][a-zA-Z0-9_-]{0,30}",
        prop::sample::select(offered),
        any::<bool>(),
        prop::sample::subsequence(LogType::ALL.to_vec(), 0..=5),
        prop::sample::select(vec![1u32, 7, 30, 90, 365, 3653]),
        tags(4),
        (0u8..3, account(), hex(8)),
        (0u8..3, prop::collection::vec(public_cidr(), 0..3)),
        (
            any::<bool>(),
            prop::option::of(prop::sample::select(vec![
                "172.20.0.0/16",
                "192.168.128.0/20",
                "10.200.0.0/16",
            ])),
        ),
        any::<bool>(),
    )
        .prop_map(
            move |(
                name,
                version,
                extended,
                logs,
                retention,
                tags,
                (enc, acct, key),
                (ep, cidrs),
                (ipv6, svc),
                protect,
            )| {
                let phase = version.phase(TODAY);
                let support_type = if phase == versions::SupportPhase::Extended || extended {
                    SupportType::Extended
                } else {
                    SupportType::Standard
                };
                let secrets_encryption = match enc {
                    0 => SecretsEncryption {
                        mode: KeyMode::Create,
                        key_arn: None,
                    },
                    1 => SecretsEncryption {
                        mode: KeyMode::None,
                        key_arn: None,
                    },
                    _ => SecretsEncryption {
                        mode: KeyMode::Existing,
                        key_arn: Some(format!("arn:aws:kms:{region}:{acct}:key/{key}")),
                    },
                };
                let access = [
                    EndpointAccess::Public,
                    EndpointAccess::Private,
                    EndpointAccess::PublicAndPrivate,
                ][ep as usize];
                let endpoint = Endpoint {
                    access,
                    public_access_cidrs: if access == EndpointAccess::Private {
                        Vec::new()
                    } else {
                        cidrs
                    },
                };
                Cluster {
                    name,
                    region: region.clone(),
                    mode: ClusterMode::New,
                    role_arn: None,
                    kubernetes_version: version.version.to_owned(),
                    support_type,
                    deletion_protection: protect,
                    control_plane_logs: logs,
                    log_retention_days: retention,
                    tags,
                    secrets_encryption,
                    endpoint,
                    ip_family: if ipv6 { IpFamily::Ipv6 } else { IpFamily::Ipv4 },
                    service_cidr: if ipv6 { None } else { svc.map(str::to_owned) },
                }
            },
        )
}

fn subnet_id() -> impl Strategy<Value = String> {
    hex(17).prop_map(|h| format!("subnet-{h}"))
}

fn network(region: String) -> impl Strategy<Value = Network> {
    let created = (
        prop::sample::select(vec![
            "10.0.0.0/16",
            "10.64.0.0/18",
            "192.168.0.0/20",
            "172.31.0.0/16",
        ]),
        2u8..=3,
        any::<bool>(),
        0u8..3,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map({
            let region = region.clone();
            move |(cidr, azs, named, nat, endpoints, flow)| {
                let nat = [NatMode::Single, NatMode::PerAz, NatMode::None][nat as usize];
                Network {
                    mode: NetworkMode::Create,
                    vpc_cidr: cidr.to_owned(),
                    az_count: azs,
                    availability_zones: if named {
                        ["a", "b", "c"]
                            .iter()
                            .take(azs as usize)
                            .map(|l| format!("{region}{l}"))
                            .collect()
                    } else {
                        Vec::new()
                    },
                    public_subnets: nat != NatMode::None || endpoints,
                    nat,
                    vpc_endpoints: endpoints || nat == NatMode::None,
                    flow_logs: flow,
                    ..Network::default()
                }
            }
        });
    let existing = (
        hex(17),
        prop::collection::btree_set(subnet_id(), 6..8),
        any::<bool>(),
    )
        .prop_map(|(vpc, ids, tag)| {
            let ids: Vec<String> = ids.into_iter().collect();
            Network {
                mode: NetworkMode::Existing,
                vpc_id: Some(format!("vpc-{vpc}")),
                control_plane_subnet_ids: ids[0..2].to_vec(),
                node_subnet_ids: ids[2..4].to_vec(),
                public_subnet_ids: ids[4..6].to_vec(),
                tag_subnets: tag,
                ..Network::default()
            }
        });
    prop_oneof![3 => created, 1 => existing]
}

fn selector_term() -> impl Strategy<Value = SelectorTerm> {
    prop_oneof![
        subnet_id().prop_map(|id| SelectorTerm {
            id: Some(id),
            tags: BTreeMap::new()
        }),
        prop::collection::btree_map(tag_key(), nasty(), 1..3)
            .prop_map(|tags| SelectorTerm { id: None, tags }),
    ]
}

fn sg_term() -> impl Strategy<Value = SecurityGroupTerm> {
    prop_oneof![
        hex(17).prop_map(|h| SecurityGroupTerm {
            id: Some(format!("sg-{h}")),
            ..Default::default()
        }),
        nasty().prop_map(|n| SecurityGroupTerm {
            name: Some(n),
            ..Default::default()
        }),
        prop::collection::btree_map(tag_key(), nasty(), 1..3).prop_map(|tags| SecurityGroupTerm {
            tags,
            ..Default::default()
        }),
    ]
}

const PEM_B64: &str =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";

fn node_class(ipv6: bool) -> impl Strategy<Value = NodeClass> {
    (
        (dns_name(), 0u8..5, role_arn()),
        prop::collection::vec(selector_term(), 0..3),
        prop::collection::vec(sg_term(), 0..3),
        any::<bool>(),
        (
            3000u32..=16000,
            125u32..=1000,
            prop::sample::select(vec!["80Gi", "200G", "1Ti", "64T"]),
        ),
        tags(3),
        (
            prop::option::of("[a-z0-9][a-z0-9.-]{0,20}:[1-9][0-9]{1,3}"),
            prop::collection::vec(nasty(), 0..3),
            any::<bool>(),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), prop::option::of(nasty())),
    )
        .prop_map(
            move |(
                (name, role_mode, arn),
                subnets,
                sgs,
                pods,
                (iops, tp, size),
                tags,
                (proxy, no_proxy, v4),
                (snat, deny, logs),
                (cert, pg),
            )| {
                let role = match role_mode {
                    0 => NodeClassRole::default(),
                    1 => NodeClassRole {
                        mode: NodeClassRoleMode::Create,
                        ..Default::default()
                    },
                    2 => NodeClassRole {
                        mode: NodeClassRoleMode::Existing,
                        role: Some(arn),
                        ..Default::default()
                    },
                    3 => NodeClassRole {
                        mode: NodeClassRoleMode::Existing,
                        role: arn.rsplit('/').next().map(str::to_owned),
                        ..Default::default()
                    },
                    _ => NodeClassRole {
                        mode: NodeClassRoleMode::InstanceProfile,
                        instance_profile: Some(format!("eks-{name}")),
                        ..Default::default()
                    },
                };
                let mut no_proxy = no_proxy;
                let https_proxy = proxy.map(|p| format!("http://{p}"));
                if https_proxy.is_some() {
                    no_proxy.extend(
                        [
                            "localhost",
                            "127.0.0.1",
                            "169.254.169.254",
                            ".internal",
                            ".eks.amazonaws.com",
                        ]
                        .map(String::from),
                    );
                } else {
                    no_proxy.clear();
                }
                NodeClass {
                    name,
                    role,
                    subnet_selector_terms: subnets.clone(),
                    security_group_selector_terms: sgs.clone(),
                    pod_subnet_selector_terms: if pods {
                        subnets.iter().take(1).cloned().collect()
                    } else {
                        Vec::new()
                    },
                    pod_security_group_selector_terms: if pods && !subnets.is_empty() {
                        vec![SecurityGroupTerm {
                            id: Some("sg-0123abcd".into()),
                            ..Default::default()
                        }]
                    } else {
                        Vec::new()
                    },
                    placement_group: pg.map(|n| PlacementGroupSelector {
                        name: Some(n),
                        id: None,
                    }),
                    snat_policy: if snat {
                        SnatPolicy::Disabled
                    } else {
                        SnatPolicy::Random
                    },
                    network_policy: if deny {
                        NetworkPolicyDefault::DefaultDeny
                    } else {
                        NetworkPolicyDefault::DefaultAllow
                    },
                    network_policy_event_logs: if logs {
                        Toggle::Enabled
                    } else {
                        Toggle::Disabled
                    },
                    ephemeral_storage: EphemeralStorage {
                        size: size.to_owned(),
                        iops,
                        throughput: tp.min(iops / 4),
                        kms_key_id: None,
                    },
                    advanced_networking: AdvancedNetworking {
                        https_proxy,
                        no_proxy,
                        enable_v4_egress: (ipv6 && v4).then_some(false),
                        ..Default::default()
                    },
                    certificate_bundles: if cert {
                        vec![CertificateBundle {
                            name: "corp-ca".into(),
                            data: PEM_B64.into(),
                        }]
                    } else {
                        Vec::new()
                    },
                    tags,
                    ..NodeClass::default()
                }
            },
        )
}

fn taint() -> impl Strategy<Value = Taint> {
    (
        "[a-z]{1,6}(\\.[a-z]{1,6})?/[a-z][a-z0-9]{0,8}",
        prop::option::of("[a-z0-9]{1,8}"),
        0u8..3,
    )
        .prop_map(|(key, value, e)| Taint {
            key,
            value,
            effect: [
                TaintEffect::NoSchedule,
                TaintEffect::PreferNoSchedule,
                TaintEffect::NoExecute,
            ][e as usize],
        })
}

fn budget() -> impl Strategy<Value = Budget> {
    (0u32..=100, any::<bool>(), any::<bool>(), 1u32..12).prop_map(|(n, pct, sched, hours)| Budget {
        nodes: if pct { format!("{n}%") } else { n.to_string() },
        schedule: sched.then(|| "0 9 * * mon-fri".to_owned()),
        duration: sched.then(|| format!("{hours}h")),
        reasons: if sched {
            vec![DisruptionReason::Underutilized, DisruptionReason::Empty]
        } else {
            Vec::new()
        },
    })
}

fn node_pool(region: String, classes: Vec<String>) -> impl Strategy<Value = NodePool> {
    (
        (dns_name(), prop::sample::select(classes)),
        (
            prop::sample::subsequence(vec!["c", "m", "r", "g", "t"], 0..=3),
            prop::option::of(1u32..8),
            prop::option::of(1u32..16),
            prop::option::of(0u32..64),
        ),
        (
            prop::sample::subsequence(vec![Arch::Amd64, Arch::Arm64], 0..=2),
            prop::sample::subsequence(vec![CapacityType::OnDemand, CapacityType::Spot], 0..=2),
            prop::sample::subsequence(vec!["a", "b", "c"], 0..=2),
        ),
        prop::collection::btree_map("[a-z]{1,8}", "[a-z0-9]{0,8}", 0..3),
        prop::collection::vec(taint(), 0..2),
        (prop::option::of(1u32..=100), prop::option::of(0u32..4)),
        (
            0u8..3,
            prop::sample::select(vec!["0s", "30s", "5m", "1h", "Never"]),
            prop::collection::vec(budget(), 0..3),
        ),
        (1u64..=480, 0u64..=24),
    )
        .prop_map(
            move |(
                (name, node_class),
                (cats, generation, cpu, extra_cpu),
                (archs, caps, zones),
                labels,
                taints,
                (weight, replicas),
                (policy, after, budgets),
                (expire, grace),
            )| {
                let min_cpu = cpu;
                let max_cpu = cpu.map(|c| c + extra_cpu.unwrap_or(0));
                let mut limits = BTreeMap::new();
                if replicas.is_some() {
                    limits.insert("nodes".to_owned(), "10".to_owned());
                } else {
                    limits.insert("cpu".to_owned(), "1000".to_owned());
                }
                let gpu = !cats.is_empty() && cats.iter().all(|c| *c == "g");
                let mut taints = taints;
                if gpu {
                    taints.push(Taint {
                        key: "nvidia.com/gpu".into(),
                        value: None,
                        effect: TaintEffect::NoSchedule,
                    });
                }
                taints.sort_by(|a, b| {
                    (a.key.clone(), a.effect.as_str()).cmp(&(b.key.clone(), b.effect.as_str()))
                });
                taints.dedup_by(|a, b| a.key == b.key && a.effect == b.effect);
                NodePool {
                    name,
                    node_class,
                    requirements: Requirements {
                        instance_categories: cats.iter().map(|s| s.to_string()).collect(),
                        min_generation: generation,
                        min_cpu,
                        max_cpu,
                        architectures: archs,
                        capacity_types: caps,
                        zones: zones.iter().map(|z| format!("{region}{z}")).collect(),
                        exclude_instance_families: vec!["t2".into()],
                        ..Default::default()
                    },
                    labels,
                    taints,
                    limits,
                    weight: if replicas.is_some() { None } else { weight },
                    disruption: Disruption {
                        consolidation_policy: if replicas.is_some() {
                            ConsolidationPolicy::WhenEmptyOrUnderutilized
                        } else {
                            [
                                ConsolidationPolicy::WhenEmpty,
                                ConsolidationPolicy::WhenEmptyOrUnderutilized,
                                ConsolidationPolicy::Balanced,
                            ][policy as usize]
                        },
                        consolidate_after: after.to_owned(),
                        budgets,
                    },
                    expire_after: format!("{expire}h"),
                    termination_grace_period: format!("{grace}h"),
                    replicas,
                    ..NodePool::default()
                }
            },
        )
        // A valid pool launches something (NP019).
        .prop_filter("a pool that launches no instance type", |p| {
            eksplan_core::validate::launches_any(p)
        })
}

fn access() -> impl Strategy<Value = Access> {
    let entry = (
        role_arn(),
        prop::collection::vec("[a-z][a-z0-9-]{0,10}", 0..2),
        prop::option::of(nasty()),
        any::<bool>(),
    )
        .prop_map(|(arn, groups, user, ns)| AccessEntry {
            principal_arn: arn,
            kubernetes_groups: groups,
            username: user.filter(|u| {
                !["system:", "eks:", "aws:", "amazon:", "iam:"]
                    .iter()
                    .any(|p| u.starts_with(p))
            }),
            policies: vec![if ns {
                AccessPolicy {
                    policy: "AmazonEKSEditPolicy".into(),
                    scope: AccessScope::Namespace,
                    namespaces: vec!["team-a".into(), "dev-*".into()],
                }
            } else {
                AccessPolicy {
                    policy: "AmazonEKSClusterAdminPolicy".into(),
                    scope: AccessScope::Cluster,
                    namespaces: vec![],
                }
            }],
            ..AccessEntry::default()
        });
    (any::<bool>(), prop::collection::vec(entry, 0..3)).prop_map(|(creator, mut entries)| {
        entries.sort_by(|a, b| a.principal_arn.cmp(&b.principal_arn));
        entries.dedup_by(|a, b| a.principal_arn == b.principal_arn);
        if !creator && entries.is_empty() {
            return Access {
                cluster_creator_admin: true,
                entries,
            };
        }
        Access {
            cluster_creator_admin: creator
                || entries
                    .iter()
                    .all(|e| e.policies[0].scope == AccessScope::Namespace),
            entries,
        }
    })
}

fn storage() -> impl Strategy<Value = Storage> {
    (
        any::<bool>(),
        dns_name(),
        any::<bool>(),
        0u8..3,
        any::<bool>(),
        0u8..2,
    )
        .prop_map(|(enabled, name, default_class, t, retain, fs)| {
            let (volume_type, iops, throughput) = match t {
                0 => (VolumeType::Gp3, Some(4000), Some(250)),
                1 => (VolumeType::Io2, Some(10_000), None),
                _ => (VolumeType::Gp2, None, None),
            };
            Storage {
                enabled,
                name,
                default_class,
                volume_type,
                iops,
                throughput,
                fs_type: if fs == 0 { FsType::Ext4 } else { FsType::Xfs },
                reclaim_policy: if retain {
                    ReclaimPolicy::Retain
                } else {
                    ReclaimPolicy::Delete
                },
                ..Storage::default()
            }
        })
}

fn load_balancing(region: String, public: bool) -> impl Strategy<Value = LoadBalancing> {
    (
        any::<bool>(),
        dns_name(),
        any::<bool>(),
        (account(), hex(12)),
        prop::collection::vec(public_cidr(), 0..2),
        prop::option::of("[a-z0-9]{1,10}"),
        prop::collection::vec((tag_key(), nasty()), 0..3),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            move |(
                enabled,
                name,
                internal,
                (acct, cert),
                inbound,
                group,
                tags,
                (nlb, nlb_internal),
            )| LoadBalancing {
                ingress_class: IngressClassConfig {
                    enabled,
                    name,
                    scheme: if internal || !public {
                        Scheme::Internal
                    } else {
                        Scheme::InternetFacing
                    },
                    certificate_arns: vec![format!(
                        "arn:aws:acm:{region}:{acct}:certificate/{cert}"
                    )],
                    ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
                    inbound_cidrs: inbound,
                    group_name: group,
                    tags: tags
                        .into_iter()
                        .map(|(key, value)| KeyValue { key, value })
                        .collect(),
                    ..IngressClassConfig::default()
                },
                nlb_example: NlbExample {
                    enabled: nlb,
                    scheme: if nlb_internal || !public {
                        Scheme::Internal
                    } else {
                        Scheme::InternetFacing
                    },
                    source_ranges: Vec::new(),
                },
            },
        )
}

fn pod_identity() -> impl Strategy<Value = Vec<PodIdentityAssociation>> {
    prop::collection::vec(
        (dns_name(), dns_name(), any::<bool>(), role_arn()).prop_map(|(ns, sa, existing, arn)| {
            PodIdentityAssociation {
                namespace: ns,
                service_account: sa,
                role_mode: if existing {
                    RoleMode::Existing
                } else {
                    RoleMode::Create
                },
                role_arn: existing.then_some(arn),
                managed_policy_arns: if existing {
                    Vec::new()
                } else {
                    vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".into()]
                },
            }
        }),
        0..3,
    )
    .prop_map(|mut v| {
        v.sort_by(|a, b| {
            (&a.namespace, &a.service_account).cmp(&(&b.namespace, &b.service_account))
        });
        v.dedup_by(|a, b| a.namespace == b.namespace && a.service_account == b.service_account);
        v
    })
}

fn sample_workload() -> impl Strategy<Value = SampleWorkload> {
    (
        any::<bool>(),
        dns_name(),
        1u32..20,
        nasty(),
        prop::sample::select(vec!["100m", "1", "1500m"]),
        prop::sample::select(vec!["128Mi", "1Gi"]),
    )
        .prop_map(|(enabled, ns, replicas, image, cpu, mem)| SampleWorkload {
            enabled,
            namespace: if ns.starts_with("kube-") {
                "sample".into()
            } else {
                ns
            },
            replicas,
            image,
            cpu: cpu.into(),
            memory: mem.into(),
        })
}

/// A random plan that should validate without errors.
pub fn valid_plan() -> impl Strategy<Value = Plan> {
    prop::sample::select(vec![
        "us-east-1",
        "eu-west-1",
        "ap-southeast-2",
        "us-gov-west-1",
        "ca-central-1",
    ])
    .prop_flat_map(|region| {
        let region = region.to_owned();
        (
            cluster(region.clone()),
            network(region.clone()),
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                role_arn(),
                0u8..2,
            ),
            access(),
            prop::collection::vec(node_class(false), 0..3),
            storage(),
            pod_identity(),
            sample_workload(),
            Just(region),
        )
    })
    .prop_flat_map(
        |(
            cluster,
            network,
            (gp, sys, existing_role, node_arn, auth),
            access,
            classes,
            storage,
            pods,
            sample,
            region,
        )| {
            let mut classes = classes;
            classes.sort_by(|a, b| a.name.cmp(&b.name));
            classes.dedup_by(|a, b| a.name == b.name);
            for nc in &mut classes {
                if nc.name == "default" {
                    nc.name = "not-default".into();
                }
            }
            let builtin = gp || sys;
            let mut refs: Vec<String> = classes.iter().map(|c| c.name.clone()).collect();
            if builtin || refs.is_empty() {
                refs.push("default".into());
            }
            let public = network.has_public_subnets();
            let auto_mode = AutoMode {
                general_purpose_pool: gp || refs == ["default"],
                system_pool: sys,
                node_role: if existing_role {
                    NodeRole {
                        mode: RoleMode::Existing,
                        arn: Some(node_arn),
                    }
                } else {
                    NodeRole::default()
                },
                authentication_mode: if auth == 0 {
                    AuthenticationMode::Api
                } else {
                    AuthenticationMode::ApiAndConfigMap
                },
            };
            (
                Just((
                    cluster, network, auto_mode, access, classes, storage, pods, sample,
                )),
                prop::collection::vec(node_pool(region.clone(), refs), 0..3),
                load_balancing(region, public),
            )
        },
    )
    .prop_map(
        |((cluster, network, auto_mode, access, classes, storage, pods, sample), pools, lb)| {
            let mut pools = pools;
            pools.sort_by(|a, b| a.name.cmp(&b.name));
            pools.dedup_by(|a, b| a.name == b.name);
            for p in &mut pools {
                if p.name == "system" || p.name == "general-purpose" {
                    p.name = format!("custom-{}", p.name);
                }
            }
            let mut plan = Plan {
                cluster,
                network,
                auto_mode,
                access,
                node_classes: classes,
                node_pools: pools,
                storage,
                load_balancing: lb,
                pod_identity: pods,
                sample_workload: sample,
                ..Plan::default()
            };
            // Keep the rules that depend on several sections satisfied.
            if plan.network.mode == NetworkMode::Create
                && plan.network.nat == NatMode::None
                && plan.cluster.endpoint.access == EndpointAccess::Public
            {
                plan.cluster.endpoint.access = EndpointAccess::PublicAndPrivate;
            }
            if plan.cluster.ip_family == IpFamily::Ipv6 {
                for nc in &mut plan.node_classes {
                    nc.advanced_networking.network_interfaces.clear();
                }
            }
            let ek = plan.auto_mode.node_role.arn.clone();
            if plan.auto_mode.node_role.mode == RoleMode::Existing {
                plan.access
                    .entries
                    .retain(|e| Some(&e.principal_arn) != ek.as_ref());
            }
            let nc_roles: Vec<String> = plan
                .node_classes
                .iter()
                .filter_map(|n| n.role.role.clone())
                .collect();
            plan.access
                .entries
                .retain(|e| !nc_roles.contains(&e.principal_arn));
            if !plan
                .access
                .entries
                .iter()
                .any(|e| e.policies.iter().any(|p| p.scope == AccessScope::Cluster))
            {
                plan.access.cluster_creator_admin = true;
            }
            plan
        },
    )
}

fn request_cpu() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["0", "100m", "250m", "500m", "1", "2", "3500m", "7"])
        .prop_map(str::to_owned)
}

fn request_memory() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["64Mi", "256Mi", "512Mi", "1Gi", "4Gi", "16Gi", "60Gi"])
        .prop_map(str::to_owned)
}

fn workload() -> impl Strategy<Value = Workload> {
    (
        dns_name(),
        0u32..40,
        request_cpu(),
        request_memory(),
        prop::sample::select(vec![0u32, 0, 0, 1, 2]),
        prop::sample::subsequence(vec![Arch::Amd64, Arch::Arm64], 0..=2),
        prop::option::of(prop::sample::select(vec![
            "general-purpose",
            "system",
            "custom-pool",
            "gpu",
        ])),
        any::<bool>(),
        (0u8..4, any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(
                name,
                replicas,
                cpu,
                memory,
                gpus,
                architectures,
                pool,
                tolerate,
                (zones, anti, spot),
            )| {
                let mut node_selector = BTreeMap::new();
                if let Some(p) = pool {
                    node_selector.insert("karpenter.sh/nodepool".to_owned(), p.to_owned());
                }
                Workload {
                    name,
                    kind: if anti {
                        WorkloadKind::StatefulSet
                    } else {
                        WorkloadKind::Deployment
                    },
                    replicas,
                    cpu,
                    memory,
                    gpus,
                    architectures,
                    node_selector,
                    tolerations: if tolerate {
                        vec![Toleration {
                            operator: TolerationOperator::Exists,
                            ..Toleration::default()
                        }]
                    } else {
                        Vec::new()
                    },
                    spread_zones: zones == 1,
                    same_zone: zones == 2,
                    one_per_node: anti,
                    spot,
                }
            },
        )
}

/// A random workload for the capacity and cost plan.
pub fn capacity() -> impl Strategy<Value = Capacity> {
    (
        prop::option::of((0u32..120, request_cpu(), request_memory())),
        prop::collection::vec(workload(), 0..4),
        prop::collection::vec(
            (dns_name(), request_cpu(), request_memory(), any::<bool>()),
            0..3,
        ),
        prop::option::of(0u32..4),
        prop::option::of(prop::sample::select(vec![0.25, 0.4, 0.7])),
        any::<bool>(),
    )
        .prop_map(
            |(quick, workloads, daemonsets, lbs, spot_fraction, override_m5)| {
                let mut workloads = workloads;
                workloads.sort_by(|a, b| a.name.cmp(&b.name));
                workloads.dedup_by(|a, b| a.name == b.name);
                let mut daemonsets: Vec<DaemonSet> = daemonsets
                    .into_iter()
                    .map(|(name, cpu, memory, tolerate_all)| DaemonSet {
                        name,
                        cpu,
                        memory,
                        tolerate_all,
                    })
                    .collect();
                daemonsets.sort_by(|a, b| a.name.cmp(&b.name));
                daemonsets.dedup_by(|a, b| a.name == b.name);
                let mut prices = Prices {
                    spot_fraction,
                    ..Prices::default()
                };
                if override_m5 {
                    prices.instances.insert(
                        "m5.large".into(),
                        InstancePrice {
                            on_demand: Some(0.08),
                            fee: Some(0.01),
                            spot: None,
                        },
                    );
                }
                Capacity {
                    quick: quick.map(|(pods, cpu, memory)| QuickPods { pods, cpu, memory }),
                    workloads,
                    daemonsets,
                    load_balancers: lbs,
                    prices,
                }
            },
        )
}

/// A random valid plan with a random workload to plan for.
pub fn valid_plan_with_capacity() -> impl Strategy<Value = Plan> {
    (valid_plan(), capacity()).prop_map(|(mut plan, capacity)| {
        plan.capacity = capacity;
        plan
    })
}
