//! The operator's branding: the portal's name, a logo and an accent colour.

use super::palette::{Palette, Rgb};
use crate::settings::UiSettings;

pub struct Branding {
    pub title: String,
    pub logo_url: Option<String>,
    /// The logo's origin, for the CSP's `img-src`.
    pub logo_origin: Option<String>,
    /// `/static/theme.css`: the accent's colours as CSS variables (no inline style under the CSP).
    pub theme_css: String,
    /// The accent and what it became where it was hard to read.
    pub palette: Palette,
}

impl Branding {
    pub fn new(ui: &UiSettings) -> Self {
        let palette = Palette::new(Rgb::from_hex(ui.accent_color.as_str()));
        Self {
            title: ui.title.trim().to_owned(),
            logo_url: ui.logo_url.as_ref().map(|url| url.0.to_string()),
            logo_origin: ui
                .logo_url
                .as_ref()
                .map(|url| url.0.origin().ascii_serialization()),
            theme_css: palette.css(),
            palette,
        }
    }
}
