//! The store: what must outlive a process and be shared by every replica: rooms made through
//! the admin API or CLI, invitations, revocations, the audit log and the changes other replicas
//! apply. SQLite (a file, one replica) or PostgreSQL (many), through sqlx; the same SQL for both
//! (written once, run by `with_pool!` on whichever pool is configured), embedded migrations
//! applied at start (sqlx takes an advisory lock on PostgreSQL, so replicas may start at once).

mod attendance;
mod audit;
mod changes;
mod console_sessions;
mod events;
mod invitations;
mod lobby;
mod outbox;
mod revocations;
mod rooms;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use secrecy::ExposeSecret;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{PgPool, SqlitePool};
use tokio::sync::Notify;

use crate::settings::{StoreSettings, StoreUrl};

pub use attendance::{AttendanceRecord, HookEffect, HookRecord, NewVisit, PeerTimes};
pub use audit::{Actor, AuditEntry, AuditFilter, AuditRecord};
pub use changes::{Change, ChangeRecord};
pub use console_sessions::ConsoleSessionRow;
pub use events::{EventRecord, EventTimes, NewEvent};
pub use invitations::{InvitationRecord, NewInvitation};
pub use lobby::{NewTicket, TicketRecord};
pub use outbox::OutboxRecord;
pub use revocations::Revocation;
pub use rooms::{RoomPage, StoredRoom};

/// The channel PostgreSQL notifies replicas on when a change was written.
const CHANGES_CHANNEL: &str = "prebuilt_portal_changes";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store is unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error("the store's schema could not be brought up to date")]
    Migration(#[source] sqlx::migrate::MigrateError),
    #[error("the store holds a value the portal cannot read: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                Self::Corrupt(error.to_string())
            }
            other => Self::Unavailable(other),
        }
    }
}

enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the configured pool: the SQL is the same for both.
macro_rules! with_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.backend {
            $crate::store::Backend::Sqlite($pool) => $body,
            $crate::store::Backend::Postgres($pool) => $body,
        }
    };
}
use changes::write_tx;
pub(crate) use with_pool;

pub struct Store {
    backend: Backend,
    /// This process, so it can skip the changes it wrote itself.
    origin: String,
    /// Woken by PostgreSQL when another replica wrote a change.
    wakeups: Arc<Notify>,
}

impl Store {
    /// Opens (and for SQLite creates) the store and brings its schema up to date.
    pub async fn open(settings: &StoreSettings) -> Result<Self, StoreError> {
        let store = Self::connect(settings, true).await?;
        match &store.backend {
            Backend::Sqlite(pool) => {
                let lock = MigrationLock::take(pool).await?;
                sqlx::migrate!("migrations/sqlite")
                    .run(pool)
                    .await
                    .map_err(StoreError::Migration)?;
                drop(lock);
            }
            Backend::Postgres(pool) => sqlx::migrate!("migrations/postgres")
                .run(pool)
                .await
                .map_err(StoreError::Migration)?,
        }
        store.listen_for_changes();
        Ok(store)
    }

    /// Connects without creating or changing anything (for `check-config`).
    pub async fn inspect(settings: &StoreSettings) -> Result<Self, StoreError> {
        Self::connect(settings, false).await
    }

    /// One more connection of its own, for a writer that runs apart (webhook events): its
    /// SQLite thread starts from, and so shares the priority of, the caller's thread.
    pub async fn single_connection(settings: &StoreSettings) -> Result<Self, StoreError> {
        let settings = StoreSettings {
            max_connections: 1,
            ..settings.clone()
        };
        Self::connect(&settings, false).await
    }

    async fn connect(settings: &StoreSettings, create: bool) -> Result<Self, StoreError> {
        let backend = match &settings.url {
            StoreUrl::Sqlite(url) => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(create)
                    .journal_mode(SqliteJournalMode::Wal)
                    // Writers from the CLI and the server wait for each other instead of failing.
                    .busy_timeout(settings.acquire_timeout);
                if create {
                    create_parent_directory(&options)?;
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(options)
                    .await?;
                Backend::Sqlite(pool)
            }
            StoreUrl::Postgres(url) => {
                let options = PgConnectOptions::from_str(url.expose_secret())?
                    .application_name("prebuilt-portal");
                let pool = PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_with(options)
                    .await?;
                Backend::Postgres(pool)
            }
        };
        Ok(Self {
            backend,
            origin: uuid::Uuid::new_v4().simple().to_string(),
            wakeups: Arc::new(Notify::new()),
        })
    }

    /// Whether several replicas may share this store.
    pub fn is_shared(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// One cheap round trip, for readiness.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(drop))?;
        Ok(())
    }

    /// Migrations embedded in this binary that the store has not applied (for `check-config`;
    /// opening the store applies them).
    pub async fn pending_migrations(&self) -> Result<usize, StoreError> {
        let applied: Vec<(i64,)> = with_pool!(self, |pool| {
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(pool)
                .await
        })
        .or_else(|error| match &error {
            // A store no portal has opened yet has no migrations table.
            sqlx::Error::Database(db) if db.message().contains("_sqlx_migrations") => {
                Ok(Vec::new())
            }
            _ => Err(error),
        })?;
        let embedded: Vec<i64> = match self.backend {
            Backend::Sqlite(_) => sqlx::migrate!("migrations/sqlite")
                .iter()
                .map(|m| m.version)
                .collect(),
            Backend::Postgres(_) => sqlx::migrate!("migrations/postgres")
                .iter()
                .map(|m| m.version)
                .collect(),
        };
        Ok(embedded
            .iter()
            .filter(|version| !applied.iter().any(|(done,)| done == *version))
            .count())
    }

    /// Resolves when a change may be waiting (PostgreSQL only; SQLite never wakes it).
    pub async fn changed(&self) {
        self.wakeups.notified().await;
    }

    /// With PostgreSQL, a task that wakes [`Store::changed`] on every notice; it reconnects by
    /// itself, and the poll in between catches what a lost connection missed.
    fn listen_for_changes(&self) {
        let Backend::Postgres(pool) = &self.backend else {
            return;
        };
        let pool = pool.clone();
        let wakeups = self.wakeups.clone();
        tokio::spawn(async move {
            loop {
                let listener = async {
                    let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
                    listener.listen(CHANGES_CHANNEL).await?;
                    loop {
                        listener.recv().await?;
                        wakeups.notify_one();
                    }
                };
                let result: Result<(), sqlx::Error> = listener.await;
                if let Err(error) = result {
                    if pool.is_closed() {
                        return;
                    }
                    tracing::debug!(error = %error, "listening for store changes failed; retrying");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

/// SQLite has no advisory lock, so a CLI and a server starting at once on a new file would
/// both apply the first migration; a lock file beside the database lets one at a time.
struct MigrationLock(Option<std::fs::File>);

impl MigrationLock {
    async fn take(pool: &SqlitePool) -> Result<Self, StoreError> {
        let options = pool.connect_options();
        let database = options.get_filename();
        if database.to_string_lossy().contains("in-memory") {
            return Ok(Self(None));
        }
        let mut path = database.as_os_str().to_owned();
        path.push(".migrate-lock");
        let io = |e| StoreError::Unavailable(sqlx::Error::Io(e));
        let file = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        let file = tokio::task::spawn_blocking(move || file.lock().map(|()| file))
            .await
            .map_err(|e| io(std::io::Error::other(e)))?
            .map_err(io)?;
        Ok(Self(Some(file)))
    }
}

impl Drop for MigrationLock {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            let _ = file.unlock();
        }
    }
}

/// `sqlite://data/x.db` needs `data/`; a first run creates it.
fn create_parent_directory(options: &SqliteConnectOptions) -> Result<(), StoreError> {
    let Some(parent) = options.get_filename().parent() else {
        return Ok(());
    };
    if parent.as_os_str().is_empty() || parent.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(parent).map_err(|e| StoreError::Unavailable(sqlx::Error::Io(e)))
}

/// Milliseconds since the Unix epoch, as the store keeps times of day.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
