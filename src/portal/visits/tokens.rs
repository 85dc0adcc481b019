//! Per-visit 100ms auth tokens: bound to the room, the role and the user id, and short-lived.

use std::time::Duration;

use super::super::PortalError;
use crate::domain::clock::unix_now;
use crate::domain::{JoinOptions, PrebuiltBase, RoleName, TokenLinkTemplate};
use crate::hms::{AuthTokens, TokenGrant};
use crate::resolver::RoomRef;

/// A visit's meeting link with its fresh token, and whom and until when the token admits.
pub(super) struct Minted {
    pub url: String,
    pub user_id: String,
    pub expires_at: u64,
}

/// What a token visit needs: the minter, the link template and the longest token life.
pub struct TokenMinting {
    pub(in crate::portal) tokens: AuthTokens,
    pub(in crate::portal) link: TokenLinkTemplate,
    pub(in crate::portal) ttl: Duration,
}

impl TokenMinting {
    /// The longest a token (and so an invitation's pass) lives from `now`.
    pub fn end_from(&self, now: u64) -> u64 {
        now.saturating_add(self.ttl.as_secs())
    }

    /// The Prebuilt link of a visit with a fresh token: for the user id bound into the link,
    /// else a new random one; valid until `until` or the token lifetime, whichever is first.
    pub(super) fn meeting_url(
        &self,
        prebuilt: &PrebuiltBase,
        room: &RoomRef,
        role: &RoleName,
        options: &JoinOptions,
        (until, to_grant_end): (Option<u64>, bool),
    ) -> Result<Minted, PortalError> {
        let user_id = match &options.user_id {
            Some(bound) => bound.as_str().to_owned(),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let lifetime_end = if to_grant_end {
            unix_now().saturating_add(crate::portal::events::MAX_EVENT_TOKEN_SECS)
        } else {
            self.end_from(unix_now())
        };
        let grant = TokenGrant {
            room_id: &room.id,
            role: role.as_str(),
            user_id: &user_id,
            expires_at: until.map_or(lifetime_end, |until| until.min(lifetime_end)),
        };
        let expires_at = grant.expires_at;
        let token = self.tokens.mint(grant).map_err(PortalError::TokenMint)?;
        Ok(Minted {
            url: self.link.link(prebuilt, &room.id, role, &token, options),
            user_id,
            expires_at,
        })
    }
}
