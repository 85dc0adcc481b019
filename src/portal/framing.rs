//! Pages framed by sites that may not frame them: browsers refuse to show them (CSP
//! `frame-ancestors`) and report it to the portal. Each framing origin is logged once, with the
//! setting that would allow it, so an operator who embeds a page in an intranet sees at once why
//! it shows the browser's blocked-frame icon.

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
    /// A page (`page`, its path) was refused to `origin`, a site that framed it. Logs one line
    /// per origin (escaped: it comes from whoever sent the report); answers whether it did.
    pub fn refused(&self, origin: &str, page: &str, metrics: &Metrics) -> bool {
        metrics.framing_refused();
        let origin: String = origin.chars().take(200).collect();
        let mut logged = self.logged.lock().unwrap_or_else(|p| p.into_inner());
        if logged.len() >= MOST_REMEMBERED || !logged.insert(origin.clone()) {
            return false;
        }
        let origin = origin.escape_debug().to_string();
        let page = page
            .chars()
            .take(200)
            .collect::<String>()
            .escape_debug()
            .to_string();
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
