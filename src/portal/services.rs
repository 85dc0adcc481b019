//! The portal's services and facts, as `web` and `cli` reach them.

use super::*;

impl Portal {
    /// Join and embed pages, the meeting behind an invitation, share pages.
    pub fn visits(&self) -> &Visits {
        &self.visits
    }

    pub fn invitations(&self) -> &Invitations {
        &self.invitations
    }

    pub fn events(&self) -> &Arc<events::Events> {
        &self.events
    }

    pub fn attendance(&self) -> &Arc<attendance::Attendance> {
        &self.attendance
    }

    pub fn outbox(&self) -> &Arc<outbox::Outbox> {
        &self.outbox
    }

    pub fn rooms(&self) -> &Rooms {
        &self.rooms
    }

    pub fn links(&self) -> &Links {
        &self.links
    }

    /// Who may reach which room and role.
    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// Whether several replicas may run on this portal's store.
    pub fn store_is_shared(&self) -> bool {
        self.store.is_shared()
    }

    /// Sign-in, when set up.
    pub fn sso(&self) -> Option<&sso::Sso> {
        self.sso.as_deref()
    }

    pub fn branding(&self) -> &Branding {
        &self.branding
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The portal's own address (`server.public_url`, or where it listens).
    pub fn base_url(&self) -> &url::Url {
        self.links.base_url()
    }

    /// Where meetings are framed from, for the CSP's `frame-src`.
    pub fn prebuilt_origin(&self) -> &str {
        &self.prebuilt_origin
    }

    /// The role's policy.
    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.gate.policy(room, role)
    }

    /// Rooms' lobbies: knocking, waiting, admitting.
    pub fn lobby(&self) -> &lobby::Lobby {
        &self.lobby
    }

    /// The operator's console: its sessions and who may sign in.
    pub fn console(&self) -> &console::Console {
        &self.console
    }

    /// Tokens of the portal's own forms (CSRF).
    pub fn forms(&self) -> &FormTokens {
        &self.forms
    }

    /// Bound names, kept (see `names`): tests and tools may run a round at once.
    pub fn names(&self) -> &NameKeeper {
        &self.names
    }

    /// Prometheus text exposition, as of now.
    pub async fn metrics_text(&self) -> String {
        self.metrics.render(self.resolver.cached_codes().await)
    }

    /// Whether the portal can do its job (see `readiness`): answered from state, with at most
    /// one probe of 100ms per interval whoever asks.
    pub async fn readiness(&self) -> UpstreamHealth {
        self.readiness.check().await
    }

    /// A browser reports that it refused to show `page` in a frame of `origin` (which browsers
    /// may leave out): logged once per origin. Reports count against `client`'s budget.
    pub fn framing_reported(
        &self,
        client: IpAddr,
        reports: &[(String, String)],
    ) -> Result<(), PortalError> {
        self.limits.check_report(client)?;
        for (origin, page) in reports {
            self.framing.reported(origin, page, &self.metrics);
        }
        Ok(())
    }

    /// A browser asked for `page` to show in a frame of `origin`, which may not frame it: it
    /// will refuse to show it. Logged once per origin, with the setting that would allow it.
    pub fn framing_refused(&self, origin: &str, page: &str) {
        self.framing.refused(origin, page, &self.metrics);
    }

    /// Counts an admin API call of `client`, failed ones included.
    pub fn admit_admin_call(&self, client: IpAddr) -> Result<(), PortalError> {
        self.limits.check_admin(client)
    }
}
