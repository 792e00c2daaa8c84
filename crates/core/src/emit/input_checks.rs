//! The deploy-time checks of an input ([`InputCheck`]) as patterns every
//! target can enforce: a CloudFormation `AllowedPattern` (applied to each
//! item of a `CommaDelimitedList`), a regular expression in a Pulumi or CDK
//! program.

use crate::design::{Input, InputCheck};

/// An IPv4 CIDR whose prefix is /8 to /32: nothing wider than a /8, so the
/// whole internet (`0.0.0.0/0`, `0.0.0.0/1`...) is refused.
pub const CIDR_NOT_WORLD: &str = r"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([89]|[12][0-9]|3[0-2])$";

/// Any IPv4 CIDR (the plan itself lists a network wider than a /8).
pub const CIDR_ANY: &str = r"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])$";

/// The pattern every item of a list input must match, and the message
/// when one does not; `None` when the input has no per-item check.
pub fn item_pattern(input: &Input) -> Option<(&'static str, &'static str)> {
    if !input.checks.contains(&InputCheck::Ipv4Cidrs) {
        return None;
    }
    Some(if input.checks.contains(&InputCheck::NotWorld) {
        (CIDR_NOT_WORLD, InputCheck::NotWorld.message())
    } else {
        (CIDR_ANY, InputCheck::Ipv4Cidrs.message())
    })
}

/// Whether the list must have at least one item.
pub fn non_empty(input: &Input) -> bool {
    input.checks.contains(&InputCheck::NonEmpty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn the_not_world_pattern_refuses_the_internet() {
        let re = Regex::new(CIDR_NOT_WORLD).expect("pattern");
        for ok in ["203.0.113.10/32", "10.0.0.0/8", "192.168.0.0/16"] {
            assert!(re.is_match(ok), "{ok}");
        }
        for bad in [
            "0.0.0.0/0",
            "0.0.0.0/1",
            "128.0.0.0/7",
            "10.0.0.0",
            "256.0.0.0/8",
            "a/8",
            "",
        ] {
            assert!(!re.is_match(bad), "{bad}");
        }
        let any = Regex::new(CIDR_ANY).expect("pattern");
        assert!(any.is_match("0.0.0.0/0"));
        assert!(!any.is_match("0.0.0.0/33"));
    }
}
