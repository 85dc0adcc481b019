pub(crate) mod access_log;
mod metrics;
mod writer;

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::settings::LogFormat;
pub use metrics::{HOT_ROUTES, Metrics};
pub use writer::{FlushGuard, dropped_lines};

/// Logs to stderr as text or JSON lines; the filter comes from `RUST_LOG`, else `level`.
/// Lines are written by a background thread, so request handling never waits on the terminal
/// or disk; keep the returned guard alive until exit: dropping it writes what is left.
pub fn init(format: LogFormat, level: &str) -> Option<FlushGuard> {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::stderr().is_terminal();
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let Ok((writer, guard)) = writer::spawn(std::io::stderr()) else {
        // No thread for writing: log synchronously rather than not at all.
        let builder = builder.with_writer(std::io::stderr);
        let _ = match format {
            LogFormat::Json => builder.json().flatten_event(true).try_init(),
            LogFormat::Text => builder.with_ansi(ansi).try_init(),
        };
        return None;
    };
    access_log::install(writer.clone(), format);
    let builder = builder.with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.with_ansi(ansi).try_init(),
    };
    Some(guard)
}
