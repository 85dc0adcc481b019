//! 100ms's webhook events, read defensively (shared/research/hms-live.md §1.4–1.6): only `id`,
//! `type` and `data` are required of the envelope; in `data` any field may be missing,
//! timestamps carry 0–9 fractional digits, and Go's zero time means "not set". Known types
//! become what they change; others are kept and change nothing.

use serde_json::Value;

use super::PortalError;
use crate::store::{HookEffect, PeerTimes};

/// An event as received: its id, type and what it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookEvent {
    pub id: String,
    pub kind: String,
    pub effect: HookEffect,
    /// The envelope's `timestamp` (ms), when given.
    pub at_ms: Option<i64>,
}

/// The event in `body`, or why it is not one (400).
pub fn parse(body: &[u8]) -> Result<HookEvent, PortalError> {
    let bad = |why: &str| PortalError::BadHook(why.to_owned());
    let envelope: Value = serde_json::from_slice(body).map_err(|_| bad("the body is not JSON"))?;
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let id = text(&envelope, "id").filter(|id| !id.is_empty() && id.len() <= 200);
    let id = id.ok_or_else(|| bad("the event has no id"))?;
    let kind = text(&envelope, "type").ok_or_else(|| bad("the event has no type"))?;
    let data = envelope
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("the event has no data"))?;
    let at_ms = text(&envelope, "timestamp").and_then(|t| instant_ms(&t));
    let field = |key: &str| {
        data.get(key)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let time = |key: &str| field(key).and_then(|t: String| instant_ms(&t));
    let room_id = || field("room_id").ok_or_else(|| bad("data.room_id is missing"));
    let session_id = || field("session_id").ok_or_else(|| bad("data.session_id is missing"));
    let effect = match kind.as_str() {
        "peer.join.success" | "peer.leave.success" => {
            let peer = PeerTimes {
                peer_id: field("peer_id").ok_or_else(|| bad("data.peer_id is missing"))?,
                session_id: field("session_id"),
                room_id: room_id()?,
                room_name: field("room_name"),
                user_id: field("user_id"),
                name: field("user_name"),
                role: field("role"),
                joined_ms: time("joined_at"),
                left_ms: time("left_at")
                    .or(at_ms)
                    .filter(|_| kind == "peer.leave.success"),
                reason: field("reason").filter(|_| kind == "peer.leave.success"),
            };
            if kind == "peer.join.success" {
                HookEffect::PeerJoined(peer)
            } else {
                HookEffect::PeerLeft(peer)
            }
        }
        "session.open.success" => HookEffect::SessionOpened {
            session_id: session_id()?,
            room_id: room_id()?,
            room_name: field("room_name"),
            started_ms: time("session_started_at"),
        },
        "session.close.success" | "room.end.success" => HookEffect::SessionClosed {
            session_id: session_id()?,
            room_id: room_id()?,
            stopped_ms: time("session_stopped_at")
                .or(at_ms)
                .ok_or_else(|| bad("the event says no time"))?,
        },
        _ => HookEffect::Nothing,
    };
    Ok(HookEvent {
        id,
        kind,
        effect,
        at_ms,
    })
}

/// An RFC 3339 time in 100ms's data, in ms; `None` for Go's zero time ("not set") or
/// anything unreadable.
pub fn instant_ms(text: &str) -> Option<i64> {
    time_ms(text).filter(|ms| *ms > 0)
}

/// Any RFC 3339 time, in ms since the Unix epoch (before it: negative).
pub fn time_ms(text: &str) -> Option<i64> {
    let at: jiff::Timestamp = text.parse().ok()?;
    Some(at.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_and_a_leave_read_their_times_with_nanoseconds_and_the_zero_time_is_unset() {
        let join = br#"{"id":"e1","type":"peer.join.success","data":{"peer_id":"p","room_id":"r",
            "session_id":"s","user_id":"u","user_name":"Ada","role":"guest",
            "joined_at":"2021-11-30T12:58:49.97291247Z"}}"#;
        let event = parse(join).unwrap();
        let HookEffect::PeerJoined(peer) = event.effect else {
            panic!()
        };
        assert_eq!(peer.joined_ms, Some(1_638_277_129_972));
        let leave = br#"{"id":"e2","type":"peer.leave.success","data":{"peer_id":"p","room_id":"r",
            "joined_at":"0001-01-01T00:00:00Z","left_at":"2021-11-30T12:58:58.5Z","reason":"client request"}}"#;
        let HookEffect::PeerLeft(peer) = parse(leave).unwrap().effect else {
            panic!()
        };
        assert_eq!(
            (peer.joined_ms, peer.left_ms),
            (None, Some(1_638_277_138_500))
        );
    }

    #[test]
    fn garbage_is_refused_and_unknown_types_change_nothing() {
        assert!(parse(b"not json").is_err());
        assert!(parse(br#"{"type":"peer.join.success","data":{}}"#).is_err());
        assert!(parse(br#"{"id":"x","type":"peer.join.success","data":{"room_id":"r"}}"#).is_err());
        let other = parse(br#"{"id":"x","type":"recording.success","data":{}}"#).unwrap();
        assert_eq!(other.effect, HookEffect::Nothing);
    }
}
