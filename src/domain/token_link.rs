//! The Prebuilt link of a token visit, built from an operator-set template.

use percent_encoding::utf8_percent_encode;

use super::{JoinOptions, PrebuiltBase, RoleName, URL_COMPONENT};

/// A Prebuilt URL with `{prebuilt_base}`, `{room_id}`, `{role}` and `{token}` placeholders; the
/// default is the documented auth-token link, `{prebuilt_base}/preview/{room_id}/{role}?auth_token={token}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLinkTemplate(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTokenLinkTemplate {
    #[error("it must contain {{token}}")]
    NoToken,
    #[error(
        "{0:?} is not a placeholder; use {{prebuilt_base}}, {{room_id}}, {{role}} and {{token}}"
    )]
    UnknownPlaceholder(String),
    #[error("it must start with {{prebuilt_base}} or http:// or https://, and have no #fragment")]
    Shape,
}

const PLACEHOLDERS: [&str; 4] = ["prebuilt_base", "room_id", "role", "token"];

impl TokenLinkTemplate {
    pub fn parse(input: &str) -> Result<Self, InvalidTokenLinkTemplate> {
        let template = input.trim();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let end = after.find('}').ok_or(InvalidTokenLinkTemplate::Shape)?;
            let name = &after[..end];
            if !PLACEHOLDERS.contains(&name) {
                return Err(InvalidTokenLinkTemplate::UnknownPlaceholder(
                    name.to_owned(),
                ));
            }
            rest = &after[end + 1..];
        }
        if !template.contains("{token}") {
            return Err(InvalidTokenLinkTemplate::NoToken);
        }
        let starts_well = ["{prebuilt_base}", "https://", "http://"]
            .iter()
            .any(|start| template.starts_with(start));
        if !starts_well || template.contains('#') {
            return Err(InvalidTokenLinkTemplate::Shape);
        }
        Ok(Self(template.to_owned()))
    }

    /// The link for one visit, with the visitor's options as Prebuilt query parameters. Room ids
    /// are letters and digits, roles letters, digits, `-` and `_`, tokens base64url and dots:
    /// all safe in a URL as they are, but encoded anyway where a template puts them.
    pub fn link(
        &self,
        base: &PrebuiltBase,
        room_id: &str,
        role: &RoleName,
        token: &str,
        options: &JoinOptions,
    ) -> String {
        let encode = |text: &str| utf8_percent_encode(text, URL_COMPONENT).to_string();
        let mut link = self
            .0
            .replace("{prebuilt_base}", base.as_str())
            .replace("{room_id}", &encode(room_id))
            .replace("{role}", &encode(role.as_str()))
            .replace("{token}", &encode(token));
        if let Some(query) = PrebuiltBase::query(options) {
            link.push(if link.contains('?') { '&' } else { '?' });
            link.push_str(&query);
        }
        link
    }
}

impl Default for TokenLinkTemplate {
    fn default() -> Self {
        Self("{prebuilt_base}/preview/{room_id}/{role}?auth_token={token}".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DisplayName;

    #[test]
    fn the_default_link_is_the_documented_preview_path_with_the_token_and_options() {
        let base = PrebuiltBase::parse("https://acme.app.100ms.live").unwrap();
        let options = JoinOptions {
            name: Some(DisplayName::parse("Ada L").unwrap()),
            ..JoinOptions::default()
        };
        let role = RoleName::parse("host").unwrap();
        let link = TokenLinkTemplate::default().link(&base, "65f1a2", &role, "a.b-c_d", &options);
        assert_eq!(
            link,
            "https://acme.app.100ms.live/preview/65f1a2/host?auth_token=a.b-c_d&name=Ada%20L"
        );
    }

    #[test]
    fn templates_need_the_token_and_known_placeholders_only() {
        assert!(TokenLinkTemplate::parse("{prebuilt_base}/meeting/x?auth_token={token}").is_ok());
        assert_eq!(
            TokenLinkTemplate::parse("{prebuilt_base}/preview/{room_id}/{role}"),
            Err(InvalidTokenLinkTemplate::NoToken)
        );
        assert_eq!(
            TokenLinkTemplate::parse("{prebuilt_base}/{code}?auth_token={token}"),
            Err(InvalidTokenLinkTemplate::UnknownPlaceholder("code".into()))
        );
        assert_eq!(
            TokenLinkTemplate::parse("javascript:{token}"),
            Err(InvalidTokenLinkTemplate::Shape)
        );
    }
}
