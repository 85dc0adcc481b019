pub mod access;

use std::io::IsTerminal;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

use crate::settings::LogFormat;

/// Logs to stderr as text or JSON lines; the filter comes from `RUST_LOG`, else `level`.
/// Lines are written by a background thread, so request handling never waits on the terminal
/// or disk; keep the returned guard alive until exit, which flushes what is left.
pub fn init(format: LogFormat, level: &str) -> WorkerGuard {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::stderr().is_terminal();
    // Buffered: under load many lines go out in one write; the writer thread flushes whenever
    // it has caught up, so lines still appear at once when traffic is light.
    let buffered = std::io::BufWriter::with_capacity(64 * 1024, std::io::stderr());
    let (writer, guard) = tracing_appender::non_blocking(buffered);
    access::install(writer.clone(), format);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.with_ansi(ansi).try_init(),
    };
    guard
}
