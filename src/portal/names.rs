//! Bound names, kept. A signed link, an invitation or a sign-in names its visitor, and the
//! per-visit token binds the room, role and user id; but 100ms takes the display name from the
//! meeting URL (`name=`), which a visitor can edit in the frame, and documents no name in the
//! auth token (shared/research/hms-api.md §1.5, §6.3). The strongest documented means is to put
//! it right afterwards: while a bound visit's token lives, the portal reads its room's peers
//! (`GET /active-rooms/{room}/peers`) every `access.name_check_interval_secs` and renames any
//! peer of a bound user id that shows another name (`POST …/peers/{peer}`, hms-live.md §2.4).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use crate::domain::clock::unix_now;
use crate::hms::HmsClient;
use crate::telemetry::Metrics;

/// At most this many bound visits are watched at once (about 100 bytes each); past it, new ones
/// are not watched and a warning says so.
const MOST_WATCHED: usize = 50_000;

/// A name bound to a user id in a room, until the visit's token ends (Unix seconds).
struct Bound {
    name: String,
    until: u64,
}

/// Room id → user id → the name it must show.
type Watched = HashMap<String, HashMap<String, Bound>>;

pub struct NameKeeper {
    client: Arc<HmsClient>,
    watched: Mutex<Watched>,
    metrics: Arc<Metrics>,
}

impl NameKeeper {
    pub(super) fn new(client: Arc<HmsClient>, metrics: Arc<Metrics>) -> Self {
        Self {
            client,
            watched: Mutex::new(HashMap::new()),
            metrics,
        }
    }

    /// Checks every `interval` from now on (never when it is zero), until the portal is gone.
    pub(super) fn start(self: &Arc<Self>, interval: Duration) {
        if interval.is_zero() {
            return;
        }
        let me: Weak<Self> = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                let Some(keeper) = me.upgrade() else {
                    return;
                };
                keeper.check().await;
            }
        });
    }

    /// Watches the visit of `user_id` in `room_id`, bound to `name`, until `until`.
    pub(super) fn keep(&self, room_id: &str, user_id: &str, name: &str, until: u64) {
        let mut watched = self.watched();
        let count: usize = watched.values().map(HashMap::len).sum();
        if count >= MOST_WATCHED {
            forget_ended(&mut watched, unix_now());
            if watched.values().map(HashMap::len).sum::<usize>() >= MOST_WATCHED {
                tracing::warn!(
                    "{MOST_WATCHED} bound names are watched already; this visit's name is not"
                );
                return;
            }
        }
        let bound = Bound {
            name: name.to_owned(),
            until,
        };
        watched
            .entry(room_id.to_owned())
            .or_default()
            .insert(user_id.to_owned(), bound);
    }

    /// One round: reads the peers of every room with a watched visit and renames those that
    /// show another name than their bound one. Answers how many were renamed.
    pub async fn check(&self) -> usize {
        let rooms: Vec<String> = {
            let mut watched = self.watched();
            forget_ended(&mut watched, unix_now());
            watched.keys().cloned().collect()
        };
        let mut renamed = 0;
        for room_id in rooms {
            renamed += self.check_room(&room_id).await;
        }
        renamed
    }

    async fn check_room(&self, room_id: &str) -> usize {
        let peers = match self.client.active_peers(room_id).await {
            Ok(peers) => peers,
            Err(error) => {
                tracing::debug!(room_id, %error, "could not read the room's peers");
                return 0;
            }
        };
        let wrong: Vec<(String, String, String)> = {
            let watched = self.watched();
            let Some(bound) = watched.get(room_id) else {
                return 0;
            };
            peers
                .into_iter()
                .filter_map(|peer| {
                    let name = &bound.get(&peer.user_id)?.name;
                    (peer.name != *name).then(|| (peer.id, peer.user_id, name.clone()))
                })
                .collect()
        };
        let mut renamed = 0;
        for (peer_id, user_id, name) in wrong {
            match self.client.rename_peer(room_id, &peer_id, &name).await {
                Ok(()) => {
                    renamed += 1;
                    self.metrics.name_restored();
                    tracing::warn!(
                        room_id,
                        user_id,
                        "a visitor joined under another name than their link binds; renamed"
                    );
                }
                Err(error) => {
                    tracing::warn!(room_id, user_id, %error, "could not rename a visitor back");
                }
            }
        }
        renamed
    }

    fn watched(&self) -> MutexGuard<'_, Watched> {
        self.watched.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn forget_ended(watched: &mut Watched, now: u64) {
    watched.retain(|_, visits| {
        visits.retain(|_, bound| bound.until > now);
        !visits.is_empty()
    });
}
