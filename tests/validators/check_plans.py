#!/usr/bin/env python3
"""Validate plan files (presets, fixtures) against the published JSON Schema."""

import json
import sys

import jsonschema
import yaml


def main() -> int:
    schema_path, *plans = sys.argv[1:]
    with open(schema_path) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for p in plans:
        with open(p) as f:
            doc = yaml.safe_load(f) or {}
        errors = list(validator.iter_errors(doc))
        for e in errors:
            print(f"{p}: {'/'.join(map(str, e.path))}: {e.message}")
        bad += bool(errors)
    # The schema must also reject what the planner rejects.
    for doc in ({"cluster": {"nmae": "typo"}}, {"network": {"nat": "sometimes"}}):
        if validator.is_valid(doc):
            print(f"schema accepted an invalid plan: {doc}")
            bad += 1
    print(f"{len(plans)} plan files checked against {schema_path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
