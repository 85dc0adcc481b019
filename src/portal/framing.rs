//! Pages framed by sites that may not frame them: browsers refuse to show them (CSP
//! `frame-ancestors`). The web layer notices it when the page is asked for (the browser says the
//! page is for a frame, and which site's page frames it), and browsers report the refusal too.
//! Each framing site is logged once, with the setting that would allow it, so an operator who
//! embeds a page in an intranet sees at once why it shows the browser's blocked-frame icon.

use std::collections::HashSet;
use std::sync::Mutex;

use crate::telemetry::Metrics;

/// Origins remembered as logged; past this many, new ones are counted but not logged.
const MOST_REMEMBERED: usize = 1_000;

#[derive(Default)]
pub struct FramingReports {
    logged: Mutex<HashSet<String>>,
}

impl FramingReports {
    /// A page (`page`, its path) framed by `origin`, a site that may not frame it. Logs one
    /// line per origin (escaped: a browser or whoever posed as one named it); answers whether
    /// it did.
    pub fn refused(&self, origin: &str, page: &str, metrics: &Metrics) -> bool {
        metrics.framing_refused();
        self.log_once(origin, page)
    }

    /// A browser's report of a refusal. Browsers may leave the framing site out (Chromium
    /// reports only the refused page's own origin); the refusal was then logged, with the
    /// site, when the page was asked for.
    pub fn reported(&self, origin: &str, page: &str, metrics: &Metrics) -> bool {
        metrics.framing_reported();
        self.log_once(origin, page)
    }

    fn log_once(&self, origin: &str, page: &str) -> bool {
        let origin: String = origin.chars().take(200).collect();
        let mut logged = self.logged.lock().unwrap_or_else(|p| p.into_inner());
        if logged.len() >= MOST_REMEMBERED || !logged.insert(origin.clone()) {
            return false;
        }
        drop(logged);
        let page = page
            .chars()
            .take(200)
            .collect::<String>()
            .escape_debug()
            .to_string();
        if origin.is_empty() {
            tracing::warn!(
                page = %page,
                "a browser reported that it refused to show a portal page in another site's frame; \
                 it did not say which site (the portal names it when the page is asked for with a \
                 Referer): allow the site in security.frame_ancestors \
                 (PORTAL__SECURITY__FRAME_ANCESTORS) or in the room's frame_ancestors"
            );
            return true;
        }
        let origin = origin.escape_debug().to_string();
        tracing::warn!(
            origin = %origin,
            page = %page,
            "a site framed a portal page and the browser refused to show it: to allow {origin}, \
             add it to security.frame_ancestors (PORTAL__SECURITY__FRAME_ANCESTORS) or to the \
             room's frame_ancestors"
        );
        true
    }
}
