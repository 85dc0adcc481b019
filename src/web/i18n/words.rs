//! One language's words: every message formatted once at start-up (escaped for HTML, and cut
//! at its variables), so a page view copies its words instead of running Fluent; messages
//! that choose by a number (plurals) are formatted by Fluent when asked.

use std::fmt::{self, Write as _};

use askama::filters::{Escaper, Html as HtmlEscaper, HtmlSafe};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentValue};

use crate::domain::Language;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Text that is already HTML: written as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Html<'a>(pub &'a str);

impl Html<'_> {
    pub fn as_str(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl HtmlSafe for Html<'_> {}

// Written straight into the page, not through `fmt::Formatter`: a view writes a dozen of these,
// and the formatting machinery cost as much again as the copies themselves.
impl askama::FastWritable for Html<'_> {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(dest.write_str(self.0)?)
    }
}

/// A value for a message's variable.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Plain text, escaped where it is written.
    Text(&'a str),
    /// Markup (already escaped), such as `<strong>Ada</strong>`.
    Html(&'a str),
    /// A number, which may choose the message's plural form.
    Number(i64),
    /// Markup made for this page (see [`strong`], [`badge`], [`time`]).
    Markup(String),
}

/// A name in bold.
pub fn strong(text: &str) -> Arg<'static> {
    wrapped("<strong>", text, "</strong>")
}

/// A role's badge.
pub fn badge(role: &str) -> Arg<'static> {
    wrapped("<span class=\"role\">", role, "</span>")
}

/// A moment: `shown` for people, `datetime` for machines (and the script that shows it in the
/// visitor's own time zone and language).
pub fn time(datetime: &str, shown: &str) -> Arg<'static> {
    let mut html = String::from("<time datetime=\"");
    let _ = HtmlEscaper.write_escaped_str(&mut html, datetime);
    html.push_str("\">");
    let _ = HtmlEscaper.write_escaped_str(&mut html, shown);
    html.push_str("</time>");
    Arg::Markup(html)
}

fn wrapped(open: &str, text: &str, close: &str) -> Arg<'static> {
    let mut html = String::from(open);
    let _ = HtmlEscaper.write_escaped_str(&mut html, text);
    html.push_str(close);
    Arg::Markup(html)
}

/// What a message's variable may be given: text, [`Html`], a number, an [`Arg`], or a
/// reference to one (templates pass references of references).
pub trait ToArg<'a> {
    fn to_arg(self) -> Arg<'a>;
}

impl<'a> ToArg<'a> for &'a str {
    fn to_arg(self) -> Arg<'a> {
        Arg::Text(self)
    }
}

impl<'a> ToArg<'a> for &'a String {
    fn to_arg(self) -> Arg<'a> {
        Arg::Text(self)
    }
}

impl<'a> ToArg<'a> for Html<'a> {
    fn to_arg(self) -> Arg<'a> {
        Arg::Html(self.0)
    }
}

impl<'a> ToArg<'a> for Arg<'a> {
    fn to_arg(self) -> Arg<'a> {
        self
    }
}

impl<'a> ToArg<'a> for &Arg<'a> {
    fn to_arg(self) -> Arg<'a> {
        self.clone()
    }
}

impl<'a, T: ToArg<'a> + Copy> ToArg<'a> for &T {
    fn to_arg(self) -> Arg<'a> {
        (*self).to_arg()
    }
}

macro_rules! number_args {
    ($($type:ty),*) => {$(
        impl ToArg<'_> for $type {
            fn to_arg(self) -> Arg<'static> {
                Arg::Number(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u16, u32, u64, usize, i64);

/// A message with its variables filled in: written as HTML.
pub enum Filled<'a, const N: usize> {
    Cut(&'a [Piece], [Arg<'a>; N]),
    Formatted(String),
}

impl<const N: usize> Filled<'_, N> {
    fn write(&self, dest: &mut (impl fmt::Write + ?Sized)) -> fmt::Result {
        match self {
            Self::Formatted(html) => dest.write_str(html),
            Self::Cut(pieces, args) => {
                for piece in *pieces {
                    match piece {
                        Piece::Html(html) => dest.write_str(html)?,
                        Piece::Arg(i) => write_arg(dest, args.get(*i))?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl<const N: usize> fmt::Display for Filled<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

impl<const N: usize> HtmlSafe for Filled<'_, N> {}

impl<const N: usize> askama::FastWritable for Filled<'_, N> {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(self.write(dest)?)
    }
}

fn write_arg(out: &mut (impl fmt::Write + ?Sized), arg: Option<&Arg<'_>>) -> fmt::Result {
    match arg {
        Some(Arg::Text(text)) => HtmlEscaper.write_escaped_str(out, text),
        Some(Arg::Html(html)) => out.write_str(html),
        Some(Arg::Number(n)) => write!(out, "{n}"),
        Some(Arg::Markup(html)) => out.write_str(html),
        None => Ok(()),
    }
}

/// A formatted message's HTML between its variables.
#[derive(Debug)]
pub enum Piece {
    Html(Box<str>),
    Arg(usize),
}

/// A message formatted once.
struct Entry {
    /// As text (for problem+json titles, mail subjects, scripts' strings), variables as `{name}`.
    raw: Box<str>,
    pieces: Vec<Piece>,
    /// `raw`, escaped: a message without variables, or a script's template in an attribute.
    html: Box<str>,
}

/// One language's catalogue.
pub struct Words {
    language: Language,
    bundle: FluentBundle<super::Resource>,
    entries: Vec<Entry>,
}

/// Variables stand in as private-use characters while a message is formatted once.
const FIRST_SLOT: u32 = 0xE000;

impl Words {
    pub(super) fn new(language: Language, bundle: FluentBundle<super::Resource>) -> Self {
        let mut words = Self {
            language,
            bundle,
            entries: Vec::with_capacity(Msg::ALL.len()),
        };
        for &msg in Msg::ALL {
            let slots: Vec<(&str, char)> = msg
                .vars()
                .iter()
                .enumerate()
                .map(|(i, var)| (*var, slot(i)))
                .collect();
            let text = words.format(msg, |var| {
                let at = slots.iter().find(|(name, _)| *name == var)?;
                Some(FluentValue::from(at.1.to_string()))
            });
            let raw = text.chars().fold(String::new(), |mut raw, c| {
                match slots.iter().find(|(_, s)| *s == c) {
                    Some((name, _)) => {
                        let _ = write!(raw, "{{{name}}}");
                    }
                    None => raw.push(c),
                }
                raw
            });
            let pieces = cut(&text);
            let mut html = String::with_capacity(raw.len());
            escape_catalogue_text(&mut html, &raw);
            words.entries.push(Entry {
                raw: raw.into(),
                pieces,
                html: html.into(),
            });
        }
        words
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// `<html lang>` (nothing to escape).
    pub fn lang(&self) -> Html<'static> {
        Html(self.language.tag())
    }

    /// `<html dir>`.
    pub fn dir(&self) -> Html<'static> {
        Html(self.language.direction())
    }

    /// A message as HTML; variables stay `{name}` (for a script to fill).
    pub fn text(&self, msg: Msg) -> Html<'_> {
        Html(&self.entries[msg as usize].html)
    }

    /// A message as plain text, variables as `{name}` (for scripts and problem titles).
    pub fn raw(&self, msg: Msg) -> &str {
        &self.entries[msg as usize].raw
    }

    /// A message as plain text with its variables filled in (a mail's subject, a calendar
    /// entry's details): no plural forms.
    pub fn raw_with(&self, msg: Msg, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.raw(msg).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }

    /// A message with its variables (in [`Msg::vars`] order): cut once and filled here,
    /// unless a number may choose its form, which Fluent then does.
    pub fn fill<'a, const N: usize>(&'a self, msg: Msg, args: [Arg<'a>; N]) -> Filled<'a, N> {
        if !args.iter().any(|a| matches!(a, Arg::Number(_))) {
            return Filled::Cut(&self.entries[msg as usize].pieces, args);
        }
        let vars = msg.vars();
        let text = self.format(msg, |var| {
            let i = vars.iter().position(|v| *v == var)?;
            Some(match args.get(i)? {
                Arg::Number(n) => FluentValue::from(*n),
                _ => FluentValue::from(slot(i).to_string()),
            })
        });
        let mut html = String::with_capacity(text.len() + 32);
        for piece in cut(&text) {
            let _ = match piece {
                Piece::Html(part) => html.write_str(&part),
                Piece::Arg(i) => write_arg(&mut html, args.get(i)),
            };
        }
        Filled::Formatted(html)
    }

    /// The message through Fluent, with the variables `value` gives.
    fn format<'s>(&'s self, msg: Msg, value: impl Fn(&str) -> Option<FluentValue<'s>>) -> String {
        let Some(pattern) = self.bundle.get_message(msg.id()).and_then(|m| m.value()) else {
            return msg.id().to_owned();
        };
        let mut args = FluentArgs::new();
        for var in msg.vars() {
            if let Some(v) = value(var) {
                args.set(*var, v);
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

fn slot(i: usize) -> char {
    char::from_u32(FIRST_SLOT + i as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Formatted text, escaped for HTML and cut at its variables' slots.
fn cut(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut html = String::new();
    for c in text.chars() {
        let n = c as u32;
        if (FIRST_SLOT..FIRST_SLOT + 16).contains(&n) {
            if !html.is_empty() {
                pieces.push(Piece::Html(std::mem::take(&mut html).into()));
            }
            pieces.push(Piece::Arg((n - FIRST_SLOT) as usize));
        } else {
            let mut buffer = [0u8; 4];
            escape_catalogue_text(&mut html, c.encode_utf8(&mut buffer));
        }
    }
    if !html.is_empty() {
        pieces.push(Piece::Html(html.into()));
    }
    pieces
}

/// A catalogue's text as HTML for text and double-quoted attributes (the only places the
/// templates put it): unlike askama's escaper, apostrophes stay as they are, so French and
/// English words read the same in the page's source as on screen.
fn escape_catalogue_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
