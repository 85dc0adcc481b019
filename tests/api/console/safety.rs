//! What keeps the console safe: a form counts only with its own session's token and from the
//! portal's own origin; its pages are never framed and never cached.

use reqwest::Method;

use super::Operator;
use crate::helpers::spawn_admin_app;

#[tokio::test]
async fn a_form_without_the_token_with_another_sessions_token_or_from_another_origin_changes_nothing()
 {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    let other = Operator::sign_in(&app).await;
    assert_ne!(operator.csrf, other.csrf, "each session has its own token");
    let room = [("name", "forged")];

    let without = operator
        .post_raw("/admin/rooms", &room, Some(&app.address))
        .await;
    let theirs = operator
        .post_raw(
            "/admin/rooms",
            &[("csrf", other.csrf.as_str()), ("name", "forged")],
            Some(&app.address),
        )
        .await;
    let elsewhere = operator
        .post_raw(
            "/admin/rooms",
            &[("csrf", operator.csrf.as_str()), ("name", "forged")],
            Some("https://evil.example"),
        )
        .await;

    for (status, _, html) in [&without, &theirs, &elsewhere] {
        assert_eq!(*status, 403, "{html}");
    }
    let (_, _, rooms) = app.api(Method::GET, "/api/v1/rooms?q=forged", None).await;
    assert_eq!(rooms["total"], 0, "nothing was created: {rooms}");
    let (status, _, _) = operator.post("/admin/rooms", &room).await;
    assert_eq!(status, 303, "the genuine form works");
}

#[tokio::test]
async fn console_pages_refuse_frames_and_caches_signed_in_or_not() {
    let app = spawn_admin_app().await;
    let operator = Operator::sign_in(&app).await;
    let signed_in = operator
        .http
        .get(format!("{}/admin/rooms/demo", app.address))
        .send()
        .await
        .unwrap();
    let sign_in = app.get("/admin/sign-in").await;
    let missing = operator
        .http
        .get(format!("{}/admin/rooms/no-such-room", app.address))
        .send()
        .await
        .unwrap();
    for response in [&signed_in, &sign_in, &missing] {
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["cache-control"], "no-store");
    }
    assert_eq!(signed_in.status(), 200);
    assert_eq!(missing.status(), 404);
}
