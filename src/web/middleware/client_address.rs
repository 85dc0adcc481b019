//! Which address a request comes from, for per-client rate limits: the peer, or the header a
//! trusted reverse proxy sets.

use std::net::{IpAddr, SocketAddr};

use actix_web::http::header::{HeaderMap, HeaderName};

pub struct ClientAddress {
    header: Option<HeaderName>,
    trusted_hops: usize,
}

impl ClientAddress {
    /// `header`: the proxies' header (e.g. `X-Forwarded-For`), `None`: the peer address;
    /// `trusted_hops`: how many of the operator's proxies append to it.
    pub fn new(header: Option<&str>, trusted_hops: u8) -> Self {
        Self {
            header: header.and_then(|name| HeaderName::try_from(name).ok()),
            trusted_hops: usize::from(trusted_hops.max(1)),
        }
    }

    /// The entry `trusted_hops` from the end of all the header's lines, in order (what the
    /// outermost trusted proxy saw), else the peer. Entries before it are the client's own words.
    /// Each line and each entry is read on its own: one that is not an address (non-ASCII bytes,
    /// `unknown`) still counts as an entry, so the client's garbage neither drops the header nor
    /// shifts which entry the trusted proxies wrote.
    pub fn of(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let from_header = self.header.as_ref().and_then(|name| {
            let entries: Vec<Option<IpAddr>> = headers
                .get_all(name)
                .flat_map(|line| line.as_bytes().split(|byte| *byte == b','))
                .map(|entry| {
                    std::str::from_utf8(entry)
                        .ok()
                        .and_then(|text| parse_address(text.trim()))
                })
                .collect();
            let index = entries.len().checked_sub(self.trusted_hops)?;
            entries[index]
        });
        from_header
            .or(peer.map(|p| p.ip()))
            .unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}

/// An address as proxies write them: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443`,
/// `203.0.113.7:5123`.
fn parse_address(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    entry.parse::<SocketAddr>().ok().map(|socket| socket.ip())
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;

    use super::*;

    fn headers(lines: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in lines {
            map.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_str(line).unwrap(),
            );
        }
        map
    }

    #[test]
    fn the_entry_the_trusted_proxies_wrote_is_the_client_across_every_line() {
        let one = ClientAddress::new(Some("X-Forwarded-For"), 1);
        let two = ClientAddress::new(Some("X-Forwarded-For"), 2);
        let peer = Some("10.0.0.9:4000".parse().unwrap());
        let sent = headers(&["198.51.100.1, 198.51.100.2", "203.0.113.7"]);
        assert_eq!(one.of(&sent, peer).to_string(), "203.0.113.7");
        assert_eq!(two.of(&sent, peer).to_string(), "198.51.100.2");
        let short = headers(&["203.0.113.7"]);
        assert_eq!(
            two.of(&short, peer).to_string(),
            "10.0.0.9",
            "too few hops: the peer"
        );
        let ported = headers(&["[2001:db8::1]:443"]);
        assert_eq!(one.of(&ported, peer).to_string(), "2001:db8::1");
    }

    #[test]
    fn a_bad_entry_is_skipped_not_the_header() {
        let one = ClientAddress::new(Some("X-Forwarded-For"), 1);
        let two = ClientAddress::new(Some("X-Forwarded-For"), 2);
        let peer = Some("10.0.0.9:4000".parse().unwrap());
        let mut sent = HeaderMap::new();
        let name = HeaderName::from_static("x-forwarded-for");
        sent.append(
            name.clone(),
            HeaderValue::from_bytes(b"\xc3\xa9, unknown").unwrap(),
        );
        sent.append(name, HeaderValue::from_static("203.0.113.7"));
        assert_eq!(one.of(&sent, peer).to_string(), "203.0.113.7");
        assert_eq!(
            two.of(&sent, peer).to_string(),
            "10.0.0.9",
            "the entry two hops back is no address: the peer, never another entry"
        );
    }
}
