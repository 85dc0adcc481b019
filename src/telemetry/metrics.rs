//! Prometheus metrics: requests, cache outcomes, calls to 100ms and token mints. Every layer
//! counts here; nothing here knows the layers.

use std::time::Duration;

use prometheus::core::Collector;
use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts,
    Registry, TextEncoder,
};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    request_seconds: HistogramVec,
    cache: IntCounterVec,
    upstream_calls: IntCounterVec,
    upstream_seconds: HistogramVec,
    token_mints: IntCounter,
    codes_disabled_outside: IntCounter,
    circuit_open: IntGauge,
    upstream_auth_refusals: IntCounter,
    cached_codes: IntGauge,
    log_lines_dropped: IntCounter,
    names_restored: IntCounter,
    framing_refused: IntCounter,
    framing_reported: IntCounter,
    /// The counter and histogram of each hot route's 200s, resolved once: a page view pays no
    /// label lookup (a hash and a lock each).
    hot_routes: Vec<(&'static str, IntCounter, Histogram)>,
}

/// The routes most requests take.
pub const HOT_ROUTES: [&str; 2] = ["/join/{room}/{role}", "/embed/{room}/{role}"];

const LATENCY_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("prebuilt_portal".into()), None)?;
        let cache = IntCounterVec::new(
            Opts::new(
                "cache_lookups_total",
                "Code lookups by outcome: hit, miss, stale, negative",
            ),
            &["outcome"],
        )?;
        let mut metrics = Self {
            requests: IntCounterVec::new(
                Opts::new(
                    "http_requests_total",
                    "HTTP requests by route pattern and status",
                ),
                &["route", "status"],
            )?,
            request_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "http_request_duration_seconds",
                    "HTTP request latency by route pattern",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["route"],
            )?,

            upstream_calls: IntCounterVec::new(
                Opts::new(
                    "upstream_requests_total",
                    "Calls to 100ms by endpoint and outcome",
                ),
                &["endpoint", "outcome"],
            )?,
            upstream_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "upstream_request_duration_seconds",
                    "Latency of calls to 100ms",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["endpoint"],
            )?,
            token_mints: IntCounter::new("token_mints_total", "Management tokens minted")?,
            codes_disabled_outside: IntCounter::new(
                "codes_disabled_outside_total",
                "Times every code of a role was found disabled outside the portal",
            )?,
            circuit_open: IntGauge::new(
                "upstream_circuit_open",
                "1 while calls to 100ms are refused after repeated failures (circuit open)",
            )?,
            upstream_auth_refusals: IntCounter::new(
                "upstream_auth_refusals_total",
                "Calls 100ms refused for the credentials (after a fresh token)",
            )?,
            log_lines_dropped: IntCounter::new(
                "log_lines_dropped_total",
                "Log lines dropped because the log output was stuck",
            )?,
            framing_refused: IntCounter::new(
                "framing_refused_total",
                "Portal pages asked for a frame of a site that may not frame them",
            )?,
            framing_reported: IntCounter::new(
                "framing_reports_total",
                "Browsers' reports of a portal page they refused to show in a frame",
            )?,
            names_restored: IntCounter::new(
                "names_restored_total",
                "Peers renamed back to the name their link, invitation or sign-in binds",
            )?,
            cached_codes: IntGauge::new(
                "cached_codes",
                "Room codes held in memory (at most cache.max_entries)",
            )?,
            cache,
            registry,
            hot_routes: Vec::new(),
        };
        let collectors: [Box<dyn Collector>; 14] = [
            Box::new(metrics.framing_reported.clone()),
            Box::new(metrics.framing_refused.clone()),
            Box::new(metrics.names_restored.clone()),
            Box::new(metrics.circuit_open.clone()),
            Box::new(metrics.codes_disabled_outside.clone()),
            Box::new(metrics.upstream_auth_refusals.clone()),
            Box::new(metrics.requests.clone()),
            Box::new(metrics.request_seconds.clone()),
            Box::new(metrics.cache.clone()),
            Box::new(metrics.upstream_calls.clone()),
            Box::new(metrics.upstream_seconds.clone()),
            Box::new(metrics.token_mints.clone()),
            Box::new(metrics.cached_codes.clone()),
            Box::new(metrics.log_lines_dropped.clone()),
        ];
        for collector in collectors {
            metrics.registry.register(collector)?;
        }
        metrics.hot_routes = HOT_ROUTES
            .iter()
            .map(|route| {
                (
                    *route,
                    metrics.requests.with_label_values(&[route, "200"]),
                    metrics.request_seconds.with_label_values(&[route]),
                )
            })
            .collect();
        #[cfg(target_os = "linux")]
        metrics.registry.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        Ok(metrics)
    }

    pub fn request(&self, route: &str, status: &str, latency: Duration) {
        if status == "200"
            && let Some((_, count, seconds)) = self.hot_routes.iter().find(|(r, ..)| *r == route)
        {
            count.inc();
            seconds.observe(latency.as_secs_f64());
            return;
        }
        self.requests.with_label_values(&[route, status]).inc();
        self.request_seconds
            .with_label_values(&[route])
            .observe(latency.as_secs_f64());
    }

    /// The counter of code lookups with this outcome; callers keep it, so a page view does not
    /// pay a label lookup.
    pub fn cache_lookups(&self, outcome: &str) -> IntCounter {
        self.cache.with_label_values(&[outcome])
    }

    /// Code lookups answered from memory (fresh or stale), and all of them, since start.
    pub fn cache_hits_and_lookups(&self) -> (u64, u64) {
        let mut hits = 0;
        let mut all = 0;
        for outcome in ["hit", "stale", "miss", "negative"] {
            let count = self.cache.with_label_values(&[outcome]).get();
            all += count;
            if matches!(outcome, "hit" | "stale") {
                hits += count;
            }
        }
        (hits, all)
    }

    /// `outcome` is `ok`, an HTTP status, `timeout`, `connect` or `transport`.
    pub fn upstream(&self, endpoint: &str, outcome: &str, latency: Duration) {
        self.upstream_calls
            .with_label_values(&[endpoint, outcome])
            .inc();
        self.upstream_seconds
            .with_label_values(&[endpoint])
            .observe(latency.as_secs_f64());
    }

    /// The counter of roles found with every code disabled outside the portal.
    pub fn codes_disabled_outside(&self) -> IntCounter {
        self.codes_disabled_outside.clone()
    }

    /// A browser reported a page refused to a site that framed it.
    pub fn framing_refused(&self) {
        self.framing_refused.inc();
    }

    /// A browser reported a refused framing.
    pub fn framing_reported(&self) {
        self.framing_reported.inc();
    }

    /// A peer renamed back to its bound name.
    pub fn name_restored(&self) {
        self.names_restored.inc();
    }

    /// The gauge the circuit breaker sets while open.
    pub fn circuit_open_gauge(&self) -> IntGauge {
        self.circuit_open.clone()
    }

    /// 100ms refused the credentials, even with a fresh token.
    pub fn upstream_auth_refused(&self) {
        self.upstream_auth_refusals.inc();
    }

    pub fn token_minted(&self) {
        self.token_mints.inc();
    }

    /// The text exposition format (version 0.0.4), with `cached_codes` and the log lines
    /// dropped so far as of now.
    pub fn render(&self, cached_codes: u64) -> String {
        self.cached_codes
            .set(i64::try_from(cached_codes).unwrap_or(i64::MAX));
        let dropped = super::dropped_lines();
        self.log_lines_dropped
            .inc_by(dropped.saturating_sub(self.log_lines_dropped.get()));
        let mut buffer = Vec::new();
        let encoder = TextEncoder::new();
        if encoder
            .encode(&self.registry.gather(), &mut buffer)
            .is_err()
        {
            return String::new();
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}
