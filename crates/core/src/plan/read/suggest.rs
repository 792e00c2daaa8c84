//! "Did you mean": the closest known spelling of a misspelt field or value.

/// The candidate closest to `input`, if one is close enough to be what the
/// user meant: the same word in other letter case, or one within a few
/// edits (a transposition such as `versoin` → `version` counts as one).
pub fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(input)) {
        return Some(same);
    }
    let lower = input.to_ascii_lowercase();
    // About one edit in three characters, at least one, at most three.
    let budget = (input.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()),
                *c,
            )
        })
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `` `a`, `b` or `c` `` for messages.
pub fn one_of(candidates: &[&str]) -> String {
    match candidates {
        [] => "nothing".to_owned(),
        [only] => format!("`{only}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|c| format!("`{c}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLUSTER: &[&str] = &[
        "name",
        "region",
        "kubernetes_version",
        "support_type",
        "deletion_protection",
        "tags",
    ];

    #[test]
    fn typos_find_their_field() {
        assert_eq!(
            closest("kubernetes_versoin", CLUSTER),
            Some("kubernetes_version")
        );
        assert_eq!(closest("nmae", CLUSTER), Some("name"));
        assert_eq!(closest("regoin", CLUSTER), Some("region"));
        assert_eq!(closest("Tags", CLUSTER), Some("tags"));
        assert_eq!(closest("tag", CLUSTER), Some("tags"));
    }

    #[test]
    fn values_match_across_letter_case() {
        assert_eq!(
            closest("on_demand", &["ON_DEMAND", "SPOT"]),
            Some("ON_DEMAND")
        );
        assert_eq!(closest("spto", &["ON_DEMAND", "SPOT"]), Some("SPOT"));
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(closest("flavour", CLUSTER), None);
        assert_eq!(closest("x", &["y_long"]), None);
        assert_eq!(closest("anything", &[]), None);
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&[]), "nothing");
    }
}
