//! The access log: one line per request. Lines look like every other log line (same JSON keys or
//! text layout, same filter) but are formatted here and handed straight to the background
//! writer: tracing's generic formatter cost about a tenth of a cached page view.

use std::cell::RefCell;
use std::io::Write;
use std::sync::OnceLock;
use std::time::SystemTime;

use serde::Serialize;

use super::writer::LineWriter;
use crate::settings::LogFormat;

pub const TARGET: &str = "prebuilt_portal::access";

/// What one access line says.
#[derive(Debug, Clone, Copy)]
pub struct AccessLine<'a> {
    pub method: &'a str,
    pub route: &'a str,
    pub status: u16,
    pub latency_us: u64,
    pub cache: &'a str,
    pub request_id: &'a str,
}

struct AccessWriter {
    writer: LineWriter,
    format: LogFormat,
}

static WRITER: OnceLock<AccessWriter> = OnceLock::new();

/// Sends access lines to `writer` from now on (once per process; later calls are ignored).
pub(super) fn install(writer: LineWriter, format: LogFormat) {
    let _ = WRITER.set(AccessWriter { writer, format });
}

/// Logs the line, unless the log filter leaves `prebuilt_portal::access` at INFO out. Without
/// an installed writer (an app embedded in tests) it goes through `tracing` like other events.
pub fn log(line: &AccessLine<'_>) {
    if !tracing::enabled!(target: "prebuilt_portal::access", tracing::Level::INFO) {
        return;
    }
    let Some(access) = WRITER.get() else {
        tracing::info!(
            target: "prebuilt_portal::access",
            method = line.method,
            route = line.route,
            status = line.status,
            latency_us = line.latency_us,
            cache = line.cache,
            request_id = line.request_id,
            "request"
        );
        return;
    };
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(512));
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let timestamp = humantime::format_rfc3339_micros(SystemTime::now());
        let formatted = match access.format {
            LogFormat::Json => serde_json::to_writer(&mut *buffer, &JsonLine::new(line, timestamp))
                .map_err(std::io::Error::from),
            LogFormat::Text => write_text(buffer, line, timestamp),
        };
        buffer.push(b'\n');
        if formatted.is_ok() {
            access.writer.append(buffer);
        }
    });
}

/// The keys and order of tracing-subscriber's flattened JSON events.
#[derive(Serialize)]
struct JsonLine<'a> {
    #[serde(serialize_with = "serde_display")]
    timestamp: humantime::Rfc3339Timestamp,
    level: &'static str,
    message: &'static str,
    method: &'a str,
    route: &'a str,
    status: u16,
    latency_us: u64,
    cache: &'a str,
    request_id: &'a str,
    target: &'static str,
}

impl<'a> JsonLine<'a> {
    fn new(line: &AccessLine<'a>, timestamp: humantime::Rfc3339Timestamp) -> Self {
        Self {
            timestamp,
            level: "INFO",
            message: "request",
            method: line.method,
            route: line.route,
            status: line.status,
            latency_us: line.latency_us,
            cache: line.cache,
            request_id: line.request_id,
            target: TARGET,
        }
    }
}

fn serde_display<S: serde::Serializer>(
    value: &impl std::fmt::Display,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// tracing-subscriber's default text layout (strings quoted as it quotes them), without colours.
fn write_text(
    buffer: &mut Vec<u8>,
    line: &AccessLine<'_>,
    timestamp: humantime::Rfc3339Timestamp,
) -> std::io::Result<()> {
    write!(
        buffer,
        "{timestamp}  INFO {TARGET}: request method={} route={:?} status={} latency_us={} cache={:?} request_id={:?}",
        line.method, line.route, line.status, line.latency_us, line.cache, line.request_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> AccessLine<'static> {
        AccessLine {
            method: "GET",
            route: "/join/{room}/{role}",
            status: 200,
            latency_us: 42,
            cache: "hit",
            request_id: "abc-1",
        }
    }

    fn timestamp() -> humantime::Rfc3339Timestamp {
        humantime::format_rfc3339_micros(SystemTime::UNIX_EPOCH)
    }

    #[test]
    fn json_lines_have_the_keys_of_other_events() {
        let json = serde_json::to_value(JsonLine::new(&line(), timestamp())).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "timestamp": "1970-01-01T00:00:00.000000Z",
                "level": "INFO",
                "message": "request",
                "method": "GET",
                "route": "/join/{room}/{role}",
                "status": 200,
                "latency_us": 42,
                "cache": "hit",
                "request_id": "abc-1",
                "target": "prebuilt_portal::access",
            })
        );
    }

    #[test]
    fn text_lines_read_like_other_events() {
        let mut buffer = Vec::new();
        write_text(&mut buffer, &line(), timestamp()).unwrap();
        assert_eq!(
            String::from_utf8(buffer).unwrap(),
            "1970-01-01T00:00:00.000000Z  INFO prebuilt_portal::access: request method=GET \
             route=\"/join/{room}/{role}\" status=200 latency_us=42 cache=\"hit\" request_id=\"abc-1\""
        );
    }
}
