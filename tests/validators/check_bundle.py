#!/usr/bin/env python3
"""Validate generated bundles with real, independent tools.

For every bundle folder given on the command line:

* every ``.tf`` file parses with python-hcl2;
* every resource and data-source argument and nested block exists in the
  hashicorp/aws provider schema (offline, from cdktn-provider-aws), required
  arguments are present, and every reference (``aws_x.y``, ``data.x.y``,
  ``var.x``) points at something the bundle declares;
* every IAM policy document passes parliament, except findings listed with a
  reason in ``accepted.yaml``;
* every YAML file passes yamllint, parses, and each object validates:
  core kinds with kubernetes-validate (strict), NodePool / NodeClass /
  IngressClassParams with their JSON Schemas (closed, like the API server's
  strict field validation) plus the Auto Mode CEL rules the schemas cannot
  express;
* ``scripts/teardown.sh`` passes ``bash -n``.

Exit status 1 if anything fails.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import subprocess
import sys

import hcl2
import jsonschema
import kubernetes_validate
import parliament
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

HERE = os.path.dirname(os.path.abspath(__file__))
META_ARGUMENTS = {"count", "for_each", "depends_on", "lifecycle", "provider"}
YAMLLINT = YamlLintConfig(
    "extends: default\n"
    "rules:\n"
    "  line-length: disable\n"
    "  indentation: {spaces: 2, indent-sequences: whatever}\n"
    "  document-start: {present: true}\n"
    "  comments: {min-spaces-from-content: 1}\n"
)
CORE_KINDS = {"StorageClass", "IngressClass", "Namespace", "Deployment", "Service", "PodDisruptionBudget"}
MAX_LIFETIME_SECONDS = 504 * 3600


class Report:
    def __init__(self, bundle: str) -> None:
        self.bundle = bundle
        self.failures: list[str] = []
        self.counts: dict[str, int] = {}

    def fail(self, what: str, msg: str) -> None:
        self.failures.append(f"{self.bundle}: {what}: {msg}")

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


def unquote(v):
    """python-hcl2 keeps a string's quotes and escapes as written; decode them.

    HCL's escapes are JSON's plus `$${` and `%%{` for literal `${` and `%{`.
    """
    if isinstance(v, str) and len(v) >= 2 and v.startswith('"') and v.endswith('"'):
        inner = v[1:-1].replace("$${", "${").replace("%%{", "%{")
        return json.loads('"' + inner + '"')
    return v


def blocks(parsed: dict, kind: str):
    """Yield (type, name, body) for resource/data blocks."""
    for entry in parsed.get(kind, []):
        for rtype, named in entry.items():
            for name, body in named.items():
                yield unquote(rtype), unquote(name), body


# ---------------------------------------------------------------- Terraform

def check_arguments(r: Report, where: str, body: dict, schema: dict) -> None:
    for key, value in body.items():
        if key in ("__is_block__", "__comments__") or key in META_ARGUMENTS:
            continue
        if key not in schema:
            r.fail(where, f"unknown argument or block `{key}`")
            continue
        nested = schema[key].get("block")
        items = value if isinstance(value, list) else [value]
        if nested is not None and all(isinstance(i, dict) and i.get("__is_block__") for i in items):
            for i, item in enumerate(items):
                check_arguments(r, f"{where}.{key}[{i}]", item, nested)
    for key, spec in schema.items():
        if spec.get("required") and key not in body and key not in ("id",):
            r.fail(where, f"required argument `{key}` is missing")


REF = re.compile(r"\b(data\.[a-z0-9_]+\.[a-z0-9_-]+|aws_[a-z0-9_]+\.[a-z0-9_-]+|var\.[a-z0-9_]+)")


def expressions(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from expressions(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from expressions(v)


def check_terraform(r: Report, tfdir: str, provider: dict) -> list[tuple[str, dict]]:
    """Returns the IAM policy documents (name, body)."""
    declared: set[str] = set()
    parsed_files: list[tuple[str, dict]] = []
    for name in sorted(os.listdir(tfdir)):
        if not name.endswith(".tf"):
            continue
        path = os.path.join(tfdir, name)
        try:
            with open(path) as f:
                parsed = hcl2.load(f)
        except Exception as e:  # noqa: BLE001 - any parser error is a failure
            r.fail(name, f"python-hcl2 cannot parse it: {e}")
            continue
        r.count("tf files parsed")
        parsed_files.append((name, parsed))
        for rtype, rname, _ in blocks(parsed, "resource"):
            declared.add(f"{rtype}.{rname}")
        for rtype, rname, _ in blocks(parsed, "data"):
            declared.add(f"data.{rtype}.{rname}")
        for entry in parsed.get("variable", []):
            for vname in entry:
                declared.add(f"var.{unquote(vname)}")

    policies = []
    for name, parsed in parsed_files:
        for kind in ("resource", "data"):
            for rtype, rname, body in blocks(parsed, kind):
                schema = provider[kind].get(rtype)
                where = f"{name}: {kind} {rtype}.{rname}"
                if schema is None:
                    r.fail(where, "not a hashicorp/aws type")
                    continue
                check_arguments(r, where, body, schema)
                r.count(f"{kind} blocks checked against the provider schema")
                if kind == "data" and rtype == "aws_iam_policy_document":
                    policies.append((rname, body))
        for expr in expressions(parsed):
            for ref in REF.findall(expr):
                if ref not in declared:
                    r.fail(name, f"reference `{ref}` points at nothing the bundle declares")
                else:
                    r.count("references resolved")
    return policies


# --------------------------------------------------------------------- IAM

PLACEHOLDERS = [
    (re.compile(r"\$\{data\.aws_partition\.current\.partition\}"), "aws"),
    (re.compile(r"\$\{data\.aws_caller_identity\.current\.account_id\}"), "210987654321"),
    (re.compile(r"\$\{var\.region\}"), "us-east-1"),
    (re.compile(r"\$\{var\.cluster_name\}"), "cluster"),
    (re.compile(r"\$\{aws_cloudwatch_log_group\.([a-z0-9_]+)\.arn\}"), r"arn:aws:logs:us-east-1:210987654321:log-group:\1"),
    (re.compile(r"\$\{aws_eks_cluster\.([a-z0-9_]+)\.arn\}"), r"arn:aws:eks:us-east-1:210987654321:cluster/\1"),
    (re.compile(r"\$\{aws_kms_key\.([a-z0-9_]+)\.arn\}"), r"arn:aws:kms:us-east-1:210987654321:key/\1"),
]


def resolve_placeholders(s: str) -> str:
    for pattern, repl in PLACEHOLDERS:
        s = pattern.sub(repl, s)
    if "${" in s and not s.startswith("${aws:"):
        # IAM policy variables such as ${aws:PrincipalTag/x} stay as they are.
        leftover = re.findall(r"\$\{(?!aws:)[^}]*\}", s)
        if leftover:
            raise ValueError(f"unresolved interpolation {leftover} in {s}")
    return s


def policy_json(body: dict) -> tuple[dict, bool]:
    """Convert an aws_iam_policy_document body to IAM JSON; return (doc, is_resource_policy)."""
    statements = []
    resource_policy = False
    for st in body.get("statement", []):
        out: dict = {"Effect": unquote(st.get("effect", '"Allow"'))}
        if "sid" in st:
            out["Sid"] = unquote(st["sid"])
        out["Action"] = [unquote(a) for a in st.get("actions", [])]
        if "resources" in st:
            out["Resource"] = [resolve_placeholders(unquote(x)) for x in st["resources"]]
        if st.get("principals"):
            resource_policy = True
            out["Principal"] = {}
            for p in st["principals"]:
                out["Principal"].setdefault(unquote(p["type"]), []).extend(
                    resolve_placeholders(unquote(i)) for i in p["identifiers"]
                )
        for c in st.get("condition", []):
            out.setdefault("Condition", {}).setdefault(unquote(c["test"]), {})[unquote(c["variable"])] = [
                resolve_placeholders(unquote(v)) for v in c["values"]
            ]
        statements.append(out)
    return {"Version": "2012-10-17", "Statement": statements}, resource_policy


def check_policies(r: Report, policies, accepted: dict) -> None:
    for name, body in policies:
        try:
            doc, resource_policy = policy_json(body)
        except ValueError as e:
            r.fail(f"policy {name}", str(e))
            continue
        has_resources = any("Resource" in s for s in doc["Statement"])
        kind = "trust" if resource_policy and not has_resources else ("key" if resource_policy else "identity")
        if kind == "trust":
            # A trust policy governs the role itself; give parliament that
            # resource so it analyses the actions instead of stopping at
            # "neither Resource nor NotResource".
            for st in doc["Statement"]:
                st["Resource"] = f"arn:aws:iam::210987654321:role/{name}"
        allowed = set(accepted.get(kind, {}).keys())
        findings = parliament.analyze_policy_string(json.dumps(doc), include_community_auditors=True).findings
        r.count("IAM policies checked with parliament")
        for f in findings:
            if f.issue not in allowed:
                r.fail(f"policy {name} ({kind})", f"parliament {f.issue}: {f.detail}")


# ---------------------------------------------------------------- Kubernetes

def closed(schema):
    """Treat every object schema with `properties` as closed (strict fields)."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node and not node.get("x-kubernetes-preserve-unknown-fields"):
                node["additionalProperties"] = False
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    return schema


def load_schema(name: str) -> dict:
    with open(os.path.join(HERE, "schemas", name)) as f:
        return closed(json.load(f))


def duration(s: str) -> int | None:
    m = re.fullmatch(r"((\d+)(h|m|s))+", s or "")
    if not m:
        return None
    return sum(int(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in re.findall(r"(\d+)([hms])", s))


def nodepool_cel(r: Report, where: str, obj: dict) -> None:
    """The Auto Mode NodePool rules the OpenAPI schema cannot express."""
    spec = obj["spec"]
    t = spec["template"]["spec"]
    ref = t["nodeClassRef"]
    if ref.get("group") != "eks.amazonaws.com" or ref.get("kind") != "NodeClass":
        r.fail(where, "nodeClassRef is not an Auto Mode NodeClass")
    expire = t.get("expireAfter", "336h")
    grace = t.get("terminationGracePeriod", "24h")
    if expire == "Never":
        r.fail(where, "Auto Mode forbids expireAfter: Never")
    else:
        e, g = duration(expire), duration(grace)
        if e is None or g is None or e + g > MAX_LIFETIME_SECONDS:
            r.fail(where, f"expireAfter {expire} + terminationGracePeriod {grace} exceeds 21 days")
    for req in t["requirements"]:
        op, values = req["operator"], req.get("values", [])
        if op == "In" and not values:
            r.fail(where, f"requirement {req['key']}: In without values")
        if op in ("Gt", "Lt") and not (len(values) == 1 and values[0].isdigit()):
            r.fail(where, f"requirement {req['key']}: {op} needs one non-negative integer")
        if op == "In" and "minValues" in req and req["minValues"] > len(values):
            r.fail(where, f"requirement {req['key']}: minValues above the number of values")
    for b in spec.get("disruption", {}).get("budgets", []):
        if ("schedule" in b) != ("duration" in b):
            r.fail(where, "budget schedule and duration must be set together")
    if "replicas" in spec:
        if "weight" in spec:
            r.fail(where, "static NodePool with weight")
        if set(spec.get("limits", {})) - {"nodes"}:
            r.fail(where, "static NodePool with limits other than nodes")


def nodeclass_cel(r: Report, where: str, obj: dict) -> None:
    spec = obj["spec"]
    if obj["metadata"]["name"] == "default":
        r.fail(where, "custom NodeClass named default")
    if ("role" in spec) == ("instanceProfile" in spec):
        r.fail(where, "exactly one of role and instanceProfile")
    if spec.get("role") == "":
        r.fail(where, "role cannot be empty")
    for field, keys in (("subnetSelectorTerms", ("id", "tags")), ("securityGroupSelectorTerms", ("id", "name", "tags"))):
        terms = spec.get(field, [])
        if not terms:
            r.fail(where, f"{field} cannot be empty")
        for t in terms:
            if sum(k in t for k in keys) != 1:
                r.fail(where, f"{field}: each term needs exactly one of {keys}")
            if any(k == "" or v == "" for k, v in t.get("tags", {}).items()):
                r.fail(where, f"{field}: empty tag keys or values")
    for k in spec.get("tags", {}):
        if k.startswith("kubernetes.io/cluster") or k in (
            "karpenter.sh/provisioner-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim",
            "karpenter.sh/managed-by", "eks.amazonaws.com/nodeclass"):
            r.fail(where, f"restricted tag {k}")


def check_yaml(r: Report, bundle: str, k8s_version: str) -> None:
    schemas = {
        ("karpenter.sh/v1", "NodePool"): (load_schema("nodepool_v1.json"), nodepool_cel),
        ("eks.amazonaws.com/v1", "NodeClass"): (load_schema("nodeclass_v1.json"), nodeclass_cel),
        ("eks.amazonaws.com/v1", "IngressClassParams"): (load_schema("ingressclassparams_v1.json"), None),
    }
    for root, _, files in os.walk(bundle):
        for name in sorted(files):
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, bundle)
            with open(path) as f:
                text = f.read()
            problems = [p for p in linter.run(text, YAMLLINT) if p.level == "error"]
            for p in problems:
                r.fail(rel, f"yamllint {p.line}:{p.column} {p.desc} ({p.rule})")
            r.count("YAML files linted")
            try:
                docs = [d for d in yaml.safe_load_all(text) if d is not None]
            except yaml.YAMLError as e:
                r.fail(rel, f"does not parse: {e}")
                continue
            if not rel.startswith(("kubernetes", "transition")):
                continue
            for i, obj in enumerate(docs):
                where = f"{rel}[{i}] {obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
                key = (obj.get("apiVersion"), obj.get("kind"))
                if key in schemas:
                    schema, cel = schemas[key]
                    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(obj), key=lambda e: list(e.path))
                    for e in errors:
                        r.fail(where, f"schema: {'/'.join(map(str, e.path))}: {e.message}")
                    if cel:
                        cel(r, where, obj)
                    r.count(f"{obj['kind']} validated (JSON Schema + CEL rules)")
                elif obj.get("kind") in CORE_KINDS:
                    try:
                        kubernetes_validate.validate(obj, k8s_version, strict=True)
                        r.count(f"{obj['kind']} validated (kubernetes-validate strict)")
                    except kubernetes_validate.ValidationError as e:
                        r.fail(where, f"kubernetes-validate: {e.message}")
                else:
                    r.fail(where, "no validator for this kind")


# -------------------------------------------------------------------- main

def check_bundle(bundle: str, provider: dict, accepted: dict) -> Report:
    r = Report(os.path.basename(os.path.normpath(bundle)))
    with open(os.path.join(bundle, "plan.yaml")) as f:
        plan = yaml.safe_load(f) or {}
    version = str(plan.get("cluster", {}).get("kubernetes_version", "1.35"))
    policies = check_terraform(r, os.path.join(bundle, "terraform"), provider)
    check_policies(r, policies, accepted.get("parliament", {}))
    check_yaml(r, bundle, version)
    script = os.path.join(bundle, "scripts", "teardown.sh")
    res = subprocess.run(["bash", "-n", script], capture_output=True, text=True)
    if res.returncode != 0:
        r.fail("scripts/teardown.sh", res.stderr.strip())
    with open(os.path.join(bundle, "README.md")) as f:
        readme = f.read()
    for needle in ("terraform -chdir=terraform apply", "kubectl get nodepools,nodeclasses,nodes", "scripts/teardown.sh"):
        if needle not in readme:
            r.fail("README.md", f"does not mention `{needle}`")
    return r


def check_migration_bundle(bundle: str) -> Report:
    """A migration bundle (``eksplan migrate --out``): no Terraform yet, its
    manifests (``kubernetes/``, ``transition/``) validated like any bundle's,
    ``migrate.sh`` through ``bash -n``, and the runbook's required parts."""
    r = Report(os.path.basename(os.path.normpath(bundle)))
    with open(os.path.join(bundle, "plan.yaml")) as f:
        plan = yaml.safe_load(f) or {}
    version = str(plan.get("cluster", {}).get("kubernetes_version", "1.35"))
    check_yaml(r, bundle, version)
    res = subprocess.run(["bash", "-n", os.path.join(bundle, "migrate.sh")], capture_output=True, text=True)
    if res.returncode != 0:
        r.fail("migrate.sh", res.stderr.strip())
    with open(os.path.join(bundle, "README.md")) as f:
        readme = f.read()
    for needle in ("./migrate.sh", "**Verify:**", "**Roll back:**", "way-back.md", "eks-auto-mode"):
        if needle not in readme:
            r.fail("README.md", f"does not mention `{needle}`")
    with open(os.path.join(bundle, "way-back.md")) as f:
        way_back = f.read()
    for needle in ("terminates every Auto Mode node", "deletes every load balancer", "enabled=false"):
        if needle not in way_back:
            r.fail("way-back.md", f"does not mention `{needle}`")
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundles", nargs="+")
    ap.add_argument("--provider-schema", default=".tools/aws-provider-schema.json")
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    import provider_schema  # noqa: E402

    provider = provider_schema.load(args.provider_schema)
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    failures = []
    for b in args.bundles:
        if os.path.exists(os.path.join(b, "migrate.sh")):
            r = check_migration_bundle(b)
        else:
            r = check_bundle(b, provider, accepted)
        summary = ", ".join(f"{v} {k}" for k, v in sorted(r.counts.items()))
        print(f"{r.bundle}: {'OK' if not r.failures else 'FAILED'} ({summary})")
        failures += r.failures
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
