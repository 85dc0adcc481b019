//! `/`: the rooms the operator lists, each linking to its share page.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::html::html;
use crate::portal::ListedRoom;
use crate::web::error::WebError;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
    rooms: Vec<ListedRoom>,
}

pub async fn index_page(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let branding = state.portal.branding();
    let page = IndexPage {
        brand: &branding.title,
        logo_url: branding.logo_url.as_deref(),
        rooms: state.portal.rooms().listed(),
    };
    Ok(html(page.render()?))
}
