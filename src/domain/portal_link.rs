use url::Url;

use super::{RoleName, RoomName};

/// The portal's own public address (`server.public_url`), from which shared links are built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalBase(Url);

/// The two pages a link can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Join,
    Embed,
}

impl PageKind {
    pub fn segment(self) -> &'static str {
        match self {
            Self::Join => "join",
            Self::Embed => "embed",
        }
    }
}

/// The host to put in a URL for a listening address: a wildcard bind is reached on loopback,
/// and an IPv6 address needs brackets.
pub fn reachable_host(host: &str) -> String {
    match host {
        "0.0.0.0" | "::" | "[::]" => "127.0.0.1".to_owned(),
        h if h.contains(':') && !h.starts_with('[') => format!("[{h}]"),
        h => h.to_owned(),
    }
}

impl PortalBase {
    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The portal at `url`.
    pub fn parse(url: &str) -> Result<Self, url::ParseError> {
        Url::parse(url.trim()).map(Self)
    }

    /// `public_url` when set, else `http://{host}:{port}`: settings refuse a host that is not
    /// loopback without a public URL, so links never point at a wildcard address.
    pub fn for_server(
        public_url: Option<&Url>,
        host: &str,
        port: u16,
    ) -> Result<Self, url::ParseError> {
        match public_url {
            Some(url) => Ok(Self(url.clone())),
            None => Url::parse(&format!("http://{}:{port}", reachable_host(host))).map(Self),
        }
    }

    pub fn page_url(&self, kind: PageKind, room: &RoomName, role: &RoleName) -> Url {
        self.with_path(&[kind.segment(), room.as_str(), role.as_str()])
    }

    /// A page of the portal by its path segments, e.g. `["auth", "callback"]`.
    pub fn path_url(&self, segments: &[&str]) -> Url {
        self.with_path(segments)
    }

    /// The short link of an invitation: `/i/<id>`.
    pub fn invitation_url(&self, id: &super::InvitationId) -> Url {
        self.with_path(&["i", id.as_str()])
    }

    fn with_path(&self, segments: &[&str]) -> Url {
        let mut url = self.0.clone();
        url.set_query(None);
        url.set_fragment(None);
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_hang_below_the_public_url_path() {
        let base = PortalBase::parse("https://intranet.example.com/meet/").unwrap();
        let room = RoomName::parse("All-Hands").unwrap();
        let role = RoleName::parse("viewer").unwrap();
        assert_eq!(
            base.page_url(PageKind::Embed, &room, &role).as_str(),
            "https://intranet.example.com/meet/embed/all-hands/viewer"
        );
    }

    #[test]
    fn without_a_public_url_a_loopback_portal_links_to_its_own_address() {
        let base = PortalBase::for_server(None, "127.0.0.1", 9000).unwrap();
        let room = RoomName::parse("demo").unwrap();
        let role = RoleName::parse("guest").unwrap();
        assert_eq!(
            base.page_url(PageKind::Join, &room, &role).as_str(),
            "http://127.0.0.1:9000/join/demo/guest"
        );
    }
}
