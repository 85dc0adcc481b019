//! When a visited code is refreshed ahead of its expiry. Codes fetched together (a warm-up, a
//! restart, a burst of new links) would otherwise all come due in the same second, and their
//! refreshes would queue up as one burst: 100ms sees a spike of calls, and the visitors served
//! meanwhile share the CPU with it. So each room is refreshed at its own point in the first half
//! of the window between `cache.refresh_ahead_percent` of the TTL and the TTL, fixed per room
//! for the process's life.

use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

use crate::domain::RoomName;

pub(super) struct RefreshSchedule {
    /// The earliest age at which a visit refreshes a code.
    earliest: Duration,
    /// How far past `earliest` a room's own refresh age may lie.
    spread: Duration,
    /// Each process places rooms differently, so replicas do not refresh a room in step.
    phases: RandomState,
}

impl RefreshSchedule {
    pub fn new(ttl: Duration, refresh_ahead_percent: u8) -> Self {
        let earliest = ttl * u32::from(refresh_ahead_percent.min(100)) / 100;
        Self {
            earliest,
            spread: (ttl - earliest) / 2,
            phases: RandomState::new(),
        }
    }

    /// The earliest age at which any room's codes are refreshed; a room refreshed then
    /// refreshes all its codes this old (one call for the room's roles).
    pub fn earliest(&self) -> Duration {
        self.earliest
    }

    /// Whether a visit of `room`'s code of this age starts a refresh.
    pub fn is_due(&self, room: &RoomName, age: Duration) -> bool {
        // The first comparison keeps hashing off the path of young codes, nearly every visit.
        age >= self.earliest && age >= self.due_age(room)
    }

    fn due_age(&self, room: &RoomName) -> Duration {
        let phase = u128::from(self.phases.hash_one(room));
        let offset = (self.spread.as_nanos() * phase) >> 64;
        self.earliest + Duration::from_nanos(u64::try_from(offset).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: Duration = Duration::from_secs(300);

    fn rooms(count: usize) -> Vec<RoomName> {
        (0..count)
            .map(|n| RoomName::parse(&format!("room-{n}")).unwrap())
            .collect()
    }

    #[test]
    fn rooms_fetched_together_come_due_spread_over_the_first_half_of_the_window() {
        let schedule = RefreshSchedule::new(TTL, 80);
        let (earliest, latest) = (Duration::from_secs(240), Duration::from_secs(270));
        let mut per_tenth = [0_u32; 10];
        for room in rooms(1000) {
            let due = schedule.due_age(&room);
            assert!((earliest..=latest).contains(&due), "{room}: {due:?}");
            let tenth = (due - earliest).as_secs_f64() / (latest - earliest).as_secs_f64();
            per_tenth[((tenth * 10.0) as usize).min(9)] += 1;
        }
        // Uniform would be 100 per tenth; a burst would fill one.
        assert!(
            per_tenth.iter().all(|&n| (50..=150).contains(&n)),
            "{per_tenth:?}"
        );
    }

    #[test]
    fn a_room_is_due_from_its_own_age_on_and_a_young_code_never() {
        let schedule = RefreshSchedule::new(TTL, 80);
        for room in rooms(50) {
            let due = schedule.due_age(&room);
            assert!(!schedule.is_due(&room, due - Duration::from_millis(1)));
            assert!(schedule.is_due(&room, due));
            assert!(schedule.is_due(&room, TTL));
            assert!(!schedule.is_due(&room, Duration::from_secs(10)));
        }
    }

    #[test]
    fn without_refresh_ahead_codes_are_refreshed_only_once_expired() {
        let schedule = RefreshSchedule::new(TTL, 100);
        let room = RoomName::parse("room").unwrap();
        assert!(!schedule.is_due(&room, TTL - Duration::from_millis(1)));
        assert!(schedule.is_due(&room, TTL));
    }
}
