//! A long line: every visitor, however far back, sees their own place in it (the line once
//! stopped at its first 500, and those behind were told they were first).

use futures_util::future::join_all;

use super::{Browser, with_lobby};
use crate::durable::{Backing, World};
use crate::helpers::TestApp;

const AHEAD: usize = 600;

/// `AHEAD` visitors knock, then one more: the last one's place, as its polling page reads it.
async fn place_of_the_last_in_a_long_line(app: &TestApp) -> u64 {
    for batch in 0..AHEAD / 50 {
        join_all((0..50).map(|i| async move {
            let name = format!("Visitor {}", batch * 50 + i);
            Browser::new(app).knock("/join/demo/guest", &name).await
        }))
        .await;
    }
    let last = Browser::new(app);
    let waiting = last.knock("/join/demo/guest", "Last").await;
    let (status, state) = last.get(&format!("{waiting}/state")).await;
    assert_eq!(status, 200, "{state}");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["state"], "waiting");
    state["position"].as_u64().unwrap()
}

fn long_lines(settings: &mut prebuilt_portal::settings::Settings) {
    with_lobby(settings);
    settings.lobby.max_waiting = AHEAD as u32 + 10;
    settings.rate_limit.knock_per_minute = 0;
    settings.rate_limit.room_knock_per_minute = 0;
}

#[tokio::test]
async fn the_visitor_behind_six_hundred_others_is_told_they_are_six_hundred_and_first() {
    let app = super::spawn_lobby_app(long_lines).await;
    assert_eq!(
        place_of_the_last_in_a_long_line(&app).await,
        AHEAD as u64 + 1
    );
}

#[tokio::test]
async fn a_long_line_kept_in_postgresql_gives_the_last_visitor_their_place_too() {
    let Some(world) = World::new(Backing::Postgres).await else {
        return;
    };
    let app = world.portal_with(long_lines).await;
    assert_eq!(
        place_of_the_last_in_a_long_line(&app).await,
        AHEAD as u64 + 1
    );
}
