//! Share links: a whole plan in a URL fragment, with no server.
//!
//! Format: `#plan=<version>.<payload>`, where the payload is URL-safe base64
//! without padding (fragment-safe, no `+`, `/` or `=`).
//!
//! * version 2 (current): raw DEFLATE of the plan's compact JSON;
//! * version 1 (first release): the plan's JSON, uncompressed.
//!
//! Decoding accepts every version ever written, so old links keep working;
//! the plan inside is then read like any plan file (older plan versions are
//! migrated by [`crate::plan::parse`]). Inflation is capped so a hostile link
//! cannot exhaust memory.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use std::io::{Read, Write};

use crate::plan::{Plan, PlanError};

/// The version [`encode`] writes.
pub const SHARE_VERSION: u32 = 2;

/// The fragment key.
pub const KEY: &str = "plan=";

/// Largest plan a link may expand to (bytes of JSON).
pub const MAX_PLAN_BYTES: u64 = 1 << 20;

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The fragment is not a plan link at all (for example `#section-2`).
    #[error("this link does not contain a plan")]
    NotAPlanLink,
    /// Made by a newer planner.
    #[error(
        "this link was made by a newer planner (link format {0}); update the planner to open it"
    )]
    UnsupportedVersion(u32),
    /// Truncated or altered.
    #[error("this link is damaged ({0}); ask for it again")]
    Corrupt(String),
    /// It decodes, but the plan inside is not valid.
    #[error("the plan in this link cannot be read: {0}")]
    Plan(#[from] PlanError),
}

/// The fragment (without `#`) for a plan.
pub fn encode(plan: &Plan) -> String {
    let json = crate::textfmt::json(plan).unwrap_or_default().into_bytes();
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(&json);
    let compressed = enc.finish().unwrap_or_default();
    format!(
        "{KEY}{SHARE_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(compressed)
    )
}

/// Read a plan from a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Plan, ShareError> {
    let fragment = fragment.trim().trim_start_matches('#');
    let body = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(KEY))
        .ok_or(ShareError::NotAPlanLink)?;
    let (version, payload) = body.split_once('.').ok_or(ShareError::NotAPlanLink)?;
    let version: u32 = version.parse().map_err(|_| ShareError::NotAPlanLink)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| ShareError::Corrupt(format!("not base64: {e}")))?;
    let json = match version {
        1 => bytes,
        2 => {
            let mut out = Vec::new();
            DeflateDecoder::new(bytes.as_slice())
                .take(MAX_PLAN_BYTES + 1)
                .read_to_end(&mut out)
                .map_err(|e| ShareError::Corrupt(format!("cannot decompress: {e}")))?;
            if out.len() as u64 > MAX_PLAN_BYTES {
                return Err(ShareError::Corrupt(
                    "the plan inside is larger than 1 MiB".into(),
                ));
            }
            out
        }
        v => return Err(ShareError::UnsupportedVersion(v)),
    };
    let text = String::from_utf8(json).map_err(|_| ShareError::Corrupt("not UTF-8".into()))?;
    Ok(Plan::from_json(&text)?)
}

/// The version-1 fragment of a plan. Kept (and tested) so links made by the
/// first release still open.
pub fn encode_v1(plan: &Plan) -> String {
    let json = crate::textfmt::json(plan).unwrap_or_default();
    format!("{KEY}1.{}", URL_SAFE_NO_PAD.encode(json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn round_trips_every_preset_and_is_fragment_safe() {
        for p in PRESETS {
            let plan = p.plan().expect("preset");
            let link = encode(&plan);
            assert!(link.starts_with("plan=2."));
            assert!(
                link.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"=.-_".contains(&c)),
                "{link}"
            );
            assert_eq!(decode(&format!("#{link}")), Ok(plan.clone()), "{}", p.name);
            assert!(link.len() < 2000, "{} link is {} bytes", p.name, link.len());
        }
    }

    #[test]
    fn version_1_links_still_open() {
        let plan = PRESETS[1].plan().expect("preset");
        // A link exactly as the first release wrote it.
        let v1 = encode_v1(&plan);
        assert!(v1.starts_with("plan=1.eyJ"));
        assert_eq!(decode(&v1), Ok(plan));
    }

    #[test]
    fn bad_links_are_reported_not_panicked() {
        assert_eq!(decode(""), Err(ShareError::NotAPlanLink));
        assert_eq!(decode("#section-2"), Err(ShareError::NotAPlanLink));
        assert_eq!(decode("#plan=x.abc"), Err(ShareError::NotAPlanLink));
        assert_eq!(
            decode("#plan=9.abc"),
            Err(ShareError::UnsupportedVersion(9))
        );
        assert!(matches!(decode("#plan=2.!!!"), Err(ShareError::Corrupt(_))));
        assert!(matches!(
            decode("#plan=2.AAAA"),
            Err(ShareError::Corrupt(_))
        ));
        let link = encode(&Plan::default());
        let truncated = &link[..link.len() - 5];
        assert!(decode(truncated).is_err());
        // Valid JSON, but not a plan.
        let not_plan = format!("plan=1.{}", URL_SAFE_NO_PAD.encode(b"{\"cluster\": 5}"));
        assert!(matches!(decode(&not_plan), Err(ShareError::Plan(_))));
    }

    #[test]
    fn decompression_is_capped() {
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        let _ = enc.write_all(&vec![b' '; (MAX_PLAN_BYTES as usize) * 4]);
        let bomb = format!(
            "plan=2.{}",
            URL_SAFE_NO_PAD.encode(enc.finish().unwrap_or_default())
        );
        assert!(bomb.len() < 10_000);
        assert!(matches!(decode(&bomb), Err(ShareError::Corrupt(_))));
    }
}
