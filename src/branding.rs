//! The operator's branding: the portal's name, a logo and an accent colour.

use url::Url;

use crate::settings::UiSettings;

pub struct Branding {
    pub title: String,
    pub logo_url: Option<String>,
    /// `/static/theme.css`: the accent colour as CSS variables (no inline style under the CSP).
    pub theme_css: String,
}

impl Branding {
    pub fn new(ui: &UiSettings) -> Self {
        let accent = ui.accent_color.trim().to_ascii_lowercase();
        Self {
            title: ui.title.trim().to_owned(),
            logo_url: Some(ui.logo_url.trim().to_owned()).filter(|u| !u.is_empty()),
            theme_css: format!(
                ":root {{ --accent: {accent}; }}\n\
                 @media (prefers-color-scheme: dark) {{ :root {{ --accent: color-mix(in srgb, {accent} 55%, white); }} }}\n"
            ),
        }
    }

    /// The logo's origin, for the CSP's `img-src`.
    pub fn logo_origin(&self) -> Option<String> {
        let url = Url::parse(self.logo_url.as_deref()?).ok()?;
        Some(url.origin().ascii_serialization())
    }
}
