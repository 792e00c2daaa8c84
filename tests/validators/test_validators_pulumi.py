#!/usr/bin/env python3
"""The Pulumi validators must reject broken programs, or their passing means
nothing.

Copies a known-good pulumi-ts and pulumi-go bundle, breaks each in one way at
a time, and asserts check_pulumi reports exactly that kind of problem. All
broken copies are checked in one batch (one tsc run).

Usage: test_validators_pulumi.py TS_BUNDLE GO_BUNDLE
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_pulumi  # noqa: E402

# (label, which bundle, file, old, new, expected text in a failure)
BREAKAGES = [
    ("TS unknown property", "ts", "pulumi/index.ts", "deletionProtection:", "deletionProtektion:", "deletionProtektion"),
    ("TS wrong value type", "ts", "pulumi/index.ts", "enableKeyRotation: true", 'enableKeyRotation: "yes"', "tsc"),
    ("TS unknown resource", "ts", "pulumi/index.ts", "new aws.eks.AccessEntry(", "new aws.eks.AccessEntri(", "AccessEntri"),
    ("TS not strict", "ts", "pulumi/tsconfig.json", '"strict": true', '"strict": false', "strict is not on"),
    ("TS unknown IAM action", "ts", "pulumi/index.ts", '"sts:TagSession"', '"sts:TagSessions"', "UNKNOWN_ACTION"),
    ("Go misspelt field", "go", "pulumi/main.go", "DeletionProtection:", "DeletionProtektion:", "deletionProtektion"),
    ("Go misspelt nested type", "go", "pulumi/main.go", "&eks.ClusterComputeConfigArgs{", "&eks.ClusterComputConfigArgs{", "ClusterComputConfig"),
    ("Go unknown resource", "go", "pulumi/main.go", "eks.NewAccessEntry(", "eks.NewAccessEntri(", "AccessEntri"),
    ("Go unknown attribute", "go", "pulumi/main.go", "clusterRole.Arn", "clusterRole.Amazon", "amazon"),
    ("Go wrong value kind", "go", "pulumi/main.go", "EnableKeyRotation:    pulumi.Bool(true)", "EnableKeyRotation:    pulumi.String(\"yes\")", "EnableKeyRotation"),
    ("Go unknown core name", "go", "pulumi/main.go", "pulumi.DependsOn(", "pulumi.DependOn(", "DependOn"),
    ("Go not gofmt-clean", "go", "pulumi/main.go", "\t\tif err != nil {\n", "\t\tif err != nil  {\n", "gofmt"),
    ("Go unparsable", "go", "pulumi/main.go", "func main() {", "func main() {{", "go/parser"),
    ("Go unknown IAM action", "go", "pulumi/main.go", '"sts:TagSession"', '"sts:TagSessions"', "UNKNOWN_ACTION"),
    ("provider key with a default", "go", "pulumi/Pulumi.yaml", "  \"aws:region\":\n    value:", "  \"aws:region\":\n    default:", "only a value"),
    ("config default of the wrong type", "ts", "pulumi/Pulumi.yaml", "    type: string\n    description: EKS cluster name.", "    type: boolean\n    description: EKS cluster name.", "is not of type boolean"),
]


def edit(root: str, rel: str, old: str, new: str) -> None:
    path = os.path.join(root, rel)
    with open(path) as f:
        text = f.read()
    assert old in text, f"{old!r} not in {rel}"
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def main() -> int:
    bundles = {"ts": sys.argv[1], "go": sys.argv[2]}
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for i, (label, which, rel, old, new, expect) in enumerate(BREAKAGES):
            copy = os.path.join(tmp, f"broken-{i}")
            shutil.copytree(bundles[which], copy)
            edit(copy, rel, old, new)
            copies.append(copy)
        reports = check_pulumi.check_bundles([bundles["ts"], bundles["go"], *copies], accepted)
    failed = []
    for good in reports[:2]:
        if good.failures:
            failed.append(f"the unbroken bundle must pass: {good.failures}")
    for (label, _, _, _, _, expect), r in zip(BREAKAGES, reports[2:]):
        hit = [f for f in r.failures if expect in f]
        print(f"{'caught' if hit else 'MISSED'}: {label}")
        if not hit:
            failed.append(f"{label}: expected a failure containing {expect!r}, got {r.failures}")
    for f in failed:
        print("  " + f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
