// Console enhancements; every page works without them.
"use strict";

// After signing in at the provider: open the console at once (the button stays for no script).
for (const form of document.querySelectorAll("form[data-autosubmit]")) form.requestSubmit();

// Filtering as you type: the results are fetched as the page would be, and swapped in.
for (const field of document.querySelectorAll("input[data-live-search]")) {
  const results = document.getElementById(field.dataset.liveSearch);
  let timer;
  let asked = 0;
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ask = ++asked;
      const url = new URL(field.form.action, location.href);
      url.searchParams.set("q", field.value);
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok || ask !== asked) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById(results.id);
        if (fresh) results.replaceWith(fresh);
        history.replaceState(null, "", url);
      } catch {
        // Offline or refused: the Search button still works.
      }
    }, 250);
  });
}
