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
        let now = SystemTime::now();
        let formatted = match access.format {
            LogFormat::Json => write_json(buffer, line, now),
            LogFormat::Text => write_text(buffer, line, humantime::format_rfc3339_micros(now)),
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

/// The JSON line, written by hand when every text in it is plain (nothing JSON escapes), as the
/// portal's own methods, route patterns and request ids always are: serde's general path cost
/// about 3 % of a cached page view. Anything else goes through serde.
fn write_json(buffer: &mut Vec<u8>, line: &AccessLine<'_>, now: SystemTime) -> std::io::Result<()> {
    let texts = [line.method, line.route, line.cache, line.request_id];
    if !texts.iter().all(|text| is_plain(text)) {
        let timestamp = humantime::format_rfc3339_micros(now);
        return serde_json::to_writer(buffer, &JsonLine::new(line, timestamp))
            .map_err(std::io::Error::from);
    }
    let mut numbers = itoa::Buffer::new();
    buffer.extend_from_slice(b"{\"timestamp\":\"");
    write_timestamp(buffer, now);
    buffer.extend_from_slice(b"\",\"level\":\"INFO\",\"message\":\"request\",\"method\":\"");
    buffer.extend_from_slice(line.method.as_bytes());
    buffer.extend_from_slice(b"\",\"route\":\"");
    buffer.extend_from_slice(line.route.as_bytes());
    buffer.extend_from_slice(b"\",\"status\":");
    buffer.extend_from_slice(numbers.format(line.status).as_bytes());
    buffer.extend_from_slice(b",\"latency_us\":");
    buffer.extend_from_slice(numbers.format(line.latency_us).as_bytes());
    buffer.extend_from_slice(b",\"cache\":\"");
    buffer.extend_from_slice(line.cache.as_bytes());
    buffer.extend_from_slice(b"\",\"request_id\":\"");
    buffer.extend_from_slice(line.request_id.as_bytes());
    buffer.extend_from_slice(b"\",\"target\":\"");
    buffer.extend_from_slice(TARGET.as_bytes());
    buffer.extend_from_slice(b"\"}");
    Ok(())
}

/// Printable ASCII without `"` or `\\`: JSON writes it as it is. A fold rather than `all`, so
/// the compiler checks many bytes at once instead of stopping at each.
fn is_plain(text: &str) -> bool {
    text.bytes().fold(true, |plain, b| {
        plain & (0x20..0x7f).contains(&b) & (b != b'"') & (b != b'\\')
    })
}

/// RFC 3339 with microseconds, as humantime writes it; the part up to the second is formatted
/// once per second per thread.
fn write_timestamp(buffer: &mut Vec<u8>, now: SystemTime) {
    thread_local! {
        static SECOND: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
    }
    let since_epoch = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let second = since_epoch.as_secs();
    SECOND.with_borrow_mut(|(cached, text)| {
        if *cached != second {
            let whole = humantime::format_rfc3339_seconds(now).to_string();
            *text = whole.trim_end_matches('Z').to_owned();
            *cached = second;
        }
        buffer.extend_from_slice(text.as_bytes());
    });
    let micros = since_epoch.subsec_micros();
    let mut numbers = itoa::Buffer::new();
    let digits = numbers.format(micros);
    buffer.push(b'.');
    buffer.extend(std::iter::repeat_n(b'0', 6 - digits.len()));
    buffer.extend_from_slice(digits.as_bytes());
    buffer.push(b'Z');
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
    fn hand_written_json_lines_are_what_serde_writes() {
        for at in [
            SystemTime::UNIX_EPOCH,
            SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(1_795_862_099_000_042),
        ] {
            let mut fast = Vec::new();
            write_json(&mut fast, &line(), at).unwrap();
            let slow = serde_json::to_vec(&JsonLine::new(
                &line(),
                humantime::format_rfc3339_micros(at),
            ))
            .unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(slow).unwrap()
            );
        }
        let odd = AccessLine {
            route: "/a\"b",
            ..line()
        };
        let mut escaped = Vec::new();
        write_json(&mut escaped, &odd, SystemTime::UNIX_EPOCH).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&escaped).unwrap();
        assert_eq!(parsed["route"], "/a\"b");
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
