//! Visitors behind one address who open the same cold page cause one call to 100ms, and are
//! charged one call between them.

use std::time::Duration;

use futures_util::future::join_all;

use crate::helpers::spawn_app_with;

#[tokio::test]
async fn an_office_opening_one_cold_page_at_once_spends_one_call_of_its_budget() {
    let budget = |s: &mut prebuilt_portal::settings::Settings| {
        s.rate_limit.upstream_per_minute = 60;
        s.rate_limit.upstream_burst = 20;
    };
    let alone = spawn_app_with(budget).await;
    alone.page("/join/demo/guest").await;
    let app = spawn_app_with(budget).await;
    // 100ms answers slowly, so the 30 visits wait for one look-up together.
    app.emulator.set_latency(Duration::from_millis(300));

    let office = join_all((0..30).map(|_| app.page("/join/demo/guest"))).await;
    app.emulator.set_latency(Duration::ZERO);
    let crowd_calls = app.emulator.total_calls();
    let next_cold_page = app.page("/join/demo/viewer").await;

    let statuses: Vec<u16> = office.iter().map(|(status, _)| *status).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(
        crowd_calls,
        alone.emulator.total_calls(),
        "the crowd cost 100ms what one visitor costs"
    );
    assert_eq!(
        next_cold_page.0, 200,
        "the office's budget was not spent by waiting"
    );
}
