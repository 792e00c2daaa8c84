"""Offline argument schema of the Terraform AWS provider.

The PyPI package ``cdktn-provider-aws`` (25.8.1, generated from
hashicorp/aws 6.69.1) ships a jsii assembly describing every resource and
data source. Each class links to a ``...Config`` struct whose properties link
to the Terraform registry docs, ending in ``#<terraform_argument_name>``;
nested blocks are further structs. This module turns that into::

    {"resource": {"aws_eks_cluster": {"name": {"required": true, "block": null},
                                      "vpc_config": {"required": true, "block": {...}}}},
     "data": {...}}

and caches it as JSON, because reading the 46 MB assembly takes seconds.
The package is located with importlib without importing it (importing
starts a Node.js runtime).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import tarfile

ASSEMBLY = "provider-aws@25.8.1.jsii.tgz"
DOC_LINK = re.compile(r"/docs/(resources|data-sources)/([a-z0-9_]+)(?:#([a-z0-9_]+))?")


def _assembly() -> dict:
    spec = importlib.util.find_spec("cdktn_provider_aws")
    if spec is None or spec.origin is None:
        raise SystemExit("cdktn-provider-aws is not installed")
    path = os.path.join(os.path.dirname(spec.origin), "_jsii", ASSEMBLY)
    with tarfile.open(path) as tf:
        member = tf.extractfile("package/.jsii")
        if member is None:
            raise SystemExit(f"{path} has no package/.jsii")
        return json.load(member)


def _struct_fqns(t: dict) -> list[str]:
    """Struct types referenced by a property type (direct, list, or union)."""
    if "fqn" in t:
        return [t["fqn"]]
    if "collection" in t:
        return _struct_fqns(t["collection"]["elementtype"])
    if "union" in t:
        out: list[str] = []
        for u in t["union"]["types"]:
            out += _struct_fqns(u)
        return out
    return []


def build() -> dict:
    types = _assembly()["types"]

    def struct(fqn: str, seen: frozenset) -> dict:
        out = {}
        t = types.get(fqn, {})
        for p in t.get("properties", []):
            docs = p.get("docs", {})
            # Blocks keep the registry link in "remarks", arguments in "summary".
            m = DOC_LINK.search(docs.get("summary", "") + " " + docs.get("remarks", ""))
            if not m or not m.group(3):
                continue
            name = m.group(3)
            block = None
            for sub in _struct_fqns(p["type"]):
                st = types.get(sub)
                if st and st.get("kind") == "interface" and st.get("datatype") and sub not in seen:
                    block = struct(sub, seen | {sub})
                    break
            out[name] = {"required": not p.get("optional", False), "block": block}
        return out

    schema: dict = {"resource": {}, "data": {}}
    for fqn, t in types.items():
        if t.get("kind") != "class" or t.get("base") not in ("cdktn.TerraformResource", "cdktn.TerraformDataSource"):
            continue
        m = DOC_LINK.search(t.get("docs", {}).get("summary", ""))
        if not m:
            continue
        kind = "resource" if m.group(1) == "resources" else "data"
        schema[kind]["aws_" + m.group(2)] = struct(fqn + "Config", frozenset({fqn + "Config"}))
    return schema


def load(cache: str) -> dict:
    if os.path.exists(cache):
        with open(cache) as f:
            return json.load(f)
    schema = build()
    os.makedirs(os.path.dirname(cache) or ".", exist_ok=True)
    tmp = cache + ".tmp"
    with open(tmp, "w") as f:
        json.dump(schema, f)
    os.replace(tmp, cache)
    return schema


if __name__ == "__main__":
    s = load(sys.argv[1] if len(sys.argv) > 1 else ".tools/aws-provider-schema.json")
    print(f"{len(s['resource'])} resources, {len(s['data'])} data sources")
