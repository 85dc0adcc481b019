//! A site allowed to put portal pages in a frame: one source of the CSP `frame-ancestors`
//! directive (`'self'`, `https://intranet.example.com`, `https://*.example.com`).

use std::fmt;

/// A source of the CSP `frame-ancestors` directive, the keywords quoted as CSP needs them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CspSource(String);

impl CspSource {
    pub const MAX_LEN: usize = 200;
    /// What parses, as an OpenAPI pattern.
    pub const PATTERN: &'static str = r"^[!-+\--:<-~]{1,200}$";

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a page framed by `origin` (`scheme://host[:port]`) is shown under this source,
    /// as CSP source matching has it for `frame-ancestors` (`own` is the portal's origin, for
    /// `'self'`): `*`, a scheme (`https:`), a host with or without scheme, a `*.` subdomain
    /// wildcard, a port or `*` port.
    pub fn allows(&self, origin: &url::Url, own: &url::Url) -> bool {
        let source = self.0.as_str();
        match source {
            "'none'" => return false,
            "'self'" => return origin.origin() == own.origin(),
            // `*` matches network schemes only.
            "*" => return matches!(origin.scheme(), "http" | "https"),
            _ => {}
        }
        if let Some(scheme) = source.strip_suffix(':') {
            return scheme_matches(scheme, origin.scheme());
        }
        let (scheme, rest) = match source.split_once("://") {
            Some((scheme, rest)) => (Some(scheme), rest),
            None => (None, source),
        };
        if let Some(scheme) = scheme
            && !scheme_matches(scheme, origin.scheme())
        {
            return false;
        }
        if scheme.is_none() && !scheme_matches(own.scheme(), origin.scheme()) {
            return false;
        }
        let host_and_port = rest.split('/').next().unwrap_or_default();
        let (host, port) = match host_and_port.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || host_and_port.starts_with('[') => {
                (host, Some(port))
            }
            _ => (host_and_port, None),
        };
        let Some(origin_host) = origin.host_str() else {
            return false;
        };
        let host_matches = match host.strip_prefix("*.") {
            Some(parent) => origin_host
                .strip_suffix(parent)
                .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1),
            None => host.eq_ignore_ascii_case(origin_host),
        };
        let origin_port = origin.port_or_known_default();
        let port_matches = match port {
            Some("*") => true,
            Some(port) => port.parse::<u16>().ok() == origin_port,
            None => {
                origin_port
                    == url::Url::parse(&format!("{}://x", origin.scheme()))
                        .ok()
                        .and_then(|u| u.port_or_known_default())
            }
        };
        host_matches && port_matches
    }
}

/// `http` sources also allow `https` (CSP's upgrade rule).
fn scheme_matches(source: &str, scheme: &str) -> bool {
    source.eq_ignore_ascii_case(scheme)
        || (source.eq_ignore_ascii_case("http") && scheme == "https")
}

impl std::str::FromStr for CspSource {
    type Err = String;

    fn from_str(source: &str) -> Result<Self, Self::Err> {
        // Visible ASCII only: it goes into a header, and CSP separates sources by these.
        let malformed = source.is_empty()
            || source.len() > Self::MAX_LEN
            || !source
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
        if malformed {
            return Err(format!(
                "{source:?} is not a CSP source such as 'self' or https://intranet.example.com"
            ));
        }
        Ok(Self(match source {
            // A common slip: the keywords must be quoted in CSP.
            "self" | "none" => format!("'{source}'"),
            other => other.to_owned(),
        }))
    }
}

impl fmt::Display for CspSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for CspSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for CspSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(source: &str, origin: &str) -> bool {
        let own = url::Url::parse("https://meet.example.com").unwrap();
        let source: CspSource = source.parse().unwrap();
        source.allows(&url::Url::parse(origin).unwrap(), &own)
    }

    #[test]
    fn sources_match_origins_as_browsers_match_frame_ancestors() {
        assert!(allows("'self'", "https://meet.example.com"));
        assert!(!allows("'self'", "https://intranet.example.com"));
        assert!(allows(
            "https://intranet.example.com",
            "https://intranet.example.com"
        ));
        assert!(!allows(
            "https://intranet.example.com",
            "https://intranet.example.com:8443"
        ));
        assert!(allows("http://127.0.0.1:3000", "http://127.0.0.1:3000"));
        assert!(!allows("http://127.0.0.1:3000", "http://127.0.0.1:3001"));
        assert!(allows("https://*.example.com", "https://wiki.example.com"));
        assert!(!allows("https://*.example.com", "https://example.com"));
        assert!(!allows("https://*.example.com", "https://evil-example.com"));
        assert!(allows(
            "intranet.example.com",
            "https://intranet.example.com"
        ));
        assert!(allows("https:", "https://anything.example.org"));
        assert!(!allows("https:", "http://anything.example.org"));
        assert!(allows("*", "http://anything.example.org"));
        assert!(!allows("'none'", "https://meet.example.com"));
    }
}
