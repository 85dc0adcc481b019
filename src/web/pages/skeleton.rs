//! Most views are a bare link's join or embed page, for a visitor who is neither signed in nor
//! a host: the same page but for the room's title, the role and the meeting's address. Each
//! such page is rendered once per language (when that language is first asked for), by its own
//! template with stand-ins for those three, and cut there; a view then writes the pieces and
//! its three values, instead of running the template's every expression (its words, its
//! language switch) again.

use std::sync::OnceLock;

use crate::domain::{Language, PageKind};

/// Stand-ins for the room's title, the role and the meeting's address (each given as HTML):
/// private-use characters, which no template or catalogue text contains.
pub(super) const TITLE: &str = "\u{E100}";
pub(super) const ROLE: &str = "\u{E101}";
pub(super) const URL: &str = "\u{E102}";
const SLOTS: [char; 3] = ['\u{E100}', '\u{E101}', '\u{E102}'];

enum Part {
    Html(Box<str>),
    Slot(usize),
}

/// A page cut at its values, with what sizes its buffer: its own text's length, and how often
/// each value stands in it.
struct Cut {
    parts: Vec<Part>,
    text_len: usize,
    uses: [usize; 3],
}

/// Each language's join and embed page, cut at their values.
pub struct Skeletons {
    /// By language, then join and embed; `None` if its page could not be rendered (the view
    /// then renders it as any other page).
    pages: [OnceLock<[Option<Cut>; 2]>; Language::ALL.len()],
}

impl Skeletons {
    pub fn new() -> Self {
        Self {
            pages: [const { OnceLock::new() }; Language::ALL.len()],
        }
    }

    /// The page with its values, each already HTML (escaped by the caller), if it was made.
    /// `render` renders a page kind in `language` with the stand-ins above, the first time.
    pub fn fill(
        &self,
        (kind, language): (PageKind, Language),
        title: &str,
        role: &str,
        url: &str,
        render: impl Fn(PageKind) -> Option<String>,
    ) -> Option<String> {
        let index = usize::from(kind == PageKind::Embed);
        let cuts = self.pages.get(language as usize)?.get_or_init(|| {
            [PageKind::Join, PageKind::Embed].map(|kind| render(kind).map(|page| cut(&page)))
        });
        let cut = cuts[index].as_ref()?;
        let values = [title, role, url];
        let size = cut.text_len
            + (0..3)
                .map(|slot| cut.uses[slot] * values[slot].len())
                .sum::<usize>();
        let mut page = String::with_capacity(size);
        for part in &cut.parts {
            match part {
                Part::Html(html) => page.push_str(html),
                Part::Slot(slot) => page.push_str(values[*slot]),
            }
        }
        Some(page)
    }
}

fn cut(page: &str) -> Cut {
    let parts = parts(page);
    let mut uses = [0; 3];
    let mut text_len = 0;
    for part in &parts {
        match part {
            Part::Html(html) => text_len += html.len(),
            Part::Slot(slot) => uses[*slot] += 1,
        }
    }
    Cut {
        parts,
        text_len,
        uses,
    }
}

fn parts(page: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find(SLOTS) {
        if at > 0 {
            parts.push(Part::Html(rest[..at].into()));
        }
        let slot = rest[at..]
            .chars()
            .next()
            .and_then(|c| SLOTS.iter().position(|s| *s == c));
        parts.push(Part::Slot(slot.unwrap_or(0)));
        rest = &rest[at + SLOTS[0].len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Html(rest.into()));
    }
    parts
}
