//! One gate for every way in: a disabled room, an `off` role and a role of another room are
//! refused the same way whether the visitor comes with a bare link, a signed link, a public
//! role that joins with tokens, an invitation or a sign-in, while the same role opens in the
//! room that has it.

use std::collections::BTreeMap;

use prebuilt_portal::domain::{
    AccessPolicy, JoinOptions, JoinWith, PageKind, PortalBase, RoleName, RoomName,
};
use prebuilt_portal::portal::access::{LinkSigner, LinkTarget};
use prebuilt_portal::settings::{RoomAlias, Settings, SigningKeys};
use reqwest::Method;
use serde_json::json;

use crate::durable::{Backing, World, invite, press_join};
use crate::helpers::{TestApp, demo_alias, meeting_iframe};
use crate::sign_in::{sign_in_at_provider, spawn_with_provider};

const KEY: &str = "signing-key-for-durable-state-0123456789";

/// A disabled room, an off role, and the host role of a room whose roles no longer include it.
const REFUSED: [(&str, &str); 3] = [("closed", "guest"), ("demo", "viewer"), ("demo", "host")];
/// The role `demo` lost, in the room that has it.
const ITS_OWN_ROOM: (&str, &str) = ("studio", "host");

fn alias(roles: &[&str], policy: AccessPolicy) -> RoomAlias {
    RoomAlias {
        roles: roles.iter().map(|r| r.parse().unwrap()).collect(),
        access: roles
            .iter()
            .map(|r| (r.parse().unwrap(), policy))
            .collect::<BTreeMap<RoleName, AccessPolicy>>(),
        ..RoomAlias::default()
    }
}

fn room(name: &str) -> RoomName {
    RoomName::parse(name).unwrap()
}

/// The rooms when invitations were made: everything open.
fn rooms_before(settings: &mut Settings) {
    let aliases = &mut settings.rooms.aliases;
    aliases.insert(room("closed"), alias(&["guest"], AccessPolicy::Public));
}

/// The rooms now, every closed role opened by `policy` (where the role exists at all):
/// `closed` disabled, `demo`'s viewer off and its host gone to `studio`.
fn rooms_after(settings: &mut Settings, policy: AccessPolicy) {
    let mut closed = alias(&["guest"], policy);
    closed.enabled = false;
    settings.rooms.aliases.insert(room("closed"), closed);
    settings
        .rooms
        .aliases
        .insert(room("studio"), alias(&["host"], policy));
    let demo = demo_alias(settings);
    demo.roles = vec!["guest".parse().unwrap(), "viewer".parse().unwrap()];
    demo.access
        .insert("viewer".parse().unwrap(), AccessPolicy::Off);
    demo.access.remove(&"host".parse::<RoleName>().unwrap());
}

async fn world() -> World {
    World::new(Backing::Sqlite)
        .await
        .expect("SQLite is always there")
}

async fn status_of(client: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    let response = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

/// Each refused room and role answers 404 to `client` at `path_of(room, role)`, costing no
/// call to 100ms.
async fn assert_refused(
    app: &TestApp,
    client: &reqwest::Client,
    path_of: impl Fn(&str, &str) -> String,
) {
    let calls = app.emulator.total_calls();
    for (room, role) in REFUSED {
        let path = path_of(room, role);
        assert_eq!(status_of(client, app, &path).await, 404, "{path}");
    }
    assert_eq!(
        app.emulator.total_calls(),
        calls,
        "refused without asking 100ms"
    );
}

#[tokio::test]
async fn bare_links_to_a_disabled_room_an_off_role_or_another_rooms_role_are_refused() {
    let world = world().await;
    let app = world
        .portal_with(|s| rooms_after(s, AccessPolicy::Public))
        .await;

    assert_refused(&app, &app.http, |room, role| format!("/join/{room}/{role}")).await;
    assert_refused(&app, &app.http, |room, role| {
        format!("/embed/{room}/{role}?skip_preview=1")
    })
    .await;

    let (status, html) = app.page("/join/studio/host").await;
    assert_eq!(status, 200, "{html}");
}

#[tokio::test]
async fn genuine_signed_links_to_them_are_refused_too() {
    let world = world().await;
    let app = world
        .portal_with(|s| rooms_after(s, AccessPolicy::Signed))
        .await;
    let signer = LinkSigner::new(&SigningKeys::parse(KEY).unwrap());
    let portal = PortalBase::parse(&app.address).unwrap();
    let signed = |room: &str, role: &str| {
        let (room, role) = (
            RoomName::parse(room).unwrap(),
            RoleName::parse(role).unwrap(),
        );
        let target = LinkTarget {
            kind: PageKind::Join,
            room: &room,
            role: &role,
            options: &JoinOptions::default(),
        };
        let exp = prebuilt_portal::domain::clock::unix_now() + 600;
        let url = signer.signed_url(&portal, target, 1, exp).unwrap();
        url.as_str().replacen(&app.address, "", 1)
    };

    assert_refused(&app, &app.http, &signed).await;

    let (status, html) = app.page(&signed(ITS_OWN_ROOM.0, ITS_OWN_ROOM.1)).await;
    assert_eq!(
        status, 200,
        "the same kind of link opens the role where it exists: {html}"
    );
}

#[tokio::test]
async fn public_roles_that_join_with_tokens_are_refused_the_same_way() {
    let world = world().await;
    let app = world
        .portal_with(|s| {
            rooms_after(s, AccessPolicy::Public);
            for role in ["guest", "viewer", "host"] {
                s.access
                    .join_with
                    .insert(role.parse().unwrap(), JoinWith::Token);
            }
        })
        .await;

    assert_refused(&app, &app.http, |room, role| format!("/join/{room}/{role}")).await;

    let (status, html) = app.page("/join/studio/host").await;
    assert_eq!(status, 200, "{html}");
    let (src, _) = meeting_iframe(&html);
    assert!(src.contains("auth_token="), "{src}");
}

#[tokio::test]
async fn invitations_made_before_the_rooms_closed_no_longer_open_or_count_a_use() {
    let world = world().await;
    let before = world.portal_with(rooms_before).await;
    let mut invitations = Vec::new();
    for (room, role) in REFUSED {
        let body = json!({ "room": room, "role": role, "expires_in": 3600, "max_uses": 5 });
        let id = invite(&before, body).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, pass) = press_join(&before, &id).await;
        assert_eq!(status, 303, "open before the change");
        invitations.push((id, pass.unwrap()));
    }
    before.server.stop(true).await;

    let after = world
        .portal_with(|s| rooms_after(s, AccessPolicy::Signed))
        .await;

    for (id, pass) in &invitations {
        assert_eq!(after.page(&format!("/i/{id}")).await.0, 404, "its page");
        assert_eq!(press_join(&after, id).await.0, 404, "Join");
        assert_eq!(after.page(pass).await.0, 404, "the pass of an earlier Join");
        let (_, _, shown) = after
            .api(Method::GET, &format!("/api/v1/invites/{id}"), None)
            .await;
        assert_eq!(shown["uses"], 1, "no use counted after the change: {shown}");
    }
}

#[tokio::test]
async fn a_signed_in_person_is_refused_them_while_their_own_role_opens() {
    let Some((app, _provider)) = spawn_with_provider(|s| rooms_after(s, AccessPolicy::Sso)).await
    else {
        return;
    };
    let client = crate::sign_in::browser(None);
    let start = client
        .get(format!("{}/join/studio/host", app.address))
        .send()
        .await
        .unwrap();
    let back = sign_in_at_provider(&client, start, "alice").await;
    assert_eq!(back.status(), 200, "signed in, into studio's host role");

    assert_refused(&app, &client, |room, role| format!("/join/{room}/{role}")).await;
}
