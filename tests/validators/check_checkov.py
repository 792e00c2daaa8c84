#!/usr/bin/env python3
"""Run checkov on each bundle's Terraform and enforce the accepted list.

A check in ``checkov_required`` (accepted.yaml) must never fail. Any other
failing check must be listed under ``checkov`` with a reason (and, if it
names resources, only those resources may fail it; if it names Kubernetes
versions, only bundles whose plan uses one of them). Runs in its own
virtualenv: checkov ships a module named ``hcl2`` that would shadow
python-hcl2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def run_checkov(tfdir: str) -> tuple[list[dict], int]:
    cmd = [os.path.join(os.path.dirname(sys.executable), "checkov"), "-d", tfdir, "--framework", "terraform",
           "--skip-download", "-o", "json", "--quiet"]
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


def main() -> int:
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    allowed = accepted["checkov"]
    required = set(accepted["checkov_required"])
    problems = []
    for bundle in sys.argv[1:]:
        name = os.path.basename(os.path.normpath(bundle))
        failed, passed = run_checkov(os.path.join(bundle, "terraform"))
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
        print(f"{name}: {passed} checks passed, {len(failed)} failed ({len(accepted_here)} accepted: {', '.join(sorted(set(accepted_here))) or 'none'})")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
