//! The circuit breaker: after repeated failures (timeouts, connection errors, 429, 5xx) the
//! portal stops calling 100ms for a cool-down, then lets a single probe through; its success
//! closes the circuit, its failure opens it again. Calls refused meanwhile fail at once.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use prometheus::IntGauge;

/// The breaker's settings.
#[derive(Debug, Clone, Copy)]
pub struct BreakerPolicy {
    /// Consecutive failures that open the circuit.
    pub failures: u32,
    /// How long it stays open before a probe.
    pub cooldown: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
    },
    /// One probe is under way; everyone else is refused until it answers.
    Probing,
}

pub(super) struct Breaker {
    policy: BreakerPolicy,
    state: Mutex<State>,
    open_gauge: IntGauge,
}

/// Whether a call may go to 100ms now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Admission {
    Call,
    /// The circuit is open; how long until a probe may go.
    Refused {
        retry_in: Duration,
    },
}

impl Breaker {
    pub(super) fn new(policy: BreakerPolicy, open_gauge: IntGauge) -> Self {
        Self {
            policy,
            state: Mutex::new(State::Closed { failures: 0 }),
            open_gauge,
        }
    }

    pub(super) fn admit(&self) -> Admission {
        let mut state = self.lock();
        match *state {
            State::Closed { .. } => Admission::Call,
            State::Open { until } if Instant::now() >= until => {
                *state = State::Probing;
                tracing::info!("100ms circuit half-open: one probe call goes through");
                Admission::Call
            }
            State::Open { until } => Admission::Refused {
                retry_in: until.saturating_duration_since(Instant::now()),
            },
            State::Probing => Admission::Refused {
                retry_in: self.policy.cooldown,
            },
        }
    }

    /// 100ms answered (success, or an answer about the request itself).
    pub(super) fn succeeded(&self) {
        let mut state = self.lock();
        if !matches!(*state, State::Closed { failures: 0 }) {
            if !matches!(*state, State::Closed { .. }) {
                tracing::info!("100ms answered again: circuit closed");
                self.open_gauge.set(0);
            }
            *state = State::Closed { failures: 0 };
        }
    }

    /// 100ms failed: away, too slow, overloaded or broken.
    pub(super) fn failed(&self) {
        let mut state = self.lock();
        let open = match *state {
            State::Closed { failures } if failures + 1 < self.policy.failures.max(1) => {
                *state = State::Closed {
                    failures: failures + 1,
                };
                false
            }
            State::Open { .. } => false,
            State::Closed { .. } | State::Probing => true,
        };
        if open {
            *state = State::Open {
                until: Instant::now() + self.policy.cooldown,
            };
            self.open_gauge.set(1);
            tracing::warn!(
                cooldown_secs = self.policy.cooldown.as_secs(),
                "100ms keeps failing: circuit open, calls refused until a probe succeeds"
            );
        }
    }

    pub(super) fn is_open(&self) -> bool {
        !matches!(*self.lock(), State::Closed { .. })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(cooldown: Duration) -> Breaker {
        let policy = BreakerPolicy {
            failures: 3,
            cooldown,
        };
        Breaker::new(policy, IntGauge::new("open", "open").unwrap())
    }

    #[test]
    fn it_opens_after_repeated_failures_and_lets_one_probe_through_after_the_cooldown() {
        let breaker = breaker(Duration::ZERO);
        breaker.failed();
        breaker.failed();
        assert_eq!(
            breaker.admit(),
            Admission::Call,
            "two failures: still closed"
        );
        breaker.failed();
        assert!(breaker.is_open());
        assert_eq!(breaker.admit(), Admission::Call, "the probe");
        assert!(
            matches!(breaker.admit(), Admission::Refused { .. }),
            "only one"
        );
        breaker.failed();
        assert!(breaker.is_open(), "a failed probe opens it again");
        assert_eq!(breaker.admit(), Admission::Call);
        breaker.succeeded();
        assert!(!breaker.is_open());
        assert_eq!(breaker.admit(), Admission::Call);
    }

    #[test]
    fn an_answer_resets_the_count() {
        let breaker = breaker(Duration::from_secs(60));
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();
        assert!(!breaker.is_open());
        breaker.failed();
        assert!(matches!(breaker.admit(), Admission::Refused { .. }));
    }
}
