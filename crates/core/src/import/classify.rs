//! What a collected file is, decided by its content (its name is only used
//! in messages): the first key of a JSON object names the AWS CLI output,
//! and kubectl output has `apiVersion`/`kind`/`items`.

/// The kinds of collected file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `aws eks describe-cluster`.
    DescribeCluster,
    /// `aws eks list-nodegroups`.
    ListNodegroups,
    /// `aws eks describe-nodegroup`.
    DescribeNodegroup,
    /// `aws ec2 describe-launch-template-versions`.
    LaunchTemplateVersions,
    /// `aws eks list-addons`.
    ListAddons,
    /// `aws eks describe-addon`.
    DescribeAddon,
    /// `aws eks list-fargate-profiles`.
    ListFargateProfiles,
    /// `aws eks describe-fargate-profile`.
    DescribeFargateProfile,
    /// `aws eks list-access-entries`.
    ListAccessEntries,
    /// `aws iam get-role`.
    GetRole,
    /// `aws iam list-attached-role-policies`.
    ListAttachedRolePolicies,
    /// `kubectl get ... -o json`.
    KubectlJson,
    /// `kubectl get ... -o yaml`.
    KubectlYaml,
    /// The log `collect.sh` writes.
    CollectLog,
    /// Not one of the expected outputs.
    Unknown,
}

impl FileKind {
    /// The command whose output this is.
    pub fn command(self) -> &'static str {
        match self {
            FileKind::DescribeCluster => "aws eks describe-cluster",
            FileKind::ListNodegroups => "aws eks list-nodegroups",
            FileKind::DescribeNodegroup => "aws eks describe-nodegroup",
            FileKind::LaunchTemplateVersions => "aws ec2 describe-launch-template-versions",
            FileKind::ListAddons => "aws eks list-addons",
            FileKind::DescribeAddon => "aws eks describe-addon",
            FileKind::ListFargateProfiles => "aws eks list-fargate-profiles",
            FileKind::DescribeFargateProfile => "aws eks describe-fargate-profile",
            FileKind::ListAccessEntries => "aws eks list-access-entries",
            FileKind::GetRole => "aws iam get-role",
            FileKind::ListAttachedRolePolicies => "aws iam list-attached-role-policies",
            FileKind::KubectlJson => "kubectl get ... -o json",
            FileKind::KubectlYaml => "kubectl get ... -o yaml",
            FileKind::CollectLog => "collect.sh (its log)",
            FileKind::Unknown => "unknown",
        }
    }
}

/// What the importer accepts, for messages.
pub const EXPECTED: &str = "the output of aws eks describe-cluster, list-nodegroups, \
describe-nodegroup, list-addons, describe-addon, list-fargate-profiles, describe-fargate-profile \
or list-access-entries (--output json), aws ec2 describe-launch-template-versions, aws iam \
get-role or list-attached-role-policies, or kubectl get ... -o json / -o yaml";

/// The first line of the log `collect.sh` writes.
pub const COLLECT_LOG_HEADER: &str = "# eksplan collect.sh log";

/// The first key of a JSON object, if the text starts like one.
pub fn first_json_key(text: &str) -> Option<String> {
    let rest = text.trim_start_matches('\u{feff}').trim_start();
    let rest = rest.strip_prefix('{')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut key = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(key),
            '\\' => key.push(chars.next()?),
            c => key.push(c),
        }
    }
    None
}

/// Classify a file by its content.
pub fn classify(text: &str) -> FileKind {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with(COLLECT_LOG_HEADER) {
        return FileKind::CollectLog;
    }
    if trimmed.starts_with('{') {
        return match first_json_key(trimmed).as_deref() {
            Some("cluster") => FileKind::DescribeCluster,
            Some("nodegroups") => FileKind::ListNodegroups,
            Some("nodegroup") => FileKind::DescribeNodegroup,
            Some("LaunchTemplateVersions") => FileKind::LaunchTemplateVersions,
            Some("addons") => FileKind::ListAddons,
            Some("addon") => FileKind::DescribeAddon,
            Some("fargateProfileNames") => FileKind::ListFargateProfiles,
            Some("fargateProfile") => FileKind::DescribeFargateProfile,
            Some("accessEntries") => FileKind::ListAccessEntries,
            Some("Role") => FileKind::GetRole,
            Some("AttachedPolicies") => FileKind::ListAttachedRolePolicies,
            Some("apiVersion" | "items" | "kind" | "metadata") => FileKind::KubectlJson,
            _ => FileKind::Unknown,
        };
    }
    // YAML: kubectl's `-o yaml` starts with `apiVersion:` (or `items:` /
    // `kind:` when written by other tools).
    let first = trimmed
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .unwrap_or("");
    if ["apiVersion:", "items:", "kind:"]
        .iter()
        .any(|k| first.starts_with(k))
    {
        FileKind::KubectlYaml
    } else {
        FileKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content() {
        assert_eq!(classify("{\n  \"cluster\": {}}"), FileKind::DescribeCluster);
        assert_eq!(
            classify("\u{feff}{\"nodegroup\":{}}"),
            FileKind::DescribeNodegroup
        );
        assert_eq!(classify("{\"Role\": {}}"), FileKind::GetRole);
        assert_eq!(
            classify("{\"apiVersion\": \"v1\", \"items\": []}"),
            FileKind::KubectlJson
        );
        assert_eq!(
            classify("apiVersion: v1\nitems: []\n"),
            FileKind::KubectlYaml
        );
        assert_eq!(classify("---\n# c\nkind: List\n"), FileKind::KubectlYaml);
        assert_eq!(classify("{\"foo\": 1}"), FileKind::Unknown);
        assert_eq!(classify("hello"), FileKind::Unknown);
        assert_eq!(classify(""), FileKind::Unknown);
        assert_eq!(classify("# eksplan collect.sh log\n"), FileKind::CollectLog);
        assert_eq!(first_json_key("{\"a\\\"b\": 1}").as_deref(), Some("a\"b"));
        assert_eq!(first_json_key("{\"unterminated"), None);
    }
}
