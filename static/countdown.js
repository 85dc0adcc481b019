// An event's invitation before it opens: counts down, and at the opening second loads the
// page again, which is then the Join page. Counts from the seconds the server gave (not the
// visitor's clock, which may be off); the server answers with a fresh count if it is early,
// so a reload never loops.
"use strict";
const status = document.querySelector("[data-opens-in]");
if (status) {
  const opensAt = Date.now() + Number(status.dataset.opensIn) * 1000;
  // "in 5 minutes", in the page's language, put into the page's own sentence.
  const relative = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "always" });
  const words = (seconds) =>
    seconds >= 120 ? relative.format(Math.ceil(seconds / 60), "minute") : relative.format(seconds, "second");
  const tick = () => {
    const left = Math.max(0, Math.ceil((opensAt - Date.now()) / 1000));
    if (left === 0) {
      window.location.reload();
      return;
    }
    status.textContent = status.dataset.sentence.replace("{when}", words(left));
    // The announcement is for a person: once a minute, and each second of the last ten.
    status.setAttribute("aria-live", left <= 10 || left % 60 === 0 ? "polite" : "off");
    setTimeout(tick, Math.min(1000, opensAt - Date.now() - (left - 1) * 1000));
  };
  tick();
}
