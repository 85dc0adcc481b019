use percent_encoding::utf8_percent_encode;
use url::Url;

use super::{JoinOptions, RoomCode, URL_COMPONENT};

/// Where Prebuilt meetings are served: `https://<template-subdomain>.app.100ms.live` in production,
/// the emulator's address locally. Links are `{base}/meeting/{code}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrebuiltBase(Url);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPrebuiltBase {
    #[error("it is empty; set it to your template's subdomain, e.g. https://acme.app.100ms.live")]
    Empty,
    #[error("it is not a valid URL ({0})")]
    NotUrl(String),
    #[error("it must be an http or https URL with a host and without query or fragment")]
    Shape,
}

impl PrebuiltBase {
    /// Accepts a full URL, a bare host (`acme.app.100ms.live`) or a template subdomain label (`acme`).
    pub fn parse(input: &str) -> Result<Self, InvalidPrebuiltBase> {
        let input = input.trim();
        if input.is_empty() {
            return Err(InvalidPrebuiltBase::Empty);
        }
        let full = if input.contains("://") {
            input.to_owned()
        } else if input.contains('.') || input.contains(':') {
            format!("https://{input}")
        } else {
            format!("https://{input}.app.100ms.live")
        };
        let url = Url::parse(&full).map_err(|e| InvalidPrebuiltBase::NotUrl(e.to_string()))?;
        let shaped = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some_and(|h| !h.is_empty())
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty();
        if !shaped {
            return Err(InvalidPrebuiltBase::Shape);
        }
        Ok(Self(url))
    }

    /// The Prebuilt link for a code, carrying the visitor's options as Prebuilt query parameters.
    /// Built by concatenation (codes are letters and hyphens, safe in a path): it runs on every
    /// page view.
    pub fn meeting_link(&self, code: &RoomCode, options: &JoinOptions) -> String {
        let base = self.as_str();
        let query = Self::query(options);
        let query_len = query.as_ref().map_or(0, |q| q.len() + 1);
        let mut link = String::with_capacity(base.len() + 9 + code.as_str().len() + query_len);
        link.push_str(base);
        link.push_str("/meeting/");
        link.push_str(code.as_str());
        if let Some(query) = query {
            link.push('?');
            link.push_str(&query);
        }
        link
    }

    /// Prebuilt's query string for the options, if any.
    pub(super) fn query(options: &JoinOptions) -> Option<String> {
        let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(3);
        if let Some(name) = &options.name {
            pairs.push(("name", name.as_str()));
        }
        if let Some(user_id) = &options.user_id {
            pairs.push(("userId", user_id.as_str()));
        }
        if options.skip_preview {
            pairs.push(("skip_preview_headful", "true"));
        }
        if pairs.is_empty() {
            return None;
        }
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, URL_COMPONENT)))
            .collect();
        Some(query.join("&"))
    }

    /// The scheme, host and port, e.g. for a Content-Security-Policy `frame-src`.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DisplayName, UserId};

    fn code() -> RoomCode {
        RoomCode::parse("abc-defg-hij").unwrap()
    }

    #[test]
    fn labels_hosts_and_urls_all_become_the_same_base() {
        for input in [
            "acme",
            "acme.app.100ms.live",
            "https://acme.app.100ms.live/",
        ] {
            let base = PrebuiltBase::parse(input).unwrap();
            assert_eq!(base.as_str(), "https://acme.app.100ms.live", "{input}");
        }
    }

    #[test]
    fn bad_bases_are_rejected() {
        assert_eq!(PrebuiltBase::parse(" "), Err(InvalidPrebuiltBase::Empty));
        assert_eq!(
            PrebuiltBase::parse("ftp://x.y"),
            Err(InvalidPrebuiltBase::Shape)
        );
        assert_eq!(
            PrebuiltBase::parse("https://x.y/?a=b"),
            Err(InvalidPrebuiltBase::Shape)
        );
    }

    #[test]
    fn a_plain_link_has_no_query() {
        let base = PrebuiltBase::parse("http://127.0.0.1:8081").unwrap();
        let link = base.meeting_link(&code(), &JoinOptions::default());
        assert_eq!(link, "http://127.0.0.1:8081/meeting/abc-defg-hij");
    }

    #[test]
    fn a_base_with_a_path_keeps_it() {
        for input in [
            "http://127.0.0.1:8081/prefix",
            "http://127.0.0.1:8081/prefix/",
        ] {
            let base = PrebuiltBase::parse(input).unwrap();
            let link = base.meeting_link(&code(), &JoinOptions::default());
            assert_eq!(link, "http://127.0.0.1:8081/prefix/meeting/abc-defg-hij");
        }
    }

    #[test]
    fn options_are_url_encoded_prebuilt_parameters() {
        let base = PrebuiltBase::parse("https://acme.app.100ms.live").unwrap();
        let options = JoinOptions {
            name: Some(DisplayName::parse("Ada <script>\"&").unwrap()),
            user_id: Some(UserId::parse("u&1").unwrap()),
            skip_preview: true,
            lobby: false,
        };
        let link = base.meeting_link(&code(), &options);
        assert_eq!(
            link,
            "https://acme.app.100ms.live/meeting/abc-defg-hij\
             ?name=Ada%20%3Cscript%3E%22%26&userId=u%261&skip_preview_headful=true"
        );
    }
}
