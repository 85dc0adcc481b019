//! A throwaway PostgreSQL cluster for the test binary: started once, on a free loopback port, in
//! a temporary directory, and stopped when the test process ends (a watchdog shell waits for
//! it). Each test gets a database of its own. Without PostgreSQL's binaries the tests that need
//! it are skipped with a message, except under CI (`CI` set), where that is a failure.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use sqlx::Connection;

pub struct Cluster {
    port: u16,
    _dir: tempfile::TempDir,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// A fresh database's URL, or `None` (with a message) when PostgreSQL is not installed here.
pub async fn fresh_database() -> Option<String> {
    let cluster = match tokio::task::spawn_blocking(|| CLUSTER.get_or_init(start).as_ref())
        .await
        .unwrap()
    {
        Ok(cluster) => cluster,
        Err(missing) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "PostgreSQL is needed under CI: {missing}"
            );
            eprintln!("skipped: {missing}");
            return None;
        }
    };
    let name = format!("portal_{}", uuid::Uuid::new_v4().simple());
    let admin_url = format!("postgres://postgres@127.0.0.1:{}/postgres", cluster.port);
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("the test cluster accepts connections");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("a database is created");
    Some(format!(
        "postgres://postgres@127.0.0.1:{}/{name}",
        cluster.port
    ))
}

/// Makes the database refuse every connection, and ends those it has: the store is down.
pub async fn take_down(url: &str) {
    let (admin_url, name) = split(url);
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    for statement in [
        format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"),
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(&mut admin)
            .await
            .unwrap();
    }
}

/// Lets the database take connections again.
pub async fn bring_back(url: &str) {
    let (admin_url, name) = split(url);
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "ALTER DATABASE {name} ALLOW_CONNECTIONS true"
    )))
    .execute(&mut admin)
    .await
    .unwrap();
}

fn split(url: &str) -> (String, String) {
    let (server, name) = url.rsplit_once('/').unwrap();
    (format!("{server}/postgres"), name.to_owned())
}

fn start() -> Result<Cluster, String> {
    let bin = binaries()
        .ok_or("PostgreSQL's server binaries (apt-get install postgresql) are not installed")?;
    let dir = tempfile::TempDir::new().map_err(|e| e.to_string())?;
    let as_root = is_root();
    if as_root {
        // The server refuses to run as root: the postgres user runs it, in a directory it owns.
        run(Command::new("chown")
            .args(["-R", "postgres"])
            .arg(dir.path()))?;
    }
    let data = dir.path().join("data");
    let mut initdb = server_command(as_root, &bin.join("initdb"));
    initdb
        .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
        .arg(&data);
    run(&mut initdb)?;
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    // The watchdog ends the server (fast shutdown) when the test process is gone.
    let postgres = bin.join("postgres");
    let script = format!(
        "{server} -D '{data}' -p {port} -k '{dir}' -c listen_addresses=127.0.0.1 -c max_connections=400 \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off > '{dir}/log' 2>&1 & \
         server=$!; while [ -d /proc/{parent} ] && kill -0 $server 2>/dev/null; do sleep 1; done; \
         kill -INT $server 2>/dev/null",
        server = postgres.display(),
        data = data.display(),
        dir = dir.path().display(),
        parent = std::process::id(),
    );
    let mut watchdog = server_command(as_root, Path::new("/bin/sh"));
    watchdog.args(["-c", &script]);
    watchdog
        .spawn()
        .map_err(|e| format!("could not start PostgreSQL: {e}"))?;
    // Ready when it accepts sessions, not merely TCP (it answers "starting up" in between).
    let ready = || {
        Command::new(bin.join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
            .status()
            .is_ok_and(|status| status.success())
    };
    let started = Instant::now();
    while !ready() {
        if started.elapsed() > Duration::from_secs(30) {
            let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
            return Err(format!("PostgreSQL did not start: {log}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Cluster { port, _dir: dir })
}

/// `/usr/lib/postgresql/<newest>/bin`, or `PG_BIN`.
fn binaries() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("postgres").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn server_command(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?} failed: {}",
            command,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
