// The built-in browsers of social and chat apps (told by their user agents) often cannot give
// a page the camera or microphone: the join page says so and offers the phone's own browser,
// instead of a meeting that cannot start. Static, so the cached page is the same for everyone.
"use strict";
const IN_APP =
  /FBAN|FBAV|FB_IAB|Instagram|LinkedInApp|Snapchat|musical_ly|BytedanceWebview|TikTok|\bLine\/|MicroMessenger|Pinterest|KAKAOTALK|Twitter|; wv\)/i;
const agent = navigator.userAgent;
const notice = document.getElementById("in-app");
if (notice && IN_APP.test(agent)) {
  const open = notice.querySelector("[data-open-outside]");
  const here = new URL(location.href);
  if (open && /Android/i.test(agent)) {
    // Android hands an intent: URL to the default browser.
    const scheme = here.protocol.replace(":", "");
    open.href = `intent://${here.host}${here.pathname}${here.search}#Intent;scheme=${scheme};end`;
  } else if (open && /iPhone|iPad|iPod/i.test(agent) && here.protocol === "https:") {
    // iOS opens x-safari-https: links in Safari.
    open.href = `x-safari-${here.href}`;
  }
  notice.hidden = false;
}
