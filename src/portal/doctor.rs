//! `prebuilt-portal doctor`: what stands between the settings and a working portal, one line per
//! check, each saying what is wrong in words an operator can act on.

use std::sync::Arc;

use super::{Upstream, hms_client};
use crate::hms::HmsError;
use crate::settings::Settings;
use crate::telemetry::Metrics;

/// One check: what was checked, and what was found (`Err`: a problem).
pub struct Check {
    pub subject: &'static str,
    pub finding: Result<String, String>,
}

/// Mints a token, calls 100ms once, then asks for every configured template.
pub async fn diagnose(settings: &Settings) -> Vec<Check> {
    let mut checks = vec![Check {
        subject: "settings",
        finding: Ok("valid".into()),
    }];
    let upstream = match Upstream::from_settings(settings) {
        Ok(upstream) => upstream,
        Err(error) => {
            checks.push(problem("100ms", format!("{error:#}")));
            return checks;
        }
    };
    checks.push(prebuilt_check(settings, &upstream));
    let metrics = match Metrics::new() {
        Ok(metrics) => Arc::new(metrics),
        Err(error) => {
            checks.push(problem("metrics", error.to_string()));
            return checks;
        }
    };
    let client = match hms_client(settings, &upstream, metrics) {
        Ok(client) => client,
        Err(error) => {
            checks.push(problem("100ms", format!("{error:#}")));
            return checks;
        }
    };
    let reached = match client.probe().await {
        Ok(()) => Ok(format!(
            "{} accepted the management token",
            upstream.api_base
        )),
        Err(error) => Err(explain(settings, &upstream, &error)),
    };
    let reachable = reached.is_ok();
    checks.push(Check {
        subject: "100ms",
        finding: reached,
    });
    if reachable {
        for (key, template_id) in templates(settings) {
            let finding = match client.get_template(&template_id).await {
                Ok(_) => Ok(format!("{key} = {template_id} exists")),
                Err(error) if error.status().is_some_and(|s| s.as_u16() == 404) => Err(format!(
                    "{key} = {template_id}: no such template in this 100ms account"
                )),
                Err(error) => Err(format!("{key} = {template_id}: {error}")),
            };
            checks.push(Check {
                subject: "template",
                finding,
            });
        }
    }
    checks
}

fn problem(subject: &'static str, text: String) -> Check {
    Check {
        subject,
        finding: Err(text),
    }
}

fn explain(settings: &Settings, upstream: &Upstream, error: &HmsError) -> String {
    if settings.emulator.enabled && error.is_unavailable() {
        format!(
            "the built-in emulator runs inside the portal, and no portal is running with it on \
             emulator.port ({}): start the portal (cargo run, or prebuilt-portal serve), then run \
             doctor again",
            settings.emulator.port
        )
    } else if settings.emulator.enabled && error.refuses_credentials() {
        format!(
            "the running portal's emulator refused this command's credentials: it makes random \
             ones and leaves them in {}; run doctor as the same user, or set hms.access_key and \
             hms.app_secret for both",
            super::emulator_credentials_file(settings).display()
        )
    } else if error.is_unavailable() {
        format!("{} is unreachable: {error}", upstream.api_base)
    } else if error.refuses_credentials() {
        format!(
            "{} refused the credentials ({error}): check hms.access_key and hms.app_secret \
             (the app access key and secret of the 100ms dashboard's developer section)",
            upstream.api_base
        )
    } else {
        format!("{} answered: {error}", upstream.api_base)
    }
}

/// Hosted Prebuilt lives on `*.app.100ms.live`; anything else only works with a Prebuilt of
/// one's own, so it is worth a word.
fn prebuilt_check(settings: &Settings, upstream: &Upstream) -> Check {
    let base = upstream.prebuilt.as_str();
    let finding = if settings.emulator.enabled {
        Ok(format!("{base} (the built-in emulator)"))
    } else {
        let host = url::Url::parse(base)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_default();
        if host.ends_with(".100ms.live") {
            Ok(format!("{base} is a 100ms Prebuilt host"))
        } else if crate::settings::is_loopback(&host) {
            Ok(format!(
                "{base} is on this machine: a stand-in for Prebuilt such as `prebuilt-portal \
                 emulator` (in production, https://<subdomain>.app.100ms.live)"
            ))
        } else {
            Err(format!(
                "hms.prebuilt_base = {base} is not a 100ms host (*.app.100ms.live): links open \
                 meetings there only if it serves Prebuilt itself"
            ))
        }
    };
    Check {
        subject: "prebuilt",
        finding,
    }
}

/// Every template the settings name: the default and each room's own.
fn templates(settings: &Settings) -> Vec<(String, String)> {
    let mut templates: Vec<(String, String)> = settings
        .hms
        .template_id
        .iter()
        .map(|id| ("hms.template_id".to_owned(), id.clone()))
        .collect();
    for (alias, room) in &settings.rooms.aliases {
        if let Some(id) = &room.template_id {
            templates.push((format!("rooms.aliases.{alias}.template_id"), id.clone()));
        }
    }
    templates
}
