//! Who came: 100ms's webhooks received at `/hooks/100ms` (a secret header, optionally a source
//! allow-list; kept once per event id), the visits the portal handed out (each token's user id
//! mapped to what let it in), reconciliation against 100ms's Sessions API for leaves that never
//! arrived, reports, and the purge after `attendance.retention`.

mod hook;
mod reconcile;
mod report;
mod writer;

pub use hook::{HookEvent, instant_ms, parse, time_ms};
pub use report::{AttendanceReport, Attendee};

use writer::{Hook, HookWriter, record};

use std::net::IpAddr;
use std::sync::{Arc, OnceLock};

use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use super::PortalError;
use super::gate::Gate;
use super::rate_limit::RateLimits;
use crate::domain::clock::unix_now;
use crate::domain::{InvitationId, RoomName};
use crate::hms::HmsClient;
use crate::resolver::Resolver;
use crate::settings::{AttendanceSettings, Cidr, Settings, StoreSettings, StoreUrl};
use crate::store::{HookEffect, NewVisit, Store};

/// The largest webhook body read.
pub const HOOK_LIMIT: usize = 64 * 1024;

pub struct Attendance {
    store: Arc<Store>,
    client: Arc<HmsClient>,
    resolver: Arc<Resolver>,
    gate: Arc<Gate>,
    limits: Arc<RateLimits>,
    secrets: Vec<SecretString>,
    header: String,
    sources: Vec<Cidr>,
    settings: AttendanceSettings,
    /// Where `peer.joined` and `peer.left` go out to the operator's systems.
    outbox: Arc<super::outbox::Outbox>,
    /// This replica's name in the store's leases.
    replica: String,
    store_settings: StoreSettings,
    writer: OnceLock<Option<HookWriter>>,
}

pub(super) struct AttendanceParts {
    pub store: Arc<Store>,
    pub client: Arc<HmsClient>,
    pub resolver: Arc<Resolver>,
    pub gate: Arc<Gate>,
    pub limits: Arc<RateLimits>,
    pub outbox: Arc<super::outbox::Outbox>,
}

/// What let a visit in, for [`Attendance::note_visit`].
#[derive(Debug, Clone)]
pub enum VisitSource {
    /// A public role's open door (its code; nothing to note).
    Open,
    /// A signed link (its signature's digest: the link itself is a bearer secret).
    Link(String),
    /// A sign-in (who).
    SignIn(String),
    Invitation(InvitationId),
    /// A lobby ticket.
    Lobby(String),
}

/// A signed link's digest, to name it in reports without keeping what opens it.
pub fn link_digest(signature: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(signature.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Attendance {
    pub(super) fn new(parts: AttendanceParts, settings: &Settings) -> Arc<Self> {
        Arc::new(Self {
            store: parts.store,
            client: parts.client,
            resolver: parts.resolver,
            gate: parts.gate,
            limits: parts.limits,
            secrets: settings.hms.webhook_secret.clone(),
            header: settings.hms.webhook_header.clone(),
            sources: settings.hms.webhook_sources.clone(),
            settings: settings.attendance.clone(),
            outbox: parts.outbox,
            replica: uuid::Uuid::new_v4().to_string(),
            store_settings: settings.store.clone(),
            writer: OnceLock::new(),
        })
    }

    /// Whether `/hooks/100ms` is on (a secret is set).
    pub fn hooks_on(&self) -> bool {
        !self.secrets.is_empty()
    }

    /// The header 100ms's calls carry the secret in.
    pub fn hook_header(&self) -> &str {
        &self.header
    }

    /// Whether a call may deliver events: from an allowed address (403 otherwise), within its
    /// address's budget (429), with one of the secrets (401), compared in constant time.
    pub fn admit_hook(&self, secret: Option<&[u8]>, source: IpAddr) -> Result<(), PortalError> {
        if !self.sources.is_empty() && !self.sources.iter().any(|c| c.contains(source)) {
            return Err(PortalError::HookSource);
        }
        self.limits.check_webhook(source)?;
        let given = secret.unwrap_or_default();
        let matches = self.secrets.iter().fold(false, |found, secret| {
            let candidate = secret.expose_secret().as_bytes();
            found | bool::from(candidate.ct_eq(given))
        });
        if matches {
            Ok(())
        } else {
            Err(PortalError::HookSecret)
        }
    }

    /// Keeps and applies one event; `false` when it was seen before. A store that cannot keep
    /// it answers `Store` (503), so 100ms retries.
    pub async fn receive(&self, body: &[u8]) -> Result<bool, PortalError> {
        let event = hook::parse(body)?;
        let hook = Hook {
            id: event.id,
            kind: event.kind,
            body: String::from_utf8_lossy(body).into_owned(),
            received_ms: now_ms(),
            effect: event.effect,
        };
        let (fresh, effect) = match self.writer() {
            Some(writer) => writer.write(hook).await?,
            None => (self.store.record_hook(&record(&hook)).await?, hook.effect),
        };
        if fresh {
            self.tell(&effect);
        }
        Ok(fresh)
    }

    /// The writer of webhook events, started with the first one; none for a store only one
    /// connection can see (an in-memory SQLite database: events go through the shared pool).
    fn writer(&self) -> Option<&HookWriter> {
        self.writer
            .get_or_init(|| {
                let settings = &self.store_settings;
                let in_memory = matches!(settings.url, StoreUrl::Sqlite(_))
                    && settings.url.sqlite_file().is_none();
                if in_memory {
                    return None;
                }
                HookWriter::start(settings.clone())
                    .inspect_err(
                        |error| tracing::warn!(%error, "webhook events go through the shared pool"),
                    )
                    .ok()
            })
            .as_ref()
    }

    /// A peer's join or leave, out to the operator's systems.
    fn tell(&self, effect: &HookEffect) {
        let (kind, peer) = match effect {
            HookEffect::PeerJoined(peer) => ("peer.joined", peer),
            HookEffect::PeerLeft(peer) => ("peer.left", peer),
            _ => return,
        };
        let at = |ms: Option<i64>| {
            ms.map(|ms| super::rooms::rfc3339(u64::try_from(ms / 1000).unwrap_or(0)))
        };
        self.outbox.emit(
            kind,
            serde_json::json!({
                "room_id": peer.room_id, "room_name": peer.room_name, "session_id": peer.session_id,
                "peer_id": peer.peer_id, "user_id": peer.user_id, "name": peer.name,
                "role": peer.role, "joined_at": at(peer.joined_ms), "left_at": at(peer.left_ms),
                "reason": peer.reason,
            }),
        );
    }

    /// Notes what let a visit's user id in, in the background (never slowing the page; a
    /// failure leaves the visit reported as unverified).
    pub fn note_visit(
        self: &Arc<Self>,
        user_id: &str,
        room: &RoomName,
        role: &str,
        source: &VisitSource,
        name: Option<&str>,
    ) {
        let (way, reference) = match source {
            VisitSource::Open => return,
            VisitSource::Invitation(id) => ("invitation", id.to_string()),
            VisitSource::Link(digest) => ("link", digest.clone()),
            VisitSource::SignIn(who) => ("sign-in", who.clone()),
            VisitSource::Lobby(ticket) => ("lobby", ticket.chars().take(8).collect()),
        };
        let (store, user_id, room, role, name) = (
            self.store.clone(),
            user_id.to_owned(),
            room.to_string(),
            role.to_owned(),
            name.map(str::to_owned),
        );
        tokio::spawn(async move {
            let visit = NewVisit {
                user_id: &user_id,
                room: &room,
                role: &role,
                way,
                reference: Some(&reference),
                name: name.as_deref(),
                created_ms: now_ms(),
            };
            if let Err(error) = store.note_visit(&visit).await {
                tracing::warn!(error = ?error, "could not note a visit for attendance");
            }
        });
    }

    /// A room's attendance between two instants (ms; the last 30 days by default).
    pub async fn of_room(
        &self,
        room: &RoomName,
        from_ms: Option<i64>,
        to_ms: Option<i64>,
    ) -> Result<AttendanceReport, PortalError> {
        self.gate.room(room)?;
        let now = now_ms();
        let to = to_ms.unwrap_or(now + 60_000);
        let from = from_ms.unwrap_or(to - 30 * 86_400_000);
        let room_ref = self.resolver.admin_room(room).await?;
        let records = self.store.room_attendance(&room_ref.id, from, to).await?;
        Ok(AttendanceReport::of(records))
    }

    /// The attendance of an event's invitations.
    pub async fn of_event(&self, event: &str) -> Result<AttendanceReport, PortalError> {
        self.store
            .event(event)
            .await?
            .ok_or(PortalError::UnknownEvent)?;
        let records = self.store.invitation_attendance(Some(event), None).await?;
        Ok(AttendanceReport::of(records))
    }

    /// The attendance of one invitation.
    pub async fn of_invitation(&self, id: &InvitationId) -> Result<AttendanceReport, PortalError> {
        self.store
            .invitation(id.as_str())
            .await?
            .ok_or(PortalError::UnknownInvitation)?;
        let records = self
            .store
            .invitation_attendance(None, Some(id.as_str()))
            .await?;
        Ok(AttendanceReport::of(records))
    }
}

fn now_ms() -> i64 {
    i64::try_from(unix_now()).unwrap_or(i64::MAX / 1000) * 1000
}
