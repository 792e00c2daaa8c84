//! **Validate**: every Auto Mode rule and catchable pitfall, as diagnostics.
//!
//! Rules are grouped by plan section, one module each. They only read the
//! plan; anything date-dependent (version support windows) uses
//! [`Options::today`], supplied by the host, because the core never reads
//! the clock.

mod access;
pub mod annotations;
mod automode;
pub mod capacity;
mod cluster;
mod loadbalancing;
mod network;
mod nodeclass;
mod nodepool;
mod pod_identity;
mod storage;
pub mod syntax;
mod workload;

pub(crate) use access::policy_name;
pub use nodepool::{PoolTypes, launches_any, pool_types};

use crate::catalog::date::Date;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::plan::Plan;

/// What validation may know about the outside world.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Today's date, for support-window rules. `None` skips them.
    pub today: Option<Date>,
}

/// Check a plan. Returns every finding, errors first.
pub fn validate(plan: &Plan, options: &Options) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        plan,
        options,
        out: Vec::new(),
    };
    cluster::check(&mut cx);
    network::check(&mut cx);
    automode::check(&mut cx);
    access::check(&mut cx);
    nodeclass::check(&mut cx);
    nodepool::check(&mut cx);
    storage::check(&mut cx);
    loadbalancing::check(&mut cx);
    pod_identity::check(&mut cx);
    workload::check(&mut cx);
    capacity::check(&mut cx);
    let mut out = cx.out;
    diag::sort(&mut out);
    out.dedup();
    out
}

/// Shared state of one validation run.
pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub options: &'a Options,
    pub out: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Report with the code's default severity.
    pub fn report(
        &mut self,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.out.push(Diagnostic::new(code, path, message, fix));
    }

    /// Report with an explicit severity.
    pub fn report_as(
        &mut self,
        severity: Severity,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.out
            .push(Diagnostic::new(code, path, message, fix).with_severity(severity));
    }

    /// Warn when an ARN names a documentation placeholder account.
    pub fn check_placeholder_account(&mut self, path: &str, arn: &str) {
        if let Some(parsed) = syntax::parse_arn(arn)
            && syntax::placeholder_account(parsed.account)
        {
            self.report(
                Code::PlaceholderAccount,
                path,
                format!(
                    "`{arn}` uses the documentation account {}; apply will fail in a real account",
                    parsed.account
                ),
                "Replace it with your own account id and resource.",
            );
        }
    }
}

/// Report duplicates in a list of keys: calls `report(index, key)` for each
/// later repeat.
pub(crate) fn duplicates<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(usize, &'a str)> {
    let mut seen = std::collections::BTreeSet::new();
    keys.enumerate()
        .filter(|(_, k)| !k.is_empty() && !seen.insert(*k))
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Validate with a fixed date (the version table's date).
    pub fn check(plan: &Plan) -> Vec<Diagnostic> {
        check_on(plan, crate::catalog::versions::TABLE_DATE)
    }

    /// Validate as on `today`.
    pub fn check_on(plan: &Plan, today: Date) -> Vec<Diagnostic> {
        validate(plan, &Options { today: Some(today) })
    }

    /// Assert `code` is reported at `path` with `severity`.
    pub fn assert_reported(plan: &Plan, code: Code, path: &str, severity: Severity) {
        let diags = check(plan);
        assert!(
            diags
                .iter()
                .any(|d| d.code == code && d.path == path && d.severity == severity),
            "expected {} {severity} at {path}, got:\n{}",
            code.as_str(),
            diags
                .iter()
                .map(|d| format!("  {d}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    /// Assert `code` is not reported at all.
    pub fn assert_not_reported(plan: &Plan, code: Code) {
        let diags = check(plan);
        assert!(
            !diags.iter().any(|d| d.code == code),
            "did not expect {}:\n{}",
            code.as_str(),
            diags
                .iter()
                .map(|d| format!("  {d}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    /// A plan that passes with no errors (the production preset's shape).
    pub fn good() -> Plan {
        let mut plan = Plan::default();
        plan.cluster.endpoint.public_access_cidrs = vec!["203.0.113.0/24".into()];
        plan
    }
}

#[cfg(test)]
mod coverage {
    use crate::diag::Code;

    /// Every rule has at least one unit test: each code must be named in the
    /// test module of a rule file (after its `#[cfg(test)]`).
    #[test]
    fn every_code_has_a_unit_test() {
        let sources = [
            include_str!("access.rs"),
            include_str!("annotations.rs"),
            include_str!("automode.rs"),
            include_str!("capacity.rs"),
            include_str!("cluster.rs"),
            include_str!("loadbalancing.rs"),
            include_str!("network.rs"),
            include_str!("nodeclass.rs"),
            include_str!("nodepool.rs"),
            include_str!("pod_identity.rs"),
            include_str!("storage.rs"),
            include_str!("workload.rs"),
            include_str!("../design/verify.rs"),
        ];
        let mut tests: String = sources
            .iter()
            .filter_map(|s| s.split_once("#[cfg(test)]").map(|(_, t)| t))
            .collect();
        // Test modules that are files of their own (migration: MI and MR).
        tests.push_str(include_str!("../import/tests.rs"));
        tests.push_str(include_str!("../migrate/tests.rs"));
        let missing: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| !tests.contains(&format!("Code::{c:?}")))
            .map(|c| c.as_str())
            .collect();
        assert!(missing.is_empty(), "codes without a unit test: {missing:?}");
    }
}
