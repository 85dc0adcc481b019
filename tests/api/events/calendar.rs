//! Calendar files, read back by an independent parser (Python's `icalendar`, installed by
//! `.ci/run`): the invitee's own file (PUBLISH) and the organiser's to mail (REQUEST, then
//! CANCEL), one UID per event, SEQUENCE raised by every move.

use std::process::Command;

use reqwest::Method;
use serde_json::{Value, json};

use super::{at, create_event, now, spawn_events_app};
use crate::helpers::{ADMIN_TOKEN, TestApp};

/// Parses a calendar file with Python's `icalendar`: its METHOD and its one event's fields.
/// `None` (skipped) where the package is missing outside CI.
fn parsed(ics: &str) -> Option<Value> {
    const READ: &str = r#"
import json, sys, icalendar
calendar = icalendar.Calendar.from_ical(sys.stdin.read())
event = next(c for c in calendar.walk() if c.name == "VEVENT")
field = lambda key: str(event.get(key)) if event.get(key) is not None else None
print(json.dumps({
    "method": str(calendar.get("METHOD")), "zone": str(calendar.get("X-WR-TIMEZONE")),
    "refresh": str(calendar.get("REFRESH-INTERVAL")),
    "uid": field("UID"), "sequence": int(event.get("SEQUENCE", 0)),
    "summary": field("SUMMARY"), "description": field("DESCRIPTION"), "url": field("URL"),
    "location": field("LOCATION"), "status": field("STATUS"),
    "dtstamp": event.decoded("DTSTAMP").timestamp() if event.get("DTSTAMP") else None,
    "start": event.decoded("DTSTART").timestamp(), "end": event.decoded("DTEND").timestamp(),
    "organizer": field("ORGANIZER"),
    "attendees": [str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")] if event.get("ATTENDEE") else [])],
}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", READ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'icalendar'") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must pip install icalendar"
        );
        eprintln!("skipped: pip install icalendar to check calendar files");
        return None;
    }
    assert!(out.status.success(), "the parser read it: {stderr}\n{ics}");
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

async fn text(app: &TestApp, path: &str, admin: bool) -> (u16, String, String) {
    let mut request = app.http.get(format!("{}{path}", app.address));
    if admin {
        request = request.bearer_auth(ADMIN_TOKEN);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, kind, response.text().await.unwrap())
}

#[tokio::test]
async fn calendar_files_keep_their_uid_raise_their_sequence_and_say_cancel_when_cancelled() {
    let app = spawn_events_app().await;
    let start = now() + 86_400;
    let event = create_event(
        &app,
        json!({ "starts_at": at(start), "ends_at": at(start + 3600) }),
    )
    .await;
    let id = event["id"].as_str().unwrap();
    let ada = event["invitations"][0]["id"].as_str().unwrap();
    let link = event["invitations"][0]["url"].as_str().unwrap();

    let (status, kind, own) = text(&app, &format!("/i/{ada}.ics"), false).await;
    assert_eq!(status, 200, "{own}");
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let Some(first) = parsed(&own) else { return };
    assert_eq!(first["method"], "PUBLISH");
    assert_eq!(
        first["zone"], "Europe/Berlin",
        "calendars show it in the event's zone"
    );
    assert_ne!(
        first["refresh"], "None",
        "a subscription reads it again: {first}"
    );
    assert_eq!(first["sequence"], 0);
    assert_eq!(first["summary"], "Weekly review");
    assert_eq!(first["start"].as_f64().unwrap() as i64, start);
    assert_eq!(first["end"].as_f64().unwrap() as i64, start + 3600);
    assert_eq!(first["url"], link);
    assert_eq!(first["location"], link);
    assert!(
        first["description"].as_str().unwrap().contains(link),
        "{first}"
    );
    assert_eq!(first["status"], "CONFIRMED");
    assert!(first["dtstamp"].is_number(), "{first}");
    assert_eq!(
        first["organizer"],
        Value::Null,
        "the invitee's own file names no organiser"
    );

    let mail = format!("/api/v1/events/{id}/invitations/{ada}.ics");
    let (status, _, request) = text(&app, &mail, true).await;
    assert_eq!(status, 200, "{request}");
    let request = parsed(&request).unwrap();
    assert_eq!(request["method"], "REQUEST");
    assert_eq!(request["uid"], first["uid"], "one UID per event");
    assert_eq!(request["organizer"], "mailto:meetings@example.com");
    assert_eq!(request["attendees"], json!(["mailto:ada@example.com"]));
    let bob = event["invitations"][1]["id"].as_str().unwrap();
    let (status, _, _) = text(
        &app,
        &format!("/api/v1/events/{id}/invitations/{bob}.ics"),
        true,
    )
    .await;
    assert_eq!(status, 409, "Bob has no address to mail");

    let body = json!({ "starts_at": at(start + 1800), "ends_at": at(start + 5400) });
    assert_eq!(
        app.api(Method::PATCH, &format!("/api/v1/events/{id}"), Some(body))
            .await
            .0,
        200
    );
    let moved = parsed(&text(&app, &format!("/i/{ada}.ics"), false).await.2).unwrap();
    assert_eq!(moved["uid"], first["uid"]);
    assert_eq!(moved["sequence"], 1, "a move raises the sequence");
    assert_eq!(moved["start"].as_f64().unwrap() as i64, start + 1800);

    assert_eq!(
        app.api(Method::DELETE, &format!("/api/v1/events/{id}"), None)
            .await
            .0,
        200
    );
    let cancel = parsed(&text(&app, &mail, true).await.2).unwrap();
    assert_eq!(cancel["method"], "CANCEL");
    assert_eq!(cancel["status"], "CANCELLED");
    assert_eq!(cancel["uid"], first["uid"]);
    assert!(cancel["sequence"].as_i64().unwrap() > 1, "{cancel}");
    let subscribed = parsed(&text(&app, &format!("/i/{ada}.ics"), false).await.2).unwrap();
    assert_eq!(subscribed["method"], "PUBLISH");
    assert_eq!(
        subscribed["status"], "CANCELLED",
        "a subscription shows the cancellation"
    );
}

#[tokio::test]
async fn the_invitation_page_offers_the_calendar_file_a_subscription_and_web_calendars() {
    let app = spawn_events_app().await;
    let start = now() + 86_400;
    let event = create_event(
        &app,
        json!({ "starts_at": at(start), "ends_at": at(start + 3600) }),
    )
    .await;
    let ada = event["invitations"][0]["id"].as_str().unwrap();
    let (status, page) = crate::lobby::Browser::new(&app)
        .get(&format!("/i/{ada}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"/i/{ada}.ics\"")), "{page}");
    assert!(page.contains("webcal://"), "{page}");
    assert!(
        page.contains("https://calendar.google.com/calendar/render?action=TEMPLATE"),
        "{page}"
    );
    assert!(
        page.contains("https://outlook.office.com/calendar/0/deeplink/compose"),
        "{page}"
    );
}
