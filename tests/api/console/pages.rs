//! What operators do in the console, and what it shows them.

use reqwest::Method;

use super::{Operator, hidden};
use crate::helpers::{spawn_admin_app, text_of};

#[tokio::test]
async fn a_room_created_in_the_console_is_served_listed_and_audited_with_the_console_as_actor() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;

    let (status, location, _) = operator
        .post(
            "/admin/rooms",
            &[
                ("name", "design-review"),
                ("title", "Design review"),
                ("listed", "on"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/rooms/design-review?done=created");

    let (status, html) = operator.page(&location).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Design review"));
    assert!(html.contains("The room was created."), "{html}");
    assert_eq!(app.page("/join/design-review/guest").await.0, 200, "served");
    assert!(app.page("/").await.1.contains("Design review"), "listed");
    let (_, _, audit) = app.api(Method::GET, "/api/v1/audit?limit=1", None).await;
    assert_eq!(audit[0]["action"], "room.created");
    assert_eq!(audit[0]["actor"], "console: admin token");
}

#[tokio::test]
async fn the_rooms_list_searches_names_and_titles_and_pages_through_many_rooms() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    for n in 0..55 {
        let name = format!("class-{n:02}");
        let title = if n == 7 {
            "Chemistry lab".to_owned()
        } else {
            format!("Class {n}")
        };
        let (status, _, _) = operator
            .post(
                "/admin/rooms",
                &[("name", name.as_str()), ("title", title.as_str())],
            )
            .await;
        assert_eq!(status, 303);
    }

    let (_, html) = operator.page("/admin?q=chemistry").await;
    let rows = scraper::Html::parse_document(&html)
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .count();
    assert_eq!(rows, 1, "{html}");
    assert!(html.contains("class-07"));

    let (_, first) = operator.page("/admin").await;
    assert!(first.contains("Rooms 1 to 50 of 56."), "{first}");
    assert!(first.contains("rel=\"next\""));
    let (_, second) = operator.page("/admin?q=&offset=50").await;
    assert!(second.contains("Rooms 51 to 56 of 56."), "{second}");
    assert!(second.contains("class-54"));
}

#[tokio::test]
async fn an_invitation_made_in_the_console_opens_the_meeting_and_once_revoked_shows_revoked() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;

    let (status, _, html) = operator
        .post(
            "/admin/rooms/demo/invitations",
            &[
                ("role", "host"),
                ("name", "Ada Lovelace"),
                ("expires_in", "2h"),
                ("max_uses", "3"),
                ("note", "board"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    let url = hidden_value(&html, "#handout-link");
    assert!(url.starts_with(&format!("{}/i/", app.address)), "{url}");
    assert!(html.contains("mailto:?subject="), "an e-mail link");
    assert!(html.contains("<svg"), "a QR code");

    let path = url.replacen(&app.address, "", 1);
    let (status, invitation) = app.page(&path).await;
    assert_eq!(status, 200);
    assert!(invitation.contains("Ada Lovelace"), "{invitation}");

    let (_, room) = operator.page("/admin/rooms/demo").await;
    assert!(
        room.contains("Ada Lovelace") && room.contains("0 of 3"),
        "{room}"
    );
    let id = path.trim_start_matches("/i/");
    let (status, location, _) = operator
        .post(&format!("/admin/invitations/{id}/revoke"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/rooms/demo?done=invitation-revoked")
    );
    let (_, room) = operator.page(&location).await;
    assert!(room.contains("revoked"), "{room}");
    assert_eq!(
        app.page(&path).await.0,
        410,
        "the invitation no longer opens"
    );

    let (_, audit) = operator.page("/admin/audit?actor=console").await;
    assert!(audit.contains("invitation.revoked"), "{audit}");
    assert!(audit.contains("invitation.issued"), "{audit}");
    let (_, by_room) = operator.page("/admin/audit?room=demo").await;
    for action in ["invitation.issued", "invitation.revoked"] {
        assert!(
            by_room.contains(action),
            "{action} is about the demo room: {by_room}"
        );
    }
}

#[tokio::test]
async fn no_console_page_shows_a_protected_roles_room_code() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    let host_code = app.code_via_api("host").await;
    let guest_code = app.code_via_api("guest").await;

    let (status, html) = operator.page("/admin/rooms/demo").await;

    assert_eq!(status, 200);
    assert!(
        !html.contains(&host_code),
        "the signed host role's code stays hidden"
    );
    assert!(
        !html.contains(&guest_code),
        "links are the portal's, not 100ms's"
    );
    assert!(
        html.contains("/join/demo/guest"),
        "the public role's link: {html}"
    );
}

#[tokio::test]
async fn tightening_a_role_in_the_console_rotates_its_code_and_removing_a_room_forgets_it() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    operator
        .post("/admin/rooms", &[("name", "webinar"), ("title", "Webinar")])
        .await;
    assert_eq!(app.page("/join/webinar/guest").await.0, 200);
    let copied = app.codes_of("webinar", "guest");

    let (status, location, _) = operator
        .post(
            "/admin/rooms/webinar",
            &[
                ("title", "Webinar"),
                ("enabled", "on"),
                ("policy.guest", "signed"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/rooms/webinar?done=saved")
    );
    assert!(!app.codes_of("webinar", "guest").contains(&copied[0]));
    assert_eq!(app.page("/join/webinar/guest").await.0, 403);

    let (status, location, _) = operator.post("/admin/rooms/webinar/delete", &[]).await;
    assert_eq!((status, location.as_str()), (303, "/admin?done=removed"));
    assert_eq!(app.page("/join/webinar/guest").await.0, 404);
    let (status, _) = operator.page("/admin/rooms/webinar").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_audit_log_filters_by_room_and_action_and_exports_csv() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    operator.post("/admin/rooms", &[("name", "alpha")]).await;
    operator.post("/admin/rooms", &[("name", "beta")]).await;
    operator
        .post("/admin/rooms/alpha/roles/guest/rotate", &[])
        .await;

    let (_, html) = operator.page("/admin/audit?room=alpha").await;
    let rows = scraper::Html::parse_document(&html)
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .count();
    assert_eq!(rows, 2, "created and rotated: {html}");
    let (_, html) = operator.page("/admin/audit?action=room.created").await;
    assert!(
        html.contains("beta") && !html.contains("code.rotated"),
        "{html}"
    );

    let response = operator
        .http
        .get(format!("{}/admin/audit.csv?room=alpha", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "at_utc,actor,action,subject,detail");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].contains("code.rotated") && lines[1].contains("alpha/guest"),
        "{csv}"
    );
}

#[tokio::test]
async fn the_status_page_tells_how_100ms_the_cache_and_the_store_are() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    app.page("/join/demo/guest").await;
    app.page("/join/demo/guest").await;

    let (status, html) = operator.page("/admin/status").await;

    assert_eq!(status, 200);
    for fact in [
        "answering",
        "closed",
        "SQLite, answering",
        env!("CARGO_PKG_VERSION"),
        "% of",
    ] {
        assert!(html.contains(fact), "{fact} in {html}");
    }
    assert!(html.contains("(you)"), "{html}");
    assert!(hidden(&html, "csrf").is_some());
}

fn hidden_value(html: &str, css: &str) -> String {
    let document = scraper::Html::parse_document(html);
    document
        .select(&scraper::Selector::parse(css).unwrap())
        .next()
        .and_then(|input| input.value().attr("value"))
        .unwrap_or_else(|| panic!("{css} in {html}"))
        .to_owned()
}
