//! The operator's branding: the portal's name, a logo (and one for the dark scheme), a way back
//! for lost visitors, and an accent colour.

use super::palette::{Palette, Rgb};
use crate::settings::UiSettings;

pub struct Branding {
    pub title: String,
    pub logo_url: Option<String>,
    /// The logo in the dark colour scheme, when it differs.
    pub logo_dark_url: Option<String>,
    /// Where lost visitors may find help (`ui.help_url`).
    pub help_url: Option<String>,
    /// The logos' origins, for the CSP's `img-src`.
    pub logo_origins: Vec<String>,
    /// `/static/theme.css`: the accent's colours as CSS variables (no inline style under the CSP).
    pub theme_css: String,
    /// The accent and what it became where it was hard to read.
    pub palette: Palette,
}

impl Branding {
    /// The logo (the dark one when only that is set) and the one for the dark scheme.
    pub fn logos(&self) -> (Option<&str>, Option<&str>) {
        let dark = self.logo_dark_url.as_deref();
        (self.logo_url.as_deref().or(dark), dark)
    }

    pub fn new(ui: &UiSettings) -> Self {
        let palette = Palette::new(Rgb::from_hex(ui.accent_color.as_str()));
        let mut logo_origins: Vec<String> = [&ui.logo_url, &ui.logo_dark_url]
            .into_iter()
            .flatten()
            .map(|url| url.0.origin().ascii_serialization())
            .collect();
        logo_origins.dedup();
        Self {
            title: ui.title.trim().to_owned(),
            logo_url: ui.logo_url.as_ref().map(|url| url.0.to_string()),
            logo_dark_url: ui.logo_dark_url.as_ref().map(|url| url.0.to_string()),
            help_url: ui.help_url.as_ref().map(|url| url.0.to_string()),
            logo_origins,
            theme_css: palette.css(),
            palette,
        }
    }
}
