//! Finished pages of a code: the bytes of a bare link's join and embed pages (issue 32), kept
//! in the code's own cache entry, so a cached view renders nothing and looks nothing else up.
//! The web layer renders them; the resolver only holds them, and drops them with the entry (a
//! new code, a refreshed room). A process-wide budget bounds them however many codes are
//! cached: past it, pages are rendered per view as before.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;

use crate::domain::PageKind;

/// At most this many bytes of finished pages in all: about 8,000 pages of 1 KB, while 100,000
/// cached codes stay within their memory target.
const BUDGET: usize = 8 * 1024 * 1024;
static KEPT: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Default)]
pub struct FinishedPages {
    join: OnceLock<Bytes>,
    embed: OnceLock<Bytes>,
}

impl FinishedPages {
    /// The page of `kind`: kept, else made by `render` and kept while the budget allows.
    pub fn get_or_render<E>(
        &self,
        kind: PageKind,
        render: impl FnOnce() -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        let slot = self.slot(kind);
        if let Some(page) = slot.get() {
            return Ok(page.clone());
        }
        let page = render()?;
        let size = page.len();
        let within = KEPT.fetch_add(size, Ordering::Relaxed) + size <= BUDGET;
        // Another view may have kept it meanwhile: then this one is not counted.
        if !within || slot.set(page.clone()).is_err() {
            KEPT.fetch_sub(size, Ordering::Relaxed);
        }
        Ok(page)
    }

    fn slot(&self, kind: PageKind) -> &OnceLock<Bytes> {
        match kind {
            PageKind::Join => &self.join,
            PageKind::Embed => &self.embed,
        }
    }
}

impl Drop for FinishedPages {
    fn drop(&mut self) {
        for slot in [&self.join, &self.embed] {
            if let Some(page) = slot.get() {
                KEPT.fetch_sub(page.len(), Ordering::Relaxed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_rendered_once_and_the_budget_is_given_back_when_the_entry_goes() {
        let before = KEPT.load(Ordering::Relaxed);
        let pages = FinishedPages::default();
        let mut renders = 0;
        for _ in 0..3 {
            let page = pages
                .get_or_render(PageKind::Join, || {
                    renders += 1;
                    Ok::<_, ()>(Bytes::from_static(b"<html>join</html>"))
                })
                .unwrap();
            assert_eq!(&page[..], b"<html>join</html>");
        }
        assert_eq!(renders, 1);
        drop(pages);
        assert_eq!(KEPT.load(Ordering::Relaxed), before);
    }
}
