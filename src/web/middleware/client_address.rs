//! Which address a request comes from, for per-client rate limits: the peer, or the header a
//! trusted reverse proxy sets.

use std::net::{IpAddr, SocketAddr};

use actix_web::http::header::{HeaderMap, HeaderName};

pub struct ClientAddress {
    header: Option<HeaderName>,
}

impl ClientAddress {
    /// `header`: the proxy's header (e.g. `X-Forwarded-For`); `None`: the peer address.
    pub fn new(header: Option<&str>) -> Self {
        Self {
            header: header.and_then(|name| HeaderName::try_from(name).ok()),
        }
    }

    /// The header's last entry (the address the proxy saw), or the peer.
    pub fn of(&self, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
        let from_header = self.header.as_ref().and_then(|name| {
            let value = headers.get(name)?.to_str().ok()?;
            value.rsplit(',').next()?.trim().parse().ok()
        });
        from_header
            .or(peer.map(|p| p.ip()))
            .unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}
