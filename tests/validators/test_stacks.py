#!/usr/bin/env python3
"""The stack validators must reject broken bundles, or their passing means
nothing.

Takes the folder holding ``eksctl/``, ``cloudformation/`` and ``cdk/``
bundles (target/validation-stacks) and a preset name; copies that preset's
bundles, breaks them one way at a time, and asserts check_stacks.py reports
exactly that kind of problem.

Usage: test_stacks.py STACKS PRESET --cfn-lint PATH --cdk-modules PATH
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_stacks  # noqa: E402

# (label, target, file, old, new, expected failure text)
BREAKAGES = [
    ("CloudFormation: unknown property", "cloudformation", "cloudformation/template.yaml",
     "EnableDnsSupport: true", "EnableDnsSuport: true", "cfn-lint Error E3002"),
    ("CloudFormation: reference to nothing", "cloudformation", "cloudformation/template.yaml",
     "RoleArn: !GetAtt ClusterRole.Arn", "RoleArn: !GetAtt ClustrRole.Arn", "cfn-lint Error"),
    ("CloudFormation: wrong type", "cloudformation", "cloudformation/template.yaml",
     "RetentionInDays: 365", "RetentionInDays: forever", "cfn-lint Error"),
    ("CloudFormation: unknown IAM action", "cloudformation", "cloudformation/template.yaml",
     "sts:TagSession", "sts:TagSessions", "UNKNOWN_ACTION"),
    ("CloudFormation: YAML lint", "cloudformation", "cloudformation/template.yaml",
     "Type: AWS::EC2::VPC", "Type:   AWS::EC2::VPC", "yamllint"),
    ("script: shellcheck", "cloudformation", "scripts/post-deploy.sh",
     "set -euo pipefail\n", "set -euo pipefail\necho $REGION\n", "shellcheck"),
    ("eksctl: unknown field", "eksctl", "eksctl/cluster.yaml",
     "autoModeConfig:\n", "autoModeConfig:\n  nodePoolz: []\n", "schema"),
    ("eksctl: node role without built-in pools", "eksctl", "eksctl/cluster.yaml",
     "  nodePools:\n    - system\n", "  nodePools: []\n", "cannot specify autoModeConfig.nodeRoleARN"),
    ("eksctl: placeholder that is no output", "eksctl", "eksctl/cluster.yaml",
     "id: \"${ThisVpcId}\"", "id: \"${ThisVpcIdX}\"", "not an output of the prerequisites stack"),
    ("eksctl: invalid access scope", "eksctl", "eksctl/cluster.yaml",
     "            type: cluster", "            type: clusters", "invalid scope"),
    ("eksctl: prerequisites unknown property", "eksctl", "eksctl/prerequisites.yaml",
     "EnableDnsHostnames: true", "EnableDnsHostname: true", "cfn-lint Error E3002"),
    ("CDK: TypeScript type error", "cdk", "cdk/lib/cluster-stack.ts",
     "enableDnsSupport: true", "enableDnsSuport: true", "tsc --strict"),
    ("CDK: synthesised template differs from CloudFormation's", "cdk", "cdk/lib/cluster-stack.ts",
     'roleName: "production-cluster"', 'roleName: "production-cluster2"', "ClusterRole.RoleName"),
]


def edit(root: str, rel: str, old: str, new: str) -> None:
    path = os.path.join(root, rel)
    with open(path) as f:
        text = f.read()
    assert old in text, f"{old!r} not in {rel}"
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def run(bundles: list[str], args) -> list[str]:
    with open(os.path.join(HERE, "schemas", "eksctl-v1alpha5.json")) as f:
        schema = yaml.safe_load(f)
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    failures: list[str] = []
    cdk = [b for b in bundles if os.path.exists(os.path.join(b, "cdk", "cdk.json"))]
    with tempfile.TemporaryDirectory() as build:
        errors = check_stacks.compile_cdk(cdk, os.path.abspath(args.cdk_modules), build)
        for b in bundles:
            failures += check_stacks.check(b, schema, accepted, os.path.abspath(args.cfn_lint), build, errors).failures
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stacks")
    ap.add_argument("preset")
    ap.add_argument("--cfn-lint", required=True)
    ap.add_argument("--cdk-modules", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        def fresh() -> str:
            root = tempfile.mkdtemp(dir=tmp)
            for target in ("eksctl", "cloudformation", "cdk"):
                src = os.path.join(args.stacks, target, args.preset)
                shutil.copytree(src, os.path.join(root, target, args.preset), symlinks=True,
                                ignore=shutil.ignore_patterns("cdk.out", "node_modules"))
            return root

        root = fresh()
        good = run([os.path.join(root, t, args.preset) for t in ("eksctl", "cloudformation", "cdk")], args)
        assert not good, f"the unbroken bundles must pass: {good}"
        missed = []
        for label, target, rel, old, new, expect in BREAKAGES:
            root = fresh()
            bundle = os.path.join(root, target, args.preset)
            edit(bundle, rel, old, new)
            failures = run([bundle], args)
            hit = [f for f in failures if expect in f]
            print(f"{'caught' if hit else 'MISSED'}: {label}")
            if not hit:
                missed.append(f"{label}: expected a failure containing {expect!r}, got {failures}")
    for m in missed:
        print("  " + m)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
