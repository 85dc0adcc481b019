//! Join and embed pages rendered once per code: a view without options of a page whose code is
//! still the one it was rendered for (the same `Arc`, so a new code renders anew) gets the same
//! bytes again. Rendering and escaping were about a tenth of a cached view's instructions.

use std::sync::Arc;

use actix_web::web::Bytes;

use crate::portal::Visit;
use crate::resolver::Resolved;

/// Pages kept at most: enough for the busiest rooms, small next to the code cache.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

pub struct RenderedPages {
    pages: moka::future::Cache<String, Arc<RenderedPage>, foldhash::fast::RandomState>,
}

struct RenderedPage {
    code: Arc<Resolved>,
    body: Bytes,
}

impl Default for RenderedPages {
    fn default() -> Self {
        Self {
            pages: moka::future::Cache::builder()
                .max_capacity(MAX_BYTES)
                .weigher(|path: &String, page: &Arc<RenderedPage>| {
                    u32::try_from(path.len() + page.body.len()).unwrap_or(u32::MAX)
                })
                .build_with_hasher(foldhash::fast::RandomState::default()),
        }
    }
}

impl RenderedPages {
    /// The page of `path` for `visit`: kept bytes when they fit, else `render`ed (and kept,
    /// when the page is the same for every visitor of the path: no options, no session).
    pub async fn page<E>(
        &self,
        path: &str,
        query: &str,
        visit: &Visit,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<Bytes, E> {
        let shared = query.is_empty() && visit.signed_in.is_none();
        let Some(code) = visit.code.as_ref().filter(|_| shared) else {
            return render().map(Bytes::from);
        };
        if let Some(page) = self.pages.get(path).await
            && Arc::ptr_eq(&page.code, code)
        {
            return Ok(page.body.clone());
        }
        let body = Bytes::from(render()?);
        let page = RenderedPage {
            code: code.clone(),
            body: body.clone(),
        };
        self.pages.insert(path.to_owned(), Arc::new(page)).await;
        Ok(body)
    }
}
