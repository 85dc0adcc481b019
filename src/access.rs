//! Who may open which role: per-role policies and signed, expiring links.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::utf8_percent_encode;
use sha2::Sha256;
use url::Url;

use crate::domain::{
    AccessPolicy, JoinOptions, PageKind, PortalBase, RoleName, RoomName, URL_COMPONENT,
};
use crate::settings::Settings;

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
}

/// The `exp` and `sig` query parameters of a signed link, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signature<'a> {
    pub exp: Option<&'a str>,
    pub sig: Option<&'a str>,
}

pub struct AccessRules {
    default: AccessPolicy,
    by_role: HashMap<String, AccessPolicy>,
    by_room: HashMap<String, HashMap<String, AccessPolicy>>,
    keys: Vec<Vec<u8>>,
    max_ttl_secs: u64,
}

impl AccessRules {
    pub fn new(settings: &Settings) -> Self {
        let by_room = settings
            .rooms
            .aliases
            .iter()
            .map(|(alias, room)| (alias.clone(), room.access.clone().into_iter().collect()))
            .collect();
        Self {
            default: settings.access.default,
            by_role: settings.access.roles.clone().into_iter().collect(),
            by_room,
            keys: settings
                .signing_keys()
                .into_iter()
                .map(|k| k.as_bytes().to_vec())
                .collect(),
            max_ttl_secs: settings.access.max_link_ttl_secs,
        }
    }

    /// The room's own setting, else the role's, else the default.
    pub fn policy(&self, room: &RoomName, role: &RoleName) -> AccessPolicy {
        self.by_room
            .get(room.as_str())
            .and_then(|roles| roles.get(role.as_str()))
            .or_else(|| self.by_role.get(role.as_str()))
            .copied()
            .unwrap_or(self.default)
    }

    pub fn can_sign(&self) -> bool {
        !self.keys.is_empty()
    }

    pub fn max_ttl_secs(&self) -> u64 {
        self.max_ttl_secs
    }

    /// A link to the page that only opens until `exp` (Unix seconds) and only exactly as made:
    /// the signature covers the page kind, room, role, expiry and every Prebuilt option.
    pub fn signed_url(
        &self,
        portal: &PortalBase,
        kind: PageKind,
        room: &RoomName,
        role: &RoleName,
        options: &JoinOptions,
        exp: u64,
    ) -> Option<Url> {
        let key = self.keys.first()?;
        let signature = URL_SAFE_NO_PAD.encode(
            mac(key, kind, room, role, options, exp)?
                .finalize()
                .into_bytes(),
        );
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
        pairs.push(("exp", exp.to_string()));
        pairs.push(("sig", signature));
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, URL_COMPONENT)))
            .collect();
        let mut url = portal.page_url(kind, room, role);
        url.set_query(Some(&query.join("&")));
        Some(url)
    }

    /// Checks a signed link in constant time against every key.
    pub fn verify(
        &self,
        kind: PageKind,
        room: &RoomName,
        role: &RoleName,
        options: &JoinOptions,
        signature: Signature<'_>,
        now: u64,
    ) -> Result<(), LinkRejection> {
        let (exp, sig) = match (signature.exp, signature.sig) {
            (None, None) => return Err(LinkRejection::Unsigned),
            (Some(exp), Some(sig)) => (exp, sig),
            _ => return Err(LinkRejection::Invalid),
        };
        let exp: u64 = exp.parse().map_err(|_| LinkRejection::Invalid)?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| LinkRejection::Invalid)?;
        let genuine = self
            .keys
            .iter()
            .filter_map(|key| mac(key, kind, room, role, options, exp))
            .any(|mac| mac.verify_slice(&sig).is_ok());
        if !genuine {
            return Err(LinkRejection::Invalid);
        }
        if exp < now {
            return Err(LinkRejection::Expired);
        }
        Ok(())
    }
}

fn mac(
    key: &[u8],
    kind: PageKind,
    room: &RoomName,
    role: &RoleName,
    options: &JoinOptions,
    exp: u64,
) -> Option<HmacSha256> {
    // Fields cannot hold line breaks (they are parsed first), so lines keep them apart.
    let canonical = format!(
        "prebuilt-portal link v1\n{}\n{room}\n{role}\n{exp}\nname={}\nuser_id={}\nskip_preview={}",
        kind.segment(),
        options.name.as_ref().map_or("", |n| n.as_str()),
        options.user_id.as_ref().map_or("", |u| u.as_str()),
        u8::from(options.skip_preview),
    );
    // HMAC takes keys of any length, so this never fails; `None` would fail verification.
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    mac.update(canonical.as_bytes());
    Some(mac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DisplayName;

    fn rules(keys: &str) -> AccessRules {
        let mut settings = Settings::defaults().unwrap();
        settings.access.signing_keys = keys.to_owned().into();
        AccessRules::new(&settings)
    }

    const KEY_A: &str = "a-very-long-signing-key-number-one-0001";
    const KEY_B: &str = "a-very-long-signing-key-number-two-0002";

    fn parts() -> (RoomName, RoleName, JoinOptions) {
        let options = JoinOptions {
            name: Some(DisplayName::parse("Ada").unwrap()),
            ..JoinOptions::default()
        };
        (
            RoomName::parse("demo").unwrap(),
            RoleName::parse("host").unwrap(),
            options,
        )
    }

    fn signature_of(url: &Url) -> (String, String) {
        let get = |k: &str| {
            url.query_pairs()
                .find(|(key, _)| key == k)
                .unwrap()
                .1
                .into_owned()
        };
        (get("exp"), get("sig"))
    }

    #[test]
    fn the_demo_rooms_host_is_signed_and_guests_are_public() {
        let rules = rules("");
        let room = RoomName::parse("demo").unwrap();
        let role = |r: &str| RoleName::parse(r).unwrap();
        assert_eq!(rules.policy(&room, &role("host")), AccessPolicy::Signed);
        assert_eq!(rules.policy(&room, &role("guest")), AccessPolicy::Public);
        assert_eq!(
            rules.policy(&room, &role("moderator")),
            AccessPolicy::Signed
        );
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires_and_only_as_made() {
        let rules = rules(KEY_A);
        let portal = PortalBase::new("https://meet.example.com", "", 0).unwrap();
        let (room, role, options) = parts();
        let url = rules
            .signed_url(&portal, PageKind::Join, &room, &role, &options, 2_000)
            .unwrap();
        let (exp, sig) = signature_of(&url);
        let signature = Signature {
            exp: Some(&exp),
            sig: Some(&sig),
        };
        assert_eq!(
            rules.verify(PageKind::Join, &room, &role, &options, signature, 1_999),
            Ok(())
        );
        assert_eq!(
            rules.verify(PageKind::Join, &room, &role, &options, signature, 2_001),
            Err(LinkRejection::Expired)
        );
        let renamed = JoinOptions {
            name: Some(DisplayName::parse("Eve").unwrap()),
            ..options.clone()
        };
        assert_eq!(
            rules.verify(PageKind::Join, &room, &role, &renamed, signature, 1_000),
            Err(LinkRejection::Invalid)
        );
        assert_eq!(
            rules.verify(PageKind::Embed, &room, &role, &options, signature, 1_000),
            Err(LinkRejection::Invalid)
        );
        let later = Signature {
            exp: Some("9999999999"),
            sig: Some(&sig),
        };
        assert_eq!(
            rules.verify(PageKind::Join, &room, &role, &options, later, 1_000),
            Err(LinkRejection::Invalid)
        );
        assert_eq!(
            rules.verify(
                PageKind::Join,
                &room,
                &role,
                &options,
                Signature::default(),
                1_000
            ),
            Err(LinkRejection::Unsigned)
        );
    }

    #[test]
    fn links_signed_with_an_older_key_still_verify_after_rotation() {
        let (room, role, options) = parts();
        let portal = PortalBase::new("https://meet.example.com", "", 0).unwrap();
        let old = rules(KEY_A)
            .signed_url(&portal, PageKind::Join, &room, &role, &options, 2_000)
            .unwrap();
        let (exp, sig) = signature_of(&old);
        let signature = Signature {
            exp: Some(&exp),
            sig: Some(&sig),
        };
        let rotated = rules(&format!("{KEY_B},{KEY_A}"));
        assert_eq!(
            rotated.verify(PageKind::Join, &room, &role, &options, signature, 1_000),
            Ok(())
        );
        assert_eq!(
            rules(KEY_B).verify(PageKind::Join, &room, &role, &options, signature, 1_000),
            Err(LinkRejection::Invalid)
        );
    }
}
