use crate::helpers::{ACCESS_KEY, APP_SECRET, spawn_app, spawn_emulator, spawn_live_app};

#[tokio::test]
async fn every_call_to_100ms_shares_one_management_token() {
    let app = spawn_app().await;

    for role in ["guest", "viewer"] {
        assert_eq!(app.page(&format!("/join/demo/{role}")).await.0, 200);
    }

    assert!(app.emulator.total_calls() >= 4);
    assert_eq!(app.emulator.token_ids_seen().len(), 1);
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_call_retried_once() {
    let app = spawn_app().await;
    app.page("/join/demo/guest").await;
    app.emulator.fail_next(1, 401);

    let (status, _) = app.page("/join/demo/viewer").await;

    assert_eq!(status, 200, "the visitor never sees the refusal");
    assert_eq!(
        app.emulator.token_ids_seen().len(),
        2,
        "a fresh token was minted"
    );
}

#[tokio::test]
async fn live_mode_talks_to_the_configured_api_with_the_configured_credentials() {
    let (emulator, address) = spawn_emulator(ACCESS_KEY, APP_SECRET).await;
    let app = spawn_live_app(&address, &emulator, APP_SECRET, |_| {}).await;

    let (status, _) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200);
    assert_eq!(
        emulator.token_ids_seen().len(),
        1,
        "the emulator accepted the portal's token"
    );
}
