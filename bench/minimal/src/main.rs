//! `precomputed <port> <body file> <workers> [<headers file>]`: every request gets the file's
//! bytes as an HTML page; with a headers file (`name: value` lines, e.g. a portal page's own
//! headers), every response also carries those headers, so it sends the portal's bytes.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(8090);
    let body = Bytes::from(std::fs::read(args.next().unwrap_or_default())?);
    let workers: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(1);
    let headers = args
        .next()
        .map(|file| std::fs::read_to_string(file).map(|text| parse_headers(&text)))
        .transpose()?;
    HttpServer::new(move || {
        let body = body.clone();
        let headers = headers.clone();
        App::new().default_service(web::to(move || {
            let response = match &headers {
                Some(headers) => with_headers(body.clone(), headers),
                None => HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .body(body.clone()),
            };
            async move { response }
        }))
    })
    .workers(workers)
    .bind(("127.0.0.1", port))?
    .run()
    .await
}

fn with_headers(body: Bytes, headers: &[(HeaderName, HeaderValue)]) -> HttpResponse {
    let mut response = HttpResponse::with_body(StatusCode::OK, body).map_into_boxed_body();
    for (name, value) in headers {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

/// The headers a response carries; actix-web writes `content-length` and `date` itself.
fn parse_headers(text: &str) -> Vec<(HeaderName, HeaderValue)> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .filter_map(|(name, value)| {
            let name = HeaderName::from_bytes(name.trim().as_bytes()).ok()?;
            let value = HeaderValue::from_str(value.trim()).ok()?;
            let written_by_actix = name == header::CONTENT_LENGTH || name == header::DATE;
            (!written_by_actix).then_some((name, value))
        })
        .collect()
}
