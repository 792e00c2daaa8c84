//! The S3 access builder: least-privilege statements for reading or writing
//! one bucket, or one prefix in it.
//!
//! * `read`: `s3:ListBucket` on the bucket, limited to the prefix with an
//!   `s3:prefix` condition, and `s3:GetObject` on the objects under it;
//! * `write`: `s3:PutObject` and `s3:AbortMultipartUpload` on the objects
//!   (no listing, reading or deleting);
//! * `read_write`: both, plus `s3:DeleteObject`.
//!
//! A prefix is a folder: `reports` becomes `reports/`, so `reports-old/` is
//! not included.

use crate::design::{PolicyDocument, Statement, Value};
use crate::plan::S3Access;

/// A prefix as a folder (`reports` → `reports/`), or `""` for the bucket.
pub(crate) fn folder(prefix: Option<&str>) -> String {
    match prefix {
        None | Some("") => String::new(),
        Some(p) if p.ends_with('/') => p.to_owned(),
        Some(p) => format!("{p}/"),
    }
}

/// The policy document for a list of S3 accesses.
pub(crate) fn policy(accesses: &[S3Access]) -> PolicyDocument {
    let mut statements = Vec::new();
    let numbered = accesses.len() > 1;
    for (i, a) in accesses.iter().enumerate() {
        let n = if numbered {
            (i + 1).to_string()
        } else {
            String::new()
        };
        let prefix = folder(a.prefix.as_deref());
        let bucket = Value::arn(format!("s3:::{}", a.bucket));
        let objects = Value::arn(format!("s3:::{}/{prefix}*", a.bucket));
        if a.access.reads() {
            let mut list =
                Statement::allow(&["s3:ListBucket"], vec![bucket]).sid(&format!("ListBucket{n}"));
            if !prefix.is_empty() {
                list = list.when(
                    "StringLike",
                    "s3:prefix",
                    vec![Value::lit(prefix.clone()), Value::lit(format!("{prefix}*"))],
                );
            }
            statements.push(list);
            statements.push(
                Statement::allow(&["s3:GetObject"], vec![objects.clone()])
                    .sid(&format!("ReadObjects{n}")),
            );
        }
        if a.access.writes() {
            let mut actions = vec!["s3:PutObject", "s3:AbortMultipartUpload"];
            if a.access.reads() {
                actions.push("s3:DeleteObject");
            }
            statements
                .push(Statement::allow(&actions, vec![objects]).sid(&format!("WriteObjects{n}")));
        }
    }
    PolicyDocument { statements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::S3AccessLevel;

    fn access(prefix: Option<&str>, level: S3AccessLevel) -> S3Access {
        S3Access {
            bucket: "orders".into(),
            prefix: prefix.map(str::to_owned),
            access: level,
        }
    }

    #[test]
    fn read_one_prefix() {
        let doc = policy(&[access(Some("reports"), S3AccessLevel::Read)]);
        assert_eq!(doc.statements.len(), 2);
        let list = &doc.statements[0];
        assert_eq!(list.actions, ["s3:ListBucket"]);
        assert_eq!(list.resources[0].describe(), "arn:<partition>:s3:::orders");
        assert_eq!(list.conditions[0].variable, "s3:prefix");
        let values: Vec<String> = list.conditions[0]
            .values
            .iter()
            .map(Value::describe)
            .collect();
        assert_eq!(values, ["reports/", "reports/*"]);
        assert_eq!(doc.statements[1].actions, ["s3:GetObject"]);
        assert_eq!(
            doc.statements[1].resources[0].describe(),
            "arn:<partition>:s3:::orders/reports/*"
        );
    }

    #[test]
    fn write_cannot_read_or_delete() {
        let doc = policy(&[access(None, S3AccessLevel::Write)]);
        assert_eq!(doc.statements.len(), 1);
        assert_eq!(
            doc.statements[0].actions,
            ["s3:PutObject", "s3:AbortMultipartUpload"]
        );
        assert_eq!(
            doc.statements[0].resources[0].describe(),
            "arn:<partition>:s3:::orders/*"
        );
    }

    #[test]
    fn read_write_deletes_and_sids_are_unique() {
        let doc = policy(&[
            access(None, S3AccessLevel::ReadWrite),
            access(Some("a/"), S3AccessLevel::Read),
        ]);
        assert!(
            doc.statements[2]
                .actions
                .contains(&"s3:DeleteObject".to_owned())
        );
        assert!(doc.statements[0].conditions.is_empty());
        let mut sids: Vec<&str> = doc
            .statements
            .iter()
            .filter_map(|s| s.sid.as_deref())
            .collect();
        let n = sids.len();
        sids.sort_unstable();
        sids.dedup();
        assert_eq!(sids.len(), n);
    }
}
