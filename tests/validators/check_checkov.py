#!/usr/bin/env python3
"""Run checkov on each bundle's Terraform (or, with ``--framework
cloudformation``, its CloudFormation templates: the CloudFormation target's,
eksctl's prerequisites stack, the CDK app's synthesised template) and
enforce the accepted list.

A check in ``checkov_required`` (accepted.yaml) must never fail. Any other
failing check must be listed under ``checkov`` with a reason (and, if it
names resources, only those resources may fail it; if it names Kubernetes
versions, only bundles whose plan uses one of them). Runs in its own
virtualenv: checkov ships a module named ``hcl2`` that would shadow
python-hcl2.

Bundles with required inputs (variables without a default) are scanned as
they would be applied: with the values of ``deploy-inputs.tfvars``. A
required input the file does not set fails the run, and a required
``public_access_cidrs`` must carry the validation that refuses the
internet, so the file can never hide a world-open endpoint.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


INPUTS = os.path.join(HERE, "deploy-inputs.tfvars")
VARIABLE = re.compile(r'^variable "([a-z0-9_]+)" \{\n(.*?)^\}', re.S | re.M)


def required_inputs(tfdir: str) -> dict[str, str]:
    """Variables without a default, with their bodies."""
    path = os.path.join(tfdir, "variables.tf")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        text = f.read()
    return {m.group(1): m.group(2) for m in VARIABLE.finditer(text)
            if not re.search(r"^\s+default\s+=", m.group(2), re.M)}


def supplied_inputs() -> set[str]:
    with open(INPUTS) as f:
        return {m.group(1) for m in re.finditer(r"^([a-z0-9_]+)\s*=", f.read(), re.M)}


def run_checkov(tfdir: str, var_file: str | None = None, framework: str = "terraform") -> tuple[list[dict], int]:
    cmd = [os.path.join(os.path.dirname(sys.executable), "checkov"), "-d", tfdir, "--framework", framework,
           "--skip-download", "-o", "json", "--quiet"]
    if var_file:
        cmd += ["--var-file", var_file]
    res = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"})
    out = res.stdout.strip()
    if not out:
        raise SystemExit(f"checkov printed nothing for {tfdir}: {res.stderr[-2000:]}")
    data = json.loads(out)
    reports = data if isinstance(data, list) else [data]
    failed, passed = [], 0
    for rep in reports:
        results = rep.get("results", {})
        failed += results.get("failed_checks", [])
        passed += rep.get("summary", {}).get("passed", 0)
    return failed, passed


def template_dir(bundle: str, framework: str) -> str:
    """The folder checkov reads for a bundle."""
    if framework == "terraform":
        return os.path.join(bundle, "terraform")
    for sub in ("cloudformation", "eksctl", os.path.join("cdk", "cdk.out")):
        if os.path.isdir(os.path.join(bundle, sub)):
            return os.path.join(bundle, sub)
    raise SystemExit(f"{bundle}: no CloudFormation template (for CDK, run check_stacks.py first to synthesise it)")


def main() -> int:
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    allowed = accepted["checkov"]
    required = set(accepted["checkov_required"])
    problems = []
    args = sys.argv[1:]
    framework = "terraform"
    if args[:1] == ["--framework"]:
        framework, args = args[1], args[2:]
    for bundle in args:
        name = os.path.relpath(os.path.normpath(bundle), os.path.dirname(os.path.dirname(os.path.normpath(bundle))))
        if framework == "terraform":
            name = os.path.basename(os.path.normpath(bundle))
            tfdir = os.path.join(bundle, "terraform")
            needed = required_inputs(tfdir)
            missing = set(needed) - supplied_inputs()
            if missing:
                problems.append(f"{name}: required inputs {sorted(missing)} are not in deploy-inputs.tfvars")
            cidrs = needed.get("public_access_cidrs")
            if cidrs is not None and "split(\"/\", c)[1]) >= 8" not in cidrs:
                problems.append(f"{name}: required public_access_cidrs does not refuse the internet")
            failed, passed = run_checkov(tfdir, INPUTS if needed else None)
        else:
            needed = {}
            failed, passed = run_checkov(template_dir(bundle, framework), None, framework)
        with open(os.path.join(bundle, "plan.yaml")) as f:
            version = str((yaml.safe_load(f) or {}).get("cluster", {}).get("kubernetes_version", ""))
        accepted_here = []
        for c in failed:
            cid, res = c["check_id"], c["resource"]
            rule = allowed.get(cid)
            if cid in required:
                problems.append(f"{name}: required check {cid} failed on {res}: {c['check_name']}")
            elif rule is None:
                problems.append(f"{name}: {cid} failed on {res} and is not in accepted.yaml: {c['check_name']}")
            elif rule.get("resources") and res not in rule["resources"]:
                problems.append(f"{name}: {cid} failed on {res}; accepted only for {rule['resources']}")
            elif rule.get("versions") and version not in rule["versions"]:
                problems.append(f"{name}: {cid} failed on {res} for Kubernetes {version}; accepted only for {rule['versions']}")
            else:
                accepted_here.append(f"{cid}:{res}")
        inputs = f", required inputs {', '.join(sorted(needed))} from deploy-inputs.tfvars" if needed else ""
        print(f"{name}: {passed} checks passed, {len(failed)} failed ({len(accepted_here)} accepted: {', '.join(sorted(set(accepted_here))) or 'none'}){inputs}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
