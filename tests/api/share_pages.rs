use prebuilt_portal::settings::{RoomAlias, UnknownRooms};
use scraper::{Html, Selector};

use crate::helpers::{assert_html, decode_qr_svg, demo_alias, spawn_app, spawn_app_with, text_of};

fn select<'a>(document: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    document.select(&Selector::parse(css).unwrap()).collect()
}

#[tokio::test]
async fn the_share_page_offers_each_role_link_with_copy_qr_open_share_and_embed() {
    let app = spawn_app_with(|s| {
        s.server.public_url = Some("https://meet.example.com/".parse().unwrap())
    })
    .await;

    let response = app.get("/rooms/demo").await;

    assert_eq!(response.status(), 200);
    assert_html(&response);
    let html = response.text().await.unwrap();
    let document = Html::parse_document(&html);
    let cards = select(&document, "section.role-card");
    assert_eq!(cards.len(), 2, "the signed host role is not shared");
    assert!(!html.contains("/join/demo/host"));
    assert!(html.contains("open only through personal links"));
    for (card, role) in cards.iter().zip(["guest", "viewer"]) {
        let inner = Html::parse_fragment(&card.html());
        let join_url = format!("https://meet.example.com/join/demo/{role}");
        let input = select(&inner, "input.link")[0].value();
        assert_eq!(
            input.attr("value"),
            Some(join_url.as_str()),
            "selectable without script"
        );
        assert!(input.attr("readonly").is_some());
        let copy = select(&inner, "button[data-copy]");
        assert_eq!(copy[0].value().attr("data-copy"), input.attr("id"));
        assert!(
            copy[0].text().any(|t| t.contains("Copy")),
            "the copy button is labelled"
        );
        let open = select(&inner, "a.button")[0].value();
        assert_eq!(open.attr("href"), Some(join_url.as_str()));
        let share = select(&inner, "a[data-share-url]")[0].value();
        assert_eq!(share.attr("data-share-url"), Some(join_url.as_str()));
        assert!(share.attr("href").unwrap().starts_with("mailto:?subject="));
        assert!(
            share
                .attr("href")
                .unwrap()
                .contains("https%3A%2F%2Fmeet.example.com%2Fjoin%2Fdemo%2F")
        );
        let svg = select(&inner, "figure.qr svg")[0].html();
        assert_eq!(
            decode_qr_svg(&svg),
            join_url,
            "the QR code opens the join page"
        );
        let snippet = select(&inner, "textarea")[0].text().collect::<String>();
        let snippet_doc = Html::parse_fragment(&snippet);
        let iframe = select(&snippet_doc, "iframe")[0].value();
        assert_eq!(
            iframe.attr("src"),
            Some(format!("https://meet.example.com/embed/demo/{role}").as_str())
        );
        assert_eq!(
            iframe.attr("allow"),
            Some("camera *;microphone *;display-capture *")
        );
        assert!(iframe.attr("allowfullscreen").is_some());
    }
    assert!(html.contains("Keep the <code>allow</code> attribute"));
    assert_eq!(
        app.emulator.total_calls(),
        0,
        "configured roles need no 100ms call"
    );
}

#[tokio::test]
async fn the_share_script_is_served() {
    let app = spawn_app().await;

    let response = app.get("/static/share.js").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("navigator.clipboard.writeText")
    );
}

#[tokio::test]
async fn room_titles_are_escaped_on_share_pages_and_in_snippets() {
    let app = spawn_app_with(|s| {
        demo_alias(s).title = Some(r#"<img src=x onerror=alert(1)> "Board" & co"#.into());
    })
    .await;

    let (status, html) = app.page("/rooms/demo").await;

    assert_eq!(status, 200);
    assert!(!html.contains("<img src=x"), "no markup from the title");
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62; &#34;Board&#34; &#38; co"));
    let document = Html::parse_document(&html);
    let snippet = select(&document, "textarea")[0].text().collect::<String>();
    assert!(
        snippet
            .contains(r#"title="&#60;img src=x onerror=alert(1)&#62; &#34;Board&#34; &#38; co""#),
        "{snippet}"
    );
}

#[tokio::test]
async fn an_unknown_room_has_no_share_page() {
    let app = spawn_app().await;

    let (status, html) = app.page("/rooms/nope").await;

    assert_eq!(status, 404);
    assert_eq!(
        text_of(&html, "h1").as_deref(),
        Some("Meeting room not found")
    );
}

#[tokio::test]
async fn a_looked_up_room_shares_the_roles_of_its_template() {
    let app = spawn_app_with(|s| {
        s.rooms.unknown = UnknownRooms::Lookup;
        s.access.default = prebuilt_portal::domain::AccessPolicy::Public;
        s.emulator.roles = vec![
            "teacher".parse().unwrap(),
            "student".parse().unwrap(),
            "__internal_recorder".parse().unwrap(),
        ];
    })
    .await;
    app.emulator
        .account()
        .upsert_room(prebuilt_portal::emulator::account::RoomChanges {
            name: Some("class-7b".into()),
            ..Default::default()
        })
        .unwrap();

    let (status, html) = app.page("/rooms/class-7b").await;

    assert_eq!(status, 200);
    let document = Html::parse_document(&html);
    let roles: Vec<String> = select(&document, "section.role-card .role")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        roles,
        ["student", "teacher"],
        "internal roles are not offered"
    );
}

#[tokio::test]
async fn the_index_lists_the_rooms_marked_listed() {
    let app = spawn_app_with(|s| {
        s.rooms.aliases.insert(
            "all-hands".parse().unwrap(),
            RoomAlias {
                title: Some("All hands".into()),
                listed: true,
                ..RoomAlias::default()
            },
        );
        s.rooms.aliases.insert(
            "secret-board".parse().unwrap(),
            RoomAlias {
                title: Some("Board".into()),
                ..RoomAlias::default()
            },
        );
    })
    .await;

    let response = app.get("/").await;

    assert_eq!(response.status(), 200);
    assert_html(&response);
    let html = response.text().await.unwrap();
    let document = Html::parse_document(&html);
    let links: Vec<(String, String)> = select(&document, ".room-list a")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("/rooms/all-hands".to_owned(), "All hands".to_owned()),
            ("/rooms/demo".to_owned(), "Demo room".to_owned())
        ]
    );
}

#[tokio::test]
async fn the_index_says_so_when_no_room_is_listed() {
    let app = spawn_app_with(|s| demo_alias(s).listed = false).await;

    let (status, html) = app.page("/").await;

    assert_eq!(status, 200);
    assert!(html.contains("No rooms are listed here"));
}
