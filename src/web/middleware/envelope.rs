//! Every response's envelope, in one middleware: error responses no handler rendered get the
//! error page, security headers are added, and the access line and request metrics written.
//! Bare links to join and embed pages skip the router: `web/hot_path.rs` answers them.
//!
//! Written by hand rather than with `from_fn`, which boxes every layer's call.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::web;

use super::access_log::{Arrival, route_of};
use crate::portal::CacheOutcome;
use crate::web::error::render_errors;
use crate::web::hot_path::{self, HotPage};
use crate::web::language;
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
                let (mut page, outcome) = hot_path::answer(&state, &req, hot).await;
                state.security.apply(page.headers_mut());
                let cache = outcome.map_or_else(|| tagged_outcome(&page), CacheOutcome::as_str);
                arrival.log(&state, route, cache, &mut page);
                return Ok(req.into_response(page).map_into_right_body());
            }
            let mut res = render_errors(inner.call(req).await?, &state);
            state.security.apply(res.headers_mut());
            let (request, response) = (res.request().clone(), res.response_mut());
            language::mark(
                &state,
                request.query_string(),
                request.headers(),
                response.headers_mut(),
            );
            let route = route_of(res.request());
            let cache = tagged_outcome(res.response());
            arrival.log(&state, &route, cache, res.response_mut());
            Ok(res)
        })
    }
}

/// How a page's code was found, as its handler tagged it (`-`: not a meeting page).
fn tagged_outcome<B>(response: &actix_web::HttpResponse<B>) -> &'static str {
    response
        .extensions()
        .get::<CacheOutcome>()
        .map_or("-", |outcome| outcome.as_str())
}
