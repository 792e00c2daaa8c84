//! A generator of real-shaped `kubectl get nodes,pods,... -A -o json`
//! output, for the import benchmark and the memory test.
//!
//! Objects carry what a live cluster's do: uids, resource versions,
//! timestamps, `last-applied-configuration`, service-account token volumes,
//! probes, security contexts, environment variables, container statuses and
//! node image lists. The shapes follow `kubectl get -o json` of Kubernetes
//! 1.31 (managed fields are omitted, as kubectl does by default).

#![allow(dead_code)]

use std::fmt::Write;

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn hex(&mut self, len: usize) -> String {
        let mut s = String::new();
        while s.len() < len {
            let _ = write!(s, "{:016x}", self.next());
        }
        s.truncate(len);
        s
    }
    fn uid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }
}

const TYPES: &[(&str, u32, u32)] = &[
    ("m5.large", 2, 8),
    ("m5.xlarge", 4, 16),
    ("m6i.2xlarge", 8, 32),
    ("c6i.4xlarge", 16, 32),
    ("r6i.2xlarge", 8, 64),
];
const ZONES: &[&str] = &["us-east-1a", "us-east-1b", "us-east-1c"];

fn node(rng: &mut Rng, i: usize) -> (String, String) {
    let (ty, cpu, mem) = TYPES[i % TYPES.len()];
    let zone = ZONES[i % ZONES.len()];
    let ip = format!("10-0-{}-{}", i / 250, i % 250 + 2);
    let name = format!("ip-{ip}.ec2.internal");
    let group = ["apps", "batch", "system"][i % 3];
    let mut images = String::new();
    for k in 0..30 {
        if k > 0 {
            images.push(',');
        }
        let _ = write!(
            images,
            r#"{{"names":["602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/image-{k}@sha256:{}","602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/image-{k}:v1.{k}.0"],"sizeBytes":{}}}"#,
            rng.hex(64),
            rng.below(400_000_000)
        );
    }
    let json = format!(
        r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"annotations":{{"alpha.kubernetes.io/provided-node-ip":"10.0.{a}.{b}","node.alpha.kubernetes.io/ttl":"0","volumes.kubernetes.io/controller-managed-attach-detach":"true"}},"creationTimestamp":"2026-10-01T08:00:00Z","labels":{{"beta.kubernetes.io/arch":"amd64","beta.kubernetes.io/instance-type":"{ty}","beta.kubernetes.io/os":"linux","eks.amazonaws.com/capacityType":"ON_DEMAND","eks.amazonaws.com/nodegroup":"{group}","eks.amazonaws.com/nodegroup-image":"ami-0{img}","eks.amazonaws.com/sourceLaunchTemplateId":"lt-0{lt}","eks.amazonaws.com/sourceLaunchTemplateVersion":"1","failure-domain.beta.kubernetes.io/region":"us-east-1","failure-domain.beta.kubernetes.io/zone":"{zone}","k8s.io/cloud-provider-aws":"{cp}","kubernetes.io/arch":"amd64","kubernetes.io/hostname":"{name}","kubernetes.io/os":"linux","node.kubernetes.io/instance-type":"{ty}","topology.ebs.csi.aws.com/zone":"{zone}","topology.k8s.aws/zone-id":"use1-az{z}","topology.kubernetes.io/region":"us-east-1","topology.kubernetes.io/zone":"{zone}"}},"name":"{name}","resourceVersion":"{rv}","uid":"{uid}"}},"spec":{{"providerID":"aws:///{zone}/i-0{inst}"}},"status":{{"addresses":[{{"address":"10.0.{a}.{b}","type":"InternalIP"}},{{"address":"{name}","type":"InternalDNS"}},{{"address":"{name}","type":"Hostname"}}],"allocatable":{{"cpu":"{acpu}m","ephemeral-storage":"76224326324","hugepages-1Gi":"0","hugepages-2Mi":"0","memory":"{amem}Ki","pods":"58"}},"capacity":{{"cpu":"{cpu}","ephemeral-storage":"83873772Ki","hugepages-1Gi":"0","hugepages-2Mi":"0","memory":"{cmem}Ki","pods":"58"}},"conditions":[{{"lastHeartbeatTime":"2026-11-20T10:00:00Z","lastTransitionTime":"2026-10-01T08:00:00Z","message":"kubelet has sufficient memory available","reason":"KubeletHasSufficientMemory","status":"False","type":"MemoryPressure"}},{{"lastHeartbeatTime":"2026-11-20T10:00:00Z","lastTransitionTime":"2026-10-01T08:00:00Z","message":"kubelet has no disk pressure","reason":"KubeletHasNoDiskPressure","status":"False","type":"DiskPressure"}},{{"lastHeartbeatTime":"2026-11-20T10:00:00Z","lastTransitionTime":"2026-10-01T08:00:00Z","message":"kubelet has sufficient PID available","reason":"KubeletHasSufficientPID","status":"False","type":"PIDPressure"}},{{"lastHeartbeatTime":"2026-11-20T10:00:00Z","lastTransitionTime":"2026-10-01T08:00:30Z","message":"kubelet is posting ready status","reason":"KubeletReady","status":"True","type":"Ready"}}],"daemonEndpoints":{{"kubeletEndpoint":{{"Port":10250}}}},"images":[{images}],"nodeInfo":{{"architecture":"amd64","bootID":"{boot}","containerRuntimeVersion":"containerd://1.7.27","kernelVersion":"6.1.134-150.224.amzn2023.x86_64","kubeProxyVersion":"v1.31.7-eks-473151a","kubeletVersion":"v1.31.7-eks-473151a","machineID":"{mid}","operatingSystem":"linux","osImage":"Amazon Linux 2023.7.20250414","systemUUID":"{sys}"}}}}}}"#,
        a = i / 250,
        b = i % 250 + 2,
        img = rng.hex(16),
        lt = rng.hex(16),
        cp = "prod",
        z = i % 6 + 1,
        rv = rng.below(90_000_000),
        uid = rng.uid(),
        inst = rng.hex(16),
        acpu = cpu * 1000 - 70 - cpu * 10,
        amem = mem * 1024 * 1024 * 9 / 10,
        cmem = mem * 1024 * 1024,
        boot = rng.uid(),
        mid = rng.hex(32),
        sys = rng.uid(),
    );
    (name, json)
}

fn pod(rng: &mut Rng, i: usize, node: &str, pad: usize) -> String {
    let app = format!("svc-{}", i % 97);
    let ns = ["shop", "payments", "search", "batch", "platform"][i % 5];
    let hash = rng.hex(10);
    let suffix = rng.hex(5);
    let name = format!("{app}-{hash}-{suffix}");
    let mut env = String::new();
    for k in 0..12 + pad {
        if k > 0 {
            env.push(',');
        }
        let _ = write!(
            env,
            r#"{{"name":"SETTING_{k}","value":"value-{k}-{}"}}"#,
            rng.hex(12)
        );
    }
    let irsa = if i.is_multiple_of(7) {
        format!(
            r#",{{"name":"AWS_ROLE_ARN","value":"arn:aws:iam::111122223333:role/{app}"}},{{"name":"AWS_WEB_IDENTITY_TOKEN_FILE","value":"/var/run/secrets/eks.amazonaws.com/serviceaccount/token"}}"#
        )
    } else {
        String::new()
    };
    let cpu = [100, 250, 500, 1000][i % 4];
    let mem = [128, 256, 512, 1024][(i / 4) % 4];
    let last_applied = format!(
        r#"{{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{{\"name\":\"{app}\",\"namespace\":\"{ns}\"}},\"spec\":{{\"replicas\":3,\"template\":{{\"spec\":{{\"containers\":[{{\"image\":\"111122223333.dkr.ecr.us-east-1.amazonaws.com/{app}:1.{i}\",\"name\":\"app\"}}]}}}}}}}}"#
    );
    format!(
        r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"annotations":{{"kubectl.kubernetes.io/last-applied-configuration":"{last_applied}","kubectl.kubernetes.io/restartedAt":"2026-11-01T10:00:00Z","prometheus.io/scrape":"true"}},"creationTimestamp":"2026-11-01T10:00:00Z","generateName":"{app}-{hash}-","labels":{{"app":"{app}","app.kubernetes.io/name":"{app}","app.kubernetes.io/part-of":"{ns}","pod-template-hash":"{hash}","version":"v{v}"}},"name":"{name}","namespace":"{ns}","ownerReferences":[{{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"{app}-{hash}","uid":"{ouid}"}}],"resourceVersion":"{rv}","uid":"{uid}"}},"spec":{{"affinity":{{"podAntiAffinity":{{"preferredDuringSchedulingIgnoredDuringExecution":[{{"podAffinityTerm":{{"labelSelector":{{"matchLabels":{{"app":"{app}"}}}},"topologyKey":"kubernetes.io/hostname"}},"weight":100}}]}}}},"containers":[{{"env":[{env}{irsa}],"image":"111122223333.dkr.ecr.us-east-1.amazonaws.com/{app}:1.{i}","imagePullPolicy":"IfNotPresent","livenessProbe":{{"failureThreshold":3,"httpGet":{{"path":"/healthz","port":8080,"scheme":"HTTP"}},"initialDelaySeconds":10,"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1}},"name":"app","ports":[{{"containerPort":8080,"name":"http","protocol":"TCP"}}],"readinessProbe":{{"failureThreshold":3,"httpGet":{{"path":"/ready","port":8080,"scheme":"HTTP"}},"periodSeconds":5,"successThreshold":1,"timeoutSeconds":1}},"resources":{{"limits":{{"memory":"{mem}Mi"}},"requests":{{"cpu":"{cpu}m","memory":"{mem}Mi"}}}},"securityContext":{{"allowPrivilegeEscalation":false,"capabilities":{{"drop":["ALL"]}},"readOnlyRootFilesystem":true,"runAsNonRoot":true,"runAsUser":10001}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{{"mountPath":"/tmp","name":"tmp"}},{{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-{k}","readOnly":true}}]}},{{"image":"public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0","name":"otel","resources":{{"requests":{{"cpu":"50m","memory":"64Mi"}}}}}}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"{node}","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{{"fsGroup":10001}},"serviceAccount":"{app}","serviceAccountName":"{app}","terminationGracePeriodSeconds":30,"tolerations":[{{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300}},{{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}}],"topologySpreadConstraints":[{{"labelSelector":{{"matchLabels":{{"app":"{app}"}}}},"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway"}}],"volumes":[{{"emptyDir":{{}},"name":"tmp"}},{{"name":"kube-api-access-{k}","projected":{{"defaultMode":420,"sources":[{{"serviceAccountToken":{{"expirationSeconds":3607,"path":"token"}}}},{{"configMap":{{"items":[{{"key":"ca.crt","path":"ca.crt"}}],"name":"kube-root-ca.crt"}}}},{{"downwardAPI":{{"items":[{{"fieldRef":{{"apiVersion":"v1","fieldPath":"metadata.namespace"}},"path":"namespace"}}]}}}}]}}}}]}},"status":{{"conditions":[{{"lastProbeTime":null,"lastTransitionTime":"2026-11-01T10:00:05Z","status":"True","type":"PodReadyToStartContainers"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-11-01T10:00:00Z","status":"True","type":"Initialized"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-11-01T10:00:20Z","status":"True","type":"Ready"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-11-01T10:00:20Z","status":"True","type":"ContainersReady"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-11-01T10:00:00Z","status":"True","type":"PodScheduled"}}],"containerStatuses":[{{"containerID":"containerd://{c1}","image":"111122223333.dkr.ecr.us-east-1.amazonaws.com/{app}:1.{i}","imageID":"111122223333.dkr.ecr.us-east-1.amazonaws.com/{app}@sha256:{d1}","lastState":{{}},"name":"app","ready":true,"restartCount":0,"started":true,"state":{{"running":{{"startedAt":"2026-11-01T10:00:04Z"}}}}}},{{"containerID":"containerd://{c2}","image":"public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0","imageID":"public.ecr.aws/aws-observability/aws-otel-collector@sha256:{d2}","lastState":{{}},"name":"otel","ready":true,"restartCount":0,"started":true,"state":{{"running":{{"startedAt":"2026-11-01T10:00:04Z"}}}}}}],"hostIP":"10.0.1.5","hostIPs":[{{"ip":"10.0.1.5"}}],"phase":"Running","podIP":"10.0.{a}.{b}","podIPs":[{{"ip":"10.0.{a}.{b}"}}],"qosClass":"Burstable","startTime":"2026-11-01T10:00:00Z"}}}}"#,
        v = i % 3,
        ouid = rng.uid(),
        rv = rng.below(90_000_000),
        uid = rng.uid(),
        k = rng.hex(5),
        c1 = rng.hex(64),
        c2 = rng.hex(64),
        d1 = rng.hex(64),
        d2 = rng.hex(64),
        a = (i / 250) % 250,
        b = i % 250 + 2,
    )
}

/// The JSON of a cluster with `nodes` nodes and `pods` pods (spread over
/// the nodes), as one `kubectl get nodes,pods -A -o json` `List`.
pub fn cluster_json(nodes: usize, pods: usize, seed: u64) -> String {
    padded_cluster_json(nodes, pods, seed, 0)
}

/// Like [`cluster_json`], with `pad` more environment variables in every
/// pod's main container: more text, the same objects.
pub fn padded_cluster_json(nodes: usize, pods: usize, seed: u64, pad: usize) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
    let mut names = Vec::with_capacity(nodes);
    for i in 0..nodes {
        let (name, json) = node(&mut rng, i);
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&json);
        names.push(name);
    }
    for i in 0..pods {
        let node = names
            .get(i % names.len().max(1))
            .map(String::as_str)
            .unwrap_or("");
        if nodes > 0 || i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&pod(&mut rng, i, node, pad));
    }
    out.push_str("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    out
}
