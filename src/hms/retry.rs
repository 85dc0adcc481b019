//! When to try a read again: connect errors, 429 and 5xx, with jittered exponential backoff,
//! honouring `Retry-After`, and never past the retry budget.

use std::time::Duration;

use rand::Rng;

use super::HmsError;

/// Attempts after the first.
const MAX_RETRIES: u32 = 3;
const BASE: Duration = Duration::from_millis(100);
const CAP: Duration = Duration::from_secs(2);

/// The wait before retry number `attempt` (0-based), or `None` to give up now.
pub(super) fn delay(
    error: &HmsError,
    attempt: u32,
    spent: Duration,
    budget: Duration,
) -> Option<Duration> {
    if attempt >= MAX_RETRIES {
        return None;
    }
    let wait = match error {
        HmsError::Connect(_) => backoff(attempt),
        HmsError::Api {
            status,
            retry_after,
            ..
        } if status.as_u16() == 429 || status.is_server_error() => match retry_after {
            Some(secs) => Duration::from_secs(*secs),
            None => backoff(attempt),
        },
        _ => return None,
    };
    // A wait that would end past the budget is pointless: the page has given up by then.
    (spent + wait < budget).then_some(wait)
}

/// "Full jitter": a random wait up to the exponential step, so retries from many requests spread.
fn backoff(attempt: u32) -> Duration {
    let step = BASE.saturating_mul(1 << attempt).min(CAP);
    let millis = u64::try_from(step.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rand::rng().random_range(millis / 2..=millis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hms::ApiProblem;
    use reqwest::StatusCode;

    fn api(status: u16, retry_after: Option<u64>) -> HmsError {
        HmsError::Api {
            status: StatusCode::from_u16(status).unwrap(),
            problem: ApiProblem::Other,
            message: String::new(),
            details: Vec::new(),
            retry_after,
        }
    }

    const BUDGET: Duration = Duration::from_secs(5);

    #[test]
    fn transient_failures_are_retried_with_growing_waits() {
        let first = delay(&api(503, None), 0, Duration::ZERO, BUDGET).unwrap();
        let third = delay(&api(500, None), 2, Duration::ZERO, BUDGET).unwrap();
        assert!(first <= Duration::from_millis(100) && first >= Duration::from_millis(50));
        assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
        assert!(
            delay(
                &HmsError::Connect("refused".into()),
                0,
                Duration::ZERO,
                BUDGET
            )
            .is_some()
        );
        assert_eq!(
            delay(&api(503, None), MAX_RETRIES, Duration::ZERO, BUDGET),
            None
        );
    }

    #[test]
    fn retry_after_is_honoured_unless_it_outlasts_the_budget() {
        assert_eq!(
            delay(&api(429, Some(2)), 0, Duration::ZERO, BUDGET),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            delay(&api(429, Some(2)), 0, Duration::from_secs(4), BUDGET),
            None
        );
    }

    #[test]
    fn client_errors_and_timeouts_are_not_retried() {
        for error in [
            api(400, None),
            api(404, None),
            api(401, None),
            HmsError::Timeout,
        ] {
            assert_eq!(delay(&error, 0, Duration::ZERO, BUDGET), None, "{error}");
        }
    }
}
