//! Webhook events are written by a thread of their own, below page views in the CPU's
//! priority, a batch at a time. On a busy core a flood of webhooks then takes what page views
//! leave (issue 30: the cached join page keeps ≥ 0.9× its rate while events arrive at full
//! speed); on an idle one the writer has it all. One commit serves every event that arrived
//! together. 100ms retries what is not answered 200, so a slow answer costs nothing but time.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::portal::PortalError;
use crate::settings::StoreSettings;
use crate::store::{HookEffect, HookRecord, Store, StoreError};

/// The writer's nice value. With page views keeping the core busy, the writer and its store
/// thread get about 7 % of it (CFS weights 36 each against 1,024): `bench/hooks` measured
/// 0.86× the join page's rate at nice 10, 0.96-1.13× at 15, and still 600 events a second.
const NICENESS: i32 = 15;
/// At most this many events share one commit.
const BATCH: usize = 64;
/// Events waiting for the writer at most; beyond, callers wait for room.
const QUEUE: usize = 1024;
/// How long a call waits for its event to be kept before answering 503: 100ms retries after
/// 1, 3 and 10 s (its own timeout for an answer is not documented), and a write that lands
/// after the 503 makes the retry a harmless duplicate.
const PATIENCE: Duration = Duration::from_secs(5);

/// An event to keep, owned (it crosses to the writer's thread).
pub(super) struct Hook {
    pub id: String,
    pub kind: String,
    pub body: String,
    pub received_ms: i64,
    pub effect: HookEffect,
}

type Answer = Result<(bool, HookEffect), PortalError>;

struct Job {
    hook: Hook,
    reply: oneshot::Sender<Answer>,
}

pub(super) struct HookWriter {
    jobs: mpsc::Sender<Job>,
}

impl HookWriter {
    /// Starts the writer's thread. It opens its own store connection, so that the store's
    /// thread for it (SQLite) starts from it and shares its priority; it ends when the writer
    /// is dropped.
    pub fn start(settings: StoreSettings) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        std::thread::Builder::new()
            .name("hook-writer".into())
            .spawn(move || {
                lower_priority();
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime.block_on(run(settings, queue)),
                    Err(error) => tracing::error!(%error, "the webhook writer could not start"),
                }
            })?;
        Ok(Self { jobs })
    }

    /// Keeps `hook` once per id: whether it was new, and its effect back.
    pub async fn write(&self, hook: Hook) -> Answer {
        let (reply, answer) = oneshot::channel();
        let kept = async {
            self.jobs.send(Job { hook, reply }).await.ok()?;
            answer.await.ok()
        };
        tokio::time::timeout(PATIENCE, kept)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| Err(unavailable()))
    }
}

fn unavailable() -> PortalError {
    StoreError::from(sqlx::Error::PoolTimedOut).into()
}

async fn run(settings: StoreSettings, mut queue: mpsc::Receiver<Job>) {
    let mut store: Option<Store> = None;
    let mut batch = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        let jobs = std::mem::take(&mut batch);
        if store.is_none() {
            match Store::single_connection(&settings).await {
                Ok(opened) => store = Some(opened),
                Err(error) => {
                    refuse(jobs, error);
                    continue;
                }
            }
        }
        if let Some(store) = &store {
            keep(store, jobs).await;
        }
    }
}

/// Keeps a batch in one transaction; if that fails, each event on its own, so that one event
/// the store refuses does not hold back the others.
async fn keep(store: &Store, jobs: Vec<Job>) {
    let together = store.record_hooks(&records(&jobs)).await;
    match together {
        Ok(fresh) => {
            for (job, fresh) in jobs.into_iter().zip(fresh) {
                let _ = job.reply.send(Ok((fresh, job.hook.effect)));
            }
        }
        Err(error) if jobs.len() == 1 => refuse(jobs, error),
        Err(_) => {
            for job in jobs {
                let alone = store.record_hook(&record(&job.hook)).await;
                let answer = alone
                    .map(|fresh| (fresh, job.hook.effect))
                    .map_err(PortalError::from);
                let _ = job.reply.send(answer);
            }
        }
    }
}

/// Answers every call of the batch with the store's error (503).
fn refuse(jobs: Vec<Job>, error: StoreError) {
    let error = Arc::new(error);
    for job in jobs {
        let _ = job.reply.send(Err(PortalError::Store(error.clone())));
    }
}

fn records(jobs: &[Job]) -> Vec<HookRecord<'_>> {
    jobs.iter().map(|job| record(&job.hook)).collect()
}

pub(super) fn record(hook: &Hook) -> HookRecord<'_> {
    HookRecord {
        id: &hook.id,
        kind: &hook.kind,
        body: &hook.body,
        received_ms: hook.received_ms,
        effect: &hook.effect,
    }
}

/// Lowers this thread's CPU priority; threads it starts inherit it. One call into the C
/// library: no maintained crate makes it simpler.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority takes plain integers and touches no memory of ours; on Linux `who`
    // 0 with PRIO_PROCESS is the calling thread alone.
    let failed = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) } != 0;
    if failed {
        tracing::warn!("the webhook writer runs at normal priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
