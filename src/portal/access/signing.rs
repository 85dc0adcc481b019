//! Signed links: HMAC-SHA256 over the page kind, room, role, issue time, expiry and every
//! Prebuilt option, verified in constant time against every configured key. Links made before
//! issue times were signed (v1) still verify, as issued at the epoch: any revocation ends them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::utf8_percent_encode;
use secrecy::ExposeSecret;
use sha2::Sha256;
use url::Url;

use crate::domain::{JoinOptions, PageKind, PortalBase, RoleName, RoomName, URL_COMPONENT};
use crate::settings::SigningKeys;

type HmacSha256 = Hmac<Sha256>;

/// Why a signed role's page was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkRejection {
    #[error("this role needs a signed link")]
    Unsigned,
    #[error("the link's signature is not valid")]
    Invalid,
    #[error("the link has expired")]
    Expired,
    #[error("the link was revoked")]
    Revoked,
}

/// The `iat`, `exp` and `sig` query parameters of a signed link, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signature<'a> {
    pub iat: Option<&'a str>,
    pub exp: Option<&'a str>,
    pub sig: Option<&'a str>,
}

/// What a genuine link says of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// Unix seconds.
    pub expires_at: u64,
    /// Unix milliseconds; 0 for links made before issue times were signed.
    pub issued_ms: u64,
}

/// What a signed link is made for: a page, a room, a role and the options it fixes.
#[derive(Debug, Clone, Copy)]
pub struct LinkTarget<'a> {
    pub kind: PageKind,
    pub room: &'a RoomName,
    pub role: &'a RoleName,
    pub options: &'a JoinOptions,
}

/// Signs with the first key, verifies with all (so keys can be rotated).
pub struct LinkSigner {
    keys: Vec<Vec<u8>>,
}

impl LinkSigner {
    pub fn new(keys: &SigningKeys) -> Self {
        Self {
            keys: keys
                .iter()
                .map(|k| k.expose_secret().as_bytes().to_vec())
                .collect(),
        }
    }

    pub fn can_sign(&self) -> bool {
        !self.keys.is_empty()
    }

    /// A link to the page, made at `issued_ms` (Unix milliseconds), that only opens until `exp`
    /// (Unix seconds) and only exactly as made; `None` without a signing key.
    pub fn signed_url(
        &self,
        portal: &PortalBase,
        target: LinkTarget<'_>,
        issued_ms: u64,
        exp: u64,
    ) -> Option<Url> {
        let key = self.keys.first()?;
        let issued = Some(issued_ms);
        let signature =
            URL_SAFE_NO_PAD.encode(mac(key, target, issued, exp)?.finalize().into_bytes());
        let options = target.options;
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(name) = &options.name {
            pairs.push(("name", name.as_str().to_owned()));
        }
        if let Some(user_id) = &options.user_id {
            pairs.push(("user_id", user_id.as_str().to_owned()));
        }
        if options.skip_preview {
            pairs.push(("skip_preview", "1".to_owned()));
        }
        if options.lobby {
            pairs.push(("lobby", "1".to_owned()));
        }
        pairs.push(("iat", issued_ms.to_string()));
        pairs.push(("exp", exp.to_string()));
        pairs.push(("sig", signature));
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, URL_COMPONENT)))
            .collect();
        let mut url = portal.page_url(target.kind, target.room, target.role);
        url.set_query(Some(&query.join("&")));
        Some(url)
    }

    /// Checks a signed link in constant time against every key; a genuine one says when it
    /// was made and when it expires.
    pub fn verify(
        &self,
        target: LinkTarget<'_>,
        signature: Signature<'_>,
        now: u64,
    ) -> Result<Verified, LinkRejection> {
        let (exp, sig) = match (signature.exp, signature.sig) {
            (None, None) if signature.iat.is_none() => return Err(LinkRejection::Unsigned),
            (Some(exp), Some(sig)) => (exp, sig),
            _ => return Err(LinkRejection::Invalid),
        };
        let exp: u64 = exp.parse().map_err(|_| LinkRejection::Invalid)?;
        let issued = signature
            .iat
            .map(str::parse::<u64>)
            .transpose()
            .map_err(|_| LinkRejection::Invalid)?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| LinkRejection::Invalid)?;
        let genuine = self
            .keys
            .iter()
            .filter_map(|key| mac(key, target, issued, exp))
            .any(|mac| mac.verify_slice(&sig).is_ok());
        if !genuine {
            return Err(LinkRejection::Invalid);
        }
        if exp < now {
            return Err(LinkRejection::Expired);
        }
        Ok(Verified {
            expires_at: exp,
            issued_ms: issued.unwrap_or(0),
        })
    }
}

/// The MAC of a link made at `issued` (v2), or of a link from before issue times (v1).
fn mac(key: &[u8], target: LinkTarget<'_>, issued: Option<u64>, exp: u64) -> Option<HmacSha256> {
    let LinkTarget {
        kind,
        room,
        role,
        options,
    } = target;
    let version = match issued {
        Some(issued_ms) => format!("v2\n{issued_ms}"),
        None => "v1".to_owned(),
    };
    // Fields cannot hold line breaks (they are parsed first), so lines keep them apart.
    let mut canonical = format!(
        "prebuilt-portal link {version}\n{}\n{room}\n{role}\n{exp}\nname={}\nuser_id={}\nskip_preview={}",
        kind.segment(),
        options.name.as_ref().map_or("", |n| n.as_str()),
        options.user_id.as_ref().map_or("", |u| u.as_str()),
        u8::from(options.skip_preview),
    );
    // Only a link that waits says so: every link signed before lobbies keeps its signature.
    if options.lobby {
        canonical.push_str("\nlobby=1");
    }
    // HMAC takes keys of any length, so this never fails; `None` would fail verification.
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    mac.update(canonical.as_bytes());
    Some(mac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DisplayName;

    fn signer(keys: &str) -> LinkSigner {
        LinkSigner::new(&SigningKeys::parse(keys).unwrap())
    }

    const KEY_A: &str = "a-very-long-signing-key-number-one-0001";
    const KEY_B: &str = "a-very-long-signing-key-number-two-0002";

    struct Parts {
        room: RoomName,
        role: RoleName,
        options: JoinOptions,
    }

    impl Parts {
        fn new() -> Self {
            Self {
                room: RoomName::parse("demo").unwrap(),
                role: RoleName::parse("host").unwrap(),
                options: JoinOptions {
                    name: Some(DisplayName::parse("Ada").unwrap()),
                    ..JoinOptions::default()
                },
            }
        }

        fn target(&self, kind: PageKind) -> LinkTarget<'_> {
            LinkTarget {
                kind,
                room: &self.room,
                role: &self.role,
                options: &self.options,
            }
        }
    }

    fn signature_of(url: &Url) -> (String, String, String) {
        let get = |k: &str| {
            url.query_pairs()
                .find(|(key, _)| key == k)
                .unwrap()
                .1
                .into_owned()
        };
        (get("iat"), get("exp"), get("sig"))
    }

    const ISSUED: u64 = 1_000_000;

    fn portal() -> PortalBase {
        PortalBase::parse("https://meet.example.com").unwrap()
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires_and_only_as_made() {
        let signer = signer(KEY_A);
        let parts = Parts::new();
        let join = parts.target(PageKind::Join);
        let url = signer.signed_url(&portal(), join, ISSUED, 2_000).unwrap();
        let (iat, exp, sig) = signature_of(&url);
        let signature = Signature {
            iat: Some(&iat),
            exp: Some(&exp),
            sig: Some(&sig),
        };
        let verified = Verified {
            expires_at: 2_000,
            issued_ms: ISSUED,
        };
        assert_eq!(signer.verify(join, signature, 1_999), Ok(verified));
        let backdated = Signature {
            iat: Some("1"),
            ..signature
        };
        assert_eq!(
            signer.verify(join, backdated, 1_000),
            Err(LinkRejection::Invalid),
            "the issue time is signed"
        );
        assert_eq!(
            signer.verify(join, signature, 2_001),
            Err(LinkRejection::Expired)
        );
        let renamed = JoinOptions {
            name: Some(DisplayName::parse("Eve").unwrap()),
            ..parts.options.clone()
        };
        let renamed_target = LinkTarget {
            options: &renamed,
            ..join
        };
        assert_eq!(
            signer.verify(renamed_target, signature, 1_000),
            Err(LinkRejection::Invalid)
        );
        assert_eq!(
            signer.verify(parts.target(PageKind::Embed), signature, 1_000),
            Err(LinkRejection::Invalid)
        );
        let later = Signature {
            exp: Some("9999999999"),
            ..signature
        };
        assert_eq!(
            signer.verify(join, later, 1_000),
            Err(LinkRejection::Invalid)
        );
        assert_eq!(
            signer.verify(join, Signature::default(), 1_000),
            Err(LinkRejection::Unsigned)
        );
    }

    #[test]
    fn links_signed_with_an_older_key_still_verify_after_rotation() {
        let parts = Parts::new();
        let join = parts.target(PageKind::Join);
        let old = signer(KEY_A)
            .signed_url(&portal(), join, ISSUED, 2_000)
            .unwrap();
        let (iat, exp, sig) = signature_of(&old);
        let signature = Signature {
            iat: Some(&iat),
            exp: Some(&exp),
            sig: Some(&sig),
        };
        let rotated = signer(&format!("{KEY_B},{KEY_A}"));
        assert_eq!(
            rotated.verify(join, signature, 1_000).map(|v| v.expires_at),
            Ok(2_000)
        );
        assert_eq!(
            signer(KEY_B).verify(join, signature, 1_000),
            Err(LinkRejection::Invalid)
        );
    }

    #[test]
    fn links_made_before_issue_times_were_signed_still_verify_as_issued_at_the_epoch() {
        let parts = Parts::new();
        let join = parts.target(PageKind::Join);
        let key = KEY_A.as_bytes();
        let v1 =
            URL_SAFE_NO_PAD.encode(mac(key, join, None, 2_000).unwrap().finalize().into_bytes());
        let signature = Signature {
            iat: None,
            exp: Some("2000"),
            sig: Some(&v1),
        };
        assert_eq!(
            signer(KEY_A).verify(join, signature, 1_000),
            Ok(Verified {
                expires_at: 2_000,
                issued_ms: 0
            })
        );
    }
}
