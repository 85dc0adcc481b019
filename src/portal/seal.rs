//! Values the browser keeps for the portal (the sign-in in progress, the session, an
//! invitation's pass), sealed with an HMAC so they cannot be changed or made up:
//! `base64url(json).base64url(mac)`, safe in cookies and query strings. Any replica opens what
//! another sealed, as the key derives from secrets they share. The contents are the visitor's
//! own (their name and groups, their sign-in's state), so they are not encrypted.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub struct Sealer {
    key: HmacSha256,
}

impl Sealer {
    /// A sealer for one `purpose`: what one seals, another purpose's sealer will not open.
    pub fn new(secret: &[u8], purpose: &str) -> Option<Self> {
        let mut derive = HmacSha256::new_from_slice(secret).ok()?;
        derive.update(b"prebuilt-portal sealed cookie v1\n");
        derive.update(purpose.as_bytes());
        let key = derive.finalize().into_bytes();
        Some(Self {
            key: HmacSha256::new_from_slice(&key).ok()?,
        })
    }

    pub fn seal<T: Serialize>(&self, value: &T) -> String {
        let json = serde_json::to_vec(value).unwrap_or_default();
        let body = URL_SAFE_NO_PAD.encode(json);
        let mut mac = self.key.clone();
        mac.update(body.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{body}.{tag}")
    }

    /// The value, when `sealed` is exactly what this sealer made (checked in constant time).
    pub fn open<T: DeserializeOwned>(&self, sealed: &str) -> Option<T> {
        let (body, tag) = sealed.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut mac = self.key.clone();
        mac.update(body.as_bytes());
        mac.verify_slice(&tag).ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_unchanged_and_only_for_its_purpose() {
        let sealer = Sealer::new(b"a shared secret", "session").unwrap();
        let sealed = sealer.seal(&("alice", 42));
        assert_eq!(
            sealer.open::<(String, u32)>(&sealed),
            Some(("alice".into(), 42))
        );
        let (body, tag) = sealed.split_once('.').unwrap();
        let forged_body = URL_SAFE_NO_PAD.encode(br#"["mallory",42]"#);
        assert_eq!(
            sealer.open::<(String, u32)>(&format!("{forged_body}.{tag}")),
            None
        );
        assert_eq!(sealer.open::<(String, u32)>(&format!("{body}.AAAA")), None);
        let other = Sealer::new(b"a shared secret", "login").unwrap();
        assert_eq!(other.open::<(String, u32)>(&sealed), None);
    }
}
