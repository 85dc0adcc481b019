//! Attendance as reports show it: each peer with how they got in, when they joined and left.

use serde::Serialize;

use super::super::rooms::rfc3339;
use crate::store::AttendanceRecord;

/// One peer of one session (a person who rejoins is a new peer).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attendee {
    pub session_id: Option<String>,
    pub peer_id: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub user_id: Option<String>,
    /// `invitation`, `link`, `sign-in`, `lobby`; `unverified` for a user id the portal did not
    /// hand out (a public room code: the visitor could set it).
    pub how: String,
    /// The invitation's id (for `invitation`), the sign-in's subject, the lobby ticket's
    /// beginning, a signed link's digest.
    pub reference: Option<String>,
    pub verified: bool,
    /// RFC 3339 (UTC, milliseconds).
    pub joined_at: Option<String>,
    /// Absent while present.
    pub left_at: Option<String>,
    pub duration_secs: Option<i64>,
    /// 100ms's reason (`client request`, `peer kicked`, `websocket closed`, …, `session closed`).
    pub reason: Option<String>,
}

/// A room's (or an event's, or an invitation's) attendance.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttendanceReport {
    pub attendees: Vec<Attendee>,
    /// Distinct sessions among them.
    pub sessions: usize,
}

impl AttendanceReport {
    pub(super) fn of(records: Vec<AttendanceRecord>) -> Self {
        let attendees: Vec<Attendee> = records.into_iter().map(attendee).collect();
        let mut sessions: Vec<&str> = attendees
            .iter()
            .filter_map(|a| a.session_id.as_deref())
            .collect();
        sessions.sort_unstable();
        sessions.dedup();
        Self {
            sessions: sessions.len(),
            attendees,
        }
    }

    /// The report as CSV rows (a header, then one row per attendee).
    pub fn rows(&self) -> Vec<[String; 11]> {
        let mut rows = vec![
            [
                "session_id",
                "name",
                "role",
                "how",
                "reference",
                "verified",
                "joined_at",
                "left_at",
                "duration_secs",
                "reason",
                "user_id",
            ]
            .map(str::to_owned),
        ];
        for a in &self.attendees {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            rows.push([
                text(&a.session_id),
                text(&a.name),
                text(&a.role),
                a.how.clone(),
                text(&a.reference),
                a.verified.to_string(),
                text(&a.joined_at),
                text(&a.left_at),
                a.duration_secs.map(|d| d.to_string()).unwrap_or_default(),
                text(&a.reason),
                text(&a.user_id),
            ]);
        }
        rows
    }
}

fn attendee(record: AttendanceRecord) -> Attendee {
    let at = |ms: i64| {
        let whole = rfc3339(u64::try_from(ms / 1000).unwrap_or(0));
        format!("{}.{:03}Z", whole.trim_end_matches('Z'), ms % 1000)
    };
    let verified = record.way.is_some();
    Attendee {
        session_id: record.session_id,
        peer_id: record.peer_id,
        name: record.name,
        role: record.role,
        user_id: record.user_id,
        how: record.way.unwrap_or_else(|| "unverified".to_owned()),
        reference: record.reference,
        verified,
        joined_at: record.joined_ms.map(at),
        left_at: record.left_ms.map(at),
        duration_secs: record
            .joined_ms
            .zip(record.left_ms)
            .map(|(joined, left)| ((left - joined) / 1000).max(0)),
        reason: record.reason,
    }
}
