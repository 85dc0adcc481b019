//! Events in the console: made from a form (wall-clock times in the event's zone), listed,
//! their invitations with the organiser's calendar file, moved and cancelled; a forged form
//! changes nothing.

use reqwest::Method;

use super::Operator;
use crate::events::spawn_events_app;

#[tokio::test]
async fn an_event_made_in_the_console_lists_its_invitations_moves_and_cancels() {
    let app = spawn_events_app().await;
    let operator = Operator::sign_in(&app).await;
    let (status, page) = operator.page("/admin/events").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("No events to come."), "{page}");

    let form = [
        ("room", "demo"),
        ("title", "Design critique"),
        ("time_zone", "Europe/Berlin"),
        ("starts_at", "2099-03-02T14:00"),
        ("ends_at", "2099-03-02T15:00"),
        (
            "invitees",
            "viewer: Ada Lovelace <ada@example.com>\nhost: Bob\n",
        ),
    ];
    let (status, location, body) = operator.post("/admin/events", &form).await;
    assert_eq!(status, 303, "{body}");
    assert!(location.ends_with("?notice=created"), "{location}");
    let (status, page) = operator.page(&location).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Design critique") && page.contains("Ada Lovelace"),
        "{page}"
    );
    // 14:00 in Berlin in March is 13:00 UTC.
    assert!(page.contains("2099-03-02T13:00:00Z"), "{page}");
    let id = location
        .trim_start_matches("/admin/events/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, _, event) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None)
        .await;
    let ada = event["invitations"][0]["id"].as_str().unwrap();
    let ics = operator
        .http
        .get(format!(
            "{}/admin/events/{id}/invitations/{ada}.ics",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ics.status(), 200);
    assert!(ics.text().await.unwrap().contains("METHOD:REQUEST"));

    let (status, _, _) = operator
        .post_raw(
            &format!("/admin/events/{id}/cancel"),
            &[("csrf", "forged")],
            Some(&app.address),
        )
        .await;
    assert_eq!(status, 403, "a forged form is refused");
    let moved = [
        ("title", "Design critique"),
        ("starts_at", "2099-03-02T15:00"),
        ("ends_at", "2099-03-02T16:00"),
    ];
    let (status, location, _) = operator.post(&format!("/admin/events/{id}"), &moved).await;
    assert_eq!(status, 303);
    assert!(
        operator
            .page(&location)
            .await
            .1
            .contains("2099-03-02T14:00:00Z")
    );
    let (status, location, _) = operator
        .post(&format!("/admin/events/{id}/cancel"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/events?notice=cancelled")
    );
    let (_, _, event) = app
        .api(Method::GET, &format!("/api/v1/events/{id}"), None)
        .await;
    assert_eq!(event["state"], "cancelled");
    assert_eq!(event["sequence"], 2);
}
