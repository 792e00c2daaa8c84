# What a deployment must supply for a bundle's required inputs (Terraform
# variables without a default). checkov cannot see a value that does not
# exist yet and assumes AWS's default for it (for public_access_cidrs that is
# 0.0.0.0/0); a real deployment cannot start without one, and variables.tf
# refuses any network larger than a /8 unless the plan lists one
# (crates/core/tests/world_open.rs proves it with terraform). So the checkov
# run scans each bundle as it would be applied: with these values.
public_access_cidrs = ["198.51.100.7/32"]
