//! Embedding explains itself: an intranet page on another origin frames an embed page; with
//! the defaults the browser refuses to show it, reports that to the portal, and the portal's
//! log names the framing site and the setting to change; once that site is allowed, the same
//! intranet page shows the meeting.

use std::process::Command;
use std::time::Duration;

use actix_web::{HttpResponse, web};
use fantoccini::Locator;

use super::{Screen, chromium, loopback_site};
use crate::helpers::eventually;
use crate::process::{Portal, binary};

const CONTROL_TOKEN: &str = "control-token-of-the-embedding-test";

/// An intranet on a loopback origin of its own: `/?frame=<url>` is a page framing `url`.
fn intranet() -> String {
    async fn page(query: web::Query<std::collections::HashMap<String, String>>) -> HttpResponse {
        let frame = query.get("frame").cloned().unwrap_or_default();
        let frame = askama::filters::escape(&frame, askama::filters::Html)
            .map(|v| v.to_string())
            .unwrap_or_default();
        HttpResponse::Ok().content_type("text/html").body(format!(
            r#"<!doctype html><html lang="en"><head><title>Intranet</title></head><body>
               <h1>Our all-hands</h1>
               <iframe id="meeting" src="{frame}" title="Meeting" width="800" height="500"
                       allow="camera *;microphone *;display-capture *"></iframe></body></html>"#
        ))
    }
    loopback_site(|routes| {
        routes.route("/", web::get().to(page));
    })
}

/// The intranet's page framing the portal's embed page.
fn framing_page(site: &str, portal: &Portal) -> String {
    let embed = format!("{}/embed/demo/viewer", portal.address());
    let embed: String = url::form_urlencoded::byte_serialize(embed.as_bytes()).collect();
    format!("{site}/?frame={embed}")
}

fn portal(ancestors: Option<&str>) -> Portal {
    let mut command = Command::new(binary());
    command
        .env_clear()
        .env("PORTAL__EMULATOR__CONTROL_TOKEN", CONTROL_TOKEN);
    if let Some(ancestors) = ancestors {
        command.env("PORTAL__SECURITY__FRAME_ANCESTORS", ancestors);
    }
    Portal::start(command)
}

/// How often the emulator's meeting page was opened (it is, once a frame is shown).
async fn meeting_views(portal: &Portal) -> u64 {
    let stats: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/_emulator/stats",
            portal.emulator_port
        ))
        .bearer_auth(CONTROL_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    stats["calls"]["meeting_page"].as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_framing_site_is_refused_reported_and_named_then_allowed() {
    let Some(browser) = chromium(Screen::Desktop).await else {
        return;
    };
    let site = intranet();
    let mut refusing = portal(None);

    browser
        .client
        .goto(&framing_page(&site, &refusing))
        .await
        .unwrap();
    browser
        .client
        .wait()
        .for_element(Locator::Id("meeting"))
        .await
        .unwrap();
    let reported = tokio::task::block_in_place(|| {
        refusing.wait_for_line("a site framed a portal page", Duration::from_secs(20))
    });
    let views_refused = meeting_views(&refusing).await;
    let log = refusing.stop();

    assert!(reported, "the portal logs the refusal:\n{log}");
    let line = log
        .lines()
        .find(|l| l.contains("a site framed a portal page"))
        .unwrap();
    assert!(
        line.contains(&site),
        "names the framing site: {line}\n{log}"
    );
    assert!(line.contains("security.frame_ancestors"), "{line}");
    assert!(line.contains("/embed/demo/viewer"), "{line}");
    assert_eq!(views_refused, 0, "the browser showed no meeting");

    let allowing = portal(Some(&format!("'self',{site}")));
    browser
        .client
        .goto(&framing_page(&site, &allowing))
        .await
        .unwrap();
    eventually(|| async { (meeting_views(&allowing).await > 0).then_some(()) }).await;
    allowing.stop();
}
