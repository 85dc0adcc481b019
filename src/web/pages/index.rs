//! `/`: the rooms the operator lists, each linking to its share page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::brand::Brand;
use super::html::html;
use crate::portal::ListedRoom;
use crate::web::error::WebError;
use crate::web::i18n::Speech;
use crate::web::language::speech;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    /// The index is where other pages lead back to; it leads only to help.
    help_url: Option<&'a str>,
    rooms: Vec<ListedRoom>,
}

pub async fn index_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let rooms = state.portal.rooms().listed();
    let t = speech(&state, &req);
    let page = IndexPage {
        t,
        brand: Brand::new(branding, false, t.words()),
        help_url: branding.help_url.as_deref(),
        rooms,
    };
    Ok(html(page.render()?))
}
