//! An event's invitation in a real browser: its countdown turns into the Join page at the
//! opening second without the visitor reloading, and both pages pass axe in both schemes at
//! both widths.

use std::time::{Duration, Instant};

use serde_json::json;

use super::lobby::{check, wait_for_text};
use super::{Scheme, Screen, chromium};
use crate::events::{at, create_event, invitation_path, now, spawn_events_app};

#[tokio::test(flavor = "multi_thread")]
async fn an_events_countdown_turns_into_the_join_page_at_the_opening_second() {
    for screen in [Screen::Desktop, Screen::Phone] {
        let Some(browser) = chromium(screen).await else {
            return;
        };
        let app = spawn_events_app().await;
        for scheme in [Scheme::Light, Scheme::Dark] {
            browser.prefer(scheme).await;
            let label = if scheme == Scheme::Dark { "-dark" } else { "" };
            let opens = now() + 4;
            let event = create_event(
                &app,
                json!({ "starts_at": at(opens), "ends_at": at(opens + 600), "open_before": 0 }),
            )
            .await;
            let page = format!("{}{}", app.address, invitation_path(&event, 0));
            browser.client.goto(&page).await.unwrap();
            wait_for_text(&browser, "The meeting opens in", Duration::from_secs(2)).await;
            check(&browser, &format!("event-countdown{label}"), screen).await;

            let waited = Instant::now();
            wait_for_text(&browser, "Join the meeting", Duration::from_secs(8)).await;
            let opened_at = now();
            assert!(opened_at >= opens, "not before the opening second");
            assert!(
                opened_at <= opens + 2,
                "within a moment of it ({:?})",
                waited.elapsed()
            );
            assert_eq!(
                browser.client.current_url().await.unwrap().as_str(),
                page,
                "same page"
            );
            check(&browser, &format!("event-join{label}"), screen).await;
        }
    }
}
