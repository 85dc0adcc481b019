//! Colours derived from the operator's accent so that text on them, and them as text, stays
//! readable in both colour schemes (WCAG 2.x: 4.5:1 for text, 3:1 for UI boundaries). Computed
//! once at startup.

use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub const WHITE: Self = Self([255, 255, 255]);
    pub const BLACK: Self = Self([0, 0, 0]);

    /// `#rrggbb` (settings checked the shape; anything else is black).
    pub fn from_hex(hex: &str) -> Self {
        let digits = hex.trim_start_matches('#');
        let channel = |at: usize| {
            digits
                .get(at..at + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .unwrap_or(0)
        };
        Self([channel(0), channel(2), channel(4)])
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0.map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG contrast ratio, 1 to 21.
    pub fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `share` (0 to 1) of the way towards `toward`.
    fn mix(self, toward: Self, share: f64) -> Self {
        let channel = |i: usize| {
            let (from, to) = (f64::from(self.0[i]), f64::from(toward.0[i]));
            (from + (to - from) * share).round().clamp(0.0, 255.0) as u8
        };
        Self([channel(0), channel(1), channel(2)])
    }

    /// This colour, darkened or lightened (towards `toward`) just enough to reach `ratio`
    /// against every one of `backgrounds`.
    fn until_contrast(self, backgrounds: &[Self], ratio: f64, toward: Self) -> Self {
        let enough = |c: Self| backgrounds.iter().all(|bg| c.contrast(*bg) >= ratio);
        (0..=100)
            .map(|step| self.mix(toward, f64::from(step) / 100.0))
            .find(|candidate| enough(*candidate))
            .unwrap_or(toward)
    }

    /// Black or white, whichever reads better on this colour (one of them always reaches 4.5:1).
    fn text_on(self) -> Self {
        if self.contrast(Self::BLACK) >= self.contrast(Self::WHITE) {
            Self::BLACK
        } else {
            Self::WHITE
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Backgrounds accent text appears on (portal.css `--bg` and `--bar`) in each scheme.
const LIGHT_BACKGROUNDS: [Rgb; 2] = [Rgb([0xf6, 0xf7, 0xf9]), Rgb([0xff, 0xff, 0xff])];
const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb([0x0f, 0x13, 0x20]), Rgb([0x16, 0x1b, 0x2c])];

const TEXT: f64 = 4.5;
const BOUNDARY: f64 = 3.0;

/// The accent's colours for one scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemeColours {
    /// Links, focus rings and other accent text.
    pub text: Rgb,
    /// Filled buttons: the accent itself, the brand colour.
    pub fill: Rgb,
    /// Their border: the accent where it stands out from the page, else the accent text colour.
    pub edge: Rgb,
    /// Text on filled buttons.
    pub on_fill: Rgb,
}

impl SchemeColours {
    fn derive(accent: Rgb, backgrounds: &[Rgb], away: Rgb) -> Self {
        let text = accent.until_contrast(backgrounds, TEXT, away);
        let visible = backgrounds
            .iter()
            .all(|bg| accent.contrast(*bg) >= BOUNDARY);
        Self {
            text,
            fill: accent,
            edge: if visible { accent } else { text },
            on_fill: accent.text_on(),
        }
    }
}

/// The accent as configured and its colours in the light and the dark scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Rgb,
    pub light: SchemeColours,
    pub dark: SchemeColours,
}

impl Palette {
    pub fn new(accent: Rgb) -> Self {
        Self {
            accent,
            light: SchemeColours::derive(accent, &LIGHT_BACKGROUNDS, Rgb::BLACK),
            dark: SchemeColours::derive(accent, &DARK_BACKGROUNDS, Rgb::WHITE),
        }
    }

    /// What the accent became in each scheme, for the operator's log and `check-config`.
    pub fn description(&self) -> String {
        let scheme = |name: &str, colours: SchemeColours| {
            let mut changed = Vec::new();
            if colours.text != self.accent {
                changed.push(format!("links {}", colours.text));
            }
            if colours.edge != self.accent {
                changed.push(format!("button borders {}", colours.edge));
            }
            if changed.is_empty() {
                format!("{name} scheme as given")
            } else {
                format!("{name} scheme {}", changed.join(", "))
            }
        };
        format!(
            "ui.accent_color {}: {}; {} (text 4.5:1, borders 3:1 against the page)",
            self.accent,
            scheme("light", self.light),
            scheme("dark", self.dark)
        )
    }

    /// The accent as given is hard to read on the light pages, where it is meant to be used as
    /// it is (every accent is adjusted for one scheme or the other: no colour reads 4.5:1 on
    /// both near-white and near-black).
    pub fn needs_attention(&self) -> bool {
        self.light.text != self.accent || self.light.edge != self.accent
    }

    /// `/static/theme.css`: CSS variables (no inline style under the CSP).
    pub fn css(&self) -> String {
        let vars = |c: SchemeColours| {
            format!(
                "--accent: {}; --accent-fill: {}; --accent-edge: {}; --on-accent-fill: {};",
                c.text, c.fill, c.edge, c.on_fill
            )
        };
        format!(
            ":root {{ {} }}\n@media (prefers-color-scheme: dark) {{ :root {{ {} }} }}\n",
            vars(self.light),
            vars(self.dark)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_formula() {
        assert!((Rgb::BLACK.contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        let ratio = Rgb::from_hex("#777777").contrast(Rgb::WHITE);
        assert!((ratio - 4.48).abs() < 0.01, "{ratio}");
    }

    #[test]
    fn every_accent_gives_readable_text_and_buttons_in_both_schemes() {
        for hex in [
            "#ffcc00", "#1a1a1a", "#2f54eb", "#8da1f4", "#ffffff", "#000000", "#00ff00",
        ] {
            let palette = Palette::new(Rgb::from_hex(hex));
            for (colours, backgrounds) in [
                (palette.light, LIGHT_BACKGROUNDS),
                (palette.dark, DARK_BACKGROUNDS),
            ] {
                for bg in backgrounds {
                    assert!(
                        colours.text.contrast(bg) >= TEXT,
                        "{hex}: {} on {bg}",
                        colours.text
                    );
                    assert!(
                        colours.edge.contrast(bg) >= BOUNDARY,
                        "{hex}: button border {} on {bg}",
                        colours.edge
                    );
                }
                assert!(colours.on_fill.contrast(colours.fill) >= TEXT, "{hex}");
            }
        }
    }

    #[test]
    fn a_readable_accent_is_kept_and_a_pale_one_is_reported() {
        let default = Palette::new(Rgb::from_hex("#2f54eb"));
        assert_eq!(default.light.text, default.accent);
        assert_eq!(default.light.on_fill, Rgb::WHITE);
        let yellow = Palette::new(Rgb::from_hex("#ffcc00"));
        assert_eq!(
            yellow.light.fill, yellow.accent,
            "a brand yellow stays the button"
        );
        assert_eq!(yellow.light.on_fill, Rgb::BLACK, "with dark text on it");
        assert!(yellow.description().contains("light scheme links #"));
        assert!(yellow.needs_attention());
        assert!(!default.needs_attention());
        assert!(default.description().contains("light scheme as given"));
    }
}
