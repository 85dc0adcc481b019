//! How a page's code was found, and the counters of each outcome.

use prometheus::IntCounter;

use crate::telemetry::Metrics;

/// How a page's code was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// Fresh from memory.
    Hit,
    /// Resolved through 100ms.
    Miss,
    /// Past its TTL, refreshing failed, served anyway (stale-if-error).
    Stale,
    /// A cached "no such room or role".
    Negative,
}

impl CacheOutcome {
    const ALL: [Self; 4] = [Self::Hit, Self::Miss, Self::Stale, Self::Negative];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hit => "hit",
            Self::Miss => "miss",
            Self::Stale => "stale",
            Self::Negative => "negative",
        }
    }
}

/// `cache_lookups_total` by outcome, resolved once: a page view should not pay a label lookup.
pub(super) struct OutcomeCounters([IntCounter; 4]);

impl OutcomeCounters {
    pub(super) fn new(metrics: &Metrics) -> Self {
        Self(CacheOutcome::ALL.map(|outcome| metrics.cache_lookups(outcome.as_str())))
    }

    pub(super) fn count(&self, outcome: CacheOutcome) {
        self.0[outcome as usize].inc();
    }
}
