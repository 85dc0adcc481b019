//! What every page but the meeting itself shows of the operator: the logo (one per colour
//! scheme), the portal's name, and a way back for lost visitors (the index when it lists rooms,
//! else `ui.help_url`).

use crate::portal::Branding;
use crate::web::state::AppState;

pub struct Brand<'a> {
    pub title: &'a str,
    pub logo: Option<&'a str>,
    /// The logo in the dark scheme, when it differs.
    pub logo_dark: Option<&'a str>,
    /// A link back (where, and its words), when there is anywhere to go.
    pub way_back: Option<(&'a str, &'static str)>,
}

impl<'a> Brand<'a> {
    pub fn of(state: &'a AppState) -> Self {
        let rooms_listed = !state.portal.rooms().listed().is_empty();
        Self::new(state.portal.branding(), rooms_listed)
    }

    /// No branding at all: for an error page made where the portal's settings are not at hand
    /// (the envelope brands every page it passes, so browsers rarely see this).
    pub fn plain() -> Self {
        Self {
            title: "",
            logo: None,
            logo_dark: None,
            way_back: None,
        }
    }

    pub fn new(branding: &'a Branding, rooms_listed: bool) -> Self {
        let way_back = if rooms_listed {
            Some(("/", "All rooms"))
        } else {
            branding.help_url.as_deref().map(|help| (help, "Help"))
        };
        let (logo, logo_dark) = branding.logos();
        Self {
            title: &branding.title,
            logo,
            logo_dark,
            way_back,
        }
    }
}
