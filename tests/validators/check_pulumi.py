#!/usr/bin/env python3
"""Validate generated Pulumi bundles (targets pulumi-ts and pulumi-go).

For every bundle folder given on the command line (its `pulumi/` folder has
either `index.ts` or `main.go`):

* `Pulumi.yaml` follows Pulumi's project-file rules: a name and a runtime;
  project keys declare a `type` (string, integer, boolean or array, arrays
  with `items`) and a `default` of that type, or a `value`; the AWS
  provider's keys (`aws:region`, `aws:defaultTags`) give only a `value`
  (Pulumi rejects a type or default there);
* TypeScript: `tsc --strict --noEmit` against `@pulumi/pulumi` and
  `@pulumi/aws` (from `tests/validators/pulumi/node_modules`);
* Go: `gofmt -l` reports nothing, and every package, function, type, field
  and attribute the program takes from the Pulumi AWS SDK exists, with a
  value of a fitting kind. Go modules cannot be fetched, so the check
  compares against the `@pulumi/aws` TypeScript declarations, which Pulumi
  generates from the same provider schema: `goscan` (Go's own parser)
  lists what `main.go` uses, and this script writes a TypeScript file that
  refers to each name under the SDK naming rules below, then lets `tsc`
  resolve it. Names from the core Pulumi SDK must be on a short list;
* every IAM policy document in the program (TypeScript: constants typed
  `aws.iam.PolicyDocument`, read with the TypeScript parser; Go: the
  arguments of `iam.GetPolicyDocumentOutput`) passes parliament, except the
  findings `accepted.yaml` lists with a reason;
* the Kubernetes manifests pass the same checks as every bundle's, the
  teardown script `bash -n`, and the README names the deploy steps.

Go and TypeScript names of the Pulumi AWS SDK (`pulumi-aws` `sdk/go/aws`
and `@pulumi/aws` are generated from one schema):

* package `github.com/pulumi/pulumi-aws/sdk/v7/go/aws/<m>` is the
  `aws.<m>` namespace (`.../go/aws` is `aws` itself);
* `<m>.New<T>` creates the resource class `aws.<m>.<T>`; its argument
  struct `<m>.<T>Args` is the interface `aws.<m>.<T>Args`;
* a Go field is the TypeScript property with its first letter in upper
  case (`ComputeConfig` is `computeConfig`); a resource's `ID()` is `id`;
* a nested argument type `<m>.<X>Args` is `aws.types.input.<m>.<X>`, and
  `<m>.<X>Array` is a list of those;
* an invoke `<m>.Get<X>` / `<m>.Get<X>Output` is `aws.<m>.get<X>` /
  `get<X>Output`; Go names it `Lookup<X>` when the module also has a
  resource `<X>` (`ec2.LookupVpc` is `aws.ec2.getVpc`); its argument
  structs `Get<X>Args` / `Get<X>OutputArgs` are the interfaces of those
  names, and its nested argument types keep their names
  (`iam.GetPolicyDocumentStatementArgs` is
  `aws.types.input.iam.GetPolicyDocumentStatementArgs`); result fields are
  properties of `Get<X>Result`.

Exit status 1 if anything fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import parliament
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PULUMI = os.path.join(HERE, "pulumi")
AWS_GO = "github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
CORE_GO = "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

# The core Go SDK names a generated program may use: all documented parts
# of github.com/pulumi/pulumi/sdk/v3 (pulumi and pulumi/config).
CORE_NAMES = {
    CORE_GO: {
        "Run", "Context", "String", "StringRef", "Bool", "Int", "StringArray", "StringMap",
        "ToStringArray", "Sprintf", "DependsOn", "Resource", "StringOutput",
    },
    CORE_GO + "/config": {"New"},
}
STD_PACKAGES = {"fmt", "net", "regexp"}
PROJECT_TYPES = {"string", "integer", "boolean", "array"}

ACCOUNT = "210987654321"
ARNS = {
    "cloudwatch.LogGroup": "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:{name}",
    "eks.Cluster": "arn:aws:eks:us-east-1:" + ACCOUNT + ":cluster/{name}",
    "kms.Key": "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/{name}",
    "iam.Role": "arn:aws:iam::" + ACCOUNT + ":role/{name}",
    "s3.Bucket": "arn:aws:s3:::bucket-{name}",
}
CONTEXT = {
    "partition": "aws",
    "partition.Partition": "aws",
    "accountId": ACCOUNT,
    "callerIdentity.AccountId": ACCOUNT,
    "region": "us-east-1",
    "region.Region": "us-east-1",
    "callerArn": "arn:aws:iam::" + ACCOUNT + ":role/deployer",
    "sessionContext.IssuerArn": "arn:aws:iam::" + ACCOUNT + ":role/deployer",
}


class Report:
    def __init__(self, bundle: str) -> None:
        self.bundle = bundle
        self.failures: list[str] = []
        self.counts: dict[str, int] = {}

    def fail(self, what: str, msg: str) -> None:
        self.failures.append(f"{self.bundle}: {what}: {msg}")

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


def node_modules(r: Report) -> str | None:
    path = os.path.join(PULUMI, "node_modules")
    if not os.path.isdir(os.path.join(path, "@pulumi", "aws")):
        r.fail("setup", f"{path} lacks @pulumi/aws: run npm ci --ignore-scripts in {PULUMI}")
        return None
    return path


def tsc(workdir: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.path.join(PULUMI, "node_modules", ".bin", "tsc"), "--pretty", "false", *args],
        cwd=workdir, capture_output=True, text=True,
    )


# --------------------------------------------------------------- Pulumi.yaml

def type_ok(kind: str, items: dict | None, value) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list) and items is not None and all(
            type_ok(items.get("type", ""), items.get("items"), v) for v in value)
    return False


def check_project(r: Report, path: str, runtime: str) -> dict:
    with open(path) as f:
        project = yaml.safe_load(f)
    if not isinstance(project, dict):
        r.fail("Pulumi.yaml", "not a mapping")
        return {}
    name = project.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        r.fail("Pulumi.yaml", f"invalid project name {name!r}")
    rt = project.get("runtime")
    rt_name = rt.get("name") if isinstance(rt, dict) else rt
    if rt_name != runtime:
        r.fail("Pulumi.yaml", f"runtime {rt_name!r}, expected {runtime!r}")
    config = project.get("config") or {}
    for key, entry in config.items():
        where = f"Pulumi.yaml config {key}"
        namespaced = ":" in key and not key.startswith(f"{name}:")
        if not isinstance(entry, dict):
            continue  # a plain value
        if namespaced:
            if "type" in entry or "default" in entry:
                r.fail(where, "a key not namespaced by the project may give only a value")
            if "value" not in entry:
                r.fail(where, "namespaced key without a value")
            continue
        if "value" in entry and "default" in entry:
            r.fail(where, "has both a default and a value")
        if "type" in entry:
            kind = entry["type"]
            if kind not in PROJECT_TYPES:
                r.fail(where, f"unknown type {kind!r}")
            if kind == "array" and "items" not in entry:
                r.fail(where, "an array without items")
            if "default" in entry and not type_ok(kind, entry.get("items"), entry["default"]):
                r.fail(where, f"default {entry['default']!r} is not of type {kind}")
        elif "value" not in entry:
            r.fail(where, "neither a type nor a value")
        r.count("config keys checked")
    return config


# ------------------------------------------------------------- TypeScript

TS_FLAGS = ["--strict", "--noUnusedLocals", "--target", "es2020", "--module", "commonjs",
            "--moduleResolution", "node", "--noFallthroughCasesInSwitch", "--noImplicitReturns"]


def check_tsconfig(r: Report, src: str) -> None:
    """The settings tsc is run with below must be the program's own."""
    with open(os.path.join(src, "tsconfig.json")) as f:
        options = json.load(f).get("compilerOptions", {})
    for key in ("strict", "noUnusedLocals"):
        if options.get(key) is not True:
            r.fail("tsconfig.json", f"{key} is not on")
    for key, want in (("target", "es2020"), ("module", "commonjs")):
        if options.get(key) != want:
            r.fail("tsconfig.json", f"{key} is {options.get(key)!r}, expected {want!r}")


# --------------------------------------------------------------------- Go

def ts_namespace(pkg: str) -> str | None:
    if pkg == AWS_GO:
        return ""
    if pkg.startswith(AWS_GO + "/"):
        return pkg[len(AWS_GO) + 1:]
    return None


def lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def check_go(r: Report, src: str, goscan: str) -> dict:
    main = os.path.join(src, "main.go")
    res = subprocess.run(["gofmt", "-l", main], capture_output=True, text=True)
    if res.returncode != 0 or res.stdout.strip():
        r.fail("main.go", f"gofmt: {(res.stdout + res.stderr).strip() or 'not formatted'}")
    else:
        r.count("Go programs gofmt-clean")
    with open(os.path.join(src, "go.mod")) as f:
        gomod = f.read()
    for module in ("github.com/pulumi/pulumi-aws/sdk/v7 v7.", "github.com/pulumi/pulumi/sdk/v3 v3."):
        if module not in gomod:
            r.fail("go.mod", f"does not require {module.split()[0]}")
    res = subprocess.run([goscan, main], capture_output=True, text=True)
    if res.returncode != 0:
        r.fail("main.go", f"go/parser: {res.stderr.strip()}")
        return {"documents": [], "types": {}, "uses": [], "imports": {}}
    return json.loads(res.stdout)


def ts_type_of(pkg: str, owner: str, resources: set[str], functions: set[str]) -> str | None:
    """The TypeScript type a Go type name stands for, by the SDK naming rules."""
    ns = ts_namespace(pkg)
    if ns is None:
        return None
    mod = "aws" + (f".{ns}" if ns else "")
    inputs = "aws.types.input" + (f".{ns}" if ns else "")
    name = owner
    if name.startswith("Lookup"):
        name = "Get" + name[len("Lookup"):]
    if name.endswith("Array"):
        element = ts_type_of(pkg, name[: -len("Array")] + "Args", resources, functions)
        return f"{element}[]" if element else None
    top = name[: -len("Args")] if name.endswith("Args") else None
    if top is not None and (top in resources or lower_first(top.removesuffix("Output")) in functions):
        return f"{mod}.{name}"
    if name.startswith("Get"):
        return f"{inputs}.{name}"
    if top is not None:
        return f"{inputs}.{top}"
    return None


VALUE_TYPES = {
    "pulumi.String": "string", "pulumi.StringRef": "string", "pulumi.Sprintf": "string",
    "pulumi.Bool": "boolean", "pulumi.Int": "number", "pulumi.StringArray": "string[]",
    "pulumi.ToStringArray": "string[]", "pulumi.StringMap": "Record<string, string>",
    "[]string": "string[]", "literal": "string", "expr": "string",
}


def go_names(r: Report, scan: dict) -> tuple[list[str], dict[int, str]]:
    """A TypeScript file that names everything main.go uses, line by line."""
    uses = scan["uses"]
    imports = scan["imports"].values()
    for path in imports:
        if path in STD_PACKAGES or path in CORE_NAMES:
            continue
        if ts_namespace(path) is None:
            r.fail("main.go", f"imports {path}, which is neither the Pulumi AWS SDK nor allowed")
    resources = {u["name"][3:] for u in uses if u["kind"] == "func" and u["name"].startswith("New")}
    functions = {lower_first(u["name"].replace("Lookup", "Get", 1).removesuffix("Output"))
                 for u in uses if u["kind"] == "func" and u["name"].startswith(("Get", "Lookup"))}
    lines = ['import * as aws from "@pulumi/aws";', 'import * as pulumi from "@pulumi/pulumi";']
    origin: dict[int, str] = {}

    def emit(ts: str, what: str) -> None:
        origin[len(lines) + 1] = what
        lines.append(ts)

    n = 0
    for u in uses:
        pkg, kind = u["pkg"], u["kind"]
        where = f"main.go:{u['line']} {u.get('owner', '') + '.' if u.get('owner') else ''}{u['name']}"
        if pkg in CORE_NAMES:
            if kind in ("func", "type") and u["name"] not in CORE_NAMES[pkg]:
                r.fail(where, f"{pkg}.{u['name']} is not on the list of core SDK names")
            continue
        if pkg in STD_PACKAGES:
            continue
        ns = ts_namespace(pkg)
        if ns is None:
            continue
        mod = "aws" + (f".{ns}" if ns else "")
        n += 1
        name = u["name"]
        if kind == "func":
            if name.startswith("New"):
                emit(f"export const u{n}: typeof {mod}.{name[3:]} = {mod}.{name[3:]};", where)
            elif name.startswith("Lookup"):
                rest = name[len("Lookup"):]
                base = rest.removesuffix("Output")
                emit(f"export const u{n}: typeof {mod}.get{rest} = {mod}.get{rest};", where)
                emit(f"export type u{n}r = {mod}.{base};", where + " (Lookup: the module has a resource of that name)")
            elif name.startswith("Get"):
                emit(f"export const u{n}: typeof {mod}.get{name[3:]} = {mod}.get{name[3:]};", where)
            else:
                r.fail(where, "a package function that is neither New, Get nor Lookup")
        elif kind == "type":
            ts = ts_type_of(pkg, name, resources, functions)
            if ts is None:
                r.fail(where, "no TypeScript counterpart under the naming rules")
            else:
                emit(f"export type u{n} = {ts};", where)
        elif kind == "field":
            owner = ts_type_of(pkg, u["owner"], resources, functions)
            if owner is None:
                continue
            owner = owner.removesuffix("[]")
            prop = f'NonNullable<{owner}["{lower_first(name)}"]>'
            value = u.get("value", "expr")
            if value.startswith("&") or value.startswith("[]") and value != "[]string" or "." in value and not value.startswith("pulumi."):
                vpkg_name = value.lstrip("&").removeprefix("[]")
                vpkg, _, vname = vpkg_name.partition(".")
                vpath = next((p for p in imports if p.rsplit("/", 1)[-1] == vpkg), "")
                vts = ts_type_of(vpath, vname, resources, functions)
                if vts is None:
                    r.fail(where, f"value {value} has no TypeScript counterpart")
                    continue
                if value.startswith("[]"):
                    vts += "[]"
            else:
                vts = VALUE_TYPES.get(value, "string")
            emit(f"declare const v{n}: {vts}; export const u{n}: pulumi.Input<{prop}> = v{n};", where + f" = {value}")
        elif kind in ("attr", "result"):
            owner = u["owner"]
            if kind == "attr":
                t = f"{mod}.{owner[3:]}"
                prop = "id" if name == "ID" else lower_first(name)
            else:
                base = owner.removesuffix("Output")
                base = "Get" + base[len("Lookup"):] if base.startswith("Lookup") else base
                t = f"{mod}.{base}Result"
                prop = lower_first(name)
            expr = f'{t}["{prop}"]'
            sub = u.get("sub")
            if sub and sub not in ("ApplyT",):
                expr = f'pulumi.Unwrap<{expr}>["{lower_first(sub)}"]'
            emit(f"export type u{n} = {expr};", where + (f".{sub}" if sub else ""))
    r.count("Go SDK names checked against @pulumi/aws", n)
    return lines, origin


def typecheck(jobs: list["Job"], modules: str) -> None:
    """One tsc run for every TypeScript program and every Go names file (tsc
    loads the @pulumi/aws declarations once)."""
    if not jobs:
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(modules, os.path.join(tmp, "node_modules"))
        roots = []
        for i, job in enumerate(jobs):
            if job.go:
                job.file = f"g{i}.ts"
                with open(os.path.join(tmp, job.file), "w") as f:
                    f.write("\n".join(job.names[0]) + "\n")
            else:
                os.mkdir(os.path.join(tmp, f"p{i}"))
                job.file = f"p{i}/index.ts"
                shutil.copy(os.path.join(job.src, "index.ts"), os.path.join(tmp, job.file))
            roots.append(job.file)
        res = tsc(tmp, "--noEmit", *TS_FLAGS, *roots)
    by_file = {job.file: job for job in jobs}
    seen = set()
    for line in (res.stdout + res.stderr).splitlines():
        m = re.match(r"(\S+?)\((\d+),\d+\): error (.*)", line)
        job = by_file.get(m.group(1)) if m else None
        if job is None:
            continue
        seen.add(job.file)
        if job.go:
            job.r.fail(job.names[1].get(int(m.group(2)), "main.go"), f"not in @pulumi/aws: {m.group(3)}")
        else:
            job.r.fail(f"index.ts:{m.group(2)}", f"tsc: {m.group(3)}")
    if res.returncode != 0 and not seen:
        for job in jobs:
            job.r.fail("tsc", (res.stdout + res.stderr).strip()[:2000])
    for job in jobs:
        if not job.go and job.file not in seen:
            job.r.count("TypeScript programs type-checked (tsc --strict)")


# --------------------------------------------------------------------- IAM

PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def resolver(types: dict, config: dict):
    defaults = {}
    for key, entry in config.items():
        if isinstance(entry, dict) and isinstance(entry.get("default"), str):
            defaults[key] = entry["default"]
            defaults[key + "Config"] = entry["default"]

    def one(m: re.Match) -> str:
        expr = m.group(1)
        if expr.startswith("aws:"):
            return m.group(0)  # an IAM policy variable
        if expr in CONTEXT:
            return CONTEXT[expr]
        if expr in defaults:
            return defaults[expr]
        var, _, attr = expr.rpartition(".")
        ty = types.get(var, var)  # Go placeholders carry the type already
        if attr.lower() == "arn" and ty in ARNS:
            return ARNS[ty].format(name=var.rsplit(".", 1)[-1])
        raise ValueError(f"unresolved ${{{expr}}}")

    def resolve(v):
        if isinstance(v, str):
            return PLACEHOLDER.sub(one, v)
        if isinstance(v, list):
            return [resolve(x) for x in v]
        if isinstance(v, dict):
            return {k: resolve(x) for k, x in v.items()}
        return v

    return resolve


def go_document(doc: dict) -> dict:
    """getPolicyDocument arguments → IAM JSON."""
    statements = []
    for st in doc.get("Statements", []):
        out = {"Effect": st.get("Effect", "Allow")}
        if "Sid" in st:
            out["Sid"] = st["Sid"]
        out["Action"] = st.get("Actions", [])
        if "Resources" in st:
            out["Resource"] = st["Resources"]
        for p in st.get("Principals", []):
            out.setdefault("Principal", {}).setdefault(p["Type"], []).extend(p["Identifiers"])
        for c in st.get("Conditions", []):
            out.setdefault("Condition", {}).setdefault(c["Test"], {})[c["Variable"]] = c["Values"]
        statements.append(out)
    return {"Version": "2012-10-17", "Statement": statements}


def check_policies(r: Report, docs: list[tuple[str, dict]], accepted: dict) -> None:
    for name, doc in docs:
        statements = doc.get("Statement", [])
        principals = any("Principal" in s for s in statements)
        resources = any("Resource" in s for s in statements)
        kind = "trust" if principals and not resources else ("key" if principals else "identity")
        if kind == "trust":
            for st in statements:
                st["Resource"] = f"arn:aws:iam::{ACCOUNT}:role/{name}"
        allowed = set(accepted.get(kind, {}).keys())
        findings = parliament.analyze_policy_string(json.dumps(doc), include_community_auditors=True).findings
        r.count("IAM policies checked with parliament")
        for f in findings:
            if f.issue not in allowed:
                r.fail(f"policy {name} ({kind})", f"parliament {f.issue}: {f.detail}")


# -------------------------------------------------------------------- main

class Job:
    """One bundle on its way through the checks."""

    def __init__(self, bundle: str) -> None:
        self.bundle = bundle
        self.r = Report(os.path.basename(os.path.normpath(bundle)))
        self.src = os.path.join(bundle, "pulumi")
        self.go = os.path.exists(os.path.join(self.src, "main.go"))
        self.config: dict = {}
        self.read: dict = {"documents": [], "types": {}}
        self.names: tuple[list[str], dict[int, str]] = ([], {})
        self.file = ""


def build_goscan(tmp: str) -> str:
    out = os.path.join(tmp, "goscan")
    res = subprocess.run(["go", "build", "-o", out, "."], cwd=os.path.join(PULUMI, "goscan"),
                         capture_output=True, text=True, env={**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local"})
    if res.returncode != 0:
        raise SystemExit(f"building goscan failed: {res.stderr}")
    return out


def check_bundles(bundles: list[str], accepted: dict) -> list[Report]:
    sys.path.insert(0, HERE)
    import check_bundle as common  # noqa: E402 - the Kubernetes checks every bundle shares

    jobs = [Job(b) for b in bundles]
    modules = node_modules(jobs[0].r) if jobs else None
    if modules is None:
        return [j.r for j in jobs]
    with tempfile.TemporaryDirectory() as tmp:
        goscan = build_goscan(tmp) if any(j.go for j in jobs) else ""
        for job in jobs:
            if not job.go and not os.path.exists(os.path.join(job.src, "index.ts")):
                job.r.fail("pulumi/", "neither index.ts nor main.go")
                continue
            job.config = check_project(job.r, os.path.join(job.src, "Pulumi.yaml"), "go" if job.go else "nodejs")
            if job.go:
                job.read = check_go(job.r, job.src, goscan)
                job.names = go_names(job.r, job.read)
            else:
                check_tsconfig(job.r, job.src)
    ts_jobs = [j for j in jobs if not j.go and os.path.exists(os.path.join(j.src, "index.ts"))]
    if ts_jobs:
        paths = [os.path.join(j.src, "index.ts") for j in ts_jobs]
        res = subprocess.run(["node", os.path.join(PULUMI, "ts_documents.mjs"), *paths],
                             capture_output=True, text=True, env={**os.environ, "NODE_PATH": modules})
        if res.returncode != 0:
            for j in ts_jobs:
                j.r.fail("index.ts", f"documents could not be read: {res.stderr.strip()}")
        else:
            out = json.loads(res.stdout)
            for j, path in zip(ts_jobs, paths):
                j.read = out[path]
                for d in j.read["diagnostics"]:
                    j.r.fail("index.ts", f"parse: {d}")
    typecheck([j for j in jobs if j.go or j in ts_jobs], modules)
    for job in jobs:
        finish(job, accepted, common)
    return [j.r for j in jobs]


def finish(job: Job, accepted: dict, common) -> None:
    r, bundle = job.r, job.bundle
    resolve = resolver(job.read.get("types", {}), job.config)
    docs: list[tuple[str, dict]] = []
    for d in job.read.get("documents", []):
        name = d.get("name") or f"main-go-line-{d['line']}"
        try:
            doc = go_document(d["document"]) if job.go else d["document"]
            docs.append((name, resolve(doc)))
        except ValueError as e:
            r.fail(f"policy {name}", str(e))
    if not docs:
        r.fail("IAM", "no policy documents found")
    check_policies(r, docs, accepted.get("parliament", {}))
    with open(os.path.join(bundle, "plan.yaml")) as f:
        plan = yaml.safe_load(f) or {}
    common.check_yaml(r, bundle, str(plan.get("cluster", {}).get("kubernetes_version", "1.35")))
    res = subprocess.run(["bash", "-n", os.path.join(bundle, "scripts", "teardown.sh")], capture_output=True, text=True)
    if res.returncode != 0:
        r.fail("scripts/teardown.sh", res.stderr.strip())
    with open(os.path.join(bundle, "README.md")) as f:
        readme = f.read()
    for needle in ("pulumi stack init", "pulumi up", "kubectl get nodepools,nodeclasses,nodes", "scripts/teardown.sh", "pulumi destroy"):
        if needle not in readme:
            r.fail("README.md", f"does not mention `{needle}`")


def check_bundle(bundle: str, accepted: dict) -> Report:
    return check_bundles([bundle], accepted)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundles", nargs="+")
    args = ap.parse_args()
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    failures = []
    for r in check_bundles(args.bundles, accepted):
        summary = ", ".join(f"{v} {k}" for k, v in sorted(r.counts.items()))
        print(f"{r.bundle}: {'OK' if not r.failures else 'FAILED'} ({summary})")
        failures += r.failures
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
