//! The access settings checked against the rooms, so what cannot be meant stops startup with a
//! line naming the key: a policy for a role its room does not have (a typo), a signed role
//! without a key to sign with (live mode), an `sso` role without a provider.

use std::collections::BTreeSet;
use std::time::Duration;

use super::{Settings, SettingsError, UnknownRooms};
use crate::domain::{AccessPolicy, RoleName};

pub(super) fn check(settings: &Settings) -> Result<(), SettingsError> {
    room_roles(settings)?;
    known_roles(settings)?;
    signing_keys(settings)?;
    lobbies(settings)?;
    sign_in(settings)
}

/// A room's lobby names roles that wait and roles that admit: both given, not the same, among
/// the room's roles where they are listed; whoever admits is never public (anyone could open
/// the door), and a waiting role is not off.
fn lobbies(settings: &Settings) -> Result<(), SettingsError> {
    for (alias, room) in &settings.rooms.aliases {
        let Some(lobby) = &room.lobby else {
            continue;
        };
        let key = |part: &str| format!("rooms.aliases.{alias}.lobby.{part}");
        for (part, roles) in [("roles", &lobby.roles), ("admitted_by", &lobby.admitted_by)] {
            if roles.is_empty() {
                return Err(SettingsError::new(key(part), "names no role"));
            }
            if let Some(role) = roles
                .iter()
                .find(|r| !room.roles.is_empty() && !room.roles.contains(r))
            {
                return Err(SettingsError::new(
                    key(part),
                    format!(
                        "the room has no role {role} (its roles: {})",
                        list(&room.roles)
                    ),
                ));
            }
        }
        if let Some(role) = lobby.roles.iter().find(|r| lobby.admitted_by.contains(r)) {
            return Err(SettingsError::new(
                key("admitted_by"),
                format!("{role} cannot both wait and admit"),
            ));
        }
        let policy = |role: &RoleName| {
            room.access
                .get(role)
                .or_else(|| settings.access.roles.get(role))
                .copied()
                .unwrap_or(settings.access.default)
        };
        if let Some(role) = lobby
            .admitted_by
            .iter()
            .find(|r| policy(r) == AccessPolicy::Public)
        {
            return Err(SettingsError::new(
                key("admitted_by"),
                format!(
                    "{role} is public, so anyone could let people in: make it signed or sso                      (rooms.aliases.{alias}.access.{role})"
                ),
            ));
        }
        if let Some(role) = lobby.roles.iter().find(|r| policy(r) == AccessPolicy::Off) {
            return Err(SettingsError::new(
                key("roles"),
                format!("{role} is off: nobody could knock"),
            ));
        }
    }
    let lobby = &settings.lobby;
    if lobby.max_waiting == 0 {
        return Err(SettingsError::new(
            "lobby.max_waiting",
            "must be at least 1",
        ));
    }
    for (key, value, most) in [
        (
            "lobby.max_wait_secs",
            lobby.max_wait,
            Duration::from_secs(86_400),
        ),
        ("lobby.lapse_secs", lobby.lapse, Duration::from_secs(3_600)),
    ] {
        if value.is_zero() || value > most {
            return Err(SettingsError::new(
                key,
                format!("must be 1 s to {}", humantime::format_duration(most)),
            ));
        }
    }
    Ok(())
}

/// A room's `access` and `join_with` name only roles the room has (where its roles are listed).
fn room_roles(settings: &Settings) -> Result<(), SettingsError> {
    for (alias, room) in &settings.rooms.aliases {
        if room.roles.is_empty() {
            continue;
        }
        let keys = [
            ("access", room.access.keys().collect::<Vec<_>>()),
            ("join_with", room.join_with.keys().collect()),
        ];
        for (section, roles) in keys {
            if let Some(role) = roles.into_iter().find(|r| !room.roles.contains(r)) {
                return Err(SettingsError::new(
                    format!("rooms.aliases.{alias}.{section}.{role}"),
                    format!(
                        "the room has no role {role} (its roles: {})",
                        list(&room.roles)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// `[access.roles]` and `[access.join_with]` name roles some room has, where every room's roles
/// are known: in emulator mode with only configured rooms (other rooms have the emulator's).
fn known_roles(settings: &Settings) -> Result<(), SettingsError> {
    if !settings.emulator.enabled || settings.rooms.unknown != UnknownRooms::Deny {
        return Ok(());
    }
    let mut every_role: BTreeSet<&RoleName> = settings.emulator.roles.iter().collect();
    for room in settings.rooms.aliases.values() {
        every_role.extend(&room.roles);
    }
    let named = [
        (
            "access.roles",
            settings.access.roles.keys().collect::<Vec<_>>(),
        ),
        (
            "access.join_with",
            settings.access.join_with.keys().collect(),
        ),
    ];
    for (section, roles) in named {
        if let Some(role) = roles.into_iter().find(|r| !every_role.contains(r)) {
            let known: Vec<&RoleName> = every_role.iter().copied().collect();
            return Err(SettingsError::new(
                format!("{section}.{role}"),
                format!("no room has the role {role} (roles: {})", list(&known)),
            ));
        }
    }
    Ok(())
}

/// In live mode, a role that opens only with signed links needs a key to sign them with. (In
/// emulator mode the server makes a random key per process and says so.)
fn signing_keys(settings: &Settings) -> Result<(), SettingsError> {
    if settings.emulator.enabled || !settings.access.signing_keys.is_empty() {
        return Ok(());
    }
    let Some(which) = a_signed_role(settings) else {
        return Ok(());
    };
    Err(SettingsError::new(
        "access.signing_keys",
        format!(
            "{which} is signed, but no key is set to sign links with: set \
             PORTAL__ACCESS__SIGNING_KEYS (e.g. openssl rand -hex 32), or give it another policy"
        ),
    ))
}

/// A role whose policy is `signed`, named for a person: configured rooms' roles first, then
/// `[access.roles]`, then the default (which any role nobody listed gets).
fn a_signed_role(settings: &Settings) -> Option<String> {
    let access = &settings.access;
    let policy = |room_access: &std::collections::BTreeMap<RoleName, AccessPolicy>,
                  role: &RoleName| {
        room_access
            .get(role)
            .or_else(|| access.roles.get(role))
            .copied()
            .unwrap_or(access.default)
    };
    for (alias, room) in settings.rooms.aliases.iter().filter(|(_, r)| r.enabled) {
        if let Some(role) = room
            .roles
            .iter()
            .find(|role| policy(&room.access, role) == AccessPolicy::Signed)
        {
            return Some(format!("the {role} role of room {alias}"));
        }
    }
    if let Some((role, _)) = access
        .roles
        .iter()
        .find(|(_, p)| **p == AccessPolicy::Signed)
    {
        return Some(format!("access.roles.{role}"));
    }
    (access.default == AccessPolicy::Signed)
        .then(|| "access.default (every role nobody listed)".to_owned())
}

/// Roles whose policy is `sso` need a provider; a provider needs a client id; sessions end.
fn sign_in(settings: &Settings) -> Result<(), SettingsError> {
    let oidc = &settings.access.oidc;
    let sso_somewhere = settings.access.default == AccessPolicy::Sso
        || settings
            .access
            .roles
            .values()
            .any(|p| *p == AccessPolicy::Sso)
        || settings
            .rooms
            .aliases
            .values()
            .any(|room| room.access.values().any(|p| *p == AccessPolicy::Sso));
    if sso_somewhere && oidc.issuer.is_none() {
        return Err(SettingsError::new(
            "access.oidc.issuer",
            "roles with access = \"sso\" need an OpenID provider: set access.oidc.issuer and client_id",
        ));
    }
    if oidc.issuer.is_some() && oidc.client_id.is_none() {
        return Err(SettingsError::new(
            "access.oidc.client_id",
            "is needed with access.oidc.issuer",
        ));
    }
    if oidc.issuer.is_some() && !oidc.scopes.iter().any(|s| s == "openid") {
        return Err(SettingsError::new(
            "access.oidc.scopes",
            "must include \"openid\"",
        ));
    }
    if oidc.session_idle.is_zero() || oidc.session_max.is_zero() {
        return Err(SettingsError::new(
            "access.oidc.session_idle_secs",
            "sessions must last at least a second",
        ));
    }
    if oidc.session_max > Duration::from_secs(30 * 86_400) {
        return Err(SettingsError::new(
            "access.oidc.session_max_secs",
            "can be at most 30 days",
        ));
    }
    Ok(())
}

fn list(roles: &[impl std::fmt::Display]) -> String {
    roles
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::tests::env;
    use super::*;

    #[test]
    fn a_policy_for_a_role_the_room_does_not_have_is_a_typo() {
        let error = Settings::load(
            None,
            env(&[("PORTAL__ROOMS__ALIASES__DEMO__ACCESS__PRESENTER", "signed")]),
        )
        .unwrap_err();
        assert_eq!(error.key, "rooms.aliases.demo.access.presenter");
        assert!(
            error.problem.contains("its roles: host, guest, viewer"),
            "{error}"
        );
        let error = Settings::load(None, env(&[("PORTAL__ACCESS__ROLES__PRESENTER", "signed")]))
            .unwrap_err();
        assert_eq!(error.key, "access.roles.presenter");
    }

    #[test]
    fn a_wildcard_address_without_a_public_url_is_refused() {
        let error = Settings::load(None, env(&[("PORTAL__SERVER__HOST", "0.0.0.0")])).unwrap_err();
        assert_eq!(error.key, "server.public_url");
        assert!(
            error.problem.contains("PORTAL__SERVER__PUBLIC_URL"),
            "{error}"
        );
        let settings = Settings::load(
            None,
            env(&[
                ("PORTAL__SERVER__HOST", "0.0.0.0"),
                ("PORTAL__SERVER__PUBLIC_URL", "https://meet.example.com"),
            ]),
        );
        assert!(settings.is_ok());
    }
}
