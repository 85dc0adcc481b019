//! `/readyz` answers from state: a crowd of probes costs 100ms one call, never a 429, and a
//! failing probe does not shut 100ms off for visitors.

use futures_util::future::join_all;

use crate::helpers::spawn_app_with;

#[tokio::test]
async fn fifty_parallel_readiness_checks_after_an_idle_spell_cost_100ms_one_call() {
    // A fresh portal has not called 100ms: as idle as one whose last call is long past.
    let app = spawn_app_with(|s| s.rate_limit.upstream_per_minute = 1).await;

    let statuses = join_all((0..50).map(|_| app.page("/readyz"))).await;
    let again = app.page("/readyz").await;

    assert!(
        statuses.iter().all(|(status, _)| *status == 200),
        "{statuses:?}"
    );
    assert_eq!(again.0, 200);
    assert_eq!(app.emulator.calls("list_rooms"), 1, "one probe for all");
}

#[tokio::test]
async fn failing_readiness_probes_leave_the_circuit_closed_for_visitors() {
    let app = spawn_app_with(|s| {
        s.hms.breaker_failures = 2;
        s.hms.readiness_probe_interval = std::time::Duration::ZERO;
        s.hms.deadline = std::time::Duration::from_millis(800);
    })
    .await;
    app.emulator.fail_next(3, 503);

    for _ in 0..3 {
        assert_eq!(
            app.page("/readyz").await.0,
            503,
            "not ready while 100ms fails"
        );
    }
    app.emulator.clear_faults();
    let (status, html) = app.page("/join/demo/guest").await;

    assert_eq!(status, 200, "the visitor's call went through: {html}");
    let metrics = app.metrics().await;
    assert!(
        metrics.contains("prebuilt_portal_upstream_circuit_open 0"),
        "{metrics}"
    );
}
