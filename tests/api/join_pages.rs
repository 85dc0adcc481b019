use crate::helpers::{assert_html, demo_alias, meeting_iframe, spawn_app, spawn_app_with, text_of};

const ALLOW: &str = "camera *;microphone *;display-capture *";

#[tokio::test]
async fn the_join_page_embeds_the_demo_rooms_guest_code_with_camera_and_microphone_allowed() {
    let app = spawn_app().await;

    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.status(), 200);
    assert_html(&response);
    let html = response.text().await.unwrap();
    let codes = app.codes_of("demo", "guest");
    assert_eq!(codes.len(), 1, "one guest code was created in 100ms");
    let (src, allow) = meeting_iframe(&html);
    assert_eq!(
        src,
        format!("{}/meeting/{}", app.emulator_address, codes[0])
    );
    assert_eq!(allow, ALLOW);
    assert_eq!(text_of(&html, "h1").as_deref(), Some("Demo room"));
    assert_eq!(text_of(&html, ".role").as_deref(), Some("guest"));
    assert!(text_of(&html, "title").unwrap().contains("Demo room"));
}

#[tokio::test]
async fn the_embed_page_is_the_iframe_alone() {
    let app = spawn_app().await;

    let response = app.get("/embed/demo/viewer").await;

    assert_eq!(response.status(), 200);
    assert_html(&response);
    let html = response.text().await.unwrap();
    let (src, allow) = meeting_iframe(&html);
    let code = &app.codes_of("demo", "viewer")[0];
    assert_eq!(src, format!("{}/meeting/{code}", app.emulator_address));
    assert_eq!(allow, ALLOW);
    assert_eq!(
        text_of(&html, "header"),
        None,
        "no page chrome around the meeting"
    );
    assert_eq!(text_of(&html, "h1"), None);
}

#[tokio::test]
async fn the_meeting_iframe_has_an_accessible_title() {
    let app = spawn_app().await;

    let (_, html) = app.page("/join/demo/viewer").await;

    let document = scraper::Html::parse_document(&html);
    let iframe = scraper::Selector::parse("iframe[title]").unwrap();
    let title = document
        .select(&iframe)
        .next()
        .unwrap()
        .value()
        .attr("title")
        .unwrap();
    assert!(
        title.contains("Demo room") && title.contains("viewer"),
        "{title}"
    );
}

#[tokio::test]
async fn name_user_id_and_skip_preview_become_prebuilt_parameters() {
    let app = spawn_app().await;

    let (status, html) = app
        .page("/join/demo/guest?name=Ada+Lovelace&user_id=emp-42&skip_preview=1&utm_source=mail")
        .await;

    assert_eq!(status, 200);
    let (src, _) = meeting_iframe(&html);
    let code = &app.codes_of("demo", "guest")[0];
    assert_eq!(
        src,
        format!(
            "{}/meeting/{code}?name=Ada%20Lovelace&userId=emp-42&skip_preview_headful=true",
            app.emulator_address
        )
    );
}

#[tokio::test]
async fn a_name_with_markup_and_quotes_is_url_encoded_in_the_link_and_escaped_in_the_html() {
    let app = spawn_app().await;
    let name = r#"<script>alert("x")</script>' onload='y"#;
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("name", name)
        .finish();

    let (status, html) = app.page(&format!("/join/demo/guest?{query}")).await;

    assert_eq!(status, 200);
    assert!(
        !html.contains("<script>"),
        "no markup from the visitor:\n{html}"
    );
    assert!(!html.contains("onload='y"), "no attribute break-out");
    let (src, _) = meeting_iframe(&html);
    assert!(
        src.contains("name=%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E%27%20onload%3D%27y"),
        "{src}"
    );
    let link = url::Url::parse(&src).unwrap();
    let passed: Vec<_> = link.query_pairs().collect();
    assert_eq!(passed.len(), 1);
    assert_eq!(
        passed[0].1, name,
        "Prebuilt receives the name exactly as typed"
    );
}

#[tokio::test]
async fn the_iframe_opens_the_meeting_for_that_room_role_and_name() {
    let app = spawn_app().await;
    let (_, html) = app.page("/join/demo/guest?name=Ada").await;
    let (src, _) = meeting_iframe(&html);

    let meeting = app.http.get(&src).send().await.unwrap();

    assert_eq!(meeting.status(), 200);
    let page = meeting.text().await.unwrap();
    assert_eq!(text_of(&page, "#room").as_deref(), Some("demo"));
    assert_eq!(text_of(&page, "#role").as_deref(), Some("guest"));
    assert_eq!(text_of(&page, "#name").as_deref(), Some("Ada"));
    assert!(page.contains("emulator"), "the stand-in says what it is");
}

#[tokio::test]
async fn room_names_are_case_insensitive_like_in_100ms() {
    let app = spawn_app().await;

    let (_, lower) = app.page("/join/demo/guest").await;
    let (status, upper) = app.page("/join/DEMO/guest").await;

    assert_eq!(status, 200);
    assert_eq!(meeting_iframe(&lower).0, meeting_iframe(&upper).0);
}

#[tokio::test]
async fn every_role_gets_its_own_code() {
    let app = spawn_app().await;

    let (_, viewer) = app.page("/join/demo/viewer").await;
    let (_, guest) = app.page("/join/demo/guest").await;

    assert_ne!(meeting_iframe(&viewer).0, meeting_iframe(&guest).0);
    assert!(
        meeting_iframe(&viewer)
            .0
            .ends_with(&app.codes_of("demo", "viewer")[0])
    );
}

#[tokio::test]
async fn the_health_check_answers_200() {
    let app = spawn_app().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        app.emulator.total_calls(),
        0,
        "health checks never reach 100ms"
    );
}

#[tokio::test]
async fn pages_tell_browsers_not_to_leak_the_link_or_sniff_types() {
    let app = spawn_app().await;

    let response = app.get("/join/demo/guest").await;

    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn the_stylesheet_is_served_from_the_binary() {
    let app = spawn_app().await;

    let response = app.get("/static/portal.css").await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/css; charset=utf-8"
    );
    assert!(response.text().await.unwrap().contains(".meeting-frame"));
}

#[tokio::test]
async fn operator_branding_shows_on_pages_and_its_logo_is_allowed_by_the_csp() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.ui.title = "Acme Meet".into();
        s.ui.logo_url = Some("https://cdn.example.com/acme.svg".parse().unwrap());
        s.ui.accent_color = "#AA3300".parse().unwrap();
    })
    .await;

    let (_, index) = app.page("/").await;
    let join = app.get("/join/demo/guest").await;
    let csp = join.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let join = join.text().await.unwrap();
    let (_, theme) = app.page("/static/theme.css").await;

    assert_eq!(text_of(&index, "h1").as_deref(), Some("Acme Meet"));
    assert_eq!(text_of(&index, "title").as_deref(), Some("Acme Meet"));
    let document = scraper::Html::parse_document(&join);
    let logo = scraper::Selector::parse("header img.logo").unwrap();
    let logo = document
        .select(&logo)
        .next()
        .expect("the logo is in the header");
    assert_eq!(
        logo.value().attr("src"),
        Some("https://cdn.example.com/acme.svg")
    );
    assert_eq!(logo.value().attr("alt"), Some("Acme Meet"));
    assert!(
        csp.contains("img-src 'self' data: https://cdn.example.com;"),
        "{csp}"
    );
    assert!(theme.contains("--accent: #aa3300"), "{theme}");
}

#[tokio::test]
async fn a_room_title_with_markup_is_escaped_on_cached_join_and_embed_pages() {
    let app = spawn_app_with(|s| {
        demo_alias(s).title = Some(r#"<img src=x onerror=alert(1)> "Board" & co"#.into());
    })
    .await;

    for path in ["/join/demo/guest", "/embed/demo/guest"] {
        app.page(path).await; // the first view resolves; the next come from memory
        let (status, html) = app.page(path).await;

        assert_eq!(status, 200);
        assert!(
            !html.contains("<img src=x"),
            "{path}: no markup from the title"
        );
        let document = scraper::Html::parse_document(&html);
        let frame = scraper::Selector::parse("iframe").unwrap();
        let title = document.select(&frame).next().unwrap().attr("title");
        assert_eq!(
            title,
            Some(r#"Meeting: <img src=x onerror=alert(1)> "Board" & co (guest)"#),
            "{path}: the title reads as written"
        );
    }
}

#[tokio::test]
async fn a_bare_link_from_memory_gets_the_same_page_and_headers_as_a_routed_one() {
    let app = spawn_app().await;
    app.page("/join/demo/guest").await;

    for page in ["join", "embed"] {
        // A bare link is answered from memory before routing; an unknown parameter (ignored)
        // sends the same visit through the route.
        let from_memory = app.get(&format!("/{page}/demo/guest")).await;
        let routed = app
            .get(&format!("/{page}/demo/guest?utm_source=mail"))
            .await;

        let headers = |response: &reqwest::Response| {
            let mut names: Vec<(String, String)> = response
                .headers()
                .iter()
                .filter(|(name, _)| !["date", "x-request-id"].contains(&name.as_str()))
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
                .collect();
            names.sort();
            names
        };
        assert_eq!(from_memory.status(), 200);
        assert_eq!(headers(&from_memory), headers(&routed), "{page}");
        assert!(from_memory.headers().contains_key("x-request-id"));
        assert!(
            headers(&from_memory)
                .iter()
                .any(|(n, _)| n == "content-security-policy")
        );
        let (a, b) = (
            from_memory.text().await.unwrap(),
            routed.text().await.unwrap(),
        );
        assert_eq!(a, b, "{page}");
    }
}
