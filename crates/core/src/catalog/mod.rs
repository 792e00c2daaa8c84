//! Static facts the planner relies on, copied from the AWS documentation.
//!
//! Sources are named next to each table. The data is compiled in: the core
//! never reads files, the network or the clock.

pub mod date;
pub mod instances;
pub mod policies;
pub mod versions;

/// Auto Mode's cap on a node's `expireAfter + terminationGracePeriod`:
/// 21 days (504h), from the Auto Mode NodePool CRD's CEL rule.
pub const MAX_NODE_LIFETIME_SECS: u64 = 504 * 3600;
