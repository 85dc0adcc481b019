//! Every response's envelope, in one middleware: error responses no handler rendered get the
//! error page, security headers are added, and the access line and request metrics written.
//! It also answers the hot pages (a bare link to a public role whose code is in memory, most
//! page views) before routing: the route table, the extractors and the nested services cost
//! about a third of such a view; the page itself comes from the same functions as the routes'.
//!
//! Written by hand rather than with `from_fn`, which boxes every layer's call.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::web;

use super::access_log::{Arrival, route_of};
use crate::resolver::CacheOutcome;
use crate::web::error::render_bare_error;
use crate::web::pages::join::{HotPage, page_from_memory};
use crate::web::state::AppState;

pub struct Envelope {
    state: web::Data<AppState>,
}

impl Envelope {
    pub fn new(state: web::Data<AppState>) -> Self {
        Self { state }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Envelope
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = EnvelopeService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(EnvelopeService {
            inner: Rc::new(service),
            state: self.state.clone(),
        }))
    }
}

pub struct EnvelopeService<S> {
    inner: Rc<S>,
    state: web::Data<AppState>,
}

impl<S, B> Service<ServiceRequest> for EnvelopeService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let inner = Rc::clone(&self.inner);
        let state = self.state.clone();
        Box::pin(async move {
            let arrival = Arrival::of(&req);
            if let Some(hot) = HotPage::of(&req) {
                let route = hot.route();
                if let Some((mut page, outcome)) = page_from_memory(&state, hot).await {
                    state.security.apply(page.headers_mut());
                    arrival.log(&state, route, outcome.as_str(), &mut page);
                    return Ok(req.into_response(page).map_into_right_body());
                }
            }
            let mut res = render_bare_error(inner.call(req).await?);
            state.security.apply(res.headers_mut());
            let route = route_of(res.request());
            let cache = res
                .response()
                .extensions()
                .get::<CacheOutcome>()
                .map_or("-", |outcome| outcome.as_str());
            arrival.log(&state, &route, cache, res.response_mut());
            Ok(res)
        })
    }
}
