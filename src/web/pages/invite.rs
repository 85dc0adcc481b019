//! `/i/{id}`: an invitation. GET shows whom it is for and a "Join" button (counting nothing, so
//! link scanners cannot use it up); POST (from this page only: a form token and the browser's
//! origin say so) counts a use and sends the browser to the meeting with a pass
//! (`/i/{id}?pass=…`), which reloads without counting again. The pass is also kept in a cookie
//! scoped to the invitation (`Path=/i/<id>`, for as long as the pass lives), so reopening the
//! invitation in the same browser (a closed tab, the mail link again) joins again without
//! counting a use.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::brand::Brand;
use super::html::{html, see_other};
use super::join::{join_page_of, session_cookie, tagged};
use crate::domain::InvitationId;
use crate::domain::PageKind;
use crate::domain::clock::unix_now;
use crate::portal::{Joined, PortalError};
use crate::web::error::WebError;
use crate::web::i18n::{self, Msg, Speech};
use crate::web::language::{speech, speech_of};
use crate::web::same_origin::from_own_form;
use crate::web::state::AppState;

/// The cookie that keeps an invitation's pass in the browser that pressed Join.
const PASS_COOKIE: &str = "portal_invitation";

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    room_title: &'a str,
    /// The event's title, else the room's.
    title: &'a str,
    /// An event's start: RFC 3339, and as read in its time zone.
    starts: Option<(String, String)>,
    calendar: Option<CalendarLinks>,
    role: &'a str,
    name: Option<&'a str>,
    /// When it ends, for people (UTC) and for the script that shows it in their own time zone.
    expires: &'a str,
    expires_at: &'a str,
    action: &'a str,
    form_token: &'a str,
}

pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    if let Some(id) = path.strip_suffix(".ics") {
        let file = state
            .portal
            .events()
            .invitee_calendar(&parse_id(id)?)
            .await?;
        return Ok(crate::web::api::calendar_response(file));
    }
    let id = parse_id(&path)?;
    if let Some(pass) = pass_of(req.query_string())? {
        return meeting(&state, &id, &pass, &req).await;
    }
    // The browser that pressed Join comes back in, while its pass lives.
    if let Some(kept) = req.cookie(PASS_COOKIE) {
        let rejoined = meeting(&state, &id, kept.value(), &req).await;
        if rejoined.is_ok() {
            return rejoined;
        }
    }
    let view = state.portal.invitations().view(&id).await?;
    let t = speech(&state, &req);
    let action = format!("/i/{}", view.id);
    let title = view
        .event
        .as_ref()
        .and_then(|e| e.title.clone())
        .unwrap_or_else(|| view.room_title.clone());
    let calendar = view
        .event
        .as_ref()
        .map(|event| calendar_links(&state, &view.id, event, &title, &t));
    if let (Some(opens_in), Some(event)) = (view.opens_in, &view.event) {
        let page = SoonPage {
            t,
            brand: Brand::speaking(&state, &t),
            title: &title,
            role: view.role.as_str(),
            name: view.name.as_deref(),
            starts_at: &rfc3339(event.starts_at),
            starts_local: &event.starts_local,
            opens_in,
            opens_in_words: &in_words(&t, opens_in),
            calendar,
        };
        return Ok(html(page.render()?));
    }
    let page = InvitePage {
        t,
        brand: Brand::speaking(&state, &t),
        title: &title,
        starts: view
            .event
            .as_ref()
            .map(|e| (rfc3339(e.starts_at), e.starts_local.clone())),
        calendar,
        room_title: &view.room_title,
        role: view.role.as_str(),
        name: view.name.as_deref(),
        expires: &view.expires,
        expires_at: &view.expires_at,
        action: &action,
        form_token: &state.portal.forms().issue(&action),
    };
    Ok(html(page.render()?))
}

/// The meeting behind a pass.
async fn meeting(
    state: &AppState,
    id: &InvitationId,
    pass: &str,
    req: &HttpRequest,
) -> Result<HttpResponse, WebError> {
    let client = || state.client_address.of(req.headers(), req.peer_addr());
    let session = session_cookie(req);
    let session = session.as_ref().map(|c| c.value());
    let visit = match state
        .portal
        .invitations()
        .visit(id, pass, session, client)
        .await
    {
        Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(id)),
        visit => visit?,
    };
    let t = speech_of(
        state,
        req.headers(),
        req.query_string(),
        visit.locale.as_deref(),
    );
    tagged(join_page_of(state, &visit, t), &visit)
}

pub async fn join(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
    req: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let id = parse_id(&path)?;
    let action = format!("/i/{id}");
    // Why it cannot be used (expired, used up, revoked, closed) is said whoever asks.
    let view = state.portal.invitations().view(&id).await?;
    if view.opens_in.is_some() {
        // Pressed before the event opens: back to its countdown.
        return Ok(see_other(&action).finish());
    }
    if !from_own_form(&state, &req, &body, &action) {
        return Err(WebError::CrossSite);
    }
    let session = session_cookie(&req);
    let session = session.as_ref().map(|c| c.value());
    let client = state.client_address.of(req.headers(), req.peer_addr());
    let pass = match state.portal.invitations().join(&id, session, client).await {
        Err(PortalError::SignInRequired(_)) => return Ok(sign_in_first(&id)),
        Ok(Joined::Meeting(pass)) => pass,
        Ok(Joined::Lobby { ticket, pass }) => {
            // The invitee waits in the room's lobby, on the waiting page of their ticket.
            let mut response = see_other(&format!("/lobby/t/{ticket}")).finish();
            super::lobby::set_ticket_cookie(&state, &mut response, &ticket, pass, PageKind::Join)?;
            return Ok(response);
        }
        Err(error) => return Err(error.into()),
    };
    let lifetime = pass.until.saturating_sub(unix_now());
    let cookie = Cookie::build(PASS_COOKIE, pass.sealed.clone())
        .path(action.clone())
        .http_only(true)
        .secure(state.cookies.secure())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(
            i64::try_from(lifetime).unwrap_or(0),
        ))
        .finish();
    let location = format!("{action}?pass={}", pass.sealed);
    Ok(see_other(&location).cookie(cookie).finish())
}

/// An event's invitation before it opens: a countdown, then (by itself) the Join page.
#[derive(Template)]
#[template(path = "invite-soon.html")]
struct SoonPage<'a> {
    t: Speech<'a>,
    brand: Brand<'a>,
    title: &'a str,
    role: &'a str,
    name: Option<&'a str>,
    starts_at: &'a str,
    starts_local: &'a str,
    /// Seconds until it opens: the script counts down from them, and without script the page
    /// reloads once then.
    opens_in: u64,
    opens_in_words: &'a str,
    calendar: Option<CalendarLinks>,
}

/// "Add to calendar": the invitee's file, a subscription to it, and the web calendars.
struct CalendarLinks {
    file: String,
    subscribe: String,
    google: String,
    outlook: String,
    office: String,
}

fn calendar_links(
    state: &AppState,
    id: &InvitationId,
    event: &crate::portal::events::EventView,
    title: &str,
    t: &Speech<'_>,
) -> CalendarLinks {
    let events = state.portal.events();
    let link = events.invitation_link(id);
    let file = format!("/i/{id}.ics");
    let own = events.portal_url(&file);
    let subscribe = own
        .split_once("://")
        .map_or_else(|| own.clone(), |(_, rest)| format!("webcal://{rest}"));
    let details = t.raw_with(Msg::CalendarDetails, &[("link", &link)]);
    let compact = |t: u64| rfc3339(t).replace(['-', ':'], "");
    let google = query(
        "https://calendar.google.com/calendar/render",
        &[
            ("action", "TEMPLATE"),
            ("text", title),
            (
                "dates",
                &format!("{}/{}", compact(event.starts_at), compact(event.ends_at)),
            ),
            ("details", &details),
            ("location", &link),
        ],
    );
    let outlook_fields = |base: &str| {
        query(
            base,
            &[
                ("path", "/calendar/action/compose"),
                ("rru", "addevent"),
                ("subject", title),
                ("startdt", &rfc3339(event.starts_at)),
                ("enddt", &rfc3339(event.ends_at)),
                ("body", &details),
                ("location", &link),
            ],
        )
    };
    CalendarLinks {
        file,
        subscribe,
        google,
        outlook: outlook_fields("https://outlook.live.com/calendar/0/deeplink/compose"),
        office: outlook_fields("https://outlook.office.com/calendar/0/deeplink/compose"),
    }
}

fn query(base: &str, pairs: &[(&str, &str)]) -> String {
    let encoded = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{base}?{encoded}")
}

/// "in 12 minutes", "in 45 seconds": how long until it opens, for people.
fn in_words(t: &Speech<'_>, seconds: u64) -> String {
    match seconds {
        0..=119 => t.opens_in_seconds(seconds).to_string(),
        _ => t.opens_in_minutes(seconds.div_ceil(60)).to_string(),
    }
}

fn rfc3339(unix_secs: u64) -> String {
    crate::portal::events::rfc3339(unix_secs)
}

/// An invitation to an `sso` role: sign in, then back to the invitation's page to press Join.
fn sign_in_first(id: &InvitationId) -> HttpResponse {
    see_other(&format!("/auth/login?next=/i/{id}")).finish()
}

/// Anything that is not an id names no invitation.
fn parse_id(text: &str) -> Result<InvitationId, WebError> {
    InvitationId::parse(text).map_err(|_| WebError::Portal(PortalError::UnknownInvitation))
}

fn pass_of(query: &str) -> Result<Option<String>, WebError> {
    let mut passes = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key == "pass")
        .map(|(_, value)| value.into_owned());
    let pass = passes.next();
    if passes.next().is_some() {
        return Err(WebError::BadRequest(
            "the parameter pass is given twice".into(),
        ));
    }
    Ok(pass)
}
