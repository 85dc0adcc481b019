//! Values the browser keeps for the portal (the sign-in in progress, the session, an
//! invitation's pass, a form's token), sealed with an HMAC so they cannot be changed or made up:
//! `base64url(json).base64url(mac)`, safe in cookies, form fields and query strings. The keys
//! are `security.cookie_keys` (their own, never the 100ms app secret): the first seals, every
//! one opens, so keys rotate, and every replica opens what another sealed. The contents are the
//! visitor's own (their name and groups, their sign-in's state), so they are not encrypted.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::ExposeSecret;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

use crate::settings::SigningKeys;

type HmacSha256 = Hmac<Sha256>;

pub struct Sealer {
    /// One MAC key per configured key, derived for this purpose; the first seals.
    keys: Vec<HmacSha256>,
}

impl Sealer {
    /// A sealer for one `purpose`: what one seals, another purpose's sealer will not open.
    /// `None` without a key.
    pub fn new(keys: &SigningKeys, purpose: &str) -> Option<Self> {
        let keys: Vec<HmacSha256> = keys
            .iter()
            .filter_map(|key| derive(key.expose_secret().as_bytes(), purpose))
            .collect();
        (!keys.is_empty()).then_some(Self { keys })
    }

    pub fn seal<T: Serialize>(&self, value: &T) -> String {
        let json = serde_json::to_vec(value).unwrap_or_default();
        let body = URL_SAFE_NO_PAD.encode(json);
        // `new` made at least one key.
        let mut mac = self.keys[0].clone();
        mac.update(body.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{body}.{tag}")
    }

    /// The value, when `sealed` is exactly what a sealer of this purpose made with one of the
    /// keys (checked in constant time).
    pub fn open<T: DeserializeOwned>(&self, sealed: &str) -> Option<T> {
        let (body, tag) = sealed.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let genuine = self.keys.iter().any(|key| {
            let mut mac = key.clone();
            mac.update(body.as_bytes());
            mac.verify_slice(&tag).is_ok()
        });
        if !genuine {
            return None;
        }
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()
    }
}

fn derive(secret: &[u8], purpose: &str) -> Option<HmacSha256> {
    let mut derive = HmacSha256::new_from_slice(secret).ok()?;
    derive.update(b"prebuilt-portal sealed cookie v1\n");
    derive.update(purpose.as_bytes());
    let key = derive.finalize().into_bytes();
    HmacSha256::new_from_slice(&key).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> SigningKeys {
        SigningKeys::parse(text).unwrap()
    }

    #[test]
    fn a_rotated_key_still_opens_what_it_sealed_and_purposes_stay_apart() {
        let old =
            Sealer::new(&keys("an-old-cookie-key-of-32-characters-at-least"), "pass").unwrap();
        let both = "a-new-cookie-key-of-32-characters-at-least,an-old-cookie-key-of-32-characters-at-least";
        let rotated = Sealer::new(&keys(both), "pass").unwrap();
        let other = Sealer::new(&keys(both), "session").unwrap();
        let sealed = old.seal(&"value");
        assert_eq!(rotated.open::<String>(&sealed).as_deref(), Some("value"));
        assert_eq!(other.open::<String>(&sealed), None);
        let resealed = rotated.seal(&"value");
        assert_eq!(old.open::<String>(&resealed), None, "the first key seals");
        assert_eq!(rotated.open::<String>(&format!("{sealed}x")), None);
    }
}
