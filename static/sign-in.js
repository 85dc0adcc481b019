// Embedded pages sign in in a window of their own (providers refuse to be framed); when that
// window says it is done, this page loads again, now signed in. Without script the form still
// opens the sign-in in a new tab.
"use strict";

const signInWords = document.currentScript.dataset;
const form = document.querySelector("form[data-sign-in]");
const status = document.getElementById("sign-in-status");
if (form) {
  form.addEventListener("submit", (event) => {
    const url = new URL(form.action, location.href);
    for (const [key, value] of new FormData(form)) url.searchParams.set(key, value);
    const popup = window.open(url.toString(), "prebuilt-portal-sign-in", "popup,width=520,height=680");
    if (!popup) return; // blocked: the form opens a tab instead
    event.preventDefault();
    if (status) status.textContent = signInWords.finish;
  });
}
window.addEventListener("message", (event) => {
  if (event.origin === location.origin && event.data === "prebuilt-portal:signed-in") {
    location.reload();
  }
});
