//! Rooms this process serves beside its configuration: rooms the admin API read (registered
//! until a restart) and rooms kept in the store (made through the API, CLI or console), which
//! may be closed or removed.

use std::sync::atomic::Ordering;

use super::{Find, Registered, RoomDirectory, RoomPlan, by_name, framing};
use crate::domain::{CspSource, RoomName};

/// A room kept in the store, as this process serves it.
pub struct KeptRoom<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub listed: bool,
    pub enabled: bool,
    pub frame_ancestors: &'a [CspSource],
}

impl RoomDirectory {
    /// Makes this process serve `room` (a no-op for configured rooms).
    pub(in crate::resolver) fn register(&self, room: &RoomName) {
        if self.aliases.contains_key(room) || self.reserved.contains(room) {
            return;
        }
        let mut registered = self.registered.write().unwrap_or_else(|p| p.into_inner());
        registered
            .entry(room.clone())
            .or_insert_with(|| Registered {
                plan: by_name(room, None),
                listed: false,
                enabled: true,
            });
    }

    /// Serves a room made through the admin API, CLI or console: by its 100ms id, under its
    /// title, on the index page when `listed`, closed when not `enabled`. Configured rooms keep
    /// their configuration. Answers whether anything changed.
    pub(in crate::resolver) fn register_kept(&self, room: &RoomName, kept: &KeptRoom<'_>) -> bool {
        if self.aliases.contains_key(room) || self.reserved.contains(room) {
            return false;
        }
        let plan = RoomPlan {
            find: Find::Pinned {
                id: kept.id.to_owned(),
            },
            title: kept.title.to_owned(),
            framing: framing(kept.frame_ancestors),
        };
        let mut registered = self.registered.write().unwrap_or_else(|p| p.into_inner());
        let unchanged = registered.get(room).is_some_and(|known| {
            known.listed == kept.listed
                && known.enabled == kept.enabled
                && known.plan.title == kept.title
                && known.plan.framing == plan.framing
                && matches!(&known.plan.find, Find::Pinned { id } if id == kept.id)
        });
        let entry = Registered {
            plan,
            listed: kept.listed,
            enabled: kept.enabled,
        };
        let now_closed = !entry.enabled;
        let was_closed = registered
            .insert(room.clone(), entry)
            .is_some_and(|previous| !previous.enabled);
        self.count_closed(was_closed, now_closed);
        !unchanged
    }

    /// Keeps `closed` in step (called under the write lock).
    fn count_closed(&self, was_closed: bool, now_closed: bool) {
        match (was_closed, now_closed) {
            (false, true) => self.closed.fetch_add(1, Ordering::Relaxed),
            (true, false) => self.closed.fetch_sub(1, Ordering::Relaxed),
            _ => 0,
        };
    }

    /// Stops serving a room that was removed (unless configured or `rooms.unknown` serves it).
    pub(in crate::resolver) fn forget(&self, room: &RoomName) {
        let mut registered = self.registered.write().unwrap_or_else(|p| p.into_inner());
        let was_closed = registered.remove(room).is_some_and(|r| !r.enabled);
        self.count_closed(was_closed, false);
    }

    /// 100ms has no room for a room the portal keeps: the index no longer lists it (it would
    /// link to a 404). Configured rooms are the operator's to fix.
    pub(in crate::resolver) fn unlist_missing(&self, room: &RoomName) {
        let mut registered = self.registered.write().unwrap_or_else(|p| p.into_inner());
        if let Some(known) = registered.get_mut(room).filter(|known| known.listed) {
            known.listed = false;
            tracing::warn!(
                %room,
                "100ms has no room for this room the portal keeps: it is no longer listed on the \
                 index; create it again, or remove it"
            );
        }
    }
}
