//! What every page but the meeting itself shows of the operator: the logo (one per colour
//! scheme), the portal's name, and a way back for lost visitors (the index when it lists rooms,
//! else `ui.help_url`).

use crate::portal::Branding;
use crate::web::i18n::{self, Html, Markup, Speech, Words};
use crate::web::state::AppState;

pub struct Brand<'a> {
    pub title: &'a str,
    pub logo: Option<&'a str>,
    /// The logo in the dark scheme, when it differs.
    pub logo_dark: Option<&'a str>,
    /// A link back (where, and its words), when there is anywhere to go.
    pub way_back: Option<(&'a str, Html<'static>)>,
    /// The language switch (none on the console, which stays in English).
    pub switch: Markup<'a>,
}

impl<'a> Brand<'a> {
    /// In English, without a language switch (the console).
    pub fn of(state: &'a AppState) -> Self {
        let rooms_listed = !state.portal.rooms().listed().is_empty();
        Self::new(state.portal.branding(), rooms_listed, i18n::english())
    }

    /// In a participant page's language, with its switch.
    pub fn speaking(state: &'a AppState, speech: &Speech<'a>) -> Self {
        let rooms_listed = !state.portal.rooms().listed().is_empty();
        Self {
            switch: speech.switch(),
            ..Self::new(state.portal.branding(), rooms_listed, speech.words())
        }
    }

    /// No branding at all: for an error page made where the portal's settings are not at hand
    /// (the envelope brands every page it passes, so browsers rarely see this).
    pub fn plain() -> Self {
        Self {
            title: "",
            logo: None,
            logo_dark: None,
            way_back: None,
            switch: Markup::none(),
        }
    }

    pub fn new(branding: &'a Branding, rooms_listed: bool, words: &'static Words) -> Self {
        let way_back = if rooms_listed {
            Some(("/", words.way_back_rooms()))
        } else {
            let help = words.way_back_help();
            branding.help_url.as_deref().map(|url| (url, help))
        };
        let (logo, logo_dark) = branding.logos();
        Self {
            title: &branding.title,
            logo,
            logo_dark,
            way_back,
            switch: Markup::none(),
        }
    }
}
