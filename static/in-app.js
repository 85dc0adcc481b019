// The built-in browsers of social and chat apps (told by their user agents) often cannot give
// a page the camera or microphone: the join page says so and offers the phone's own browser,
// instead of a meeting that cannot start. The notice is made here, so the cached page stays
// small and the same for everyone.
"use strict";
const IN_APP =
  /FBAN|FBAV|FB_IAB|Instagram|LinkedInApp|Snapchat|musical_ly|BytedanceWebview|TikTok|\bLine\/|MicroMessenger|Pinterest|KAKAOTALK|Twitter|; wv\)/i;
const agent = navigator.userAgent;
// The notice's words, in the page's language: "{link}" marks where the link goes.
const inAppWords = document.currentScript.dataset;
const bar = document.querySelector(".bar");
if (bar && IN_APP.test(agent)) {
  const here = new URL(location.href);
  const open = document.createElement("a");
  open.textContent = inAppWords.open;
  open.target = "_blank";
  open.rel = "noopener";
  open.href = here.href;
  if (/Android/i.test(agent)) {
    // Android hands an intent: URL to the default browser.
    const scheme = here.protocol.replace(":", "");
    open.href = `intent://${here.host}${here.pathname}${here.search}#Intent;scheme=${scheme};end`;
  } else if (/iPhone|iPad|iPod/i.test(agent) && here.protocol === "https:") {
    // iOS opens x-safari-https: links in Safari.
    open.href = `x-safari-${here.href}`;
  }
  const notice = document.createElement("p");
  notice.className = "in-app";
  notice.id = "in-app";
  notice.setAttribute("role", "alert");
  const [before, after = ""] = inAppWords.notice.split("{link}");
  notice.append(before, open, after);
  bar.after(notice);
}
