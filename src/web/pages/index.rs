//! `/`: the rooms the operator lists, each linking to its share page.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::brand::Brand;
use super::html::html;
use crate::portal::ListedRoom;
use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    brand: Brand<'a>,
    /// The index is where other pages lead back to; it leads only to help.
    help_url: Option<&'a str>,
    rooms: Vec<ListedRoom>,
}

pub async fn index_page(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let rooms = state.portal.rooms().listed();
    let page = IndexPage {
        brand: Brand::new(branding, false),
        help_url: branding.help_url.as_deref(),
        rooms,
    };
    Ok(html(page.render()?))
}
