#!/usr/bin/env python3
"""Validate eksctl, CloudFormation and CDK bundles with real, independent tools.

For every bundle folder given on the command line (the target is told by its
files):

* CloudFormation (``cloudformation/template.yaml``) and eksctl's
  prerequisites stack (``eksctl/prerequisites.yaml``): cfn-lint with no errors
  and only the warnings ``accepted.yaml`` lists; parliament on every IAM
  document (trust and inline policies of each role, KMS key policies);
* eksctl (``eksctl/cluster.yaml``): yamllint; the ClusterConfig, its
  placeholders filled by real ``envsubst`` with the list
  ``scripts/cluster-config.sh`` uses, against eksctl's closed v1alpha5 JSON
  Schema, plus the load-time rules eksctl checks in code; every placeholder
  is an output of the prerequisites stack;
* CDK (``cdk/``): ``tsc --strict`` against aws-cdk-lib and constructs
  (compiling to a scratch folder); the app run with node, offline (``CDK_OUTDIR``, the
  context from ``cdk.json``), then cfn-lint and parliament on the synthesised
  template; when the CloudFormation bundle of the same plan is beside it
  (``<root>/cloudformation/<name>``), the synthesised template must equal
  that template, intrinsics evaluated;
* every script passes shellcheck, and the README names the deploy command.

Exit status 1 if anything fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import parliament
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "210987654321"
ADMIN = f"arn:aws:iam::{ACCOUNT}:role/Admin"
YAMLLINT = YamlLintConfig(
    "extends: default\n"
    "rules:\n"
    "  line-length: disable\n"
    "  indentation: {spaces: 2, indent-sequences: whatever}\n"
    "  document-start: disable\n"
    "  truthy: {check-keys: false}\n"
    "  comments: {min-spaces-from-content: 1}\n"
)
EKSCTL_MAX_MINOR = 35


class Report:
    def __init__(self, bundle: str) -> None:
        self.bundle = bundle
        self.failures: list[str] = []
        self.counts: dict[str, int] = {}

    def fail(self, what: str, msg: str) -> None:
        self.failures.append(f"{self.bundle}: {what}: {msg}")

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


# ------------------------------------------------------------- templates

class CfnLoader(yaml.SafeLoader):
    """PyYAML with CloudFormation's short-form tags, as long-form intrinsics."""


def _intrinsic(tag):
    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if tag == "GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {"Ref" if tag == "Ref" else f"Fn::{tag}": value}
    return construct


for _tag in ("Ref", "GetAtt", "Sub", "Select", "GetAZs", "Cidr", "Join", "Split", "If", "Equals", "ImportValue"):
    CfnLoader.add_constructor(f"!{_tag}", _intrinsic(_tag))


def load_template(path: str) -> dict:
    with open(path) as f:
        if path.endswith(".json"):
            return json.load(f)
        return yaml.load(f, Loader=CfnLoader)  # noqa: S506 - SafeLoader subclass


def fake_id(prefix: str, logical: str) -> str:
    return f"{prefix}-{hashlib.sha256(logical.encode()).hexdigest()[:17]}"


class Concrete:
    """Evaluate intrinsics to plausible concrete values (for parliament and to
    fill the ClusterConfig), the way CloudFormation would in one account."""

    PREFIX = {
        "AWS::EC2::VPC": "vpc", "AWS::EC2::Subnet": "subnet", "AWS::EC2::SecurityGroup": "sg",
        "AWS::EC2::RouteTable": "rtb", "AWS::EC2::InternetGateway": "igw",
        "AWS::EC2::EgressOnlyInternetGateway": "eigw", "AWS::EC2::NatGateway": "nat",
        "AWS::EC2::VPCEndpoint": "vpce", "AWS::EC2::FlowLog": "fl",
    }

    def __init__(self, template: dict, region: str, params: dict | None = None) -> None:
        self.t = template
        self.region = region
        self.partition = "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"
        self.params = {}
        for name, p in (template.get("Parameters") or {}).items():
            default = p.get("Default")
            if isinstance(default, str) and (p.get("Type", "").startswith("List<") or p.get("Type") == "CommaDelimitedList"):
                default = [x for x in default.split(",") if x]
            if p.get("AllowedPattern") == "^(true|false)$" and default in ("true", "false"):
                default = default == "true"
            self.params[name] = default
        self.params.update(params or {})

    def resource(self, rid: str) -> dict:
        return (self.t.get("Resources") or {}).get(rid) or {}

    def ref(self, name: str):
        pseudo = {"AWS::Partition": self.partition, "AWS::Region": self.region, "AWS::AccountId": ACCOUNT,
                  "AWS::StackName": "stack", "AWS::URLSuffix": "amazonaws.com"}
        if name in pseudo:
            return pseudo[name]
        if name in self.params:
            return ADMIN if name == "ClusterAdminArn" and self.params[name] is None else self.params[name]
        r = self.resource(name)
        props = r.get("Properties") or {}
        ty = r.get("Type", "")
        if ty == "AWS::IAM::Role":
            return self.value(props.get("RoleName"))
        if ty == "AWS::Logs::LogGroup":
            return self.value(props.get("LogGroupName"))
        if ty == "AWS::EKS::Cluster":
            return self.value(props.get("Name"))
        if ty == "AWS::KMS::Key":
            return hashlib.sha256(name.encode()).hexdigest()[:8] + "-0000-4000-8000-000000000000"
        return fake_id(self.PREFIX.get(ty, "res"), name)

    def getatt(self, rid: str, attr: str):
        r = self.resource(rid)
        ty = r.get("Type", "")
        p = self.partition
        if attr == "Arn":
            if ty == "AWS::IAM::Role":
                return f"arn:{p}:iam::{ACCOUNT}:role/{self.ref(rid)}"
            if ty == "AWS::KMS::Key":
                return f"arn:{p}:kms:{self.region}:{ACCOUNT}:key/{self.ref(rid)}"
            if ty == "AWS::EKS::Cluster":
                return f"arn:{p}:eks:{self.region}:{ACCOUNT}:cluster/{self.ref(rid)}"
            if ty == "AWS::Logs::LogGroup":
                return f"arn:{p}:logs:{self.region}:{ACCOUNT}:log-group:{self.ref(rid)}:*"
        if attr == "AllocationId":
            return fake_id("eipalloc", rid)
        if attr == "CidrBlock":
            return self.value((r.get("Properties") or {}).get("CidrBlock"))
        if attr == "Ipv6CidrBlocks":
            return ["2600:1f18:4000:1100::/56"]
        if attr in ("ClusterSecurityGroupId", "DefaultSecurityGroup"):
            return fake_id("sg", rid + attr)
        return f"{rid}-{attr}"

    def sub(self, s: str) -> str:
        def repl(m):
            name = m.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if "." in name and not name.startswith("AWS::"):
                rid, attr = name.split(".", 1)
                return str(self.getatt(rid, attr))
            v = self.ref(name)
            return ",".join(v) if isinstance(v, list) else str(v)
        return re.sub(r"\$\{([^}]*)\}", repl, s)

    def value(self, v):
        if isinstance(v, dict) and len(v) == 1:
            (k, a), = v.items()
            if k == "Ref":
                return self.ref(a)
            if k == "Fn::GetAtt":
                return self.getatt(a[0], a[1])
            if k == "Fn::Sub":
                return self.sub(a) if isinstance(a, str) else self.sub(a[0])
            if k == "Fn::Join":
                return a[0].join(str(self.value(x)) for x in self.value(a[1]))
            if k == "Fn::Select":
                items = self.value(a[1])
                return items[int(self.value(a[0]))]
            if k == "Fn::GetAZs":
                return [self.region + z for z in "abcdef"]
            if k == "Fn::Cidr":
                return [f"2600:1f18:4000:11{i:02x}::/64" for i in range(int(self.value(a[1])))]
        if isinstance(v, dict):
            return {k: self.value(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self.value(x) for x in v]
        return v


class Symbolic(Concrete):
    """Evaluate intrinsics to placeholders, so two templates that mean the same
    thing (one with Fn::Sub, one with CDK's Fn::Join) evaluate equal."""

    def ref(self, name: str):
        if name in self.params:
            return ADMIN if name == "ClusterAdminArn" and self.params[name] is None else self.params[name]
        return f"<{name}>"

    def getatt(self, rid: str, attr: str):
        return f"<{rid}.{attr}>"

    def value(self, v):
        if isinstance(v, dict) and len(v) == 1:
            (k, a), = v.items()
            if k == "Fn::GetAZs":
                return [f"<AZ {i}>" for i in range(6)]
            if k == "Fn::Cidr":
                return [f"<Cidr {self.value(a[0])} {i}/{a[2]}>" for i in range(int(a[1]))]
        return super().value(v)


# ----------------------------------------------------------------- cfn-lint

def entries(accepted: dict, rule: str) -> list[dict]:
    """The accepted.yaml entries for a cfn-lint rule: keyed by the rule, or
    by another name with `rule:` naming it."""
    return [ok for key, ok in accepted.items() if key == rule or ok.get("rule") == rule]


def accepts(ok: dict, readme: str, paths: list[str]) -> bool:
    """Whether an accepted.yaml entry covers a finding at these paths."""
    finding = ok.get("when_finding")
    if finding and f"**warning {finding}**" not in readme and f"**info {finding}**" not in readme:
        return False
    return all(ok.get("path_contains", "") in p for p in paths)


def cfn_lint(r: Report, cfn_lint_bin: str, path: str, rel: str, accepted: dict, readme: str) -> None:
    res = subprocess.run([cfn_lint_bin, "--format", "json", "--", path], capture_output=True, text=True)
    try:
        matches = json.loads(res.stdout or "[]")
    except json.JSONDecodeError:
        r.fail(rel, f"cfn-lint gave no JSON: {res.stderr[-1000:]}")
        return
    r.count("templates linted with cfn-lint")
    for m in matches:
        rule = m["Rule"]["Id"]
        where = f"{rel}:{m['Location']['Start']['LineNumber']}"
        path = "/".join(str(p) for p in m["Location"].get("Path") or [])
        if any(accepts(ok, readme, [path]) for ok in entries(accepted, rule)):
            r.count(f"cfn-lint {rule} accepted")
            continue
        r.fail(where, f"cfn-lint {m['Level']} {rule}: {m['Message']}")


# --------------------------------------------------------------- parliament

def iam_documents(t: dict):
    """(name, kind, document) of every IAM document of a template."""
    for rid, res in (t.get("Resources") or {}).items():
        props = res.get("Properties") or {}
        if res.get("Type") == "AWS::IAM::Role":
            yield f"{rid} trust", "trust", props.get("AssumeRolePolicyDocument"), rid
            for p in props.get("Policies") or []:
                yield f"{rid} {p.get('PolicyName')}", "identity", p.get("PolicyDocument"), rid
        elif res.get("Type") == "AWS::KMS::Key":
            yield f"{rid} key policy", "key", props.get("KeyPolicy"), rid


def check_policies(r: Report, t: dict, region: str, accepted: dict, rel: str, params: dict | None = None) -> None:
    ev = Concrete(t, region, params)
    for name, kind, doc, rid in iam_documents(t):
        doc = ev.value(doc)
        if kind == "trust":
            for st in doc.get("Statement", []):
                st["Resource"] = ev.getatt(rid, "Arn")
        allowed = set(accepted.get(kind, {}).keys())
        for f in parliament.analyze_policy_string(json.dumps(doc), include_community_auditors=True).findings:
            if f.issue not in allowed:
                r.fail(f"{rel}: {name}", f"parliament {f.issue}: {f.detail}")
        r.count("IAM documents checked with parliament")


# ------------------------------------------------------------------ eksctl

def arn_ok(s) -> bool:
    return isinstance(s, str) and re.fullmatch(r"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+", s) is not None


def eksctl_rules(r: Report, cfg: dict, readme: str) -> None:
    """What eksctl checks when it loads a ClusterConfig, beyond its schema
    (pkg/apis/eksctl.io/v1alpha5: auto_mode.go, access_entry.go, vpc.go,
    validation.go; pkg/ctl/cmdutils: configfile.go, pod_identity_association.go)."""
    where = "eksctl/cluster.yaml"
    version = str(cfg.get("metadata", {}).get("version", ""))
    m = re.fullmatch(r"1\.(\d+)", version)
    if not m:
        r.fail(where, f"metadata.version {version!r} is not a minor version")
    elif int(m.group(1)) > EKSCTL_MAX_MINOR and "**warning TG008**" not in readme:
        r.fail(where, f"eksctl knows Kubernetes up to 1.{EKSCTL_MAX_MINOR}, and no TG008 finding says so")
    am = cfg.get("autoModeConfig") or {}
    if not am.get("enabled"):
        r.fail(where, "autoModeConfig.enabled is not true")
    pools = am.get("nodePools")
    if pools is not None:
        if len(set(pools)) != len(pools) or not set(pools) <= {"general-purpose", "system"}:
            r.fail(where, f"autoModeConfig.nodePools {pools} are not unique built-in pools")
        if not pools and am.get("nodeRoleARN"):
            r.fail(where, "cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty")
    arns = [("autoModeConfig.nodeRoleARN", am.get("nodeRoleARN")),
            ("iam.serviceRoleARN", (cfg.get("iam") or {}).get("serviceRoleARN")),
            ("secretsEncryption.keyARN", (cfg.get("secretsEncryption") or {}).get("keyARN"))]
    access = cfg.get("accessConfig") or {}
    seen = set()
    for i, e in enumerate(access.get("accessEntries") or []):
        path = f"accessConfig.accessEntries[{i}]"
        arns.append((f"{path}.principalARN", e.get("principalARN")))
        if e.get("principalARN") in seen:
            r.fail(where, f"{path}: duplicate principalARN")
        seen.add(e.get("principalARN"))
        ty = e.get("type", "")
        if ty not in ("", "STANDARD", "EC2", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX"):
            r.fail(where, f"{path}: invalid access entry type {ty!r}")
        if ty not in ("", "STANDARD", "EC2") and (e.get("kubernetesGroups") or e.get("kubernetesUsername") or e.get("accessPolicies")):
            r.fail(where, f"{path}: type {ty} takes no groups, username or policies")
        for j, p in enumerate(e.get("accessPolicies") or []):
            arns.append((f"{path}.accessPolicies[{j}].policyARN", p.get("policyARN")))
            if ":cluster-access-policy/" not in str(p.get("policyARN")):
                r.fail(where, f"{path}.accessPolicies[{j}]: policyARN is not a cluster-access-policy")
            scope = p.get("accessScope") or {}
            if scope.get("type") == "cluster" and scope.get("namespaces"):
                r.fail(where, f"{path}.accessPolicies[{j}]: cluster scope with namespaces")
            elif scope.get("type") == "namespace" and not scope.get("namespaces"):
                r.fail(where, f"{path}.accessPolicies[{j}]: namespace scope without namespaces")
            elif scope.get("type") not in ("cluster", "namespace"):
                r.fail(where, f"{path}.accessPolicies[{j}]: invalid scope {scope.get('type')!r}")
    for i, p in enumerate((cfg.get("iam") or {}).get("podIdentityAssociations") or []):
        path = f"iam.podIdentityAssociations[{i}]"
        if not p.get("namespace") or not p.get("serviceAccountName"):
            r.fail(where, f"{path}: namespace and serviceAccountName must be set")
        if not p.get("roleARN"):
            r.fail(where, f"{path}: no roleARN")
        arns.append((f"{path}.roleARN", p.get("roleARN")))
    for path, value in arns:
        if value is not None and not arn_ok(value):
            r.fail(where, f"{path}: {value!r} is not an ARN eksctl can parse")
    vpc = cfg.get("vpc") or {}
    subnets = vpc.get("subnets") or {}
    if vpc.get("id"):
        private, public = len(subnets.get("private") or {}), len(subnets.get("public") or {})
        if private + public == 0 or 0 < private < 2 or 0 < public < 2:
            r.fail(where, "insufficient number of subnets, at least 2x public and/or 2x private subnets are required")
    if (cfg.get("kubernetesNetworkConfig") or {}).get("ipFamily") == "IPv6":
        if vpc.get("nat"):
            r.fail(where, "setting NAT is not supported with IPv6")
        if (cfg.get("kubernetesNetworkConfig") or {}).get("serviceIPv4CIDR"):
            r.fail(where, "service IPv4 CIDR is not supported with IPv6")
    if cfg.get("availabilityZones") and subnets:
        r.fail(where, "vpc.subnets and availabilityZones cannot be set at the same time")
    for key in ("nodeGroups", "managedNodeGroups", "addons"):
        if cfg.get(key):
            r.fail(where, f"{key} are refused at creation with Auto Mode")
    r.count("eksctl load-time rules checked")


def check_eksctl(r: Report, bundle: str, schema: dict, region: str, readme: str) -> None:
    path = os.path.join(bundle, "eksctl", "cluster.yaml")
    with open(path) as f:
        text = f.read()
    prereq = load_template(os.path.join(bundle, "eksctl", "prerequisites.yaml"))
    outputs = prereq.get("Outputs") or {}
    script = open(os.path.join(bundle, "scripts", "cluster-config.sh")).read()
    m = re.search(r"envsubst '([^']*)'", script)
    if not m:
        r.fail("scripts/cluster-config.sh", "no envsubst list")
        return
    listed = re.findall(r"\$\{(\w+)\}", m.group(1))
    used = set(re.findall(r"\$\{(\w+)\}", text))
    for name in sorted(used):
        if name not in listed:
            r.fail("eksctl/cluster.yaml", f"placeholder ${{{name}}} is not in the script's envsubst list")
        if name != "ClusterAdminArn" and name not in outputs:
            r.fail("eksctl/cluster.yaml", f"placeholder ${{{name}}} is not an output of the prerequisites stack")
    for name in listed:
        if name not in used:
            r.fail("scripts/cluster-config.sh", f"envsubst list names ${{{name}}}, which the ClusterConfig does not use")
    for name in re.findall(r"for name in ([^;]*);", script)[:1]:
        for n in name.split():
            if n not in outputs:
                r.fail("scripts/cluster-config.sh", f"checks for output {n}, which the stack does not have")
    ev = Concrete(prereq, region)
    env = {k: str(ev.value(v["Value"])) for k, v in outputs.items()}
    env["ClusterAdminArn"] = ADMIN
    res = subprocess.run(["envsubst", m.group(1)], input=text, capture_output=True, text=True,
                         env={**os.environ, **env})
    if res.returncode != 0:
        r.fail("eksctl/cluster.yaml", f"envsubst failed: {res.stderr}")
        return
    left = re.findall(r"\$\{[A-Za-z_]\w*\}", res.stdout)
    if left:
        r.fail("eksctl/cluster.yaml", f"placeholders left after envsubst: {left}")
    try:
        cfg = yaml.safe_load(res.stdout)
    except yaml.YAMLError as e:
        r.fail("eksctl/cluster.yaml", f"does not parse once filled: {e}")
        return
    for e in sorted(jsonschema.Draft7Validator(schema).iter_errors(cfg), key=lambda e: list(e.path)):
        r.fail("eksctl/cluster.yaml", f"schema: {'/'.join(map(str, e.path))}: {e.message}")
    r.count("ClusterConfigs validated (eksctl v1alpha5 JSON Schema)")
    eksctl_rules(r, cfg, readme)


# --------------------------------------------------------------------- CDK

def norm_tags(v):
    if isinstance(v, list) and all(isinstance(t, dict) and set(t) == {"Key", "Value"} for t in v):
        return sorted((t["Key"], t["Value"]) for t in v)
    return v


# What a deployment passes for required parameters (as the Terraform
# checks use tests/validators/deploy-inputs.tfvars).
DEPLOY_PARAMS = {"PublicAccessCidrs": ["198.51.100.7/32"]}


def compare_templates(r: Report, cfn: dict, cdk: dict, region: str) -> None:
    declared = cfn.get("Parameters") or {}
    required = {k: v for k, v in DEPLOY_PARAMS.items() if k in declared and "Default" not in declared[k]}
    given = {"ClusterAdminArn": ADMIN, **required}
    a, b = Symbolic(cfn, region, given), Symbolic(cdk, region, given)
    ra = cfn.get("Resources") or {}
    rb = {k: v for k, v in (cdk.get("Resources") or {}).items() if v.get("Type") != "AWS::CDK::Metadata"}
    for rid in sorted(set(ra) ^ set(rb)):
        r.fail("cdk synth", f"resource {rid} is only in the {'CloudFormation' if rid in ra else 'CDK'} template")
    for rid in sorted(set(ra) & set(rb)):
        x, y = ra[rid], rb[rid]
        if x.get("Type") != y.get("Type"):
            r.fail("cdk synth", f"{rid}: type {x.get('Type')} vs {y.get('Type')}")
        deps = lambda d: sorted([d] if isinstance(d, str) else (d or []))  # noqa: E731
        if deps(x.get("DependsOn")) != deps(y.get("DependsOn")):
            r.fail("cdk synth", f"{rid}: DependsOn {deps(x.get('DependsOn'))} vs {deps(y.get('DependsOn'))}")
        for policy in ("DeletionPolicy", "UpdateReplacePolicy", "Condition"):
            if x.get(policy) != y.get(policy):
                r.fail("cdk synth", f"{rid}: {policy} {x.get(policy)} vs {y.get(policy)}")
        px, py = x.get("Properties") or {}, y.get("Properties") or {}
        for k in sorted(set(px) | set(py)):
            vx, vy = norm_tags(a.value(px.get(k))), norm_tags(b.value(py.get(k)))
            if vx != vy:
                r.fail("cdk synth", f"{rid}.{k}: {json.dumps(vx)[:300]} vs {json.dumps(vy)[:300]}")
    oa, ob = cfn.get("Outputs") or {}, cdk.get("Outputs") or {}
    for name in sorted(set(oa) | set(ob)):
        vx = a.value((oa.get(name) or {}).get("Value"))
        vy = b.value((ob.get(name) or {}).get("Value"))
        if vx != vy or (oa.get(name) or {}).get("Description") != (ob.get(name) or {}).get("Description"):
            r.fail("cdk synth", f"output {name}: {vx} vs {vy}")
    if cfn.get("Description") != cdk.get("Description"):
        r.fail("cdk synth", f"Description {cfn.get('Description')!r} vs {cdk.get('Description')!r}")
    r.count("synthesised templates compared with the CloudFormation target")


def compile_cdk(bundles: list[str], modules: str, build: str) -> dict[str, str]:
    """Type-check and compile every CDK app in one tsc run (loading
    aws-cdk-lib's declarations once); return tsc's errors per bundle.

    Each app's own tsconfig.json must be the one every bundle has; the run
    uses its compiler options, plus --strict and --skipLibCheck (our code is
    checked against the declarations, which are not themselves re-checked)."""
    errors: dict[str, str] = {}
    if not bundles:
        return errors
    configs = []
    for b in bundles:
        with open(os.path.join(b, "cdk", "tsconfig.json")) as f:
            configs.append(json.load(f))
    for b, c in zip(bundles, configs):
        if c != configs[0]:
            errors[b] = "tsconfig.json differs from the other bundles'"
    root = os.path.commonpath([os.path.abspath(b) for b in bundles] + [os.path.abspath(os.path.dirname(bundles[0]))])
    options = dict(configs[0]["compilerOptions"])
    options.update({"strict": True, "skipLibCheck": True, "declaration": False, "rootDir": root,
                    "outDir": build, "typeRoots": [os.path.join(modules, "@types")]})
    project = {"compilerOptions": options, "files": [os.path.join(b, "cdk", "bin", "app.ts") for b in bundles]}
    cfg = os.path.join(build, "tsconfig.json")
    os.makedirs(build, exist_ok=True)
    with open(cfg, "w") as f:
        json.dump(project, f)
    # Sources resolve aws-cdk-lib from their folder upwards: link the
    # validator's packages into each app, as `npm install` would put them.
    for b in bundles:
        link = os.path.join(b, "cdk", "node_modules")
        if not os.path.lexists(link):
            os.symlink(modules, link)
    res = subprocess.run([os.path.join(modules, ".bin", "tsc"), "-p", cfg], capture_output=True, text=True)
    for line in (res.stdout + res.stderr).splitlines():
        for b in bundles:
            if line.startswith(os.path.abspath(b)) or line.startswith(os.path.relpath(b)):
                errors[b] = errors.get(b, "") + line + "\n"
                break
        else:
            if line.strip() and not line.startswith(" "):
                for b in bundles:
                    errors[b] = errors.get(b, "") + line + "\n"
    os.symlink(modules, os.path.join(build, "node_modules"))
    return {b: e for b, e in errors.items()}


def check_cdk(r: Report, bundle: str, build: str, tsc_errors: str | None, cfn_lint_bin: str, accepted: dict,
              region: str, readme: str) -> None:
    app = os.path.join(bundle, "cdk")
    if tsc_errors:
        r.fail("cdk", f"tsc --strict: {tsc_errors.strip()[:3000]}")
        return
    r.count("CDK apps type-checked (tsc --strict)")
    with open(os.path.join(app, "cdk.json")) as f:
        cdk_json = json.load(f)
    context = cdk_json.get("context", {})
    if cdk_json.get("app") != "npx ts-node --prefer-ts-exts bin/app.ts":
        r.fail("cdk/cdk.json", f"unexpected app command {cdk_json.get('app')!r}")
    stack_ts = open(os.path.join(app, "lib", "cluster-stack.ts")).read()
    if "readonly clusterAdminArn" in stack_ts:
        context["clusterAdminArn"] = ADMIN
    # Required inputs have no default: pass what a deployment must pass.
    for name, value in DEPLOY_PARAMS.items():
        key = name[0].lower() + name[1:]
        if f"readonly {key}" in stack_ts and key not in context:
            context[key] = ",".join(value)
    out = os.path.join(app, "cdk.out")
    shutil.rmtree(out, ignore_errors=True)
    # Run the app as the CDK CLI would (the context it passes, an output
    # folder), without the CLI and without AWS credentials.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDK_") and not k.startswith("AWS_")}
    env.update({"CDK_OUTDIR": out, "CDK_CONTEXT_JSON": json.dumps(context), "CDK_DISABLE_VERSION_CHECK": "1"})
    root = os.path.dirname(os.path.join(build, "tsconfig.json"))
    with open(os.path.join(root, "tsconfig.json")) as f:
        rootdir = json.load(f)["compilerOptions"]["rootDir"]
    js = os.path.join(build, os.path.relpath(os.path.join(app, "bin", "app.js"), rootdir))
    res = subprocess.run(["node", js], cwd=app, capture_output=True, text=True, env=env)
    if res.returncode != 0:
        r.fail("cdk", f"synth: {(res.stdout + res.stderr).strip()[:3000]}")
        return
    for line in (res.stdout + res.stderr).splitlines():
        # CDK's own warnings ([WARNING] …, deprecations); the validation
        # report's lines are judged from the report below.
        if line.startswith("[WARNING]") or "deprecated" in line and "(CloudFormation Validate)" not in line:
            r.fail("cdk", f"synth says: {line.strip()}")
    report = os.path.join(out, "validation-report.json")
    if os.path.exists(report):
        with open(report) as f:
            data = json.load(f)
        rules = accepted.get("cfn-lint", {})
        for plugin in data.get("pluginReports", []):
            for v in plugin.get("violations", []):
                # CDK's bundled validator reports cfn-lint's rules; errors it
                # downgrades to warnings get an F.
                rule = v["ruleName"]
                rule = "E" + rule[1:] if rule.startswith("F") and not entries(rules, rule) else rule
                paths = [p for c in v.get("violatingConstructs", [])
                         for p in (c.get("cloudFormationResource") or {}).get("propertyPaths", [])]
                if any(accepts(ok, readme, paths) for ok in entries(rules, rule)):
                    r.count(f"CDK validation {rule} accepted")
                else:
                    r.fail("cdk synth", f"{plugin.get('pluginName')} {v['ruleName']} ({v['severity']}): {v['description']}")
    templates = [f for f in os.listdir(out) if f.endswith(".template.json")]
    if len(templates) != 1:
        r.fail("cdk", f"expected one synthesised template, found {templates}")
        return
    path = os.path.join(out, templates[0])
    r.count("CDK apps synthesised offline")
    cfn_lint(r, cfn_lint_bin, path, "cdk.out/" + templates[0], accepted.get("cfn-lint", {}), readme)
    synth = load_template(path)
    check_policies(r, synth, region, accepted.get("parliament", {}), "cdk.out/" + templates[0])
    sibling = os.path.join(os.path.dirname(os.path.dirname(os.path.normpath(bundle))), "cloudformation",
                           os.path.basename(os.path.normpath(bundle)), "cloudformation", "template.yaml")
    if os.path.exists(sibling):
        compare_templates(r, load_template(sibling), synth, region)


# -------------------------------------------------------------------- main

def check_scripts(r: Report, bundle: str) -> None:
    scripts = os.path.join(bundle, "scripts")
    files = sorted(os.path.join(scripts, f) for f in os.listdir(scripts) if f.endswith(".sh"))
    res = subprocess.run(["shellcheck", "--severity=style", *files], capture_output=True, text=True)
    if res.returncode != 0:
        r.fail("scripts", "shellcheck:\n" + res.stdout.strip()[:3000])
    r.count("scripts passed shellcheck", len(files))


def lint_yaml(r: Report, bundle: str, rel: str) -> None:
    with open(os.path.join(bundle, rel)) as f:
        text = f.read()
    for p in linter.run(text, YAMLLINT):
        if p.level == "error":
            r.fail(rel, f"yamllint {p.line}:{p.column} {p.desc} ({p.rule})")
    r.count("YAML files linted")


def check(bundle: str, schema: dict, accepted: dict, cfn_lint_bin: str, build: str, tsc_errors: dict) -> Report:
    bundle = os.path.abspath(bundle)
    r = Report(os.path.basename(os.path.dirname(os.path.normpath(bundle))) + "/" + os.path.basename(os.path.normpath(bundle)))
    with open(os.path.join(bundle, "plan.yaml")) as f:
        plan = yaml.safe_load(f) or {}
    region = (plan.get("cluster") or {}).get("region", "us-east-1")
    with open(os.path.join(bundle, "README.md")) as f:
        readme = f.read()
    lint_accepted = accepted.get("cfn-lint", {})
    if os.path.exists(os.path.join(bundle, "cloudformation", "template.yaml")):
        rel = "cloudformation/template.yaml"
        lint_yaml(r, bundle, rel)
        cfn_lint(r, cfn_lint_bin, os.path.join(bundle, rel), rel, lint_accepted, readme)
        check_policies(r, load_template(os.path.join(bundle, rel)), region, accepted.get("parliament", {}), rel)
        needle = "aws cloudformation deploy"
    elif os.path.exists(os.path.join(bundle, "eksctl", "cluster.yaml")):
        for rel in ("eksctl/cluster.yaml", "eksctl/prerequisites.yaml"):
            lint_yaml(r, bundle, rel)
        rel = "eksctl/prerequisites.yaml"
        cfn_lint(r, cfn_lint_bin, os.path.join(bundle, rel), rel, lint_accepted, readme)
        check_policies(r, load_template(os.path.join(bundle, rel)), region, accepted.get("parliament", {}), rel)
        check_eksctl(r, bundle, schema, region, readme)
        needle = "eksctl create cluster -f -"
    elif os.path.exists(os.path.join(bundle, "cdk", "cdk.json")):
        check_cdk(r, bundle, build, tsc_errors.get(bundle), cfn_lint_bin, accepted, region, readme)
        needle = "npx cdk deploy"
    else:
        r.fail("bundle", "neither a CloudFormation, an eksctl nor a CDK bundle")
        return r
    check_scripts(r, bundle)
    for n in (needle, "kubectl apply -f kubernetes/", "scripts/teardown.sh"):
        if n not in readme:
            r.fail("README.md", f"does not mention `{n}`")
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundles", nargs="+")
    ap.add_argument("--cfn-lint", default=os.path.join(HERE, "..", "..", ".tools", "cfn", "bin", "cfn-lint"))
    ap.add_argument("--cdk-modules", default=os.path.join(HERE, "cdk", "node_modules"))
    args = ap.parse_args()
    with open(os.path.join(HERE, "schemas", "eksctl-v1alpha5.json")) as f:
        schema = json.load(f)
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    failures = []
    bundles = [os.path.abspath(b) for b in args.bundles]
    cdk_apps = [b for b in bundles if os.path.exists(os.path.join(b, "cdk", "cdk.json"))]
    with tempfile.TemporaryDirectory() as build:
        tsc_errors = compile_cdk(cdk_apps, os.path.abspath(args.cdk_modules), build)
        for b in bundles:
            r = check(b, schema, accepted, os.path.abspath(args.cfn_lint), build, tsc_errors)
            summary = ", ".join(f"{v} {k}" for k, v in sorted(r.counts.items()))
            print(f"{r.bundle}: {'OK' if not r.failures else 'FAILED'} ({summary})")
            failures += r.failures
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
