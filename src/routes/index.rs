//! `/`: the rooms the operator lists, each linking to its share page.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::{AppState, html};
use crate::error::WebError;
use crate::resolver::ListedRoom;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    brand: &'a str,
    logo_url: Option<&'a str>,
    rooms: Vec<ListedRoom>,
}

pub async fn index_page(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let page = IndexPage {
        brand: &state.branding.title,
        logo_url: state.branding.logo_url.as_deref(),
        rooms: state.resolver.listed_rooms(),
    };
    Ok(html(page.render()?))
}
